"""The index on disk: one SQLite database (articles, passages, FTS5, manifest) + one FAISS file.

Updates are atomic: a new FAISS generation is written beside the old one, and the SQLite
transaction that records the new rows also switches the manifest to the new file.  A crash
before the commit leaves the old index answering; the orphan file is removed on the next run.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import sqlite3
import threading
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .articles import Article, context_headline
from .errors import IndexError_
from .passages import Passage

if TYPE_CHECKING:
    import numpy as np

    from .search import Filters
    from .vectors import VectorIndex

FORMAT_VERSION = 1
ONNX_PREFIX = "model-"
DB_NAME = "qa.sqlite3"
LOCK_NAME = ".lock"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS manifest (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS files (
    path TEXT PRIMARY KEY, size INTEGER NOT NULL, mtime_ns INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS articles (
    id TEXT PRIMARY KEY, path TEXT NOT NULL, headline TEXT NOT NULL, date TEXT, source TEXT,
    body TEXT NOT NULL, hash TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS articles_path ON articles(path);
CREATE TABLE IF NOT EXISTS passages (
    id INTEGER PRIMARY KEY, article_id TEXT NOT NULL REFERENCES articles(id),
    paragraph INTEGER NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL,
    text TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS passages_article ON passages(article_id);
CREATE TABLE IF NOT EXISTS sentences (
    passage_id INTEGER PRIMARY KEY REFERENCES passages(id),
    spans TEXT NOT NULL, vectors BLOB NOT NULL);
CREATE VIRTUAL TABLE IF NOT EXISTS passages_fts USING fts5(
    text, headline, tokenize = 'porter unicode61 remove_diacritics 2');
"""


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
    files: Sequence[tuple[str, int, int]]
    """(path, size, mtime_ns) of every corpus file as scanned."""


class Store:
    """An open index folder. Reads are thread-safe; writes need `writer()`."""

    def __init__(self, directory: Path, *, create: bool = False) -> None:
        self.dir = directory
        db = directory / DB_NAME
        if not db.exists():
            if not create:
                raise IndexError_(f"No index at {directory}. Build it with `qa index`.")
            directory.mkdir(parents=True, exist_ok=True)
        self._lock = threading.RLock()
        try:
            self.db = sqlite3.connect(db, check_same_thread=False, isolation_level=None)
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA synchronous=NORMAL")
            if create:
                self.db.executescript(_SCHEMA)
            self._manifest = self._read_manifest()
        except sqlite3.DatabaseError as exc:
            raise IndexError_(f"The index at {directory} is damaged ({exc}). Rebuild it: "
                              f"`rm -rf {directory}` then `qa index`.") from exc
        self._faiss: VectorIndex | None = None
        self._faiss_name: str | None = None

    # manifest ------------------------------------------------------------------------------

    @property
    def manifest(self) -> dict[str, Any]:
        """Format version, model, dimension, chunker settings, built time, FAISS file."""
        return dict(self._manifest)

    def _read_manifest(self) -> dict[str, Any]:
        rows = self.db.execute("SELECT key, value FROM manifest").fetchall()
        return {k: json.loads(v) for k, v in rows}

    def reload(self) -> None:
        """Re-read the manifest, picking up a generation another process committed."""
        with self._lock:
            self._manifest = self._read_manifest()

    def file_stamps(self) -> dict[str, tuple[int, int]]:
        """Path -> (size, mtime_ns) of the corpus files as last indexed."""
        with self._lock:
            rows = self.db.execute("SELECT path, size, mtime_ns FROM files").fetchall()
        return {p: (s, m) for p, s, m in rows}

    def article_hashes(self) -> dict[str, tuple[str, str]]:
        """Article id -> (path, content hash)."""
        with self._lock:
            rows = self.db.execute("SELECT id, path, hash FROM articles").fetchall()
        return {i: (p, h) for i, p, h in rows}

    def counts(self) -> tuple[int, int]:
        """(articles, passages) in the index."""
        with self._lock:
            a = self.db.execute("SELECT count(*) FROM articles").fetchone()[0]
            p = self.db.execute("SELECT count(*) FROM passages").fetchone()[0]
        return a, p

    # reads ---------------------------------------------------------------------------------

    def read_file(self, name: str, checksum_key: str) -> bytes:
        """A file of the index, checked against the checksum the manifest keeps for it."""
        path = self.dir / name
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise IndexError_(f"The index file {path} cannot be read ({exc.strerror}). "
                              f"Rebuild it with `qa index --index {self.dir}`.") from exc
        if checksum(data) != self._manifest.get(checksum_key):
            raise IndexError_(f"The index file {path} is damaged (checksum mismatch). "
                              f"Rebuild it with `qa index --index {self.dir}`.")
        return data

    def faiss_index(self) -> VectorIndex:
        """The FAISS index of the current generation, checked against the manifest."""
        from .vectors import VectorIndex

        with self._lock:
            name = self._manifest.get("faiss_file")
            if name is None:
                raise IndexError_(f"The index at {self.dir} holds no vectors yet. "
                                  "Build it with `qa index`.")
            if self._faiss is not None and self._faiss_name == name:
                return self._faiss
            data = self.read_file(name, "faiss_checksum")
            index = VectorIndex.load(data)
            if index.dimension != self._manifest.get("dimension"):
                raise IndexError_(f"The index file {self.dir / name} has {index.dimension} "
                                  "dimensions, the manifest says otherwise. Rebuild it with "
                                  "`qa index`.")
            self._faiss, self._faiss_name = index, name
            return index

    def passages(self, ids: Iterable[int]) -> dict[int, StoredPassage]:
        """Passage rows with their citation fields, by id."""
        ids = list(ids)
        if not ids:
            return {}
        marks = ",".join("?" * len(ids))
        with self._lock:
            rows = self.db.execute(
                "SELECT p.id, p.article_id, p.paragraph, p.start, p.\"end\", p.text, "
                "a.headline, a.date, a.source, a.path FROM passages p "
                f"JOIN articles a ON a.id = p.article_id WHERE p.id IN ({marks})", ids,
            ).fetchall()
        return {r[0]: StoredPassage(*r) for r in rows}

    def sentence_vectors(self, ids: Iterable[int]) -> dict[int, SentenceVectors]:
        """The stored sentence spans and vectors of these passages."""
        import numpy as np

        ids = list(ids)
        if not ids:
            return {}
        marks = ",".join("?" * len(ids))
        dim = int(self._manifest.get("dimension", 0))
        with self._lock:
            rows = self.db.execute("SELECT passage_id, spans, vectors FROM sentences "
                                   f"WHERE passage_id IN ({marks})", ids).fetchall()
        out = {}
        for pid, spans, blob in rows:
            vectors = np.frombuffer(blob, dtype=np.float16).astype(np.float32).reshape(-1, dim)
            out[pid] = SentenceVectors(tuple(tuple(s) for s in json.loads(spans)), vectors)
        return out

    def article(self, article_id: str) -> Article | None:
        """One stored article, whole."""
        with self._lock:
            row = self.db.execute(
                "SELECT id, path, headline, date, source, body, hash FROM articles WHERE id = ?",
                (article_id,),
            ).fetchone()
        return Article(*row) if row else None

    def lexical(self, match: str, k: int, filters: Filters | None = None
                ) -> list[tuple[int, float]]:
        """FTS5 BM25 search: (passage id, score) best first; higher is better."""
        if not match:
            return []
        sql = ("SELECT rowid, bm25(passages_fts, 1.0, 0.5) FROM passages_fts "
               "WHERE passages_fts MATCH ?")
        args: list[Any] = [match]
        if filters is not None:
            where, more = _filter_sql(filters)
            sql += f" AND rowid IN (SELECT p.id FROM passages p JOIN articles a " \
                   f"ON a.id = p.article_id WHERE {where})"
            args.extend(more)
        with self._lock:
            try:
                rows = self.db.execute(sql + " ORDER BY 2 LIMIT ?", [*args, k]).fetchall()
            except sqlite3.OperationalError:
                return []
        return [(int(r), -float(s)) for r, s in rows]

    def allowed_ids(self, filters: Filters) -> Any:
        """Ids (int64 array) of the passages whose article passes the filters."""
        import numpy as np

        where, args = _filter_sql(filters)
        with self._lock:
            rows = self.db.execute(
                "SELECT p.id FROM passages p JOIN articles a ON a.id = p.article_id "
                f"WHERE {where}", args).fetchall()
        return np.fromiter((r[0] for r in rows), dtype=np.int64, count=len(rows))

    def article_of(self, ids: Iterable[int]) -> dict[int, tuple[str, str | None]]:
        """Passage id -> (article id, article date)."""
        ids = list(ids)
        if not ids:
            return {}
        out: dict[int, tuple[str, str | None]] = {}
        with self._lock:
            for i in range(0, len(ids), 500):
                chunk = ids[i:i + 500]
                rows = self.db.execute(
                    "SELECT p.id, a.id, a.date FROM passages p JOIN articles a ON a.id = "
                    f"p.article_id WHERE p.id IN ({','.join('?' * len(chunk))})", chunk,
                ).fetchall()
                out.update({r[0]: (r[1], r[2]) for r in rows})
        return out

    def newest_date(self) -> str | None:
        """The latest article date in the index."""
        with self._lock:
            row = self.db.execute("SELECT max(date) FROM articles").fetchone()
        return row[0] if row else None

    def known_terms(self, words: Iterable[str]) -> set[str]:
        """The words (stemmed as the lexical index stems them) that occur in some passage."""
        found = set()
        with self._lock:
            for word in words:
                row = self.db.execute(
                    "SELECT 1 FROM passages_fts WHERE passages_fts MATCH ? LIMIT 1",
                    (f'"{word}"',),
                ).fetchone()
                if row:
                    found.add(word)
        return found

    def close(self) -> None:
        """Close the database."""
        with self._lock:
            self.db.close()

    # writes --------------------------------------------------------------------------------

    @contextlib.contextmanager
    def writer(self) -> Iterator[None]:
        """Hold the index's write lock; a second writer is told the index is busy."""
        self.dir.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.dir / LOCK_NAME, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError as exc:
                raise IndexError_(f"Another `qa index` is updating {self.dir}. Wait for it "
                                  "to finish, then run the command again.") from exc
            self.db.executescript(_SCHEMA)  # an index made by an older qa gains new tables
            self._remove_orphans()
            yield
        finally:
            os.close(fd)

    def _remove_orphans(self) -> None:
        """Temp files of a crashed run, and data files no manifest points to."""
        current = {self._manifest.get("faiss_file"), self._manifest.get("onnx_file")}
        for path in self.dir.iterdir():
            generated = (path.name.startswith("vectors-") and path.name.endswith(".faiss")) or (
                path.name.startswith("model-") and path.name.endswith(".onnx"))
            if path.name.endswith(".tmp") or (generated and path.name not in current):
                path.unlink(missing_ok=True)

    def apply(self, change: Change, vectors: np.ndarray, manifest: dict[str, Any],
              rebuild: bool = False, sentences: Sequence[SentenceVectors] = ()) -> None:
        """Write one update atomically; `vectors` has one row per passage of `change.upserts`.

        With `rebuild`, everything stored before is dropped first.
        """
        import numpy as np

        from .vectors import VectorIndex

        dim = int(manifest["dimension"])
        with self._lock:
            if rebuild or self._manifest.get("faiss_file") is None:
                index = VectorIndex.empty(dim)
            else:
                index = self.faiss_index().copy()
            cur = self.db.cursor()
            cur.execute("BEGIN IMMEDIATE")
            try:
                if rebuild:
                    for table in ("articles", "passages", "passages_fts", "sentences", "files"):
                        cur.execute(f"DELETE FROM {table}")
                gone = list(change.removed_ids) + [a.id for a, _ in change.upserts]
                old_ids = self._delete_articles(cur, gone)
                if old_ids and not rebuild:
                    index.remove(old_ids)
                new_ids: list[int] = []
                for article, passages in change.upserts:
                    cur.execute(
                        "INSERT INTO articles (id, path, headline, date, source, body, hash) "
                        "VALUES (?, ?, ?, ?, ?, ?, ?)",
                        (article.id, article.path, article.headline, article.date,
                         article.source, article.body, article.hash),
                    )
                    for p in passages:
                        cur.execute(
                            "INSERT INTO passages (article_id, paragraph, start, \"end\", text) "
                            "VALUES (?, ?, ?, ?, ?)",
                            (p.article_id, p.paragraph, p.start, p.end, p.text),
                        )
                        pid = int(cur.lastrowid or 0)
                        cur.execute("INSERT INTO passages_fts (rowid, text, headline) "
                                    "VALUES (?, ?, ?)", (pid, p.text, context_headline(article)))
                        if len(new_ids) < len(sentences):
                            sv = sentences[len(new_ids)]
                            cur.execute(
                                "INSERT INTO sentences (passage_id, spans, vectors) "
                                "VALUES (?, ?, ?)",
                                (pid, json.dumps(sv.spans),
                                 np.asarray(sv.vectors, dtype=np.float16).tobytes()))
                        new_ids.append(pid)
                if len(new_ids) != len(vectors):
                    raise ValueError("one vector per passage is required")
                index.add(vectors, np.asarray(new_ids, dtype=np.int64))
                index = index.resized()
                cur.execute("DELETE FROM files")
                cur.executemany("INSERT INTO files (path, size, mtime_ns) VALUES (?, ?, ?)",
                                change.files)
                generation = int(self._manifest.get("generation", 0)) + 1
                name = f"vectors-{generation:06d}.faiss"
                data = index.serialize()
                _write_atomic(self.dir / name, data)
                manifest = {**manifest, "format_version": FORMAT_VERSION,
                            "generation": generation, "faiss_file": name,
                            "faiss_checksum": checksum(data),
                            "vectors": index.ntotal, "faiss_kind": index.kind}
                cur.execute("DELETE FROM manifest")
                cur.executemany("INSERT INTO manifest (key, value) VALUES (?, ?)",
                                [(k, json.dumps(v)) for k, v in manifest.items()])
                cur.execute("COMMIT")
            except BaseException:
                cur.execute("ROLLBACK")
                raise
            self._manifest = manifest
            self._faiss, self._faiss_name = index, name
            self._remove_orphans()

    def touch_files(self, files: Sequence[tuple[str, int, int]]) -> None:
        """Record new file stamps when contents did not change (no new generation needed)."""
        with self._lock:
            cur = self.db.cursor()
            cur.execute("BEGIN IMMEDIATE")
            cur.execute("DELETE FROM files")
            cur.executemany("INSERT INTO files (path, size, mtime_ns) VALUES (?, ?, ?)", files)
            cur.execute("COMMIT")

    def _delete_articles(self, cur: sqlite3.Cursor, ids: Sequence[str]) -> list[int]:
        old: list[int] = []
        for aid in ids:
            rows = cur.execute("SELECT id FROM passages WHERE article_id = ?", (aid,)).fetchall()
            pids = [r[0] for r in rows]
            old.extend(pids)
            cur.executemany("DELETE FROM passages_fts WHERE rowid = ?", [(p,) for p in pids])
            cur.executemany("DELETE FROM sentences WHERE passage_id = ?", [(p,) for p in pids])
            cur.execute("DELETE FROM passages WHERE article_id = ?", (aid,))
            cur.execute("DELETE FROM articles WHERE id = ?", (aid,))
        return old


def checksum(data: bytes) -> str:
    """A fast checksum of a file's bytes (xxh3-128): cheap enough for every cold question."""
    import xxhash

    return str(xxhash.xxh3_128_hexdigest(data))


def _filter_sql(filters: Filters) -> tuple[str, list[Any]]:
    """A WHERE clause over `articles a` for the filters, with its arguments."""
    clauses, args = ["1"], []
    if filters.since is not None:
        clauses.append("a.date >= ?")
        args.append(filters.since.isoformat())
    if filters.until is not None:
        clauses.append("a.date <= ?")
        args.append(filters.until.isoformat())
    if filters.published_by is not None:
        clauses.append("(a.date IS NULL OR a.date <= ?)")
        args.append(filters.published_by.isoformat())
    if filters.source is not None:
        clauses.append("instr(lower(coalesce(a.source, '')), ?) > 0")
        args.append(filters.source.lower())
    if filters.path is not None:
        clauses.append("a.path GLOB ?")
        args.append(filters.path)
    return " AND ".join(clauses), args


def _write_atomic(path: Path, data: bytes) -> None:
    tmp = path.with_name(path.name + ".tmp")
    with open(tmp, "wb") as f:
        f.write(data)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)
