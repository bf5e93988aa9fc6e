"""Filters inside the search, dates in questions, duplicates collapsed, diversity."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import numpy as np
import pytest

import qa
from qa.models import Filters
from qa.search import search

from .conftest import SEEDS


def test_filters_still_return_k(bot: qa.Bot) -> None:
    # The 2020 article has 4 passages; a filter applied after a top-5 search would find fewer.
    answer = bot.ask("Nagorno-Karabakh", k=4, filters=Filters(since=date(2020, 1, 1),
                                                               until=date(2020, 12, 31)))
    assert [h.citation.path[:3] for h in answer.passages] == ["001"] * 4


def test_source_and_path_filters(bot: qa.Bot) -> None:
    a = bot.ask("Armenia", k=10, filters=Filters(source="canadian PRESS"))
    assert {h.citation.path[:3] for h in a.passages} == {"000", "002"}
    a = bot.ask("Armenia", k=10, filters=Filters(path="001_*"))
    assert {h.citation.path[:3] for h in a.passages} == {"001"}


def test_filtered_dense_search_matches_brute_force(bot: qa.Bot) -> None:
    index = bot.store.faiss_index()
    allowed = bot.store.allowed_ids(Filters(path="002_*"))
    vector = bot.encoder.encode(["ethnic cleansing accusations"])[0]
    got = search(bot.store, "ethnic cleansing accusations", vector, 5, "dense",
                 Filters(path="002_*"), collapse=False)
    brute = sorted(allowed, key=lambda i: -float(index.reconstruct([int(i)])[0] @ vector))[:5]
    assert [c.id for c in got] == [int(i) for i in brute]


def test_question_dates_are_preferred_not_required(bot: qa.Bot) -> None:
    a = bot.ask("Who is Canada's foreign minister in 2020?", k=10)
    assert a.dates == "all articles, preferring those dated or mentioning 2020-01-01 to 2020-12-31"
    assert a.passages[0].citation.date == "2020-10-06"
    assert a.text and "Champagne" in a.text
    # Nothing is left out: later articles still come back further down.
    assert any(h.citation.date and h.citation.date.startswith("2023") for h in a.passages)


@pytest.mark.parametrize(("question", "answer", "year"), [
    ("How long did the armed conflict between Armenia and Azerbaijan last in 2020?",
     "six weeks", "2020"),
    ("Who presented a report to Joly on Armenian democracy in April 2022?", "Stephane Dion",
     "2022"),
])
def test_a_past_year_is_answered_by_a_later_article_that_recounts_it(
        bot: qa.Bot, question: str, answer: str, year: str) -> None:
    a = bot.ask(question)
    assert a.text and answer in a.text
    cited = a.passages[(a.rank or 1) - 1].citation
    assert cited.date is None or not cited.date.startswith(year)  # published later


def test_a_year_no_article_names_still_searches_everything(bot: qa.Bot) -> None:
    a = bot.ask("What happened to the embassy in 1990?")
    assert a.passages and a.dates and "1990" in a.dates


def test_as_of_leaves_out_later_articles(bot: qa.Bot) -> None:
    a = bot.ask("Canada Armenia", k=20, as_of="2021-01-01")
    dated = {h.citation.date for h in a.passages} - {None}
    assert dated == {"2020-10-06"}
    # An as-of date alone is no date the question asked for: no dates line (recency still
    # applies, as the next test shows for "latest").
    assert a.dates is None


def test_latest_prefers_the_newest_article(bot: qa.Bot) -> None:
    a = bot.ask("What is the latest news on Canada and Armenia?", k=3)
    assert a.dates and "newest first" in a.dates
    assert a.passages[0].citation.date == "2023-07-21"


def test_bad_as_of(bot: qa.Bot) -> None:
    with pytest.raises(qa.QAError, match="YYYY-MM-DD"):
        bot.ask("Armenia", as_of="last tuesday")


def test_duplicates_collapse_into_one_hit(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus)
    shutil.copy(corpus / "000_4d762a9f0bec231f.txt", corpus / "wire_copy.txt")
    bot = qa.open(corpus, index=tmp_path / "i")
    a = bot.ask("How many civilian monitors are in the EU mission?", k=5)
    texts = [h.text for h in a.passages]
    assert len(texts) == len(set(texts)) == 5
    top = a.passages[0]
    assert {top.citation.path, *(c.path for c in top.also_in)} == {
        "000_4d762a9f0bec231f.txt", "wire_copy.txt"}
    assert a.to_dict()["passages"][0]["also_in"]
    bot.close()


def test_diversity_spreads_articles(bot: qa.Bot) -> None:
    plain = bot.ask("Canada Armenia Azerbaijan", k=5)
    diverse = bot.ask("Canada Armenia Azerbaijan", k=5, diversity=0.7)
    def spread(a: qa.Answer) -> float:
        vecs = bot.store.faiss_index().reconstruct([h.passage_id for h in a.passages])
        sims = vecs @ vecs.T
        return float(sims[np.triu_indices(len(vecs), 1)].mean())
    assert spread(diverse) < spread(plain)


_COUNCIL = """Velmora council meets on budget

Velmora, 3 March 2024 (Velmora Herald) - The Velmora council met on Tuesday to agree next year's \
budget.
Councillors approved £2m for road repairs on the eastern side of the town. The new car park by \
the station will open in June, the council said. Spending on parks rises by 4%, with new benches \
along the river path. The library will keep its Sunday hours after a petition signed by 3,000 \
residents. The lighthouse keeper, Ann Lee, has counted 412 whales passing the headland this \
year. Bin collections move to Thursdays from April. The council also agreed to plant 500 trees \
in the northern estates. A vote on the harbour wall was put off until May.
"""
_WHALE_TRIPS = """Whale watching booms along the coast

Orla, 5 March 2024 (Coast News) - Whale watching trips along the coast have never been so \
popular this year.
Boats leave the harbour twice a day, and guides say they now pass the headland more often than \
before. Visitors come from across the country, and the cafes by the harbour have taken on extra \
staff. The trips cost £25 for adults and £10 for children. Bookings are up by a third on last year.
"""


def test_a_passage_whose_one_sentence_answers_outranks_one_on_the_topic(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # One line of a long council report answers; a whole article about whale trips only
    # shares the topic. The passage's own vector blurs the line, its best sentence does not.
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "council.txt").write_text(_COUNCIL, encoding="utf-8")
    (corpus / "whales.txt").write_text(_WHALE_TRIPS, encoding="utf-8")
    bot = qa.open(corpus, index=tmp_path / "i")
    question = "How many whales were counted this year?"
    a = bot.ask(question, k=3)
    assert a.passages[0].citation.path == "council.txt"
    assert a.text and "412 whales" in a.text
    monkeypatch.setattr("qa.search.SENTENCE_SHARE", 0.0)  # the passages' vectors alone
    alone = bot.ask(question, k=3)
    # without its sentence the council passage is at best level with the whale trips (which
    # one edges ahead moves with the numerics of the installed packages); with it, well ahead
    assert _lead(alone) < _lead(a) / 2
    bot.close()


def _lead(a: qa.Answer) -> float:
    """How far the council report's best passage scores above the whale trips' best."""
    best = {p: max(h.score for h in a.passages if h.citation.path == p)
            for p in ("council.txt", "whales.txt")}
    return best["council.txt"] - best["whales.txt"]
