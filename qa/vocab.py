"""The project's vocabulary, each fact written once: modes, limits, months, stopwords, the
not-found message and the checks on what a user passes in."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from .errors import InputError
from .text import fold_accents

MODES = ("hybrid", "dense", "lexical")
"""Retrieval modes; hybrid is the default."""
DEFAULT_K = 5
MAX_K = 100
"""Most passages one answer shows: past it the re-ranking matrices grow as k squared."""
MAX_QUESTION_CHARS = 2000
"""Longer questions are cut at a word boundary, with a note."""
DEFAULT_MAX_BYTES = 10 * 1024 * 1024
"""Corpus files larger than this are skipped (and reported); `--max-bytes` changes it."""
DEFAULT_FEED_TIMEOUT = 20.0
"""Seconds a feed's server has to answer in full in `qa feed pull`; `--timeout` changes it."""
EVAL_MAX_BYTES = 256 * 1024 * 1024
"""`qa eval`'s cap on a BEIR file (SciFact's corpus.jsonl is 8 MB); `--max-bytes` changes it."""

NOT_FOUND = "Not found"
NOT_FOUND_DETAIL = "the articles do not answer this question well."
"""Shown after `NOT_FOUND:` in every front end..."""
ASKS_NOTHING = "asks nothing"
"""...but for words that ask nothing ("red"), whose note says so (`Answer.not_found_detail`)."""
ASKED_NOTHING_DETAIL = "nothing was asked, so nothing is answered."
EXAMPLE_QUESTION = "Who is Canada's foreign affairs minister?"

MONTHS: dict[str, int] = {
    name: number
    for number, names in enumerate(
        [("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"),
         ("may",), ("june", "jun"), ("july", "jul"), ("august", "aug"),
         ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"),
         ("december", "dec")], start=1)
    for name in names
}
"""Month names and their abbreviations, lower-case, to 1-12."""
MONTH_PATTERN = "|".join(sorted(MONTHS, key=len, reverse=True))
"""A regex alternation matching any month name or abbreviation (use with re.IGNORECASE)."""
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")

IRREGULAR_PLURALS = frozenset({"people", "men", "women", "children", "police", "staff",
                               "cattle", "sheep", "personnel"})
"""Plurals without an "s": what "How many people fled their homes?" counts."""
PERSON_PLURALS = frozenset("""persons residents civilians refugees migrants children adults
women men victims survivors protesters demonstrators inhabitants citizens nationals villagers
locals evacuees""".split())
"""Plurals that count people as such (not "users" or "staff", which a firm's questions count
on their own)."""
STOPWORDS = frozenset("""
a about above after again against all am an and any are as at be because been before being
below between both but by can could did do does doing down during each few for from further
had has have having he her here hers herself him himself his how i if in into is it its itself
just me more most my myself no nor not now of off on once only or other our ours ourselves out
over own same she should so some such than that the their theirs them themselves then there
these they this those through to too under until up very was we were what when where which
while who whom why will with would you your yours yourself yourselves did does say said tell
""".split())
_WORD = re.compile(r"\w+")


def month_number(word: str) -> int | None:
    """1-12 for a month name or abbreviation ("Sept", "oct."), else None."""
    return MONTHS.get(word.lower().rstrip("."))


def terms(text: str) -> list[str]:
    """Content words of a text, lower-cased, in order, without repeats."""
    seen: dict[str, None] = {}
    for word in _WORD.findall(text.lower()):
        if word not in STOPWORDS and (len(word) > 1 or word.isdigit()):
            seen.setdefault(word, None)
    return list(seen)


def check_k(k: object) -> int:
    """`k` as given when it is a whole number from 1 to MAX_K; else InputError."""
    if not isinstance(k, int) or isinstance(k, bool) or not 1 <= k <= MAX_K:
        raise InputError(f"k must be a whole number from 1 to {MAX_K}, not {k!r}. Try --k 5.")
    return k


def check_mode(mode: object) -> str:
    """`mode` when it is one of MODES; else InputError."""
    if mode not in MODES:
        raise InputError(f"Unknown search mode {mode!r}. Use one of: {', '.join(MODES)}.")
    return str(mode)


def empty_question() -> InputError:
    """The error for a question with nothing to search."""
    return InputError(f'The question is empty. Ask one, e.g. qa -q "{EXAMPLE_QUESTION}"')


def fts_query(words: Iterable[str]) -> str:
    """An FTS5 query matching any of the words; each word quoted so nothing is syntax."""
    return " OR ".join(f'"{t}"' for t in words)


PUBLIC_SERVICE_WORDS = frozenset("fire rescue ambulance borough district county".split())
"""The words public services share ("Kelby Fire Service", "Brindle District Council"): they say
what a body is, not which."""
ORGANISATION_WORDS = PUBLIC_SERVICE_WORDS | frozenset("""union nations council government ministry
department court institute embassy republic international committee security rights watch house
party bank agency office army forces news press association company corporation corp inc ltd plc
group club united city university league team federation commission authority service services board
fund society network channel records studios airlines motors bureau centre center parliament
assembly senate congress cabinet breweries brewery airways electric holdings industries securities
insurance annuity life capital systems technologies media entertainment games software
communications telecom energy oil petroleum foods stores trust foundation partners investments
railways aerospace aviation savings finance financial credit biotech pharma pharmaceuticals
therapeutics labs laboratories resources mining minerals metals utilities gas water retail brands
logistics shipping freight engineering construction homes properties hotels electronics
semiconductors robotics solutions digital wireless mobile telecoms broadband broadcasting radio tv
television pictures films productions publishing healthcare hospitals rail trains analytics
consulting consultancy ventures dynamics instruments devices chemicals textiles apparel automotive
bakeries dairies farms outfitters festival festivals fair expo summit conference awards marathon
trophy cup precision""".split())
"""Generic English words that mark a run of capitalised words as an organisation (or an event: "the
Moorland Festival"), not a person."""


ASKS_WHO_OR_WHICH = re.compile(r"\W*(?:who|which)\b", re.IGNORECASE)
"""A question asking who or which one did a thing."""
ASKING_PREPOSITION = (r"(?:in|from|to|at|for|by|on|with|of|against|under|over|between|near|after|"
                      r"before|into|onto|until|since|about|above|below|off|along|during|through|"
                      r"across|around|behind|beyond|among|amongst|within|without|towards?|via|"
                      r"upon|beside|despite|outside|inside|throughout|past)")
"""A preposition a which- or what-question may open with ("Against which team…?", "Under which
manager…?"): the question still asks for what the noun after "which" names."""
TIME_WORDS = frozenset("""day week weekend month year time night morning afternoon evening
season quarter spring summer autumn winter""".split())
"""Nouns of a time: "that" before one points back ("that week"), no clause opens with it."""
COMPARED_WITH = r"\b(?:from|against|compared (?:with|to)|versus|vs\.?)\s+"
"""Words that set a figure or a time beside another it is compared with ("up from …")."""


def folded(rarity: Mapping[str, float]) -> Mapping[str, float]:
    """`rarity` keyed by its words without accents ("jose": the question's "josé")."""
    if all(word.isascii() for word in rarity):
        return rarity
    return {fold_accents(word): value for word, value in rarity.items()}


def stems(text: str) -> set[str]:
    return {w[:5] for w in words(text)}


def words(text: str) -> set[str]:
    """The text's words, lower-cased and without accents, as `terms` reads a question's."""
    return set(re.findall(r"\w+", fold_accents(text).lower()))


_CAPITALS = re.compile(r"(?<![\w'’.-])[A-Z][a-z]+(?:\s+[A-Z][a-z]+)+")


def initials(text: str) -> set[str]:
    """The initials that shorten the text's names, as a question may: "un" and "unsc" for
    "(The) United Nations Security Council", "eu" for "European Union"."""
    out = set()
    for run in _CAPITALS.findall(text):
        letters = "".join(w[0] for w in run.split()[:8]).lower()
        out.update(letters[i:j] for i in range(len(letters))
                   for j in range(i + 2, len(letters) + 1))
    return out
