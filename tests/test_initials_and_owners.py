"""A name said by its initials in the plural ("CSOs" for Community Support Officers), or a
body whose name has "of" in it ("OFHEO director" for the director of the Office of Federal
Housing Enterprise Oversight), is the name the question asks about, and a body named after a
role ends at its comma. Made-up text, no corpus's names."""

from __future__ import annotations

import pytest

from qa.conflicts import _shortens, names_conflict
from qa.roles import holder_asked, role_named
from qa.slots import slot


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
    "How far north can the missile reach?",  # "3,000km", not a place
])
def test_a_distance_asked_with_a_direction_stays_a_figure(question: str) -> None:
    assert slot(question) == "amount"
