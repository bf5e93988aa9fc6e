"""The question box: Enter asks, Up/Down walk the history, Tab completes commands."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.suggester import SuggestFromList
from textual.widgets import Input

from ..commands import COMPLETIONS, complete


class PromptInput(Input):
    """The question box: Enter asks, Up/Down walk the history, Tab completes commands."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "history(-1)", "History", show=False),
        Binding("down", "history(1)", "History", show=False),
        Binding("tab", "complete", "Complete / sources", show=True),
    ]

    def __init__(self) -> None:
        super().__init__(placeholder="Ask a question, or /help", id="prompt",
                         suggester=SuggestFromList(COMPLETIONS, case_sensitive=False),
                         select_on_focus=False)
        self.history: list[str] = []
        self._position: int | None = None
        self._draft = ""

    def remember(self, entry: str) -> None:
        """Add a submitted entry to the history (repeats collapse)."""
        if entry and (not self.history or self.history[-1] != entry):
            self.history.append(entry)
        self._position = None
        self._draft = ""

    def action_history(self, step: int) -> None:
        """Show the previous (-1) or next (+1) entry of the history."""
        if not self.history:
            return
        if self._position is None:
            if step > 0:
                return
            self._draft = self.value
            position = len(self.history) - 1
        else:
            position = self._position + step
        if position < 0:
            position = 0
        if position >= len(self.history):
            self._position = None
            self.value = self._draft
        else:
            self._position = position
            self.value = self.history[position]
        self.cursor_position = len(self.value)

    async def action_complete(self) -> None:
        """Complete a slash command; with nothing to complete, go to the latest passages."""
        completion = complete(self.value)
        if completion is not None:
            if len(completion) > len(self.value):
                self.value = completion
                self.cursor_position = len(self.value)
            return
        # Awaited, so the focus has moved before the next key is read.
        await self.run_action("screen.focus_sources")
