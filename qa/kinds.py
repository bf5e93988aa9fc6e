"""The kind of thing a which-question asks for, and the answers of that kind a sentence holds:
whether a name is of another kind ("coach Ann Lee" answers no "Which club…?", "at Cannes" no
"Which film…?", "his label Shady Records" no "Which song…?", "Computer-Implemented
Inventions" is no person's name), and the lower-case answers a sentence gives ("its
humanitarian aid budget" for "Which budget…?")."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable

from .lands import DEMONYM, IRREGULAR_DEMONYMS
from .names import AUXILIARY, AUXILIARY_PATTERN, is_organisation, is_role, person, strip_possessive
from .vocab import ASKING_PREPOSITION, STOPWORDS

WHICH = rf"\s*(?:(?i:{ASKING_PREPOSITION}) )?(?i:which|what)"
"""A question's opening "which" or "what", after a preposition if any."""
OTHER_OPENING = re.compile(rf"^(?:{ASKING_PREPOSITION}\s+(?=which\b)|"
                           r"(?!(?:in|to|from|at|on|by|for|with|since|until|over|under|above|"
                           rf"below|within)\s){ASKING_PREPOSITION}\s+(?=what\b)|"
                           r"(?:exactly|roughly|approximately|precisely|about|around)\s+"
                           r"(?=(?:how|what|which|when)\b))")
"""What `qa.slots.slot` reads past at a question's start: a preposition before "which"
("against which team…"), or before "what" where no pattern of `slot` reads it itself (not "by
what score…", nor a bound, "within what time…", "under what age…", answered "under-sevens"),
or a word asking how exact the answer is ("exactly how many…")."""

BUILDINGS = "stadium|hotel|theatre|university|school|hospital|prison|port"
"""Buildings and sites a which-question may ask for by their kind."""
PLACE_KINDS = ("city|country|place|region|town|state|province|capital|venue|ground|village|"
               f"county|{BUILDINGS}")
"""Nouns for the place a which-question asks for."""


def _asking(kinds: str, auxiliaries: str) -> re.Pattern[str]:
    """A which-question whose noun is one of `kinds` (as a group), followed by its verb's
    auxiliary: the kind heads the noun ("Which club did…?", "Which Velburg constituency does…?",
    not "Which club owner…?" nor "Which of the clubs…?")."""
    return re.compile(rf"(?:{ASKING_PREPOSITION} )?(?:which|what) (?:(?!of )[a-z][\w'’-]* ){{0,2}}"
                      rf"({kinds})s? (?:{auxiliaries})\b")


_AUXILIARIES_AFTER = "did|does|do|is|was|were|are|has|have|had|will"
_THING_ASKED = _asking(rf"{PLACE_KINDS}|club|team|side|company|firm|band|newspaper|channel|film|"
                       r"movie|album|song|book|show|game|brand|product|bank|party|label|"
                       r"publisher|agency|union|casino|airline|network|studio|magazine|charity|"
                       r"constituency|seat|ward|district|borough|league|tournament|competition|"
                       r"website|service|currency|language|programme|series|award|prize|trophy|"
                       r"index|station|airport|court",
                       f"{_AUXILIARIES_AFTER}|would|can|could")
"""A which-question asking for a place or a thing, whose answer is no person's name (the
kind heads the question's noun: not "Which Orla Capital analyst…?")."""


_KINDS_OF_WORK = {"movie": "film", "single": "song", "track": "song", "novel": "book",
                  "programme": "show", "series": "show"}
"""Words for the same kind of work ("the movie Dark Harbour" is a film)."""
_NOUN_ENDS = ("tions", "nesses", "ities", "isms")
"""Endings of plural and abstract nouns, which no person's name has."""
_WORK_ASKED = _asking(r"film|movie|album|song|single|book|novel|show|programme|series|game|"
                      r"brand|product|award", _AUXILIARIES_AFTER)
"""A which-question asking for a work or a product, which no place is."""
_PLACED_BEFORE = re.compile(r"\b(?:in|at|on|near|from|into|outside)\s+(?:the\s+)?$")
_KIND_BEFORE = re.compile(r"\b(label|club|team|company|firm|band|group|river|city|town|"
                          r"hotel|venue|station|channel|network|newspaper|magazine|studio|"
                          r"school|university|party|film|movie|album|song|single|book|novel|"
                          r"show|programme|series|game|brand|product|award)\s+(?:the\s+)?$")
"""A kind of thing right before a name: the name is one ("his label Shady Records")."""


_CITY_BEFORE = re.compile(r"\b(?:in|at|from|near)\s+[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)?,\s+$")
_PLACE_AFTER = re.compile(r"\s*(?:[,.;:)]|$)")
"""A name after a town and a comma, then a stop: a town's land ("in Blackpool, England,")."""


_SETTLEMENT_ASKED = _asking("city|town|village|capital", f"{_AUXILIARIES_AFTER}|would|can|could")
"""A which-question asking for a city or a town, which no country is."""


_OWNED_BY = re.compile(r"['’]s\s+[A-Z]")
"""A name's thing ("Ann Lee's Orla Records"): the thing may be what is asked."""


_NAMED_KIND = re.compile(r"(?<!^)(?<![.?!]\s)\b(?!(?:Which|What|The|A|An|This|That)\b)"
                         r"([A-Z][\w'’!.&-]*)\s+(magazine|newspaper|paper|company|firm|group|club|"
                         r"band|party|bank|channel|network|studio|label|team|airline|festival|"
                         r"website|show|programme|series)\b")
"""A name and the kind of thing it is ("Kerrang! magazine")."""


def kinds_held(question: str, words: set[str]) -> set[str]:
    """Stems of the kind nouns the question sets after a name the sentence's `words` (stems)
    hold: a sentence that says "Kerrang!" says the magazine ("Kerrang! magazine")."""
    return {kind for name, kind in _named_kinds(question) if name in words}


@functools.lru_cache(maxsize=256)
def _named_kinds(question: str) -> tuple[tuple[str, str], ...]:
    """(name stem, kind stem) of each "Kerrang! magazine" of the question, read once a question
    (`kinds_held` is asked for each sentence weighed)."""
    return tuple((strip_possessive(name.strip("!.")).lower()[:5], kind[:5])
                 for name, kind in _NAMED_KIND.findall(question))


def asks_thing(asked: str) -> bool:
    """Whether a which-question (lower case) asks for a place or a thing, no person."""
    return bool(_THING_ASKED.match(asked))


def _role_before(before: str, found: str) -> bool:
    """Whether a role stands right before the name `found` ("coach Ann Lee"), or, before a
    person's name, with a comma or a capital ("Its lawyer, Hugh Ray,", "Texas Judge Ann Lee");
    a name's thing ("Ann Lee's Orla Records") is not the person."""
    role = re.search(r"\b([a-z]+)\s+$", before)
    if role is None and person(found) is not None:
        role = re.search(r"\b([A-Za-z]+),?\s+$", before)
    return role is not None and is_role(role.group(1).lower()) and not _OWNED_BY.search(found)


_FACILITIES = (f"{BUILDINGS}|airport|station|clinic|jail|college|church|museum|library|embassy|"
               "factory|plant|mine")
"""Buildings and sites of each their own kind (a hospital is no airport)."""
_FACILITY_ASKED = re.compile(rf"{WHICH} (?:[a-z][\w-]* )?({_FACILITIES})s?\b")
_FACILITY_AFTER = re.compile(rf"\s+({_FACILITIES})s?\b")
"""A building's kind right after a name ("Stepanakert airport"): the name is one."""


_SAID_WITH_KIND = frozenset({"hospital", "hotel", "clinic"})
"""Sites whose name a report seldom gives without saying what it is ("the Royal Free hospital",
"the Shore Club hotel"; unlike a prison, "the Maze")."""


def site_unsaid(question: str, text: str) -> bool:
    """Whether the question asks which hospital, hotel or clinic and the text says none."""
    site = _FACILITY_ASKED.match(question.lower())
    return site is not None and site.group(1) in _SAID_WITH_KIND \
        and re.search(rf"\b{site.group(1)}", text, re.IGNORECASE) is None


_LAND_TITLE = re.compile(rf"(?:[A-Z]{{2,3}}|{DEMONYM})\s+([A-Z][a-z]+)")
"""A land's initials or people, then one capitalised word ("US President")."""


_NO_BODY_ASKED = _asking(r"substance|drug|steroid|stimulant|medicine|vaccine|virus|disease|"
                         r"illness|injury|film|movie|album|song|single|book|novel|show|"
                         r"programme|game|product|device|phone|handset|console|car|model|"
                         r"software|operating system|browser|format",
                         f"{_AUXILIARIES_AFTER}|would|can|could")
"""A which-question asking for a thing that no body is ("Which banned substance…?")."""
_BODY_BEFORE = re.compile(r"([A-Z][\w'’-]*)\s+\($")
"""A name right before an opening bracket: the capitals in it shorten that name ("…Federation
(ITF)")."""


_NAMED_LIKE_PEOPLE = frozenset("newspaper paper magazine airline channel network".split())
"""Things whose names may be a people's adjective ("the Guardian", "American")."""
_CLUB_ENDS = frozenset("Rovers Athletic Wanderers FC".split())
"""Last words of a club's name that `is_organisation` does not know ("Bristol Rovers")."""
_SURNAMES_TOO = frozenset("Court Press House".split())
"""Words for a body that are surnames too ("Margaret Court", "Bill Press")."""
_EVENT_ENDS = frozenset("Cup Trophy Festival Championship Championships Awards Games Olympics "
                        "Marathon Prix Open Tournament Series Expo Summit Conference".split())
"""Last words of an event's name: no country, city or region a which-question asks for."""
_LAND_KIND = re.compile(rf"{WHICH} (?:[a-z][\w-]* )?(?:country|nation|city|town|village|region|"
                        r"state|province|county|capital)\b")
"""A which-question asking for a land or a settlement, whose answer no event's name is (unlike a
venue's: "the Velmora Expo")."""


def other_kind(fine: str, pattern: str, asked: str, sentence: str, start: int,
               found: str) -> bool:
    """Whether the name `found` at `start` in `sentence`, matched by the slot pattern
    `pattern` for a question (`asked`, lower case) whose slot is `fine`, is of another kind
    than asked: a place or a thing of another kind named before it for a work, a person (a
    role right before the name) for a place or a thing, a building of another kind
    ("Stepanakert airport" for "Which hospital…?"), or a body or an abstract plural noun for a
    person."""
    before = sentence[max(0, start - 30):start]
    if fine == "name" and (work := _WORK_ASKED.match(asked)) and (
            _PLACED_BEFORE.search(before[-20:]) or (
                (other := _KIND_BEFORE.search(before[-20:]))
                and _KINDS_OF_WORK.get(other.group(1), other.group(1))
                != _KINDS_OF_WORK.get(work.group(1), work.group(1)))):
        return True
    if fine in ("name", "place name") and asks_thing(asked) and _role_before(before, found):
        return True
    if (site := _FACILITY_ASKED.match(asked)) and (
            other := _FACILITY_AFTER.match(sentence, start + len(found.rstrip(".,;:")))) \
            and other.group(1) != site.group(1):
        return True  # "Stepanakert airport" for "Which hospital…?"
    last = found.rstrip(".,;:").split()[-1]
    no_body = _NO_BODY_ASKED.match(asked)
    if fine == "name" and no_body and (
            is_organisation(found) and last not in _SURNAMES_TOO
            or found.isupper() and (body := _BODY_BEFORE.search(before)) is not None
            and is_organisation(body.group(1))):
        return True  # "the International Tennis Federation (ITF)" for "Which substance…?"
    thing = no_body or _THING_ASKED.match(asked)
    if thing and re.fullmatch(f"(?:{DEMONYM})", found.rstrip(".,;:")) \
            and (noun := re.match(r" ([a-z]+)", sentence[start + len(found):])) \
            and not noun.group(1).startswith(thing.group(1)) \
            and thing.group(1) not in _NAMED_LIKE_PEOPLE:
        return True  # "an Austrian doctor" for "Which substance…?" (not "the Guardian
        # newspaper" for "Which newspaper…?")
    if fine in ("name", "person") and asked.startswith(("who ", "whom ")) \
            and " " not in found.strip(".,;:") and _CITY_BEFORE.search(before) \
            and _PLACE_AFTER.match(sentence, start + len(found)):
        return True  # "took place in Blackpool, England, over the weekend": where, not who
        # (not "the chief executive at Orla, Bo Park, said": a person's two names)
    if fine == "person" and (last in _CLUB_ENDS or is_organisation(last)
                             and last not in _SURNAMES_TOO):
        return True  # "Redcastle United have appointed…" for who will be manager: a club
    if fine == "person" and (title := _LAND_TITLE.fullmatch(found.strip(".,;:"))) \
            and is_role(title.group(1).lower()):
        return True  # "as US President", "the Ostrian Chancellor": a title, not who
    if (site := _FACILITY_ASKED.match(asked)) and re.search(
            rf"\b(?:in|at|to|from|into)\s+{site.group(1)}s?\s+in\s+(?:the\s+)?$", before):
        return True  # "is in hospital in Los Angeles" for "Which hospital…?": where it is (not
        # "the Mercedes factory in Sindelfingen", a factory named by its town)
    if fine == "place name" and last in _EVENT_ENDS and _LAND_KIND.match(asked):
        return True  # "captained England to World Cup glory" for "Against which country…?"
    return pattern == "person" and any(len(w) > 6 and w.lower().strip(".,;:").endswith(_NOUN_ENDS)
                                       for w in found.split())


def countries_left_out(question: str, values: list[tuple[int, str]],
                       words: Callable[[], set[str]]) -> list[tuple[int, str]]:
    """The `values` (offset, text) of a which-city question that are no country: a one-word
    place ending in "a" whose people the article's `words` (lower case, read only when asked)
    call after it with "-n" or "-(i)an" ("Armenia": "Armenian", "Kenya": "Kenyan"), or one
    whose demonym cannot be told from it ("Ireland": "Irish"). Other endings are left alone:
    cities have adjectives too ("Parisian", "Roman", "Viennese", "Singaporean")."""
    if not values or not _SETTLEMENT_ASKED.match(question.lower().strip()):
        return values
    said = words()
    return [(at, v) for at, v in values if not _a_country(v.strip(".,;:'’"), said)]


def _a_country(name: str, words: set[str]) -> bool:
    if " " in name or not name[:1].isupper():
        return False
    low = name.lower()
    return any(low in lands for lands in IRREGULAR_DEMONYMS.values()) or low.endswith("a") \
        and bool({low + "n", low[:-1] + "an", low[:-1] + "ian"} & words)


_REGIONS = r"(?!(?:European|Asian|African|Caribbean|Scandinavian|Nordic|Latin)\b)"
"""Adjectives of a region, not of one land: "a European club" may be Spanish."""
_LAND_ASKED = re.compile(rf"{WHICH} {_REGIONS}({DEMONYM}) ([a-z][\w-]*) ")
_LAND_BEFORE = re.compile(rf"\b{_REGIONS}({DEMONYM})\s+(?:[a-z][\w-]*\s+)?"
                          r"(?:club|side|team|giants|trio|duo|pair|outfit|rivals|champions|"
                          r"leaders|city|town|capital|firm|company|group|band|newspaper|"
                          r"channel|network|party|bank)\s+"
                          r"(?:[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)*(?:,\s+|\s+and\s+))*$")
"""A people's adjective, a noun for a club, a place or a firm, then perhaps the first names of
a list ("Spanish trio Real Madrid, Barcelona and …"; not "The English striker joined…")."""


def other_lands(question: str, sentence: str, values: list[tuple[int, str]]
                ) -> list[tuple[int, str]]:
    """The `values` of `sentence` not described as another land's than a which-question asks
    for, nor a people's adjective itself: "Which Brazilian club…?" is not answered by "Spanish
    trio Real Madrid, Barcelona and Valencia" (unless the sentence also says "Brazilian")."""
    asked = _LAND_ASKED.match(question)
    if not values or asked is None:
        return values
    values = [(at, v) for at, v in values
              if not re.fullmatch(rf"(?:The )?(?:{DEMONYM})", v.strip(".,;:'’"))]
    if asked.group(1) in sentence:
        return values
    return [(at, v) for at, v in values
            if not ((other := _LAND_BEFORE.search(sentence[max(0, at - 80):at]))
                    and other.group(1) != asked.group(1))]


_WHICH_KIND = re.compile(rf"{WHICH} "
                         rf"(?:[a-z][a-z-]+\s+)?([a-z][a-z-]+)\s+(?:{AUXILIARY_PATTERN})\b")
"""'Which budget does…?': the kind of thing asked for, before the question's verb."""


_COUNT_WORD = re.compile(r"\d[\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten|"
                         r"several|many|some|both")


def kinds_named(question: str, sentence: str,
                 asked_words: set[str]) -> list[tuple[int, str]]:
    """Lower-case answers to "which N" ("its humanitarian aid budget" for "Which budget does
    the letter urge them to increase?"): N with words before it that the question lacks."""
    m = _WHICH_KIND.match(question)
    if not m:
        return []
    kind = re.escape(m.group(1))
    out = []
    for found in re.finditer(rf"\b(?:the|its|his|her|their|a|an|this|that|our|my)\s+"
                             rf"((?:[a-z][\w-]+\s+){{1,2}}){kind}\b", sentence):
        said = [w for w in found.group(1).split()
                if w not in asked_words and w not in STOPWORDS and w not in AUXILIARY
                and w[:4] not in {a[:4] for a in asked_words if len(a) > 3}
                and not _COUNT_WORD.fullmatch(w)]  # "he filmed two songs" says no which
        if said:
            out.append((found.start(), found.group(0)))
    return out
