"""Which measure a figure is of, whether a why-question is told a cause, and whether a
sentence says that what is asked was not told.

"What profit did Orla make?" is not answered by "Orla reported revenue of $19bn", nor "What
was Ostria's growth?" by "Ostria's rate remains at 4%": a figure question that names one
measure (profit, revenue, growth, inflation, turnout …) is answered by a sentence that says
that measure in some form, not by one that gives only another. "Why did Ann Lee resign?" is
not answered by "She resigned in May", which gives no cause; "Which show will replace it?"
not by "Its owner has not said which show will replace it".
"""

from __future__ import annotations

import re

from .shapes import SLOT_PATTERNS
from .vocab import COMPARED_WITH, MONTH_PATTERN, STOPWORDS, WEEKDAYS

_MEASURES = tuple(re.compile(rf"\b(?:{words})\b", re.IGNORECASE) for words in (
    r"profits?|earn\w*|net income|pre-tax|in the black|(?:made|makes|make) (?:a|an) \w+ of|"
    r"surplus(?:es)?",
    r"revenues?|sales|turnover|takings",
    r"growth|gr[eo]w(?:s|n)?|expan(?:d|ded|sion)",
    r"inflation|prices|cpi|cost of living",
    r"unemployment|jobless(?:ness)?|out of work",
    r"(?:interest|base|benchmark|main|key|lending|policy) rates?",  # (a bare "rate" may be any)
    r"turnout",
    r"load factor",
    r"dividends?",
    r"passengers|travell?ers",
    r"deal|takeover|acquisition|bid|valued at|price tag|contracts?",
    r"loss(?:es)?|lost|lose|losing|in the red|deficits?",
    r"mortgages?",
    r"fined|fines?|penalty|penalties",
    r"exports?|exporters?",
    r"econom(?:y|ic)|gdp|gross domestic product|output",
    r"imports?|importers?",
    r"savings|cost[- ]cutting|cost cuts|sav(?:e|es|ed|ing)\s+(?:(?:about|around|some|up to)\s+)?"
    r"[£$€]",
    r"shares?\s+(?:in|price|rose|rise|fell|fall|closed|were|was|jumped|dropped|slipped|"
    r"climbed|gained|lost)|(?:share|stock) prices?|market (?:value|capitali[sz]ation)",
))
"""Families of words for one measure, each family one measure however it is said."""
_LOOSE = {_MEASURES[5]: re.compile(r"\brates?\b", re.IGNORECASE)}
"""How a sentence may say a measure it is asked ("held rates at 4.75%" for the interest rate)
though no other sentence's bare word would be taken for it."""
_ASKS_MEASURE = re.compile(r"\s*(?:(?:by|to|at)\s+)?(?:how\s+(?:much|big|large|high)|what\s+"
                           r"(?:(?:is|was|were|are)\b|[\w-]+\s+(?:[\w-]+\s+)?(?:did|does|do|"
                           r"will|has|had)\b))", re.IGNORECASE)
"""A question asking a figure ("How much…", "What was…", "What profit did…"; not "What
caused…")."""
_NEXT_WORDS = re.compile(r"\s+[\w-]+")


def _after(sentence: str, at: int) -> int:
    """Where the word right after a figure ends ("$10.3bn takeover")."""
    words = _NEXT_WORDS.match(sentence, at)
    return words.end() if words else at


_GROWTH = next(m for m in _MEASURES if m.fullmatch("growth"))
_ECONOMY = next(m for m in _MEASURES if m.fullmatch("gdp"))
_GOES_ON = re.compile(r"[\s($£€¥;,]*(?:(?:at|to|or|and|of|up|down|by|an?|annual(?:ised)?|"
                      r"yearly|rate)[\s($£€¥;,]+)*")
"""What between two figures carries the first's measure on to the second ("up 1.76% at")."""
_FIGURE = re.compile(r"[£$€¥]?\d[\d,.]*+(?:\s?(?:bn|m|billion|million|%|per ?cent))?")
_COMPARED_WITH = re.compile(f"{COMPARED_WITH}$", re.IGNORECASE)
_A_DATE = re.compile(rf"(?:st|nd|rd|th)?\s+(?i:{MONTH_PATTERN})\b")


def other_measure(question: str, sentence: str) -> bool:
    """Whether a figure question names one measure (`_MEASURES`) and every figure of the
    sentence is said of another: when the sentence never says the one asked, another named
    between the figure and the one before ("reported revenue of $19bn" for the profit asked;
    not "BP earned $6bn, helped by higher oil prices"); when it does, another that is the
    figure's own (`_of_another`)."""
    if not _ASKS_MEASURE.match(question):
        return False
    asked = [m for m in _MEASURES if _said(m, question)]
    kin = set()
    if len(asked) == 2 and _GROWTH in asked:
        asked.remove(_GROWTH)  # "the growth rate of its exports": the exports' measure
        kin = {_GROWTH}
    said_too = {f.group().rstrip(",.") for f in _FIGURE.finditer(question)}
    figures = [f for f in _FIGURE.finditer(sentence) if not _A_DATE.match(sentence, f.end())
               and not re.fullmatch(r"(?:19|20)\d\d", f.group().rstrip(",."))  # (2004, "on 2
               and f.group().rstrip(",.") not in said_too]  # November"; the question's own)
    if len(asked) != 1 or not figures:
        return False
    told = _LOOSE.get(asked[0], asked[0])
    if asked[0] in (_GROWTH, _ECONOMY):
        kin = {_GROWTH, _ECONOMY}  # (GDP that rose answers the growth asked)
    others = [m for m in _MEASURES if m is not asked[0] and m not in kin]
    ends = [0] + [f.end() for f in figures]
    own = [(ends[n], f) for n, f in enumerate(figures)  # "at", "($2.8m)" or "up from $179m"
           if n == 0 or not _GOES_ON.fullmatch(sentence, ends[n], f.start())  # goes on with
           and not _COMPARED_WITH.search(sentence, ends[n], f.start())]  # the one before
    if _said(told, sentence):
        return all(_of_another(sentence, f, told, others) for _, f in own)
    return all(any(m.search(sentence, start, f.start())  # each said of another measure since
                   or m.search(sentence, f.end(), _after(sentence, f.end())) for m in others)
               for start, f in own)  # the figure before, or right after it ("$10.3bn takeover")


_OF_BEFORE = re.compile(r"((?:\S+\s+){0,2}?\S+)\s+of\s+(?:(?:about|around|some|nearly|almost|"
                        r"over|more than|up to|just over)\s+)?$")
"""The words before "of" right before a figure ("a record deficit of $412bn"): what it is of."""


def _of_another(sentence: str, figure: re.Match[str], told: re.Pattern[str],
                others: list[re.Pattern[str]]) -> bool:
    """Whether a figure is said of another measure than the one told: the measure that starts
    right after it ("15% interest rates", "$10.3bn takeover"; not "$5m as sales climbed"), else
    one that has it after "of" ("from a record surplus to a record deficit of $412bn"; not
    "Revenue grew 12% to $3bn", "Profit on the deal was $5m")."""
    after = len(sentence) - len(sentence[figure.end():].lstrip())  # the word after it
    if told.match(sentence, after):
        return False
    if any(m.match(sentence, after) for m in others):
        return True
    of = _OF_BEFORE.search(sentence, 0, figure.start())
    return of is not None and not told.search(of.group(1)) \
        and any(m.search(of.group(1)) for m in others)


def _said(measure: re.Pattern[str], text: str) -> bool:
    """Whether the text says the measure other than in a name ("Fuel for Growth")."""
    return any(not _in_a_name(text, m) for m in measure.finditer(text))


def _in_a_name(text: str, m: re.Match[str]) -> bool:
    """Whether a measure's word is capitalised inside a text ("its Fuel for Growth scheme")."""
    return m.start() > 0 and m.group()[:1].isupper() and not m.group().isupper() \
        and text[:m.start()].strip()[-1:] not in ".:\"“"


_WHY = re.compile(r"\W*(?:and\s+)?why\b", re.IGNORECASE)
_CAUSE = re.compile(
    r"\b(?:because|after|due|owing|over|amid|following|as|since|so|to|for|thanks|cit(?:e|ed|es|"
    r"ing)|blam\w*|caus\w*|reasons?|result\w*|led|lead|leads|driven|fuel\w*|prompt\w*|spark\w*|"
    r"trigger\w*|aim\w*|protest\w*|concerns?|concerned|fears?|feared|allegations?|accus\w*|"
    r"response|by|from|with|against|in order|behind|means|meant|explain\w*|said|says|want\w*|"
    r"hope\w*|need\w*|must|should|would|could|unless|if|when|while|whereas|on|of|saying|"
    r"left|forced|hit|made|make|makes)\b",
    re.IGNORECASE)
"""Words by which a sentence gives a cause, a purpose or someone's account of one."""


def no_cause(question: str, sentence: str) -> bool:
    """Whether a why-question's short sentence gives no cause, purpose or account in any word
    ("He resigned in May."; a longer one may say it in words no list holds)."""
    return bool(_WHY.match(question)) and len(sentence.split()) <= 10 \
        and not _CAUSE.search(sentence)


_UNTOLD = re.compile(
    r"\b(?:not|n't|never|declined to|refused to|yet to|without)\s+(?:yet\s+)?(?:been\s+)?"
    r"(?:said|say|saying|disclosed?|disclosing|revealed?|revealing|confirmed?|confirming|"
    r"named?|naming|specified|specify|announced?|given|give|known|decided|made public)\s+"
    r"(?:(?:exactly|publicly|officially|yet)\s+)?(?:(which|what)\s+([a-z][\w-]*)|(who|whom)|"
    r"(how much|how many|when|where)|the\s+(?:[a-z]+\s+)?(fee|price|sum|amount|cost|value|"
    r"terms|figure|number|date|name|identity)\b)", re.IGNORECASE)
"""A sentence that says something was not told: "has not said which show", "declined to
say how much", "did not disclose the fee"."""
_ASKED_AS = {"how much": ("how much", "fee", "price", "sum", "amount", "cost", "value", "terms"),
             "how many": ("how many", "number", "figure"), "when": ("when", "date"),
             "where": ("where",), "who": ("who", "whom", "name", "identity")}
"""What a question word asks, and the words by which a sentence says that was not told."""


def untold(question: str, sentence: str) -> bool:
    """Whether the sentence says that what the question asks was not told: "has not said
    which show will replace it" for "Which show will replace…?" (the same noun), "declined to
    say how much" or "did not disclose the fee" for "How much…?"."""
    q = question.lower()
    asked = set(re.findall(r"[a-z]{3,}", q)) - STOPWORDS - {"who", "whom", "which", "what"}
    for m in _UNTOLD.finditer(sentence):
        if m.group(1):
            if re.search(rf"\b(?:which|what)\s+(?:[a-z]+\s+)?{re.escape(m.group(2).lower())}\b", q):
                return True
            continue
        told = (m.group(3) or m.group(4) or m.group(5)).lower()
        if told in ("who", "whom") and not asked & set(  # "did not say who would run it" is no
                re.findall(r"[a-z]{3,}", sentence[m.end():m.end() + 40].lower())):  # buyer
            continue
        if told in _ASKED_AS["how much"] + _ASKED_AS["how many"] \
                and _FIGURE.search(sentence, 0, m.start()):
            continue  # "paid £2bn for Zeta, but declined to say how much debt…": told first
        if any(re.match(rf"\W*(?:\w+\s+){{0,2}}?{wh}\b", q) and told in said
               for wh, said in _ASKED_AS.items()):
            return True
    return False


_BEFORE_CHANGE = re.compile(r"\b(?:before|prior to|ahead of)\s+(?:the|its|this|that)\s+"
                            r"(?:[\w-]+\s+){0,2}(?:increase|rise|hike|cut|reduction|fall|change|"
                            r"raise|move)\b", re.IGNORECASE)
_TO_LEVEL = re.compile(r"\bto\s+(?:a\s+(?:record|new)\s+)?[£$€]?\d", re.IGNORECASE)
_FORMER_LEVEL = re.compile(r"\bfrom\s+(?:a\s+)?[£$€]?\d|\b(?:before|previous(?:ly)?|prior|had "
                           r"been|stood at|was at|until)\b", re.IGNORECASE)


def after_the_change(question: str, sentence: str) -> bool:
    """Whether a question asks the level before a change ("What was the rate before the March
    increase?") and the sentence gives only the level it went to ("raised its rate to 6.25%
    in March"), with no word of where it went from."""
    return bool(_BEFORE_CHANGE.search(question) and _TO_LEVEL.search(sentence)) \
        and not _FORMER_LEVEL.search(sentence) and len(_FIGURE.findall(sentence)) == 1


_MODEL = re.compile(r"\b(?:\d+[A-Z]+|[A-Z]+\d+[A-Z]?)\b")
"""A numbered version of a thing ("2G", "3G", "A380", "PS3")."""


def other_model(question: str, sentence: str) -> bool:
    """Whether the question names a numbered version ("its 2G network", "the Orin X5") and
    the sentence another of the same kind and not it ("its 3G network", "the X5 Lite"): what
    it says is the other's."""
    asked = {_variant(m, question) for m in _MODEL.finditer(question)}
    said = {_variant(m, sentence) for m in _MODEL.finditer(sentence)
            if not _COMPARED.search(sentence, max(0, m.start() - 30), m.start())}
    asked |= {f"{m.group(1)} {m.group(2)}" for m in _NUMBERED.finditer(question)}
    said |= {f"{m.group(1)} {m.group(2)}" for m in _NUMBERED.finditer(sentence)
             if not _COMPARED.search(sentence, max(0, m.start() - 30), m.start())}
    return any(not asked & said and any(_shape(a) == _shape(t) for t in said) for a in asked)


_NUMBERED = re.compile(rf"\b(?!(?i:{MONTH_PATTERN}|in|on|at|by|of|to|for|and|or|the|no|top|"
                       r"under|over|page|day|week|year|group|grade|level|stage|round|game|"
                       rf"match|race|class|season|series|{'|'.join(WEEKDAYS)})\b)([A-Z][a-z]+)"
                       r"[- ](\d{1,2})\b(?![\d/:%-]|[.,]\d)")
"""A named thing's number ("the Sakhalin-1 field", "Apollo 11"): another number is another
of them ("Sakhalin 5")."""


_COMPARED = re.compile(r"\b(?:successor to|replacement for|follow-up to|than|from|like|"
                       r"after|before|predecessor,?)\s+(?:the\s+|its\s+)?$", re.IGNORECASE)
"""What sets a version said beside another apart from the one talked of ("successor to the
PS2")."""


_VARIANTS = ("Lite", "Pro", "Max", "Plus", "Mini", "Air", "Ultra", "Neo", "Note")
_VARIANT = re.compile(rf"\s+({'|'.join(_VARIANTS)})\b")


def _variant(m: re.Match[str], text: str) -> str:
    """A numbered version with the variant word after it ("X5 Lite"), if any."""
    variant = _VARIANT.match(text, m.end())
    return f"{m.group()} {variant.group(1)}" if variant else m.group()


def _shape(token: str) -> str:
    """'2G' -> '9G', 'PS3' -> 'PS9': the kind of a numbered version (a variant's too; "4K" is
    no kind of "5G")."""
    return re.sub(r"\d+", "9", token.split()[0] if token.split()[-1] in _VARIANTS
                  else token)


_ORIGINAL = re.compile(r"\boriginal\b", re.IGNORECASE)
_LATER_WORK = re.compile(r"\b(?:sequel|remake|follow-up|spin-off|prequel)s?\b", re.IGNORECASE)


def later_work(question: str, sentence: str) -> bool:
    """Whether the question asks about an original ("Who directed the original Starfall?")
    and the sentence is about a sequel or remake, said first ("The sequel, directed by…";
    not "Lucas, who directed Star Wars, is writing a sequel"), and never says the original."""
    later = _LATER_WORK.search(sentence)
    return bool(_ORIGINAL.search(question) and later and later.start() < 30
                and not _ORIGINAL.search(sentence))  # (the sequel the sentence is about


_KIND_OF = re.compile(r"(?<![\w-])([a-z][a-z-]++)\s+(election|prize)s?\b(?=\s*(?:[^\w\s]|$)|"
                      r"\s+(?:in|at|on|for|of|to|and|was|is|will|has|had|last|this|next|after|"
                      r"before|since)\b)")
"""A kind of election or prize said by the lower-case word before it ("leadership election",
"general election", "grand jury prize", "special prize")."""
_NO_KIND = frozenset("""the a an its their his her our this that these those last next first
second third final new latest current previous annual same other whole such own much
many snap early rerun re-run run-off runoff recent forthcoming upcoming coming""".split())
"""Words before such a noun that say no kind of it."""


def other_kind_of(question: str, sentence: str) -> bool:
    """Whether the question asks about one kind of election or prize ("its leadership
    election") and the sentence speaks only of another kind ("the next general election"),
    never the question's word."""
    for kind, noun in _KIND_OF.findall(question):
        if kind in _NO_KIND or kind in STOPWORDS or re.search(rf"\b{re.escape(kind[:5])}",
                                                              sentence, re.IGNORECASE):
            continue
        if {k for k, n in _KIND_OF.findall(sentence) if n == noun} - _NO_KIND - STOPWORDS:
            return True
    return False


_SUPERLATIVE = (r"largest|biggest|smallest|busiest|richest|oldest|highest|lowest|fastest|"
                r"best-selling|most popular")
_RANKED = re.compile(rf"\b(?:second|third|fourth|fifth|sixth|\d+(?:st|nd|rd|th))[- ]"
                     rf"({_SUPERLATIVE})\b", re.IGNORECASE)
_BARE = re.compile(rf"(?<![\w-])({_SUPERLATIVE})\b", re.IGNORECASE)
"""A superlative with no place before it: the first."""
_TOPPED = re.compile(r"\b(?:top(?:s|ped)?|lead(?:s|ing)?|led|number one|no 1|first)\b",
                     re.IGNORECASE)


def other_rank(question: str, sentence: str) -> bool:
    """Whether the question asks for the first of a kind ("the world's largest phone maker")
    and the sentence gives only a lower place ("the world's fourth-largest phone maker")."""
    asked = {m.group(1).lower() for m in _BARE.finditer(question)}
    if not asked or _RANKED.search(question):
        return False
    if _TOPPED.search(sentence):
        return False  # "Gates topped the list, ahead of second-richest Buffett"
    ranked = {m.group(1).lower() for m in _RANKED.finditer(sentence)}
    bare = {m.group(1).lower() for m in _BARE.finditer(sentence)}
    return bool(asked & ranked) and not asked & bare


_TOTAL = re.compile(r"\b(in total|in all|altogether|overall|total)\b|"
                    r"\bhow much (?:will|would|does|did|is|was|has|could) [^?]*\bcost\b",
                    re.IGNORECASE)
"""A question asking a whole sum: a total, or what a thing costs in all."""
_GOODS = r"pint|bottle|litre|gallon|packet|pack|can|glass|(?:\d+ )?cigarettes"
_PER_GOOD = re.compile(rf"\s+(?:a|per)\s+(?:{_GOODS})\s+on\b|\s+on\s+(?:a|an|each|every|"
                       rf"\d+)\s+(?:(?:[a-z]+\s+){{0,2}}of\s+)?(?:[a-z]+\s+)?(?:{_GOODS})\b",
                       re.IGNORECASE)
"""A sum on each of a good ("1p a pint", "4p on a bottle of wine"): a duty, not a cost."""
_PER_UNIT = re.compile(rf"\s+(?:a|per|for each)\s+(?:share|head|person|ticket|barrel|tonne|day|"
                       rf"week|month|year|hour|night|seat|{_GOODS})\b|\s+each\b|{_PER_GOOD.pattern}",
                       re.IGNORECASE)


def per_unit(question: str, sentence: str) -> bool:
    """Whether the question asks a total ("What was the offer worth in total?") and every sum
    the sentence gives is per unit ("$9.50 a share")."""
    total = _TOTAL.search(question)
    if total is None or _PER_UNIT.search(question):
        return False  # ("How much does a pint cost?" asks the price of one)
    per = _PER_UNIT if total.group(1) else _PER_GOOD  # ("$15 a month" is what a service costs)
    sums = list(SLOT_PATTERNS["money"].finditer(sentence))
    return bool(sums) and all(per.match(sentence, m.end()) for m in sums)


_MARGIN = re.compile(r"(?<![\d,.])\d[\d,.]*+\s+([a-z]+)\s+(?:clear|ahead|behind|adrift|short|"
                     r"off the pace)\b")
_LEAD_BY = re.compile(r"\b(?:lead|leads|led|trail|trails|trailed)\b[^.]{0,40}?\bby\s+\d[\d,.]*+\s+"
                      r"([a-z]+)\b")
"""A margin said as what one leads or trails by ("lead the championship by 41 points")."""
_HOW_MANY_HAS = re.compile(r"\s*how many\s+(?:[\w-]+\s+)?([a-z]+)\s+(?:does|do|did|has|have|had)\b",
                           re.IGNORECASE)


def margin_only(question: str, sentence: str) -> bool:
    """Whether the question asks how many of a thing one has ("How many points does Ann
    Lee have?") and the sentence counts it only as a gap ("18 points clear", "two behind")."""
    asked = _HOW_MANY_HAS.match(question)
    if asked is None:
        return False
    noun = asked.group(1).lower()
    gaps = [m for m in _MARGIN.findall(sentence) if m == noun] + [
        m for m in _LEAD_BY.findall(sentence) if m == noun]
    return bool(gaps) and len(gaps) >= len(_FIGURE.findall(sentence))  # (no total: "Lee, on
    # 86, is 18 points clear" has one)


ANOTHERS = (other_measure, no_cause, untold, after_the_change, other_model, later_work,
            other_kind_of, other_rank, per_unit, margin_only)
"""The checks of this module, each (question, sentence) -> True when the sentence tells of
another measure, version, work or kind, gives no cause, or says the thing was not told."""
