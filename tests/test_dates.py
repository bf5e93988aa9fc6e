"""Dates in questions."""

from __future__ import annotations

from datetime import date

import pytest

from qa.dates import parse


@pytest.mark.parametrize("question, since, until, recent", [
    ("What happened in 2020?", date(2020, 1, 1), date(2020, 12, 31), False),
    ("what did she announce in July 2023?", date(2023, 7, 1), date(2023, 7, 31), False),
    ("and in Sept. 2023?", date(2023, 9, 1), date(2023, 9, 30), False),
    ("Who has led it since 2021?", date(2021, 1, 1), None, False),
    ("What was agreed before 2022?", None, date(2021, 12, 31), False),
    ("What is the latest on the embassy?", None, None, True),
    ("What happened last week in Armenia?", None, None, True),
    ("How many died during the 2020 war?", date(2020, 1, 1), date(2020, 12, 31), False),
    ("According to the October 2020 report, what escalated?", date(2020, 10, 1),
     date(2020, 10, 31), False),
    ("Who won their 2004 final?", date(2004, 1, 1), date(2004, 12, 31), False),
    ("Who won the 2004-05 title?", None, None, False),
    ("What happened in 2004-05?", date(2004, 1, 1), date(2004, 12, 31), False),
    ("What did the 1980s boom bring?", None, None, False),
    ("Where will the 2000 jobs be cut?", None, None, False),
    ("How big was the 2000-strong crowd?", None, None, False),
    ("What did the 2019 survey find about sales in 2020?", date(2020, 1, 1),
     date(2020, 12, 31), False),
    ("What was in the 2003 report before 2005?", None, date(2004, 12, 31), False),
    ("What happened before the 2006 World Cup?", None, date(2005, 12, 31), False),
    ("In the October 2020 report, what word describes the region they have fought over since "
     "1988?", date(2020, 10, 1), date(2020, 10, 31), False),
    ("What has the firm made since 1988, says the 2004 article?", date(2004, 1, 1),
     date(2004, 12, 31), False),
    ("What has the firm made since 1988, says the 2004 survey?", date(1988, 1, 1), None, False),
    ("What did Joly say in April?", None, None, False),
    ("How many residents are there?", None, None, False),
])
def test_parse(question: str, since: date | None, until: date | None, recent: bool) -> None:
    intent = parse(question)
    assert (intent.since, intent.until, intent.recent) == (since, until, recent)
    assert (intent.phrase is not None) == bool(since or until or recent)


def test_a_time_that_names_the_thing_asked_about_stays_a_question_word() -> None:
    """"the 2022 World Cup" is preferred like "in 2022", but is also what is asked about: a
    sentence about another World Cup does not answer it."""
    assert parse("Who won the 2022 World Cup?").names_thing
    assert parse("What did the October 2020 report say?").phrase == "the October 2020"
    assert not parse("Who won the World Cup in 2022?").names_thing


def test_describe() -> None:
    assert parse("in July 2023").describe(None) == (
        "all articles, preferring those dated or mentioning 2023-07-01 to 2023-07-31")
    assert parse("latest news").describe(date(2023, 9, 27)) == "newest first, as of 2023-09-27"
