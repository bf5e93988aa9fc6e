"""A name said by its initials in the plural ("CSOs" for Community Support Officers), or a
body whose name has "of" in it ("OFHEO director" for the director of the Office of Federal
Housing Enterprise Oversight), is the name the question asks about; "How far west would the
line go?" is answered by a place ("as far as Maidenhead"). Made-up text, no corpus's names."""

from __future__ import annotations

import pytest

from qa.conflicts import _shortens, names_conflict
from qa.evidence import weigh
from qa.roles import holder_asked, role_named
from qa.slots import answer_values, slot


def test_a_plural_of_initials_is_the_name_they_shorten() -> None:
    question = "How much was promised so that new Velmora Support Officers could be hired now?"
    assert not names_conflict(question, "An extra £5m was promised so new VSOs can be hired now.")
    assert _shortens("VSOs", "Velmora Support Officers")
    assert not _shortens("ZPOs", "Velmora Support Officers")
    assert not _shortens("Velmoras", "Velmora Support Officers")  # a plural name, no initials


@pytest.mark.parametrize(("sentence", "named"), [
    ("Ivo Brandt, OVTO director, said the rules would change.", True),
    ("OVTO director Ivo Brandt said the rules would change.", True),
    ("ZPX director Ivo Brandt said the rules would change.", False),  # another body's director
])
def test_a_body_whose_name_has_of_in_it_is_named_by_its_initials(sentence: str,
                                                                  named: bool) -> None:
    question = "Who is the director of the Office of Velmora Trade Oversight?"
    assert role_named(question, holder_asked(question) or "", sentence) is named


def test_how_far_in_a_direction_a_line_goes_is_answered_by_a_place() -> None:
    question = "How far west of Velmora would the new line go?"
    assert slot(question) == "place"
    assert [v for _, v in answer_values(
        question, "The line would go as far as Orlaford, to the west of Velmora.")] == ["Orlaford"]
    sentence = "The line would go out as far as Orlaford, to the west of Velmora."
    evidence = weigh(question, sentence, f"Line approved\n{sentence}", sentence_cosine=0.7,
                     passage_cosine=0.6, lexical=0.8, rarity={"west": 0.3, "line": 0.3},
                     unknown=0.0)
    assert evidence.features["type_missing"] == 0.0  # the place is its answer, no length
    assert slot("How far did the index fall?") == "amount"
    assert slot("How far west of Velmora is Orlaford?") == "amount"  # a distance


@pytest.mark.parametrize(("sentence", "named"), [
    ("The new chief executive of the Velmora FA, Ann Lee, spoke on Monday.", True),
    ("The new chief executive of the Zeta FA, Ann Lee, spoke on Monday.", False),  # another's
])
def test_a_body_named_after_the_role_ends_at_its_comma(sentence: str, named: bool) -> None:
    question = "Who is the new chief executive of the Velmora FA?"
    assert role_named(question, holder_asked(question) or "", sentence) is named


def test_a_plural_of_initials_shortens_only_a_whole_name() -> None:
    assert not _shortens("MPs", "Malta")  # "ambassador to the MPs" is no Malta
    assert _shortens("EU", "European Union")  # (a singular may start a longer name's)


@pytest.mark.parametrize("question", [
    "How far east of the capital is the new golf course?",  # "go" in "golf": a distance
    "How far north did the plane go before it crashed?",  # a distance flown
    "How far west would the line extend, in miles?",
])
def test_a_distance_asked_with_a_direction_stays_a_figure(question: str) -> None:
    assert slot(question) == "amount"
