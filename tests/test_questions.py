"""Answer quality on the seed corpus: our own questions, each with its answer string."""

from __future__ import annotations

import json

import pytest

import qa

from .conftest import ROOT

QUESTIONS = [json.loads(line) for line in
             (ROOT / "tests/data/seed_questions.jsonl").read_text().splitlines() if line]
UNANSWERABLE = [q for q in (ROOT / "tests/data/unanswerable.txt").read_text().splitlines() if q]


def answer_rank(answer: qa.Answer, expected: str) -> int | None:
    for hit in answer.passages:
        if expected.lower() in hit.text.lower():
            return hit.rank
    return None


def test_at_least_thirty_questions() -> None:
    assert len(QUESTIONS) >= 30


@pytest.fixture(scope="module")
def answers(bot: qa.Bot) -> list[tuple[dict[str, str], qa.Answer]]:
    return [(q, bot.ask(q["question"], k=5)) for q in QUESTIONS]


def test_answer_passage_in_top_five_for_every_question(answers) -> None:  # type: ignore[no-untyped-def]
    missing = [q["question"] for q, a in answers if answer_rank(a, q["answer"]) is None]
    assert missing == []


def test_answer_passage_first_for_nine_in_ten(answers) -> None:  # type: ignore[no-untyped-def]
    first = sum(answer_rank(a, q["answer"]) == 1 for q, a in answers)
    assert first >= 0.9 * len(answers), f"{first}/{len(answers)} first"


def test_answer_sentence_holds_the_answer_for_most(answers) -> None:  # type: ignore[no-untyped-def]
    right = [q for q, a in answers if a.text and q["answer"].lower() in a.text.lower()]
    assert len(right) >= 0.85 * len(answers)


def test_few_answerable_questions_are_refused(answers) -> None:  # type: ignore[no-untyped-def]
    # The not-found threshold is fitted to refuse at most 5% of the whole tune split (these
    # questions and bbc's), so a seed question or two may fall under it; a refused question
    # still lists its answering passage among the closest ones.
    refused = [(q, a) for q, a in answers if not a.found]
    assert len(refused) <= 2, [q["question"] for q, _ in refused]
    for q, a in refused:
        assert answer_rank(a, q["answer"]) is not None, q["question"]


@pytest.mark.parametrize("question", UNANSWERABLE)
def test_unanswerable_questions_get_not_found(bot: qa.Bot, question: str) -> None:
    answer = bot.ask(question)
    assert answer.text is None and answer.rank is None
    assert answer.passages  # the closest passages are still listed
    assert answer.to_dict()["answer"] is None


def test_done_when_examples(bot: qa.Bot) -> None:
    joly = bot.ask("Who is Canada's foreign affairs minister?")
    assert "Melanie Joly" in joly.passages[0].text
    assert joly.passages[0].citation.path.startswith(("000_", "002_"))
    drones = bot.ask("Which minister suspended drone exports to Turkey?")
    top = drones.passages[0]
    assert top.citation.path.startswith("001_") and top.citation.date == "2020-10-06"
    assert "Champagne" in drones.text
