"""Questions that ask who someone is ("Who is Joly?"): the answer says what they are, a role
set beside their name ("Foreign Affairs Minister Melanie Joly", "Joly, the foreign minister,"),
not another person's name."""

from __future__ import annotations

import re

from .names import CAPITALISED_RUN, TITLES, is_role, strip_possessive

_WHO_IS = re.compile(r"\s*(?i:who)(?:['’]s| is| was)\s+((?:[A-Z][\w'’.-]*\s*){1,4})\?*\s*$")
"""'Who is Joly?', 'Who was Stephane Dion?': the name, and nothing else, after who is/was."""
_BEFORE = re.compile(r"((?:[\w'’-]+\s+){1,4})$")
"""Up to four words right before a name ("former foreign minister")."""
_AFTER = re.compile(r"(?:,\s+|\s+(?:is|was|has been|became|as)\s+)(?:now\s+)?((?:(?:the|a|an|its|"
                    r"their|his|her|[A-Z][\w-]*['’]s)\s+)?[^,.;:\"“”]{2,80})")
"""What follows a name and says what it is: ", the foreign minister", " is a Velmoran MP", " as
Velmora's new ambassador"."""


def asked_name(question: str) -> str | None:
    """The name a who-is question asks about ("Joly" in "Who is Joly?"), else None."""
    m = _WHO_IS.match(question)
    return m.group(1).strip() if m else None


def role_values(question: str, sentence: str) -> list[tuple[int, str]]:
    """(offset, text) of each role the sentence sets beside the name the question asks about:
    before the name ("Foreign Affairs Minister" in "Foreign Affairs Minister Melanie Joly",
    "former foreign minister" in "former foreign minister Stephane Dion") or after it (", the
    foreign minister,", "is a Velmoran MP")."""
    name = asked_name(question)
    if name is None:
        return []
    asked = {strip_possessive(w).lower() for w in name.split()} - TITLES
    out = []
    for run in CAPITALISED_RUN.finditer(sentence):
        words = run.group(0).split()
        at = next((i for i, w in enumerate(words)
                   if strip_possessive(w.strip(".,")).lower() in asked), None)
        if at is None:
            continue
        roles = [i for i, w in enumerate(words[:at]) if is_role(w.lower())]
        if roles:  # "Foreign Affairs Minister" in the run itself, not the first name after it
            out.append((run.start(), " ".join(words[:roles[-1] + 1])))
            continue
        before = _BEFORE.search(sentence, 0, run.start())
        if before and any(is_role(w) for w in before.group(1).lower().split()[-2:]):
            out.append((before.start(1), before.group(1).strip()))  # "foreign minister Joly"
            continue
        after = _AFTER.match(sentence, run.end())
        if after and any(is_role(w) or is_role(w.removesuffix("s"))
                         for w in after.group(1).lower().split()[:5]):
            out.append((after.start(1), after.group(1).strip()))
    return out
