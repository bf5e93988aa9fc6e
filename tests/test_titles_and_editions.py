"""A people named for its land ("the Irish" holds "Ireland"), a title that is no one ("as
Ostrian President"), where a thing is for which thing it is ("in hospital in Port Orla"), a
year that names one edition of an event for its first ("The 2005 Orla Show"), and an owner's
age for the one owned's ("Mr Park, 46," for Bo Park's mother). Made-up text, no corpus's
names."""

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
    ("Who is the governor of the Bank of Velmora?", "The bank is led by governor Orla King.",
     ["Orla King"]),  # a surname that is also a title
    ("Which MP backed the bill?", "It was backed by Ann Lee MP, who spoke first.", ["Ann Lee MP"]),
    ("In which court did Ann Lee appear?", "Ann Lee appeared in court in Velburg.", ["Velburg"]),
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
    ("When did Velmora win its first Orla Cup?", "Velmora won the 1966 Orla Cup at home.",
     ["1966"]),  # its first: the edition it won
    ("When did Ann Lee become the first Velmoran woman in space?",
     "In 1998 Velmoran astronaut Ann Lee became the first.", ["1998"]),
    ("In what year was the Orla Gadget Show held in Velburg?",
     "The 2005 Orla Gadget Show in Velburg is a geek's paradise.", ["2005"]),
])
def test_a_year_that_names_an_edition_is_not_the_first(question: str, sentence: str,
                                                        years: list[str]) -> None:
    values = answer_values(question, sentence)
    assert [v for _, v in editions(question, sentence, values)] == years


@pytest.mark.parametrize(("question", "sentence", "ages"), [
    ("How old is Bo Park's mother Katherine?", "Mr Park, 46, denies the charges.", []),
    ("How old is Ann Lee's husband?", "Ann Lee, 54, arrived with him.", []),
    ("How old is Bo Park?", "Mr Park, 46, denies the charges.", ["46"]),
    ("How old is Bo Park's mother Katherine?", "Katherine Park, 74, was in court.", ["74"]),
    ("How old is Ann Lee's sister, Orla Lee?", "Her sister Orla Lee, 40, said so.", ["40"]),
    ("How old was Orla's Joe Reed?", "Reed, 23, scored twice.", ["23"]),  # a club's player
])
def test_the_age_asked_is_not_its_owners(question: str, sentence: str, ages: list[str]) -> None:
    assert [v for _, v in answer_values(question, sentence)] == ages
