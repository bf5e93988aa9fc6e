"""A people named for its land ("the Irish" holds "Ireland"), a title that is no one ("as
Ostrian President"), where a thing is for which thing it is ("in hospital in Port Orla"), and a
year that names one edition of an event for its first ("The 2005 Orla Show"). Made-up text, no
corpus's names."""

from __future__ import annotations

import pytest

from qa.aliases import lands_said
from qa.dates import editions
from qa.slots import answer_values


@pytest.mark.parametrize(("question", "text", "held"), [
    ("Where did Ireland beat Velmora in June 1984?", "the Irish winning 1-0 in Orla", {"irela"}),
    ("Who is Ostria's coach?", "the Ostrian captain said", {"ostri"}),
    ("What did Georgia decide?", "Georgians voted", {"georg"}),
    ("What did France's index fall to?", "Italian consumer confidence rose", set()),
    ("Where did Ireland play?", "they played in Orla", set()),
])
def test_a_land_is_held_by_its_people(question: str, text: str, held: set[str]) -> None:
    assert lands_said(question, text) == held


@pytest.mark.parametrize(("question", "sentence", "values"), [
    ("Which Velmora Times journalist interviewed Ann Lee about Bo Park's second term?",
     "Bo Park will be more open as he begins his second term as Ostrian President, Ann Lee "
     "has said.", []),
    ("Which Velmora Times journalist interviewed Ann Lee?",
     "Ann Lee was interviewed by Velmora Times journalist Tom Reed.", ["Tom Reed"]),
    ("At which hospital was Ann Lee treated after her fall?",
     "Singer Ann Lee is in hospital in Port Orla after a fall.", []),
    ("At which hospital was Ann Lee treated after her fall?",  # a hospital said by its town
     "Ann Lee is in the St Mary's hospital in Port Orla.", ["St Mary's", "Port Orla"]),
    ("Which Orla factory is Kestrel closing on Monday?",
     "It is to close the Orla factory in Velburg on Monday.", ["Velburg"]),
])
def test_a_title_or_a_place_is_no_answer_for_which_one(question: str, sentence: str,
                                                       values: list[str]) -> None:
    assert [v.rstrip(".") for _, v in answer_values(question, sentence)] == values


@pytest.mark.parametrize(("question", "sentence", "years"), [
    ("In what year was the first Orla Gadget Show held?",
     "The 2005 Orla Gadget Show in Velburg is a geek's paradise.", []),
    ("In what year was the first Orla Gadget Show held?",
     "The first Orla Gadget Show was held in 1967.", ["1967"]),
    ("In what year was the Orla Gadget Show held in Velburg?",
     "The 2005 Orla Gadget Show in Velburg is a geek's paradise.", ["2005"]),
])
def test_a_year_that_names_an_edition_is_not_the_first(question: str, sentence: str,
                                                        years: list[str]) -> None:
    values = answer_values(question, sentence)
    assert [v for _, v in editions(question, sentence, values)] == years


@pytest.mark.parametrize(("question", "sentence", "other"), [
    ("Where did Velmora beat Ostria?", "Velmora have arranged friendlies against Ostria which "
     "will take place in March and August.", True),
    ("Where did Velmora beat Ostria?", "The previous encounter, back in June 1984, ended with "
     "Velmora winning 1-0 in Port Orla.", False),
    ("Where did Velmora beat Ostria?", "In 1984 they won in Port Orla, before the August "
     "games.", False),  # the year asked
    ("What turned into an escalation on September 27?", "But on September 27 it turned into "
     "a major escalation.", False),  # a month the question names
    ("Where did Velmora beat Ostria?", "They won in Port Orla.", False),
])
def test_a_month_of_a_year_asked_is_not_another_months(question: str, sentence: str,
                                                       other: bool) -> None:
    from datetime import date

    from qa.times_told import month_of_year

    assert month_of_year(question, (date(1984, 6, 1), date(1984, 6, 30)), sentence) is other


def test_a_months_own_figures_are_that_months() -> None:
    from qa.times_told import other_month

    assert other_month("What was Orla's inflation rate in November?",
                       "December's figure was 2.1%, the bank said.")
    assert not other_month("What was Orla's inflation rate in November?",
                           "It rose to 2.1% in November, from October's 1.9%.")


@pytest.mark.parametrize(("question", "sentence", "ages"), [
    ("How old is Bo Park's mother Katherine?", "Mr Park, 46, denies the charges.", []),
    ("How old is Ann Lee's husband?", "Ann Lee, 54, arrived with him.", []),
    ("How old is Bo Park?", "Mr Park, 46, denies the charges.", ["46"]),
    ("How old was Orla's Joe Reed?", "Reed, 23, scored twice.", ["23"]),  # a club's player
])
def test_the_age_asked_is_not_its_owners(question: str, sentence: str, ages: list[str]) -> None:
    assert [v for _, v in answer_values(question, sentence)] == ages
