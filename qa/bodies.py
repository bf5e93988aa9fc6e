"""What "the club", "the committee" or "the auction house" stands for when the name found
for it is a person's: a body is no person, whatever name the previous answer gave first."""

from __future__ import annotations

import re
from itertools import chain

from .lands import DEMONYM
from .names import entities, is_role, is_time, persons_name, strip_possessive

ORGANISATIONS = frozenset("""company firm group club team side bank band party government
airline carrier network channel studio label maker chain retailer council agency body union
court corporation""".split())
"""Nouns for a body that a name stands for ("the company", "the oil firm")."""
BODIES = ORGANISATIONS | frozenset("""committee association consultancy watchdog bookmaker
station broadcaster newspaper magazine publisher charity organisation institute university
college school regulator authority commission department ministry house""".split())
"""Nouns for a body, which no person's name stands for ("the committee", "the auction house")."""


def body(noun: str, referent: str | None, sentence: str, text: str, before: str,
         answered: bool = False) -> str | None:
    """What "the `noun`" stands for, `referent` having been found for it in the previous turn
    (`sentence`, its answer; `text`, that and its passage; `before`, its question).

    When the noun is a body's and `text` gives `referent` a person's role ("Rob Andrew, coach
    of …" for "the club"), another name: one the previous question gave as an owner ("Bioware"
    after "Who is Bioware's producer?") or, unless the previous question asked for that body
    (`answered`: "Which club…?"), named ("Zentra" after "Who founded Zentra?"); then the first
    name of `sentence` that the question did not use, has no role and is no people's
    adjective ("Newcastle" in "Rob Andrew, coach of Wilkinson's club side Newcastle"); else
    None. So too when no `referent` was found. Otherwise `referent`."""
    if noun.lower() not in BODIES or referent and not holds_role(referent, text):
        return referent  # (none found, "the club" after "Which Chelsea left-back…?" is still
        # the previous question's body)
    asked = before.lower()
    named = [strip_possessive(n) for n in entities(before)
             if not holds_role(n, text) and not is_time(n) and not is_role(n)]
    owners = (n for n in named if re.search(rf"\b{re.escape(n)}['’]", before))
    plain = (n for n in named if not answered and not persons_name(n))
    other = (n for n in entities(sentence) if strip_possessive(n).lower() not in asked
             and not holds_role(n, text) and not is_time(n) and not is_role(n)
             and not re.fullmatch(DEMONYM, n))
    return next(owners, None) or next(plain, None) or next(other, None)


def holds_role(name: str, text: str) -> bool:
    """Whether `text` gives `name` a person's role or title right before it or in the words
    set off after it: "Mr Lee", "Labour MP Ann Lee", "Ann Lee, Orla's finance chief"; not
    "Zeta Legal, the firm acting for Orla's boss" (a body named first), "Harlow Town,
    managed by coach Bo Park" nor "Orla, coach Ann Lee said" (another's role)."""
    name = re.escape(strip_possessive(name))
    for m in chain(re.finditer(rf"\b([A-Za-z][\w-]*)\s+{name}\b", text),
                   re.finditer(rf"\b{name},\s+([^,.;:\"“”]{{1,80}})", text)):
        words = m.group(1).split()
        for n, word in enumerate(words):
            if word.lower() in BODIES or word.lower() in _ANOTHERS:
                break
            if is_role(word):
                after = words[n + 1] if n + 1 < len(words) else ""
                if after[:1].isupper() and not re.search(r"['’]s?$", after):
                    break  # "coach Ann Lee": her title
                return True
    return False


_ANOTHERS = frozenset("by whose who which that where with and said says told".split())
"""Words after which a role is someone else's ("managed by coach Bo Park", "whose editor")."""
