"""What a question asks for (a date, a number, a name, a place…) and where a sentence holds
one: the answer-type evidence of qa.evidence, and the values qa.agreement compares."""

from __future__ import annotations

import functools
import re

from .counted import HOW_MANY as _HOW_MANY
from .counted import PRONOUNS_OF, counted_noun, in_a_score, same_noun
from .dates import fits_grain
from .defines import asked_name, asks_a_role, namesake, role_values, surnames
from .doers import owners, whose_age
from .kinds import OTHER_OPENING, asks_thing, kinds_named, other_kind
from .kinds import PLACE_KINDS as _PLACE_KINDS
from .kinds import WHICH as _WHICH
from .names import (
    AUXILIARY_PATTERN,
    TITLES,
    initials_asked,
    is_role,
    named_within,
    person,
    same_entity,
    strip_possessive,
)
from .shapes import (
    AGE_BEFORE,
    BASED_OWNER,
    COMPARATIVE,
    CURRENCY_WORD,
    MASS_ASKED,
    MONEY_NOUNS,
    MONEY_VERBS,
    MONTH,
    SLOT_PATTERNS,
    WEEKDAY,
)
from .vocab import STOPWORDS

_SLOTS = {s: (s,) for s in ("date", "age", "money", "percent", "duration", "time", "score",
                            "count", "measure", "rank", "odds", "place", "person", "name")} | {
    "amount": ("money", "percent", "count"), "place name": ("name",), "speed": ("speed",),
    "mark": ("time", "measure", "speed")}  # the patterns that fill
_COARSE = {"date": "date", "place": "place", "place name": "place", "person": "name",
           "name": "name"} | dict.fromkeys(("age", "money", "percent", "duration", "time",
                                            "score", "count", "measure", "rank", "amount",
                                            "mark", "odds", "speed"),
                                           "number")
_NOT_A_NAME = re.compile(rf"^(?:(?:In|On|At|By|For|From)\s+(?:{MONTH}|{WEEKDAY})|"
                         rf"{MONTH}\s+(?:and|or|to)\s+{MONTH}|{MONTH}|"
                         rf"{WEEKDAY}|The|A|An|In|On|At|But|And|He|She|It|They|We|I|You|His|Her|"
                         r"Its|Their|Our|My|This|That|Mr|Mrs|Ms|Dr)\b\.?(?:['’](?:s|m|ve|d|ll))?(?:\s+\d+)?$")
"""Capitalised words that are no answer to who, which or where (nor "In April")."""
_SUM_SHARED = re.compile(r"\bof (?:the |its |their |his |her )?(?:jackpot|prize|proceeds|money|"
                         r"pot|winnings|fund|profits?|revenues?|takings|bill|costs?)\b")
_ONE_PRONOUN = re.compile(r"\b(?:no|every|any|some|the)\s+$", re.IGNORECASE)  # "no one"
_AGED_NOUN = re.compile(r"\s+([a-z][\w'’-]*)")  # the noun after an age: whose age it is
_QUOTED = re.compile(r"[.,!?]?[\"”’]")  # a quote closing right after a name
_OPENS = re.compile(r"(?:^|(?:^|[\s:;(])[\"“‘])\s*$")
"""Where a sentence or a quote starts (after a space or colon; '," Blair said' closes one)."""
_HONORIFIC = TITLES | {"prince", "princess", "king", "queen"}
"""Titles that stay with the name ("Mr Clarke", "Prince Harry"), not a post it holds."""
_TITLE_WORDS = frozenset({"managing", "vice", "deputy", "acting", "interim", "general", "senior",
                          "joint", "finance", "financial", "operating", "executive", "chief"})
"""Words that open a many-word title ("Managing Director", "Chief Executive")."""
_ROLE_THEN_NAME = re.compile(r"\b([a-z][\w-]+)\s+([A-Z][\w'’-]+)\b(?!\s+[A-Z])")
"""A role and the one-word name of its holder ("hip-hop artist Xzibit")."""
_DETERMINED = re.compile(r"\b(?:his|her|its|their|our|my)\s+(?:[a-z][\w-]*\s+)?$")
_NEXT_LOWER = re.compile(r"\s+([a-z][a-z-]+)\b")
_VERB_LIKE = re.compile(r"[a-z-]+(?:ed|s)|said|won|beat|told|took|made|gave|went|came|got|led|"
                        r"ran|saw|began|held|left|lost|paid|sold|bought|brought|thought|sent|"
                        r"spent|met|set|put|cut|hit|let|kept|will|would|can|could|may|might|"
                        r"must|shall|should|and|or|but|to|who|which|that|of|in|on|at|for|from|"
                        r"with|by|as|is|was|are|were|be|been|has|had|have|do|did|does")
"""A lower-case word after a name that may be its verb, or no noun it qualifies."""
_MADE_ADJECTIVE = re.compile(r"([A-Z][\w'’]*)-(?:[a-z]+ed|born|based|led|owned|backed|run)$")
"""A name made an adjective ("Russia-brokered"): the name alone is the value."""

_PEOPLE = frozenset("man woman men women boy girl person people expert experts".split())
_NEXT_WORD = re.compile(r" ([a-z]+)\b(?= )")
"""The lower-case word after a name: a role there ("Worldcom boss Bernie Ebbers") is whose."""
_CLAUSE_OPENERS = frozenset({"In", "On", "At", "But", "And", "The", "A", "An", "This", "That"})
_TIME_UNIT = re.compile(r"(?i)[-\s]+(?:seconds?|minutes?|hours?|days?|weeks?|months?|years?)\b")
_DAY, _DAY_OF = re.compile(r"[1-9]|[12]\d|3[01]"), re.compile(rf"\b{MONTH}\.?\s+$")
_OF_MONTH = re.compile(rf"(?:st|nd|rd|th)?\s+(?:of\s+)?{MONTH}\b")
"""A month name before or after a figure of 1 to 31: that figure is a day."""
_TOKEN = re.compile(r"\w+(?:[.,]\w+)*")
"""Whole words and figures ("4,000", "1.13bn"): "5" is not in "2015", nor "ten" in "attended"."""
_YEAR = re.compile(r"^(?:1[89]|20)\d\d$")
_IN_A_NAME = re.compile(r"[A-Z][a-z]+\s+[A-Z]")  # a number word in a name ("Six Nations")
SENTENCE_OPENERS = " \"'“‘([«"
"""What may open a sentence before its first word: a space, a quote, a bracket."""
_OF = re.compile(rf"\s+of\b(?!\s+(?:{'|'.join(sorted(PRONOUNS_OF))})\b)")  # "eight of the stars"
_OWNER = r"(?:its |their |his |her |(?:[\w'’-]+ ){0,3}[\w-]+(?:['’]s|s['’]) )"
"""Whose figure a what-question asks ("its ", "David Blunkett's ", "Barclays' ")."""
_WHOSE = rf"(?:the |{_OWNER})"
_SUCCEEDS = re.compile(r"who\b[^?]*\b(?:replac|succeed)\w*\b[^?]*?\bas (?:the |its |their )?"
                       r"(?:[a-z-]+ )?([a-z]+)\b")
_PLACE_HEADS = ("city|country|place|region|town|state|province|capital|venue|stadium|ground|hotel|"
                "street|avenue")
"""Place nouns that make a which-question ask for a place's name ("In which Qatari city…?")."""


@functools.lru_cache(maxsize=256)
def slot(question: str) -> str | None:
    """What a question asks for, finely: "date", "age", "money", "percent", "duration", "time" (a
    race's), "score" (a match's), "count", "measure", "rank", "odds", "speed", "amount", "place",
    "place name" (which country…), "person", "name", "role" (who is Ann Lee?), or None (why,
    how)."""
    if asked_name(question):
        return "role"
    q = OTHER_OPENING.sub("", question.lower().strip(), count=1)  # "against which team…"
    if re.match(r"what time did .*\b(?:run|clock|swim|record|post|finish)(?:ed)?\b", q):
        return "time"  # a race's: "What time did Ann Lee run…?"
    if re.match(r"(?:since |until |by )?when\b|(?:on |in |by |since |until |to |from )?"
                r"(?:what|which) (?:date|day|year|month|time)s?\b|(?:on |in |during )?(?:what|"
                r"which) (?:weekend|week|night) (?:is|was|will|did|does|do|are|were|of)\b", q):
        return "date"
    if re.match(r"how old\b|(?:at )?what age\b", q):
        return "age"
    if re.match(r"how long\b|for how long\b|what (?:[\w-]+ )?(?:prison|jail) (?:sentence|term)", q):
        return "duration"  # "What prison sentence…?": "seven years"
    if re.match(rf"what (?:is|was|are|were) {_WHOSE}?(?:[\w-]+ )?(?:winning|finishing|fastest|"
                r"record|qualifying|lap|race|personal best|season's best|world record) times?\b|"
                rf"what (?:is|was) {_OWNER}time (?:in|at|over) (?:the |a )?(?:[a-z-]+ )?"
                r"(?:\d+ ?k?m|marathon|mile|final|heat|race|sprint|hurdles|relay)\b", q):
        return "time"  # a race's time: "19.85 seconds", "2:04:55"
    if re.match(rf"what (?:is|was|are|were) {_WHOSE}?(?:[\w'’-]+ ){{0,2}}(?:personal|season'?s?|"
                r"world|british|european|national|olympic|championship) (?:best|record)s?\b"
                r"(?!['’]|\s+(?:holder|label|attempt|breaker|book|deal|company|sales|profit))", q):
        return "mark"  # an athlete's best: a time ("10.04") or a length ("8.17m")
    if re.match(r"(?:by|with) what (?:final )?score(?:line)?\b|what (?:is|was|were) the (?:final "
                r"|half-time )?score(?:line)?\b(?= (?:in|of|when|between|at|against|after)\b|"
                r"\W*$)", q):
        return "score"  # a match's: "26-21"
    if re.match(r"how much of\b", q):
        return "amount"  # "how much of its value": a share, a sum or a count
    if re.match(r"(?:by )?what (?:percentage|per ?cent|share|proportion)\b|"
                r"(?:by )?what (?!exchange)(?:[\w-]+ )?rate\b(?! of exchange)|"
                rf"what (?:is|was|are|were) {_WHOSE}?(?!exchange )(?:[\w-]+ )?rate of "
                r"(?!exchange|pay|return)|"
                r"what (?:[\w-]+ )?growth (?:rate )?(?:did|does|do|is|was|will|has|had)\b", q):
        return "percent"
    if re.match(rf"what (?:is|was|are|were) {_WHOSE}?(?:[\w-]+ )?(?:share|percentage|proportion)"
                r" of\b", q):  # "What was ITV1's share of the audience?" (not a share price)
        return "money" if _SUM_SHARED.search(q) else "percent"  # "…share of the jackpot?"
    if re.match(r"how much (?:[\w-]+ )?money\b|what (?:is|was|were|are) "
                rf"{_WHOSE}?(?:[\w-]+ ){{0,2}}(?:{MONEY_NOUNS}|bill|value|sales)s?\b"
                r"(?! (?:inflation|index))|"
                rf"what (?:[\w-]+ ){{0,2}}(?:{MONEY_NOUNS})s? (?:did|does|do|will|has|have|had)\b|"
                rf"what will (?:the |{_OWNER})?(?:[\w'’-]+ ){{0,5}}(?:{MONEY_NOUNS}|bill)s? "
                r"(?:(?:in|for|of|at|on) [^?]{0,40}? )?be(?=\W*$|\s+(?:in|next|this|by|from|after|"
                r"when|once|for)\b)|"
                rf"(?:for )?how much\b(?! {COMPARATIVE}\b)(?! {MASS_ASKED})"
                rf".*\b(?:{MONEY_VERBS})\b", q):
        return "amount" if q.startswith("what") and re.search(  # a deficit may be a share
            r"\b(?:deficit|surplus)(?:es|s)?\b", q) else "money"
    if re.match(rf"{_HOW_MANY}|what (?:number|total)\b|"
                rf"what (?:is|was|are|were) {_WHOSE}?(?:final |official |total )?(?:population|"
                r"number(?! one)|total(?! [a-z])|attendance|capacity|score|death toll)\b|"
                rf"what (?:is|was|are|were) {_OWNER}majority\b", q):
        return "count"
    if re.match(r"(?:at |to )?what odds\b", q):
        return "odds"  # "What odds did bookmakers give…?": "5/1"
    if re.match(rf"what (?:is|was|are|were) {_WHOSE}?(?:[\w-]+ )?(?:temperature|diameter|"
                r"altitude|width|distance)s?\b(?! (?:of|from) (?:time|years?)\b)|"
                r"how (?:deep|tall|wide|heavy|hot|cold)\b|"
                r"(?:over |to |at )?what (?:distance|height|"
                r"length|depth|weight|width) (?:is|was|are|were|did|does|do|has|have|had|will)\b",
                q):  # (not "What length of contract…?", "What weight class…?")
        return "measure"  # "How deep is…?": a figure in metres, feet, tonnes…
    if re.match(rf"(?:at )?what (?:(?:is|was|are|were) {_WHOSE}?(?:[\w-]+ )?)?speeds?\b", q):
        return "speed"  # "What speed is the processor…?": "1.25GHz", "90mph"
    if re.match(r"(?:by )?how much\b|how (?:far|big|high|large|fast)\b|(?:at|to) what level\b|"
                r"what level (?:did|does|do|has|have|had|is|was|will) [^?]*\bst(?:an|oo)d at\b|"
                r"what [^?]{0,80}?\b(?:put|estimated?|valued?|priced?|pegged|trad(?:ing|e[ds]?)) "
                r"[^?]{0,80}?\bat(?:\W*$|\s+(?:against|on|in|by|after|before|last|this|when)\b)|"
                rf"what (?:is|was|are|were) {_WHOSE}?total [a-z]|what (?:did|does|do|has|have|had|"
                r"will) [^?]{0,60}?\b(?:index|rate|prices?|shares?|profits?|sales|unemployment|"
                r"inflation|output|growth|figure|number|total|value|pound|dollar|euro|yen|"
                r"stocks?|debt|deficit|surplus|borrowing|earnings|revenues?|turnover|exports|"
                r"imports|confidence|spending|production|population) (?:rise|risen|fall|fallen|"
                r"climb|climbed|drop|dropped|jump|"
                r"jumped|increase|increased|decrease|decreased|grow|grown|slip|slipped|edge|"
                r"edged|ease|eased|dip|dipped|surge|surged|soar|soared|slump|slumped|plunge|"
                r"plunged|sink|sunk|reach|reached)(?: up| down| back)? to(?:\W*$|\s+(?:in|on|at|"
                r"by|for|during|after|before|since|against|last|this|from|over)\b)", q):
        return "amount"  # "What did the index rise to?", "…put growth at?" (not "rise to power")
    if re.match(r"(?:in )?what (?:position|place|rank|ranking) did .* (?:finish|come)\b|"
                r"what (?:position|rank|ranking) (?:is|was|are|were)\b", q):
        return "rank"  # "What position is the iPod in the list?": "number 12", "12th"
    if re.match(r"where (?:did|does|do|will|has|have) (?:[A-Z][\w'’.-]*\s+)+(?:finish|come|"
                r"place)(?:ed)?(?:\s+(?:in|at|on)\b|\W*$)", question.strip()[:1].lower()
                + question.strip()[1:]):
        return "rank"  # "Where did Ann Lee finish in the marathon?": "third" (not the race's)
    if re.match(r"where\b", q):
        return "place"
    place = re.match(rf"(?:in |to |from |at |on )?(?:which|what) (?:{_PLACE_HEADS})\b|"
                     rf"(?:in |to |from |at |on )?(?:which|what) "
                     rf"(?!(?:{AUXILIARY_PATTERN}|the|a|an)\b)[a-z][\w'’-]* (?:{_PLACE_HEADS})"
                     rf"(?= (?:{AUXILIARY_PATTERN})\b)|"
                     r"(?:which|what) (?:is|was) the (?:city|country|region|town|province|"
                     r"capital|venue|stadium)\b(?!['’])", q)
    head = re.compile(r" ([a-z][\w-]*)").match(q, place.end()) if place else None
    if head and is_role(head.group(1)) and not (head.group(1).endswith("s")
                                                and is_role(head.group(1)[:-1])):
        return "person"  # "Which state senator…?" (not "Which city hosts…?")
    if place:
        return "place name"  # 'which country…': a name, wherever the sentence puts it
    if re.match(rf"(?:which (?:(?!(?:{AUXILIARY_PATTERN}|the|a|an|of)\b)[\w'’-]+ ){{0,2}}?|what )"
                r"(?:minister|person|official|player|man|woman|"
                r"politician|leader|mp|president|ambassador|actor|actress|singer|manager|"
                r"coach|chief|boss|director|executive|chairman)s?\b(?!['’])", q) or asks_a_role(q) \
            or (heir := _SUCCEEDS.match(q)) and is_role(heir.group(1)):
        return "person"  # "Who will replace Ann Lee as manager?": a person
    if re.match(r"who(?:m)? (?:is|was|are|were) the (?:[\w-]+ ){0,2}?(?:men|women|people|"
                r"persons|boys|girls|brothers|sisters|couple|pair|duo|trio)\b", q):
        return "person"  # "Who are the three men Zeta sued?": people's names
    named = re.match(r"what (?:is|was|are|were) the names? of (?:the |a |an )?"
                     r"((?:[a-z'’-]+ ){0,2}[a-z-]+)", q)  # (a real name may be one word)
    if named and any(w in _PEOPLE or is_role(w) or is_role(w.removesuffix("s"))
                     for w in named.group(1).split()):
        return "person"  # "What are the names of the two experts…?": people's names
    if re.match(r"(?:which|what) (?:[\w-]+ )?(?:claims?|assertions?|allegations?|arguments?|"
                r"accusations?|promises?|pledges?|statements?|explanations?|excuses?|"
                r"reasons?|warnings?|concerns?|criticisms?) (?:by|of|from|did|does|do|has|"
                r"have|had|is|was|were|are|will)\b", q):
        return None  # "Which claim by the government have others disputed?": a clause
    if re.match(r"who(?:m|se)?\b|(?:in |from |by |to |at |for )?which\b|"
                r"what (?:is|was|are|were) (?:the |its |his |her |their )?(?:\w+ )?"
                r"(?:names?|titles?) of\b|"
                r"what (?:company|firm|team|club|band|"
                r"group|organi[sz]ation|party|film|movie|album|song|book|show|game|award|"
                r"product|brand|title|name)\b|"
                r"what (?:is|was|are|were|will) [^?]{1,120}\b(?:called|named|known as)\W*$", q):
        return "name"
    return None


def answer_type(question: str) -> str | None:
    """What kind of answer a question wants: "name", "date", "number", "place" or None."""
    fine = slot(question)
    return _COARSE.get(fine) if fine else None


def answer_values(question: str, sentence: str, passage: str = "") -> list[tuple[int, str]]:
    """(offset, text) of each answer of the kind the question wants that the sentence holds
    and the question does not ("Ada Obi" for "Who is…?", "28%" for "By how much…?"); a
    person's surname alone too when the `passage` names them in full."""
    fine = slot(question)
    if fine is None or fine == "role":
        return role_values(question, sentence) if fine else []
    asked = question.lower()
    asked_words = set(_TOKEN.findall(asked))
    asked_stems = {strip_possessive(w) for w in re.findall(r"[A-Z][\w'’-]+", question[1:])}
    asked_stems = {w.lower() for w in asked_stems}
    initials = initials_asked(question)
    owned = owners(question) if fine == "age" else set()
    who = bool(re.match(r"\s*(?:who|whom)\b", asked))
    out = []
    kinds = _SLOTS[fine]
    if fine == "count" and CURRENCY_WORD.fullmatch(counted_noun(question) or ""):
        kinds = ("money", *kinds)  # "How many pounds did he lose?": "50 pounds" counts them
    if fine == "count" and _TIME_UNIT.fullmatch(" " + (counted_noun(question) or "")):
        kinds = ("duration", *kinds)  # "For how many years…?": "for 29 years"
    for name in kinds:
        for m in SLOT_PATTERNS[name].finditer(sentence):
            found = m.group(0).strip()
            if not found or found == "%":
                continue
            if name in ("name", "place") and (made := _MADE_ADJECTIVE.fullmatch(found)):
                found = made.group(1)  # "a Russia-brokered ceasefire": Russia
            if name in ("name", "person", "place") and _NOT_A_NAME.match(found) or (
                    name == "name" and " " not in found and _OPENS.search(sentence, 0, m.start())
                    and not named_within(found, passage)):
                continue  # "The", a month; a capitalised first word is no name (nor a quote's)
                # unless the passage capitalises it mid-sentence too ("Canada is sending…")
            if name in ("name", "person") and who and _QUOTED.match(sentence, m.end()) \
                    and sentence[:m.start()].endswith(('"', '“', "‘")):
                continue  # 'reads "Urgent Tsunami Appeal"': a title quoted, not who did it
            if name == "person" and len(found.split()) == 2 \
                    and found.split()[0] in _CLAUSE_OPENERS \
                    and not is_role(found.split()[1].lower().strip(".,")):
                continue  # "In Velmora": a word opening a clause, then one name
            if other_kind(fine, name, asked, sentence, m.start(), found):
                continue  # "coach Ann Lee" for "Which club…?", "at Cannes" for "Which film…?"
            if name == "person" and (role := _NEXT_WORD.match(sentence, m.end())) \
                    and is_role(role.group(1)) and sentence[role.end() + 1:][:1].isupper():
                continue  # "Worldcom boss Bernie Ebbers": whose boss, not who
            if name == "age" and found.isdigit() and not whose_age(
                    sentence[:m.start()], asked_stems - owned, bool(owned)):
                continue  # "Ann Lee, 54," is Ann Lee's age, not another's
            if name == "age" and (noun := _AGED_NOUN.match(sentence, m.end())) \
                    and is_role(strip_possessive(noun.group(1))) \
                    and strip_possessive(noun.group(1)).lower() not in asked_words \
                    and person(question) is None:
                continue  # "the 22-year-old singer's family" for the pilot's age (for Ann
                # Lee's, "the 22-year-old striker" may be her)
            if name == "duration" and re.match(r"[\s-]+(?:old|ago)\b", sentence[m.end():]):
                continue  # "45 years old" is an age, "2 hours ago" a time
            if name == "count" and fine in ("count", "amount") and _YEAR.match(found):
                continue  # a year is no count
            if name == "count" and _OF.match(sentence, m.end()) and (found.lower() == "one" or not
                    any(same_noun(w, counted_noun(question) or "-") for w in re.findall(
                        r"[\w-]+", sentence[m.end():m.end() + 60])[1:6])):
                continue  # "one of the best" is no count, "eight of its biggest stars" is
            if name == "count" and found.lower() == "one" \
                    and _ONE_PRONOUN.search(sentence, max(0, m.start() - 8), m.start()):
                continue  # "no one is left", "the one who": a pronoun, not a count
            if name == "count" and (_TIME_UNIT.match(sentence, m.end()) or AGE_BEFORE.search(
                    sentence, max(0, m.start() - 20), m.start())):
                continue  # "three months" is a duration, "the age of 10" an age: no count
            if name == "count" and _DAY.fullmatch(found) and (
                    _DAY_OF.search(sentence, max(0, m.start() - 12), m.start())
                    or _OF_MONTH.match(sentence, m.end())):
                continue  # "on October 5", "21 September": a day of a date
            if name == "count" and _IN_A_NAME.match(sentence, m.start()) \
                    and sentence[:m.start()].strip(SENTENCE_OPENERS):
                continue  # "the Six Nations", "Fantastic Four": a name, not a count
            if name == "count" and fine == "count" and "score" not in asked \
                    and in_a_score(sentence, m.start(), counted_noun(question)):
                continue  # "beat Brandia 26-21": a score, not how many
            if name in ("name", "person") and found.split()[0] in ("The", "A", "An") and all(
                    is_role(strip_possessive(w).lower()) for w in found.split()[1:]) \
                    and asks_thing(asked):
                continue  # "The MSP had been a partner" for "Which Orla firm…?": someone said
                # before by a role, no body ("The Chancellor" may be a minister or a royal)
            if set(_TOKEN.findall(re.sub(r"['’]s\b", "", found.lower()))) <= asked_words:
                continue  # "Arsenal's Brazilian" for "Which Brazilian club… joining Arsenal?"
            start = m.start()
            if name == "place" and sentence.startswith("-based", m.end()):
                if BASED_OWNER.search(found):
                    continue  # "Its New York-based rival": another's base
                if (article := re.match(r"(?:The|A|An)\s+", found)) is not None:
                    start, found = start + article.end(), found[article.end():]  # "The London-"
            if name in ("name", "person", "place"):
                # "Orla Council Chief Executive Ann Lee" for "Which Orla Council chief
                # executive…?": the words the question has lead to the name it wants
                words = list(re.finditer(r"\S+", found))
                lead = 0
                while lead < len(words) - 2 and words[lead].group().lower() in asked_words:
                    lead += 1  # a whole name is left: "Ann Smith" stays for "Ann Lee"
                titles = [k for k in range(lead, len(words) - 1)
                          if is_role(words[k].group().lower())
                          and words[k].group().lower() not in _HONORIFIC
                          and found[words[k + 1].start():].startswith(
                              person(found[words[k + 1].start():]) or "-")
                          ] if fine in ("name", "person") else []
                if titles and asks_thing(asked):  # "Orla Air Managing Director Ann Lee" for
                    first = titles[0]  # "Which airline…?": the body, before its officer's title
                    while first > lead and (is_role(words[first - 1].group().lower())
                                            or words[first - 1].group().lower() in _TITLE_WORDS):
                        first -= 1
                    found = found[:words[first].start()].rstrip()
                    if first <= lead or not found:
                        continue
                elif titles:  # "British Casino Association Chairman Penny Cobham": the holder
                    lead = titles[-1] + 1
                if lead:
                    start += words[lead].start()
                    found = found[words[lead].start():]
            if name in ("name", "person", "place") and " of " in found:
                head, _, tail = found.partition(" of ")
                if same_entity(tail, asked_stems) and not same_entity(head, asked_stems):
                    found = head  # "Orin Middleton of Barclays Capital" for "Which Barclays…?"
            if name in ("name", "person") and found.split()[0] in ("But", "And") \
                    and len(found.split()) > 2:
                start += len(found.split()[0]) + 1  # "But Nigel Williams said…"
                found = found.split(None, 1)[1]
            if name in ("name", "person", "place") and (
                    same_entity(found, asked_stems) and not namesake(found, question)
                    or found.lower() in initials and initials[found.lower()] in sentence):
                continue  # "Mr Smith" for a question about Doug Smith; "OSA" for the Orla
                # Software Alliance the question names: the one asked about
            if who and name in ("name", "person") and _DETERMINED.search(sentence, 0, m.start()) \
                    and (noun := _NEXT_LOWER.match(sentence, m.end())) \
                    and not _VERB_LIKE.fullmatch(noun.group(1)):
                continue  # "his second Grand Slam title", "their Orla colleagues": a name
                # that says which thing, not who ("the Bush administration" may be who)
            if fine in ("name", "person") and asked.startswith("who") \
                    and _A_WORK.search(sentence, 0, m.start()):
                continue  # "the film Dark Harbour" for "Who directed…?": a title, not who
            out.append((start, found))
    if fine == "person" or fine == "name" and who:  # "hip-hop artist Xzibit": one word
        out.extend((m.start(2), m.group(2)) for m in _ROLE_THEN_NAME.finditer(sentence)
                   if is_role(m.group(1)) and m.group(2).lower() not in asked_words
                   and not _NOT_A_NAME.match(m.group(2))  # ("spokesman Tuesday declined")
                   and not any(m.start(2) <= at < m.end(2) for at, _ in out))
    if fine == "name":
        out.extend(kinds_named(question, sentence, asked_words))
    if fine == "person" and passage:
        out.extend(v for v in surnames(sentence, passage, asked_words) if v not in out)
    if fine == "date":
        out = [(at, found) for at, found in out
               if fits_grain(question, found, sentence[max(0, at - 12):at])]
    if _COARSE[fine] != "number" and _IN_WHICH_PLACE.match(question):  # "In which town…?": a
        out = [(at, found) for at, found in out  # name "in Velmora" (not a rank: "seventh")
               if _PLACING.search(sentence, max(0, at - 60), at)
               and not (sentence.endswith("the ", 0, at)
                        and _describes(sentence, at + len(found)))]
    return out


_IN_WHICH_PLACE = re.compile(
    rf"\s*(?:in|at|from) (?:which|what) (?:[\w-]+ ){{0,2}}?(?:{_PLACE_KINDS})\b", re.IGNORECASE)
"""Asks in which place: the answer is placed by a preposition or named as the place it is."""
_PLACING = re.compile(r"(?:\b(?:in|at|from|near|into|to|outside|inside)\s+(?:the\s+)?"
                      rf"(?:[\w'’-]+\s+){{0,3}}?(?:of\s+)?|\b(?:{_PLACE_KINDS})\s+of\s+)$",
                      re.IGNORECASE)
"""What puts a name in a place, right before it ("in", "at the", "in the port city of")."""
_MODIFIES = re.compile(rf"\s+(?!(?:{_PLACE_KINDS}|area|district|ward|valley|borough|suburb|"
                       r"constituency|island|estate|street|road|square|park|centre|arena|"
                       r"airport|station)s?\b)([a-z]{3,})\b")


def _describes(sentence: str, end: int) -> bool:
    """Whether a lower-case noun follows the name ending at `end` ("to the Orla manifesto"):
    the name only describes it. Not a function word or a verb ("in the Hague for", "in the
    Velmora Hills said")."""
    m = _MODIFIES.match(sentence, end)
    return bool(m) and m.group(1) not in STOPWORDS and not m.group(1).endswith(("ed", "s"))


_ASKED_KIND = re.compile(rf"{_WHICH}\s+(?:[A-Z][\w.&'’-]*\s+)*([a-z][a-z-]+)\b")


def asked_kind(question: str) -> str | None:
    """The word a which-question asks a name for ("body" in "Which UN body met…?"): the
    answer names it, so a sentence need not say it."""
    m = _ASKED_KIND.match(question)
    return m.group(1) if m and slot(question) in ("name", "person", "place name") else None


_A_WORK = re.compile(r"(?:\b(?:the|a|an|its|his|her|their|new|latest)\s+(?:[\w-]+\s+)?|"
                     r"\b[A-Z][\w-]+\s+)(?i:film|movie|album|song|single|novel|musical|opera|"
                     r"series|sitcom|programme|documentary)\s+(?:[Tt]he\s+)?$")
"""A kind of work right before a name: the name is its title ("the movie Dark Harbour")."""
