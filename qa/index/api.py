"""The narrow interfaces search, answer, the bot and the CLI read the index through.

`Store` (SQLite + FTS5 + FAISS in one folder) meets them; a server backend (Milvus for the
vectors, say) meets them too and plugs in without touching those modules.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from contextlib import AbstractContextManager
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from datetime import date as Date

    import numpy as np

    from ..articles import Article
    from ..models import Filters, SentenceVectors, StoredPassage


class Described(Protocol):
    """Where an index is and what it was built with: what compatibility checks read."""

    @property
    def dir(self) -> Path:
        """The index folder (named in messages)."""

    @property
    def manifest(self) -> dict[str, Any]:
        """What the index was built with (format, model, dimension, settings, build time)."""


class VectorSearch(Protocol):
    """Unit vectors keyed by passage id, searched by inner product."""

    @property
    def ntotal(self) -> int:
        """How many vectors the index holds."""

    def search(self, vector: np.ndarray, k: int, allowed: np.ndarray | None = None
               ) -> list[tuple[int, float]]:
        """(id, cosine) of the `k` nearest vectors, best first; only `allowed` ids if given."""

    def reconstruct(self, ids: Sequence[int]) -> np.ndarray:
        """The stored vectors of these ids, one row each."""


class LexicalIndex(Protocol):
    """Keyword search over the passages (BM25 or the backend's equivalent)."""

    def lexical(self, match: str, k: int, filters: Filters | None = None,
                counts: Mapping[str, int] | None = None) -> list[tuple[int, float]]:
        """(passage id, score) best first, higher is better; only passages passing `filters`.
        `counts`, when `match` is the any-word query of its words (`term_counts` of them),
        may let a backend skip passages that cannot make the top k: the ranking stays that of
        the query with its words rarest first (scores may differ from `match`'s in the last
        bit, where a backend adds the words' terms in the order given)."""

    def term_counts(self, words: Iterable[str]) -> dict[str, int]:
        """How many passages each word occurs in: how rare, so how telling, a word is."""

    def bm25(self, words: Sequence[str], counts: Mapping[str, int], ids: Iterable[int]
             ) -> dict[int, float]:
        """Passage id -> what `lexical` would score these passages for the any-word query
        over `words` (0 when they hold none); `counts` as `term_counts` gives them."""


class PassageStore(Described, Protocol):
    """Rows by id, checked, and what filters know about every passage."""

    def passages(self, ids: Iterable[int]) -> dict[int, StoredPassage]:
        """Passage rows with their citation fields, by id."""

    def article(self, article_id: str) -> Article | None:
        """One stored article, whole."""

    def sentence_vectors(self, ids: Iterable[int]) -> dict[int, SentenceVectors]:
        """The stored sentence spans and vectors of these passages."""

    def allowed_ids(self, filters: Filters) -> np.ndarray:
        """Ids (int64, ascending) of the passages whose article passes the filters."""

    def article_of(self, ids: Iterable[int]) -> dict[int, tuple[str, str | None]]:
        """Passage id -> (article id, article date)."""

    def in_time(self, ids: Iterable[int], since: Date | None, until: Date | None) -> set[int]:
        """The passages published in, or mentioning, the time from `since` to `until`."""

    def newest_date(self) -> str | None:
        """The latest article date in the index."""


class IndexView(PassageStore, LexicalIndex, Protocol):
    """One consistent generation of the whole index: what one question reads."""

    def vector_index(self) -> VectorSearch:
        """The vectors of this generation."""


class IndexReader(Described, Protocol):
    """An open index, shared by threads: each question reads one snapshot of it."""

    def snapshot(self, check: Any = None) -> AbstractContextManager[IndexView]:
        """One generation, held for a question; `check(view)` vets its manifest first."""

    def counts(self) -> tuple[int, int]:
        """(articles, passages) in the index."""

    def article(self, article_id: str) -> Article | None:
        """One stored article, whole."""

    def file_stamps(self) -> dict[str, tuple[int, int]]:
        """Path -> (size, mtime_ns) of the corpus files as last indexed."""

    def skipped_files(self) -> dict[str, str]:
        """Path -> why the file gave no article when it was last read."""

    def read_file(self, name: str, checksum_key: str) -> bytes:
        """A data file of the index, checked against the manifest."""

    def close(self) -> None:
        """Release the index."""
