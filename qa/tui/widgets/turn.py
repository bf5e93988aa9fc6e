"""One question of the conversation and, when it comes, its answer."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widget import Widget
from textual.widgets import Label, LoadingIndicator, Static

from ...text import one_line
from ...vocab import NOT_FOUND
from .card import CitationCard
from .interpreted import InterpretedRow

if TYPE_CHECKING:
    from ...answer import Answer


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


class NoteLine(Static):
    """Something the user should know about an answer (a cut question, a stale index)."""


class AnswerLine(Static):
    """The answering sentence and the number of its passage."""


class AgreementLine(Static):
    """What other sources say about the answer: who else reports it, differing figures."""


class NotFoundLine(Static):
    """The reply when the articles do not answer the question."""


class SourcesLabel(Static):
    """The heading above the citation cards."""


class FailureLine(Static):
    """Why a question got no answer (the notification says what to do)."""


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
        if answer.dates:
            parts.append(NoteLine(Text(f"Searched: {one_line(answer.dates)}")))
        if answer.text is not None:
            parts.append(AnswerLine(Text.assemble(("Answer: ", "bold"), one_line(answer.text),
                                                  f" [{answer.rank}]")))
            parts.extend(AgreementLine(Text(one_line(line))) for line in answer.agreement())
            parts.append(SourcesLabel("Sources"))
        else:
            parts.append(NotFoundLine(Text.assemble(
                (f"{NOT_FOUND}: ", "bold"), answer.not_found_detail)))
            if answer.passages:
                parts.append(SourcesLabel("Closest passages (they may not answer it)"))
        parts.extend(CitationCard(hit, answering=hit.rank == answer.rank)
                     for hit in answer.passages)
        await self.mount_all(parts)

    async def show_failure(self, message: str) -> None:
        """Replace the loading line with why there is no answer."""
        await self.query(PendingLine).remove()
        await self.mount(FailureLine(Text.assemble(("No answer: ", "bold"), one_line(message))))
