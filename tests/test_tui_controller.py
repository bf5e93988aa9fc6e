"""The chat's logic without an app: the question queue and the command table."""

from __future__ import annotations

from typing import Any

import pytest

from qa.errors import QAError
from qa.tui import commands
from qa.tui.controller import QUEUED, SEARCHING, WAITING, QuestionQueue, describe
from qa.vocab import MAX_K


def test_questions_wait_for_the_bot_then_go_one_at_a_time_in_order() -> None:
    q: QuestionQueue[str] = QuestionQueue()
    assert q.add("first") == WAITING and q.add("second") == WAITING
    assert q.take() is None, "nothing is asked before the bot is ready"
    q.mark_ready()
    assert q.take() == "first" and q.busy
    assert q.take() is None, "one question at a time"
    assert q.add("third") == QUEUED
    assert list(q) == ["second", "third"] and len(q) == 2
    q.finish()
    assert not q.busy and q.take() == "second"
    q.finish()
    assert q.take() == "third"
    q.finish()
    assert q.take() is None and not q.busy
    assert q.add("fourth") == SEARCHING


def test_clear_drops_waiting_questions_but_not_the_busy_state() -> None:
    q: QuestionQueue[str] = QuestionQueue()
    q.mark_ready()
    q.add("a")
    q.add("b")
    assert q.take() == "a"
    q.clear()
    assert len(q) == 0 and q.busy, "the search underway still has to finish"
    q.finish()
    assert q.take() is None


def test_describe_keeps_qa_messages_and_names_unexpected_errors() -> None:
    assert describe(QAError("No index at x. Run `qa index`.\n")) == \
        "No index at x. Run `qa index`."
    text = describe(KeyError("boom"))
    assert text.startswith("Unexpected KeyError") and "qa index" in text


class Screen:
    """Stands in for the chat screen: records what the commands ask of it."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, Any]] = []

    def set_k(self, value: str) -> None:
        self.calls.append(("k", value))

    def action_export(self, target: str | None = None) -> None:
        self.calls.append(("export", target))

    async def action_clear(self) -> None:
        self.calls.append(("clear", None))

    async def action_help(self) -> None:
        self.calls.append(("help", None))

    def quit(self) -> None:
        self.calls.append(("quit", None))


@pytest.mark.parametrize(("entry", "call"), [
    ("/k 3", ("k", "3")), ("/K  7 ", ("k", "7")), ("/export", ("export", None)),
    ("/export out/s.md", ("export", "out/s.md")), ("/clear", ("clear", None)),
    ("/help", ("help", None)), ("/quit", ("quit", None)),
])
def test_the_table_dispatches_each_command(entry: str, call: tuple[str, Any]) -> None:
    import asyncio

    screen = Screen()
    command, _, rest = commands.find(entry)
    assert command is not None
    result = command.handler(screen, rest)
    if result is not None:
        asyncio.run(result)  # type: ignore[arg-type]
    assert screen.calls == [call]


def test_help_completion_and_the_unknown_message_all_come_from_the_table() -> None:
    assert commands.find("/frobnicate")[0] is None
    message = commands.unknown("/frobnicate")
    for command in commands.COMMANDS:
        assert command.usage in commands.HELP and command.help in commands.HELP
        assert command.usage in message
        assert commands.complete(command.name[:2]) is not None
    assert commands.COMPLETIONS == ("/k ", "/export ", "/clear", "/reindex", "/help", "/quit")
    assert commands.complete("/ex") == "/export "
    assert commands.complete("/") == "/"  # several match: nothing longer to add
    assert commands.complete("/zz") is None and commands.complete("who") is None
    assert commands.complete("/k 3") is None


def test_k_takes_a_whole_number_up_to_the_limit_of_k() -> None:
    assert commands.parse_k("3") == 3 and commands.parse_k(f" {MAX_K} ") == MAX_K
    for bad in ("0", "-1", str(MAX_K + 1), "many", "", "2.5"):
        assert commands.parse_k(bad) is None
