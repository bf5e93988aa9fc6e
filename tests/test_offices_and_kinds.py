"""Which office, thing and measure a sentence speaks of: a deputy is no minister, a role after a
possessive is asked of its holder, a body or a people's adjective is no substance, a share price
is no sales figure, a duty on each pint is no cost, "Ravel 5" is not "Ravel-1". Made-up text, no
corpus's names."""

from __future__ import annotations

from datetime import date

import pytest

from qa.counts import count_noun_missing
from qa.doers import age_of_another
from qa.kinds import kinds_held
from qa.measures import other_measure, other_model, per_unit
from qa.predicates import predicate_missing
from qa.roles import role_unnamed
from qa.slots import answer_values, slot
from qa.times_told import now_for_then, other_year_told


def test_a_role_after_a_possessive_asks_its_holder() -> None:
    question = "Who is Velmora's Chief Minister?"
    assert slot(question) == "person"
    assert answer_values(question, "Velmora's Chief Minister Ann Lee will attend the talks.") \
        == [(25, "Ann Lee")]
    assert slot("Who is Ann Lee?") == "role"  # a name: who she is


@pytest.mark.parametrize(("question", "sentence", "unnamed"), [
    ("Who is the deputy minister of Ostria?", "Ostrian foreign minister Ann Lee said so.", True),
    ("Who is the minister of Ostria?", "Ostrian deputy minister Ann Lee said so.", True),
    ("Who is the president of Orla?", "Orla vice-president Ann Lee said so.", True),
    ("Who is the vice-president of Orla?", "Orla vice-president Ann Lee said so.", False),
    ("Who is the foreign minister of Ostria?", "Ostrian foreign minister Ann Lee said so.", False),
])
def test_a_deputy_holds_another_office(question: str, sentence: str, unnamed: bool) -> None:
    assert role_unnamed(question, sentence) is unnamed


def test_a_claim_asked_by_which_wants_a_clause_not_a_name() -> None:
    assert slot("Which claim by the Ostrian government have others disputed?") is None
    assert slot("Which company did Orla buy?") == "name"


def test_men_asked_by_who_are_people_and_months_are_no_names() -> None:
    question = "Who are the three men Orla sued for leaking the Lamp software?"
    assert slot(question) == "person"
    assert answer_values(question, "Two versions of Lamp were leaked in October and December.") \
        == []
    assert slot("To which months does the union want to move the cup?") == "date"
    assert answer_values("To which months does the union want to move the cup?",
                         "The cup would move to April and May.") != []


@pytest.mark.parametrize("sentence", [
    "Lee was banned by the Ostrian Tennis Federation (OTF) after testing positive.",
    "Lee blames an injection given to him by an Ostrian doctor.",
])
def test_a_body_or_a_peoples_adjective_is_no_substance(sentence: str) -> None:
    assert answer_values("Which banned substance did Otto Lee test positive for?", sentence) == []


def test_a_body_answers_when_a_body_is_asked() -> None:
    assert answer_values("Which federation banned Otto Lee?",
                         "Lee was banned by the Ostrian Tennis Federation (OTF).") != []


def test_a_peoples_adjective_answers_a_nationality() -> None:
    assert answer_values("Which nationality is the doctor?",
                         "Lee blames an injection given by an Ostrian doctor.") \
        == [(36, "Ostrian")]


@pytest.mark.parametrize(("question", "sentence", "other"), [
    ("What was the growth rate of Ostria's exports in the three months to June?",
     "Output in the period grew just 0.1%, an annual rate of 0.3%.", True),
    ("What was the growth rate of Ostria's exports?", "Exports grew 5% in the period.", False),
    ("What were Orla's total sales in 2004?", "Shares in Orla were up 1.76% at 115.5 pence.",
     True),
    ("What were Orla's sales?", "Orla's sales rose 4% to £120m, and its shares rose 2%.", False),
    ("How much did Orla earn on 5,000 sales?", "Orla sold 5,000 lamps and earned £2m.", False),
])
def test_a_figure_of_another_measure(question: str, sentence: str, other: bool) -> None:
    assert other_measure(question, sentence) is other


@pytest.mark.parametrize(("question", "sentence", "each"), [
    ("How much will the council's £200 refund cost?",
     "Mr Lee put 1p a pint on beer, 4p on a bottle of wine and 7p on 20 cigarettes.", True),
    ("How much does Lamp Go cost in its beta version?", "The service costs $15 per month.",
     False),
    ("How much does a pint cost?", "Mr Lee put 1p a pint on beer.", False),
    ("What was the offer worth in total?", "Orla bid $9.50 a share.", True),
])
def test_a_sum_on_each_unit_is_no_whole_cost(question: str, sentence: str, each: bool) -> None:
    assert per_unit(question, sentence) is each


@pytest.mark.parametrize(("sentence", "other"), [
    ("Orla has a partnership to develop the Ravel 5 field with Zeta.", True),
    ("Orla holds 20% of Ravel-1.", False),
    ("Orla holds 20% of the field, Zeta said on May 5.", False),
])
def test_another_number_of_a_named_thing_is_another(sentence: str, other: bool) -> None:
    assert other_model("What stake does Orla hold in the Ravel-1 oil field?", sentence) is other


def test_a_kind_noun_after_a_name_the_sentence_holds_is_held() -> None:
    assert kinds_held("Who is the editor of Lantern! magazine?", {"lante", "edito"}) == {"magaz"}
    assert kinds_held("Who is the editor of Lantern! magazine?", {"edito"}) == set()


def test_an_age_set_beside_another_name_is_theirs() -> None:
    sentence = "Ann Lee, a 22-year-old qualifier, won the final, beating top seed Bo Park 6-4."
    assert age_of_another("How old is Bo Park?", sentence, [(11, "22-year-old")]) == []
    assert age_of_another("How old is Ann Lee?", sentence, [(11, "22-year-old")]) \
        == [(11, "22-year-old")]
    assert age_of_another("How old is Bo Park?", "Lee, a 22-year-old, beat Bo Park.",
                          [(7, "22-year-old")]) == []
    said = "Speaking to the BBC, the 64-year-old said he would stay."
    assert age_of_another("How old is Ann Lee?", said, [(25, "64-year-old")]) \
        == [(25, "64-year-old")]


def test_a_temperature_is_a_measure_in_degrees() -> None:
    question = "What is the surface temperature of the asteroid?"
    assert slot(question) == "measure"
    assert answer_values(question, "The probe will collect 60 grams of material in 2026.") == []
    assert answer_values(question, "Its surface reaches 120C at noon.") == [(20, "120C")]
    assert slot("What dividend did Orla pay?") == "money"


def test_how_things_stand_now_is_not_a_past_year() -> None:
    in_2019 = (date(2019, 1, 1), date(2019, 12, 31))
    asked = "How many people did Orla employ in 2019?"
    assert now_for_then(asked, in_2019, "The group now employs 21,400 people.", "2025-03-01")
    assert not now_for_then(asked, in_2019, "In 2019 the group employed 18,000.",
                                  "2025-03-01")
    assert not now_for_then(asked, in_2019, "The group now employs 21,400.", "2019-06-01")
    assert not now_for_then(asked, None, "The group now employs 21,400.", "2025-03-01")
    assert not now_for_then("Who founded Orla in 2019?", in_2019,
                                  "Ann Lee, who now lives in Spain, founded it.", "2025-03-01")
    assert not now_for_then(asked, in_2019, "Ann Lee, now chairman, said 900 worked there.",
                                  "2025-03-01")


def test_last_years_figure_said_as_a_comparison_leaves_this_years() -> None:
    question = "How many spectators came to the Lantern Open this year?"
    assert not other_year_told(
        question, "A record 84,000 spectators attended, up from 71,500 last year, organisers said.")
    assert other_year_told(question, "Last year 71,500 spectators came.")


def test_a_count_compared_from_is_of_the_same_noun() -> None:
    question = "How many phones did Orla sell in 2022?"
    sentence = "Orla sold 3.4 million phones in 2024, up from 1.9 million in 2022."
    assert not count_noun_missing(question, sentence, [(46, "1.9 million")])
    assert count_noun_missing("How many cabs are there in Velmora?",
                              "Riders left more than 63,000 phones in the back of its cabs.",
                              [(24, "63,000")])


@pytest.mark.parametrize(("question", "sentence"), [
    ("Which charity paid for the study?", "The study was funded by the Orla Foundation."),
    ("What premium over the closing price does the offer represent?",
     "That values each share at 312p, a premium of 38% to the closing price."),
    ("When did the probe lift off?", "The probe was launched in March 2019."),
])
def test_verbs_said_in_other_words(question: str, sentence: str) -> None:
    assert not predicate_missing(question, sentence)
    assert predicate_missing("When did the probe lift off?", "The probe arrived on 6 August.")


def test_clock_times_and_distances() -> None:
    assert answer_values("What time did the attack start?",
                         "The attack began at about 3am on Thursday.")[0] == (26, "3am")
    assert answer_values("What distance did the probe cover?",
                         "It arrived after a journey of 3.2 billion kilometres.") \
        == [(30, "3.2 billion kilometres")]
    assert slot("What is the width of the asteroid?") == "measure"
    assert slot("What is the depth of the recession?") is None  # no measure of a thing


def test_review_cases_keep_their_answers() -> None:
    assert answer_values("Who is Orla Chairman?", "Orla chairman Bo Park said so.") \
        == [(14, "Bo Park")]  # the role's holder, not who "Orla Chairman" is
    assert slot("Who heads the inquiry?") == "name"  # a body may head it
    assert not other_measure("What was Velmora's growth rate last year?",
                             "Velmora's GDP rose 2.5% last year.")
    assert count_noun_missing("How many visitors came?", "Visitors came from 40 countries.",
                              [(19, "40")])  # "from" with no change: 40 counts countries
    assert now_for_then("How many staff did Orla employ in 2019?", (date(2019, 1, 1),
                        date(2019, 12, 31)), "It had 20,000 staff, the company now says.",
                        "2025-03-01") is False
