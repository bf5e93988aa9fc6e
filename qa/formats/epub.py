"""EPUB books: one article per file, each spine document with text a section ("chapter N",
or "chapter N: <its first heading>", or the heading alone when it already says "Chapter …").

Read with zipfile and lxml rather than a book library, so that only the container, the
package document and the spine's XHTML are ever unpacked, each within `MAX_UNZIPPED`; the XML
parser loads no DTD and resolves no entity. Headline = dc:title, source = dc:publisher or else
dc:creator, date = dc:date (when it is a full date).
"""

from __future__ import annotations

import posixpath
from typing import Any
from urllib.parse import unquote

from lxml import etree

from ..cleaning import iso_date
from ..text import one_line
from . import MAX_SECTIONS, MAX_TEXT_CHARS, Doc, Skip, detail, markup, meta_text
from .zipped import Entries, open_zip

_KIND = "EPUB"
_DOCUMENT_TYPES = {"application/xhtml+xml", "text/html"}
"""The media types of the spine documents read: others (an image page) hold no text."""
_XML = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
_HTML = etree.HTMLParser(no_network=True)
_TITLE_CHARS = 80
"""A chapter heading longer than this is cut in the label (it is still in the text)."""


def read(raw: bytes) -> tuple[list[Doc], list[str]]:
    """The book's text as one document whose sections are its chapters."""
    entries = Entries(open_zip(raw, _KIND), _KIND)
    package_path = _package_path(entries)
    package = _xml(entries, package_path)
    spine = _spine(package, posixpath.dirname(package_path))
    _refuse_drm(entries, spine)
    sections, problems = _chapters(entries, spine)
    if not sections:
        raise Skip("no text in the EPUB's chapters (only images?)")
    text = "\n\n".join(body for _, body in sections)
    return [Doc(text, sections=tuple(sections), **_metadata(package))], problems


def _xml(entries: Entries, name: str) -> Any:
    """The parsed XML of one entry, or `Skip` for a missing or broken one."""
    try:
        return etree.fromstring(entries.read(name), _XML)
    except (KeyError, etree.XMLSyntaxError) as exc:
        raise Skip(f"damaged EPUB ({name}: {detail(exc)}): save a fresh copy and index "
                   "that") from exc


def _package_path(entries: Entries) -> str:
    """Where the package document (.opf) is, as META-INF/container.xml says."""
    container = _xml(entries, "META-INF/container.xml")
    rootfile = container.find(".//{*}rootfile")
    path = rootfile.get("full-path") if rootfile is not None else None
    if not path:
        raise Skip("damaged EPUB (META-INF/container.xml names no package document): save a "
                   "fresh copy and index that")
    return path


def _spine(package: Any, base: str) -> list[str]:
    """The archive paths of the spine's (X)HTML documents, in reading order, but for the
    table of contents (EPUB 3's nav document): chapter titles, not text."""
    hrefs = {item.get("id"): item.get("href") for item in package.iter("{*}item")
             if item.get("media-type") in _DOCUMENT_TYPES
             and "nav" not in (item.get("properties") or "").split()}
    paths = []
    for ref in package.iter("{*}itemref"):
        href = hrefs.get(ref.get("idref"))
        if href:
            paths.append(posixpath.normpath(posixpath.join(base, unquote(href.split("#")[0]))))
    return paths


def _refuse_drm(entries: Entries, spine: list[str]) -> None:
    """`Skip` when META-INF/encryption.xml lists a chapter: its bytes are ciphertext (DRM).
    Obfuscated fonts are listed there too, and do not matter."""
    if "META-INF/encryption.xml" not in entries.archive.namelist():
        return
    listed = {unquote(ref.get("URI") or "")
              for ref in _xml(entries, "META-INF/encryption.xml").iter("{*}CipherReference")}
    if listed & set(spine):
        raise Skip("the EPUB is encrypted (DRM): export an unprotected copy to index it")


def _metadata(package: Any) -> dict[str, str | None]:
    """Headline, source and date from the package's Dublin Core metadata."""

    def first(name: str) -> str | None:
        found = package.find(f".//{{*}}metadata/{{http://purl.org/dc/elements/1.1/}}{name}")
        return found.text if found is not None else None

    return {"headline": meta_text(first("title")),
            "source": meta_text(first("publisher")) or meta_text(first("creator")),
            "date": iso_date(first("date"))}


def _chapters(entries: Entries, spine: list[str]) -> tuple[list[tuple[str, str]], list[str]]:
    """(label, text) of each spine document with text, within the caps; problems for the
    rest."""
    sections: list[tuple[str, str]] = []
    problems: list[str] = []
    missing = 0
    total = 0
    for path in spine:
        if len(sections) == MAX_SECTIONS:
            problems.append(f"read the first {MAX_SECTIONS:,} chapters (the cap per file)")
            break
        try:
            heading, text = _chapter(entries.read(path))
        except KeyError:
            missing += 1
            continue
        total += len(text)
        if total > MAX_TEXT_CHARS:
            problems.append(f"read the first {len(sections):,} chapters: the text is over "
                            f"{MAX_TEXT_CHARS:,} characters")
            break
        if text:
            sections.append((_label(len(sections) + 1, heading), text))
    if missing:
        problems.append(f"{missing} chapter file{'s are' if missing > 1 else ' is'} missing "
                        "from the EPUB (damaged?): save a fresh copy to index all of it")
    return sections, problems


def _chapter(data: bytes) -> tuple[str | None, str]:
    """A chapter's first heading and its text, paragraphs separated by blank lines."""
    root = etree.fromstring(data, _HTML) if data.strip() else None
    if root is None:
        return None, ""
    markup.strip(root)
    heading = next(root.iter("h1", "h2", "h3"), None)
    title = one_line("".join(heading.itertext())) if heading is not None else None
    return title or None, "\n\n".join(markup.paragraphs(root))


def _label(n: int, heading: str | None) -> str:
    """How a citation names chapter `n` (counting the spine documents with text)."""
    if not heading:
        return f"chapter {n}"
    if len(heading) > _TITLE_CHARS:
        heading = heading[:_TITLE_CHARS].rsplit(" ", 1)[0] + "…"
    return heading if heading.lower().startswith("chapter") else f"chapter {n}: {heading}"
