"""Dates in questions: "in 2020", "in July 2023", "latest", "last week" become search limits."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date as Date
from datetime import timedelta

from .vocab import MONTH_PATTERN, month_number

_RANGE = re.compile(
    rf"\b(?P<prep>in|during|from|since|after|before|until|by)\s+"
    rf"(?:(?P<month>{MONTH_PATTERN})\.?\s+)?(?P<year>(?:19|20)\d\d)\b", re.IGNORECASE)
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

    def describe(self, as_of: Date | None) -> str | None:
        """How the search was limited, in words, for the user to see."""
        parts = []
        if self.since and self.until:
            parts.append(f"articles dated {self.since.isoformat()} to {self.until.isoformat()}")
        elif self.since:
            parts.append(f"articles dated from {self.since.isoformat()}")
        elif self.until:
            parts.append(f"articles dated up to {self.until.isoformat()}")
        if self.recent and as_of:
            parts.append(f"newest first, as of {as_of.isoformat()}")
        return "; ".join(parts) or None


def parse(question: str) -> DateIntent:
    """Read date limits out of a question (months without a year are left alone)."""
    m = _RANGE.search(question)
    recent = _RECENT.search(question)
    since = until = None
    phrase = None
    if m:
        year = int(m.group("year"))
        month = month_number(m.group("month") or "")
        if month:
            start = Date(year, month, 1)
            end = Date(year, month, calendar.monthrange(year, month)[1])
        else:
            start, end = Date(year, 1, 1), Date(year, 12, 31)
        prep = m.group("prep").lower()
        if prep in ("in", "during"):
            since, until = start, end
        elif prep in ("from", "since"):
            since = start
        elif prep == "after":
            since = end + timedelta(days=1)
        else:  # before, until, by
            until = end if prep in ("until", "by") else start - timedelta(days=1)
        phrase = m.group(0)
    if recent and phrase is None:
        phrase = recent.group(0)
    return DateIntent(since, until, bool(recent), phrase)
