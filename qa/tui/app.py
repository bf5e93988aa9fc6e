"""The chat app: questions in, cited answers out, over a `Bot` it is given.

The window comes up at once: the index check, index build and model load run in a worker
thread, and so does every search. Results come back as messages. Questions typed while the
bot is still getting ready wait in a queue and are answered in order once it is.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Input

from ..errors import QAError
from ..export import export_session
from ..index import DB_NAME
from ..text import one_line
from ..vocab import check_k
from .widgets import (
    HELP,
    ArticleView,
    CitationCard,
    HelpText,
    IndexProgress,
    PromptInput,
    SourceHeader,
    StatusLine,
    Transcript,
    TurnView,
    WelcomeText,
    article_paragraphs,
)

if TYPE_CHECKING:
    from ..answer import Answer, Hit
    from ..articles import Article
    from ..bot import Bot, IndexStatus
    from ..chat import Chat
    from ..indexer import IndexSummary

MAX_K = 50
STATUS_EVERY = 30.0
"""Seconds between re-checks of the index's age and of whether the corpus changed."""
WAITING = "Waiting for the model and the index…"
SEARCHING = "Searching the articles…"
QUEUED = "Waiting for the question before it…"


def describe(exc: BaseException) -> str:
    """One line for a notification: qa's own errors say the next step already."""
    if isinstance(exc, QAError):
        return one_line(str(exc))
    return one_line(f"Unexpected {type(exc).__name__}: {exc}. The index may be damaged: "
                    "rebuild it with `qa index`.")


@dataclass
class Question:
    """A question waiting for the bot: its turn in the transcript and how to ask it."""

    turn: TurnView
    text: str
    rewrite: bool = True


class SourceScreen(Screen[None]):
    """The whole article behind a citation, the passage marked and scrolled into view."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "app.pop_screen", "Back"),
        Binding("c", "copy", "Copy passage"),
    ]

    def __init__(self, hit: Hit, article: Article) -> None:
        super().__init__()
        self.hit = hit
        self.article = article

    def compose(self) -> ComposeResult:
        c = self.hit.citation
        head = Text()
        head.append(one_line(self.article.headline) + "\n", style="bold")
        head.append(" — ".join([one_line(self.article.source or "source unknown"),
                                self.article.date or "undated", one_line(self.article.path)]))
        head.append(f"\npassage [{self.hit.rank}]: ¶ {c.paragraph}, characters "
                    f"{c.start}–{c.end}")
        yield SourceHeader(head)
        answer = None
        if self.hit.highlight is not None:
            answer = (c.start + self.hit.highlight[0], c.start + self.hit.highlight[1])
        with ArticleView():
            yield from article_paragraphs(self.article, c.start, c.end, answer)
        yield Footer()

    def on_mount(self) -> None:
        self.call_after_refresh(self._scroll_to_passage)

    def _scroll_to_passage(self) -> None:
        view = self.query_one(ArticleView)
        marked = view.query(".-passage")
        if marked:
            view.scroll_to_widget(marked.first(), animate=False, top=True)
        view.focus()

    def action_copy(self) -> None:
        """Copy the passage with its citation."""
        copy_passage(self.app, self.hit)


def copy_passage(app: App[None], hit: Hit) -> None:
    """Put a passage and its citation on the clipboard."""
    app.copy_to_clipboard(f"“{hit.text.strip()}”\n— {one_line(str(hit.citation))}")
    app.notify(f"Copied passage [{hit.rank}] with its citation.", markup=False)


class ChatScreen(Screen[None]):
    """The conversation: status, transcript of cited answers, the question box."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f1", "help", "Help"),
        Binding("ctrl+s", "export", "Export"),
        Binding("ctrl+l", "clear", "Clear"),
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
        summary: IndexSummary | None = None
        error: str | None = None
        """Why the bot could not get ready; questions will report it again."""

    @dataclass
    class StatusChecked(Message):
        """The index status, re-read."""

        status: IndexStatus

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
    class Exported(Message):
        """Where /export wrote the session (or why it could not)."""

        paths: tuple[str, ...] = field(default=())
        error: str | None = None

    def __init__(self, bot: Bot, k: int = 5) -> None:
        super().__init__(id="chat")
        self.bot = bot
        self.chat: Chat = bot.chat()
        self.k = k
        self.ready = False
        self.busy = False
        self.queue: list[Question] = []
        self.status: IndexStatus | None = None
        self.clock: Callable[[], datetime] = lambda: datetime.now(timezone.utc)
        """What "now" is for the index age (tests freeze it)."""

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
        bot = self.bot
        summary = None
        try:
            self.post_message(self.Progress("Checking the index…"))
            reason = bot.stale()
            if reason is not None:
                verb = "Updating" if (bot.index_dir / DB_NAME).exists() else "Building"
                label = f"{verb} the index ({reason})"
                self.post_message(self.Progress(f"{label}…"))

                def progress(done: int, total: int) -> None:
                    self.post_message(self.Progress(f"{label}: {done}/{total} passages",
                                                    done, total))

                summary = bot.refresh(progress=progress)
            self.post_message(self.Progress("Loading the model…"))
            bot.encoder.encode(["warm up"])
            bot.store.faiss_index()
            self.post_message(self.Ready(bot.status(), summary))
        except Exception as exc:  # any failure must become a notification, not a traceback
            self.post_message(self.Ready(None, summary, describe(exc)))

    @on(Progress)
    def _on_progress(self, message: Progress) -> None:
        self.query_one(IndexProgress).set_step(message.label, message.done, message.total)
        self.query_one(StatusLine).show_message(f"{self.bot.corpus}  ·  getting ready…")

    @on(Ready)
    def _on_ready(self, message: Ready) -> None:
        self.ready = True
        self.query_one(IndexProgress).display = False
        if message.error is not None:
            self.query_one(StatusLine).show_message(f"{self.bot.corpus}  ·  no usable index")
            self.notify(message.error, title="The index cannot be used", severity="error",
                        timeout=30, markup=False)
        else:
            self.status = message.status
            self._show_status()
        if message.summary is not None:
            for notice in message.summary.notices:
                self.notify(one_line(str(notice)), severity="warning", markup=False)
        self._next_question()

    @work(thread=True, exclusive=True, group="status")
    def check_status(self) -> None:
        """Re-read counts and staleness (the corpus may change while the chat is open)."""
        if not self.ready or self.status is None:
            return
        try:
            status = self.bot.status()
        except (QAError, OSError, sqlite3.Error):
            return  # a failed re-check keeps the last status; asking will report the error
        self.post_message(self.StatusChecked(status))

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
        if not self.ready:
            waiting = WAITING
        else:
            waiting = QUEUED if self.busy else SEARCHING
        turn = TurnView(text, waiting)
        await transcript.mount(turn)
        transcript.scroll_end(animate=False)
        self.queue.append(Question(turn, text, rewrite))
        self._next_question()

    def _next_question(self) -> None:
        if not self.ready or self.busy or not self.queue:
            return
        self.busy = True
        question = self.queue.pop(0)
        question.turn.set_waiting(SEARCHING)
        for later in self.queue:
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
        self.busy = False
        turn = message.question.turn
        if turn.is_attached:
            await turn.show_answer(message.answer)
            # After the refresh: the new cards must be laid out before the scroll is measured.
            transcript = self.query_one(Transcript)
            self.call_after_refresh(transcript.scroll_to_widget, turn, animate=False, top=True)
        self._next_question()

    @on(Failed)
    async def _on_failed(self, message: Failed) -> None:
        self.busy = False
        if message.question.turn.is_attached:
            await message.question.turn.show_failure(message.error)
        self.notify(message.error, title="No answer", severity="error", timeout=15,
                    markup=False)
        self._next_question()

    # commands ------------------------------------------------------------------------------

    async def run_command(self, entry: str) -> None:
        """Run a slash command typed in the prompt."""
        name, _, rest = entry.partition(" ")
        name, rest = name.lower(), rest.strip()
        if name == "/k":
            self.set_k(rest)
        elif name == "/export":
            self.action_export(rest or None)
        elif name == "/clear":
            await self.action_clear()
        elif name == "/help":
            await self.action_help()
        elif name == "/quit":
            self.app.exit()
        else:
            self.notify(f"Unknown command {one_line(name)}. Commands: /k N, /export [PATH], "
                        "/clear, /help, /quit.", severity="warning", markup=False)

    def set_k(self, value: str) -> None:
        """/k N: how many passages each answer shows."""
        try:
            k = int(value)
        except ValueError:
            k = 0
        if not 1 <= k <= MAX_K:
            self.notify(f"Use /k N with N a whole number from 1 to {MAX_K}, e.g. /k 3.",
                        severity="warning", markup=False)
            return
        self.k = k
        self.notify(f"Answers now show {k} passage{'s' if k > 1 else ''}.", markup=False)

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
        self.queue.clear()  # their turns are gone; an answer already underway is dropped too
        self.chat.clear()
        self.query_one(PromptInput).focus()

    async def action_help(self) -> None:
        """Show the commands and keys in the transcript."""
        transcript = self.query_one(Transcript)
        await transcript.query(WelcomeText).remove()
        await transcript.mount(HelpText(Text(HELP)))
        transcript.scroll_end(animate=False)

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
        try:
            article = self.bot.article(message.hit.citation.article_id)
        except Exception as exc:  # any failure must become a notification, not a traceback
            self.notify(describe(exc), title="Cannot open the article", severity="error",
                        markup=False)
            return
        self.app.push_screen(SourceScreen(message.hit, article))

    @on(CitationCard.CopyRequested)
    def _on_copy(self, message: CitationCard.CopyRequested) -> None:
        copy_passage(self.app, message.hit)


class QAApp(App[None]):
    """The terminal chat over one `Bot`: the app receives its bot, it never builds one."""

    CSS_PATH = "app.tcss"
    TITLE = "qa"
    ENABLE_COMMAND_PALETTE = False
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+q", "quit", "Quit", priority=True),
    ]

    def __init__(self, bot: Bot, k: int = 5) -> None:
        super().__init__()
        self.bot = bot
        self.chat_screen = ChatScreen(bot, k)

    def get_default_screen(self) -> Screen[None]:
        return self.chat_screen


def make_app(bot: Bot, k: int = 5) -> QAApp:
    """The chat app over `bot`, showing `k` passages per answer: for the CLI and the tests."""
    check_k(k)
    return QAApp(bot, k=k)
