"""`Store`: an open index folder.  Readers on any thread, each with its own connection and a
read transaction per question; one writer, with its own connection, under the folder lock.

Updates are atomic: a new FAISS generation is written beside the old one, and the SQLite
transaction that records the new rows also switches the manifest to the new file.  A crash
before the commit leaves the old index answering; the orphan file is removed on the next run.

Damage is detected, never answered from: the manifest carries its own checksum and those of the
FAISS and ONNX files, the FTS5 tables, the filter columns and the schema; every article, passage
and sentence row carries a checksum that is verified when the row is read.  A writer checks
everything before it changes anything.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..articles import Article
from ..errors import IndexDamagedError, IndexError_, IndexWriteError
from ..fsutil import can_write, write_shared
from ..models import Change, Filters, SentenceVectors, StoredPassage
from . import writer as writing
from .connect import DB_ERRORS, cannot_write, connect, damaged, map_error
from .integrity import generation_of, read_manifest
from .reads import Generation, View
from .schema import DB_NAME

if TYPE_CHECKING:
    import numpy as np

    from ..vectors import VectorIndex

_KEPT_GENERATIONS = 3
"""Generations kept in memory: the newest, and those older questions may still be reading."""


class Store:
    """An open index folder. Reads are thread-safe and never wait; writes need `writer()`."""

    def __init__(self, directory: Path, *, create: bool = False) -> None:
        self.dir = directory
        db = directory / DB_NAME
        if not db.exists():
            if not create:
                raise IndexError_(f"No index at {directory}. Build it with `qa index`.")
            try:
                directory.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise cannot_write(directory, exc.strerror or str(exc)) from exc
        # SQLite's WAL mode creates a shared-memory file beside the database, which a
        # read-only folder (read-only disk, another user's index) does not allow.
        self._writable = can_write(directory)
        if create and not self._writable:
            if not db.exists():
                raise cannot_write(directory, "the folder is read-only")
            create = False  # a writer is told before it writes (`writable`)
        self._local = threading.local()
        self._lock = threading.Lock()
        """Guards the generation cache and the connection list; never held across a read."""
        self._write_lock = threading.Lock()
        self._connections: list[tuple[threading.Thread, sqlite3.Connection]] = []
        self._generations: dict[str, Generation] = {}
        self._trusted: str | None = None
        """The generation `verify` passed, or this store committed: not checked again."""
        self._latest = Generation({})
        self._write_conn: sqlite3.Connection | None = None
        self._refused: IndexWriteError | None = None
        self._closed = False
        try:
            if create:
                # Outside a transaction: on an existing index each statement is a no-op that
                # takes no write lock, so a busy writer elsewhere is told by the folder lock.
                conn = self._writer_connection()
                try:
                    writing.create_schema(conn.cursor())
                except DB_ERRORS as exc:
                    raise map_error(directory, exc, writing=True) from exc
            self.reload()
        except BaseException:
            self.close()
            raise

    # connections -----------------------------------------------------------------------------

    def _connection(self) -> sqlite3.Connection:
        """This thread's read connection, opened on first use."""
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is not None:
            return conn
        if self._closed:
            raise IndexError_(f"The index at {self.dir} was closed. Open it again.")
        conn = connect(self.dir, writable=self._writable)
        with self._lock:
            alive = []
            for thread, other in self._connections:
                if thread.is_alive():
                    alive.append((thread, other))
                else:  # its thread has ended: nothing can be using it
                    other.close()
            self._connections = [*alive, (threading.current_thread(), conn)]
        self._local.conn = conn
        return conn

    def _writer_connection(self) -> sqlite3.Connection:
        """The writer's own connection (writes never share a reader's transaction)."""
        if self._write_conn is None:
            self._write_conn = connect(self.dir, writable=True)
        return self._write_conn

    @property
    def db(self) -> sqlite3.Connection:
        """This thread's connection, for checks and benchmarks that run their own SQL."""
        return self._connection()

    def damaged(self, what: str) -> IndexDamagedError:
        """The error for a failed check: what failed, and the rebuild command."""
        return damaged(self.dir, what)

    # generations and snapshots ---------------------------------------------------------------

    @property
    def manifest(self) -> dict[str, Any]:
        """Format version, model, dimension, chunker settings, built time, FAISS file: of this
        thread's snapshot when one is open, else of the newest generation seen."""
        view: View | None = getattr(self._local, "view", None)
        return dict(view.manifest if view is not None else self._latest.manifest)

    def reload(self) -> None:
        """Re-read the manifest, picking up a generation another process committed."""
        with self._lock:
            self._generations.clear()
        with self._read():
            pass

    @contextlib.contextmanager
    def snapshot(self, check: Callable[[View], None] | None = None, *,
                 vectors: bool = True) -> Iterator[View]:
        """One consistent generation for a question: the FAISS file, FTS and rows agree.

        A read transaction on this thread's connection keeps this view while another process
        commits; a generation committed since the last question is picked up here.  `check`
        vets the manifest before the FAISS file is loaded (with `vectors`; else on first use).
        Nested calls share the outer view.
        """
        active: View | None = getattr(self._local, "view", None)
        if active is not None:
            yield active
            return
        conn = self._connection()
        view = self._begin(conn, check, vectors)
        self._local.view = view
        try:
            yield view
        finally:
            self._local.view = None
            self._execute(conn, "COMMIT")

    def _read(self) -> contextlib.AbstractContextManager[View]:
        """A snapshot for a read that needs no vectors (the FAISS file is not loaded)."""
        return self.snapshot(vectors=False)

    def _begin(self, conn: sqlite3.Connection, check: Callable[[View], None] | None,
               vectors: bool) -> View:
        for attempt in range(3):
            self._execute(conn, "BEGIN")
            try:
                view = View(self.dir, conn, self._generation(conn))
                if check is not None:
                    check(view)
                if vectors and view.manifest.get("faiss_file") is not None:
                    view.vector_index()
                return view
            except FileNotFoundError as exc:
                # A writer committed and removed this generation's file before we read it:
                # start again from the generation it committed.
                self._execute(conn, "COMMIT")
                if attempt == 2:
                    raise self.damaged(f"{exc.filename} is missing") from exc
            except BaseException:
                self._execute(conn, "COMMIT")
                raise
        raise AssertionError("unreachable")

    def _generation(self, conn: sqlite3.Connection) -> Generation:
        """The generation this read transaction sees (its manifest read and checked once)."""
        try:
            stored = generation_of(conn)
            with self._lock:
                gen = self._generations.get(stored) if stored is not None else None
            if gen is not None:
                return gen
            gen = Generation(read_manifest(conn, self.damaged))
        except DB_ERRORS as exc:
            raise map_error(self.dir, exc) from exc
        self._remember(stored, gen)
        return gen

    def _remember(self, stored: str | None, gen: Generation) -> None:
        with self._lock:
            if stored is not None:
                self._generations[stored] = gen
                while len(self._generations) > _KEPT_GENERATIONS:
                    del self._generations[min(self._generations, key=_number)]
            if _number(stored) >= _number(_stored(self._latest.manifest)):
                self._latest = gen

    def _execute(self, conn: sqlite3.Connection, sql: str) -> None:
        try:
            conn.execute(sql)
        except DB_ERRORS as exc:
            raise map_error(self.dir, exc) from exc

    # reads, each in its own snapshot unless this thread has one open -------------------------

    def vector_index(self) -> VectorIndex:
        """The FAISS index of the current generation, checked against the manifest."""
        with self._read() as view:
            return view.vector_index()

    faiss_index = vector_index

    def read_file(self, name: str, checksum_key: str) -> bytes:
        """A file of the index, checked against the checksum the manifest keeps for it."""
        with self._read() as view:
            try:
                return view.read_file(name, checksum_key)
            except FileNotFoundError:
                raise self.damaged(f"{self.dir / name} is missing") from None

    def passages(self, ids: Iterable[int]) -> dict[int, StoredPassage]:
        """Passage rows with their citation fields, by id, each checked against its checksum."""
        with self._read() as view:
            return view.passages(ids)

    def article(self, article_id: str) -> Article | None:
        """One stored article, whole."""
        with self._read() as view:
            return view.article(article_id)

    def sentence_vectors(self, ids: Iterable[int]) -> dict[int, SentenceVectors]:
        """The stored sentence spans and vectors of these passages."""
        with self._read() as view:
            return view.sentence_vectors(ids)

    def allowed_ids(self, filters: Filters) -> np.ndarray:
        """Ids (int64 array) of the passages whose article passes the filters."""
        with self._read() as view:
            return view.allowed_ids(filters)

    def article_of(self, ids: Iterable[int]) -> dict[int, tuple[str, str | None]]:
        """Passage id -> (article id, article date)."""
        with self._read() as view:
            return view.article_of(ids)

    def newest_date(self) -> str | None:
        """The latest date of an article with passages in the index."""
        with self._read() as view:
            return view.newest_date()

    def term_counts(self, words: Iterable[str]) -> dict[str, int]:
        """How many passages each word occurs in (stemmed as the lexical index stems them)."""
        with self._read() as view:
            return view.term_counts(words)

    def counts(self) -> tuple[int, int]:
        """(articles, passages) in the index."""
        with self._read() as view:
            return view.counts()

    def skipped_files(self) -> dict[str, str]:
        """Path -> why the file gave no article when it was last read."""
        with self._read() as view:
            return view.skipped_files()

    def file_stamps(self) -> dict[str, tuple[int, int]]:
        """Path -> (size, mtime_ns) of the corpus files as last indexed."""
        with self._read() as view:
            return view.file_stamps()

    def article_hashes(self) -> dict[str, tuple[str, str]]:
        """Article id -> (path, content hash)."""
        with self._read() as view:
            return view.article_hashes()

    def verify(self) -> None:
        """Check everything (see `View.verify`); writers call it before they change anything.

        A generation this store checked, or committed itself, is not checked again: a
        long-running writer (watch mode) pays for the full check at its first update and
        after another process commits, not at every update."""
        with self._read() as view:
            generation = _stored(view.manifest)
            if generation is not None and generation == self._trusted:
                return
            view.verify()
            self._trusted = generation

    def close(self) -> None:
        """Close every connection (no thread may be reading)."""
        with self._lock:
            self._closed = True
            for _, conn in self._connections:
                conn.close()
            self._connections = []
        self._local = threading.local()
        if self._write_conn is not None:
            self._write_conn.close()
            self._write_conn = None

    # writes ----------------------------------------------------------------------------------

    @contextlib.contextmanager
    def writer(self) -> Iterator[None]:
        """Hold the index's write lock; a second writer is told the index is busy."""
        with writing.write_lock(self.dir) as refused:
            # Another writer may have committed since this store was opened: orphans are
            # judged against the manifest as it is now.
            self.reload()
            if refused is None:
                writing.remove_orphans(self.dir, self.manifest)
            self._refused = refused
            try:
                yield
            finally:
                self._refused = None

    def writable(self) -> None:
        """Raise the reason when the writer's folder takes no writes (checked before work)."""
        if self._refused is not None:
            raise self._refused

    def apply(self, change: Change, vectors: np.ndarray, manifest: dict[str, Any],
              rebuild: bool = False, sentences: Sequence[SentenceVectors] = ()) -> None:
        """Write one update atomically; `vectors` has one row per passage of `change.upserts`,
        and so has `sentences` when given.

        With `rebuild`, everything stored before is dropped first.
        """
        from ..vectors import VectorIndex
        from .columns import FilterColumns  # numpy: kept off `import qa`

        with self._write_lock:
            if rebuild or self.manifest.get("faiss_file") is None:
                index = VectorIndex.empty(int(manifest["dimension"]))
            else:
                index = self.vector_index().copy()
            conn = self._writer_connection()
            try:
                with writing.transaction(conn, self.dir) as cur:
                    index, manifest, rows = writing.write_change(
                        cur, self.dir, index, change, vectors, sentences, manifest, rebuild)
            except OSError as exc:
                raise cannot_write(self.dir, exc.strerror or str(exc)) from exc
            # Copy the commit into the database file now (without waiting for readers), so
            # the file alone holds the index even if this process dies.
            with contextlib.suppress(sqlite3.Error):
                conn.execute("PRAGMA wal_checkpoint(PASSIVE)")
            gen = Generation(manifest)
            gen.faiss, gen.fts_checked, gen.columns = index, True, FilterColumns(rows)
            self._remember(json.dumps(manifest["generation"]), gen)
            self._trusted = json.dumps(manifest["generation"])
            # The next writer removes them if this fails: they are no longer referenced.
            with contextlib.suppress(OSError):
                writing.remove_orphans(self.dir, manifest)

    def write_file(self, name: str, data: bytes, twin: Path | None = None) -> None:
        """Write a data file of the index atomically (a writer's; the manifest names it later),
        as a link to `twin` when that file holds the same bytes (`write_shared`)."""
        try:
            write_shared(self.dir / name, data, twin)
        except OSError as exc:
            raise cannot_write(self.dir, exc.strerror or str(exc)) from exc

    def touch_files(self, files: Sequence[tuple[str, int, int, str]]) -> None:
        """Record new file stamps when contents did not change (no new generation needed)."""
        with self._write_lock, writing.transaction(self._writer_connection(), self.dir) as cur:
            writing.record_files(cur, files)


def _stored(manifest: dict[str, Any]) -> str | None:
    generation = manifest.get("generation")
    return None if generation is None else json.dumps(generation)


def _number(stored: str | None) -> int:
    """A stored generation as a number for ordering (-1 when absent or unreadable)."""
    try:
        value = json.loads(stored) if stored is not None else -1
    except ValueError:
        return -1
    return value if isinstance(value, int) else -1
