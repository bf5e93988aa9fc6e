"""The scrolling conversation and the texts it shows between answers."""

from __future__ import annotations

from textual.containers import VerticalScroll
from textual.widgets import Static


class Transcript(VerticalScroll, can_focus=False):
    """The conversation: one `TurnView` per question, newest at the bottom.

    Not focusable, so typed keys never vanish into it: PageUp/PageDown scroll it from the
    question box, the mouse wheel anywhere.
    """


class WelcomeText(Static):
    """What the transcript shows before the first question."""


class HelpText(Static):
    """The /help text, shown in the transcript."""
