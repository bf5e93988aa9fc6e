"""A follow-up's definite noun said in full from the previous turn when the previous question
or answer describes it: "the Velmoran legend" after "Which Velmoran legend…?" is the name the
answer sets right after those words, "the survey" is the survey the previous question defined
by a clause, "the ski-maker" is the name the answer calls so after a comma, and "the firm" is
the body whose post the previous question asked about ("Which Velmora Rail chief executive…?").
Made-up text, no corpus's names; the chat itself with the real model, FAISS and SQLite."""

from __future__ import annotations

import pytest

import qa
from qa.chat import rewrite_follow_up
from qa.leaning import WORD, refers_back
from qa.phrases import phrase_in
from qa.referents import called, topic
from tests.conftest import answered_turn, made_up_fixture


def test_the_described_answer_is_the_name_set_right_after_the_description() -> None:
    sentence = ("Orla have enlisted the help of Velmoran legend Ivo Brandt, currently a "
                "consultant at Zeta, to help find a new coach.")
    previous = answered_turn("Which Velmoran legend have Orla enlisted to find a new coach?",
                             sentence, sentence)
    assert rewrite_follow_up("At which club is the Velmoran legend a consultant?", previous) \
        == "At which club is Ivo Brandt a consultant?"


def test_two_names_and_neither_set_after_the_description_leave_the_words_as_they_are() -> None:
    sentence = "Orla have asked Ivo Brandt and Zeta for help to find a new coach."
    previous = answered_turn("Which Velmoran legend have Orla enlisted to find a new coach?",
                             sentence, sentence)
    assert rewrite_follow_up("At which club is the Velmoran legend a consultant?", previous) \
        != "At which club is Ivo Brandt a consultant?"


def test_a_noun_the_previous_question_defined_by_a_clause_is_said_with_its_clause() -> None:
    before = "Which firm commissioned the survey that found callers hang up after a minute?"
    sentence = "Orla Data, which commissioned the survey, said callers hang up after a minute."
    previous = answered_turn(before, sentence, sentence)
    assert rewrite_follow_up("Which company carried out the survey?", previous) == \
        "Which company carried out the survey that found callers hang up after a minute?"


@pytest.mark.parametrize(("before", "phrase"), [
    ("Which firm commissioned the survey that found callers hang up?",
     "survey that found callers hang up"),
    ("Which firm commissioned the survey, which found callers hang up?", "survey"),  # aside
    ("Which firm wrote the report that the minister read?", "report"),  # no verb after "that"
    ("Which firm ran the survey that " + "found " * 20 + "it?", "survey"),  # too long to say
])
def test_only_a_short_defining_clause_goes_with_its_noun(before: str, phrase: str) -> None:
    assert phrase_in(phrase.split()[0], before, clause=True) == phrase
    assert phrase_in(phrase.split()[0], before) == phrase.split()[0]  # asked without one


@pytest.mark.parametrize(("question", "refers"), [
    ("Which company carried out the survey that found callers hang up?", False),
    ("Who signed the deal that day?", True),  # "that day": the day said before
    ("Who announced that?", True),
])
def test_that_after_a_definite_noun_and_before_a_verb_is_a_relative_pronoun(
        question: str, refers: bool) -> None:
    words = WORD.findall(question)
    assert any(refers_back(words, i) for i, w in enumerate(words) if w == "that") is refers


def test_a_noun_the_answer_sets_after_a_comma_and_a_name_is_that_name() -> None:
    sentence = ("Shares of Velmora Skis, the world's largest ski-maker, jumped on talk that it "
                "will be bought by Orla.")
    previous = answered_turn("Which firm is said to be about to buy Velmora Skis?",
                             f"{sentence} Zeta and Brandt have been named as suitors.", sentence)
    assert rewrite_follow_up("Which firms have been named as suitors for the ski-maker?",
                             previous) == "Which firms have been named as suitors for Velmora Skis?"


@pytest.mark.parametrize(("text", "name"), [
    ("Shares of Velmora Skis, the world's largest ski-maker, jumped.", "Velmora Skis"),
    ("Shares of Velmora Skis jumped on talk of a bid.", None),  # called nothing
    ("Velmora Skis, the largest ski-maker, and Orla Boards, the second ski-maker, rose.",
     None),  # two names called so: neither is a guess
    ("In March, the ski-maker said it would cut 40 jobs.", None),  # a month is no name
])
def test_the_one_name_the_answer_calls_by_the_noun(text: str, name: str | None) -> None:
    previous = answered_turn("Which firm is said to be about to buy it?", text, text)
    assert called("ski-maker", previous) == name


@pytest.mark.parametrize(("before", "after"), [
    ("Which Velmora Rail chief executive has left the train maker?",
     "Who will take on the role of chief executive at Velmora Rail?"),
    ("Which German chief executive has left the train maker?", None),  # a people's: no body
    ("Which Velmora Rail trains were late on Monday?", None),  # no post asked about
])
def test_the_firm_is_the_body_whose_post_the_previous_question_asked_about(
        before: str, after: str | None) -> None:
    sentence = "Ann Lee, who was also Velmora Rail's president, left amid a restructuring."
    previous = answered_turn(before, sentence, sentence)
    rewritten = rewrite_follow_up("Who will take on the role of chief executive at the firm?",
                                  previous)
    assert rewritten == after or (after is None and (rewritten or "").endswith("the firm?"))


ARTICLES = {
    "skis.md": ("Velmora Skis shares jump", "2024-02-01", "Valley Herald",
                "Shares of Velmora Skis, the world's largest ski-maker, have jumped 15% on "
                "talk that it will be bought by Orlawave, a surfwear firm.\n\nZeta Sports and "
                "Brandtex have previously been mentioned as possible suitors for the firm."),
    "coach.md": ("Orla United seek coach", "2024-03-05", "Coastal Times",
                 "Orla United have enlisted the help of Velmoran legend Ivo Brandt, currently a "
                 "consultant at Zeta Rovers, to help find a new head coach.\n\nThe club sacked "
                 "its coach last week after a run of nine defeats."),
}


bot = made_up_fixture("described", ARTICLES)


@pytest.mark.parametrize(("first", "second", "interpreted", "said"), [
    ("Which Velmoran legend have Orla United enlisted to help find a new head coach?",
     "At which club is the Velmoran legend currently a consultant?",
     "At which club is Ivo Brandt currently a consultant?", "Zeta Rovers"),
    ("Which surfwear firm may buy Velmora Skis?",
     "Which two companies have been mentioned as possible suitors for the ski-maker?",
     "Which two companies have been mentioned as possible suitors for Velmora Skis?",
     "Brandtex"),
])
def test_the_chat_says_the_described_thing_by_its_name(bot: qa.Bot, first: str, second: str,
                                                       interpreted: str, said: str) -> None:
    chat = bot.chat()
    assert chat.ask(first).text is not None
    answer = chat.ask(second)
    assert answer.interpreted_as == interpreted
    assert answer.text is not None and said in answer.text


@pytest.mark.parametrize("text", [
    "Ann Lee, the company's chief executive, blamed the weather.",  # the noun is an owner
    "Ann Lee, the police said, was arrested on Monday.",  # who said it
    "Unlike Zeta, the ski-maker has cut no jobs.",  # no comma closes an aside
    "Zeta Mobile, the handset maker, said sales rose.",  # "handset" qualifies "maker"
    "Ann Lee, the head of the company, said sales rose.",  # the head of it, not it
    "Yesterday Zeta, the ski-maker, denied it.",  # an opening word is no part of a name
    "Zeta and Orla, the ski-maker, recalled skis.",  # a list: which one is unsaid
])
def test_no_name_is_called_by_a_noun_outside_a_closed_aside(text: str) -> None:
    previous = answered_turn("What did the firm say?", text, text)
    assert all(called(noun, previous) is None
               for noun in ("company", "police", "ski-maker", "handset"))


@pytest.mark.parametrize(("before", "phrase"), [
    ("Why did the talks that began in May collapse?", "talks"),  # the subject's clause
    ("Who signed the deal that week?", "deal"),  # a time, no clause
    ("Who wrote the report that it published?", "report"),  # a pronoun opens it
    ("Which MPs voted against the bill that would raise taxes; and why?",
     "bill that would raise taxes"),  # no semicolon taken along
    ("Who told the inquiry that warnings were ignored?", "inquiry"),  # what was told
    ("How many of the staff that were hired last year have left?", "staff"),  # the subject's
])
def test_a_clause_goes_with_its_noun_only_after_a_verb_or_preposition(before: str,
                                                                      phrase: str) -> None:
    assert phrase_in(phrase.split()[0], before, clause=True) == phrase


def test_a_follow_up_that_leans_on_a_noun_after_another_is_said_with_it() -> None:
    sentence = "Zeta won the 2010 final 1-0."
    previous = answered_turn("Who won the 2010 final?", sentence, sentence)
    assert rewrite_follow_up("Who scored the goal that decided the final?", previous) == \
        "Who scored the goal that decided the 2010 final?"


@pytest.mark.parametrize(("text", "after"), [
    ("Orla, advised by Velmoran bank Zeta, is buying Brandt & Co.", None),  # an aside
    ("Orla, after buying Velmoran bank Zeta last year, is now buying Brandt.", None),  # (when)
    ("Orla is buying Velmoran bank Zeta from its owner, Velmoran bank Brandt.",
     "How much is Zeta worth?"),  # the name in the clause of the asked verb
])
def test_the_name_after_the_description_counts_in_the_clause_of_the_asked_verb(
        text: str, after: str | None) -> None:
    previous = answered_turn("Which Velmoran bank is Orla buying?", text, text)
    rewritten = rewrite_follow_up("How much is the Velmoran bank worth?", previous)
    assert rewritten == after or (after is None and "Zeta" not in (rewritten or ""))


@pytest.mark.parametrize("question", [
    "How much did the company pay for it?",  # a definite noun the previous question lacks
    "What did the board say about it?",
])
def test_a_definite_noun_not_named_before_leaves_the_pronoun_to_be_resolved(
        question: str) -> None:
    sentence = "Orla bought Zeta for £2m on Monday."
    previous = answered_turn("Which firm bought Zeta?", sentence, sentence)
    assert (rewrite_follow_up(question, previous) or "").endswith("Zeta?")


@pytest.mark.parametrize("sentence", [
    "Ann Lee, who ran a chip firm for a decade, quit on Monday.",  # owns no post
    "Ann Lee, one of Silicon Valley's best-known bosses, quit Zeta on Monday.",  # a possessive
    # but no post
])
def test_a_place_that_owns_no_post_in_the_answer_is_not_the_firm(sentence: str) -> None:
    previous = answered_turn("Which Silicon Valley chief executive has quit?", sentence,
                             sentence)
    assert "Silicon Valley" not in (rewrite_follow_up(
        "Who will take on the role of chief executive at the firm?", previous) or "")


def test_a_noun_said_as_an_owner_keeps_its_possessive() -> None:
    sentence = "Zeta, the carmaker, said sales rose."
    previous = answered_turn("Which firm said sales rose?", sentence, sentence)
    assert rewrite_follow_up("What is the carmaker's market share?", previous) == \
        "What is Zeta's market share?"


@pytest.mark.parametrize(("before", "text", "question", "after"), [
    ("Who did Velmora name as its ambassador to Ostria?",
     "Velmora opened an embassy in Orlaville, naming Ann Lee as Velmoran ambassador to Ostria.",
     "When did the country open the embassy?", "When did Velmora open the embassy?"),
    ("Where was Ann Lee born?", "Ann Lee was born in Zetaland. Zetalandic exports rose.",
     "What is the population of the country?", "What is the population of Zetaland?"),
])
def test_the_country_is_a_name_the_text_calls_a_people_by(before: str, text: str,
                                                          question: str, after: str) -> None:
    assert rewrite_follow_up(question, answered_turn(before, text, text)) == after


@pytest.mark.parametrize(("before", "subject"), [
    ("How many Zeta X2 planes has Ostria's low-cost airline Orla Air ordered?", "Orla Air"),
    ("When did Velmora's state airline Orla Air go bust?", "Orla Air"),
    ("How many Zeta shares did Ann Lee buy?", "Ann Lee"),  # the shares' maker qualifies them
    ("How many MPs gave interviews for the study?", "MPs"),  # the counted itself, then a verb
    ("What did Orla's chief executive Ann Lee say?", "Orla"),  # a post: "it" is still Orla
    ("What did Velmora's foreign minister tell Bo Park?", "Velmora"),  # Bo Park is told
])
def test_the_subject_is_not_a_name_that_only_qualifies_or_owns_it(before: str,
                                                                   subject: str) -> None:
    assert topic(before) == subject


def test_it_after_an_owned_name_is_that_name() -> None:
    sentence = "Recently, Ostria's first low-cost airline ordered 30 Zeta X2 planes for $1.8bn."
    previous = answered_turn("How many Zeta X2 planes has Ostria's low-cost airline Orla Air "
                             "ordered?", sentence, sentence)
    assert rewrite_follow_up("How many aircraft does it plan to have in its fleet?", previous) \
        == "How many aircraft does Orla Air plan to have in its fleet?"
