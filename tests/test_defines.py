"""'Who is Ann Lee?': the answer says what she is (a role beside her name), and a sentence that
only mentions her is no answer."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

import qa
from qa.defines import asked_name, asks_a_role, role_values, surnames
from qa.slots import answer_values, slot


@pytest.mark.parametrize(("question", "name"), [
    ("Who is Ann Lee?", "Ann Lee"),
    ("who was Lee", "Lee"),
    ("Who's Bo Park?", "Bo Park"),
    ("Who is Velmora's foreign minister?", None),  # asks for a name, not about one
    ("Who is Ann Lee.", "Ann Lee"),
    ("Who is Ann Lee married to?", None),
    ("Who met Ann Lee?", None),
])
def test_a_who_is_question_names_whom_it_asks_about(question: str, name: str | None) -> None:
    assert asked_name(question) == name
    assert (slot(question) == "role") == (name is not None)


@pytest.mark.parametrize(("sentence", "role"), [
    ("Foreign Affairs Minister Ann Lee has announced a mission.", "Foreign Affairs Minister"),
    ("Velmora's foreign minister Ann Lee said so.", "Velmora's foreign minister"),
    ("Ann Lee, the mayor of Orla, said so.", "the mayor of Orla"),
    ("Ann Lee, Ambassador of Velmora to Ostria, said so.", "Ambassador of Velmora to Ostria"),
    ("Orla named Ann Lee as its new ambassador to Velmora.", "its new ambassador to Velmora"),
    ("Lee is a Velmoran MP.", "a Velmoran MP"),
    ("Bo Park sent a letter to Lee on Monday.", None),  # she is only mentioned
    ("Lee said that the minister would come.", None),  # a role, but not hers
    ("Mr Lee said the bridge would cost more.", None),  # a title comes with any name
    ("Lee, who met the minister on Monday, said so.", None),  # a clause about her
    ("Lee, Bo Park and the mayor attended.", None),  # others named after her
    ("Ann Smith, the mayor of Orla, said so.", None),  # another Ann
])
def test_the_role_beside_the_name_is_the_answer(sentence: str, role: str | None) -> None:
    got = role_values("Who is Ann Lee?", sentence)
    assert [text for _, text in got] == ([role] if role else [])
    for at, text in got:
        assert sentence[at:at + len(text)] == text


TOWN = {
    "council.md": ("Orla council votes on a new bridge", "2024-05-02",
                   "Mayor Ann Lee said on Tuesday that the Orla council would vote on a new "
                   "bridge over the river.\n\nThe bridge would cost 3 million dollars. Bo Park "
                   "attended the meeting and asked about the cost."),
    "market.md": ("Orla market reopens", "2024-06-10",
                  "The Orla market reopened on Saturday after repairs to its roof.\n\n"
                  "Traders said sales were strong on the first day."),
}


@pytest.fixture(scope="module")
def town(tmp_path_factory: pytest.TempPathFactory) -> Iterator[qa.Bot]:
    corpus = tmp_path_factory.mktemp("orla")
    for name, (title, day, body) in TOWN.items():
        (corpus / name).write_text(f"---\ntitle: {title}\ndate: {day}\n---\n{body}\n")
    bot = qa.open(corpus, index=tmp_path_factory.mktemp("orla-index"))
    yield bot
    bot.close()


def test_who_is_someone_the_articles_describe_is_answered_by_the_description(
        town: qa.Bot) -> None:
    answer = town.ask("Who is Ann Lee?")
    assert answer.text and "Mayor Ann Lee" in answer.text


def test_who_is_someone_the_articles_only_mention_is_not_found(town: qa.Bot) -> None:
    answer = town.ask("Who is Bo Park?")
    assert answer.text is None and answer.passages


def test_who_is_on_the_seeds_gives_her_role_not_another_sentence_about_her(
        bot: qa.Bot) -> None:
    answer = bot.ask("Who is Joly?")
    assert answer.text and "Foreign Affairs Minister Melanie Joly" in answer.text


def test_she_after_who_is_stands_for_the_one_asked_about(bot: qa.Bot) -> None:
    chat = bot.chat()
    chat.ask("Who is Joly?")
    follow = chat.ask("What did she announce?")
    assert follow.interpreted_as == "What did Melanie Joly announce?"


@pytest.mark.parametrize(("question", "person"), [
    ("Which former Orla agent was convicted?", True),
    ("Which Velmora MP signed the letter?", True),
    ("Which club's manager resigned?", True),
    ("Which striker's club won?", False),  # asks for a club
    ("Which film did the director make?", False),  # "did" ends the phrase: a film
    ("Which 1996 single made the singer famous?", False),  # no role among its first words
    ("Who coaches Ann Lee?", True),
    ("Who is the chief executive of Orla Media?", True),
    ("Who is Orla Media's chief executive?", True),
    ("Who won the Velmora race?", False),  # a person, a team or a horse
    ("Which Premier League club did Ann Lee join?", False),  # "premier" qualifies "club"
    ("Which star sign is Ann Lee?", False),
    ("Which host city won the vote?", False),
    ("Which Orla official rejected the plan?", True),
    ("Who is the favourite?", False),
])
def test_a_which_question_ending_in_a_role_asks_for_a_person(question: str,
                                                              person: bool) -> None:
    assert asks_a_role(question) is person
    assert (slot(question) == "person") is person


def test_a_surname_alone_is_a_person_the_passage_names_in_full() -> None:
    passage = ("Orla coach Bo Park praised scrum-half Ann Lee. Park said: \"I was very happy "
               "with Lee.\" The Velmora side lost.")
    question = "Which scrum-half did Bo Park praise?"
    sentence = "Park said: \"I was very happy with Lee.\""
    assert surnames(sentence, passage, {"bo", "park"}) == [(34, "Lee")]
    assert surnames("The Velmora side lost.", passage, set()) == []  # no full name for it
    assert [v for _, v in answer_values(question, sentence, passage)] == ["Lee"]
    assert answer_values(question, sentence) == []  # without the passage, one word is no name


def test_a_person_named_with_a_particle_is_one_name() -> None:
    got = answer_values("Who is the chief executive of Orla Media?",
                        "Ana de la Cruz, the chief executive of Orla Media, said so.")
    assert [v for _, v in got] == ["Ana de la Cruz"]


@pytest.mark.parametrize("first", ["Who is Joly?", "Who's Joly?", "who is Joly"])
def test_she_after_any_who_is_stands_for_the_one_asked_about(bot: qa.Bot, first: str) -> None:
    chat = bot.chat()
    chat.ask(first)
    assert chat.ask("What did she announce?").interpreted_as == "What did Melanie Joly announce?"
