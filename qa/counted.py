"""What a how-many question counts ("soldiers" in "How many Ostrian soldiers died…?"), and
whether a sentence's word is that noun ("job" for "jobs", "residents" for "people")."""

from __future__ import annotations

import functools
import re
from itertools import takewhile

from .names import AUXILIARY, AUXILIARY_PATTERN
from .shapes import PATTERNS
from .vocab import IRREGULAR_PLURALS, PERSON_PLURALS

HOW_MANY = r"(?:(?:for|in|on|at|by|from|to|with|over|across|of) )?how many\b"
"""'How many', after a preposition if any ("For how many years…?", "In how many cities…?")."""
_COUNTED = re.compile(rf"\s*{HOW_MANY} ((?:[\w'’-]+\s+){{0,5}})", re.IGNORECASE)
MEASURED = re.compile(r"\s*(?:what (?:is|was|are|were) (?:the |its |their )?(?:total )?"
                      r"(?:number of ([\w'’-]+)|(population|attendance|capacity)"
                      r"(?=\s+(?:of|in|at)\b|\W*$))|how many (people|residents|inhabitants) "
                      r"live\b|how many (residents|inhabitants) (?:does|do|did) [^?]+ have\b)",
                      re.IGNORECASE)
"""'What is the number of…' counts what follows; 'the population of…' is a count of its own,
said either side of the figure ("a population of 3m", "3m inhabitants"); 'how many people
live in…' and 'how many residents does… have' count people who live there."""


PART_ASKED = re.compile(r"\s*how many of\b", re.IGNORECASE)
"""A how-many question about a part of a whole ("How many of its 11 businesses grew?")."""
PRONOUNS_OF = frozenset({"them", "those", "these", "which", "whom"})
"""What "of" may take after a count that stands for the counted noun said before ("12 of
them"), which names no other noun."""


@functools.lru_cache(maxsize=256)
def counted_noun(question: str) -> str | None:
    """What a how-many question counts ("soldiers" in "How many Ostrian soldiers died…?"):
    the first plural before its verb, else its first lower-case word; for "how many of its
    11 businesses…", the plural after the number; None for "how many of the…", "how many
    more…"."""
    measured = MEASURED.match(question)
    if measured:
        return next(g for g in measured.groups() if g).lower()
    m = _COUNTED.match(question)
    words = m.group(1).split() if m else []
    if words and words[0].lower() == "of":  # "How many of GE's 11 businesses grew?": a part
        # of a whole told by its number (not "how many of the troops sent…", said of all)
        part = list(takewhile(lambda w: w.lower() not in AUXILIARY, words[1:]))
        return next((w.lower() for n, w in enumerate(part)
                     if _plural(w) and n and part[n - 1][:1].isdigit()), None)
    if not words or words[0].lower() in ("more", "fewer", "times", "a", "the"):
        return None
    first = named = None
    for word in words:
        low = word.lower().rstrip("'’")  # "years' service": years
        if low in AUXILIARY:
            break
        if _plural(word):
            if word[0].isupper():  # "Orla Games titles": titles; "How many Velmorans…"
                named = named or low
                continue
            return low  # "US soldiers": soldiers; "people fled their homes": people
        if first is None and word.islower():
            first = low
    if named:
        return named
    return None if first is None or first.endswith("ed") else first  # "how many died?"


def _plural(word: str) -> bool:
    """Whether a question's word is a plural noun ("businesses", "people"; not "GE's", "US")."""
    low = word.lower().rstrip("'’")
    return low in IRREGULAR_PLURALS or low.endswith("s") and not low.endswith(
        ("'s", "’s", "ss")) and not word.isupper()


@functools.lru_cache(maxsize=256)
def same_noun(word: str, noun: str) -> bool:
    """Whether a word of the sentence is the counted noun, its singular or a compound of it
    ("job" for "jobs", "seater" for "seats"; not "farms" for "farmers", "votes" for "voters");
    for "people", any word for people ("40,000 Velmorans", "300 residents")."""
    if noun.lower() == "people" and (word.lower() in PERSON_PLURALS or word[:1].isupper() and (
            word.endswith(("ans", "ers", "ons", "ese", "is")))):
        return True
    one = re.sub(r"(?:['’]s?|s)$", "", noun.lower())
    if one.endswith("er") and re.sub(r"(?:['’]s?|s)$", "", word.lower()) in (one[:-2], one[:-1]):
        return False  # "13 farms" counts no farmers, "play" no players
    return len(one[:4]) > 1 and word.lower().startswith(one[:4])


_COUNTED_DID = re.compile(rf"\s*{HOW_MANY}\s+(?:[\w'’-]+\s+){{1,3}}?"
                          rf"(?!(?:{AUXILIARY_PATTERN})\b)((?-i:[a-z]+ed))\b", re.IGNORECASE)


def counted_verb(question: str) -> str | None:
    """The verb right after what a how-many question counts, when no auxiliary comes first
    ("fled" in "How many people fled…?"), or None."""
    m = _COUNTED_DID.match(question)
    return m.group(1) if m else None


_SCORE = re.compile(PATTERNS["score"])  # a match's score ("26-21", "6-3")


def in_a_score(sentence: str, at: int, noun: str | None) -> bool:
    """Whether the figure at `at` is one side of a score ("26-21"), not a range of what the
    question counts ("20-30 people" for `noun` "people")."""
    for m in _SCORE.finditer(sentence, max(0, at - 4), at + 8):
        if m.start() <= at < m.end():
            after = re.match(r"\s+(\w+)", sentence[m.end():m.end() + 40])
            return not (noun and after and same_noun(after.group(1), noun))
    return False
