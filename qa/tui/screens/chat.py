"""The conversation: status, transcript of cited answers, the question box.

Everything that reads the index or runs the model happens in `@work(thread=True)` workers
(getting ready, searching, re-checking the status, opening an article, exporting) and comes
back as a message: the event loop never touches the database.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Input

from ...errors import QAError
from ...export import export_session
from ...text import one_line, plural
from .. import commands
from ..controller import (
    QUEUED,
    SEARCHING,
    Question,
    QuestionQueue,
    Update,
    describe,
    get_ready,
    refresh,
    warnings,
    watch,
)
from ..widgets import (
    CitationCard,
    HelpText,
    IndexProgress,
    NoteLine,
    PromptInput,
    StatusLine,
    Transcript,
    TurnView,
    WelcomeText,
)
from .source import SourceScreen, copy_passage

if TYPE_CHECKING:
    from ...answer import Answer, Hit
    from ...articles import Article
    from ...bot import Bot, IndexStatus
    from ...chat import Chat
    from ...indexer import IndexSummary
    from ...watch import Watcher

STATUS_EVERY = 30.0
"""Seconds between re-checks of the index's age and of whether the corpus changed."""


class ChatScreen(Screen[None]):
    """The conversation: status, transcript of cited answers, the question box."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f1", "help", "Help"),
        Binding("ctrl+s", "export", "Export"),
        Binding("ctrl+l", "clear", "Clear"),
        Binding("ctrl+r", "reindex", "Re-index"),
        Binding("pageup", "scroll_transcript(-1)", "Page up", show=False),
        Binding("pagedown", "scroll_transcript(1)", "Page down", show=False),
    ]

    @dataclass
    class Progress(Message):
        """How far the index build got."""

        label: str
        done: int | None = None
        total: int | None = None

    @dataclass
    class Ready(Message):
        """The index and model are loaded."""

        status: IndexStatus | None
        warnings: list[str] = field(default_factory=list)  # `controller.warnings`
        error: str | None = None  # why the bot could not get ready (questions report it too)

    @dataclass
    class StatusChecked(Message):
        """The index status, re-read."""

        status: IndexStatus

    @dataclass
    class Reindexed(Message):
        """The index was brought up to date (by /reindex or the watcher), or why it was not."""

        update: Update
        asked: bool = False  # by /reindex or Ctrl+R: told even when nothing changed

    @dataclass
    class Answered(Message):
        """A question's answer, from the search worker."""

        question: Question
        answer: Answer

    @dataclass
    class Failed(Message):
        """A question that could not be answered, and why."""

        question: Question
        error: str

    @dataclass
    class SourceRead(Message):
        """The article behind a passage, read from the index (or why it could not be)."""

        hit: Hit
        article: Article | None = None
        error: str | None = None

    @dataclass
    class Exported(Message):
        """Where /export wrote the session (or why it could not)."""

        paths: tuple[str, ...] = field(default=())
        error: str | None = None

    def __init__(self, bot: Bot, k: int = 5, watch: bool = False,
                 pull_every: float | None = None) -> None:
        super().__init__(id="chat")
        self.bot = bot
        self.watch = watch
        self.pull_every = pull_every
        self.watcher: Watcher | None = None
        self.chat: Chat = bot.chat()
        self.k = k
        self.questions: QuestionQueue[Question] = QuestionQueue()
        self.status: IndexStatus | None = None
        self.clock: Callable[[], datetime] = lambda: datetime.now(timezone.utc)
        """What "now" is for the index age (tests freeze it)."""

    @property
    def ready(self) -> bool:
        """The bot got ready (or failed to; asking then says why)."""
        return self.questions.ready

    def compose(self) -> ComposeResult:
        yield StatusLine("qa  opening…", id="status")
        yield IndexProgress(id="progress")
        with Transcript(id="transcript"):
            yield WelcomeText(Text.assemble(
                "Ask a question about the articles in ", one_line(str(self.bot.corpus)),
                ". Answers quote the passages they come from. /help lists the commands."))
        yield PromptInput()
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(PromptInput).focus()
        self.query_one(StatusLine).show_message(f"{self.bot.corpus}  ·  opening the index…")
        self.set_interval(STATUS_EVERY, self.check_status)
        self.prepare()

    # getting ready -------------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="prepare")
    def prepare(self) -> None:
        """Check the index, build or refresh it when needed, load the model and the vectors."""
        summary: list[IndexSummary] = []

        def report(label: str, done: int | None = None, total: int | None = None) -> None:
            self.post_message(self.Progress(label, done, total))

        try:
            status = get_ready(self.bot, report, summary.append)
        except Exception as exc:  # any failure must become a notification, not a traceback
            self.post_message(self.Ready(None, warnings(None, summary), describe(exc)))
        else:
            self.post_message(self.Ready(status, warnings(self.bot, summary)))

    @on(Progress)
    def _on_progress(self, message: Progress) -> None:
        self.query_one(IndexProgress).set_step(message.label, message.done, message.total)
        self.query_one(StatusLine).show_message(f"{self.bot.corpus}  ·  getting ready…")

    @on(Ready)
    def _on_ready(self, message: Ready) -> None:
        self.questions.mark_ready()
        self.query_one(IndexProgress).display = False
        if message.error is not None:
            self.query_one(StatusLine).show_message(f"{self.bot.corpus}  ·  no usable index")
            self.notify(message.error, title="The index cannot be used", severity="error",
                        timeout=30, markup=False)
        else:
            self.status = message.status
            self._show_status()
        if self.watch:  # also after a failure: files added to an empty corpus get indexed
            self._start_watching()
        for line in message.warnings:  # kept in the transcript, where it covers nothing
            self.query_one(Transcript).mount(NoteLine(Text(line)))
        self._next_question()

    @work(thread=True, exclusive=True, group="status")
    def check_status(self) -> None:
        """Re-read counts and staleness (the corpus may change while the chat is open)."""
        if not self.ready or (self.status is None and self.watcher is None):
            return
        try:
            status = self.bot.status()
        except (QAError, OSError, sqlite3.Error):
            return  # a failed re-check keeps the last status; asking will report the error
        self.post_message(self.StatusChecked(status))

    # keeping the index current -------------------------------------------------------------

    def _start_watching(self) -> None:
        self.watcher = watch(self.bot, self.pull_every,
                             lambda update: self.post_message(self.Reindexed(update)))

    def on_unmount(self) -> None:
        if self.watcher is not None:
            self.watcher.stop(wait=1.0)  # never hold the window open for a long re-embed

    def action_reindex(self) -> None:
        """/reindex, Ctrl+R: bring the index up to date with the corpus now."""
        if not self.ready:
            return
        self.notify("Updating the index…", markup=False, timeout=3)
        self.reindex()

    @work(thread=True, exclusive=True, group="reindex")
    def reindex(self) -> None:
        self.post_message(self.Reindexed(refresh(self.bot), asked=True))

    @on(Reindexed)
    def _on_reindexed(self, message: Reindexed) -> None:
        """New articles answer from the next question on: each one reads the newest index."""
        text = message.update.message() or (
            "The index is up to date." if message.asked else None)
        if text:
            self.notify(text, severity="warning" if message.update.error else "information",
                        markup=False)
        self.check_status()

    @on(StatusChecked)
    def _on_status_checked(self, message: StatusChecked) -> None:
        self.status = message.status
        self._show_status()

    def _show_status(self) -> None:
        if self.status is not None:
            self.query_one(StatusLine).show_status(self.status, self.clock())

    # questions -----------------------------------------------------------------------------

    @on(Input.Submitted, "#prompt")
    async def _on_prompt(self, event: Input.Submitted) -> None:
        prompt = self.query_one(PromptInput)
        entry = event.value.strip()
        prompt.value = ""
        if not entry:
            return
        prompt.remember(entry)
        if entry.startswith("/"):
            await self.run_command(entry)
        else:
            await self.submit(entry)

    @on(Input.Submitted, "InterpretedInput")
    async def _on_reask(self, event: Input.Submitted) -> None:
        entry = event.value.strip()
        if entry:
            await self.submit(entry, rewrite=False)
            self.query_one(PromptInput).focus()

    async def submit(self, text: str, rewrite: bool = True) -> None:
        """Show a question in the transcript and queue it for the bot."""
        transcript = self.query_one(Transcript)
        await transcript.query(WelcomeText).remove()
        turn = TurnView(text, "")
        turn.waiting = self.questions.add(Question(turn, text, rewrite))
        await transcript.mount(turn)
        transcript.scroll_end(animate=False)
        self._next_question()

    def _next_question(self) -> None:
        question = self.questions.take()
        if question is None:
            return
        question.turn.set_waiting(SEARCHING)
        for later in self.questions:
            later.turn.set_waiting(QUEUED)
        self.answer(question)

    @work(thread=True, exclusive=True, group="answer")
    def answer(self, question: Question) -> None:
        """Search for one question (in a thread) and post the answer back."""
        try:
            answer = self.chat.ask(question.text, k=self.k, rewrite=question.rewrite)
        except Exception as exc:  # any failure must become a notification, not a traceback
            self.post_message(self.Failed(question, describe(exc)))
        else:
            self.post_message(self.Answered(question, answer))

    @on(Answered)
    async def _on_answered(self, message: Answered) -> None:
        self.questions.finish()
        turn = message.question.turn
        if turn.is_attached:
            await turn.show_answer(message.answer)
            # After the refresh: the new cards must be laid out before the scroll is measured.
            transcript = self.query_one(Transcript)
            self.call_after_refresh(transcript.scroll_to_widget, turn, animate=False, top=True)
        self._next_question()

    @on(Failed)
    async def _on_failed(self, message: Failed) -> None:
        self.questions.finish()
        if message.question.turn.is_attached:
            await message.question.turn.show_failure(message.error)
        self.notify(message.error, title="No answer", severity="error", timeout=15,
                    markup=False)
        self._next_question()

    # commands (the table in commands.py) -----------------------------------------------------

    async def run_command(self, entry: str) -> None:
        """Run a slash command typed in the prompt."""
        command, name, rest = commands.find(entry)
        if command is None:
            self.notify(commands.unknown(name), severity="warning", markup=False)
            return
        result = command.handler(self, rest)
        if result is not None:
            await result

    def set_k(self, value: str) -> None:
        """/k N: how many passages each answer shows."""
        k = commands.parse_k(value)
        if k is None:
            self.notify(commands.K_USAGE, severity="warning", markup=False)
            return
        self.k = k
        self.notify(f"Answers now show {plural(k, 'passage')}.", markup=False)

    def quit(self) -> None:
        """/quit: leave the app."""
        self.app.exit()

    def action_export(self, target: str | None = None) -> None:
        """Save the session as Markdown and JSON."""
        if not self.chat.answers:
            self.notify("Nothing to export yet: ask a question first.", severity="warning",
                        markup=False)
            return
        self.export(target)

    @work(thread=True, exclusive=True, group="export")
    def export(self, target: str | None) -> None:
        """Write the export files (in a thread: it reads article bodies from the index)."""
        try:
            paths = export_session(self.chat.answers, self.bot, target)
        except Exception as exc:  # any failure must become a notification, not a traceback
            self.post_message(self.Exported(error=describe(exc)))
        else:
            self.post_message(self.Exported(tuple(str(p) for p in paths)))

    @on(Exported)
    def _on_exported(self, message: Exported) -> None:
        if message.error is not None:
            self.notify(message.error, title="Export failed", severity="error", markup=False)
        else:
            self.notify("Saved " + " and ".join(message.paths), title="Exported",
                        markup=False)

    async def action_clear(self) -> None:
        """Clear the transcript and start a new conversation."""
        transcript = self.query_one(Transcript)
        await transcript.remove_children()
        self.questions.clear()  # their turns are gone; an answer already underway is dropped
        self.chat.clear()
        self.query_one(PromptInput).focus()

    async def action_help(self) -> None:
        """Show the commands and keys in the transcript."""
        transcript = self.query_one(Transcript)
        await transcript.query(WelcomeText).remove()
        await transcript.mount(HelpText(Text(commands.HELP)))
        transcript.scroll_end(animate=False)

    # moving around ---------------------------------------------------------------------------

    def action_focus_prompt(self) -> None:
        """Put the cursor back in the question box."""
        # set_focus now, not focus() later: keys typed right after must land in the box.
        self.set_focus(self.query_one(PromptInput))

    def action_focus_sources(self) -> None:
        """Focus the first passage of the latest answer; without one, stay put."""
        turns = [t for t in self.query(TurnView) if t.query(CitationCard)]
        if turns:
            self.set_focus(turns[-1].query(CitationCard).first())

    def action_scroll_transcript(self, pages: int) -> None:
        """Page the transcript up (-1) or down (+1) from anywhere in the chat."""
        transcript = self.query_one(Transcript)
        if pages < 0:
            transcript.scroll_page_up()
        else:
            transcript.scroll_page_down()

    @on(CitationCard.TypedAhead)
    def _on_typed_ahead(self, message: CitationCard.TypedAhead) -> None:
        prompt = self.query_one(PromptInput)
        self.set_focus(prompt)
        prompt.insert_text_at_cursor(message.character)

    # sources -------------------------------------------------------------------------------

    @on(CitationCard.Selected)
    def _on_selected(self, message: CitationCard.Selected) -> None:
        self.read_source(message.hit)

    @work(thread=True, exclusive=True, group="source")
    def read_source(self, hit: Hit) -> None:
        """Read the article behind a passage (in a thread: it reads the index)."""
        try:
            article = self.bot.article(hit.citation.article_id)
        except Exception as exc:  # any failure must become a notification, not a traceback
            self.post_message(self.SourceRead(hit, error=describe(exc)))
        else:
            self.post_message(self.SourceRead(hit, article))

    @on(SourceRead)
    def _on_source_read(self, message: SourceRead) -> None:
        if message.article is None:
            self.notify(message.error or "", title="Cannot open the article", severity="error",
                        markup=False)
        elif self.app.screen is self:  # the user may have moved on meanwhile
            self.app.push_screen(SourceScreen(message.hit, message.article))

    @on(CitationCard.CopyRequested)
    def _on_copy(self, message: CitationCard.CopyRequested) -> None:
        copy_passage(self.app, message.hit)
