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
    ("How many died during the 2020 war?", None, None, False),
    ("What did Joly say in April?", None, None, False),
    ("How many residents are there?", None, None, False),
])
def test_parse(question: str, since: date | None, until: date | None, recent: bool) -> None:
    intent = parse(question)
    assert (intent.since, intent.until, intent.recent) == (since, until, recent)
    assert (intent.phrase is not None) == bool(since or until or recent)


def test_describe() -> None:
    assert parse("in July 2023").describe(None) == (
        "all articles, preferring those dated or mentioning 2023-07-01 to 2023-07-31")
    assert parse("latest news").describe(date(2023, 9, 27)) == "newest first, as of 2023-09-27"
