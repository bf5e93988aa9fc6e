"""The chat app: questions in, cited answers out, over a `Bot` it is given.

The window comes up at once: the index check, index build and model load run in a worker
thread, and so does every search. Results come back as messages. Questions typed while the
bot is still getting ready wait in a queue and are answered in order once it is.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual.app import App
from textual.binding import Binding, BindingType
from textual.screen import Screen

from ..vocab import check_k
from .screens import ChatScreen

if TYPE_CHECKING:
    from ..bot import Bot


class QAApp(App[None]):
    """The terminal chat over one `Bot`: the app receives its bot, it never builds one."""

    CSS_PATH = "app.tcss"
    TITLE = "qa"
    ENABLE_COMMAND_PALETTE = False
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+q", "quit", "Quit", priority=True),
    ]

    def __init__(self, bot: Bot, k: int = 5, watch: bool = False,
                 pull_every: float | None = None) -> None:
        super().__init__()
        self.bot = bot
        self.chat_screen = ChatScreen(bot, k, watch=watch, pull_every=pull_every)

    def get_default_screen(self) -> Screen[None]:
        return self.chat_screen


def make_app(bot: Bot, k: int = 5, watch: bool = False,
             pull_every: float | None = None) -> QAApp:
    """The chat app over `bot`, showing `k` passages per answer: for the CLI and the tests.
    With `watch`, the index is kept current while it runs (feeds pulled every `pull_every`
    seconds)."""
    check_k(k)
    return QAApp(bot, k=k, watch=watch, pull_every=pull_every)
