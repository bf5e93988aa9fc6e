"""Readers for the formats that are not plain text: feeds, PDF, Word, EPUB.

Each reader module has `read(raw: bytes) -> tuple[list[Doc], list[str]]`: the documents in
the file's bytes and, for what it had to skip, one-line problems. Readers know nothing of
paths, ids or the index (qa/articles.py turns a `Doc` into an `Article`), and import their
library only when a file of theirs is read. A reader that cannot read a file at all raises
`Skip` with the reason and the next step; `read` turns it into the file's one notice.

A file's bytes are capped by `--max-bytes`, but a small compressed file can unpack to far
more: readers also stop at `MAX_SECTIONS` pages or chapters and `MAX_TEXT_CHARS` of text, and
a zip-based file (.docx, .epub) that would unpack past `MAX_UNZIPPED` bytes is refused.
"""

from __future__ import annotations

import importlib
import re
from dataclasses import dataclass

from ..text import one_line

READERS: dict[str, str] = {"pdf": "qa.formats.pdf", "docx": "qa.formats.docx",
                           "epub": "qa.formats.epub", "xml": "qa.formats.feeds",
                           "rss": "qa.formats.feeds", "atom": "qa.formats.feeds"}
"""File suffix (lower-case, no dot) -> the module that reads it."""

MAX_SECTIONS = 2_000
"""Pages or chapters read from one file: more than any news file has, and a bound on the
time a small crafted file can cost."""
MAX_TEXT_CHARS = 10_000_000
"""Characters of text kept from one file: what a plain-text file under the default
`--max-bytes` (10 MB) can hold."""
MAX_UNZIPPED = 128 * 1024 * 1024
"""Unpacked bytes of a zip-based file (.docx, .epub): a zip bomb is refused, not unpacked."""

_PLACEHOLDERS = {"untitled", "word document", "document", "title", "author", "unknown",
                 "user", "administrator", "windows user", "microsoft office user",
                 "python-docx"}
"""Titles and authors that editing programs and templates fill in: they name no article."""
_FILE_NAME = re.compile(r"\.(?:docx?|pdf|odt|rtf|txt|indd|html?|qxp)$", re.IGNORECASE)


class Skip(Exception):
    """A file a reader cannot read at all: the message says why and what to do next."""


@dataclass(frozen=True)
class Doc:
    """One article as a reader found it, before cleaning."""

    text: str
    """Plain text, paragraphs separated by blank lines."""
    headline: str | None = None
    date: str | None = None
    """ISO date (YYYY-MM-DD) when the file states one."""
    source: str | None = None
    link: str | None = None
    key: str | None = None
    """The record's id within its file (a feed item), None for a one-article file."""
    sections: tuple[tuple[str, str], ...] = ()
    """(label, text) of each page or chapter, in order, when the format has them; `text` is
    then their texts joined by blank lines (so that no paragraph spans two sections)."""
    web: bool = False
    """Text from a web page (a feed item): a promo footer ("Top Stories", "More from …")
    ends it. Documents and books keep everything."""


def suffixes() -> tuple[str, ...]:
    """The suffixes read here, with their dot."""
    return tuple(f".{s}" for s in READERS)


def read(suffix: str, raw: bytes) -> tuple[list[Doc], list[str]]:
    """The documents in a file of this suffix, and one-line problems for what was skipped."""
    module = importlib.import_module(READERS[suffix])
    try:
        docs, problems = module.read(raw)
    except Skip as exc:
        return [], [f"skipped: {exc}"]
    return list(docs), list(problems)


def meta_text(value: object) -> str | None:
    """A title or author from a file's metadata, on one line; None when it is empty or only
    what a program filled in ("Microsoft Word - draft.docx", "Untitled"): then the text's own
    first line or nothing is better."""
    if not isinstance(value, str):
        return None
    text = one_line(value).removeprefix("Microsoft Word - ")
    if not text or text.lower() in _PLACEHOLDERS or _FILE_NAME.search(text):
        return None
    return text


def detail(exc: BaseException) -> str:
    """An exception as a short clause for a notice: its message, else its type's name."""
    return one_line(str(exc))[:200] or type(exc).__name__
