"""Who does a thing and whom it is done to: "Who will replace Ann Lee as manager?" is not
answered by "The 48-year-old replaces Bo Park", whose name comes after the verb as the
one replaced, not the one replacing."""

from __future__ import annotations

import re

from .names import is_role, person, strip_possessive
from .vocab import STOPWORDS

_WHO_DOES = re.compile(r"\s*who\s+(?:(?:will|would|could|is\s+to|did|does|do|has|have|had|"
                       r"might|may)\s+)?([a-z]{3,})\b", re.IGNORECASE)
"""'Who will replace…', 'Who beat…': the verb whose doer is asked (not 'Whom…', nor a
passive 'Who was sacked…', whose verb is 'was')."""
_NOT_DONE = frozenset("is was are were be been being has have had said says".split())


def done_to(question: str, sentence: str, values: list[tuple[int, str]]
            ) -> list[tuple[int, str]]:
    """The `values` that may be who does what the question asks: not a name right after the
    asked verb ("replaces Bo Park"), which is the one it was done to."""
    asked = _WHO_DOES.match(question)
    if not values or asked is None or asked.group(1).lower() in _NOT_DONE:
        return values
    rest = set(re.findall(r"[A-Za-z]{3,}", question[asked.end():].lower())) - _NOT_DONE
    base = re.escape(re.sub(r"(?:e?s|e?d)$", "", asked.group(1).lower()))
    done = re.compile(rf"(?:\b(will|would|to|could|can|may|might|did|does|do)\s+)?"
                      rf"\b({base}(e?s|e?d|e|ing)?)\s+(?:(?:former|ex-|new|the)\s+)?$")
    return [(at, v) for at, v in values if not (
        (m := done.search(sentence, max(0, at - 40), at)) and not is_role(m.group(2))
        and (m.group(1) or m.group(3) not in (None, "e"))
        and not rest & set(re.findall(r"[a-z]{3,}", sentence[:m.start()].lower())))]
    # (not a post: "said his coach Peter Stanley", "Taxation head Xie Xuren"; a verb is
    # inflected, or after "will" or "to"; and not when what the question names does it:
    # "Prince Charles will marry Camilla" for whom he will marry)


_HOW_OLD = re.compile(r"\s*(?i:how\s+old\s+(?:is|was|are|were))\s+"
                      r"([A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*)")
_HELD_BY = re.compile(r"\s+(?:[a-z][\w-]*\s+)?([a-z][\w-]*)\s+([A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*)")
"""A role and its holder after a body's name ("Orla City manager Ann Lee", "Zeta chief
executive Ann Lee"; no function word between: "when coach Bo Park…" is another person)."""


def age_of_another(question: str, sentence: str, values: list[tuple[int, str]]
                   ) -> list[tuple[int, str]]:
    """The `values` that may be the age asked: not "The 48-year-old replaces Bo Park"
    for Bo Park's, an age of the one who does something to him."""
    asked = _HOW_OLD.match(question)
    if not values or asked is None:
        return values
    held = _HELD_BY.match(question, asked.end())
    holder = held.group(2) if held and is_role(held.group(1)) \
        and not STOPWORDS & set(held.group(0).lower().split()) else asked.group(1)
    name = re.escape(holder.split()[-1])
    after = re.compile(rf"\S*\s+((?:(?!(?:the|an?)\b)[a-z][\w-]*\s+){{1,2}})"
                       rf"(?:[A-Z][\w'’-]*\s+)*{name}\b")
    return [(at, v) for at, v in values if not (
        (m := after.match(sentence, at + len(v)))
        and not any(is_role(w) for w in m.group(1).split())  # ("48-year-old striker Lee")
        or _OPENS.fullmatch(sentence, 0, at) and _subject_aged(sentence, at + len(v), name)
        or (whose := _APPOSED.search(sentence, max(0, at - 60), at))
        and (person(whose.group(1)) if " " in whose.group(1) else whose.start() == 0)
        and whose.group(2) not in re.findall(r"[A-Z][\w'’-]+", question))]  # "Ann Lee, a
    # 22-year-old qualifier, beat Bo Park": Lee's age


_OPENS = re.compile(r"\W*The\s+")
"""What opens a sentence before the age of its subject ("The 30-year-old…")."""
_AGED_NOUN = re.compile(r"\S*(?:\s+[a-z][\w-]*)?(?=,\s+[a-z]|\s+[a-z])")
"""The rest of an age and its noun, then an aside or a verb, no name ("30-year-old actor, who")."""
_NAME = r"[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*"
_LISTED = re.compile(rf"\b(?:such\s+as|including|alongside|among\s+them)\s+(?:[a-z][\w-]*\s+)?"
                     rf"(?:(?:{_NAME},\s+)+{_NAME},?\s+and\s+{_NAME}|{_NAME}\s+and\s+{_NAME})")
"""Other people listed ("hopefuls such as Cy Dunn, Ann Lee and Bo Park", "alongside co-star
Ann Lee and Bo Park"; not "The 30-year-old twins, Ann Lee and Bo Lee", who are the subject)."""


def _subject_aged(sentence: str, end: int, name: str) -> bool:
    """Whether the age ending at `end` is its sentence's subject's, who is named by it alone,
    and `name` is one of other people listed later ("The 30-year-old actor, who…, will join
    hopefuls such as Cy Dunn, Ann Lee and Bo Park"): someone else. Not "The 30-year-old actor,
    Ann Lee, …", nor "…has been named as Ann Lee", where one name is said of the subject."""
    rest = _AGED_NOUN.match(sentence, end)
    return bool(rest) and any(re.search(rf"\b{name}\b", m.group())
                              for m in _LISTED.finditer(sentence, rest.end()))


_APPOSED = re.compile(r"((?:[A-Z][\w'’-]+\s+)?([A-Z][a-z][\w'’-]*)),\s+(?:(?:a|an|the)\s+)?$")
"""A person's name an age is set beside ("Ann Lee, a 22-year-old", or a surname opening the
sentence, "Lee, a 22-year-old"): the age is theirs."""


_WHO = re.compile(r"\s*(?:who|which\s+(?:[\w-]+\s+){0,2}?[a-z]+)\s+(?:said|says|told|warned|"
                  r"added|claimed|insisted|described|called|admitted)\b", re.IGNORECASE)
"""A question asking who said something."""
_SPEAKER = re.compile(r"[^\"“”]{0,300}?[,.!?][\"”]\s+(?:said\s+(?:[a-z]+\s+)?([A-Z][\w'’-]+(?:\s+"
                      r"[A-Z][\w'’-]+)*)|([A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)*)\s+(?:said|says|"
                      r"added))\b")
"""Where a quote left open closes, and who is said to have said it."""


def quote_speaker(question: str, sentence: str, passage: str,
                  values: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """The `values` and, for a who-question, the speaker of a quote the sentence opens and a
    later sentence closes ('"I pushed too hard on cold tyres. It's my mistake," said
    Lind.'): the one who said it, named after its end."""
    if values or not _WHO.match(question) or sentence.count('"') + sentence.count("“") \
            + sentence.count("”") != 1 or not re.match(r'\W*["“]', sentence):
        return values
    at = passage.find(sentence)
    said = _SPEAKER.match(passage, at + len(sentence)) if at >= 0 else None
    return [(len(sentence), said.group(1) or said.group(2))] if said else values


_RUN = re.compile(r"(?:[A-Z][\w-]+\s+)*[A-Z][\w-]+")
_OWNS = re.compile(r"['’]s?\s+[a-z]")


def owners(question: str) -> set[str]:
    """The words, lower case, of the names a question says own what it asks about ("Michael
    Jackson's mother Katherine", "Ann Lee's husband"), less those of its other names ("Ann
    Lee's sister, Orla Lee"): their age is not asked."""
    runs = list(_RUN.finditer(question))
    owning = {m.start() for m in runs if _OWNS.match(question, m.end())}
    words = [(m.start() in owning, w.lower()) for m in runs for w in m.group().split()]
    return {w for owns, w in words if owns} - {w for owns, w in words if not owns}


def whose_age(before: str, asked: set[str], owned: bool = False) -> bool:
    """Whether a bare number after `before` is the age of a name the question asked about
    (`asked`, lower case): "Ann Lee, 54," or "Lee became an MP at 27"; when the one asked is
    `owned` by another the question names ("Bo Park's mother Katherine"), by a first name too
    ("Katherine Park, 74,")."""
    whose = re.search(r"(?:([A-Z][\w'’-]+)\s+)?([\w'’-]+), $", before[-40:])
    if whose:
        return strip_possessive(whose.group(2)).lower() in asked \
            or owned and bool(whose.group(1)) and whose.group(1).lower() in asked
    clause = re.search(r"[^,;]*\b(?:became|become|becoming|joined|elected|appointed|retired|died|"
                       r"married|started|began|turned|debuted|entered|left|won)\b[^,;]*\bat $",
                       before[-80:])
    return bool(clause) and any(strip_possessive(w).lower() in asked  # (not "an MP")
                                for w in re.findall(r"[A-Z][\w'’-]+", clause.group())
                                if not (w.isupper() and len(w) <= 3))
