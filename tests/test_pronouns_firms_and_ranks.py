"""A pronoun that cannot be the question's own name ("What might Orla Bank do with it?"), a
body named by its kind ("the corporation's"), a firm named by the first half of "Orla & Lee",
a race time asked of a sentence that gives none, a verb said in another form, and "dropped
in favour of" for replacing. Made-up text, no corpus's names."""

from __future__ import annotations

import pytest

from qa.chat import rewrite_follow_up
from qa.conflicts import names_conflict
from qa.leaning import is_follow_up
from qa.phrases import said_otherwise
from qa.predicates import predicate_missing
from qa.roles import role_unnamed
from qa.slots import answer_values, slot
from tests.conftest import answered_turn


@pytest.mark.parametrize(("question", "leans"), [
    ("What might Orla Bank offer to do with it to win approval?", True),
    ("How much did Velmora Telecom pay for it?", True),
    ("What did Ann Lee say about them?", True),
    ("How long did it take Orla Bank to sell the plant?", False),  # "it" stands for nothing
    ("How much did Orla Bank pay for its rival?", False),  # "its" looks ahead to Orla Bank
    ("Where will the corporation's new head of drama be based?", True),
    ("Where will the corporation's new head of drama be based in Velmora?", False),
    ("How much did Orla Bank pay for them?", True),
    ("How did Orla Bank react when Zeta made an offer for it?", False),  # it: Orla Bank
])
def test_a_pronoun_or_a_body_named_by_kind_leans_back(question: str, leans: bool) -> None:
    assert is_follow_up(question) is leans


def test_an_object_pronoun_is_the_previous_answer_not_the_questions_own_name() -> None:
    text = ("Orla Bank owns Zetapay, its payments arm. Its ownership of Zetapay is seen as the "
            "main obstacle to a merger.")
    sentence = "Its ownership of Zetapay is seen as the main obstacle to a merger."
    previous = answered_turn("Which payments arm of Orla Bank is the main obstacle to a merger?",
                         text, sentence)
    assert rewrite_follow_up("What might Orla Bank offer to do with it?", previous) == \
        "What might Orla Bank offer to do with Zetapay?"


def test_the_corporation_is_the_body_the_previous_turn_named_with_its_article() -> None:
    sentence = "The VBC is to invest £9m in new comedy outside the capital."
    previous = answered_turn("How much is the VBC to invest in new comedy outside the capital?",
                         sentence, sentence)
    assert rewrite_follow_up("Where will the corporation's new head of drama be based?",
                             previous) == "Where will the VBC's new head of drama be based?"


def test_the_verb_after_a_subject_is_no_part_of_its_name() -> None:
    sentence = "The VBC is to invest £9m in new comedy outside the capital."
    previous = answered_turn("How much will the VBC invest in new comedy?", sentence, sentence)
    assert rewrite_follow_up("Where will the corporation's new head of drama be based?",
                             previous) == "Where will the VBC's new head of drama be based?"
    sentence = "The EU mission will send 100 monitors to the border."
    previous = answered_turn("How many monitors will the EU mission send?", sentence, sentence)
    assert rewrite_follow_up("When will it start?", previous) == \
        "When will the EU mission start?"  # "mission" is the subject's own noun


def test_a_firm_is_named_by_the_first_half_of_its_ampersand_name() -> None:
    question = "Who is Orla & Lee's new chief executive?"
    sentence = "Orla's new chief executive, Ann Park, is trying to settle with the regulator."
    assert not names_conflict(question, sentence)
    assert not role_unnamed(question, sentence)
    assert role_unnamed(question, "Zeta's new chief executive, Bo Chan, said so.")  # another's
    assert names_conflict("How much did Orla & Lee earn?", "Zeta earned £3m.")


@pytest.mark.parametrize(("question", "sentence", "values"), [
    ("What was Ann Lee's time in the 1500m?", "Lee clocked 4:06.75 to win.", ["4:06.75"]),
    ("What was Ann Lee's time in the 1500m won by Bo Park?",
     "The Olympic champion's time was inside the qualifying mark.", []),
])
def test_a_race_time_wants_one_said(question: str, sentence: str, values: list[str]) -> None:
    assert slot(question) == "time"
    assert [v for _, v in answer_values(question, sentence)] == values


def test_a_time_in_office_or_at_a_club_is_no_race_time() -> None:
    assert slot("What was Ann Lee's time in office like?") is None
    assert slot("What was Bo Park's time at Orla City like?") is None


def test_a_word_of_a_name_said_in_lower_case_does_not_name_it() -> None:
    question = "What growth does the Velmora Institute of Economic Research forecast for 2005?"
    assert names_conflict(question, "The ECB has forecast economic growth of 1.9% in 2005.")
    assert not names_conflict(question, "Economic Research has forecast growth of 1.9% in 2005.")
    assert not names_conflict("How many songs has eZeta sold?", "EZETA has sold 5m songs.")


def test_dropped_in_favour_of_says_replacing() -> None:
    assert not predicate_missing("Who replaced Ann Lee as captain in 1987?",
                                 "Captain Ann Lee was dropped in favour of Cy Dunn in 1987.")
    assert predicate_missing("Who replaced Ann Lee as party leader?",
                             "Bo Park, the deputy leader, spoke in favour of Ann Lee.")
    assert predicate_missing("How much did Ann Lee pay for the house?",
                             "Ann Lee is selling the house for £2m.")  # an asking price


def test_a_verb_is_said_in_its_other_forms() -> None:
    said = set("compared with a loss of 984m euros".split())
    assert said_otherwise(["lose", "orla", "2003"], said) == {"lose"}
    assert said_otherwise(["lose"], {"losses"}) == {"lose"}
    assert said_otherwise(["sold"], {"sales", "zeta"}) == {"sold"}
    assert said_otherwise(["speak"], {"spokesman"}) == set()  # no form of "speak"
    assert said_otherwise(["stand"], {"standard"}) == set()


def test_an_object_pronoun_is_never_the_questions_own_name() -> None:
    sentence = "Zeta Group plans to buy Orla Motors."
    previous = answered_turn("What does Zeta Group plan to buy?", sentence, sentence)
    rewritten = rewrite_follow_up("What might Zeta Group offer to do with it?", previous)
    assert rewritten is None or "with Zeta Group" not in rewritten
