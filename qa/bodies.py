"""What "the club", "the committee" or "the auction house" stands for when the name found
for it is a person's: a body is no person, whatever name the previous answer gave first."""

from __future__ import annotations

import re
from itertools import chain

from .lands import IRREGULAR_DEMONYMS
from .names import entities, is_role, is_time, strip_possessive
from .referents import ORGANISATIONS

BODIES = ORGANISATIONS | frozenset("""committee association consultancy watchdog bookmaker
station broadcaster newspaper magazine publisher charity organisation institute university
college school regulator authority commission department ministry house""".split())
"""Nouns for a body, which no person's name stands for ("the committee", "the auction house")."""


def body(noun: str, referent: str | None, sentence: str, text: str, before: str) -> str | None:
    """What "the `noun`" stands for, `referent` having been found for it in the previous turn
    (`sentence`, its answer; `text`, that and its passage; `before`, its question).

    When the noun is a body's and `text` gives `referent` a person's role ("Rob Andrew, coach
    of …" for "the club"): the first other name of `sentence` that has no role, is no people's
    adjective and the question did not use ("Newcastle" in "Rob Andrew, coach of Wilkinson's
    club side Newcastle"); else the body the question named as an owner ("Bioware" after "Who
    is Bioware's producer?"); else None. Otherwise `referent`."""
    if noun.lower() not in BODIES or not referent or not holds_role(referent, text):
        return referent
    asked = before.lower()
    other = (n for n in entities(sentence) if strip_possessive(n).lower() not in asked
             and not holds_role(n, text) and not is_time(n) and not is_role(n)
             and not re.search(r"(?:ian|ean|ese|ish)$", n)
             and n.lower() not in IRREGULAR_DEMONYMS)
    owner = (strip_possessive(n) for n in entities(before)
             if re.search(rf"\b{re.escape(strip_possessive(n))}['’]", before)
             and not holds_role(n, text) and not is_time(n))
    return next(other, None) or next(owner, None)


def holds_role(name: str, text: str) -> bool:
    """Whether `text` gives `name` a person's role or title right before it or in the words
    set off after it: "Mr Lee", "Labour MP Ann Lee", "Ann Lee, Orla's finance chief"; not
    "Zeta Legal, the firm acting for Orla's boss", where a body is named first."""
    name = re.escape(strip_possessive(name))
    for m in chain(re.finditer(rf"\b([A-Za-z][\w-]*)\s+{name}\b", text),
                   re.finditer(rf"\b{name},\s+([^,.;:\"“”]{{1,80}})", text)):
        for word in m.group(1).split():
            if is_role(word):
                return True
            if word.lower() in BODIES:
                break
    return False
