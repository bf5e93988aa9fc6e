"""Names in text without a named-entity model: runs of capitalised words, the titles and
dates in front of them removed, and whether a run looks like a person's."""

from __future__ import annotations

import re

from .vocab import MONTH_PATTERN

PERSON_PRONOUNS = {"he": "subject", "she": "subject", "him": "object", "his": "possessive",
           "her": "object", "hers": "possessive"}
"""Pronouns that can only stand for a person, with their role."""
THING_PRONOUNS = {"it": "subject", "they": "subject", "them": "object", "its": "possessive",
          "their": "possessive", "theirs": "possessive"}
"""Pronouns that stand for an organisation, a place or a group."""
QUESTION_WORDS = frozenset("""who whom whose what which when where why how is are was were do
does did can could should would will has have had and but or so also then tell please""".split())
_CAPITALISED_RUN = re.compile(r"\b[A-Z][\w'’.-]*(?:\s+(?:of\s+|de\s+|the\s+)?[A-Z][\w'’.-]*)*")
_ROLES = frozenset("""mr mrs ms miss dr sir dame lord lady minister ministers prime deputy
foreign affairs secretary secretary-general general president vice premier mayor senator mp
mps critic leader ambassador envoy chief executive chairman chairwoman chair spokesman
spokeswoman spokesperson chancellor king queen prince princess governor judge justice former
coach manager captain director founder boss star singer actor actress striker player
presenter presenters host hosts dj djs""".split())
"""English titles and roles that come before a name and are not part of it."""
_ORGANISATION_WORDS = frozenset("""union nations council government ministry department court
institute embassy republic international committee security rights watch house party bank
agency office army forces news press association company corporation corp inc ltd plc group
club united city university league team federation commission authority service services
board fund society network channel records studios airlines motors bureau centre center
parliament assembly senate congress cabinet""".split())
"""Generic English words that mark a run of capitalised words as an organisation, not a person."""
_WHEN_WORDS = frozenset({"monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
                         "sunday"}) | frozenset(m for m in MONTH_PATTERN.split("|") if len(m) > 3)
"""Dropped from the front of a name run ("July Melanie Joly"), kept inside ("Theresa May")."""

def entities(text: str) -> list[str]:
    """Runs of capitalised words, minus a leading question word: a cheap stand-in for NER."""
    out: list[str] = []
    runs = (piece for match in _CAPITALISED_RUN.finditer(text)
            for piece in re.split(r"(?<=\w\w)\.\s+", match.group(0)))  # "US. New Yorker"
    for run in runs:
        run = run.strip(" .,'’-")
        words = run.split()
        while words and (words[0].lower() in QUESTION_WORDS or words[0].lower() in PERSON_PRONOUNS
                         or words[0].lower() in THING_PRONOUNS
                         or words[0] in {"I", "A", "An", "The", "In", "On", "At"}):
            words = words[1:]
        if words:
            run = " ".join(words)
            if run not in out:
                out.append(run)
    return out


def person(text: str) -> str | None:
    """The first name in `text` that looks like a person's, titles removed ("Melanie Joly")."""
    for run in entities(text):
        words = name_words(run)
        if len(words) < 2 or len(words) > 4:
            continue
        if any(w.lower().strip(".'’s") in _ORGANISATION_WORDS for w in words):
            continue
        if any(w.lower() in {"of", "de", "the"} or w.isupper() for w in words):
            continue
        return " ".join(words)
    return None


def name_words(run: str) -> list[str]:
    """A run of capitalised words without the titles and dates in front of it."""
    words = [w for w in re.split(r"\s+", run) if w]
    while words and (words[0].lower().strip(".") in _ROLES
                     or words[0].lower().strip(".,") in _WHEN_WORDS):
        words = words[1:]
    return words


def new_names(text: str, asked: str) -> list[str]:
    """Names in `text` that the question (`asked`, lower-case) did not use."""
    names = []
    for run in entities(text):
        words = name_words(run)
        name = " ".join(words)
        if words and name.lower() not in asked and not (len(words) == 1 and text.startswith(name)):
            names.append(name)
    return names
