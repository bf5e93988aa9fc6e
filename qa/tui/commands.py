"""The chat's slash commands, in one table that drives dispatch, /help and Tab completion."""

from __future__ import annotations

import os
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Protocol

from ..errors import InputError
from ..text import one_line
from ..vocab import MAX_K, check_k

K_USAGE = f"Use /k N with N a whole number from 1 to {MAX_K}, e.g. /k 3."


class Target(Protocol):
    """What the commands act on: the chat screen."""

    def set_k(self, value: str) -> None: ...
    def action_export(self, target: str | None = None) -> None: ...
    async def action_clear(self) -> None: ...
    async def action_help(self) -> None: ...
    def quit(self) -> None: ...


Handler = Callable[[Target, str], "Awaitable[None] | None"]


@dataclass(frozen=True)
class Command:
    """One slash command."""

    name: str
    """As typed, with its slash: "/k"."""
    args: str
    """Its arguments as /help shows them ("N", "[PATH]"); empty when it takes none."""
    help: str
    handler: Handler
    """Runs it on the screen with the rest of the line."""

    @property
    def usage(self) -> str:
        """The name and its arguments: "/k N"."""
        return f"{self.name} {self.args}".strip()

    @property
    def completion(self) -> str:
        """What Tab completes to: a space follows a command that takes arguments."""
        return f"{self.name} " if self.args else self.name


COMMANDS: tuple[Command, ...] = (
    Command("/k", "N", "show N passages per answer", lambda s, rest: s.set_k(rest)),
    Command("/export", "[PATH]", "save the session as Markdown + JSON (hashes to verify "
            "every quote)", lambda s, rest: s.action_export(rest or None)),
    Command("/clear", "", "clear the transcript and start a new conversation",
            lambda s, rest: s.action_clear()),
    Command("/reindex", "", "update the index from the corpus now (also Ctrl+R)",
            lambda s, rest: s.action_reindex()),
    Command("/help", "", "this help", lambda s, rest: s.action_help()),
    Command("/quit", "", "leave (also Ctrl+Q)", lambda s, rest: s.quit()),
)

COMPLETIONS = tuple(c.completion for c in COMMANDS)
"""What the prompt suggests and completes."""

KEYS_HELP = """\
Up/Down in the prompt walk the history; Tab completes a command, else jumps to the
latest answer's passages; PageUp/PageDown scroll the transcript. On a passage: Enter
or click opens the article, c copies the passage with its citation, Up/Down move
between passages, Escape (or typing) returns to the prompt. In the article view:
Escape (or click "Back") returns, c copies."""

HELP = "\n\n".join([
    """\
Ask a question about the articles and press Enter. Short follow-ups ("and in 2020?",
"what did she say about sanctions?") are read with the previous question; the line
"interpreted as" shows what was searched: edit it and press Enter to ask that instead.""",
    "\n".join(f"{c.usage:<16}{c.help}" for c in COMMANDS),
    KEYS_HELP,
])
"""The /help text: the commands come from the table."""


def find(entry: str) -> tuple[Command | None, str, str]:
    """The command an entry names (or None), the name as typed, and the rest of the line."""
    name, _, rest = entry.strip().partition(" ")
    name = name.lower()
    for command in COMMANDS:
        if command.name == name:
            return command, name, rest.strip()
    return None, name, rest.strip()


def unknown(name: str) -> str:
    """The notification for a command that does not exist."""
    return (f"Unknown command {one_line(name)}. Commands: "
            f"{', '.join(c.usage for c in COMMANDS)}.")


def complete(value: str) -> str | None:
    """The longest completion of a partly typed command, or None when there is none."""
    if not value.startswith("/") or " " in value.strip():
        return None
    matches = [c for c in COMPLETIONS if c.startswith(value.lower())]
    if not matches:
        return None
    return os.path.commonprefix(matches)


def parse_k(value: str) -> int | None:
    """The N of `/k N` when it is a whole number from 1 to MAX_K, else None."""
    try:
        return check_k(int(value))
    except (ValueError, InputError):
        return None
