"""Who does a thing and whom it is done to: "Who will replace Ann Lee as manager?" is not
answered by "The 48-year-old replaces Graham Tulloch", whose name comes after the verb as the
one replaced, not the one replacing."""

from __future__ import annotations

import re

_WHO_DOES = re.compile(r"\s*who\s+(?:(?:will|would|could|is\s+to|did|does|do|has|have|had|"
                       r"might|may)\s+)?([a-z]{3,})\b", re.IGNORECASE)
"""'Who will replace…', 'Who beat…': the verb whose doer is asked (not 'Whom…', nor a
passive 'Who was sacked…', whose verb is 'was')."""
_NOT_DONE = frozenset("is was are were be been being has have had said says".split())


def done_to(question: str, sentence: str, values: list[tuple[int, str]]
            ) -> list[tuple[int, str]]:
    """The `values` that may be who does what the question asks: not a name right after the
    asked verb ("replaces Graham Tulloch"), which is the one it was done to."""
    asked = _WHO_DOES.match(question)
    if not values or asked is None or asked.group(1).lower() in _NOT_DONE:
        return values
    base = re.escape(re.sub(r"(?:e?s|e?d)$", "", asked.group(1).lower()))
    done = re.compile(rf"\b{base}(?:e?s|e?d|e|ing)?\s+(?:(?:former|ex-|new|the)\s+)?$")
    return [(at, v) for at, v in values if not done.search(sentence, max(0, at - 30), at)]
