"""Whether a sentence's figures count or measure what a question asks about: "3 million
retail customers" is no number of branches, "23% of the region's population" no population.
The evidence `count_noun_missing` and `measure_missing` of qa.evidence, and what "they" are
after a how-many question (`counted_referent`, for qa.rewrite)."""

from __future__ import annotations

import re
from itertools import takewhile

from .counted import MEASURED, PART_ASKED, PRONOUNS_OF, counted_noun, same_noun
from .lands import demonym_of
from .names import AUXILIARY, said_in, strip_possessive
from .shapes import MONEY_NOUNS, is_money
from .vocab import PERSON_PLURALS, STOPWORDS

_MASS = re.compile(r"\s*how much ([a-z]+) (?:does|did|do|is|was|are|were|has|have|had|will)\b",
                   re.IGNORECASE)
"""A how-much question about a substance ("How much gold does Velmora mine?")."""
_NOUN_AFTER = re.compile(rf"\s+(?!(?:{'|'.join(map(re.escape, sorted(STOPWORDS)))})\b)"
                         r"(?:[a-z][\w-]*(?<!ly)\s+)?[a-z][\w-]*[^s\W]s\b")
"""A plural noun next, perhaps past one word: the word before it was no verb but its
modifier ("40 live music venues", "12 work stations"; not "40 died overnight in…")."""
_FUNDS_WORDS = "money|cash|compensation|damages|aid|funding|investment"
_FUNDS = re.compile(_FUNDS_WORDS)
"""How-much nouns that ask for a sum: a bare count ("sent two delegates") is no answer."""
_NOT_MASS = (rf"(?:{MONEY_NOUNS}|{_FUNDS_WORDS}|tax|more|less|extra|higher|lower|bigger|larger|"
             r"greater|longer|shorter|smaller|further|better|worse)s?")
"""How-much nouns that ask for money or a difference, which a sentence seldom repeats."""
_UNITS = re.compile(r"\s*(?:barrels?|tonnes?|tons?|hectares?|acres?|litres?|liters?|gallons?|"
                    r"kilos?|kilograms?|kg|pounds|ounces?|carats?|metres?|meters?|miles?|"
                    r"kilometres?|km|square|cubic|megawatts?|gigawatts?|kilowatts?|mw|gw|kwh|"
                    r"bushels?|units?|bottles?|pints?)\b", re.IGNORECASE)
"""Words after a figure that measure a substance ("1.7 million barrels a day" of oil)."""
_TALLIES = frozenset({"sales", "shipments", "deliveries", "registrations", "orders"})
"""Words after a noun that make a bare figure its count ("vehicle unit sales were 61,000")."""
_TALLY_BEFORE = re.compile(rf"\b(?:{'|'.join(sorted(_TALLIES))})\b(?:[^,;:.]|(?<=\d)[.,](?=\d))*$",
                           re.IGNORECASE)
"""A tally before a figure in its own clause: the figure counts the noun the sentence said."""
_SOLD = re.compile(r"\b(?:be|been|being|was|were|is|are)\s+(?:sold|shipped|delivered|ordered)\b"
                   r"(?!\s+by\b)", re.IGNORECASE)
"""A how-many question about things sold, by no one named ("How many cars will be sold…?"):
"sales will hit 200,000" counts them unnamed (not "How many cars did Orla sell?": whose sales
the sentence gives is Orla's only if it says so)."""
_NUMBER_OF = re.compile(r"\bthe (?:number|total|tally|count) of\s+((?:[\w-]+\s+){0,3}[\w-]+)"
                        r"(?:\s+[\w-]+){0,3}?\s+(?:by|to|at|of|reached|hit|was|is|were|are|stood|"
                        r"totalled)\s+(?:about\s+|around\s+|some\s+|nearly\s+|almost\s+|over\s+|"
                        r"more\s+than\s+)?$", re.IGNORECASE)
"""'the number of Chinese tourists' just before a figure it rose, fell or stood by, to or
at ('…by 40,000'): the figure counts them (not 'a number of', nor another verb's figure)."""
_EITHER_SIDE = {"population": {"inhabitants", "residents"},
                "attendance": {"crowd", "spectators", "fans", "supporters"},
                "capacity": {"seat", "seats", "seater", "capacity", "holds", "hold", "spectators",
                             "crowd", "fans"},
                "viewers": {"audience", "audiences", "ratings", "viewing", "watched"}}
"""Counts said either side of the figure, and the nouns that count them too."""
_HOME_TO = re.compile(r"(?:(?i:\bhome to|\b(?:city|country|town|nation|state|island|region|"
                      r"population) of)|\b(?i:population) (?:of (?:the )?[A-Z][\w'’-]*(?:\s+"
                      r"[A-Z][\w'’-]*)* )?(?i:is|was|stands at|stood at|totals|totalled|reached))"
                      r"\s+(?i:about |some |around |nearly |more than |over )?$")
"""Words that make the figure after them a population ("home to 300,000 people", "the
population of Velmora is 300,000")."""


_LIVE = re.compile(r"\bliv(?:e|es|ed|ing)\b|\binhabit|\bhome to\b|\bpopulation of\b|"
                   r"\bha(?:s|ve|d)\s+(?:[a-z]+\s+){0,2}\d|"
                   r"\bthe\s+(?:some\s+|about\s+|nearly\s+)?\d[\d,.]*(?:\s+million)?\s+"
                   r"(?:residents|inhabitants|people)\s+of\b", re.IGNORECASE)
"""What says how many live somewhere ("3 million people live in", "has 1.1 million residents",
"the 120,000 residents of": all of them, where "6,500 residents fled" are some)."""


def measure_missing(question: str, sentence: str, values: list[tuple[int, str]]) -> bool:
    """Whether the question asks for a population or an attendance and no figure of the
    sentence is one: "23% of the region's population" fled, but how many live there is not
    said; or every population the sentence gives is said of a place the question does not
    name ("the 120,000 residents of Velmora" for Ostria's). Unlike other counts, these are
    seldom said without their word."""
    measured = MEASURED.match(question)
    if not (measured and (measured.group(2) or measured.group(3) or measured.group(4))):
        return False
    if values and measured.group(2) not in ("attendance", "capacity") \
            and all(_placed_elsewhere(question, sentence, at, v) for at, v in values):
        return True  # "the 120,000 residents of Nagorno-Karabakh" for Azerbaijan's
    if measured.group(2) == "population" and (place := _POPULATION_OF.search(question)) \
            and not any(w[:1].isupper() for w in sentence.split()[1:]) \
            and not any(said_in(strip_possessive(w), sentence)
                        for w in re.findall(r"[A-Z][\w'’-]*", question[place.start():])):
        return True  # "The world's most populous country - population 1.3bn" for London's:
        # a population said of no place named (one named by another name, "the UK" for
        # Britain, is left to the weights)
    if any(_HOME_TO.search(sentence[max(0, offset - 60):offset]) for offset, _ in values):
        return False
    if not measured.group(2) and not _LIVE.search(sentence):
        return True  # "28,000 people … have fled": none said to live there
    return not values or count_noun_missing(question, sentence, values)


_POPULATION_OF = re.compile(r"\bpopulation\s+(?:of|in)\s+(?:the\s+)?[A-Z]")
"""The place a population question names ("the population of London")."""
_PLACE = r"([A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*)"
"""A place's name: capitalised words (a hyphen inside a word, so that a match is linear)."""
_PLACED_AFTER = re.compile(r"(?:\s+(?:million|people|residents|inhabitants)){1,2}\s+of\s+"
                           rf"(?:the\s+)?{_PLACE}")
_PLACED_BEFORE = re.compile(rf"\b(?:population|people|residents|inhabitants) of\s+(?:the\s+)?"
                            rf"{_PLACE}\s+(?:\w+\s+){{0,3}}$|"
                            rf"\b{_PLACE}['’]s?\s+population\b(?:\s+\w+){{0,3}}\s+$")
"""The place a population figure is said of, after it ("the 120,000 residents of Velmora") or
before it ("the population of Velmora is 300,000", "Velmora's population of 300,000")."""


def _placed_elsewhere(question: str, sentence: str, at: int, value: str) -> bool:
    """Whether the population figure `value` at `at` is said of a place the question does not
    name."""
    place = _PLACED_AFTER.match(sentence, at + len(value))
    if place is None:
        before = _PLACED_BEFORE.search(sentence[max(0, at - 80):at])
        place = before and (before.group(1) or before.group(2))
    else:
        place = place.group(1)
    if not place:
        return False
    return not any(said_in(strip_possessive(w), question) for w in re.split(r"[\s-]+", place))


_COMPARED_FROM = re.compile(r"\b(?:(?:up|down|rose|risen|rise|fell|fallen|increased|decreased|"
                            r"jumped|dropped|climbed|grew|grown)\s+(?:\S+\s+){0,2}from|compared "
                            r"(?:with|to)|versus|against)\s+$", re.IGNORECASE)
"""What sets a count beside another said of the same noun ("up from 1.9 million")."""


def count_noun_missing(question: str, sentence: str, values: list[tuple[int, str]]) -> bool:
    """Whether none of the sentence's counts counts what a how-many question asks about: the
    counted noun is in none of the three words after any count ("3 million retail customers"
    is no number of branches), nor said before "sales" and the like ("vehicle sales rose to
    40,000" counts vehicles), and no count is the subject of a verb with the noun left out
    ("150,000 were sold"; "killed hundreds" for people). A how-much question about a
    substance ("How much gold…?") wants the substance said, or a figure in a unit of it."""
    mass = _MASS.match(question)
    if mass and _FUNDS.fullmatch(mass.group(1).lower()):  # "How much aid has Orla sent?"
        return not any(is_money(found) for _, found in values) \
            and re.search(rf"\b{re.escape(mass.group(1))}\b", sentence, re.IGNORECASE) is None
    if mass and not re.fullmatch(_NOT_MASS, mass.group(1).lower()):
        return re.search(rf"\b{re.escape(mass.group(1)[:4])}", sentence, re.IGNORECASE) is None \
            and not any(_UNITS.match(sentence, offset + len(found)) for offset, found in values)
    noun = counted_noun(question) if values else None
    if noun is None:
        return False
    if PART_ASKED.match(question):  # "How many of its 11 businesses grew?"
        return all(_another_part(question, sentence[offset + len(found):], noun)
                   for offset, found in values)
    words = re.findall(r"\w[\w-]*", sentence)
    said = [n for n, w in enumerate(words) if same_noun(w, noun)]
    if any(x.lower() in _TALLIES for n in said for x in words[n + 1:n + 3]):
        return False  # "New vehicle sales jumped 22% to 40,000"
    for offset, found in values:
        end = offset + len(found)
        if any(same_noun(w, noun) for w in re.findall(r"[a-z][\w-]*", found)):
            return False  # "52 hours" for "For how many hours…?": the noun in the value
        if (said or _SOLD.search(question)) \
                and _TALLY_BEFORE.search(sentence[max(0, offset - 60):offset]):
            return False  # "the Orla brand of compact cars, with sales jumping … to 136,000"
        tally = _NUMBER_OF.search(sentence[max(0, offset - 80):offset])
        if tally and any(same_noun(w, noun) for w in takewhile(
                lambda w: w.lower() not in STOPWORDS, tally.group(1).split())):
            return False  # "increase the number of Chinese tourists by 40,000 per year"
        if said and _COMPARED_FROM.search(sentence, max(0, offset - 25), offset):
            return False  # "sold 3.4 million phones, up from 1.9 million": phones too
        words_after = list(re.finditer(r"\w[\w-]*", sentence[end:end + 40]))[:3]
        after = [m.group() for m in words_after]
        at = next((n for n, w in enumerate(after) if same_noun(w, noun)), None)
        if at is not None and not _others(after[:at], question):
            return False
        near = re.findall(r"\w+", sentence[max(0, offset - 60):offset])[-6:]
        before = near[-3:]
        if noun in _EITHER_SIDE and any(same_noun(w, noun) or w.lower() in _EITHER_SIDE[noun]
                                        for w in near + after):
            return False  # "a population of 3m", "3m inhabitants", "its ratings slumped from
            # a peak of seven million" (viewers)
        if after and (after[0].lower() in AUXILIARY or (
                after[0].endswith("ing") and found.lower() != "one") or (
                after[0].endswith("ed") and (len(after) < 2 or after[1].lower() in STOPWORDS))):
            return False  # "150,000 were sold", "32 million getting hooked", "5 injured in"
            # (not "two recruited experts": a participle before a noun; nor "one accusing
            # it of…", a pronoun)
        if noun == "people" and any(w.endswith("ed") for w in before):
            return False
        if after and after[0] not in STOPWORDS \
                and re.search(rf"\b{re.escape(noun)}\s+{after[0]}\b", question) \
                and not _NOUN_AFTER.match(sentence, end + words_after[0].end()):
            return False  # "where 800,000 live often in huts" for "How many people live
            # there?": the subject of the verb asked, its noun left out (not "40 live music
            # venues", where the word is no verb)
    return True


def _another_part(question: str, rest: str, noun: str) -> bool:
    """Whether the count before `rest` counts another noun than "How many of its 11
    businesses…?" does: "two of the teachers at its schools", "12 staff" (not "nine of our 11
    businesses", "12 of them", "closes 12 by March", "nine grew")."""
    words = re.findall(r"[\w'’-]+", rest[:80])[:6]
    if words[:1] == ["of"]:
        for word in words[1:5]:
            if word.lower() in PRONOUNS_OF or same_noun(word, noun):
                return False
            if word.lower() in _PLACING:
                return True  # "two of the managers at its stores"
        return True
    near = list(takewhile(lambda w: w.lower() not in STOPWORDS, words[:3]))
    follows = words[0] if words else ""
    return follows[:1].islower() and follows.lower() not in STOPWORDS \
        and not any(same_noun(w, noun) for w in near) and not follows.endswith(("ed", "ing")) \
        and re.search(rf"\b{re.escape(follows)}\b", question, re.IGNORECASE) is None


_PLACING = frozenset({"at", "in", "on", "for", "from", "with", "by", "to", "who", "which"})
"""Words after "of" and a noun that end the part counted ("two of the managers at…")."""


def _others(words: list[str], question: str) -> bool:
    """Whether a figure's noun is another's: a name between them that the question does not
    have ("87,000 Zeta handhelds" for Orla's handhelds, "6,500 Velmora residents" for
    Ostria's)."""
    asked = {w.lower() for w in re.findall(r"[\w-]+", question)}
    return any(w[:1].isupper() and not _said_of(w.lower(), asked) for w in words)


def _said_of(word: str, asked: set[str]) -> bool:
    """Whether a word, or the name its demonym is made from, is asked ("Ostrian" for Ostria,
    "Azerbaijani" for Azerbaijan; not "Australian" for Austria)."""
    return word in asked or any(demonym_of(word, a) for a in asked if len(a) > 3)


def counted_referent(before: str, thing: str | None) -> str | None:
    """What "they" are after "How many people fled Ostria?": "the people who fled Ostria"
    (not after "How many jobs did Orla cut?", where they may be Orla), unless the `thing`
    found for them already says the noun ("the hunts")."""
    noun = counted_noun(before)
    if thing and noun and noun in thing.lower():
        return None
    m = re.match(rf"\s*how many (?:[\w'’-]+ ){{0,2}}?{re.escape(noun or '-')} "
                 r"(?!(?:did|do|does|will|would|can|could|should|is|are)\b)"
                 r"(?!(?:has|have|had|was|were)\s+(?:[A-Z]|(?:the|its|a|an|his|her|their)\b))"
                 r"([a-z][^?]*)",  # (not "How many medals has Britain won?": Britain won)
                 before, re.IGNORECASE)
    if not m or noun is None:
        return None
    who = "who" if noun in PERSON_PLURALS or noun == "people" else "that"
    return f"the {noun} {who} {m.group(1).strip()}"
