"""A name with an apostrophe inside ("Dan O'Keefe") is named by a text that says it, and a
role a follow-up says with where it is played ("the winger on the right wing") is the
person the previous turn named. Made-up text, no corpus's names."""

from __future__ import annotations

import pytest

from qa.chat import rewrite_follow_up
from qa.evidence import names_missing, stems, weigh
from tests.conftest import answered_turn


@pytest.mark.parametrize(("text", "missing"), [
    ("Irish actor Dan O'Keefe, who played the mayor of Velmora, has died.", 0.0),
    ("Irish actor Dan O’Keefe has died.", 0.0),  # a typographic apostrophe
    ("He played the mayor of Velmora in 1987.", 1.0),  # named by neither part
    ("Irish actor Dan Keeley has died.", 1.0),
])
def test_a_name_with_an_apostrophe_inside_is_named_by_a_text_that_says_it(
        text: str, missing: float) -> None:
    assert names_missing("Which mayor did Dan O'Keefe play?", stems(text)) == missing


def test_an_answer_naming_the_apostrophe_name_is_not_weighed_as_about_someone_else() -> None:
    question = "Which town's mayor did Dan O'Keefe play in 1987?"
    sentence = "Dan O'Keefe played the mayor of Velmora in 1987."
    evidence = weigh(question, sentence, f"Actor dies\n{sentence}", sentence_cosine=0.7,
                     passage_cosine=0.6, lexical=0.8, rarity={"mayor": 0.5, "keefe": 1.0},
                     unknown=0.0)
    assert evidence.features["names_missing"] == 0.0
    assert evidence.features["names_missing_article"] == 0.0


@pytest.mark.parametrize(("follow_up", "rewritten"), [
    ("Who replaces the winger on the right wing for the trip to Brandia?",
     "Who replaces Ann Lee on the right wing for the trip to Brandia?"),
    ("Who starts instead of the winger against Brandia?",
     "Who starts instead of Ann Lee against Brandia?"),
    # "for" after a role says which one ("the minister for Europe"): asked as typed
    ("Who is the winger for the under-21 side?", None),
])
def test_where_a_role_is_played_does_not_say_which_one_is_meant(
        follow_up: str, rewritten: str | None) -> None:
    sentence = "Ann Lee is ruled out with a hamstring injury."
    previous = answered_turn("Which Velmora winger is ruled out with a hamstring injury?",
                             f"Velmora name their side. {sentence}", sentence)
    assert rewrite_follow_up(follow_up, previous) == rewritten

