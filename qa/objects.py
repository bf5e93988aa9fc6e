"""What the previous answer says was done: the object of a what-did question's verb ("the
export" of "What did Ostria suspend?") and what "it" stands for after a verb in a follow-up
("that Orla will close its plant" for "When did she announce it?")."""

from __future__ import annotations

import re

from .names import AUXILIARY_PATTERN
from .vocab import STOPWORDS

_OBJECT = re.compile(r"\s+(?:a|an|the|its|his|her|their)\s+((?:[a-z][\w-]*\s+){0,2}?)"
                     r"([a-z][\w-]*)(?=\s+(?:to|on|for|of|in|at|with|by|from|about)\b|[,.;]|$)")
"""The noun phrase after a verb ("presented a report to Bo Park"): its last word is the noun."""


_THAT = re.compile(r"\s+that\s+((?:[\w'’-]+\s+){1,11}?[\w'’-]+)(?=\s*(?:[,.;:]|$)|\s+(?:and|but|"
                   r"as|while|because|after|before)\b)")
"""A that-clause after a verb, up to its first comma or conjunction ("that Orla will close")."""


def said_object(verb: str, sentence: str | None) -> str | None:
    """What the previous answer says was done, for "it" after `verb` in a follow-up: "When
    did she announce it?" after an answer saying "Ann Lee has announced that Orla will close
    its plant, and…" -> "that Orla will close its plant"; "…announced a new plan to…" ->
    "the new plan". None when the sentence does not say the verb with an object."""
    if not sentence or len(verb) < 4 or verb in STOPWORDS:
        return None
    for m in re.finditer(rf"\b{re.escape(verb[:5])}\w*", sentence):
        clause = _THAT.match(sentence, m.end())
        if clause:
            return f"that {clause.group(1)}"
        obj = _OBJECT.match(sentence, m.end())
        if obj and obj.group(2) not in STOPWORDS and not STOPWORDS & set(obj.group(1).split()):
            return f"the {obj.group(1)}{obj.group(2)}"
    return None


def object_done(before: str, sentence: str) -> tuple[str, str] | None:
    """A what-did question's verb and what its answer sentence says was done (("present",
    "the report") for "What did Ann Lee present to Bo Park?" answered by "Ann Lee presented
    a report to Bo Park")."""
    if not re.match(rf"\s*what\s+(?:{AUXILIARY_PATTERN})\b", before, re.IGNORECASE):
        return None
    for found in re.finditer(r"(?<![\w'’-])[a-z][\w-]{3,}", before):
        verb = found.group()
        if verb in STOPWORDS or re.search(r"\b(?:the|a|an|its|his|her|their)\s+$",
                                          before[:found.start()], re.IGNORECASE):
            continue  # a noun ("the committee"), not what was done
        for m in re.finditer(rf"\b{re.escape(verb[:5])}\w*", sentence):
            obj = _OBJECT.match(sentence, m.end())
            if obj and obj.group(2) not in STOPWORDS and not STOPWORDS & set(obj.group(1).split()):
                return verb, f"the {obj.group(2)}"  # not "the sound" in "the firm was sound"
    return None
