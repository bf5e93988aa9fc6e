"""Keep the index current: re-index when corpus files change, pull feeds on a schedule.

Each update is one `Bot.refresh`, which commits one atomic generation as `qa index` does, so
readers (another process's `qa -q`, the server's questions) never see half an update. An
update that fails (another writer holds the lock, a full disk) is reported and tried again;
the last complete index keeps answering meanwhile.
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import InputError, QAError
from .text import one_line, plural

if TYPE_CHECKING:
    from .bot import Bot
    from .indexer import IndexSummary

DEBOUNCE_MS = 500
"""Changes that come within this many milliseconds of each other make one update."""
RETRY_SECONDS = 2.0
"""How soon a failed update is tried again; the wait doubles while it keeps failing."""
MAX_RETRY_SECONDS = 60.0
MIN_PULL_SECONDS = 10.0

_EVERY = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(s|sec|m|min|h|hr|d)?\s*$", re.IGNORECASE)
_UNIT = {"s": 1, "sec": 1, "m": 60, "min": 60, "h": 3600, "hr": 3600, "d": 86400}


def parse_every(text: str) -> float:
    """'15m', '90s', '2h', '1d' (a bare number is minutes) as seconds."""
    m = _EVERY.match(text)
    if not m:
        raise InputError(f"{text!r} is not an interval. Give it like 15m, 90s or 2h.")
    seconds = float(m.group(1)) * _UNIT[(m.group(2) or "m").lower()]
    if seconds < MIN_PULL_SECONDS:
        raise InputError(f"Pulling every {seconds:g} s is too often for a feed's server; "
                         f"give at least {MIN_PULL_SECONDS:g}s.")
    return seconds


@dataclass
class Events:
    """What a watcher tells its owner (the CLI prints, the chat shows, the server logs)."""

    updated: Callable[[IndexSummary], None] = lambda summary: None
    failed: Callable[[str], None] = lambda message: None
    pulled: Callable[[str], None] = lambda message: None


class Watcher:
    """Watches a bot's corpus folder and refreshes its index after each burst of changes."""

    def __init__(self, bot: Bot, events: Events | None = None,
                 pull_every: float | None = None, debounce_ms: int = DEBOUNCE_MS) -> None:
        self.bot = bot
        self.events = events or Events()
        self.pull_every = pull_every
        self.debounce_ms = debounce_ms
        self.stop_event = threading.Event()
        self._thread: threading.Thread | None = None
        self._next_pull = time.monotonic() if pull_every else None
        self._retry = RETRY_SECONDS
        self._last_error: str | None = None
        """The last failure reported: the same one again is not repeated while it lasts."""

    def relevant(self, change: object, path: str) -> bool:
        """A change the index cares about: not a hidden file, not the index's own files."""
        p = Path(path)
        try:
            rel = p.relative_to(self.bot.corpus.resolve())
        except ValueError:
            rel = p
        if any(part.startswith(".") for part in rel.parts):
            return False
        index = self.bot.index_dir.resolve()
        return not (p == index or index in p.parents)

    def run(self) -> None:
        """Watch until `stop()`: update once now, then after each burst of changes. If
        watching itself fails (the corpus folder removed, no inotify watches left), it says
        so and stops; the index keeps answering as it is."""
        try:
            self._watch()
        except Exception as exc:  # a thread that dies must say so, not vanish
            self.events.failed(f"stopped watching {self.bot.corpus}: {describe(exc)}. Restart "
                               "with --watch, or run `qa index` after changes.")

    def _watch(self) -> None:
        import watchfiles

        pending = True  # the first pass brings the index up to date with the corpus as it is
        for changes in watchfiles.watch(self.bot.corpus.resolve(), watch_filter=self.relevant,
                                        debounce=self.debounce_ms, stop_event=self.stop_event,
                                        rust_timeout=1000, yield_on_timeout=True,
                                        raise_interrupt=False):
            pending = pending or bool(changes)
            self._pull_if_due()
            if pending:
                pending = not self.update()
            if self.stop_event.is_set():
                break

    def update(self) -> bool:
        """Refresh the index now; False (reported) when it could not be done."""
        try:
            summary = self.bot.refresh()
        except Exception as exc:  # the watch goes on, whatever failed
            self._fail(f"could not update the index, it answers as it was: {describe(exc)}")
            self.stop_event.wait(self._retry)
            self._retry = min(self._retry * 2, MAX_RETRY_SECONDS)
            return False
        self._retry, self._last_error = RETRY_SECONDS, None
        self.events.updated(summary)
        return True

    def _fail(self, message: str) -> None:
        if message != self._last_error:
            self._last_error = message
            self.events.failed(message)

    def _pull_if_due(self) -> None:
        if self._next_pull is None or self.pull_every is None:
            return
        if time.monotonic() < self._next_pull:
            return
        self._next_pull = time.monotonic() + self.pull_every
        from .feeds import pull  # the items it stores are seen as changes, then indexed

        try:
            summary = pull(self.bot.corpus)
        except Exception as exc:  # the watch goes on, whatever failed
            self._fail(f"feed pull failed: {describe(exc)}")
            return
        for feed in summary.feeds:
            if feed.error:
                self.events.failed(one_line(f"feed {feed.url}: {feed.error}"))
        self.events.pulled(f"pulled {plural(len(summary.feeds), 'feed')}: "
                           f"{plural(summary.added, 'new item')}, {summary.updated} updated, "
                           f"{summary.failed} failed")

    def start(self) -> Watcher:
        """Run in a daemon thread (for the server and the chat)."""
        self._thread = threading.Thread(target=self.run, name="qa-watch", daemon=True)
        self._thread.start()
        return self

    def stop(self, wait: float = 60.0) -> None:
        """Stop watching; waits up to `wait` seconds for an update underway to commit (one
        cut short is safe: each update commits whole or not at all)."""
        self.stop_event.set()
        if self._thread is not None:
            self._thread.join(timeout=wait)


def describe(exc: BaseException) -> str:
    """One line for a failure: qa's own errors name the next step already."""
    if isinstance(exc, QAError):
        return one_line(str(exc))
    return one_line(f"{type(exc).__name__}: {exc}")


def changed(summary: IndexSummary) -> bool:
    """True when an update added, changed or removed anything."""
    return bool(summary.added or summary.updated or summary.removed or summary.rebuilt)
