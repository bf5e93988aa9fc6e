"""Which way, when and whose a figure is: "By how much did the economy shrink?" is not
answered by "the economy grew 1.6%", nor "How big was the surplus?" by "the deficit was
$124bn", nor "How much will prices fall in 2006?" by "an 8% fall in 2005", nor "What was
Orla's share?" by "Zeta's share remained at 6.3%".

A question that names a direction of change (shrink, fall, rise, gain) or one side of a
balance (surplus or deficit, profit or loss) wants a figure said of that direction. A figure
whose nearest such word, within its clause, says the other way answers another question.
"""

from __future__ import annotations

import functools
import re

from .names import is_time, said_in
from .slots import slot

_RISE = (r"ris(?:e|es|en|ing)|rose|gr[eo]w(?:s|n|ing)?|increas\w*|gain(?:s|ed|ing)?|"
         r"climb\w*|jump\w*|surg\w*|soar\w*|expand\w*|rebound\w*")
_FALL = (r"f[ae]ll(?:s|en|ing)?(?!\s+(?:ill|victim|foul|short)\b)|shr[iau]nk\w*|decreas\w*|"
         r"declin\w*|drop\w*|slump\w*|slid(?:e|es|ing)?|plung\w*|dip(?:s|ped|ping)?|tumbl\w*|"
         r"slip\w*")
_UP = rf"{_RISE}|rall(?:y|ied|ies)|boost\w*|(?<!given )(?<!gave )up(?!\s+to\b)|higher|" \
      r"improv\w*|lift\w*|add(?:s|ed|ing)?|advanc\w*|accelerat\w*|widen\w*"
_DOWN = (rf"{_FALL}|lower|s[ia]nk\w*|lo(?:se|ses|st|sing|ss|sses)|cut(?:s|ting)?|down|slash\w*|"
         r"shed(?:s|ding)?|narrow\w*|g[ia]ve(?:n)? up")
_SIDES = tuple(tuple(re.compile(p) for p in side) for side in (
    (rf"\b(?:{_RISE})\b", rf"\b(?:{_FALL})\b", rf"\b(?:{_UP})\b", rf"\b(?:{_DOWN})\b"),
    (r"\bsurplus(?:es)?\b", r"\bdeficits?\b", r"\bsurplus(?:es)?\b", r"\bdeficits?\b"),
    (r"\bprofits?\b", r"\blo(?:ss|sses)\b", r"\bprofits?\b", r"\blo(?:ss|sses)\b")))
"""Pairs of ways a figure can go: the words with which a question asks for one way and for
the other, then the words with which a sentence says one way and the other (lower case;
wider: "up", "cut", "lost" say a way but do not ask for one, "How many lives were lost?").
Only the question's own clause asks: "How many died when the ferry sank?" asks no way."""
_ASKS_FIGURE = re.compile(r"\s*(?:by |of )?how (?:much|many|big|large|far|sharp(?:ly)?)\b|"
                          r"\s*(?:by )?what (?:[\w-]+ )?(?:percentage|per ?cent|share|amount|"
                          r"proportion|rate|figure|margin)\b", re.IGNORECASE)
_CLAUSE = re.compile(r"[;:()]|,\s|\s[-–—]\s|\b(?:after|before|while|whereas|but|and|than|from|"
                     r"following|compared)\b")
_STILL = re.compile(r"\b(?:unchanged|steady|flat|stable|static|held\s+(?:at|steady))\b")
"""A figure that went no way ("unchanged at 9.9%"): no answer to how far something rose or fell."""
_ASKS_CLAUSE = re.compile(r"\b(?:when|after|before|while|who|whom|which|that|where|because|"
                          r"since|as|in|of|during|from)\b")
"""Where a question's own clause ends ("in the fall of the city" names an event)."""
BEFORE = 6
"""Words before a figure in which its direction is said ("grew 1.6%", "fell by 3%")."""
AFTER = 2
"""...and after it ("a 3% fall")."""


def against(question: str, sentence: str, values: list[tuple[int, str]]
            ) -> list[tuple[int, str]]:
    """The `values` (offset, text) of `sentence` that are not said of the other way than the
    question asks: all of them unless the question asks how much something went one way."""
    if not values or not _asks_figure(question):
        return values
    asked = question.lower()
    if own := _ASKS_CLAUSE.search(asked, 12):
        asked = asked[:own.start()]  # "…when the ferry sank?": another clause's verb
    ways = []  # (the way asked, the other way), as a sentence says them
    for ask_up, ask_down, up, down in _SIDES:
        rising, falling = bool(ask_up.search(asked)), bool(ask_down.search(asked))
        if rising != falling:
            ways.append((up, down) if rising else (down, up))
    if not ways:
        return values
    text = sentence.lower()
    kept = []
    for at, value in values:
        said = _said_near(text, at, at + len(value))
        if not any(other.search(said) and not way.search(said) for way, other in ways) \
                and not (_STILL.search(said) and not any(way.search(said) for way, _ in ways)):
            kept.append((at, value))
    return kept


_TIMES = (re.compile(r"\b(?:1[89]|20)\d\d\b"),
          re.compile(r"\b(?:first|second|third|fourth) quarter\b", re.IGNORECASE),
          re.compile(r"(?:(?<=\bin )|(?<=\bof )|(?<=\bto )|(?<=\bfor )|(?<=\bsince )|(?<=\bfrom )|"
                     r"(?<=\blast )|(?<=\bthis )|(?<=\bduring ))(?:january|february|march|april|"
                     r"june|july|august|september|october|november|december)\b", re.IGNORECASE))
"""Kinds of time a figure is said of: a year, a quarter, a month (said after "in", "of"…:
"march" may be a verb, and "May" is left out, lower case being a verb)."""
_SPAN = re.compile(r"\b((?:1[89]|20)\d\d)[/-]\d\d\b")
"""A financial or season year ("2004/05", "2004-05")."""
_NAMED_YEAR = re.compile(r"[A-Z][\w'’-]*\s+$")
"""A year right after a capitalised word is part of a name ("London 2012", "Athens 2004")."""
_REPORTED = re.compile(r"\b(?:said|reported|announced|added|told|wrote)\b[^,;£$€¥%]{0,25}?"
                       r"\b(?:1[89]|20)\d\d\b")
"""When a figure was reported, not what time it is of ("said on 20 January 2005 it sold…"; not
"reported a profit of £920m in 2023", whose year is the profit's)."""
_SINCE = re.compile(r"\bsince\s+(?:(?:early|late|mid)[-\s]+)?"
                    r"(?:[A-Z][a-z]+\.?\s+(?:\d{1,2},?\s+)?)?(?:1[89]|20)\d\d\b|"
                    r"\bsince\s+[A-Z][a-z]+\b")
"""A time a figure is compared with ("the worst cuts since 1998", "highest since May"), not
the figure's own."""
WHEN_AFTER = 8
"""Words after a figure in which the time it is said of may come ("8% in property prices in
2005", "0.2% during the last three months of 2004": 6 words missed the year; 10 change no
question of the fitting or read splits more than 8)."""


def at_another_time(question: str, sentence: str, values: list[tuple[int, str]],
                    year: int | None = None) -> list[tuple[int, str]]:
    """The `values` of `sentence` not said of another year or quarter than the question's
    (all of them unless a how-much question names one; `year` is the one it asks about when
    the search took it out of the question): a figure whose clause names a time of the asked
    kind, but not the asked one, is another time's."""
    if not values or not _asks_figure(question):
        return values
    asked = [(kind, {m.group().lower() for m in kind.finditer(question)
                     if not _NAMED_YEAR.search(question, 0, m.start())}) for kind in _TIMES]
    for span in _SPAN.finditer(question):  # "in 2004/05": either year
        asked[0][1].add(str(int(span.group(1)) + 1))
    if year is not None:
        asked[0][1].add(str(year))
    asked = [(kind, times) for kind, times in asked if times]
    if not asked:
        return values
    kept = []
    unreported = _SINCE.sub(lambda m: " " * len(m.group()),  # (offsets kept)
                            _REPORTED.sub(lambda m: " " * len(m.group()), sentence))
    for at, value in values:
        near = _said_near(unreported, at, at + len(value), after=WHEN_AFTER).lower()
        if kind_times := [({m.group().lower() for m in kind.finditer(near)}, times)
                          for kind, times in asked]:
            if any(said and not said & times for said, times in kind_times) \
                    and not _TIMES[0].fullmatch(value):
                continue
        kept.append((at, value))
    return kept


OWNER_BEFORE = 10
"""Words before a figure in which its owner may be named ("Zeta's proportion remained the
same at a slender 6.3%")."""
_FIGURES = frozenset({"percent", "amount", "money", "count"})
"""The slots (`qa.slots.slot`) of a question asking how much or how many."""
_OWNER = re.compile(r"(?<![\w'’.-])([A-Z][\w.&-]*(?:\s+(?:[A-Z][\w.&-]*|\d+))*)['’]s?\s+"
                    r"(?:[A-Za-z][\w-]*\s+){0,2}?(?:share|proportion|stake|profits?|sales|"
                    r"revenues?|turnover|growth|output|debts?|deficit|surplus|budget|income|"
                    r"earnings|losses|value|market|audience|ratings?|rate)\b")
"""A name owning a figure's noun ("Orla's share", "Zeta's pre-tax profits", "Channel 4's
January audience share")."""


def owned_by_another(question: str, sentence: str, values: list[tuple[int, str]]
                     ) -> list[tuple[int, str]]:
    """The `values` of `sentence` not said of another owner than the question's: when a
    how-much question asks about a name's figure ("What was Orla's share…?"), a figure whose
    clause gives it to another name ("Zeta's proportion remained at 6.3%") and not to the
    question's is another's."""
    if not values or not _asks_figure(question):
        return values
    named = [w for w in re.findall(r"[A-Z][\w.&-]*", question[1:]) if not is_time(w)]
    if named and not any(said_in(w, sentence) for w in named):  # "Vera Drake, which has 11
        values = [(at, v) for at, v in values if not (  # nominations" for Finding Neverland
            (whose := _WHICH_HAS.search(sentence, max(0, at - 80), at))
            and not any(said_in(w, question) for w in whose.group(1).split()
                        if w not in ("The", "A", "An")))]
    owner = _OWNER.search(question)
    if owner is None:
        return values
    kept = []
    for at, value in values:
        near = _said_near(sentence, at, at + len(value), before=OWNER_BEFORE, after=4)
        owners = [m.group(1) for m in _OWNER.finditer(near) if not is_time(m.group(1))]
        if owners and not any(said_in(w, question) for o in owners for w in o.split()) \
                and not any(said_in(w, near) for w in named):
            continue  # (an owner is the question's if any of its words is, in any case; and
            # the question's own name in the clause keeps it: "…audience share for ITV1")
        kept.append((at, value))
    return kept


_WHICH_HAS = re.compile(r"([A-Z][\w'’.&-]*(?:\s+[A-Z][\w'’.&-]*)*),?\s+(?:which|who)\s+(?:has|have|"
                        r"had|got|gets|received|receives|won|wins|earned|earns|took|takes|made|"
                        r"makes)\s+(?:[a-z][\w-]*\s+){0,2}$")
"""A name whose relative clause has the figure: the figure is that name's."""
_PAID = re.compile(r"\b(?:pa(?:y|ys|id|ying)|spen[dt]\w*|cost\w*|fee|bought|buy\w*|sold|sell\w*|"
                   r"sign\w*|deal|transfer)\b")
_NOT_PAID = re.compile(r"\b(?:bids?|bidding|offer\w*|fin(?:e|es|ed)|price[ -]tag|"
                       r"valu(?:ed|ation|es)|wages?|salary|worth|raise\w*)\b")
"""Money that was asked, offered, fined, earned or put on a thing: not what was paid."""
_PRICED = re.compile(r"\bprice[ -]tags?\b|\bpriced\b")
_ASKS_COST = re.compile(r"\bcost")
"""A price tag is what a thing costs: it answers "How much does it cost?", not "…pay?"."""
_ASIDE = re.compile(r"\(([^()]{1,30})\)")
"""A figure's aside in brackets, such as the same sum in another currency."""


def unpaid(question: str, sentence: str, values: list[tuple[int, str]]
           ) -> list[tuple[int, str]]:
    """The `values` of `sentence` that may be what the question asks was paid: "How much
    did Zeta pay for Orla?" is not answered by "Zeta's £40m bid" nor "fined £80,000"
    (unless the question asks for a bid, an offer or a fine itself)."""
    if not values or slot(question) != "money":
        return values
    asked = question.lower()
    if not _PAID.search(asked) or _NOT_PAID.search(asked):
        return values
    text = _ASIDE.sub(lambda m: f" {m.group(1)} ", sentence.lower())  # "£1.5m ($2.8m) bid"
    cost = bool(_ASKS_COST.search(asked))
    kept = []
    for at, value in values:
        said = _said_near(text, at, at + len(value), after=3)
        if cost:
            said = _PRICED.sub(" ", said)
        if _NOT_PAID.search(said) and not _PAID.search(said):
            continue
        kept.append((at, value))
    return kept


_HOW_FAR = re.compile(r"\s*(?:from\s+)?how\s+far\b(?!\s+(?:behind|ahead|above|below|up|down|"
                      r"short|off|back|adrift|clear|into|along|apart)\b)", re.IGNORECASE)
"""'How far (out)…?' asks a length; 'How far behind…?' a gap of any kind (points, seconds)."""
_LENGTH = re.compile(r"\s?(?:k?m|cm|mm|nm|metres?|meters?|kilometres?|kilometers?|(?:nautical\s+)?"
                     r"miles?|yards?|feet|foot|ft|inch(?:es)?|points?|pence|p|cents?)\b")
"""A length's unit after its figure ("44 metres", "17.30m")."""


def given(question: str, values: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """The `values` the question does not already give as written: "What was the index in
    November, before it dropped to 61.2?" is not answered by "dropped to 61.2" (but "£3m"
    answers "How much did the 3 firms pay?")."""
    asked = f" {' '.join(question.lower().split())} "
    return [(at, v) for at, v in values
            if not re.search(rf"(?<![\w.,£$€¥]){re.escape(' '.join(v.lower().split()))}"
                             r"(?![\w%]|[.,]\d)", asked)]


def far(question: str, sentence: str, values: list[tuple[int, str]]
        ) -> list[tuple[int, str]]:
    """For "How far…?", the `values` that are a length ("44 metres", "17.30m") or a share or
    a sum ("almost 23%"): not a count ("three earlier shots") nor a time ("four minutes")."""
    if not _HOW_FAR.match(question):
        return values
    return [(at, v) for at, v in values if re.search(r"[%$£€¥]|\bper ?cent|\dk?m$", v)
            or _LENGTH.match(sentence, at + len(v))]


def of_a_whole(question: str, sentence: str, values: list[tuple[int, str]]
               ) -> list[tuple[int, str]]:
    """The `values` not said of a whole the question asks a part of: "How much will Italy raise
    from Velco's flotation?" is not answered by "25bn euros from privatisations in 2005,
    including a partial flotation of … Velco", whose figure is of all of them."""
    part = _INCLUDING.search(sentence)
    if not values or part is None or not _asks_figure(question):
        return values
    named = [w for w in re.findall(r"[A-Z][\w.&-]*", question[1:]) if not is_time(w)]
    parts = re.split(r"[,;]|\s[-–]\s", sentence[part.end():])[0]  # ("including debt, for Zeta")
    if not any(said_in(w, parts) and not said_in(w, sentence[:part.start()]) for w in named):
        return values
    return [(at, v) for at, v in values if at > part.start()]


_INCLUDING = re.compile(r"\b(?:including|such as|among them|notably)\b")
"""What opens the parts of a whole just named."""


def checked(question: str, sentence: str, values: list[tuple[int, str]],
            year: int | None = None) -> list[tuple[int, str]]:
    """The `values` of `sentence` said of the way, the time (`year` as `at_another_time`
    takes it) and the owner the question asks about, and money paid when it asks that; not
    a figure the question gives, nor for "How far…?" a figure that is no length."""
    values = far(question, sentence, given(question, values))
    values = unpaid(question, sentence, against(question, sentence, values))
    values = at_another_time(question, sentence, values, year)
    return of_a_whole(question, sentence, owned_by_another(question, sentence, values))


@functools.lru_cache(maxsize=256)
def _asks_figure(question: str) -> bool:
    """Whether the question asks how much or how many ("What was Orla's share of…?" too)."""
    return bool(_ASKS_FIGURE.match(question)) or slot(question) in _FIGURES


def _said_near(text: str, start: int, end: int, after: int = AFTER, before: int = BEFORE) -> str:
    """The text of the figure's clause from `before` words before it to `after` after it, the
    figure in its place ("up 3% to" is not "up to"; "Brandt 4's share" stays one owner)."""
    said = text[:start]
    if cut := list(_CLAUSE.finditer(said)):
        said = said[cut[-1].end():]
    words = list(re.finditer(r"\S+", said))
    head = said[words[-before].start():] if len(words) >= before else said
    rest = text[end:]
    if cut_after := _CLAUSE.search(rest):
        rest = rest[:cut_after.start()]
    tail = list(re.finditer(r"\S+", rest))
    rest = rest[:tail[after - 1].end()] if len(tail) >= after else rest
    return f"{head.lstrip()}{text[start:end]}{rest}"
