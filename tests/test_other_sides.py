"""Sentences that say the asked thing of another side answer nothing: another land's people
("Italian consumer confidence" for France's), what is kept from happening ("preventing… from
returning" for how many returned), another noun ("13 farms" for farmers), a time gone by for
"When will…?"; and the forms that do answer (a role's holder after "but", units sold told as
"sales", a people asked with a number before it). Made-up text, no corpus's names."""

from __future__ import annotations

import pytest

from qa import dates, times_told
from qa.counted import same_noun
from qa.counts import count_noun_missing
from qa.lands import other_people
from qa.predicates import kept_from
from qa.roles import role_unnamed
from qa.slots import answer_values, slot


@pytest.mark.parametrize(("question", "sentence", "other"), [
    ("What did Ostria's consumer confidence index fall to in October?",
     "The Velmorian consumer confidence index rose to 104.4 from 103.3.", True),
    ("What did Velmora's consumer confidence index rise to?",
     "The Velmorian consumer confidence index rose to 104.4 from 103.3.", False),
    ("What did Ostrian consumer confidence rise to?",
     "Velmorian consumer confidence rose to 104.4, and in Ostria it rose to 98.", False),
    # one name of two words ("European Union") is not a land of its own
    ("What is the European Union mission aiming to prevent?",
     "Ostria backs a European mission that aims to prevent another war.", False),
    ("Who is Ostria's Davis Cup captain?", "Ostrian captain Jon Arre said he was proud.", False),
])
def test_another_lands_people_before_the_same_noun_conflicts(question: str, sentence: str,
                                                             other: bool) -> None:
    assert other_people(question, sentence) is other


@pytest.mark.parametrize(("question", "sentence", "kept"), [
    ("How many Ostrian civilians have returned to Kellow since the offensive?",
     "The threat is preventing some 700,000 Ostrian civilians who were pushed out of the region "
     "by the fighting from returning, the embassy said.", True),
    ("How many civilians have returned home?", "Some 5,000 civilians have returned home.", False),
    ("What is preventing civilians from returning to Kellow?",
     "Mines are preventing civilians from returning to Kellow.", False),
])
def test_a_verb_said_only_of_what_is_kept_from_happening_answers_nothing(
        question: str, sentence: str, kept: bool) -> None:
    assert kept_from(question, sentence) is kept


def test_a_place_of_the_noun_is_no_count_of_its_doers() -> None:
    assert not same_noun("farms", "farmers")
    assert not same_noun("play", "players")
    assert same_noun("job", "jobs")
    assert same_noun("farmer", "farmers")
    question = "How many farmers are to be settled on the land of the Kellow ranch?"
    sentence = "The firm, whose Orla subsidiary operates 13 farms in Ostria, denied it."
    assert count_noun_missing(question, sentence, answer_values(question, sentence))


@pytest.mark.parametrize(("question", "missing"), [
    ("How many hybrid cars does Orla Research estimate will be sold in Ostria in 2005?", False),
    # whose sales the sentence gives is the seller's only if it says so
    ("How many hybrid cars did Zeta Motors sell in Ostria in 2005?", True),
])
def test_sales_count_the_things_sold_by_no_one_named(question: str, missing: bool) -> None:
    sentence = "Orla Research estimates sales will hit 200,000 in 2005, despite higher prices."
    assert count_noun_missing(question, sentence, answer_values(question, sentence)) is missing


@pytest.mark.parametrize(("question", "wanted"), [
    ("Which two Orla executives are travelling round Ostria?", "person"),
    ("Which Velmora player was sent off?", "person"),
    ("What did the manager say?", None),
    ("What percentage of people voted?", "percent"),
    ("What will the average council tax bill in Kellow be next year?", "money"),
    ("What will the fee be?", "money"),
    ("What will the bill be called?", "name"),
    # a deficit is a sum or a share of national income
    ("What budget deficit does the Kellow Fiscal Council predict for next year?", "amount"),
])
def test_what_a_question_asks_for(question: str, wanted: str | None) -> None:
    assert slot(question) == wanted


def test_a_time_gone_by_answers_no_when_will() -> None:
    question = "When will Kellow Castle be released in Ostrian cinemas?"
    sentence = "Its director won an award earlier this year for Dark Harbour."
    values = answer_values(question, sentence)
    assert values  # "this year" is a time…
    assert dates.to_come(question, sentence, values, None) == []  # …gone by
    question = "When is the Ostrian high court expected to rule in the Orla case?"
    sentence = "Orla filed a document with the court earlier this month."
    assert dates.to_come(question, sentence, answer_values(question, sentence), None) == []
    later = "The court is expected to rule later this year."
    assert dates.to_come(question, later, answer_values(question, later), None)


def test_a_holder_named_after_but_holds_the_role() -> None:
    question = "Who is the chairman of Kellow, the club managed by Jon Arre?"
    assert not role_unnamed(question, "Kellow have won only two of their last 10 League games "
                                      "but Chairman Bo Varga claims he cannot afford to sack "
                                      "Arre.")
    assert role_unnamed(question, "Kellow have won only two of their last 10 League games.")


def test_a_figure_that_went_no_way_answers_no_rise_or_fall() -> None:
    from qa.figures import against
    sentence = ("Figures showed on Friday that unemployment was unchanged at 9.9% last month, "
                "while consumer confidence fell unexpectedly in October.")
    assert against("What did Ostria's consumer confidence index fall to?", sentence,
                   [(70, "9.9%")]) == []
    sentence = "Unemployment fell 0.2% to 4.7% while inflation held at 2%."
    assert against("By how much did unemployment fall?", sentence,
                   [(17, "0.2%"), (28, "4.7%"), (57, "2%")]) == [(17, "0.2%"), (28, "4.7%")]


def test_a_definite_nouns_qualifier_ends_before_who_did_it() -> None:
    from qa.phrases import phrase_in
    before = "Which Ostrian player was ruled out of the Kellow Cup tie in Velmora by a knee injury?"
    assert phrase_in("tie", before) == "Kellow Cup tie in Velmora"
    assert phrase_in("report", "Who presented a report to Obi on Brandian democracy?") == \
        "report to Obi on Brandian democracy"  # a qualifier of two phrases stays whole


@pytest.mark.parametrize(("question", "sentence", "other"), [
    ("Who coached Ostria's under-21 side to the final?",
     "Ostria coach Jon Arre says his side should not panic.", True),
    ("Who coached Ostria's under-21 side to the final?",
     "Ostria's Under 21s, coached by Bo Varga, reached the final.", False),
    ("Who coached Ostria to the final?", "Ostria coach Jon Arre says his side is ready.", False),
])
def test_another_age_grade_answers_nothing(question: str, sentence: str, other: bool) -> None:
    from qa.rounds import other_grade
    assert other_grade(question, sentence) is other


@pytest.mark.parametrize(("question", "sentence", "other"), [
    ("What was Ostria's inflation rate in July?",
     "Inflation in Ostria rose to 5.9% in September from 5.4% in August.", True),
    # the months a figure is compared with are not its own
    ("What was the trade deficit in November?",
     "The shortfall dropped to £2.7bn from £2.9bn in October.", False),
    ("How big was the trade deficit in October?", "It was $55.5bn, up 9% from September.",
     False),
    ("By how much did prices rise in January?",
     "Prices rose 0.8%, the biggest rise since December 1998.", False),
    ("What did Ann Lee say in April?", "In April, Ann Lee said she was concerned.", False),
    ("What did Ann Lee say in April 2004?", "In May, Ann Lee said she was concerned.", False),
])
def test_another_months_figure_answers_nothing(question: str, sentence: str,
                                               other: bool) -> None:
    assert times_told.other_month(question, sentence) is other


@pytest.mark.parametrize(("question", "sentence", "other"), [
    ("By how much did Orla's sales rise in the second quarter?",
     "Sales rose 3.1% in the final quarter, down from 3.8% in the third quarter.", True),
    ("What was growth in the fourth quarter?", "Growth slowed in the last quarter.", False),
    ("Who umpired the first Test?", "The 1st Test was umpired by Ann Lee.", False),
])
def test_another_quarter_answers_nothing(question: str, sentence: str, other: bool) -> None:
    from qa.rounds import other_round
    assert other_round(question, sentence) is other


def test_sums_in_crowns_marks_and_rand_are_money() -> None:
    question = "How much did Orla Group make in annual pre-tax profits?"
    for currency in ("crowns", "marks", "rand"):
        sentence = f"Orla's annual pre-tax profits rose 12% to 418m {currency}."
        assert [v for _, v in answer_values(question, sentence)] == [f"418m {currency}"]


def test_a_place_said_first_in_its_sentence_conflicts_too() -> None:
    from qa.conflicts import names_conflict
    assert names_conflict("By how much did rents in Drumlin rise last year?",
                          "Rents in Valport rose by 11.2% last year and in Kessa by 8.7%.")


def test_a_month_asked_may_be_the_one_compared_with() -> None:
    assert not times_told.other_month("What did the employment index read in November?",
                                 "The employment index eased to 52.7 in December from 57.6 in "
                                 "November.")


def test_daily_users_are_no_monthly_users() -> None:
    from qa.opposites import opposite
    assert opposite("How many monthly users does Orla have?", "It has 38 million daily users.")
    assert not opposite("How many daily users does Orla have?",
                        "It has 38 million daily users and 90 million monthly users.")


@pytest.mark.parametrize(("question", "sentence", "other"), [
    ("What was Ostria's budget deficit last year?",
     "The government says the deficit will fall from 3.8% this year to 2.9% next year.", True),
    ("What was Ostria's budget deficit last year?",
     "The deficit was 3.8% last year and will be 2.9% next year.", False),
    ("What was Ostria's budget deficit last year?", "The deficit was 3.8% in 2004.", False),
])
def test_another_years_figure_answers_nothing(question: str, sentence: str,
                                              other: bool) -> None:
    assert times_told.other_year_told(question, sentence) is other


def test_who_set_off_after_a_name_is_that_name_doing_it() -> None:
    from qa.conflicts import names_conflict
    question = "How many aces did Jon Arre serve in the final?"
    assert names_conflict(question, '"It was a hard match," said Ferro, who served 14 aces.')
    assert not names_conflict(question, "Arre, who served 14 aces, won in four sets.")


def test_the_rules_read_only_their_own_forms() -> None:
    """Forms the rules above must leave alone (a review of them found each)."""
    from qa.figures import against
    from qa.rounds import other_grade, other_round
    # "Banks", "determined" keep nothing from happening; "haven't" asks what was kept
    assert not kept_from("Who founded Orla?", "Tom Banks made his fortune founding Orla.")
    assert not kept_from("How many civilians haven't returned?",
                         "Mines are preventing 5,000 civilians from returning.")
    assert not other_grade("How many children under 12 were hurt?", "Five children were hurt.")
    assert not other_round("What was growth in the second quarter?",
                           "The economy grew 0.5% last quarter.")  # "last": the latest
    assert not other_round("Who won the fourth round?", "He shot 66 in the final round.")
    question = "How many cars were sold by Zeta Motors in Ostria in 2005?"
    sentence = "Orla Research estimates sales will hit 200,000 in 2005."
    assert count_noun_missing(question, sentence, answer_values(question, sentence))
    assert not same_noun("votes", "voters")
    for question in ("What happened to minister Ann Lee?", "What will the budget be spent on?"):
        assert slot(question) is None
    assert slot("How much did Orla pay to cover the shortfall?") == "money"
    sentence = "Investors holding Orla shares made 12% on the day."
    assert against("By how much did Orla shares rise?", sentence,
                   [(sentence.index("12%"), "12%")])
    assert not times_told.other_month("What was inflation in July?",
                                 "Inflation was 5.9%, economist June Brown said.")
    assert not times_told.other_month("What was inflation in July?",
                                 "Since September, inflation has held at 5.9%.")
    assert not times_told.other_year_told("What was the deficit last year?",
                                     "It will fall to 2.9% this year from 3.8% a year earlier.")
