"""Chat sessions of the server: a bounded number, each forgotten after a while unused."""

from __future__ import annotations

import secrets
import threading
import time
from collections import OrderedDict
from collections.abc import Callable

from ..chat import Chat

MAX_SESSIONS = 1000
"""Sessions kept at once; past it the least recently used is forgotten."""
SESSION_TTL = 30 * 60.0
"""Seconds a session is kept without a question."""
TURNS_KEPT = 2
"""Answers each session remembers: a follow-up needs only the last one."""


class Sessions:
    """Session id → `Chat`, least recently used first. Safe to share between threads."""

    def __init__(self, make_chat: Callable[[], Chat], limit: int = MAX_SESSIONS,
                 ttl: float = SESSION_TTL, clock: Callable[[], float] = time.monotonic) -> None:
        self._make_chat = make_chat
        self.limit = limit
        self.ttl = ttl
        self._clock = clock
        self._chats: OrderedDict[str, tuple[Chat, float]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, session: str | None) -> tuple[str, Chat]:
        """The chat of `session`, or a new one (under a new id) when it is unknown or expired.

        A client's own id is never reused for a new chat: a guessed id cannot join or start
        someone else's conversation.
        """
        now = self._clock()
        with self._lock:
            self._expire(now)
            found = self._chats.pop(session, None) if session else None
            if found is None:
                session = secrets.token_urlsafe(16)
                chat = self._make_chat()
            else:
                chat = found[0]
            assert session is not None
            self._chats[session] = (chat, now)
            while len(self._chats) > self.limit:
                self._chats.popitem(last=False)
            return session, chat

    def __len__(self) -> int:
        with self._lock:
            self._expire(self._clock())
            return len(self._chats)

    def _expire(self, now: float) -> None:
        while self._chats:
            _, (_, used) = next(iter(self._chats.items()))
            if now - used <= self.ttl:
                break
            self._chats.popitem(last=False)
