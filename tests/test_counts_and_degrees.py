"""Counts said without their noun, degrees and speeds, a land's people and a town's land: "nine
of our 11 businesses" counts businesses, "where 800,000 live" counts people, "thirty times
cheaper" answers how much cheaper, "1.25GHz" is a speed (and no depth), "Georgians" are
Georgia's, "in Blackpool, England," says where, not who. Made-up text, no corpus's names."""

from __future__ import annotations

import pytest

from qa.counted import counted_noun
from qa.counts import count_noun_missing, measure_missing
from qa.lands import demonym_of
from qa.slots import answer_values, slot
from qa.subjects import subject_elsewhere
from qa.times_told import since_for_ahead


@pytest.mark.parametrize(("question", "noun"), [
    ("How many of Orla's 11 businesses grew in the fourth quarter?", "businesses"),
    ("How many of their 14 matches have Velmora lost?", "matches"),
    ("How many of them were sold?", None),
    ("How many of the troops sent to Velmora were killed?", None),  # all sent, not a part
    ("How many more jobs will go?", None),
    ("How many soldiers died?", "soldiers"),
])
def test_the_noun_a_how_many_of_question_counts(question: str, noun: str | None) -> None:
    assert counted_noun(question) == noun


def test_a_count_of_a_part_is_held() -> None:
    question = "How many of Orla's 11 businesses delivered double-digit growth?"
    sentence = '"This year, nine of our 11 businesses delivered double-digit growth," he said.'
    values = answer_values(question, sentence)
    assert [v for _, v in values] == ["nine"]
    assert not count_noun_missing(question, sentence, values)
    other = "Nine of our 11 shops closed."  # shops are no businesses
    assert answer_values(question, other) == []


@pytest.mark.parametrize(("sentence", "missing"), [
    ("Orla will close 12 of them by March.", False),
    ("Orla said it would close 12 by March.", False),
    ("Orla will close 12 stores by March.", False),
    ("Orla will hire 12 staff by March.", True),
    ("Two of the managers at its stores that will close spoke out.", True),
    ("Orla will close 12 of its biggest stores.", False),
    ("Orla will close 12 large stores.", False),
])
def test_a_count_of_a_part_or_of_another(sentence: str, missing: bool) -> None:
    question = "How many of its 40 stores will Orla close?"
    values = answer_values(question, sentence)
    assert values
    assert count_noun_missing(question, sentence, values) is missing


def test_a_count_that_is_the_subject_of_the_verb_asked_counts_its_noun() -> None:
    question = "How many people live in Dunmore, the town the minister visited?"
    sentence = "The school is on the edge of Dunmore, where 800,000 live in huts."
    values = answer_values(question, sentence)
    assert [v for _, v in values] == ["800,000"]
    assert not count_noun_missing(question, sentence, values)
    assert not measure_missing(question, sentence, values)
    fled = "The school is near Dunmore, which 800,000 fled last year."
    assert measure_missing(question, fled, answer_values(question, fled))
    venues = "Dunmore has 40 live music venues."  # "live" before a noun is no verb
    assert count_noun_missing(question, venues, answer_values(question, venues))
    died = ("How many people died in the fire?", "At least 40 died overnight in the fire.")
    assert not count_noun_missing(*died, answer_values(*died))


@pytest.mark.parametrize("question", [
    "How much cheaper are the pills supplied to Ostria than those sold in Velmora?",
    "How much faster do the pills sold in Velmora work?",
])
def test_how_much_with_a_degree_asks_an_amount(question: str) -> None:
    assert slot(question) == "amount"
    sentence = "Pills supplied to Ostria are now thirty times cheaper than those sold in Velmora."
    assert [v for _, v in answer_values(question, sentence)] == ["thirty"]


@pytest.mark.parametrize(("question", "kind"), [
    ("How much did Orla pay for the firm?", "money"),
    ("How much did they sell the water for?", "money"),  # "water" ends in -er: no degree
    ("How much water did they sell?", "amount"),  # litres or a sum
])
def test_how_much_paid_still_asks_a_sum(question: str, kind: str) -> None:
    assert slot(question) == kind


def test_a_speed_is_asked_and_said_in_its_units() -> None:
    question = "What speed is the processor in Orla's cheaper £339 computer?"
    assert slot(question) == "speed"
    assert answer_values(question, "It has a 1.25GHz processor.") == [(9, "1.25GHz")]
    assert answer_values(question, "Orla expects it to sell for £339 in Velmora.") == []
    assert answer_values("What was the top speed of the car?",
                         "It reached 190 mph on the track.") == [(11, "190 mph")]
    train = "What speed did the train reach?"
    assert [v for _, v in answer_values(train, "It reached 320km/h on Monday.")] == ["320km/h"]
    assert [v for _, v in answer_values(train, "It reached 200 miles an hour.")] \
        == ["200 miles an hour"]
    assert answer_values("How deep is Lake Velmora?", "Ferries cross it at 30 knots.") == []
    for said in ("200 km/hr", "155 miles-per-hour", "30 m/s", "70 m.p.h."):
        assert [v for _, v in answer_values(train, f"It reached {said} on Monday.")] == [said]
    serve = "What is the world record for the fastest tennis serve?"  # a mark may be a speed
    assert [v for _, v in answer_values(serve, "Bo Park holds it with a 155mph serve.")] \
        == ["155mph"]


def test_a_lands_people_are_that_land() -> None:
    assert demonym_of("Georgians", "Georgia")
    assert demonym_of("Ostrians", "Ostria")
    assert not demonym_of("Australians", "Austria")
    question = "What rate of income tax will Ostrians who disclose hidden wealth have to pay?"
    passage = ("Ostria plans an amnesty\n"
               "Ostria is offering a tax amnesty to people who hid their earnings under former "
               "president Bo Park. The country's new president, Ann Lee, has said that anyone "
               "now willing to disclose their wealth will only have to pay 1% in income tax.")
    sentence = passage[passage.index("The country's"):]
    assert not subject_elsewhere(question, sentence, passage)  # Ostrians are no president
    firm = "What profit did Meridian report for 2004?"  # a firm's name, no people
    bank = "Orla Bank posted record results. The bank reported a profit of £3bn."
    assert subject_elsewhere(firm, bank[bank.index("The bank"):], bank)
    about_park = "What rate of income tax did Ann Lee's government set?"
    assert subject_elsewhere(about_park.replace("Ann Lee's", "Cy Obi's"), sentence, passage)


def test_a_towns_land_is_where_not_who() -> None:
    question = "Who won the title of best singer at the Dunmore festival?"
    sentence = ("A three-day festival took place in Dunmore, Ostria, over the weekend with the "
                "aim of finding the best singer.")
    assert answer_values(question, sentence) == []
    won = "The title was won by Ostria, the judges said."
    assert [v for _, v in answer_values(question, won)] == ["Ostria"]
    assert [v for _, v in answer_values(question, "In Dunmore, Bo Park won the title.")][-1:] \
        == ["Bo Park"]
    chief = "The chief executive at Orla, Bo Park, said sales rose 5%."  # a person's names
    assert [v for _, v in answer_values("Who is the chief executive of Orla?", chief)] \
        == ["Bo Park"]


@pytest.mark.parametrize(("question", "sentence", "another"), [
    ("When will Orla start selling phones in Velmora?",
     "Orla has been selling phones in Ostria since December.", True),
    ("When is the verdict expected?", "The jury, out since Tuesday, will return soon.", True),
    ("When will the final be played?", "Sunday's final will be played in Dunmore.", False),
    ("When will the match be played?", "Saturday's game will be played at Velmora Park.", False),
    ("When was the ceasefire agreed?", "It was agreed at Tuesday's talks.", False),
    ("When did Orla start selling phones?", "Orla has sold phones since December.", False),
    ("When did the talks begin?", "The talks began on Monday.", False),
])
def test_a_date_gone_on_since_says_not_when_it_will(question: str, sentence: str,
                                                    another: bool) -> None:
    assert since_for_ahead(question, sentence) is another
