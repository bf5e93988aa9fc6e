"""The index on disk: one SQLite database (articles, passages, sentence vectors, FTS5,
manifest), one FAISS file and the model's ONNX export.

Updates are atomic: a new FAISS generation is written beside the old one, and the SQLite
transaction that records the new rows also switches the manifest to the new file.  A crash
before the commit leaves the old index answering; the orphan file is removed on the next run.

Damage is detected, never answered from: the manifest carries its own checksum and those of the
FAISS and ONNX files, the FTS5 tables and the schema; every article, passage and sentence row
carries a checksum that is verified when the row is read.  A writer checks everything before
it changes anything.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
import sqlite3
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .articles import Article, context_headline
from .errors import IndexBusyError, IndexDamagedError, IndexError_, IndexWriteError
from .fsutil import can_write, write_atomic
from .models import Change, Filters, SentenceVectors, StoredPassage

if TYPE_CHECKING:
    import numpy as np

    from .vectors import VectorIndex

FORMAT_VERSION = 3
"""2: row checksums, manifest, FTS and schema checksums; 3: a checksum of what filters read."""
ONNX_PREFIX, ONNX_SUFFIX = "model-", ".onnx"
DB_NAME = "qa.sqlite3"
LOCK_NAME = ".lock"
FAISS_PREFIX, FAISS_SUFFIX = "vectors-", ".faiss"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS manifest (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS files (
    path TEXT PRIMARY KEY, size INTEGER NOT NULL, mtime_ns INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS articles (
    id TEXT PRIMARY KEY, path TEXT NOT NULL, headline TEXT NOT NULL, date TEXT, source TEXT,
    body TEXT NOT NULL, hash TEXT NOT NULL, checksum TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS articles_path ON articles(path);
CREATE TABLE IF NOT EXISTS passages (
    id INTEGER PRIMARY KEY, article_id TEXT NOT NULL REFERENCES articles(id),
    paragraph INTEGER NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL,
    text TEXT NOT NULL, checksum TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS passages_article ON passages(article_id);
CREATE TABLE IF NOT EXISTS sentences (
    passage_id INTEGER PRIMARY KEY REFERENCES passages(id),
    spans TEXT NOT NULL, vectors BLOB NOT NULL, checksum TEXT NOT NULL);
CREATE VIRTUAL TABLE IF NOT EXISTS passages_fts USING fts5(
    text, headline, tokenize = 'porter unicode61 remove_diacritics 2');
"""
_DATA_TABLES = ("articles", "passages", "sentences", "passages_fts", "files")

# FTS5's shadow tables.  Queries read the first four (the inverted index, its term index, the
# per-row token counts that BM25 uses, the settings); deletes also read the stored content.
_FTS_INDEX = {"passages_fts_data": "id", "passages_fts_idx": "segid, term",
              "passages_fts_docsize": "id", "passages_fts_config": "k"}
_FTS_CONTENT = {"passages_fts_content": "id"}
# What date, source and path filters (and recency) read about every passage, including the
# passages they leave out, whose rows a question never reads and so never checks.  Every
# query that filters reads them the same way: passages by rowid, each one's article through
# the primary key, never through the indexes on article_id or path (whose entries the
# checksum does not cover, and which SQLite would otherwise pick for some filters).
_FILTER_FROM = ("passages p NOT INDEXED CROSS JOIN articles a "
                "INDEXED BY sqlite_autoindex_articles_1 ON a.id = p.article_id")
_FILTER_COLUMNS = f"SELECT p.id, p.article_id, a.date, a.source, a.path FROM {_FILTER_FROM}"

# SQLite primary result codes (the low byte of an extended code).
_SQLITE_PERM, _SQLITE_BUSY, _SQLITE_LOCKED, _SQLITE_CANTOPEN = 3, 5, 6, 14
_SQLITE_CANNOT_WRITE = {3, 8, 10, 13, 14}  # PERM, READONLY, IOERR, FULL, CANTOPEN
# A damaged schema can make SQLite's own error message invalid UTF-8, which Python then
# fails to decode: that is damage too.
_DB_ERRORS = (sqlite3.Error, UnicodeDecodeError)


def row_checksum(*fields: object) -> str:
    """Checksum of one row's fields, stored beside them and verified when the row is read."""
    return hashlib.sha256(_json(fields).encode()).hexdigest()[:32]


def _json(value: object) -> str:
    """JSON for hashing what SQLite returned.  Damage can turn a stored text into a blob
    (one bit of a record header): that hashes differently instead of raising TypeError."""
    return json.dumps(value, default=lambda v: ["\0" + type(v).__name__, bytes(v).hex()])


def manifest_checksum(manifest: dict[str, Any]) -> str:
    """Checksum over every manifest value but itself."""
    body = {k: v for k, v in manifest.items() if k != "manifest_sha256"}
    return hashlib.sha256(json.dumps(body, sort_keys=True).encode()).hexdigest()


def rebuild_hint(directory: Path) -> str:
    """The command that replaces a damaged index."""
    return f"Rebuild it with `qa index --rebuild --index {directory}`."


class Store:
    """An open index folder. Reads are thread-safe; writes need `writer()`."""

    def __init__(self, directory: Path, *, create: bool = False) -> None:
        self.dir = directory
        db = directory / DB_NAME
        if not db.exists():
            if not create:
                raise IndexError_(f"No index at {directory}. Build it with `qa index`.")
            try:
                directory.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise self._cannot_write(exc.strerror or str(exc)) from exc
        self._lock = threading.RLock()
        self._faiss: Any = None
        self._faiss_name: str | None = None
        self._fts_checked: int | None = None
        self._filters_checked: int | None = None
        self._refused: IndexWriteError | None = None
        self._reading = False
        # SQLite's WAL mode creates a shared-memory file beside the database, which a
        # read-only folder (read-only disk, another user's index) does not allow.
        read_only = not can_write(directory)
        if create and read_only:
            if not db.exists():
                raise self._cannot_write("the folder is read-only")
            create = False  # a writer is told before it writes (`writable`)
        try:
            if read_only:
                self.db = sqlite3.connect(f"{db.resolve().as_uri()}?{self._read_only_mode()}",
                                          uri=True, check_same_thread=False,
                                          isolation_level=None)
            else:
                self.db = sqlite3.connect(db, check_same_thread=False, isolation_level=None)
        except _DB_ERRORS as exc:
            raise self._error(exc, writing=create) from exc
        try:
            if not read_only:
                self.db.execute("PRAGMA journal_mode=WAL")
                # FULL: a committed generation survives a power cut, not only a killed process.
                self.db.execute("PRAGMA synchronous=FULL")
            if create:
                for statement in _SCHEMA.split(";\n"):
                    if statement.strip():
                        self.db.execute(statement)
            self._manifest = self._read_manifest()
        except _DB_ERRORS as exc:
            self.db.close()
            raise self._error(exc, writing=create) from exc
        except IndexError_:
            self.db.close()
            raise

    def _read_only_mode(self) -> str:
        """How to open the database in a folder this process cannot write."""
        wal, shm = (self.dir / f"{DB_NAME}-wal", self.dir / f"{DB_NAME}-shm")
        if not (wal.exists() and wal.stat().st_size > 0):
            return "mode=ro&immutable=1"  # everything is in the database file
        if shm.exists():
            return "mode=ro"  # SQLite reads the log through the existing -shm file
        raise IndexError_(f"The index at {self.dir} has changes in {wal.name} that only a "
                          "process allowed to write its folder can read. Run any qa command "
                          "on it once with write access, or copy the folder to a writable disk.")

    # errors --------------------------------------------------------------------------------

    def damaged(self, what: str) -> IndexDamagedError:
        """The error for a failed check: what failed, and the rebuild command."""
        return IndexDamagedError(f"The index at {self.dir} is damaged ({what}). "
                                 f"{rebuild_hint(self.dir)}")

    def _cannot_write(self, reason: str) -> IndexWriteError:
        return cannot_write(self.dir, reason)

    def _error(self, exc: Exception, writing: bool = False) -> IndexError_:
        if isinstance(exc, UnicodeDecodeError):
            return self.damaged("text that is not UTF-8")
        code = getattr(exc, "sqlite_errorcode", None)
        primary = code & 0xFF if isinstance(code, int) else None
        if primary in (_SQLITE_BUSY, _SQLITE_LOCKED):
            return IndexBusyError(f"The index at {self.dir} is locked by another process "
                                  f"({exc}). Wait for it to finish, then run the command again.")
        if writing and primary in _SQLITE_CANNOT_WRITE:
            return self._cannot_write(str(exc))
        if primary in (_SQLITE_PERM, _SQLITE_CANTOPEN):
            return IndexError_(f"Cannot open the index at {self.dir} ({exc}). Check that you "
                               "may read it; if it is damaged, rebuild it with `qa index "
                               f"--rebuild --index {self.dir}`.")
        return self.damaged(str(exc))

    # manifest ------------------------------------------------------------------------------

    @property
    def manifest(self) -> dict[str, Any]:
        """Format version, model, dimension, chunker settings, built time, FAISS file."""
        return dict(self._manifest)

    def _read_manifest(self) -> dict[str, Any]:
        rows = self.db.execute("SELECT key, value FROM manifest").fetchall()
        try:
            manifest = {k: json.loads(v) for k, v in rows}
        except (TypeError, ValueError) as exc:
            raise self.damaged("the manifest is unreadable") from exc
        if manifest.get("format_version") == FORMAT_VERSION:
            if manifest.get("manifest_sha256") != manifest_checksum(manifest):
                raise self.damaged("the manifest fails its checksum")
            if manifest.get("schema_sha256") != self._schema_digest():
                raise self.damaged("the database schema fails its checksum")
        elif manifest and not isinstance(manifest.get("format_version"), int):
            raise self.damaged("the manifest has no format version")
        return manifest

    def reload(self) -> None:
        """Re-read the manifest, picking up a generation another process committed."""
        with self._lock:
            try:
                self._manifest = self._read_manifest()
            except _DB_ERRORS as exc:
                raise self._error(exc) from exc

    def file_stamps(self) -> dict[str, tuple[int, int]]:
        """Path -> (size, mtime_ns) of the corpus files as last indexed."""
        rows = self._rows("SELECT path, size, mtime_ns FROM files")
        return {p: (s, m) for p, s, m in rows}

    def article_hashes(self) -> dict[str, tuple[str, str]]:
        """Article id -> (path, content hash)."""
        rows = self._rows("SELECT id, path, hash FROM articles")
        return {i: (p, h) for i, p, h in rows}

    def counts(self) -> tuple[int, int]:
        """(articles, passages) in the index."""
        [(a,)] = self._rows("SELECT count(*) FROM articles")
        [(p,)] = self._rows("SELECT count(*) FROM passages")
        return a, p

    # reads ---------------------------------------------------------------------------------

    def _rows(self, sql: str, params: Sequence[object] = ()) -> list[Any]:
        with self._lock:
            try:
                return self.db.execute(sql, params).fetchall()
            except _DB_ERRORS as exc:
                raise self._error(exc) from exc

    @contextlib.contextmanager
    def snapshot(self, check: Callable[[Store], None] | None = None) -> Iterator[None]:
        """One consistent generation for a question: the FAISS file, FTS and rows agree.

        Another process may commit meanwhile; the read transaction keeps this view, and a
        generation committed since the last question is picked up here.  `check` vets the
        manifest before the FAISS file is loaded.
        """
        with self._lock:
            if self._reading:
                yield
                return
            self._reading = True
            try:
                for attempt in range(3):
                    self._rows("BEGIN")
                    try:
                        self._follow_generation()
                        if check is not None:
                            check(self)
                        if self._manifest.get("faiss_file") is not None:
                            self.faiss_index()
                        break
                    except FileNotFoundError as exc:
                        # A writer committed and removed this generation's file before we
                        # read it: start again from the generation it committed.
                        self._rows("COMMIT")
                        if attempt == 2:
                            raise self.damaged(f"{exc.filename} is missing") from exc
                    except BaseException:
                        self._rows("COMMIT")
                        raise
                try:
                    yield
                finally:
                    self._rows("COMMIT")
            finally:
                self._reading = False

    def _follow_generation(self) -> None:
        rows = self._rows("SELECT value FROM manifest WHERE key = 'generation'")
        if not rows or rows[0][0] != json.dumps(self._manifest.get("generation")):
            self.reload()

    def read_file(self, name: str, checksum_key: str) -> bytes:
        """A file of the index, checked against the checksum the manifest keeps for it."""
        path = self.dir / name
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            if self._reading:
                raise  # the snapshot retries: a writer may have just replaced it
            raise self.damaged(f"{path} is missing") from None
        except OSError as exc:
            raise self.damaged(f"{path} cannot be read: {exc.strerror}") from exc
        if checksum(data) != self._manifest.get(checksum_key):
            raise self.damaged(f"{path} fails its checksum")
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
            try:
                index = VectorIndex.load(data)
            except RuntimeError as exc:  # FAISS's own reader: only after the checksum passed
                raise self.damaged(f"{self.dir / name} cannot be read by FAISS") from exc
            if index.dimension != self._manifest.get("dimension"):
                raise self.damaged(f"{self.dir / name} has {index.dimension} dimensions, the "
                                   f"manifest {self._manifest.get('dimension')}")
            self._faiss, self._faiss_name = index, name
            return index

    def passages(self, ids: Iterable[int]) -> dict[int, StoredPassage]:
        """Passage rows with their citation fields, by id, each checked against its checksum.

        The ids come from this generation's FAISS or FTS index, so a missing row is damage.
        """
        ids = list(ids)
        if not ids:
            return {}
        marks = ",".join("?" * len(ids))
        rows = self._rows(
            "SELECT p.id, p.article_id, p.paragraph, p.start, p.\"end\", p.text, p.checksum, "
            "a.id, a.path, a.headline, a.date, a.source, a.body, a.hash, a.checksum "
            f"FROM passages p JOIN articles a ON a.id = p.article_id WHERE p.id IN ({marks})",
            ids)
        out = {}
        for r in rows:
            if row_checksum(*r[0:6]) != r[6]:
                raise self.damaged(f"passage {r[0]} fails its checksum")
            if row_checksum(*r[7:14]) != r[14] or r[7] != r[1]:
                raise self.damaged(f"the article of passage {r[0]} fails its checksum")
            out[r[0]] = StoredPassage(r[0], r[1], r[2], r[3], r[4], r[5], r[9], r[10], r[11],
                                      r[8])
        missing = set(ids) - set(out)
        if missing:
            raise self.damaged(f"passage {min(missing)} is listed but has no row")
        return out

    def article(self, article_id: str) -> Article | None:
        """One stored article, whole."""
        rows = self._rows(
            "SELECT id, path, headline, date, source, body, hash, checksum FROM articles "
            "WHERE id = ?", (article_id,))
        if not rows:
            return None
        row = rows[0]
        if row_checksum(*row[:7]) != row[7] or row[0] != article_id:
            raise self.damaged(f"article {article_id!r} fails its checksum")
        return Article(*row[:7])

    def sentence_vectors(self, ids: Iterable[int]) -> dict[int, SentenceVectors]:
        """The stored sentence spans and vectors of these passages, checked like every row."""
        import numpy as np

        ids = list(ids)
        if not ids:
            return {}
        marks = ",".join("?" * len(ids))
        dim = int(self._manifest.get("dimension", 0))
        rows = self._rows("SELECT passage_id, spans, vectors, checksum FROM sentences "
                          f"WHERE passage_id IN ({marks})", ids)
        out = {}
        for pid, spans, blob, check in rows:
            if not isinstance(blob, bytes) or sentence_checksum(pid, spans, blob) != check:
                raise self.damaged(f"the sentences of passage {pid} fail their checksum")
            vectors = np.frombuffer(blob, dtype=np.float16).astype(np.float32).reshape(-1, dim)
            out[pid] = SentenceVectors(tuple(tuple(s) for s in json.loads(spans)), vectors)
        if self._manifest.get("sentences") == self._manifest.get("vectors"):
            missing = set(ids) - set(out)
            if missing:
                raise self.damaged(f"passage {min(missing)} has lost its sentence vectors")
        return out

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
            sql += f" AND rowid IN (SELECT p.id FROM {_FILTER_FROM} WHERE {where})"
            args.extend(more)
        with self._lock:
            self._check_fts()
            if filters is not None:
                self._check_filters()
            try:
                rows = self.db.execute(sql + " ORDER BY 2 LIMIT ?", [*args, k]).fetchall()
            except sqlite3.OperationalError as exc:
                if str(exc).startswith("fts5: syntax error"):
                    return []
                raise self._error(exc) from exc
            except _DB_ERRORS as exc:
                raise self._error(exc) from exc
        return [(int(r), -float(s)) for r, s in rows]

    def allowed_ids(self, filters: Filters) -> Any:
        """Ids (int64 array) of the passages whose article passes the filters."""
        import numpy as np

        self._check_filters()
        where, args = _filter_sql(filters)
        rows = self._rows(f"SELECT p.id FROM {_FILTER_FROM} WHERE {where}", args)
        return np.fromiter((r[0] for r in rows), dtype=np.int64, count=len(rows))

    def article_of(self, ids: Iterable[int]) -> dict[int, tuple[str, str | None]]:
        """Passage id -> (article id, article date)."""
        self._check_filters()
        ids = list(ids)
        out: dict[int, tuple[str, str | None]] = {}
        for i in range(0, len(ids), 500):
            chunk = ids[i:i + 500]
            rows = self._rows(f"SELECT p.id, a.id, a.date FROM {_FILTER_FROM} "
                              f"WHERE p.id IN ({','.join('?' * len(chunk))})", chunk)
            out.update({r[0]: (r[1], r[2]) for r in rows})
        missing = set(ids) - set(out)
        if missing:  # the ids come from this generation's FAISS or FTS index
            raise self.damaged(f"passage {min(missing)} is listed but has no row")
        return out

    def newest_date(self) -> str | None:
        """The latest date of an article with passages in the index."""
        self._check_filters()
        rows = self._rows(f"SELECT max(a.date) FROM {_FILTER_FROM}")
        return rows[0][0] if rows else None

    def known_terms(self, words: Iterable[str]) -> set[str]:
        """The words (stemmed as the lexical index stems them) that occur in some passage."""
        found = set()
        with self._lock:
            self._check_fts()
            for word in words:
                if self._rows("SELECT 1 FROM passages_fts WHERE passages_fts MATCH ? LIMIT 1",
                              (f'"{word}"',)):
                    found.add(word)
        return found

    def term_counts(self, words: Iterable[str]) -> dict[str, int]:
        """How many passages each word occurs in (stemmed as the lexical index stems them)."""
        out = {}
        with self._lock:
            self._check_fts()
            for word in words:
                rows = self._rows("SELECT count(*) FROM passages_fts WHERE passages_fts MATCH ?",
                                  (f'"{word}"',))
                out[word] = int(rows[0][0]) if rows else 0
        return out

    def _check_fts(self) -> None:
        """Verify the FTS5 index once per generation: BM25 scores come straight from it."""
        generation = self._manifest.get("generation")
        if self._fts_checked == generation or self._manifest.get(
                "format_version") != FORMAT_VERSION:
            return
        if self._digest(_FTS_INDEX) != self._manifest.get("fts_index_sha256"):
            raise self.damaged("the lexical index fails its checksum")
        self._fts_checked = generation

    def _check_filters(self) -> None:
        """Verify, once per generation, the dates, sources and paths that filters read.

        A changed date in a row a filter leaves out would change the answer unnoticed: row
        checksums only cover the rows a question reads.  About 10 ms on the bbc index.
        """
        generation = self._manifest.get("generation")
        if self._filters_checked == generation or self._manifest.get(
                "format_version") != FORMAT_VERSION:
            return
        if self._filter_digest() != self._manifest.get("filters_sha256"):
            raise self.damaged("the articles' dates, sources or paths fail their checksum")
        self._filters_checked = generation

    def _filter_digest(self) -> str:
        rows = self._rows(_FILTER_COLUMNS + " ORDER BY p.id")
        return hashlib.sha256(_json(rows).encode()).hexdigest()

    def _digest(self, tables: dict[str, str]) -> str:
        """SHA-256 over every row of `tables`, in key order."""
        h = hashlib.sha256()
        with self._lock:
            for table, order in tables.items():
                h.update(table.encode() + b"\0")
                try:
                    cursor = self.db.execute(f"SELECT * FROM {table} ORDER BY {order}")
                    for row in cursor:
                        for value in row:
                            _feed(h, value)
                        h.update(b"\n")
                except _DB_ERRORS as exc:
                    raise self._error(exc) from exc
        return h.hexdigest()

    def _schema_digest(self) -> str:
        rows = self.db.execute(
            "SELECT type, name, tbl_name, rootpage, sql FROM sqlite_schema ORDER BY name"
        ).fetchall()
        return hashlib.sha256(_json(rows).encode()).hexdigest()

    def verify(self) -> None:
        """Check everything: SQLite's integrity, every row, FTS5 and FAISS against each other.

        Reads the whole index (about 0.3 s for the 2,225 bbc articles): writers call it
        before they change anything, so damage is never built upon.
        """
        with self._lock:
            m = self._manifest
            if m.get("format_version") != FORMAT_VERSION:
                return
            problems = [r[0] for r in self._rows("PRAGMA integrity_check") if r[0] != "ok"]
            if problems:
                raise self.damaged(f"SQLite: {problems[0]}")
            self._fts_checked = self._filters_checked = None
            self._check_fts()
            self._check_filters()
            if self._digest(_FTS_CONTENT) != m.get("fts_content_sha256"):
                raise self.damaged("the lexical index's text fails its checksum")
            for row in self._rows("SELECT id, path, headline, date, source, body, hash, "
                                  "checksum FROM articles"):
                if row_checksum(*row[:7]) != row[7]:
                    raise self.damaged(f"article {row[0]!r} fails its checksum")
            ids = []
            for row in self._rows("SELECT id, article_id, paragraph, start, \"end\", text, "
                                  "checksum FROM passages ORDER BY id"):
                if row_checksum(*row[:6]) != row[6]:
                    raise self.damaged(f"passage {row[0]} fails its checksum")
                ids.append(row[0])
            sentence_ids = []
            for pid, spans, blob, check in self._rows(
                    "SELECT passage_id, spans, vectors, checksum FROM sentences"):
                if not isinstance(blob, bytes) or sentence_checksum(pid, spans, blob) != check:
                    raise self.damaged(f"the sentences of passage {pid} fail their checksum")
                sentence_ids.append(pid)
            if len(sentence_ids) != m.get("sentences", 0) or not set(sentence_ids) <= set(ids):
                raise self.damaged(f"{len(sentence_ids)} sentence rows, the manifest "
                                   f"{m.get('sentences')}")
            fts_ids = [r[0] for r in self._rows("SELECT id FROM passages_fts_docsize ORDER BY id")]
            if m.get("onnx_file"):
                self.read_file(m["onnx_file"], "onnx_checksum")
            if m.get("faiss_file") is None:
                return
            vector_ids = sorted(int(i) for i in self.faiss_index().ids())
            if not (ids == fts_ids == vector_ids and len(ids) == m.get("vectors")):
                raise self.damaged(f"{len(ids)} passages, {len(fts_ids)} lexical rows, "
                                   f"{len(vector_ids)} vectors and {m.get('vectors')} in the "
                                   "manifest disagree")

    def close(self) -> None:
        """Close the database."""
        with self._lock:
            self.db.close()

    # writes --------------------------------------------------------------------------------

    @contextlib.contextmanager
    def writer(self) -> Iterator[None]:
        """Hold the index's write lock; a second writer is told the index is busy."""
        with write_lock(self.dir) as refused:
            # Another writer may have committed since this store was opened: orphans are
            # judged against the manifest as it is now.
            self.reload()
            if refused is None:
                self._remove_orphans()
            self._refused = refused
            try:
                yield
            finally:
                self._refused = None

    def writable(self) -> None:
        """Raise the reason when the writer's folder takes no writes (checked before work)."""
        if self._refused is not None:
            raise self._refused

    def _remove_orphans(self) -> None:
        """Temp files of a crashed run, and data files no manifest points to."""
        current = {self._manifest.get("faiss_file"), self._manifest.get("onnx_file")}
        for path in self.dir.iterdir():
            generated = (path.name.startswith(FAISS_PREFIX) and path.name.endswith(FAISS_SUFFIX)
                         ) or (path.name.startswith(ONNX_PREFIX)
                               and path.name.endswith(ONNX_SUFFIX))
            if path.name.endswith(".tmp") or (generated and path.name not in current):
                path.unlink(missing_ok=True)

    def apply(self, change: Change, vectors: np.ndarray, manifest: dict[str, Any],
              rebuild: bool = False, sentences: Sequence[SentenceVectors] = ()) -> None:
        """Write one update atomically; `vectors` has one row per passage of `change.upserts`,
        and so has `sentences` when given.

        With `rebuild`, everything stored before is dropped first.
        """
        from .vectors import VectorIndex

        with self._lock:
            if rebuild or self._manifest.get("faiss_file") is None:
                index = VectorIndex.empty(int(manifest["dimension"]))
            else:
                index = self.faiss_index().copy()
            try:
                with self._transaction() as cur:
                    index, name, manifest = self._write(cur, index, change, vectors, sentences,
                                                        manifest, rebuild)
            except OSError as exc:
                raise self._cannot_write(exc.strerror or str(exc)) from exc
            # Copy the commit into the database file now (without waiting for readers), so
            # the file alone holds the index even if this process dies.
            with contextlib.suppress(sqlite3.Error):
                self.db.execute("PRAGMA wal_checkpoint(PASSIVE)")
            self._manifest = manifest
            self._faiss, self._faiss_name = index, name
            self._fts_checked = self._filters_checked = manifest["generation"]
            # The next writer removes them if this fails: they are no longer referenced.
            with contextlib.suppress(OSError):
                self._remove_orphans()

    def _write(self, cur: sqlite3.Cursor, index: VectorIndex, change: Change,
               vectors: np.ndarray, sentences: Sequence[SentenceVectors],
               manifest: dict[str, Any], rebuild: bool
               ) -> tuple[VectorIndex, str, dict[str, Any]]:
        """The body of `apply`'s transaction; returns the new index, its file name and the
        manifest."""
        import numpy as np

        if rebuild:
            for table in _DATA_TABLES:
                cur.execute(f"DROP TABLE IF EXISTS {table}")
            for statement in _SCHEMA.split(";\n"):
                if statement.strip():
                    cur.execute(statement)
        gone = list(change.removed_ids) + [a.id for a, _ in change.upserts]
        old_ids = self._delete_articles(cur, gone)
        if old_ids and not rebuild:
            index.remove(old_ids)
        next_id = int(cur.execute("SELECT coalesce(max(id), 0) FROM passages").fetchone()[0]) + 1
        new_ids: list[int] = []
        for article, passages in change.upserts:
            fields = (article.id, article.path, article.headline, article.date,
                      article.source, article.body, article.hash)
            cur.execute("INSERT INTO articles (id, path, headline, date, source, body, hash, "
                        "checksum) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                        (*fields, row_checksum(*fields)))
            for p in passages:
                pid = next_id
                next_id += 1
                row = (pid, p.article_id, p.paragraph, p.start, p.end, p.text)
                cur.execute("INSERT INTO passages (id, article_id, paragraph, start, \"end\", "
                            "text, checksum) VALUES (?, ?, ?, ?, ?, ?, ?)",
                            (*row, row_checksum(*row)))
                cur.execute("INSERT INTO passages_fts (rowid, text, headline) VALUES (?, ?, ?)",
                            (pid, p.text, context_headline(article)))
                if len(new_ids) < len(sentences):
                    sv = sentences[len(new_ids)]
                    spans = json.dumps(sv.spans)
                    blob = np.asarray(sv.vectors, dtype=np.float16).tobytes()
                    cur.execute("INSERT INTO sentences (passage_id, spans, vectors, checksum) "
                                "VALUES (?, ?, ?, ?)",
                                (pid, spans, blob, sentence_checksum(pid, spans, blob)))
                new_ids.append(pid)
        if len(new_ids) != len(vectors) or (sentences and len(sentences) != len(new_ids)):
            raise ValueError("one vector (and one sentence row) per passage is required")
        index.add(vectors, np.asarray(new_ids, dtype=np.int64))
        index = index.resized()
        cur.execute("DELETE FROM files")
        cur.executemany("INSERT INTO files (path, size, mtime_ns) VALUES (?, ?, ?)",
                        change.files)
        # FTS5 keeps new terms in memory until a savepoint ends or the transaction commits:
        # flush them now so the digests below are of what COMMIT stores.
        cur.execute("SAVEPOINT flush")
        cur.execute("RELEASE flush")
        generation = int(self._manifest.get("generation", 0)) + 1
        name = f"{FAISS_PREFIX}{generation:06d}{FAISS_SUFFIX}"
        data = index.serialize()
        write_atomic(self.dir / name, data)
        [(sentence_rows,)] = cur.execute("SELECT count(*) FROM sentences").fetchall()
        manifest = {**manifest, "format_version": FORMAT_VERSION, "generation": generation,
                    "faiss_file": name, "faiss_checksum": checksum(data),
                    "faiss_kind": index.kind, "vectors": index.ntotal,
                    "sentences": int(sentence_rows),
                    "fts_index_sha256": self._digest(_FTS_INDEX),
                    "fts_content_sha256": self._digest(_FTS_CONTENT),
                    "filters_sha256": self._filter_digest(),
                    "schema_sha256": self._schema_digest()}
        manifest["manifest_sha256"] = manifest_checksum(manifest)
        cur.execute("DELETE FROM manifest")
        cur.executemany("INSERT INTO manifest (key, value) VALUES (?, ?)",
                        [(k, json.dumps(v)) for k, v in manifest.items()])
        return index, name, manifest

    def write_file(self, name: str, data: bytes) -> None:
        """Write a data file of the index atomically (a writer's; the manifest names it later)."""
        try:
            write_atomic(self.dir / name, data)
        except OSError as exc:
            raise self._cannot_write(exc.strerror or str(exc)) from exc

    def touch_files(self, files: Sequence[tuple[str, int, int]]) -> None:
        """Record new file stamps when contents did not change (no new generation needed)."""
        with self._lock, self._transaction() as cur:
            cur.execute("DELETE FROM files")
            cur.executemany("INSERT INTO files (path, size, mtime_ns) VALUES (?, ?, ?)", files)

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[sqlite3.Cursor]:
        """A write transaction: committed at the end, rolled back on any exception."""
        cur = self.db.cursor()
        try:
            cur.execute("BEGIN IMMEDIATE")
            try:
                yield cur
                cur.execute("COMMIT")
            except BaseException:
                with contextlib.suppress(sqlite3.Error):
                    cur.execute("ROLLBACK")
                raise
        except _DB_ERRORS as exc:
            raise self._error(exc, writing=True) from exc

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


@contextlib.contextmanager
def write_lock(directory: Path) -> Iterator[IndexWriteError | None]:
    """The index folder's write lock: one writer at a time, released even by `kill -9`.

    Yields None, or in a folder qa cannot write the error to raise if a write turns out to
    be needed: checking that an index is up to date writes nothing.
    """
    refused = None
    fd: int | None = None
    try:
        directory.mkdir(parents=True, exist_ok=True)
        fd = os.open(directory / LOCK_NAME, os.O_RDWR | os.O_CREAT, 0o644)
        if not can_write(directory):  # `chmod a-w DIR` leaves the lock file writable
            refused = cannot_write(directory, "permission denied")
    except OSError as exc:
        refused = cannot_write(directory, exc.strerror or str(exc))
        try:  # flock works on a descriptor opened for reading
            fd = os.open(directory / LOCK_NAME, os.O_RDONLY)
        except FileNotFoundError:
            pass
        except OSError:
            raise refused from exc
    if fd is None:
        # No lock file in a folder qa cannot write: no qa writer has run here since it became
        # unwritable (each one creates the file first), and this one will write nothing.
        yield refused
        return
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as exc:
            raise IndexBusyError(f"Another `qa index` is updating {directory}. Wait for it "
                                 "to finish, then run the command again.") from exc
        yield refused
    finally:
        os.close(fd)


def cannot_write(directory: Path, reason: str) -> IndexWriteError:
    """The error for a folder that takes no writes: why, and what to do instead."""
    low = reason.lower()
    if "read-only" in low or "readonly" in low or "permission" in low:
        advice = "Pass --index DIR on a writable disk"
    else:
        advice = "Free some space, or pass --index DIR on a writable disk"
    return IndexWriteError(f"Cannot write the index at {directory} ({reason}). {advice}, then "
                           "run the command again; the previous index is unchanged.")


def discard(directory: Path) -> None:
    """Delete an index's database and vector files (for `qa index --rebuild`)."""
    with write_lock(directory) as refused:
        if refused is not None:
            raise refused
        for path in directory.iterdir():
            if path.name.startswith((DB_NAME, FAISS_PREFIX, ONNX_PREFIX)):
                path.unlink(missing_ok=True)


def checksum(data: bytes) -> str:
    """A fast checksum of a file's bytes (xxh3-128): cheap enough for every cold question."""
    import xxhash

    return str(xxhash.xxh3_128_hexdigest(data))


def sentence_checksum(passage_id: int, spans: str, blob: bytes) -> str:
    """Checksum of one sentences row (its vectors are bytes, hashed apart)."""
    return row_checksum(passage_id, spans, checksum(blob))


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


def _feed(h: Any, value: object) -> None:
    """Hash one SQLite value unambiguously: its type, its length, its bytes."""
    if isinstance(value, bytes):
        h.update(b"b%d:" % len(value) + value)
    elif isinstance(value, str):
        data = value.encode("utf-8", "surrogatepass")
        h.update(b"s%d:" % len(data) + data)
    else:
        h.update(f"{type(value).__name__}:{value!r};".encode())
