"""A sentence that gives the asked fact for another thing answers another question: the world's
figure for one place's, the eastern part of a land for its western one, another body whose name
opens and ends alike ("the Orla Economic Forum" for the Orla Social Forum); a land's people are
no other name for it ("the Welsh"); and some verbs are seldom left unsaid ("choreographed",
"blocked", "spoke", "flew", "is writing"). Made-up text, no corpus's names; the answers with
the real model, FAISS and SQLite. Most negative cases guard a review's findings."""

from __future__ import annotations

import pytest

import qa
from qa.aliases import middle_differs
from qa.conflicts import names_conflict
from qa.opposites import opposite
from qa.predicates import predicate_missing
from tests.conftest import made_up_fixture


@pytest.mark.parametrize(("question", "sentence"), [
    ("How did the match against Wales end?", "The match against the Welsh ended 2-2."),
    ("What did talks with Velmora achieve?", "Talks with the Velmorans achieved little."),
])
def test_a_land_s_people_are_no_other_name_for_it(question: str, sentence: str) -> None:
    assert not names_conflict(question, sentence)


@pytest.mark.parametrize(("name", "other", "sentence", "differs"), [
    ("Orla Social Forum", "Orla Economic Forum", "The Orla Economic Forum met in Zeta.", True),
    ("Orla Social Forum", "Orla Economic Forum",
     "The Orla Social Forum and the Orla Economic Forum met.", False),  # it says "Social"
    ("Bank of Velmora", "Bank of Ostria", "The Bank of Ostria cut rates.", False),  # the ends
    ("Orla Social Forum", "Orla Forum", "The Orla Forum met.", False),  # a shorter name
    ("Ann Marie Lee", "Ann M. Lee", "Ann M. Lee was born in 1970.", False),  # an initial
    ("Orla Motor Company", "Orla Motors Company", "Orla Motors Company sold 2m cars.", False),
    ("Bo Hyun Park", "Bo Hyeon Park", "Bo Hyeon Park was born in 1970.", False),  # a person
    ("Orla Social Forum", "The Orla Economic Forum.", "It opened the Orla Economic Forum.",
     True),
])
def test_a_name_that_differs_only_in_its_middle_is_another_body(name: str, other: str,
                                                                sentence: str,
                                                                differs: bool) -> None:
    assert middle_differs(name, other, sentence) is differs


_PRE_ORDERED = "How many people in Velmora pre-ordered Zeta 2?"


@pytest.mark.parametrize(("question", "sentence", "other"), [
    ("What is the jobless rate in western Ostria?",
     "The brunt is felt in the eastern part of Ostria, where the rate is 18.8%.", True),
    ("How many people live in north Zeta?", "About 2m people live in south Zeta.", True),
    (_PRE_ORDERED, "More than 1.5 million people worldwide have pre-ordered the sequel.", True),
    ("How many users in Ostria does Orla have?", "Orla has 12m users globally.", True),
    ("What is the jobless rate in western Ostria?",
     "The rate in western Ostria is 8%, against 18.8% in the eastern part of Ostria.", False),
    ("Who won in North Velmora?", "South Velmora won.", False),  # a name's word, not a side
    (_PRE_ORDERED, "1.5 million people worldwide have pre-ordered it, 200,000 in Velmora.",
     False),
    ("How many copies did it sell in Ostria?", "It sold 2m copies worldwide, half Ostrian.",
     False),  # its people
    ("How many copies did it sell in May?", "It sold 2m copies worldwide in May.", False),
    ("Who hosted the awards in Zeta?",  # not a figure asked; the world only watched
     "The awards were hosted by Ann Lee, plus millions more on TV around the world.", False),
    ("How many copies were sold worldwide?", "It sold 2m copies in Ostria.", False),
    ("How many homes were flooded in south Velmora?",  # a form of the asked side
     "3,000 homes were flooded in southern Velmora, with a further 200 in north Velmora.", False),
    ("Which town lies north of Orla?", "Orla lies south of Zeta.", False),  # a bearing
    ("How many people watched the final in Velmora?",  # where the event was, not a scope
     "More than 1.5 billion people worldwide watched the final.", False),
    ("How many people live in north-east Zeta?",
     "2m live in north-eastern Zeta and 1m in north-west Zeta.", False),
    ("How many people joined in Friday's strikes?",  # an owner, a day: no place
     "More than 4 million people worldwide joined the strikes.", False),
    ("How much did Zeta's sales rise in Q3?", "Sales rose 5% globally in the third quarter.",
     False),
    (_PRE_ORDERED, "1.5 million people worldwide have pre-ordered it, 200,000 of them "
     "Velmora's gamers.", False),
])
def test_a_sentence_about_another_side_or_scope_answers_another_question(
        question: str, sentence: str, other: bool) -> None:
    assert opposite(question, sentence) is other


@pytest.mark.parametrize(("question", "sentence", "missing"), [
    ("Who choreographed the Zeta musical?", "The young dancers will benefit from extra time.",
     True),
    ("Who choreographed the Zeta musical?", "Ann Lee choreographed the show.", False),
    ("Who is writing Ann Lee's biography?", "Bo Park says Ms Lee should quit.", True),
    ("Who is writing Ann Lee's biography?", "Bo Park is penning a life of Ms Lee.", False),
    ("Which member blocked the move?", "Ostria vetoed the resolution.", False),
    ("Which member blocked the move?", "The council failed to agree on the move.", True),
    ("When do talks between Velmora and Ostria resume?", "Negotiations resume on Monday.",
     False),  # "talks", a noun
    ("How many flats does the tower block have?", "The tower has 120 flats.", False),
    ("When did Ann Lee last speak to Bo Park?", "Last week Orla launched an offensive.", True),
    ("When did Ann Lee speak to Bo Park?", "Ann Lee told Bo Park on Monday that…", False),
    ("Who will speak at the rally?", "Ann Lee is due to speak at the rally.", False),
    ("Which court blocked the law?", "A federal judge struck down the law.", False),
    ("Which bank blocked the deal?", "Zeta Bank said it would back the deal.", True),
    ("Which airline flew people out of Orla airport?",
     "Thousands fled to Orla airport on Sept. 20.", True),
    ("Which airline flew people out of Orla?", "Zeta Air flights carried 500 people out.",
     False),
])
def test_verbs_seldom_left_unsaid(question: str, sentence: str, missing: bool) -> None:
    assert predicate_missing(question, sentence) is missing


ARTICLES = {
    "game.md": ("Zeta 3 pre-orders soar", "2024-03-05", "Coastal Times",
                "Zeta 3, the next game in the Orla series, goes on sale in Velmora next "
                "week.\n\nMore than 1.5 million people worldwide have pre-ordered the game, "
                "its maker said."),
}


bot = made_up_fixture("scopes", ARTICLES)


def test_the_world_s_figure_is_not_one_place_s(bot: qa.Bot) -> None:
    assert bot.ask("How many people in Velmora have pre-ordered Zeta 3?").text is None
    answer = bot.ask("How many people worldwide have pre-ordered Zeta 3?")
    assert answer.text is not None and "1.5 million" in answer.text
