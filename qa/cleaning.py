"""Clean one article's text: drop site chrome, read its front matter, date line and credit.

Text in, fields out: nothing here knows about files (qa/articles.py reads them)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date as Date
from typing import Any

from .text import PARAGRAPH_BREAK, normalize
from .vocab import month_number


@dataclass(frozen=True)
class Cleaned:
    """An article's fields as its text states them (before it gets a path and an id)."""

    headline: str
    date: str | None
    """ISO date (YYYY-MM-DD) when the article states one; never guessed."""
    source: str | None
    body: str
    """Paragraphs separated by one blank line."""
    problem: str | None = None
    """Something the user should hear about (bad front matter), though the text was kept."""
    link: str | None = None
    """An http(s) address the article names for itself (front matter `link:` or `url:`)."""


# Lines that are site navigation, never article text.
CHROME = {
    "skip to main content", "skip to content", "skip to navigation", "advertisement",
    "share", "share this article", "share this", "print", "email", "comments",
    "sign up", "subscribe", "log in", "sign in", "menu", "close", "search",
}
# Markers after which a page holds only promos, link lists and footers.
_TAIL = ("top stories", "stay connected", "related stories", "related articles",
         "more from", "most read", "trending", "you may also like", "recommended for you")
_TAIL_GLUED = re.compile(
    r"\s*\b(Top Stories|Stay Connected|Related Stories|Related Articles|Most Read)\s*$"
)
_DATE_PREFIX = re.compile(r"^\s*date\s*[:=]?\s*(\d{4}-\d{2}-\d{2})\b[ \t]*", re.IGNORECASE)
_DATELINE_ONLY = re.compile(r"^[A-Z][A-Z.,'’ ]{1,40}\s*[-–—]+\s*$")
_CREDIT = re.compile(
    r"^This (?:report|story|article) by (?P<src>.+?) was first published(?: on)?"
    r"(?P<when> [A-Z][a-z]+\.? \d{1,2}, \d{4})?\.?\s*$"
)
_BYLINE = re.compile(r"^[Bb]y\s+([A-Z][\w.&'’-]*(?:\s+(?:and\s+)?[A-Z][\w.&'’-]*){0,5})\.?$")
"""A line that only names who wrote or published the article ("By Valley Herald")."""
_BYLINE_WITHIN = 3
"""How many paragraphs from the top a byline or a date line may stand (headline, byline, date)."""
_WITH_FILES = re.compile(r"^[-–—]*\s*With files from (?P<src>.+?)\.?\s*$", re.IGNORECASE)
# A YAML block between `---` lines at the very top (closed by `---` or `...`).
_FRONT_MATTER = re.compile(r"^---[ \t]*\n(?:(.*?)\n)?(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
# Front-matter keys, in order of preference, for each field.
_KEYS = {"headline": ("title", "headline"), "date": ("date", "published"),
         "source": ("source", "publisher", "author"), "link": ("link", "url")}


def clean(text: str, *, markdown: bool = False, headline: str | None = None,
          date: str | None = None, source: str | None = None,
          link: str | None = None, web: bool = True) -> Cleaned | None:
    """Clean a plain-text or Markdown article; `None` when no body text is left.

    `headline`, `date`, `source` and `link` given by the caller (a JSONL record's fields)
    win over what the text says. `web=False` (a PDF, a book) keeps everything after a
    "Top Stories" or "More from" line: there it is text, not a page's promo footer."""
    text = _plain(text)
    problem = None
    if markdown:
        meta, text, problem = front_matter(text)
        headline = headline or meta.get("headline")
        date = date or iso_date(meta.get("date"))
        source = source or meta.get("source")
        link = link or meta.get("link")
    m = _DATE_PREFIX.match(text)
    if m:
        date = date or iso_date(m.group(1))
        text = text[m.end():]

    kept: list[str] = []
    for para in _paragraphs(text, markdown):
        low = para.lower().strip(" .:")
        if low in CHROME:
            continue
        if web and low.startswith(_TAIL) and len(low) < 40:
            if kept:
                break
            continue  # navigation above the article ("Top Stories" in a menu), not its end
        glued = _TAIL_GLUED.search(para) if web else None
        if glued and glued.start() > 0 and kept:
            kept.append(para[: glued.start()].rstrip())
            break
        kept.append(para)

    body_paras: list[str] = []
    for n, para in enumerate(kept):
        if _DATELINE_ONLY.match(para) and not body_paras:
            continue
        if n < _BYLINE_WITHIN and (by := _BYLINE.match(para)):
            source = source or by.group(1)  # "By Valley Herald" under the headline
            continue
        if n < _BYLINE_WITHIN and len(para) <= 40 and (when := iso_date(para.strip(" ."))):
            date = date or when  # a line that is only a date ("2024-03-02")
            continue
        credit = _CREDIT.match(para)
        if credit:
            source = source or credit.group("src").strip()
            if credit.group("when"):
                date = date or iso_date(credit.group("when").strip())
            continue
        with_files = _WITH_FILES.match(para)
        if with_files:
            source = source or with_files.group("src").strip()
            continue
        body_paras.append(para)

    if not body_paras:
        return None
    if headline is None:
        first = body_paras[0]
        if markdown and first.startswith("#"):
            headline = first.lstrip("#").strip()
            body_paras = body_paras[1:]
        elif _looks_like_headline(first) and len(body_paras) > 1:
            headline = first
            body_paras = body_paras[1:]
    if not body_paras:
        return None
    body = "\n\n".join(body_paras)
    return Cleaned(headline or _headline_from(body), date, source, body, problem,
                   web_link(link))


def paragraphs(text: str) -> list[str]:
    """The paragraphs `clean` splits a plain text into, before it drops any: each paragraph of
    a clean body is one of these (its end cut off at most, or its start by a date prefix)."""
    return _paragraphs(_plain(text), markdown=False)


def _plain(text: str) -> str:
    return normalize(text).replace("\u00a0", " ")


def web_link(value: str | None) -> str | None:
    """`value` when it is one http(s) address, else None: a link is shown and may be opened,
    so `javascript:`, `file:` and the like from an untrusted article never are."""
    if not value:
        return None
    value = value.strip()
    if re.fullmatch(r"https?://[^\s<>\"'`\\]+", value, re.IGNORECASE) and len(value) <= 2000:
        return value
    return None


def front_matter(text: str) -> tuple[dict[str, str], str, str | None]:
    """A Markdown file's YAML front matter: its fields, the text after it, and a problem.

    Bad YAML (or YAML that is not a mapping) gives no fields and a one-line problem; the
    block is dropped all the same, since it is metadata, never article text. Only
    `yaml.safe_load`: nothing in an article is ever run."""
    m = _FRONT_MATTER.match(text)
    if not m:
        return {}, text, None
    rest = text[m.end():]
    import yaml  # slow to import: only for a file with front matter

    try:
        data = yaml.safe_load(m.group(1) or "")
    except yaml.YAMLError as exc:
        where = getattr(exc, "problem_mark", None)
        line = f" (line {where.line + 2})" if where is not None else ""
        reason = getattr(exc, "problem", None) or "not valid YAML"
        plain = _plain_lines(m.group(1) or "")
        if plain is None:
            return {}, rest, f"not valid YAML{line}: {reason}"
        # "title: Flood: residents evacuated" is how people write it, though YAML wants quotes.
        data = plain
    if data is None:
        return {}, rest, None
    if not isinstance(data, dict):
        return {}, rest, "not a list of `key: value` lines"
    lowered = {str(k).strip().lower(): v for k, v in data.items()}
    meta = {}
    for field, keys in _KEYS.items():
        value = next((v for k in keys if (v := _scalar(lowered.get(k))) is not None), None)
        if value is not None:
            meta[field] = value
    return meta, rest, None


_PLAIN_LINE = re.compile(r"^([A-Za-z_][\w-]*):\s+([^\s\[\]{}!&*|>'\"%@`#].*)$")


def _plain_lines(block: str) -> dict[str, str] | None:
    """Front matter that is not YAML but plain `key: value` lines (values holding a colon),
    or None when any line is something else."""
    out = {}
    for line in block.split("\n"):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        m = _PLAIN_LINE.match(line.rstrip())
        if not m:
            return None
        out[m.group(1)] = m.group(2)
    return out or None


def _scalar(value: Any) -> str | None:
    """A front-matter value as text: strings, numbers and dates; never lists or mappings."""
    if isinstance(value, Date):  # YAML reads an unquoted 2024-03-05 as a date
        return value.isoformat()
    if isinstance(value, (str, int, float)) and not isinstance(value, bool):
        text = " ".join(str(value).split())
        return text or None
    return None


def _paragraphs(text: str, markdown: bool) -> list[str]:
    """Blocks separated by blank lines; single newlines inside a block become spaces."""
    out = []
    for block in PARAGRAPH_BREAK.split(text):
        # A chrome line glued to text by a single newline is still chrome.
        lines = [ln.strip() for ln in block.split("\n")
                 if ln.strip() and ln.strip().lower().strip(" .:") not in CHROME]
        if not lines:
            continue
        if len(lines) > 1 and (not out and any(_BYLINE.match(ln) for ln in lines[1:3])
                               or len(out) < _BYLINE_WITHIN and _BYLINE.match(lines[0])):
            out.extend(lines)  # "Headline / By Valley Herald / 2024-03-02" with no blank line,
            continue  # or "By Valley Herald / 2024-03-02" under the headline
        if markdown and lines[0].startswith("#") and len(lines) > 1:
            out.append(" ".join(lines[0].split()))  # (a heading's odd spaces, U+0085 too)
            lines = lines[1:]
        out.append(" ".join(" ".join(lines).split()))
    return out


def _looks_like_headline(line: str) -> bool:
    words = line.split()
    ends_like_prose = line.rstrip().endswith((".", "!", '"', "”", ":", ";", ","))
    return 0 < len(words) <= 25 and len(line) <= 200 and not ends_like_prose


def _headline_from(body: str, limit: int = 90) -> str:
    """A headline for an article that has none: its first sentence, shortened at a word."""
    first = re.split(r"(?<=[.!?])\s", body, maxsplit=1)[0]
    if len(first) <= limit:
        return first
    cut = first[:limit].rsplit(" ", 1)[0]
    return cut.rstrip(",;:") + "…"


def iso_date(value: object) -> str | None:
    """An ISO date from '2020-10-06', '2020/01/03', '2023-07-21T…' or 'July 21, 2023'."""
    if isinstance(value, Date):
        return value.isoformat()[:10]
    if not isinstance(value, str) or not value.strip():
        return None
    s = value.strip()
    m = re.match(r"^(\d{4})[-/](\d{1,2})[-/](\d{1,2})", s)
    if m:
        y, mo, d = (int(g) for g in m.groups())
    else:
        m = re.match(r"^([A-Za-z]{3,9})\.? (\d{1,2}), (\d{4})$", s)
        month = month_number(m.group(1)) if m else None
        if not m or month is None:
            return None
        y, mo, d = int(m.group(3)), month, int(m.group(2))
    try:
        return Date(y, mo, d).isoformat()
    except ValueError:
        return None
