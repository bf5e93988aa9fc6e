"""Other ways a text names a question's names: by their initials ("FBI" for "the Federal
Bureau of Investigation"), a land by its people ("the Irish" for Ireland)."""

from __future__ import annotations

import re

from .lands import DEMONYM, demonym_of
from .names import initials_of
from .vocab import ORGANISATION_WORDS

_NAME_RUN = re.compile(r"(?:\b[A-Z][\w'’-]*\s+(?:(?:of|for|and|the)\s+)?){2,7}[A-Z][\w'’-]*")


def shortened(question: str, text: str) -> set[str]:
    """The stems of the question's names of three capitalised words or more that the text
    calls by their initials ("PBGC" for "the Pension Benefit Guaranty Corporation", "FBI" for
    "the Federal Bureau of Investigation"), as the text's words."""
    out: set[str] = set()
    for run in _NAME_RUN.findall(question[1:]):
        letters = initials_of(run)
        if len(letters) > 2 and re.search(rf"\b{letters}s?\b", text):
            out |= {w.lower()[:5] for w in run.split() if w[:1].isupper()}
    return out


_LAND_WORD = re.compile(r"(?<=\s)[A-Z][a-z]{2,}\b")
_PEOPLES = re.compile(rf"\b(?:{DEMONYM})s?\b")


def lands_said(question: str, text: str) -> set[str]:
    """The stems of the question's lands that the text names by their people's adjective
    ("ireland" for "the Irish winning 1-0", asked "Where did Ireland beat China?")."""
    peoples = set(_PEOPLES.findall(text))
    if not peoples:
        return set()
    return {land.lower()[:5] for land in _LAND_WORD.findall(question)
            if any(demonym_of(people, land) for people in peoples)}


def named_otherwise(question: str, text: str) -> set[str]:
    """The stems of the question's names that the text says another way (`shortened`,
    `lands_said`), as the text's words."""
    return shortened(question, text) | lands_said(question, text)


def same_root(one: str, other: str) -> bool:
    """Whether two names that start alike may be one name said two ways ("Velmora" and
    "Velmoran", "Harbor Bank" and "Harbour Bank"): not two names of two words and more whose
    first words differ by more than a letter ("Investec Securities" is no "Investors Bank")."""
    if one.lower()[:4] != other.lower()[:4]:
        return False
    first, second = one.lower().split(), other.lower().split()
    return len(first) == 1 or len(second) == 1 or first[0].startswith(second[0]) \
        or second[0].startswith(first[0]) or _edits(first[0], second[0]) <= 1


def middle_differs(name: str, other: str, sentence: str) -> bool:
    """Whether two bodies' names of three words or more open and end alike and differ between,
    where the sentence never says the name's own middle: "the World Economic Forum" is another
    body than the World Social Forum."""
    mine, theirs = past_the(name.split()), past_the(other.rstrip(".,;:").split())
    if len(mine) < 3 or mine[-1].lower() not in _BODIES or len(mine) != len(theirs) \
            or mine[0] != theirs[0] or mine[-1] != theirs[-1]:
        return False
    middle = [(a, b) for a, b in zip(mine[1:-1], theirs[1:-1], strict=True) if a != b]
    return bool(middle) and all(  # (not "Ann M. Lee" for Ann Marie Lee, "Motors" for Motor)
        len(a) > 2 and len(b) > 2 and a.isalpha() and b.isalpha() and a[:4] != b[:4]
        for a, b in middle) and not any(re.search(rf"\b{re.escape(a)}", sentence)
                                         for a, _ in middle)


_BODIES = ORGANISATION_WORDS | frozenset("forum hospital museum summit school prize award".split())
"""Last words of a body's name ("Forum"): a person's names vary ("Joe"/"Joseph Velmo")."""


def past_the(words: list[str]) -> list[str]:
    """A name's words without the "The" that opens it ("The Greywater Festival sold…", "The
    Wexley Group was founded…"); not before a people's adjective ("The American spent…")."""
    if len(words) > 1 and words[0] == "The" and not re.fullmatch(DEMONYM, words[1]):
        return words[1:]
    return words


def _edits(one: str, other: str) -> int:
    """How many letters to add, drop or change to turn one word into the other."""
    row = list(range(len(other) + 1))
    for i, a in enumerate(one, 1):
        row, last = [i], row
        for j, b in enumerate(other, 1):
            row.append(min(last[j] + 1, row[j - 1] + 1, last[j - 1] + (a != b)))
    return row[-1]
