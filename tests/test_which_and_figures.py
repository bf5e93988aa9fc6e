"""A which-question that opens with any preposition ("Against which country…?"), a thing asked
by a kind with its modifiers ("Which Velburg constituency…?"), two firms whose names only share
a stem, a figure whose own measure is another, the verb an arrest question asks, a part played
in a title, a hospital asked of a text that says none, and a follow-up that names only a time.
Made-up text, no corpus's names."""

from __future__ import annotations

import pytest

from qa.conflicts import names_conflict
from qa.kinds import site_unsaid
from qa.leaning import is_follow_up
from qa.measures import other_measure
from qa.predicates import predicate_missing
from qa.slots import answer_values, asked_kind, slot


@pytest.mark.parametrize(("question", "fine", "kind"), [
    ("Against which country did Bo Park make his Velmora debut?", "place name", "country"),
    ("Under which manager did Bo Park join Orla City?", "person", "manager"),
    ("With which Ostrian finance minister did Ann Lee agree the plan?", "person", "finance"),
    ("During which year did Orla Motors open its plant?", "date", None),
    ("By what score did Velmora win?", "score", None),  # as before: "by" read by its pattern
    ("Between whom does the letter urge a dialogue?", None, None),  # ("all parties")
    ("Exactly how many missions had Velmora joined before this one?", "count", None),
    ("About how much feta does Velmora make each year?", "amount", None),  # tonnes, no sum
    ("How much tax did Orla pay last year?", "money", None),
    ("How much severance will Bo Park get?", "money", None),
    ("Within what time must Orla repay the loan?", None, None),  # a bound: "within five years"
    ("Under what age did the director say the show was unsuitable?", None, None),  # a bound
    ("Of what nationality were the protesters?", None, None),
])
def test_a_question_may_open_with_any_preposition(question: str, fine: str | None,
                                                  kind: str | None) -> None:
    assert slot(question) == fine
    assert asked_kind(question) == kind


def test_a_weekend_asked_is_a_date_a_weekend_paper_is_not() -> None:
    assert slot("On which weekend will the cup ties be played?") == "date"
    assert slot("Which weekend newspaper ran the story?") == "name"


@pytest.mark.parametrize(("question", "sentence", "values"), [
    ("Which Velburg constituency does Ann Lee represent at the assembly?",
     "Assembly leader Bo Park accused Ms Lee of failing her constituents.", []),
    ("For which Ostrian television channel has Bo Park been covering the league?",
     "He has been covering the league for Ostrian television, with national coach Ann Lee.", []),
    ("Which Velburg constituency does Ann Lee represent at the assembly?",
     "Assembly leader Bo Park said Ms Lee had won Velburg North.", ["Velburg North"]),
    ("Against which country did Bo Park make his Velmora debut?",  # an event, no country
     "Park, who captained Velmora to World Cup glory in 2003, will play his last match.", []),
    ("Against which country did Bo Park make his Velmora debut?",
     "Park made his debut against Ostria in the World Cup.", ["Ostria"]),
    ("Which venue will host the Orla awards?",  # an event's name may be a venue's
     "The Orla awards will be held at the Velmora Expo.", ["Velmora Expo"]),
])
def test_a_person_is_no_thing_a_kind_asks_for(question: str, sentence: str,
                                              values: list[str]) -> None:
    assert [v.rstrip(".,") for _, v in answer_values(question, sentence)] == values


def test_a_text_that_says_no_hospital_names_none() -> None:
    question = "In which hospital did actress Ann Lee die?"
    assert site_unsaid(question, "Actress Ann Lee, who appeared in Orla Street, has died.")
    assert not site_unsaid(question, "Ann Lee died at the Royal Velburg Hospital.")
    assert not site_unsaid("Which prison did Bo Park escape from?", "He escaped from the Maze.")


def test_two_firms_sharing_a_stem_are_two_names() -> None:
    question = "Who is the chief economist at Orland Bank and Trust?"
    assert names_conflict(question, "Bo Park, chief economist at Orlex Securities, said.")
    assert not names_conflict("Who is the ambassador to Velmora?",
                              "Ann Lee, the Velmoran ambassador, said.")
    assert not names_conflict("Who is the chief economist at Harbor Bank?",  # a spelling
                              "Bo Park, chief economist at Harbour Bank, said.")


@pytest.mark.parametrize(("question", "sentence", "other"), [
    ("How big was the budget surplus Velmora had in 2000?",
     "Velmora's budget has swung from a record surplus to a record deficit of $412bn.", True),
    ("How big was the budget surplus Velmora had in 2000?",
     "The budget surplus reached a record $236bn in 2000, before it swung to a deficit.", False),
    ("By how much did Ostria's retail sales grow in the year to October?",
     "Retail sales grew 13.2% in the year to October, while industrial output grew 15.7%.",
     False),
    ("What was Orla's revenue?", "Revenue grew 12% to $3bn.", False),  # growth said of it
    ("What was Orla's profit?", "Profit on the deal was $5m.", False),
    ("What profit did Orla make?", "Orla had sales of $19bn and a profit of $5bn.", False),
    ("What interest rates did Velmora suffer under Ann Lee?",  # the measure right after it
     "Under Ann Lee, Velmora suffered mass unemployment, 15% interest rates and strikes.", False),
    ("What was Orla's profit last year?", "Orla's profit rose to $5m as sales climbed.", False),
    ("How big was Velmora's trade deficit?",  # an apposition between them
     "Velmora's trade deficit, the gap between imports and exports, hit $50bn.", False),
    ("How big a loss did the trust make?", "The trust ended the year with a deficit of £20m.",
     False),  # one measure, said two ways
    ("What was Velmora's GDP in 2004?", "Velmora's exports were worth $5bn.", True),
    ("How much did Orla's Fuel for Growth programme save in 2004?",  # a name, no measure
     "Orla said its Fuel for Growth cost-cutting programme had saved £75m in 2004.", False),
])
def test_a_figure_is_of_the_measure_named_last_before_it(question: str, sentence: str,
                                                         other: bool) -> None:
    assert other_measure(question, sentence) is other


def test_an_arrest_question_wants_the_arrest_said() -> None:
    question = "When was the Ostrian blogger Bo Park arrested?"
    assert predicate_missing(question, "Bloggers will mark 22 February as Free Bo Park Day.")
    assert not predicate_missing(question, "Bo Park was detained by police on 3 May.")
    assert not predicate_missing("Why was Bo Park arrested?", "Bo Park is accused of spying.")
    assert predicate_missing(question, "Bo Park handed in his resignation on 3 May.")
    assert not predicate_missing(  # a noun, not the verb asked
        "Within how many days would a judge review any house arrest order made by Ann Lee?",
        "Any order would be reviewed by a judge within seven days.")


@pytest.mark.parametrize(("question", "sentence", "missing"), [
    ("Who plays the aspiring rapper in Orla Nights?",
     "Films include Orla Nights, about an aspiring rapper, and Velmora, by Bo Park.", True),
    ("Who plays the aspiring rapper in Orla Nights?",
     "Bo Park stars as an aspiring rapper in Orla Nights.", False),
    ("Who plays the holders in the final?", "Velmora face the holders, Ostria, in the final.",
     False),  # a match, not a part
    ("Who played a key role in Velmora's win?", "Bo Park scored twice.", False),
])
def test_playing_a_part_in_a_title_wants_the_part_said(question: str, sentence: str,
                                                       missing: bool) -> None:
    assert predicate_missing(question, sentence) is missing


def test_a_body_named_by_its_kind_leans_back_when_the_question_names_only_a_time() -> None:
    assert is_follow_up("What record loss did the club post in the 12 months through June?")
    assert not is_follow_up("What record loss did Orla City post in the 12 months through June?")
