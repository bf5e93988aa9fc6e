"""Which round or age grade of a contest a question and a sentence are about: "How many viewers
watched the semi-final?" is not answered by "The final drew an audience of 7 million", nor "Who
umpired the first Test?" by "The second Test was umpired by Helen Marsh", nor "By how much did
sales rise in the second quarter?" by "…rose 3.1% in the final quarter", nor "Who coached the
under-21 side?" by "Ireland coach Eddie O'Sullivan"."""

from __future__ import annotations

import re

_STAGE = re.compile(r"\b(?:(semi|quarter)[\s-]?)?finals?\b", re.IGNORECASE)
"""A final, a semi-final or a quarter-final, however it is written."""
_ORDINAL = re.compile(r"\b(first|second|third|fourth|fifth|sixth|seventh|1st|2nd|3rd|4th|5th|final|"
                      r"last|opening)[\s-]+(test|round|leg|game|match|stage|half|innings|day|set|heat|"
                      r"quarter|weekend|week|album|novel|book|film|single|term|"
                      r"marriage|child)s?\b(\s+of\s+(?:the|its|their)\s+(?:financial\s+)?year)?",
                      re.IGNORECASE)
"""A numbered part of a contest or a year ("the first Test", "the second leg", "the third
quarter")."""
_SAME = {"1st": "first", "2nd": "second", "3rd": "third", "4th": "fourth", "5th": "fifth",
         "opening": "first",
         ("final", "quarter"): "fourth", ("final", "half"): "second"}
"""Numbers that say the same part ("4th", "fourth"; the final quarter is the fourth). Of other
parts "final" says no number (a golf event's final round may be its fourth); "last" only in "the
last quarter of the year" ("last quarter" alone is most often the latest)."""


_REACHED = re.compile(r"\b(?:reach\w*|into|to|make|made|making|qualif\w*\s+for)\s+(?:the\s+)?"
                      r"(?:[\w'’-]+\s+){0,3}$", re.IGNORECASE)
"""Words that make a round where one goes ("to reach the Australian Open final"): the round
played is the one before it."""


def _stages(text: str, asked: bool = False) -> set[str]:
    return {(m.group(1) or "").lower() + "final" for m in _STAGE.finditer(text)
            if not (asked and _REACHED.search(text, 0, m.start()))}


_QUARTER_TO = re.compile(r"\bthree months (?:to|ended|ending)\s+(?:the end of\s+)?(?:\d{1,2}\s+)?"
                         r"(March|June|September|December)\b", re.IGNORECASE)
"""A quarter told by the month it ends ("the three months to the end of June": the second)."""
_QUARTERS = {"march": "first", "june": "second", "september": "third", "december": "fourth"}
_WHOLE_YEAR = re.compile(r"\b(?:(?:the )?whole (?:of )?(?:the )?(?:year|(?:19|20)\d\d)|"
                         r"full[- ]year|for the year)\b", re.IGNORECASE)
"""A question about a whole year's figure: a quarter's does not answer it."""


def _parts(text: str) -> set[tuple[str, str]]:
    parts = {(_QUARTERS[m.group(1).lower()], "quarter") for m in _QUARTER_TO.finditer(text)}
    for m in _ORDINAL.finditer(text):
        number, noun = m.group(1).lower(), m.group(2).lower()
        if number == "last" and m.group(3):
            number = "final"  # "the last quarter of the year": the fourth
        number = _SAME.get((number, noun), _SAME.get(number, number))
        if number not in ("final", "last"):
            parts.add((number, noun))
    return parts


def other_round(question: str, sentence: str) -> bool:
    """Whether the sentence names another round of a contest than the question (a final for a
    semi-final, the second Test for the first) and never the question's own."""
    asked, said = _stages(question, asked=True), _stages(sentence)
    if asked and said and not asked & said:
        return True
    parts, told = _parts(question), _parts(sentence)
    if _WHOLE_YEAR.search(question) and not _WHOLE_YEAR.search(sentence) and (
            any(n == "quarter" for _, n in told) or re.search(r"\bthree months\b", sentence,
                                                             re.IGNORECASE)):
        return True  # "over the whole of 2004" / "for the last three months of 2004"
    return any(noun == n and number != m for number, noun in parts for m, n in told) \
        and not parts & told


_GRADE = re.compile(r"\b(?:under-|u-?)(\d\d)s?\b|\bunder\s(\d\d)(?:s\b|(?=\s+(?:side|team|squad|"
                    r"coach|captain|level|international|cap)s?\b))", re.IGNORECASE)
"""An age grade ("under-21", "Under 20s", "U21")."""


def other_grade(question: str, sentence: str) -> bool:
    """Whether the question asks about an age grade's side ("Who coached Ireland's under-21
    side?") and the sentence names none of its grades ("Ireland coach Eddie O'Sullivan" coaches
    the senior side)."""
    asked = {m.group(1) or m.group(2) for m in _GRADE.finditer(question)}
    return bool(asked) and not asked & {m.group(1) or m.group(2)
                                        for m in _GRADE.finditer(sentence)}
