"""Opening the database (a reader per thread, the writer's own connection) and turning
SQLite's errors into messages that name the next step."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from ..errors import IndexBusyError, IndexDamagedError, IndexError_, IndexWriteError
from .schema import DB_NAME

DB_ERRORS = (sqlite3.Error, UnicodeDecodeError)
"""What a read of the database can raise.  A damaged schema can make SQLite's own error
message invalid UTF-8, which Python then fails to decode: that is damage too."""

# SQLite primary result codes (the low byte of an extended code).
_PERM, _BUSY, _LOCKED, _READONLY, _IOERR, _CORRUPT = 3, 5, 6, 8, 10, 11
_FULL, _CANTOPEN, _NOTADB = 13, 14, 26
_CANNOT_WRITE = {_PERM, _READONLY, _IOERR, _FULL, _CANTOPEN}
_DAMAGE = {_CORRUPT, _NOTADB}


def rebuild_hint(directory: Path) -> str:
    """The command that replaces a damaged index."""
    return f"Rebuild it with `qa index --rebuild --index {directory}`."


def damaged(directory: Path, what: str) -> IndexDamagedError:
    """The error for a failed check: what failed, and the rebuild command."""
    return IndexDamagedError(f"The index at {directory} is damaged ({what}). "
                             f"{rebuild_hint(directory)}")


def cannot_write(directory: Path, reason: str) -> IndexWriteError:
    """The error for a folder that takes no writes: why, and what to do instead."""
    low = reason.lower()
    if "read-only" in low or "readonly" in low or "permission" in low:
        advice = "Pass --index DIR on a writable disk"
    else:
        advice = "Free some space, or pass --index DIR on a writable disk"
    return IndexWriteError(f"Cannot write the index at {directory} ({reason}). {advice}, then "
                           "run the command again; the previous index is unchanged.")


def map_error(directory: Path, exc: Exception, writing: bool = False) -> IndexError_:
    """The error to raise for what SQLite (or decoding its text) raised.

    Only what shows damage (a corrupt page, a file that is no database, text that is not
    UTF-8) is called damage; a busy, full, unreadable or unwritable index is told as such.
    """
    if isinstance(exc, UnicodeDecodeError):
        return damaged(directory, "text that is not UTF-8")
    code = getattr(exc, "sqlite_errorcode", None)
    primary = code & 0xFF if isinstance(code, int) else None
    if primary in _DAMAGE:
        return damaged(directory, str(exc))
    if primary in (_BUSY, _LOCKED):
        return IndexBusyError(f"The index at {directory} is locked by another process "
                              f"({exc}). Wait for it to finish, then run the command again.")
    if writing and primary in _CANNOT_WRITE:
        return cannot_write(directory, str(exc))
    if primary in (_PERM, _CANTOPEN, _READONLY):
        return IndexError_(f"Cannot open the index at {directory} ({exc}). Check that you "
                           "may read it; if it is damaged, rebuild it with `qa index "
                           f"--rebuild --index {directory}`.")
    if primary == _FULL:
        return IndexError_(f"The disk holding the index at {directory} is full ({exc}). "
                           "Free some space, then run the command again.")
    return IndexError_(f"Could not read the index at {directory} ({exc}). Try again; if it "
                       f"persists, rebuild it with `qa index --rebuild --index {directory}`.")


def nobody_can_write(directory: Path) -> bool:
    """Whether no process can change the database: a read-only file system, or a folder
    without write permission for anyone (SQLite cannot create its log there)."""
    try:
        if os.statvfs(directory).f_flag & os.ST_RDONLY:
            return True
        return directory.stat().st_mode & 0o222 == 0
    except OSError:
        return False


def read_only_uri(directory: Path) -> str:
    """The URI parameters for a database in a folder this process cannot write.

    `immutable=1` (no locks, no log) only where nobody can change the file; elsewhere SQLite
    reads through the log's shared-memory file, which only a writer of the folder can create.
    """
    wal, shm = directory / f"{DB_NAME}-wal", directory / f"{DB_NAME}-shm"
    has_log = wal.exists() and wal.stat().st_size > 0
    if nobody_can_write(directory) and not has_log:
        return "mode=ro&immutable=1"  # everything is in the database file, for good
    if shm.exists():
        return "mode=ro"
    if has_log:
        raise IndexError_(f"The index at {directory} has changes in {wal.name} that only a "
                          "process allowed to write its folder can read. Run any qa command "
                          "on it once with write access, or copy the folder to a writable disk.")
    raise IndexError_(f"The index at {directory} can still be changed by its owner, and this "
                      "user cannot create the files SQLite needs to read it safely meanwhile. "
                      "Copy the folder and pass --index COPY, or ask its owner to make it "
                      f"read-only (chmod a-w {directory}).")


def connect(directory: Path, *, writable: bool) -> sqlite3.Connection:
    """A connection in autocommit mode (transactions are explicit); WAL when `writable`.

    Raises the mapped error (never a raw sqlite3 error).
    """
    db = directory / DB_NAME
    try:
        if writable:
            conn = sqlite3.connect(db, check_same_thread=False, isolation_level=None)
        else:
            conn = sqlite3.connect(f"{db.resolve().as_uri()}?{read_only_uri(directory)}",
                                   uri=True, check_same_thread=False, isolation_level=None)
    except DB_ERRORS as exc:
        raise map_error(directory, exc, writing=writable) from exc
    try:
        if writable:
            conn.execute("PRAGMA journal_mode=WAL")
            # FULL: a committed generation survives a power cut, not only a killed process.
            conn.execute("PRAGMA synchronous=FULL")
        # A reader never waits on the writer under WAL; this only covers the moments a
        # checkpoint or recovery holds a lock.
        conn.execute("PRAGMA busy_timeout=5000")
    except DB_ERRORS as exc:
        conn.close()
        raise map_error(directory, exc, writing=writable) from exc
    return conn

