"""The top of the chat: the index's status line and the progress of getting ready."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Label, ProgressBar, Static

from ...text import one_line

if TYPE_CHECKING:
    from ...bot import IndexStatus


def age(built_at: str | None, now: datetime) -> str:
    """How long ago an ISO time was, in words: "built 5 min ago"."""
    if not built_at:
        return "never built"
    try:
        then = datetime.fromisoformat(built_at)
    except ValueError:
        return f"built {one_line(built_at)}"
    seconds = max(0, int((now - then).total_seconds()))
    if seconds < 60:
        return "built just now"
    if seconds < 3600:
        return f"built {seconds // 60} min ago"
    if seconds < 86400:
        return f"built {seconds // 3600} h ago"
    return f"built {seconds // 86400} days ago"


class StatusLine(Static):
    """Corpus, counts, index age and staleness; or what is being loaded."""

    def show_status(self, status: IndexStatus, now: datetime) -> None:
        """Show an open index's status."""
        text = Text()
        text.append("qa", style="bold")
        if status.stale:  # first, so that a narrow terminal does not cut it off
            text.append("  ")
            text.append(f"stale: {one_line(status.stale)}", style="bold")
            text.append("  ·")
        text.append(f"  {one_line(status.corpus)}  ·  {status.articles:,} articles  ·  "
                    f"{status.passages:,} passages  ·  {age(status.built_at, now)}")
        if not status.stale:
            text.append("  ·  up to date")
        self.set_class(bool(status.stale), "-stale")
        self.update(text)

    def show_message(self, message: str) -> None:
        """Show a state instead of the status (loading, failed)."""
        self.update(Text.assemble(("qa", "bold"), "  ", one_line(message)))


class IndexProgress(Horizontal):
    """What is loading, with a progress bar while the index is built."""

    def compose(self) -> ComposeResult:
        yield Label("Starting…", id="progress-label")
        yield ProgressBar(total=None, show_eta=False, id="progress-bar")

    def set_step(self, label: str, done: int | None = None, total: int | None = None) -> None:
        """Show a step; with `total`, how far it got."""
        self.query_one("#progress-label", Label).update(Text(one_line(label)))
        bar = self.query_one("#progress-bar", ProgressBar)
        bar.update(total=total, progress=done or 0)
