"""The writer: the folder lock, one update in one transaction that also switches the FAISS
generation, and the removal of files no manifest points to."""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import sqlite3
from collections.abc import Iterator, Sequence
from datetime import date as Date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .. import dates
from ..articles import context_headline
from ..errors import IndexBusyError, IndexWriteError
from ..fsutil import can_write, write_atomic
from ..models import Change, SentenceVectors
from .connect import DB_ERRORS, cannot_write, map_error
from .integrity import filter_rows, schema_digest, table_digest
from .schema import (
    DATA_TABLES,
    DB_NAME,
    FAISS_PREFIX,
    FAISS_SUFFIX,
    FORMAT_VERSION,
    FTS_CONTENT,
    FTS_INDEX,
    LOCK_NAME,
    ONNX_PREFIX,
    ONNX_SUFFIX,
    STATEMENTS,
    checksum,
    encode_extra,
    manifest_checksum,
    row_checksum,
    sentence_checksum,
)

if TYPE_CHECKING:
    import numpy as np

    from ..vectors import VectorIndex


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


def discard(directory: Path) -> None:
    """Delete an index's database and vector files (for `qa index --rebuild`)."""
    with write_lock(directory) as refused:
        if refused is not None:
            raise refused
        _unlink_data(directory)


def _unlink_data(directory: Path) -> None:
    """Delete the index's database and vector and model files (the lock held)."""
    for path in directory.iterdir():
        if path.name.startswith((DB_NAME, FAISS_PREFIX, ONNX_PREFIX)):
            path.unlink(missing_ok=True)


def drop_stub(directory: Path, made: Path) -> None:
    """Undo a first index that stored nothing (its corpus was empty or missing): delete the
    database this process created in `directory`, its lock file, and then the folders from
    `directory` up to `made` that are left empty. Nothing else: not another process's files,
    not an index another writer holds (then this does nothing)."""
    try:
        with write_lock(directory) as refused:
            if refused is not None or _has_articles(directory / DB_NAME):
                return  # (another process built an index here meanwhile: it stays)
            _unlink_data(directory)
            (directory / LOCK_NAME).unlink(missing_ok=True)
    except (IndexBusyError, OSError):
        return
    for folder in (directory, *directory.parents):
        try:
            folder.rmdir()  # only if empty
        except OSError:
            return
        if folder == made:
            return


def _has_articles(db: Path) -> bool:
    """Whether the database at `db` stores an article (True when it cannot be read)."""
    if not db.exists():
        return False
    try:
        with contextlib.closing(sqlite3.connect(f"file:{db}?mode=ro", uri=True)) as conn:
            return bool(conn.execute("SELECT 1 FROM articles LIMIT 1").fetchall())
    except sqlite3.Error:
        return True


def remove_orphans(directory: Path, manifest: dict[str, Any]) -> None:
    """Temp files of a crashed run, and data files no manifest points to."""
    current = {manifest.get("faiss_file"), manifest.get("onnx_file")}
    for path in directory.iterdir():
        generated = (path.name.startswith(FAISS_PREFIX) and path.name.endswith(FAISS_SUFFIX)
                     ) or (path.name.startswith(ONNX_PREFIX) and path.name.endswith(ONNX_SUFFIX))
        if path.name.endswith(".tmp") or (generated and path.name not in current):
            path.unlink(missing_ok=True)


@contextlib.contextmanager
def transaction(conn: sqlite3.Connection, directory: Path) -> Iterator[sqlite3.Cursor]:
    """A write transaction: committed at the end, rolled back on any exception."""
    cur = conn.cursor()
    try:
        cur.execute("BEGIN IMMEDIATE")
        try:
            yield cur
            cur.execute("COMMIT")
        except BaseException:
            with contextlib.suppress(sqlite3.Error):
                cur.execute("ROLLBACK")
            raise
    except DB_ERRORS as exc:
        raise map_error(directory, exc, writing=True) from exc


def create_schema(cur: sqlite3.Cursor) -> None:
    """Create whatever table or index is missing."""
    for statement in STATEMENTS:
        cur.execute(statement)


def write_change(cur: sqlite3.Cursor, directory: Path, index: VectorIndex, change: Change,
                 vectors: np.ndarray, sentences: Sequence[SentenceVectors],
                 manifest: dict[str, Any], rebuild: bool
                 ) -> tuple[VectorIndex, dict[str, Any], list[Any]]:
    """The body of one update's transaction: rows, the new FAISS file and the manifest that
    points to it.  Returns the new index, the manifest and the filter columns' rows."""
    import numpy as np

    last_id = _last_passage_id(cur)
    if rebuild:
        for table in DATA_TABLES:
            cur.execute(f"DROP TABLE IF EXISTS {table}")
        create_schema(cur)
    gone = list(change.removed_ids) + [a.id for a, _ in change.upserts]
    old_ids = _delete_articles(cur, gone)
    if old_ids and not rebuild:
        index.remove(old_ids)
    # Ids only grow, across deletes and rebuilds: an id once shown (in an exported session,
    # say) never names other text later.  AUTOINCREMENT keeps the counter in sqlite_sequence.
    next_id = last_id + 1
    new_ids: list[int] = []
    for article, passages in change.upserts:
        fields = (article.id, article.path, article.headline, article.date,
                  article.source, article.body, article.hash, encode_extra(article))
        cur.execute("INSERT INTO articles (id, path, headline, date, source, body, hash, "
                    "extra, checksum) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (*fields, row_checksum(*fields)))
        published = Date.fromisoformat(article.date) if article.date else None
        for p in passages:
            pid = next_id
            next_id += 1
            row = (pid, p.article_id, p.paragraph, p.start, p.end, p.text)
            times = dates.encode(dates.mentions(p.text, published))
            cur.execute("INSERT INTO passages (id, article_id, paragraph, start, \"end\", "
                        "text, checksum, times) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                        (*row, row_checksum(*row), times))
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
    if rebuild and not new_ids and last_id:
        cur.execute("DELETE FROM sqlite_sequence WHERE name = 'passages'")
        cur.execute("INSERT INTO sqlite_sequence (name, seq) VALUES ('passages', ?)", (last_id,))
    index.add(vectors, np.asarray(new_ids, dtype=np.int64))
    index = index.resized()
    record_files(cur, change.files)
    # FTS5 keeps new terms in memory until a savepoint ends or the transaction commits:
    # flush them now so the digests below are of what COMMIT stores.
    cur.execute("SAVEPOINT flush")
    cur.execute("RELEASE flush")
    row = cur.execute("SELECT value FROM manifest WHERE key = 'generation'").fetchone()
    generation = int(json.loads(row[0]) if row else 0) + 1
    name = f"{FAISS_PREFIX}{generation:06d}{FAISS_SUFFIX}"
    data = index.serialize()
    write_atomic(directory / name, data)
    conn = cur.connection
    [(sentence_rows,)] = cur.execute("SELECT count(*) FROM sentences").fetchall()
    filters_sha256, rows = filter_rows(conn)
    manifest = {**manifest, "format_version": FORMAT_VERSION, "generation": generation,
                "faiss_file": name, "faiss_checksum": checksum(data),
                "faiss_kind": index.kind, "vectors": index.ntotal,
                "sentences": int(sentence_rows),
                "fts_index_sha256": table_digest(conn, FTS_INDEX),
                "fts_content_sha256": table_digest(conn, FTS_CONTENT),
                "filters_sha256": filters_sha256,
                "schema_sha256": schema_digest(conn)}
    manifest["manifest_sha256"] = manifest_checksum(manifest)
    cur.execute("DELETE FROM manifest")
    cur.executemany("INSERT INTO manifest (key, value) VALUES (?, ?)",
                    [(k, json.dumps(v)) for k, v in manifest.items()])
    return index, manifest, rows


def _last_passage_id(cur: sqlite3.Cursor) -> int:
    """The largest passage id ever given out (the stored counter, or the rows of a format
    that kept none)."""
    [(top,)] = cur.execute("SELECT coalesce(max(id), 0) FROM passages").fetchall()
    has_counter = cur.execute("SELECT 1 FROM sqlite_schema WHERE name = 'sqlite_sequence'"
                              ).fetchone()
    if has_counter:
        row = cur.execute("SELECT seq FROM sqlite_sequence WHERE name = 'passages'").fetchone()
        if row is not None:
            top = max(int(top), int(row[0]))
    return int(top)


def _delete_articles(cur: sqlite3.Cursor, ids: Sequence[str]) -> list[int]:
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


def record_files(cur: sqlite3.Cursor, files: Sequence[tuple[str, int, int, str]]) -> None:
    """Replace the stamps of the corpus files, each with why it gave no article ('' when it
    gave one): contents unchanged, no new generation."""
    cur.execute("DELETE FROM files")
    cur.executemany("INSERT INTO files (path, size, mtime_ns, skipped) VALUES (?, ?, ?, ?)",
                    files)
