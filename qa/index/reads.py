"""One question's view of the index: a read transaction on this thread's connection, with the
FAISS index, lexical checks and filter columns of that one generation."""

from __future__ import annotations

import sqlite3
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..articles import Article
from ..errors import IndexDamagedError, IndexError_
from ..models import Filters, SentenceVectors, StoredPassage
from ..vocab import fts_query
from . import queries, rescore
from .connect import DB_ERRORS, damaged, map_error
from .integrity import filter_rows, table_digest
from .schema import (
    FORMAT_VERSION,
    FTS_CONTENT,
    FTS_INDEX,
    checksum,
    row_checksum,
    sentence_checksum,
)

if TYPE_CHECKING:
    from datetime import date as Date

    import numpy as np

    from ..vectors import VectorIndex
    from .columns import FilterColumns

_PAGE = 10_000
"""Rows per read when `View.verify` walks a whole table."""
CACHED_TERMS = 100_000
"""Words whose passage counts a generation keeps (the oldest are forgotten first)."""


class Generation:
    """What one committed generation holds in memory, shared by every thread: its manifest,
    its FAISS index and filter columns once loaded, and whether its lexical index passed."""

    def __init__(self, manifest: dict[str, Any]) -> None:
        self.manifest = manifest
        self.faiss: VectorIndex | None = None
        self.columns: FilterColumns | None = None
        self.fts_checked = False
        self.term_counts: OrderedDict[str, int] = OrderedDict()
        """Passages per word, as read so far: a generation never changes, and counting a
        common word's passages reads its whole list (30 ms for 'said' at a million)."""
        self.terms_lock = threading.Lock()
        """Held only while `term_counts` is read or written."""
        self.lock = threading.Lock()
        """Held while one thread loads or checks what the others then share."""

    @property
    def current_format(self) -> bool:
        """Whether this generation carries the checksums of this qa's format."""
        return self.manifest.get("format_version") == FORMAT_VERSION


class View:
    """The index as one generation shows it, read on one thread; what search and answer read.

    Made by `Store.snapshot()`; valid until that context ends.
    """

    def __init__(self, directory: Path, conn: sqlite3.Connection, gen: Generation) -> None:
        self.dir = directory
        self._conn = conn
        self._gen = gen
        self._sentences: dict[int, SentenceVectors] = {}
        """Sentence rows read so far: search reads the first passages' to rerank them, and
        the answer the same rows again."""

    @property
    def manifest(self) -> dict[str, Any]:
        """Format version, model, dimension, chunker settings, built time, FAISS file."""
        return self._gen.manifest

    def damaged(self, what: str) -> IndexDamagedError:
        """The error for a failed check: what failed, and the rebuild command."""
        return damaged(self.dir, what)

    def _run(self, read: Callable[..., Any], *args: Any) -> Any:
        try:
            return read(self._conn, *args)
        except DB_ERRORS as exc:
            raise map_error(self.dir, exc) from exc

    # files -----------------------------------------------------------------------------------

    def read_file(self, name: str, checksum_key: str) -> bytes:
        """A file of the index, checked against the checksum the manifest keeps for it.

        A missing file raises FileNotFoundError: a writer may have just replaced it, and the
        snapshot starts again from the generation it committed.
        """
        path = self.dir / name
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            raise
        except OSError as exc:
            raise self.damaged(f"{path} cannot be read: {exc.strerror}") from exc
        if checksum(data) != self.manifest.get(checksum_key):
            raise self.damaged(f"{path} fails its checksum")
        return data

    def vector_index(self) -> VectorIndex:
        """The FAISS index of this generation, checked against the manifest (loaded once)."""
        from ..vectors import VectorIndex

        gen = self._gen
        if gen.faiss is not None:
            return gen.faiss
        name = self.manifest.get("faiss_file")
        if name is None:
            raise IndexError_(f"The index at {self.dir} holds no vectors yet. "
                              "Build it with `qa index`.")
        with gen.lock:
            if gen.faiss is None:
                data = self.read_file(name, "faiss_checksum")
                try:
                    index = VectorIndex.load(data)
                except RuntimeError as exc:  # FAISS's reader: only after the checksum passed
                    raise self.damaged(f"{self.dir / name} cannot be read by FAISS") from exc
                if index.dimension != self.manifest.get("dimension"):
                    raise self.damaged(f"{self.dir / name} has {index.dimension} dimensions, "
                                       f"the manifest {self.manifest.get('dimension')}")
                gen.faiss = index
            return gen.faiss

    # checks once per generation --------------------------------------------------------------

    def _check_fts(self) -> None:
        """Verify the FTS5 index once per generation: BM25 scores come straight from it."""
        gen = self._gen
        if gen.fts_checked or not gen.current_format:
            return
        with gen.lock:
            if not gen.fts_checked:
                if self._run(table_digest, FTS_INDEX) != self.manifest.get("fts_index_sha256"):
                    raise self.damaged("the lexical index fails its checksum")
                gen.fts_checked = True

    def columns(self) -> FilterColumns:
        """The dates, sources and paths that filters read, verified once per generation.

        A changed date in a row a filter leaves out would change the answer unnoticed: row
        checksums only cover the rows a question reads.
        """
        gen = self._gen
        if gen.columns is not None:
            return gen.columns
        from .columns import FilterColumns  # numpy: not on the cold path of `import qa`

        with gen.lock:
            if gen.columns is None:
                digest, rows = self._run(filter_rows)
                check_filter_digest(self, digest)
                gen.columns = FilterColumns(rows)
            return gen.columns

    # reads -----------------------------------------------------------------------------------

    def passages(self, ids: Iterable[int]) -> dict[int, StoredPassage]:
        """Passage rows with their citation fields, by id, each checked against its checksum."""
        return self._run(queries.passages, ids, self.damaged)  # type: ignore[no-any-return]

    def article(self, article_id: str) -> Article | None:
        """One stored article, whole."""
        return self._run(queries.article, article_id, self.damaged)  # type: ignore[no-any-return]

    def sentence_vectors(self, ids: Iterable[int]) -> dict[int, SentenceVectors]:
        """The stored sentence spans and vectors of these passages, checked like every row
        (once: a generation never changes)."""
        wanted = set(ids)
        if missing := wanted - self._sentences.keys():
            m = self.manifest
            self._sentences.update(self._run(
                queries.sentence_vectors, missing, int(m.get("dimension", 0)),
                m.get("sentences") == m.get("vectors"), self.damaged))
        return {i: self._sentences[i] for i in wanted if i in self._sentences}

    def lexical(self, match: str, k: int, filters: Filters | None = None,
                counts: Mapping[str, int] | None = None) -> list[tuple[int, float]]:
        """FTS5 BM25 search: (passage id, score) best first; higher is better.

        With `counts` (each word of `match` -> its passage count, `match` being the any-word
        query over them), the ranking of that query with its words rarest first, scoring only
        the passages that can enter it (`queries.lexical_any`)."""
        self._check_fts()
        allowed = self.columns().allowed(filters).member() \
            if filters is not None and filters.active() else None
        if counts and fts_query(counts) == match:
            return self._run(queries.lexical_any, counts, k,  # type: ignore[no-any-return]
                             allowed)
        return self._run(queries.lexical, match, k, allowed)  # type: ignore[no-any-return]

    def bm25(self, words: Sequence[str], counts: Mapping[str, int], ids: Iterable[int]
             ) -> dict[int, float]:
        """Passage id -> what `lexical` would score these passages for the any-word query
        over `words` (0 when they hold none); `counts` as `term_counts` gives them."""
        self._check_fts()
        return self._run(rescore.bm25, words, counts, ids,  # type: ignore[no-any-return]
                         self.damaged)

    def allowed_ids(self, filters: Filters) -> np.ndarray:
        """Ids (int64 array, ascending) of the passages whose article passes the filters."""
        return self.columns().allowed(filters).ids

    def article_of(self, ids: Iterable[int]) -> dict[int, tuple[str, str | None]]:
        """Passage id -> (article id, article date)."""
        return self.columns().article_of(ids, self.damaged)

    def in_time(self, ids: Iterable[int], since: Date | None, until: Date | None) -> set[int]:
        """The passages published in, or mentioning, the time from `since` to `until`."""
        return self.columns().in_time(ids, since, until, self.damaged)

    def newest_date(self) -> str | None:
        """The latest date of an article with passages in the index."""
        return self.columns().newest

    def term_counts(self, words: Iterable[str]) -> dict[str, int]:
        """How many passages each word occurs in (stemmed as the lexical index stems them);
        each word counted once per generation."""
        self._check_fts()
        words = list(words)
        cache = self._gen.term_counts
        with self._gen.terms_lock:
            known = {w: cache[w] for w in words if w in cache}
        missing = [w for w in dict.fromkeys(words) if w not in known]
        if missing:
            counted = self._run(queries.term_counts, missing)
            known.update(counted)
            with self._gen.terms_lock:
                cache.update(counted)
                while len(cache) > CACHED_TERMS:
                    cache.popitem(last=False)
        return {w: known[w] for w in words}

    def counts(self) -> tuple[int, int]:
        """(articles, passages) in the index."""
        return self._run(queries.counts)  # type: ignore[no-any-return]

    def skipped_files(self) -> dict[str, str]:
        """Path -> why the file gave no article when it was last read."""
        return self._run(queries.skipped_files)  # type: ignore[no-any-return]

    def file_stamps(self) -> dict[str, tuple[int, int]]:
        """Path -> (size, mtime_ns) of the corpus files as last indexed."""
        return self._run(queries.file_stamps)  # type: ignore[no-any-return]

    def article_hashes(self) -> dict[str, tuple[str, str]]:
        """Article id -> (path, content hash)."""
        return self._run(queries.article_hashes)  # type: ignore[no-any-return]

    def rows(self, sql: str, params: Any = ()) -> list[Any]:
        """All rows of one statement (for checks and benchmarks)."""
        return self._run(queries.rows, sql, params)  # type: ignore[no-any-return]

    # the writer's full check -----------------------------------------------------------------

    def verify(self) -> None:
        """Check everything: SQLite's integrity, every row, FTS5 and FAISS against each other.

        Reads the whole index (about 0.3 s for the 2,225 bbc articles): writers call it
        before they change anything, so damage is never built upon.
        """
        m = self.manifest
        if m.get("format_version") != FORMAT_VERSION:
            return
        problems = [r[0] for r in self.rows("PRAGMA integrity_check") if r[0] != "ok"]
        if problems:
            raise self.damaged(f"SQLite: {problems[0]}")
        if self._run(table_digest, FTS_INDEX) != m.get("fts_index_sha256"):
            raise self.damaged("the lexical index fails its checksum")
        check_filter_digest(self, self._run(filter_rows)[0])
        if self._run(table_digest, FTS_CONTENT) != m.get("fts_content_sha256"):
            raise self.damaged("the lexical index's text fails its checksum")
        for row in self._paged("id, path, headline, date, source, body, hash, extra, checksum",
                               "articles"):
            if row_checksum(*row[:8]) != row[8]:
                raise self.damaged(f"article {row[0]!r} fails its checksum")
        ids = []
        for row in self._paged("id, article_id, paragraph, start, \"end\", text, checksum",
                               "passages"):
            if row_checksum(*row[:6]) != row[6]:
                raise self.damaged(f"passage {row[0]} fails its checksum")
            ids.append(row[0])
        sentence_ids = []
        for pid, spans, blob, check in self._paged("passage_id, spans, vectors, checksum",
                                                   "sentences"):
            if not isinstance(blob, bytes) or sentence_checksum(pid, spans, blob) != check:
                raise self.damaged(f"the sentences of passage {pid} fail their checksum")
            sentence_ids.append(pid)
        if len(sentence_ids) != m.get("sentences", 0) or not set(sentence_ids) <= set(ids):
            raise self.damaged(f"{len(sentence_ids)} sentence rows, the manifest "
                               f"{m.get('sentences')}")
        fts_ids = [r[0] for r in self.rows("SELECT id FROM passages_fts_docsize ORDER BY id")]
        try:
            if m.get("onnx_file"):
                self.read_file(m["onnx_file"], "onnx_checksum")
            if m.get("faiss_file") is None:
                return
            vector_ids = sorted(int(i) for i in self.vector_index().ids())
        except FileNotFoundError as exc:
            raise self.damaged(f"{exc.filename} is missing") from exc
        if not (ids == fts_ids == vector_ids and len(ids) == m.get("vectors")):
            raise self.damaged(f"{len(ids)} passages, {len(fts_ids)} lexical rows, "
                               f"{len(vector_ids)} vectors and {m.get('vectors')} in the "
                               "manifest disagree")

    def _paged(self, columns: str, table: str) -> Iterator[tuple[Any, ...]]:
        """Every row of `table` in rowid order, read `_PAGE` rows at a time: the check's
        memory stays bounded (at 1M passages one `fetchall` of the sentences took 2 GB)."""
        last = None
        while True:
            after = "" if last is None else f"WHERE rowid > {int(last)} "
            page = self.rows(f"SELECT rowid, {columns} FROM {table} {after}"
                             f"ORDER BY rowid LIMIT {_PAGE}")
            for row in page:
                yield tuple(row[1:])
            if len(page) < _PAGE:
                return
            last = page[-1][0]


def check_filter_digest(view: View, digest: str) -> None:
    """Raise when the filter columns differ from what the manifest signed (current format)."""
    if view.manifest.get("format_version") == FORMAT_VERSION and \
            digest != view.manifest.get("filters_sha256"):
        raise view.damaged("the articles' dates, sources or paths fail their checksum")
