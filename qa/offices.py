"""Which office a role word in a sentence is: one of lower rank ("deputy minister" is no
minister, "vice-president" no president) or one sent elsewhere ("ambassador to the United
Nations" is not the ambassador to Brandia)."""

from __future__ import annotations

import functools
import re

from .names import initials_of, is_time, strip_possessive
from .vocab import STOPWORDS

UNDER = frozenset({"vice", "deputy", "assistant", "associate", "junior", "shadow"})
"""Words before a role that make it another role ("vice president" for "president")."""


def ranks(words: list[str], n: int) -> frozenset[str]:
    """The `UNDER` words said of the role `words[n]` ("deputy minister", "deputy foreign
    minister", "vice-president"; not "assistant to manager")."""
    said = words[n].lower().split("-")[:-1] + words[max(0, n - 1):n]
    if n >= 2 and words[n - 1].islower() and words[n - 1] not in STOPWORDS:
        said.append(words[n - 2])  # past one office word: "deputy foreign minister"
    return frozenset(w.lower() for w in said) & UNDER


@functools.lru_cache(maxsize=256)
def sent_to(question: str, role: str) -> tuple[frozenset[str], str]:
    """Where the role the question asks about is sent, as word stems and initials ("brand"
    for "Who is Ostria's ambassador to Brandia?", "us" for "…to the United States?"), or
    nothing."""
    m = re.search(rf"\b{re.escape(role)}s?\s+to\s+(?:the\s+)?"
                  r"([A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)*)", question)
    if not m:
        return frozenset(), ""
    place = strip_possessive(m.group(1))
    return frozenset(w.lower()[:5] for w in place.split()), initials_of(place).lower()


def sent_elsewhere(tokens: list[re.Match[str]], n: int, sent: frozenset[str],
                    letters: str) -> bool:
    """Whether the role at tokens[n] is said, in its own phrase, to be sent somewhere else:
    "Ambassador and Permanent Representative of Ostria to the United Nations" for the
    ambassador to Brandia (not "ambassador in Paris", nor past a comma or a verb)."""
    text = tokens[0].string
    for k in range(n + 1, min(n + 10, len(tokens) - 1)):
        if re.search(r"[,;:()]", text[tokens[k - 1].end():tokens[k].start()]):
            return False
        word = tokens[k].group()
        if word == "to":
            j = k + 2 if tokens[k + 1].group() == "the" and k + 2 < len(tokens) else k + 1
            place = tokens[j].group()
            if not place[:1].isupper() or is_time(place):
                return False
            return place.lower()[:5] not in sent and strip_possessive(place).lower() != letters
        if not (word[:1].isupper() or word in ("and", "of", "the")):
            return False  # the role's phrase ended ("said", "in")
    return False
