"""One cited passage: rank, score bar, citation and text, the answering sentence marked.

Article text is untrusted: it reaches the screen only as `rich.text.Text` built from plain
strings (never markup) with control characters replaced.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widget import Widget

from ...text import one_line, strip_controls

if TYPE_CHECKING:
    from ...answer import Hit


def safe(text: str) -> str:
    """Untrusted text with control characters replaced (newlines kept)."""
    return strip_controls(text)


def score_bar(score: float, width: int = 10) -> str:
    """A bar of `width` cells, filled in proportion to a score in [0, 1]."""
    filled = max(0, min(width, round(score * width)))
    return "█" * filled + "░" * (width - filled)


def compact_paragraphs(text: str) -> str:
    """Blank lines between paragraphs folded to one line break, controls replaced."""
    return re.sub(r"\n[ \t]*\n+", "\n", safe(text))


class CitationCard(Widget, can_focus=True):
    """One passage: rank, score bar, citation, and the text with the answering sentence marked.

    Enter or a click opens the article; c copies the passage with its citation.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "open", "Open source"),
        Binding("c", "copy", "Copy"),
        Binding("up", "app.focus_previous", "Previous", show=False),
        Binding("down", "app.focus_next", "Next", show=False),
        Binding("escape", "screen.focus_prompt", "Prompt", show=False),
    ]
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "citation-card--rank", "citation-card--bar", "citation-card--citation",
        "citation-card--highlight", "citation-card--score",
    }

    @dataclass
    class Selected(Message):
        """The user asked to see the article of a passage."""

        hit: Hit

    @dataclass
    class CopyRequested(Message):
        """The user asked to copy a passage with its citation."""

        hit: Hit

    @dataclass
    class TypedAhead(Message):
        """A letter typed on the card: it belongs in the question box."""

        character: str

    def __init__(self, hit: Hit, answering: bool = False) -> None:
        super().__init__(classes="-answer" if answering else "")
        self.hit = hit

    def on_key(self, event: events.Key) -> None:
        """Typing on a card starts a new question (keys come here before bindings)."""
        if event.is_printable and event.character and not self.binds(event.key):
            event.stop()
            self.post_message(self.TypedAhead(event.character))

    def render(self) -> Text:
        hit = self.hit
        style = self.get_component_rich_style
        text = Text()
        text.append(f"[{hit.rank}] ", style=style("citation-card--rank"))
        text.append(score_bar(hit.score), style=style("citation-card--bar"))
        text.append(f" {hit.score:.2f}  ", style=style("citation-card--score"))
        text.append(one_line(str(hit.citation)), style=style("citation-card--citation"))
        text.append("\n")
        if hit.highlight:
            a, z = hit.highlight
            text.append(compact_paragraphs(hit.text[:a]))
            text.append(compact_paragraphs(hit.text[a:z]), style=style("citation-card--highlight"))
            text.append(compact_paragraphs(hit.text[z:]))
        else:
            text.append(compact_paragraphs(hit.text))
        text.rstrip()
        return text

    def binds(self, key: str) -> bool:
        """Whether `key` is one of the card's own keys."""
        return any(isinstance(b, Binding) and key in b.key.split(",") for b in self.BINDINGS)

    def action_open(self) -> None:
        """Open the article this passage comes from."""
        self.post_message(self.Selected(self.hit))

    def action_copy(self) -> None:
        """Copy the passage with its citation."""
        self.post_message(self.CopyRequested(self.hit))

    def on_click(self, event: events.Click) -> None:
        """A click opens the article."""
        event.stop()
        self.focus()
        self.action_open()
