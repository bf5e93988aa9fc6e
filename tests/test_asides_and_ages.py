"""What a question's words mean, read as English: an aside after a name only says which thing
it is ("Who founded Zeta, the group behind the learning lab?" is answered by "said Zeta
founder Ann Lee"); the age opening a sentence is its subject's, not that of a name listed
later; a name called the asked verb's doer by its agent noun ("Orla is the largest producer")
answers for Orla, not Zeta; "the hurdler" after a turn about Ann Lee, answered "hurdler Ann
Lee…", is Ann Lee. Made-up text, no corpus's names; the answers with the real model, FAISS
and SQLite."""

from __future__ import annotations

import re

import pytest

import qa
from qa.asides import without_aside
from qa.conflicts import names_conflict
from qa.doers import age_of_another
from qa.predicates import predicate_missing
from qa.referents import called
from qa.slots import answer_values
from qa.vocab import terms
from tests.conftest import answered_turn, made_up_fixture


def _known(text: str) -> set[str]:
    return {t[:5] for t in terms(text)}


@pytest.mark.parametrize(("question", "read"), [
    ("Who founded Zeta, the group behind the children's learning lab?", "Who founded Zeta?"),
    ("Which rival did Ann Lee, the Orla champion, beat in Ostria?",
     "Which rival did Ann Lee beat in Ostria?"),
    ("Who beat Zeta, the holders, in May?", "Who beat Zeta in May?"),
    ("Who founded Zeta?", "Who founded Zeta?"),  # no aside
    ("What did the firm, a maker of skis, say?", "What did the firm, a maker of skis, say?"),
    # (no name before the comma: the aside may be what is asked about)
    ("According to Zeta, the company's profits rose by how much?",
     "According to Zeta, the company's profits rose by how much?"),  # a phrase put first
    ("In Orla, the police arrested how many people?",
     "In Orla, the police arrested how many people?"),
    ("Which is bigger, Zeta, the bank or Orla?", "Which is bigger, Zeta, the bank or Orla?"),
    ("When did Zeta, the bank, which Ann Lee founded, open?",
     "When did Zeta, the bank, which Ann Lee founded, open?"),  # another aside goes on
    ("Who did Ann Lee beat in the final at Orla, the 2004 event?",
     "Who did Ann Lee beat in the final at Orla, the 2004 event?"),  # a year says which one
])
def test_an_aside_after_a_name_is_read_as_saying_which_thing(question: str, read: str) -> None:
    rarity = dict.fromkeys(terms(question), 1.0)
    name = re.search(r"(?:[A-Z][\w'’-]*\s?)+$", question.split(",")[0])
    said = f"{name.group().strip() if name else 'No one'} said so."  # the thing, not the aside
    rest, kept = without_aside(question, rarity, _known(question), said)
    assert rest == read
    assert set(kept) == set(terms(read))


@pytest.mark.parametrize(("article", "sentence"), [
    ("Zeta founder Ann Lee said the firm would grow.",  # no lab, no learning, no group
     "Zeta founder Ann Lee said the firm would grow."),
    ("Zeta, behind the children's learning lab, was founded by Ann Lee.",
     "Orla was founded by Bo Park."),  # the sentence does not name Zeta: the aside says
    # whether it is about Zeta
    ("Zeta, the group behind the children's learning lab, was founded by Ann Lee.",
     "Zeta, the group behind the children's learning lab, was founded by Ann Lee."),  # said
    # again: the sentence earns the aside's words
])
def test_an_aside_stays_asked_unless_the_sentence_names_the_thing_alone(
        article: str, sentence: str) -> None:
    question = "Who founded Zeta, the group behind the children's learning lab?"
    rarity = dict.fromkeys(terms(question), 1.0)
    assert without_aside(question, rarity, _known(article), sentence) == (question, rarity)


def test_a_surname_alone_names_no_one_asked_by_full_name() -> None:
    question = "Which club did Ann Lee, the group's founder, join?"
    rarity = dict.fromkeys(terms(question), 1.0)
    article = _known("Ann Lee, the group's founder, joined Zeta. Tom Lee joined Orla.")
    assert without_aside(question, rarity, article, "Tom Lee joined Orla.") == (question, rarity)


@pytest.mark.parametrize(("question", "sentence"), [
    ("Who won in Orla, the week after the crash?", "Bo Park won in Orla."),  # a time
    ("How much did Zeta, the parent company, earn last year?", "Zeta Bank earned $4m."),  # a
    # longer name; and "parent" tells one Zeta from another
    ("Who won the race in Orla, the final round of the season?", "Bo Park won in Orla."),
    ("Which club did Ann Lee, the Velmora captain, join?", "The captain, Ann Lee, joined Zeta."),
    # (the sentence says part of the aside: it earns it)
])
def test_an_aside_that_may_tell_which_one_stays_asked(question: str, sentence: str) -> None:
    rarity = dict.fromkeys(terms(question), 1.0)
    assert without_aside(question, rarity, _known(question), sentence) == (question, rarity)


@pytest.mark.parametrize(("sentence", "theirs"), [
    ("The 30-year-old actor, who is nominated for Dark Harbour, will join hopefuls such as "
     "Cy Dunn, Ann Lee and Bo Park as presenters.", False),  # the subject's age, not Lee's
    ("The 30-year-old will star alongside Bo Park and Ann Lee in May.", False),
    ("The 30-year-old twins, Ann Lee and Bo Lee, will both race in Orla.", True),  # they are
    # the subject
    ("The 30-year-old singer, who performs as Ann Lee and Lady Orla, toured.", True),
    ("The 30-year-old actor, Ann Lee, will join the cast.", True),  # her, in apposition
    ("The 30-year-old actor Ann Lee will join the cast.", True),
    ("The 30-year-old Ann Lee will join the cast.", True),
    ("The 30-year-old actor is Ann Lee, the studio said.", True),  # said to be her
    ("The 30-year-old victim has been named as Ann Lee.", True),
    ("The 30-year-old mother of two, Ann Lee, was found.", True),
    ("The 30-year-old teacher from Orla, Ann Lee, was named by police.", True),
    ("The 30-year-old striker, whose real name is Ann Lee, joined Zeta.", True),
])
def test_the_age_opening_a_sentence_is_not_that_of_a_name_listed_later(sentence: str,
                                                                       theirs: bool) -> None:
    question = "How old is Ann Lee?"
    values = answer_values(question, sentence)
    assert values
    assert bool(age_of_another(question, sentence, values)) is theirs


@pytest.mark.parametrize("question", ["How old is Orla City manager Ann Lee?",
                                      "How old is Orla City chief executive Ann Lee?"])
def test_the_age_asked_of_a_role_holder_is_looked_for_by_the_holders_name(question: str
                                                                          ) -> None:
    assert answer_values("How old was Ann Lee when coach Bo Park picked her?",
                         "Ann Lee was 16 years old when Park picked her.")  # not Park's
    sentence = "The 29-year-old will play alongside Orla City and Zeta in the final."
    values = answer_values(question, sentence)
    assert values and age_of_another(question, sentence, values) == values  # Lee is unsaid:
    # the age is not taken from her on the word "City"
    other = "The 29-year-old will play alongside Bo Park and Ann Lee in the final."
    assert not age_of_another(question, other, answer_values(question, other))


@pytest.mark.parametrize(("question", "sentence", "conflict"), [
    ("How much cheese does Velmora produce each year?",
     "Ostria is Europe's second largest producer of cheese and exports its products.", True),
    ("How many staff does Zeta employ?",
     "Orla is the biggest employer in the town, with 5,000 staff.", True),
    ("How much cheese does Velmora produce?",
     "Velmoran farms make 30,000 tonnes; only Ostria is a bigger producer.", False),  # a
    # comparison: Velmora produces too
    ("How much cheese does Velmora produce?",
     "The region produces 30,000 tonnes, though Ostria is Europe's largest producer.", False),
    ("How much cheese does Velmora produce?",
     '"We produce 30,000 tonnes, but Ostria is the biggest producer," said Ann Lee.', False),
    ("How many pupils does Ann Lee teach?",
     "Bo Park is head teacher at the school, which has 300 pupils.", False),  # not first
    ("How many cars does Zeta produce?",
     "Zeta is Europe's largest producer, making 3m cars a year.", False),  # the one asked
    ("How many cars does Zeta produce?",
     "The firm is the biggest producer in Velmora, with 2m cars a year.", False),  # no name
    ("How much cheese does Velmora produce?",
     "It produces 30,000 tonnes a year, although Ostria remains the larger producer.", False),
    # ("it" does it: Velmora, maybe)
    ("How much cheese does Velmora produce?",
     "Velmoran farms made 30,000 tonnes, while Ostria is not a producer at all.", False),
    ("How many jets did Velmora order?",
     "Velmoran officials ordered 40 jets, while Ostria is still weighing an order.", False),
    ("How many medals did Velmora win?",
     "Velmorans won 12 medals, though Ostria remains the winter sports giant.", False),
    ("How many bikes does Zeta produce?",
     "Orla is where the producer assembles most of its 2m bikes.", False),  # "where the"
    ("How many people does Zeta employ?",
     "Orla is the manager's former employer, with 40 staff.", False),  # someone's employer
    ("How many homes does Zeta build?", "Orla is a former builder of 3,000 homes.", False),
])
def test_another_name_said_to_be_the_doer_by_its_agent_noun(question: str, sentence: str,
                                                            conflict: bool) -> None:
    assert names_conflict(question, sentence) is conflict


@pytest.mark.parametrize(("text", "name"), [
    ("Velmoran hurdler Ann Lee hopes to win a medal in Orla.", "Ann Lee"),
    ("Velmoran hurdler Ann Lee and hurdler Bo Park hope to win medals.", "Ann Lee"),  # the
    # one the turn asked about
    ("The hurdler said on Monday she was fit.", None),  # no name after the noun
    ("In the other Group B hurdler Zeta's runner beat Orla.", None),  # a determiner opens
    # the noun's phrase: the name opens a clause
    ("She beat a hurdler Ann Lee knew.", None),
    ("Ann Lee, who trains with fellow hurdler Bo Park, is fit.", None),  # not whom the turn
    # asked about
    ("Ann Lee, coached by former hurdler Bo Park, is fit.", None),
    ("It is like one hurdler Velmora sent in 2004.", None),
    ("Velmoran hurdlers Ann Lee and Bo Park hope to win.", None),  # a list
    ("Ann Lee beat fellow hurdler Bo Park in Ostria.", None),
    ("Ann Lee will hurdler Bo Park in Ostria.", None),  # a verb after "will", no noun
    ("She is confident.\n\nTop hurdler\n\nAnn Lee has won.", None),  # a heading's break
])
def test_a_noun_right_before_the_name_the_turn_asked_about_calls_that_name(
        text: str, name: str | None) -> None:
    previous = answered_turn("Where does Ann Lee hope to win a medal?", text, text)
    assert called("hurdler", previous) == name
    assert called("hurdlers", previous) is None


def test_a_name_the_question_only_says_in_lower_case_is_not_asked_about() -> None:
    text = "Ann Lee finished ahead of hurdler Young in Orla."
    previous = answered_turn("Which young runner beat Ann Lee in Orla?", text, text)
    assert called("hurdler", previous) is None


def test_the_game_after_a_determiner_and_a_group_is_no_name_set_after_it() -> None:
    text = "In the other Group B game Zeta's late goal beat Orla 3-2 in Ostria."
    previous = answered_turn("Which side does Zeta face in the cup?", text, text)
    assert called("game", previous) is None


ARTICLES = {
    "lab.md": ("Reserve goes online", "2024-02-01", "Valley Herald",
               "A children's learning lab has been added to the Orla reserve's network, in "
               "collaboration with Zetaglobe, a group that links schools.\n\n\"Digital "
               "technology brings this story to life,\" said Zetaglobe founder Ann Lee."),
    "hurdles.md": ("Lee eyes medal", "2024-03-05", "Coastal Times",
                   "Velmoran hurdler Ivy Marsh is confident she can win her first major medal "
                   "at next month's indoor championships in Ostria.\n\nMarsh has won the "
                   "national 60m hurdles title for the past three years."),
    "awards.md": ("Stars to present awards", "2024-01-20", "Valley Herald",
                  "Film star Cy Dunn is to present an award at this year's Orla film prizes."
                  "\n\nThe 30-year-old actor, who is nominated for playing a pilot in Dark "
                  "Harbour, will join other hopefuls such as Bo Park, Tia Vance and Ada Obi as "
                  "presenters."),
}


bot = made_up_fixture("asides", ARTICLES)


def test_a_question_with_an_aside_is_answered_by_the_sentence_naming_the_founder(
        bot: qa.Bot) -> None:
    answer = bot.ask("Who founded Zetaglobe, the group behind the children's learning lab on "
                     "the Orla reserve's network?")
    assert answer.text is not None and "Ann Lee" in answer.text


def test_an_age_said_of_another_is_not_the_age_of_a_name_said_later(bot: qa.Bot) -> None:
    assert bot.ask("How old is Tia Vance?").text is None


def test_the_chat_says_the_hurdler_by_her_name(bot: qa.Bot) -> None:
    chat = bot.chat()
    assert chat.ask("Where are the indoor championships at which Ivy Marsh hopes to win a "
                    "medal?").text is not None
    answer = chat.ask("For how many years in a row has the hurdler won the national 60m "
                      "hurdles title?")
    assert answer.interpreted_as == ("For how many years in a row has Ivy Marsh won the "
                                     "national 60m hurdles title?")
    assert answer.text is not None and "three years" in answer.text


_SIGNED = "How many states signed the landmark settlement of 1998?"
_TREATY = "Who signed the Velmora treaty?"


@pytest.mark.parametrize(("question", "sentence", "missing"), [
    (_SIGNED, "They met its demands in a landmark settlement reached with 46 states in 1998.",
     False),
    (_TREATY, "The treaty was agreed by Ann Lee in May.", False),
    (_SIGNED, "Some 46 states were named in the 1998 report.", True),  # no signing, no deal
    (_TREATY, "Ann Lee put the treaty before parliament.", True),  # the noun says no verb
])
def test_signing_an_agreement_is_said_by_reaching_or_agreeing_it(question: str, sentence: str,
                                                                  missing: bool) -> None:
    assert predicate_missing(question, sentence) is missing
