"""The chat's question queue, busy state and getting ready: free of Textual, so they are
tested without an app.

One question is searched at a time, in order. Questions asked before the bot is ready, or
while another is being searched, wait; each waiting question says what it waits for.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Generic, NamedTuple, TypeVar

from ..errors import QAError
from ..text import one_line

if TYPE_CHECKING:
    from ..bot import Bot, IndexStatus
    from ..indexer import IndexSummary
    from ..watch import Watcher
    from .widgets import TurnView

WAITING = "Waiting for the model and the index…"
SEARCHING = "Searching the articles…"
QUEUED = "Waiting for the question before it…"

T = TypeVar("T")


@dataclass
class Question:
    """A question waiting for the bot: its turn in the transcript and how to ask it."""

    turn: TurnView
    text: str
    rewrite: bool = True


class QuestionQueue(Generic[T]):
    """Questions in the order asked; `take` hands out the next when the bot is free."""

    def __init__(self) -> None:
        self.ready = False
        """The model and index are loaded (or failed to: asking then reports why)."""
        self.busy = False
        """A question is being searched."""
        self._pending: deque[T] = deque()

    def __len__(self) -> int:
        return len(self._pending)

    def __iter__(self) -> Iterator[T]:
        return iter(self._pending)

    def add(self, question: T) -> str:
        """Queue a question; returns what it waits for."""
        waiting = WAITING if not self.ready else QUEUED if self.busy else SEARCHING
        self._pending.append(question)
        return waiting

    def mark_ready(self) -> None:
        """The bot got ready (or gave up): questions can be handed out."""
        self.ready = True

    def take(self) -> T | None:
        """The next question to search, now marked busy; None when there is none to start."""
        if not self.ready or self.busy or not self._pending:
            return None
        self.busy = True
        return self._pending.popleft()

    def finish(self) -> None:
        """The question being searched got its answer (or its error)."""
        self.busy = False

    def clear(self) -> None:
        """Drop every waiting question (a search underway still finishes)."""
        self._pending.clear()


def get_ready(bot: Bot, report: Callable[..., None],
              built: Callable[[IndexSummary], None]) -> IndexStatus:
    """Check the index, build or update it when needed, load the model and the vectors.

    Slow: run it in a worker. `report(label, done, total)` says how far it got; `built` is
    given the summary when the index was built or updated.
    """
    report("Checking the index…")
    reason = bot.stale()
    if reason is not None:
        verb = "Updating" if bot.has_index() else "Building"
        label = f"{verb} the index ({reason})"
        report(f"{label}…")
        summary = bot.refresh_or_keep(progress=lambda done, total: report(
            f"{label}: {done}/{total} passages", done, total))
        if summary is not None:  # else the index answers as it was (`warnings`)
            built(summary)
    report("Loading the model…")
    bot.encoder.encode(["warm up"])
    bot.store.faiss_index()
    return bot.status()


def warnings(bot: Bot | None, summaries: list[IndexSummary]) -> list[str]:
    """What the chat tells once `get_ready` is done: that `bot`'s index answers as it was (it
    could not be updated; no `bot` when getting ready failed), and the files the update passed
    over."""
    kept = bot.kept_warning() if bot is not None else None
    return ([kept[0].upper() + kept[1:]] if kept else []) + [
        one_line(str(notice)) for summary in summaries for notice in summary.notices]


def describe(exc: BaseException) -> str:
    """One line for a notification: qa's own errors say the next step already."""
    if isinstance(exc, QAError):
        return one_line(str(exc))
    return one_line(f"Unexpected {type(exc).__name__}: {exc}. The index may be damaged: "
                    "rebuild it with `qa index`.")


class Update(NamedTuple):
    """What keeping the index current produced: a summary, an error or a note to show."""

    summary: IndexSummary | None = None
    error: str | None = None
    note: str | None = None

    def message(self) -> str | None:
        """The notification it makes, if any."""
        from ..watch import changed

        s = self.summary
        if s is not None and changed(s):
            rebuilt = f" (rebuilt: {s.rebuilt})" if s.rebuilt else ""
            return (f"Index updated{rebuilt}: {s.added} added, {s.updated} updated, "
                    f"{s.removed} removed. Questions now use it.")
        return self.error or self.note


def refresh(bot: Bot) -> Update:
    """Bring the index up to date now (/reindex), in the caller's thread."""
    try:
        return Update(bot.refresh())
    except Exception as exc:  # any failure must become a notification, not a traceback
        return Update(error=describe(exc))


def watch(bot: Bot, pull_every: float | None, tell: Callable[[Update], None]) -> Watcher:
    """Keep `bot`'s index current in a thread; `tell` hears of each update there."""
    from ..watch import Events, Watcher

    events = Events(updated=lambda summary: tell(Update(summary)),
                    failed=lambda text: tell(Update(error=text)),
                    pulled=lambda text: tell(Update(note=text)))
    return Watcher(bot, events, pull_every=pull_every).start()
