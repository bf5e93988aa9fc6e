"""A definite noun of a follow-up qualified by the previous question's subject ("the exhibition
site" after a question about the Velmora fair: "the Velmora exhibition site")."""

from __future__ import annotations

import re

from .leaning import PLACES
from .names import person, strip_possessive
from .referents import topic

_STATE_BODIES = frozenset({"embassy", "consulate", "ministry", "government", "parliament",
                           "court", "police", "army", "military", "cabinet", "senate",
                           "congress"})
"""A state's bodies: what the previous question's subject (a party, a firm, a person) does not
own, so the noun is asked as it is."""


def qualified(question: str, phrase: str, before: str) -> str:
    """'How many halls does the exhibition site have?' after a question about the Velmora fair:
    the definite noun takes the previous question's subject, 'the Velmora exhibition site'."""
    subject = topic(before)
    if not subject or subject.lower() in question.lower() or person(question):
        return question  # 'What did Ann Lee say about the budget?' names whose budget
    noun = phrase.split(" ", 1)[1]
    if any(strip_possessive(w) in _STATE_BODIES for w in noun.lower().split()):
        return question  # "the embassy" after a question about a party is not the party's
    if noun.lower() in PLACES:  # "the population of the island" after "Velmora's chief": Velmora
        place = re.split(r"['’]s\b", subject)[0]
        if person(place) or not re.search(rf"(?:\b(?:in|of|at|from|to)\s+(?:the\s+)?"
                                          rf"{re.escape(place)}\b|{re.escape(place)}['’]s\b)",
                                          before):
            return question  # "the population of the city" after "Who did Ann Lee meet?"
        return re.sub(rf"\b{re.escape(phrase)}\b", lambda _: place, question, count=1)
    if re.search(rf"\b{re.escape(phrase)}\s+(?:of|in|at|for|from|on|near)\b", question):
        return question  # 'the population of the island' is defined by what follows it
    return re.sub(rf"\b{re.escape(phrase)}", lambda _: f"the {subject} {noun}", question,
                  count=1)
