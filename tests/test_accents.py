"""A question may leave out the accents its articles' names carry ("Sanchez" for "Sánchez"),
or put in ones they leave out: the answer is found either way, with the real model, FAISS and
SQLite, and a near-topic question is still "Not found". Made-up articles."""

from __future__ import annotations

import numpy as np
import pytest

import qa
import qa.vocab
from qa.agreement import agreement
from qa.evidence import names_missing, weigh
from qa.text import fold_accents
from qa.vocab import stems
from tests.conftest import made_up_fixture

ARTICLES = {
    "velmora-bank.md": ("Velmora bank names new chief", "2024-05-02", "Valley Herald",
                        "The Banco Velmoreño said on Thursday that Inés Sánchez will become its "
                        "chief executive in July.\n\nMs Sánchez was paid 2.4 million euros last "
                        "year as head of the bank's Kraków office, the bank's annual report "
                        "shows.\n\nShe replaces Tomás Öberg, who retires after eleven years."),
    "velmora-port.md": ("Port of Velmora expands", "2024-06-10", "Coastal Times",
                        "The port of Velmora will add two berths by 2026, its director Jose "
                        "Muller said.\n\nThe work will cost 80 million euros."),
}


bot = made_up_fixture("accents", ARTICLES)


def test_accents_are_folded_and_nothing_else_changes() -> None:
    assert fold_accents("Inés Sánchez, Tomás Öberg, Kraków") == "Ines Sanchez, Tomas Oberg, Krakow"
    assert fold_accents("½ of £2m, ﬁve") == "½ of £2m, ﬁve"  # no compatibility rewriting
    assert fold_accents("plain text") == "plain text"


@pytest.mark.parametrize(("question", "text"), [
    ("How much was Ines Sanchez paid last year?", "Ms Sánchez was paid 2.4 million euros."),
    ("How much was Inés Sánchez paid last year?", "Ms Sanchez was paid 2.4 million euros."),
])
def test_a_name_said_with_or_without_accents_is_the_same_name(question: str, text: str) -> None:
    assert names_missing(question, stems(text)) == 0.0

    def weighed(question: str, text: str) -> dict[str, float]:
        rarity = {word: 0.8 for word in qa.vocab.terms(question)}
        return dict(weigh(question, text, f"Bank chief\n{text}", sentence_cosine=0.7,
                          passage_cosine=0.6, lexical=0.8, rarity=rarity,
                          unknown=0.0).features)

    assert weighed(question, text) == weighed(fold_accents(question), fold_accents(text))


@pytest.mark.parametrize(("question", "expected"), [
    ("How much was Ines Sanchez paid last year?", "2.4 million euros"),
    ("Whom does Ines Sanchez replace?", "Öberg"),
    ("Who is the director of the port of Velmora?", "Jose Muller"),
])
def test_a_question_is_answered_whatever_its_accents(bot: qa.Bot, question: str,
                                                     expected: str) -> None:
    answer = bot.ask(question)
    assert answer.text and expected in answer.text


def test_a_near_topic_question_without_accents_is_still_not_found(bot: qa.Bot) -> None:
    answer = bot.ask("How old is Ines Sanchez?")
    assert answer.text is None and answer.passages


def test_another_source_agrees_whatever_the_accents_of_the_question() -> None:
    same = np.ones(4, dtype=np.float32) / 2  # the two sentences as close as can be
    chosen = {0: ("Sánchez was paid 2.4 million euros at Kraków last year.", same),
              1: ("Sánchez was paid 2.4 million euros at Kraków, the report shows.", same)}
    for question in ("How much was Sánchez paid at Kraków?",
                     "How much was Sanchez paid at Krakow?"):
        assert agreement(question, 0, chosen, ["a", "b"]) == ([1], [])
