"""Readers for the formats that are not plain text: feeds, PDF, Word, EPUB.

Each reader module has `read(raw: bytes) -> tuple[list[Doc], list[str]]`: the documents in
the file's bytes and, for what it had to skip, one-line problems. Readers know nothing of
paths, ids or the index (qa/articles.py turns a `Doc` into an `Article`), and import their
library only when a file of theirs is read.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass

READERS: dict[str, str] = {
    "xml": "qa.formats.feeds", "rss": "qa.formats.feeds", "atom": "qa.formats.feeds",
}
"""File suffix (lower-case, no dot) -> the module that reads it."""


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
    then their concatenation."""


def suffixes() -> tuple[str, ...]:
    """The suffixes read here, with their dot."""
    return tuple(f".{s}" for s in READERS)


def read(suffix: str, raw: bytes) -> tuple[list[Doc], list[str]]:
    """The documents in a file of this suffix, and one-line problems for what was skipped."""
    module = importlib.import_module(READERS[suffix])
    docs, problems = module.read(raw)
    return list(docs), list(problems)
