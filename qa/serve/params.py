"""What a client may ask, checked once for the HTTP API, the chat page and MCP.

Every error is an `InputError` whose one line is the CLI's message for the same mistake.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date as Date
from typing import Any

from ..errors import InputError
from ..models import Filters
from ..vocab import (
    DEFAULT_K,
    EXAMPLE_QUESTION,
    MAX_QUESTION_CHARS,
    check_k,
    check_mode,
    empty_question,
)

ASK_FIELDS = ("question", "k", "mode", "since", "until", "source", "path", "as_of",
              "diversity")
"""The fields of `POST /ask`, as the flags of `qa -q` name them."""
CHAT_FIELDS = ("session", *ASK_FIELDS)
MAX_SESSION_CHARS = 64
EXAMPLE_BODY = json.dumps({"question": EXAMPLE_QUESTION})
"""What an error shows as the body to send."""


@dataclass(frozen=True)
class AskParams:
    """One question and its options, checked."""

    question: str
    k: int = DEFAULT_K
    mode: str = "hybrid"
    filters: Filters = field(default_factory=Filters)
    as_of: Date | None = None
    diversity: float = 0.0

    def options(self) -> dict[str, Any]:
        """The keyword arguments of `Bot.ask` besides the question."""
        return {"k": self.k, "mode": self.mode, "filters": self.filters, "as_of": self.as_of,
                "diversity": self.diversity}


def parse_ask(data: object, allowed: tuple[str, ...] = ASK_FIELDS) -> AskParams:
    """The question and options of a JSON object; InputError naming the first bad field."""
    if not isinstance(data, Mapping):
        raise InputError(f"The body must be a JSON object, e.g. {EXAMPLE_BODY}.")
    unknown = sorted(set(data) - set(allowed))
    if unknown:
        raise InputError(f"Unknown field {unknown[0]!r}. The fields are: "
                         f"{', '.join(allowed)}.")
    question = data.get("question")
    if question is None:
        raise empty_question()
    if not isinstance(question, str):
        raise InputError(f"question must be a string, not {_kind(question)}.")
    if not question.strip():
        raise empty_question()
    # A question is cut to MAX_QUESTION_CHARS later; refuse what is far past it here.
    if len(question) > 4 * MAX_QUESTION_CHARS:
        raise InputError(f"The question is {len(question):,} characters long; ask in at most "
                         f"{MAX_QUESTION_CHARS:,}.")
    k = check_k(data.get("k", DEFAULT_K))
    mode = check_mode(data.get("mode", "hybrid"))
    since, until, as_of = (date_field(data, name) for name in ("since", "until", "as_of"))
    if since and until and since > until:
        raise InputError(f"The date range is empty: since {since} is after until {until}. "
                         "Swap them.")
    source, path = (_text_field(data, name) for name in ("source", "path"))
    diversity = data.get("diversity", 0.0)
    if not isinstance(diversity, (int, float)) or isinstance(diversity, bool) or not (
            0.0 <= diversity <= 1.0):
        raise InputError(f"diversity must be between 0 and 1, not {diversity!r}.")
    return AskParams(question, k, mode, Filters(since, until, source, path), as_of,
                     float(diversity))


def parse_session(data: Mapping[str, Any]) -> str | None:
    """The chat session a `POST /chat` body names, or None for a new one."""
    session = data.get("session")
    if session is None:
        return None
    if (not isinstance(session, str) or not session or len(session) > MAX_SESSION_CHARS
            or not session.isprintable()):
        raise InputError(f"session must be the string a previous /chat reply gave (at most "
                         f"{MAX_SESSION_CHARS} characters); leave it out to start one.")
    return session


def date_field(data: Mapping[str, Any], name: str) -> Date | None:
    """A YYYY-MM-DD field as a date, or None when absent."""
    value = data.get(name)
    if value is None:
        return None
    if isinstance(value, str):
        try:
            return Date.fromisoformat(value)
        except ValueError:
            pass
    raise InputError(f"{name}: {value!r} is not a date. Give it as YYYY-MM-DD, e.g. "
                     "2023-07-21.")


def _text_field(data: Mapping[str, Any], name: str) -> str | None:
    value = data.get(name)
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip():
        raise InputError(f"{name} must be a non-empty string, not {value!r}.")
    return value


def _kind(value: object) -> str:
    return {dict: "an object", list: "a list", bool: "true or false", int: "a number",
            float: "a number"}.get(type(value), type(value).__name__)
