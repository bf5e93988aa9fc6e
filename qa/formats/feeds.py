"""RSS 0.9x/1.0/2.0 and Atom feeds: one `Doc` per item.

The same parse serves a feed file in the corpus (`read`) and a feed fetched by `qa feed pull`
(`parse`), so an item reads the same either way. Feed content is untrusted: its HTML is only
ever reduced to text here, never rendered or run.
"""

from __future__ import annotations

import email.utils
import hashlib
import io
import re
import time
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date as Date
from typing import Any
from urllib.parse import urljoin

from ..cleaning import iso_date
from ..errors import FeedError
from ..text import one_line
from . import Doc, markup

MAX_KEY_CHARS = 500
"""An item id longer than this is cut: it becomes part of an article id."""

_OPML = re.compile(rb"<opml[\s>]", re.IGNORECASE)


@dataclass(frozen=True)
class Feed:
    """A parsed feed: its title and items, and one-line problems for items it skipped."""

    title: str | None
    docs: tuple[Doc, ...]
    problems: tuple[str, ...] = ()


def read(raw: bytes) -> tuple[list[Doc], list[str]]:
    """The items of a feed file in the corpus; a file that is no feed is one problem."""
    try:
        feed = parse(raw)
    except FeedError as exc:
        return [], [f"skipped: {exc}"]
    return list(feed.docs), list(feed.problems)


def parse(raw: bytes, base: str | None = None) -> Feed:
    """Parse RSS or Atom bytes; FeedError when they are no feed, or too broken to read.

    `base` is the address the feed was fetched from: item links relative to it are made
    whole (a feed file has none, and its relative links are dropped)."""
    import feedparser  # slow to import: only when there is a feed to read

    # A stream, never bytes: feedparser opens bytes that name an existing file as that file.
    parsed = feedparser.parse(io.BytesIO(raw))
    broken = _broken(parsed)
    if not parsed.get("version"):
        if _OPML.search(raw[:4096]):
            raise FeedError("an OPML list of feeds, not a feed: subscribe to its feeds with "
                            "`qa feed add FILE`")
        raise FeedError(f"not an RSS or Atom feed{f' ({broken})' if broken else ''}")
    title = one_line(_text(parsed.feed.get("title_detail"))) or None
    docs: list[Doc] = []
    seen: set[str] = set()
    repeats = 0
    for entry in parsed.entries:
        doc = _doc(entry, title, base)
        if doc is None:
            continue
        if doc.key in seen:
            repeats += 1
            continue
        seen.add(doc.key or "")
        docs.append(doc)
    problems = [f"skipped {repeats} item(s) repeating an earlier item's id"] if repeats else []
    if broken and not docs:
        raise FeedError(f"malformed feed ({broken})")
    if broken:
        problems.append(f"malformed XML ({broken}): kept the {len(docs)} item(s) read")
    return Feed(title, tuple(docs), tuple(problems))


def _broken(parsed: Mapping[str, Any]) -> str | None:
    """Why the XML is not well-formed, in one line; None when it is (feedparser's other
    complaints, such as a wrong encoding declaration, are no reason to doubt the items)."""
    import xml.sax

    exc = parsed.get("bozo_exception")
    if not isinstance(exc, xml.sax.SAXException):
        return None
    # The message without its position: feedparser's rewriting of the XML shifts the lines.
    return one_line(exc.getMessage()) or "not well-formed"


def _doc(entry: Mapping[str, Any], feed_title: str | None, base: str | None) -> Doc | None:
    """One item as a Doc; None for an item with no text at all (not even a title)."""
    headline = one_line(_text(entry.get("title_detail"))) or None
    body = _body(entry) or headline or ""
    if not body.strip():
        return None
    date = _date(entry)
    origin = entry.get("source")
    named = origin.get("title") if isinstance(origin, Mapping) else None
    source = one_line(str(named or feed_title or entry.get("author") or "")) or None
    link = entry.get("link") if isinstance(entry.get("link"), str) else None
    if link and base:
        link = urljoin(base, link)
    key = one_line(str(entry.get("id") or link or ""))[:MAX_KEY_CHARS]
    fallback = f"{headline}\n{date}" if headline or date else body
    return Doc(text=body, headline=headline, date=date, source=source, link=link,
               key=key or _digest(fallback))


def _body(entry: Mapping[str, Any]) -> str:
    """The item's full content when it has one, else its summary, as plain text."""
    for detail in (*entry.get("content", ()), entry.get("summary_detail")):
        text = _text(detail)
        if text.strip():
            return text
    return ""


def _text(detail: Mapping[str, Any] | None) -> str:
    """The text of a feedparser text construct: HTML reduced to text, plain text kept."""
    if not detail:
        return ""
    value = detail.get("value") or ""
    if "html" in (detail.get("type") or "") and "<" in value:
        return html_text(value)
    return value


def html_text(html: str) -> str:
    """The text of an HTML fragment, block elements set apart as paragraphs.

    Scripts, styles, forms and embedded objects are dropped with their text; nothing is
    fetched or run (lxml parses, it does not render)."""
    import lxml.html
    from lxml import etree

    if not html.strip():
        return ""
    try:
        root = lxml.html.fragment_fromstring(html, create_parent="div")
    except (etree.LxmlError, ValueError):
        return ""
    markup.strip(root)
    return "\n\n".join(markup.paragraphs(root))



def _date(entry: Mapping[str, Any]) -> str | None:
    """The day the item was published (else updated) as the feed wrote it: in the
    publisher's time zone, not converted to UTC (which can move it a day)."""
    for key in ("published", "updated", "created"):
        raw = entry.get(key)
        if isinstance(raw, str) and raw.strip():
            found = iso_date(raw) or _rfc822_date(raw)
            if found:
                return found
        parsed = entry.get(f"{key}_parsed")
        if parsed:
            return time.strftime("%Y-%m-%d", parsed)
    return None


def _rfc822_date(raw: str) -> str | None:
    """The date of an RSS date ("Tue, 05 Mar 2024 23:30:00 -0500"), as written."""
    fields = email.utils.parsedate_tz(raw)
    if not fields:
        return None
    try:
        return Date(*fields[:3]).isoformat()
    except ValueError:
        return None


def _digest(text: str) -> str:
    """A stable id for an item that has neither id nor link: from its title and date (its
    text when it has neither), so an edit of its text updates it rather than adding one."""
    return hashlib.sha256(text.encode()).hexdigest()[:16]
