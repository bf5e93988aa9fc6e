"""The chat's widgets, each named for what it shows so `app.tcss` can style it.

Article text, headlines and file names are untrusted: they reach the screen only as
`rich.text.Text` built from plain strings (never markup) with control characters replaced.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.suggester import SuggestFromList
from textual.widget import Widget
from textual.widgets import Input, Label, LoadingIndicator, ProgressBar, Static

from ..text import one_line, strip_controls
from ..vocab import NOT_FOUND, NOT_FOUND_DETAIL

if TYPE_CHECKING:
    from ..answer import Answer, Hit
    from ..articles import Article
    from ..bot import IndexStatus

COMMANDS = ("/k ", "/export ", "/clear", "/help", "/quit")
"""Slash commands, as completed in the prompt."""

HELP = """\
Ask a question about the articles and press Enter. Short follow-ups ("and in 2020?",
"what did she say about sanctions?") are read with the previous question; the line
"interpreted as" shows what was searched: edit it and press Enter to ask that instead.

/k N            show N passages per answer
/export [PATH]  save the session as Markdown + JSON (hashes to verify every quote)
/clear          clear the transcript and start a new conversation
/help           this help
/quit           leave (also Ctrl+Q)

Up/Down in the prompt walk the history; Tab completes a command, else jumps to the
latest answer's passages; PageUp/PageDown scroll the transcript. On a passage: Enter
or click opens the article, c copies the passage with its citation, Up/Down move
between passages, Escape (or typing) returns to the prompt. In the article view:
Escape (or click "Back") returns, c copies."""


def safe(text: str) -> str:
    """Untrusted text with control characters replaced (newlines kept)."""
    return strip_controls(text)


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
        stale = f"stale: {status.stale}" if status.stale else "up to date"
        text = Text()
        text.append("qa", style="bold")
        text.append(f"  {one_line(status.corpus)}  ·  {status.articles:,} articles  ·  "
                    f"{status.passages:,} passages  ·  {age(status.built_at, now)}  ·  ")
        text.append(stale, style="bold" if status.stale else "")
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


class Transcript(VerticalScroll, can_focus=False):
    """The conversation: one `TurnView` per question, newest at the bottom.

    Not focusable, so typed keys never vanish into it: PageUp/PageDown scroll it from the
    question box, the mouse wheel anywhere.
    """


class WelcomeText(Static):
    """What the transcript shows before the first question."""


class HelpText(Static):
    """The /help text, shown in the transcript."""


class QuestionLine(Static):
    """The question as typed."""


class PendingLine(Horizontal):
    """A loading indicator and what the question waits for."""

    def __init__(self, message: str) -> None:
        super().__init__()
        self.message = message

    def compose(self) -> ComposeResult:
        yield LoadingIndicator()
        yield Label(Text(self.message), classes="pending-text")

    def set_message(self, message: str) -> None:
        """Say what the question waits for now."""
        self.message = message
        self.query_one(".pending-text", Label).update(Text(message))


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


class NoteLine(Static):
    """Something the user should know about an answer (a cut question, a stale index)."""


class AnswerLine(Static):
    """The answering sentence and the number of its passage."""


class NotFoundLine(Static):
    """The reply when the articles do not answer the question."""


class SourcesLabel(Static):
    """The heading above the citation cards."""


class FailureLine(Static):
    """Why a question got no answer (the notification says what to do)."""


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


class TurnView(Vertical):
    """One question and, when it comes, its answer."""

    def __init__(self, question: str, waiting: str) -> None:
        super().__init__()
        self.question = question
        self.waiting = waiting
        self.answer: Answer | None = None

    def compose(self) -> ComposeResult:
        yield QuestionLine(Text.assemble(("› ", "bold"), one_line(self.question)))
        yield PendingLine(self.waiting)

    def set_waiting(self, message: str) -> None:
        """Say what the question waits for now."""
        for pending in self.query(PendingLine):
            pending.set_message(message)

    async def show_answer(self, answer: Answer) -> None:
        """Replace the loading line with the answer and its citation cards."""
        self.answer = answer
        await self.query(PendingLine).remove()
        parts: list[Widget] = []
        if answer.interpreted_as and answer.interpreted_as != answer.question:
            parts.append(InterpretedRow(answer.interpreted_as))
        parts.extend(NoteLine(Text(one_line(note))) for note in answer.notes)
        if answer.text is not None:
            parts.append(AnswerLine(Text.assemble(("Answer: ", "bold"), one_line(answer.text),
                                                  f" [{answer.rank}]")))
            parts.append(SourcesLabel("Sources"))
        else:
            parts.append(NotFoundLine(Text.assemble(
                (f"{NOT_FOUND}: ", "bold"), NOT_FOUND_DETAIL)))
            parts.append(SourcesLabel("Closest passages (they may not answer it)"))
        parts.extend(CitationCard(hit, answering=hit.rank == answer.rank)
                     for hit in answer.passages)
        await self.mount_all(parts)

    async def show_failure(self, message: str) -> None:
        """Replace the loading line with why there is no answer."""
        await self.query(PendingLine).remove()
        await self.mount(FailureLine(Text.assemble(("No answer: ", "bold"), one_line(message))))


class PromptInput(Input):
    """The question box: Enter asks, Up/Down walk the history, Tab completes commands."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "history(-1)", "History", show=False),
        Binding("down", "history(1)", "History", show=False),
        Binding("tab", "complete", "Complete / sources", show=True),
    ]

    def __init__(self) -> None:
        super().__init__(placeholder="Ask a question, or /help", id="prompt",
                         suggester=SuggestFromList(COMMANDS, case_sensitive=False),
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
        value = self.value
        if value.startswith("/") and " " not in value.strip():
            matches = [c for c in COMMANDS if c.startswith(value.lower())]
            if matches:
                common = matches[0]
                for m in matches[1:]:
                    while not m.startswith(common):
                        common = common[:-1]
                if len(common) > len(value):
                    self.value = common
                    self.cursor_position = len(self.value)
                return
        # Awaited, so the focus has moved before the next key is read.
        await self.run_action("screen.focus_sources")


class SourceHeader(Static):
    """The article's headline, source, date and file, and which passage is marked."""


class ArticleParagraph(Widget):
    """One paragraph of an article; the cited passage's part of it is marked."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {"article-paragraph--passage",
                                             "article-paragraph--answer"}

    def __init__(self, text: str, marked: tuple[int, int] | None,
                 answer: tuple[int, int] | None = None) -> None:
        super().__init__(classes="-passage" if marked else "")
        self.text = text
        self.marked = marked
        self.answer = answer
        """The answering sentence's part of this paragraph, if any."""

    def render(self) -> Text:
        # strip_controls replaces character for character, so offsets still hold.
        out = Text(safe(self.text))
        if self.marked is not None:
            out.stylize(self.get_component_rich_style("article-paragraph--passage"),
                        *self.marked)
        if self.answer is not None:
            out.stylize(self.get_component_rich_style("article-paragraph--answer"),
                        *self.answer)
        return out


class ArticleView(VerticalScroll):
    """The whole clean article, paragraph by paragraph."""


def paragraph_spans(body: str) -> list[tuple[int, int]]:
    """Start and end offsets of each non-blank paragraph of a clean body."""
    spans, pos = [], 0
    for m in re.finditer(r"\n[ \t]*\n", body):
        spans.append((pos, m.start()))
        pos = m.end()
    spans.append((pos, len(body)))
    return [(a, z) for a, z in spans if body[a:z].strip()]


def article_paragraphs(article: Article, start: int, end: int,
                       answer: tuple[int, int] | None = None) -> list[ArticleParagraph]:
    """The article's paragraphs, the part of each inside [start, end) marked.

    `answer` is the answering sentence's span in the body, marked more strongly.
    """
    out = []
    for a, z in paragraph_spans(article.body):
        lo, hi = max(a, start), min(z, end)
        marked = (lo - a, hi - a) if lo < hi else None
        sentence = None
        if answer is not None:
            lo, hi = max(a, answer[0]), min(z, answer[1])
            sentence = (lo - a, hi - a) if lo < hi else None
        out.append(ArticleParagraph(article.body[a:z], marked, sentence))
    return out
