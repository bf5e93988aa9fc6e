"""Times in questions and in passages.

A question's "in 2020", "in July 2023" is a preference, not a limit: articles published then and
passages that mention then rank higher, and an article written later that recounts the event is
still found. "latest", "last week" prefer the newest articles. Passages' times ("in 2020",
"July 21, 2023", "last December", "last fall") are read with their article's date as the anchor.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date as Date
from datetime import timedelta

from .vocab import MONTH_PATTERN, WEEKDAYS, month_number

_RANGE = re.compile(
    rf"\b(?:(?P<prep>in|during|from|since|after|before|until|by)\s+)?"
    rf"(?:(?P<det>the|a|an|its|their|his|her)\s+)?"
    rf"(?:(?P<month>{MONTH_PATTERN})\.?\s+)?(?P<year>(?:19|20)\d\d)\b", re.IGNORECASE)
"""A time named with a preposition ("in July 2023", "before 2020"), or as the time of a thing
("the October 2020 report", "a 2019 survey", "before the 2006 World Cup"): then, as "in"
says, unless a preposition says otherwise."""
_NO_TIME = re.compile(r"\s*[-–/]\s*\d|-\w|\s+[a-z]+(?<!s)s\b")
"""What follows a year-like number after "the" or "a" when it names no time: a span ("the
2004-05 season"), a compound ("a 2000-strong crowd") or a count ("the 2000 jobs")."""
_RECENT = re.compile(
    r"\b(?:latest|most recent(?:ly)?|recently|newest|right now|these days|currently|"
    r"(?:this|last|past) (?:week|month|few days|days)|yesterday|today)\b", re.IGNORECASE)


@dataclass(frozen=True)
class DateIntent:
    """What a question says about when: a date range, a wish for recent news, or nothing."""

    since: Date | None = None
    until: Date | None = None
    recent: bool = False
    phrase: str | None = None
    """The words of the question that said it, e.g. "in July 2023"."""
    names_thing: bool = False
    """The time is part of what is asked about ("the 2022 World Cup", "the October 2020
    report"), not only when: it stays one of the question's words."""

    def describe(self, as_of: Date | None) -> str | None:
        """How the search was limited, in words, for the user to see."""
        parts = []
        when = None
        if self.since and self.until:
            when = f"{self.since.isoformat()} to {self.until.isoformat()}"
        elif self.since:
            when = f"from {self.since.isoformat()}"
        elif self.until:
            when = f"up to {self.until.isoformat()}"
        if when:
            parts.append(f"all articles, preferring those dated or mentioning {when}")
        if self.recent and as_of:
            parts.append(f"newest first, as of {as_of.isoformat()}")
        return "; ".join(parts) or None


def parse(question: str) -> DateIntent:
    """Read date limits out of a question (months without a year are left alone)."""
    m = _time_named(question)
    recent = _RECENT.search(question)
    since = until = None
    phrase = None
    names_thing = False
    if m:
        year = int(m.group("year"))
        month = month_number(m.group("month") or "")
        if month:
            start = Date(year, month, 1)
            end = Date(year, month, calendar.monthrange(year, month)[1])
        else:
            start, end = Date(year, 1, 1), Date(year, 12, 31)
        prep = (m.group("prep") or "in").lower()
        if prep in ("in", "during"):
            since, until = start, end
        elif prep in ("from", "since"):
            since = start
        elif prep == "after":
            since = end + timedelta(days=1)
        else:  # before, until, by
            until = end if prep in ("until", "by") else start - timedelta(days=1)
        phrase = m.group(0)
        names_thing = m.group("det") is not None
    if recent and phrase is None:
        phrase = recent.group(0)
    return DateIntent(since, until, bool(recent), phrase, names_thing)


def _time_named(question: str) -> re.Match[str] | None:
    """The question's first time after a preposition ("in 2020"), else its first time of a
    thing with a preposition ("before the 2006 World Cup"), else without ("the 2019 survey")."""
    found = [m for m in _RANGE.finditer(question) if (m.group("prep") or m.group("det"))
             and not (m.group("det") and _NO_TIME.match(question, m.end()))]
    if any(_REPORT.match(question, m.end()) for m in found):  # "since 1988" is no when
        found = [m for m in found if (m.group("prep") or "").lower() not in ("since", "from")]
    return min(found, key=lambda m: (m.group("det") is not None, m.group("prep") is None),
               default=None)


_REPORT = re.compile(r"\s+(?:news\s+)?(?:report|article|story|piece|interview|account|item)s?\b",
                     re.IGNORECASE)
"""After a time, what names the article itself ("the October 2020 report"): that time is
when, and a time the question gives as a start ("fought over since 1988") says only how long
a state has lasted."""


_CAPITALISED = MONTH_PATTERN.title()
_MENTION = re.compile(
    rf"\b(?:(?P<month>(?i:{MONTH_PATTERN}))\.?\s+(?:(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+)?)?"
    r"(?P<year>(?:19|20)\d\d)\b"
    rf"|\b(?P<rel>[Ll]ast|[Tt]his|[Nn]ext)\s+(?P<what>year|month|week|spring|summer|fall|"
    rf"autumn|winter|{_CAPITALISED})\b"
    rf"|\b(?:[Ii]n|[Oo]n|[Ss]ince|[Bb]y|[Uu]ntil|[Dd]uring)\s+(?P<bare>{_CAPITALISED})\b"
    r"(?!\s+\d)")
"""Years, and months with a year, in any case; a month alone only capitalised ("this may
take years" names no month)."""
_SEASONS = {"spring": (3, 5), "summer": (6, 8), "fall": (9, 11), "autumn": (9, 11),
            "winter": (12, 14)}


_MONTH_PHRASE = re.compile(rf"(?:in|on|during|since|before|after|until|by)\s+"
                           rf"(?:(?:early|late|mid)[-\s]+)?({MONTH_PATTERN})\b\.?(?:\s+\d{{1,2}}\b)?",
                           re.IGNORECASE)
"""A month with its preposition and perhaps a day ("in July", "on March 3"): an ellipsis."""
_MONTH_SAID = re.compile(rf"\b(?:in|on|during|since|before|after|until)\s+"
                         rf"(?:(?:early|late|mid)[-\s]+)?((?-i:{_CAPITALISED})\b\.?"
                         r"(?:\s+\d{1,2}\b(?!,?\s+\d{4}))?)", re.IGNORECASE)
"""A month a question names after its preposition ("in April", "in April 2004": its year
stays; not "backed by May", a name)."""
_NOW_SAID = re.compile(r"\b(?:this|last|next)\s+(?:month|week)\b", re.IGNORECASE)


def month_phrase(text: str) -> re.Match[str] | None:
    """The text when it is a month alone with its preposition ("in July", "on March 3")."""
    return _MONTH_PHRASE.fullmatch(text.strip())


def month_swapped(base: str, fragment: str) -> re.Match[str] | None:
    """A month alone ("December", "and December?") as a month phrase ("in December") when
    the question `base` names a month after its preposition, which it swaps."""
    return month_phrase(f"in {fragment}") if _MONTH_SAID.search(base) else None


def swap_month(base: str, fragment: str) -> str:
    """The question `base` asked of the month `fragment` names ("And in July?"): its month
    swapped ("in April 2004" -> "in July 2004", "in April last year" -> "in July last year"),
    else "this month" replaced, else the month added."""
    said = _MONTH_SAID.search(base)
    if said:
        new = re.sub(r"^\S+\s+(?:(?:early|late|mid)[-\s]+)?", "", fragment.strip())
        return base[:said.start(1)] + new + base[said.end(1):]
    now = _NOW_SAID.search(base)
    if now:
        return base[:now.start()] + fragment.strip() + base[now.end():]
    return f"{base} {fragment.strip()}"


def mentions(text: str, published: Date | None) -> list[tuple[Date, Date]]:
    """The spans of time a passage names, as (first day, last day), oldest first.

    Years and months stand alone; "last December", "last fall" and "in March" need the
    article's date (`published`) and are skipped when it is unknown.
    """
    out: set[tuple[Date, Date]] = set()
    for m in _MENTION.finditer(text):
        try:
            if m.group("year"):
                span = _span(int(m.group("year")), month_number(m.group("month") or ""))
            elif published is None:
                continue
            elif m.group("bare"):
                month = month_number(m.group("bare")) or 1
                year = published.year - (month > published.month)
                span = _span(year, month)
            else:
                span = _relative(m.group("rel").lower(), m.group("what").lower(), published)
        except ValueError:
            continue
        if span:
            out.add(span)
    return sorted(out)


def _span(year: int, month: int | None) -> tuple[Date, Date]:
    if month:
        return Date(year, month, 1), Date(year, month, calendar.monthrange(year, month)[1])
    return Date(year, 1, 1), Date(year, 12, 31)


def _relative(rel: str, what: str, published: Date) -> tuple[Date, Date] | None:
    """"last year", "this fall", "last December" against the article's date."""
    step = {"last": -1, "this": 0, "next": 1}[rel]
    if what == "year":
        return _span(published.year + step, None)
    if what == "month":
        month = published.month + step
        year = published.year + (month - 1) // 12
        return _span(year, (month - 1) % 12 + 1)
    if what == "week":
        start = published - timedelta(days=published.weekday()) + timedelta(weeks=step)
        return start, start + timedelta(days=6)
    if what in _SEASONS:
        first, last = _SEASONS[what]
        year = published.year
        if what == "winter" and published.month <= 2:
            year -= 1  # in January, "this winter" began last December
        if step == -1 and published.month <= last:
            year -= 1  # "last fall", said in the spring, is the year before
        elif step == 1 and published.month >= first:
            year += 1
        end_year, end_month = (year + 1, last - 12) if last > 12 else (year, last)
        return (Date(year, first, 1),
                Date(end_year, end_month, calendar.monthrange(end_year, end_month)[1]))
    month = month_number(what)
    if month is None:
        return None
    year = published.year
    if step == -1 and month >= published.month:
        year -= 1  # "last May" said in March is the year before; "last January" in March not
    if step == 1 and month <= published.month:
        year += 1  # "next March" said in February is this year's
    return _span(year, month)


def encode(spans: list[tuple[Date, Date]]) -> str:
    """Spans as stored in the index: "2020-01-01/2020-12-31;2022-12-01/2022-12-31"."""
    return ";".join(f"{a.isoformat()}/{b.isoformat()}" for a, b in spans)


def stored_overlaps(stored: str, since: Date | None, until: Date | None) -> bool:
    """`overlaps` on spans as `encode` stored them, compared as ISO text."""
    lo = since.isoformat() if since else "0000-00-00"
    hi = until.isoformat() if until else "9999-99-99"
    for span in stored.split(";") if stored else ():
        a, _, b = span.partition("/")
        if a <= hi and b >= lo:
            return True
    return False


def overlaps(spans: list[tuple[Date, Date]], since: Date | None, until: Date | None) -> bool:
    """Whether any span meets the range [since, until] (open ends allowed)."""
    lo, hi = since or Date.min, until or Date.max
    return any(a <= hi and b >= lo for a, b in spans)


_GRAIN = re.compile(r"(?:on |in |by |from |since )?(?:what|which) (?:(date|day)|(year)|(month))\b",
                    re.IGNORECASE)
_YEAR_ONLY = re.compile(r"(?:1[89]|20)\d\d|(?:last|this|next) year", re.IGNORECASE)
_A_DAY = re.compile(r"(?<!\d)\d{1,2}(?:st|nd|rd|th)?(?!\d)|\b(?:yesterday|today|tomorrow|"
                    rf"{'|'.join(WEEKDAYS)})\b", re.IGNORECASE)
_DAY_BEFORE = re.compile(r"(?<!\d)\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?$")


def fits_grain(question: str, value: str, before: str = "") -> bool:
    """Whether a date the sentence holds is as fine as the question asks: "On what date…?"
    is not answered by "in 1994" nor "since July", "In what year…?" not by "on Monday".
    `before` is the sentence's text just before the value ("21 " of "21 September")."""
    grain = _GRAIN.match(question.strip())
    if grain is None:
        return True
    if grain.group(1):
        return bool(_A_DAY.search(value) or _DAY_BEFORE.search(before))
    if grain.group(2):
        return bool(_YEAR_ONLY.fullmatch(value))
    return bool(re.match(MONTH_PATTERN, value, re.IGNORECASE)) or value.endswith("month")


_YEAR_NAMED = re.compile(r"\b(?:1[89]|20)\d\d\b")
_MONTH_NAMED = re.compile(rf"(?<=\b(?:in|on|by|of) )(?P<month>{MONTH_PATTERN})\b\.?"
                          r"(?!\s*\d{1,2}\b)(?!\s+(?-i:[A-Z]))"
                          r"(?:,?\s+(?:in\s+)?(?P<year>(?:1[89]|20)\d\d)\b)?", re.IGNORECASE)
"""A month the question places a time in ("in December", "by Dec. 2020", "in January, 2005"),
not a day of it ("on March 31") nor a name ("Theresa May", "June Lee")."""


def shifted(text: str, count: int, unit: str) -> str | None:
    """`text` with the one year or month it names moved by `count` of `unit` ("year" or
    "month"; negative: earlier): "…killed in 2004" -> "…killed in 2003", "…approved in
    December" -> "…approved in November", "in January 2005" -> "in December 2004". None when
    it names no such time or more than one."""
    if unit == "year":
        years = list(_YEAR_NAMED.finditer(text))
        if len(years) != 1:
            return None
        return text[:years[0].start()] + str(int(years[0].group()) + count) \
            + text[years[0].end():]
    months = [m for m in _MONTH_NAMED.finditer(text) if m.group("month")[0].isupper()]
    if unit != "month" or len(months) != 1:  # "may", "march" in lower case are verbs
        return None
    m = months[0]
    year, month = divmod(month_number(m.group("month")) - 1 + count, 12)
    said = calendar.month_name[month + 1]
    if m.group("year"):
        said += f" {int(m.group('year')) + year}"
    return text[:m.start()] + said + text[m.end():]


_COUNTS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
           "ten": 10}
RELATIVE = re.compile(
    rf"(?:(?P<n>{'|'.join(_COUNTS)}|\d+)\s+(?P<unit>day|week|month|year|decade)s?"
    r"\s+(?P<way>earlier|before|later|after|on)"
    r"|the\s+(?P<unit2>day|week|month|year|season|decade)\s+(?P<way2>before|after|earlier|later)"
    r"|the\s+previous\s+(?P<unit3>day|week|month|year|season|decade))$", re.IGNORECASE)
"""A time counted from the previous question's ("a year earlier", "the year before")."""


def moved_by(base: str, fragment: str) -> str | None:
    """'How many foxes were killed in 2004?' + 'and a year earlier?' -> '…killed in 2003?':
    the one year or month the previous question names, moved; None otherwise."""
    relative = RELATIVE.fullmatch(fragment)
    if relative is None:
        return None
    unit = (relative.group("unit") or relative.group("unit2") or relative.group("unit3")
            or "year").lower()
    n = relative.group("n")
    count = _COUNTS[n.lower()] if n and not n.isdigit() else int(n or 1)
    way = (relative.group("way") or relative.group("way2") or "before").lower()
    return shifted(base, count if way in ("later", "after", "on") else -count, unit)


def in_time(sentence: str, published: str | None,
             asked: tuple[Date | None, Date | None]) -> bool:
    """Whether the sentence mentions the time asked about, or has no time of its own and its
    article was published then."""
    day = Date.fromisoformat(published) if published else None
    said = mentions(sentence, day)
    if said:
        return overlaps(said, *asked)
    return day is not None and overlaps([(day, day)], *asked)


_FUTURE_DATE = re.compile(r"\s*(?:when|(?:in |by )?(?:what|which) (?:year|month|date|day))\s+"
                          r"(?:will|(?:is|are)\s+(?:\S+\s+){1,6}?(?:due|set|expected|scheduled)\s+to|"
                          r"(?:does|do)\s+(?:[\w'’.&-]+\s+){1,5}?(?:expect|plan|hope|intend|aim)"
                          r"s?\s+to)\b", re.IGNORECASE)
"""A question asking when something will be: no year before the article's ("When will Ostria
lift its embargo?" / "…used in a 2020 war", in 2023), no time gone by ("last year")."""
_GONE_BY = re.compile(r"\b(?:last|yesterday|ago|earlier|previous|former)\b", re.IGNORECASE)
_GONE_BY_BEFORE = re.compile(r"\bearlier\s+$", re.IGNORECASE)
"""Before a time, what makes it gone by ("earlier this year")."""


def to_come(question: str, sentence: str, values: list[tuple[int, str]],
            published: str | None) -> list[tuple[int, str]]:
    """The `values` (offset, text) of `sentence` that may answer a question asking when
    something will be ("When will…?"): no time gone by ("last year", "earlier this month"), no
    year before the article's (`published`, ISO); every value for any other question."""
    if not _FUTURE_DATE.match(question):
        return values
    return [(at, v) for at, v in values if not _GONE_BY.search(v)
            and not _GONE_BY_BEFORE.search(sentence, max(0, at - 12), at)
            and not (published and any(int(y) < int(published[:4])
                                       for y in re.findall(r"\b\d{4}\b", v)))]


_FIRST_OF = re.compile(r"\b[Tt]he\s+(?:very\s+)?(?:first|inaugural|original)\s+"
                       r"((?:[A-Z][\w'’&-]*\s*)+)")
"""A question's "the first Consumer Electronics Show": the first of an event held again."""


def editions(question: str, sentence: str, values: list[tuple[int, str]]
             ) -> list[tuple[int, str]]:
    """The `values` of `sentence` less a year that names one edition of the event a question
    asks the first of: "The 2005 Consumer Electronics Show" answers no "In what year was the
    first Consumer Electronics Show held?" (but "the 1966 World Cup" may be "its first World
    Cup", and "In 1998 Velmoran astronaut…" names no edition)."""
    first = _FIRST_OF.search(question)
    if not first:
        return values
    name = first.group(1).split()[0]
    return [(at, v) for at, v in values
            if not (re.fullmatch(r"\d{4}", v.strip()) and sentence[:at].endswith(("the ", "The "))
                    and re.match(rf"[\s-]*{re.escape(name)}\b", sentence[at + len(v):]))]
