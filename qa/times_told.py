"""Readings of a sentence as telling of another time than a question asks: another month
("rose to 5.9% in September" for July), another year told relative to the article's ("this
year" for last year), a year only counted from ("the first winner since 2008" for 2008's), or
how things stand now ("now employs 21,400" for 2019), or a date things have gone on since
("since December" for when they will)."""

from __future__ import annotations

import re
from datetime import date as Date

from .slots import answer_values
from .vocab import ASKS_WHO_OR_WHICH, COMPARED_WITH, MONTH_PATTERN, WEEKDAYS, month_number

_CAPITALISED = MONTH_PATTERN.title()
"""A month's name, capitalised."""


_MONTH_ASKED = re.compile(rf"\b(?:in|during|for|of)\s+(?:(?:early|late|mid)[-\s]+)?"
                          rf"((?-i:{_CAPITALISED}))\b(?!\s+\d)", re.IGNORECASE)
"""A month a question asks about, without its year ("in July")."""
_ANY_MONTH = re.compile(rf"\b({_CAPITALISED})\b(?![\w'’]|\s+[A-Z])")
"""A month, not a name that starts with one ("June Brown", "Jan Arre")."""
_COMPARED_FROM = re.compile(r"(?:\b(?:since|from|than|with|to)\s+|\b(?:from|than)\s+[£$€]?\d[\d.,]*"
                            r"\s?(?:%|bn|m|billion|million|p|pence)?\s+in\s+)"
                            r"(?:(?:early|late|mid)[-\s]+)?$", re.IGNORECASE)
"""A month said as what a figure is compared with ("up 9% from September", "since May", "to
£2.7bn from £2.9bn in October")."""
_A_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_MAY_AS_MONTH = re.compile(r"\b(?:in|on|during|until|by|of|last|this|next|early|late|mid)\s+$")


def other_month(question: str, sentence: str) -> bool:
    """Whether a question about a month of no year named ("What was the inflation rate in
    July?") gets a sentence whose figures are another month's ("rose to 5.9% in September"):
    it names months of its own, and not the asked one even as what it compares with ("from
    September", "since May"); a month of a year of its own ("December 1998") is another time's."""
    asked = {month_number(m.group(1)) for m in _MONTH_ASKED.finditer(question)}
    if not asked or _A_YEAR.search(question):
        return False
    said = [m for m in _ANY_MONTH.finditer(sentence)
            if m.group(1) != "May" or _MAY_AS_MONTH.search(sentence, max(0, m.start() - 12),
                                                           m.start())]
    own = [m for m in said if not _COMPARED_FROM.search(sentence, max(0, m.start() - 40),
                                                        m.start())]
    return bool(own) and not asked & {month_number(m.group(1)) for m in said}


_RELATIVE_YEAR = re.compile(r"\b(last|this|next)\s+year\b|\b(?:a\s+year\s+(earlier|ago|before)|"
                            r"the\s+(previous|prior)\s+year)\b", re.IGNORECASE)
"""A year told relative to the article's ("a year earlier" and "the previous year" are the last)."""


def other_year_told(question: str, sentence: str) -> bool:
    """Whether a question about last, this or next year gets a sentence that tells only the
    others ("What was the deficit last year?" / "will fall from 3.8% this year to 2.9% next
    year"), and no year by its number; or, asked who did a thing last year, tells of this
    week only ("Who won album of the year last year?" / "Mara Levine won … on Tuesday")."""
    asked = {_year_told(m) for m in _RELATIVE_YEAR.finditer(question)}
    said = {_year_told(m) for m in _RELATIVE_YEAR.finditer(sentence)} | {
        "this" for m in _RELATIVE_YEAR.finditer(sentence)  # "up from 71,500 last year": this
        if _COMPARED_WITH.search(sentence, max(0, m.start() - 30), m.start())}  # year's too
    if _A_YEAR.search(sentence) or not asked:
        return False
    return bool(said) and not asked & said or asked == {"last"} and not said \
        and ASKS_WHO_OR_WHICH.match(question) is not None \
        and _THIS_WEEK.search(sentence) is not None  # (a year's results come on a Tuesday)


_COMPARED_WITH = re.compile(rf"(?:{COMPARED_WITH}|\bthan\s+)(?:[^,;]|,(?=\d)){{0,20}}$",
                            re.IGNORECASE)
"""A year said only as what a figure is compared with ("up from 71,500 last year")."""
_THIS_WEEK = re.compile(rf"\b(?:on|last|this)\s+(?:{'|'.join(WEEKDAYS)})\b", re.IGNORECASE)
"""A weekday an event is told on: this week's news, not last year's."""


def _year_told(m: re.Match[str]) -> str:
    """"last", "this" or "next" for a `_RELATIVE_YEAR` match."""
    return m.group(1).lower() if m.group(1) else "last"


_SINCE_YEAR = re.compile(r"\bsince\s+(?:(?:early|late|mid)[-\s]+)?((?:19|20)\d\d)\b(?!,?\s+when\b)",
                         re.IGNORECASE)


def only_since(question: str, asked: tuple[Date | None, Date | None] | None,
               sentence: str) -> bool:
    """Whether a question who or which did a thing in one year (`asked`, its since and until:
    "Who won the race in 2008?") gets a sentence that says that year only as a time it counts
    from ("the first home winner since 2008"; not "since 1997, when he moved"): what it tells
    is of another year. (A figure "since 2003" may be the one asked of 2003.)"""
    since, until = asked or (None, None)
    if not (since and until and since.year == until.year) \
            or not ASKS_WHO_OR_WHICH.match(question):
        return False
    year = str(since.year)
    said = [m for m in _A_YEAR.finditer(sentence) if m.group() == year]
    counted = {m.start(1) for m in _SINCE_YEAR.finditer(sentence) if m.group(1) == year}
    return bool(said) and all(m.start() in counted for m in said)


_NOW = re.compile(r"(?<![,-]\s)(?<!who\s)\b(?:now|currently)\s+(?:has|have|is|are|stands?|"
                  r"employs?|owns?|holds?|runs?|serves?|sells?|makes?|counts?|numbers?|"
                  r"totals?|(?!(?:says|admits|believes|estimates|thinks|accepts|argues|claims|"
                  r"insists|reckons|warns|expects|hopes|fears)\b)[a-z]+s)\b(?!-)", re.IGNORECASE)
"""How things stand at the article's time, said by its present-tense verb ("now employs")."""
_HOW_MANY_OR_MUCH = re.compile(r"\s*how (?:many|much)\b", re.IGNORECASE)


def now_for_then(question: str, asked: tuple[Date | None, Date | None] | None, sentence: str,
                 published: str | None) -> bool:
    """Whether a how-many or how-much question names a year before the article's (`asked`;
    "How many did Orla employ in 2019?") and the sentence says how things stand now, naming no
    year ("Orla now employs 21,400"; not "Ann Lee, now chairman,"): what it tells is of the
    article's time, not the year asked."""
    until = (asked or (None, None))[1]
    return bool(until and published and published[:4].isdigit()
                and _HOW_MANY_OR_MUCH.match(question) and until.year < int(published[:4])
                and _NOW.search(sentence) is not None
                and not _A_YEAR.search(sentence))


def other_time(question: str, asked: tuple[Date | None, Date | None] | None, sentence: str,
               published: str | None) -> bool:
    """`only_since` or `now_for_then`: the sentence tells of another time than asked."""
    return only_since(question, asked, sentence) \
        or now_for_then(question, asked, sentence, published)


_AHEAD = re.compile(r"\s*when\s+(?:will|(?:is|are)\b[^?]*\bexpected)\b", re.IGNORECASE)
_SINCE = re.compile(r"\bsince\s+$", re.IGNORECASE)


def since_for_ahead(question: str, sentence: str) -> bool:
    """Whether a question asks when something will happen ("When will…?") and every date the
    sentence gives is one things have gone on since ("has been selling phones since
    December"): how long, not when."""
    if not _AHEAD.match(question):
        return False
    values = answer_values(question, sentence)
    return bool(values) and all(_SINCE.search(sentence, max(0, at - 8), at) for at, _ in values)
