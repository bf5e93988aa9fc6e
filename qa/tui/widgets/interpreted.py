"""The "interpreted as" line of a follow-up: what was searched, editable."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Input, Label

from ...text import one_line


class InterpretedRow(Horizontal):
    """ "interpreted as:" and the searched text, editable: Enter asks the edited text."""

    def __init__(self, interpreted: str) -> None:
        super().__init__()
        self.interpreted = interpreted

    def compose(self) -> ComposeResult:
        yield Label("interpreted as:", classes="interpreted-label")
        yield InterpretedInput(value=one_line(self.interpreted), compact=True,
                               select_on_focus=False)


class InterpretedInput(Input):
    """What was searched for a follow-up; submitting it asks it as written."""
