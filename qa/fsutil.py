"""Files and folders: the user cache, atomic writes, whether a folder takes writes."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path


def cache_root() -> Path:
    """qa's folder in the user's cache ($XDG_CACHE_HOME/qa, else ~/.cache/qa)."""
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "qa"


def write_atomic(path: Path, data: bytes) -> None:
    """Replace `path` with `data` so a crash leaves the old file or the new one, never half.

    The data is synced before the rename and the folder after it, so the new name survives a
    power cut too.
    """
    tmp = path.with_name(path.name + ".tmp")
    try:
        tmp.unlink(missing_ok=True)  # never write through a link left there
        with open(tmp, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)
        raise
    _sync_folder(path.parent)


def write_shared(path: Path, data: bytes, twin: Path | None) -> None:
    """Write `data` to `path` as `write_atomic` does, but as a hard link to `twin` when that
    file holds exactly `data`: every index of one model then shares one copy on disk (a link
    survives the twin's deletion or replacement)."""
    if twin is not None:
        tmp = path.with_name(f"{path.name}.{os.getpid()}.link")
        try:
            tmp.unlink(missing_ok=True)
            os.link(twin, tmp)
            if tmp.stat().st_size == len(data) and tmp.read_bytes() == data:
                if not (path.exists() and os.path.samefile(tmp, path)):  # (a rename onto the
                    os.replace(tmp, path)  # same file does nothing: linked already)
                    _sync_folder(path.parent)
                tmp.unlink(missing_ok=True)
                return
        except OSError:
            pass  # another file system, or links not allowed: a copy
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)
    write_atomic(path, data)


def _sync_folder(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def can_write(directory: Path) -> bool:
    """Whether this process may create and delete files in `directory`, or create it.

    Judged as the user the process acts as (the effective one), who is the one that writes.
    """
    effective = os.access in os.supports_effective_ids
    if directory.exists():
        return directory.is_dir() and os.access(directory, os.W_OK | os.X_OK,
                                                effective_ids=effective)
    parent = directory.resolve().parent
    while not parent.exists() and parent != parent.parent:
        parent = parent.parent
    return parent.is_dir() and os.access(parent, os.W_OK | os.X_OK, effective_ids=effective)


def first_missing(path: Path) -> Path | None:
    """The outermost folder of `path` (itself included) that does not exist yet, if any."""
    missing = None
    for folder in (path, *path.parents):
        if folder.exists():
            break
        missing = folder
    return missing
