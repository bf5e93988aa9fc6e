"""Answer quality on the held-out questions of tests/data/answers/heldout15/, held to floors.

The measuring is benchmarks/answers.py's `evaluate` (one copy: `python benchmarks/answers.py`
prints the same figures for every split). Only the held-out split is asserted here:
tune/ and heldout/ to heldout14/ are what the answer layer is fitted on
(benchmarks/fit_sentences.py, benchmarks/fit_answers.py), so passing them would prove little.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

import qa

from .conftest import SEEDS, load_benchmark

answers = load_benchmark("answers")

HELD_OUT = answers.HELD_OUT
# Held-out floors: each figure's share must be at least this, except "wrongly refused" (the
# share of answerable questions answered "not found"), which must be at most this. Set to the
# figures `python benchmarks/answers.py --split heldout15` measured on 2026-12-02 (the answer
# layer fitted on tune/ and heldout/ to heldout14/ only; nothing chosen on heldout15), one
# question of slack, so that they catch a regression (the comments give the figures measured
# on 2026-12-03).
# The targets, not met yet where the comment says so: near-topic not found >= 0.80,
# wrongly refused <= 0.05, off-topic 1.0, bbc top-5 >= 0.90 and top-1 >= 0.70, seeds top-1
# >= 0.90 and top-5 1.0, follow-up top-3 >= 0.85.
FLOORS: dict[str, dict[str, float]] = {
    "seeds": {
        "passage top-1": 0.74,                   # measured 8/8; target 0.90
        "passage top-5": 0.87,                   # 8/8
        "sentence has answer": 0.62,             # 6/8
        "wrongly refused": 0.38,                 # 2/8 (at most); target 0.05
        "near-topic not found": 0.83,            # 6/6
        "off-topic not found": 1.00,             # 10/10
        "follow-up top-3": 0.74,                 # 4/4
        "rewritten": 0.74,                       # 4/4
        "follow-up sentence has answer": 0.74,   # 4/4
    },
    "bbc": {
        "passage top-1": 0.84,                   # measured 52/60
        "passage top-5": 0.96,                   # 59/60
        "sentence has answer": 0.71,             # 44/60
        "wrongly refused": 0.07,                 # 2/60 (at most; target 0.05 met)
        "past year answered": 0.77,              # 22/27: a later article recounts the year
        "near-topic not found": 0.49,            # 19/30; target 0.80
        "off-topic not found": 1.00,             # 10/10
        "follow-up top-3": 0.94,                 # 20/20
        "rewritten": 0.94,                       # 20/20
        "follow-up sentence has answer": 0.49,   # 12/20
    },
}
AT_MOST = frozenset({"wrongly refused"})


@pytest.fixture(scope="module")
def bbc_bot(bbc_index: tuple[Path, Path, dict]) -> Iterator[qa.Bot]:
    """A bot over the BBC articles of ../shared, on the index the session built once."""
    corpus, index, _ = bbc_index
    bot = qa.open(corpus, index=index)
    yield bot
    bot.close()


def test_answer_files_quote_their_articles() -> None:
    """Every answer string is in its article, every cited article exists, in both splits."""
    checked = 0
    for split in answers.SPLITS:
        for name, corpus in answers.CORPORA.items():
            records = answers.load(split, name)
            if records is None or not corpus.exists():
                continue
            assert answers.check(records, corpus) == [], f"{split}/{name}.jsonl"
            checked += 1
    assert checked >= 2  # at least the seeds files of both splits


@pytest.mark.slow
def test_heldout_answers_on_seeds_meet_the_floors(bot: qa.Bot) -> None:
    assert Path(bot.corpus).resolve() == SEEDS.resolve()
    _meets_floors(bot, "seeds")


@pytest.mark.slow
def test_heldout_answers_on_bbc_meet_the_floors(bbc_bot: qa.Bot) -> None:
    _meets_floors(bbc_bot, "bbc")


@pytest.mark.slow
def test_a_later_hit_answers_when_the_first_hits_sentence_does_not(bbc_bot: qa.Bot) -> None:
    # The sentence ranked first ("…started by US blogger Curt Hopkins and counts … Ellen
    # Simonetti as a deputy director") names no one as the director; the third hit does.
    answer = bbc_bot.ask("Who is the director of the Committee to Protect Bloggers?")
    assert answer.text is not None and "Curt Hopkins, director of the Committee" in answer.text


@pytest.mark.slow
def test_a_hits_second_sentence_answers_and_is_highlighted(bbc_bot: qa.Bot) -> None:
    # The first hit's best-ranked sentence says nothing of who leads the BNP; its next one,
    # "BNP leader Nick Griffin told the Independent…", does, and the hit then shows it.
    answer = bbc_bot.ask("Who is the BNP leader who said Michael Howard's immigration plans "
                         "were moving onto his party's turf?")
    assert answer.text is not None and "Nick Griffin" in answer.text
    hit = answer.passages[answer.rank - 1]
    assert hit.highlight is not None
    assert hit.text[hit.highlight[0]:hit.highlight[1]] == answer.text


def _meets_floors(bot: qa.Bot, corpus: str) -> None:
    records = answers.load(HELD_OUT, corpus)
    assert records, f"tests/data/answers/{HELD_OUT}/{corpus}.jsonl is missing or empty"
    figures = answers.evaluate(bot, records, answers.off_topic())["figures"]
    assert set(figures) == set(FLOORS[corpus]), "a figure without a floor, or one not measured"
    below = []
    for name, floor in FLOORS[corpus].items():
        value = answers.share(figures[name])
        if (value > floor) if name in AT_MOST else (value < floor):
            bound = "at most" if name in AT_MOST else "at least"
            below.append(f"{name}: {answers.cell(figures[name])}, wanted {bound} {floor:.0%}")
    assert not below, "held-out figures past their floors:\n  " + "\n  ".join(below)
