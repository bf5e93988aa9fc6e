"""The frozen types that cross module boundaries: search filters, candidates, stored rows.

Imports nothing of qa at run time, so every module can use them without a cycle.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date as Date
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .articles import Article
    from .passages import Passage


@dataclass(frozen=True)
class Filters:
    """Limits applied inside the search, so a filtered query still finds k passages."""

    since: Date | None = None
    until: Date | None = None
    source: str | None = None
    """Case-insensitive part of the article's source."""
    path: str | None = None
    """Glob on the article's file path, e.g. "business/*"."""
    published_by: Date | None = None
    """Leaves out articles dated after this day (undated ones stay): an as-of date."""

    def active(self) -> bool:
        """True when any limit is set."""
        return any(v is not None for v in (self.since, self.until, self.source, self.path,
                                           self.published_by))

    def as_of(self, day: Date | None) -> Filters:
        """These limits, and articles dated after `day` left out too (undated ones stay)."""
        return self if day is None else replace(self, published_by=day)

    def describe(self) -> str:
        """The limits in words: "since 2025-01-01, undated articles left out"."""
        parts = [f"{name} {value}" for name, value in (
            ("since", self.since), ("until", self.until), ("source", self.source),
            ("path", self.path), ("as of", self.published_by)) if value is not None]
        undated = ", undated articles left out" if self.since or self.until else ""
        return ", ".join(parts) + undated


@dataclass(frozen=True)
class Candidate:
    """One passage's scores for a question."""

    id: int
    score: float
    """The fused score used for ranking."""
    dense: float
    """Cosine similarity of question and passage vectors."""
    lexical: float
    """BM25 divided by the best BM25 among this question's lexical hits (0 when unmatched)."""
    article_id: str = ""
    date: str | None = None
    duplicates: tuple[int, ...] = ()
    """Passages collapsed into this one: the same text published elsewhere."""
    in_time: bool = False
    """Published in, or mentioning, the time the question names."""


@dataclass(frozen=True)
class StoredPassage:
    """A passage row joined with its article's citation fields."""

    id: int
    article_id: str
    paragraph: int
    start: int
    end: int
    text: str
    headline: str
    date: str | None
    source: str | None
    path: str
    link: str | None = None
    section: str | None = None
    """The page or chapter the passage starts in, when its article has them."""


@dataclass(frozen=True)
class SentenceVectors:
    """The sentences of one passage: spans in its text and their vectors (one row each)."""

    spans: tuple[tuple[int, int], ...]
    vectors: Any


@dataclass(frozen=True)
class Change:
    """What one update does: articles to (re)embed and keys to drop."""

    upserts: Sequence[tuple[Article, Sequence[Passage]]]
    removed_ids: Sequence[str]
    files: Sequence[tuple[str, int, int, str]]
    """(path, size, mtime_ns, why it gave no article or '') of every corpus file scanned."""
