"""What qa remembers between pulls, per feed: its validators (ETag, Last-Modified) for
conditional requests, its title, when it was last pulled and why it last failed.

Kept in `<corpus>/feeds/.state.json`, written atomically; hidden, so never read as an
article. Losing it loses nothing stored: the next pull fetches every feed in full once.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..errors import FeedError
from ..fsutil import write_atomic
from .items import FEEDS_DIR

STATE_NAME = ".state.json"
_LOCK_NAME = ".lock"
_VERSION = 1


def load(corpus: Path) -> tuple[dict[str, dict[str, Any]], str | None]:
    """Each feed's remembered state by URL, and a note when the file could not be read."""
    path = corpus / FEEDS_DIR / STATE_NAME
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}, None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError, RecursionError):
        return {}, f"{path} was unreadable: every feed was fetched in full"
    feeds = data.get("feeds") if isinstance(data, dict) else None
    if not isinstance(feeds, dict):
        return {}, f"{path} was not qa's feed state: every feed was fetched in full"
    # Only text values: a hand-edited file must not put anything else into a request header.
    return {url: {k: v for k, v in s.items() if isinstance(v, str)}
            for url, s in feeds.items() if isinstance(s, dict)}, None


def save(corpus: Path, feeds: dict[str, dict[str, Any]]) -> None:
    """Replace the state file in one step."""
    data = json.dumps({"version": _VERSION, "feeds": feeds}, indent=1, sort_keys=True)
    write_atomic(corpus / FEEDS_DIR / STATE_NAME, data.encode())


@contextlib.contextmanager
def pulling(corpus: Path) -> Iterator[None]:
    """Hold the corpus's pull lock: two pulls at once (watch mode and a hand-run one) would
    race on the same files. Released even by `kill -9`."""
    folder = corpus / FEEDS_DIR
    folder.mkdir(parents=True, exist_ok=True)
    fd = os.open(folder / _LOCK_NAME, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise FeedError(f"Another `qa feed pull` is pulling the feeds of {corpus}. Wait "
                            "for it to finish.") from None
        yield
    finally:
        os.close(fd)
