"""Follow-up questions through `bot.chat()`, with the real model and the seed index."""

from __future__ import annotations

from pathlib import Path

import pytest

import qa
from qa.answer import Answer
from qa.chat import _unresolved, entities, is_follow_up, person, rewrite_follow_up
from qa.names import names_by_head, pronoun_of
from qa.phrases import described, said_it, with_previous_clause
from tests.conftest import SEEDS

MINISTER = "Who is Canada's foreign affairs minister?"
PERMITS = "Why did Canada suspend export permits to Turkey?"


def test_pronoun_follow_up_is_rewritten_with_the_person_from_the_answer(bot: qa.Bot) -> None:
    chat = bot.chat()
    first = chat.ask(MINISTER)
    assert first.interpreted_as is None
    assert first.text is not None
    follow = chat.ask("what did she announce in July 2023?")
    name = person(first.text)
    assert name and name in (follow.interpreted_as or "")
    assert follow.question == "what did she announce in July 2023?"
    assert "she" not in (follow.interpreted_as or "").split()
    # What was searched is what the answer reports: asking it directly, preferring the article
    # the first answer came from, gives the same passages.
    direct = bot.ask(follow.interpreted_as or "",
                     context=[first.passages[(first.rank or 1) - 1].citation.article_id])
    assert [h.passage_id for h in follow.passages] == [h.passage_id for h in direct.passages]
    assert follow.passages[0].citation.source == "The Canadian Press"
    assert "2023" in (follow.passages[0].citation.date or "")


def test_follow_up_prefers_the_article_of_the_previous_answer(bot: qa.Bot) -> None:
    """A follow-up lifts the previous answer's article: on its own, the same question ranks
    it lower (or the same, never higher)."""
    chat = bot.chat()
    first = chat.ask(MINISTER)
    answered = first.passages[(first.rank or 1) - 1].citation.article_id
    follow = chat.ask("what did she say about the mission?")
    alone = bot.ask(follow.interpreted_as or "")

    def score(answer: qa.Answer) -> float:
        return max((h.score for h in answer.passages if h.citation.article_id == answered),
                   default=0.0)

    assert follow.interpreted_as is not None
    assert score(follow) > score(alone)
    assert [h.passage_id for h in follow.passages] != [] and \
        follow.passages[0].citation.article_id == answered


def test_contract_check_as_run_outside(seed_index: Path) -> None:
    """The outside contract check, verbatim but for the index folder (a fresh Bot, own model)."""
    c = qa.open(SEEDS, index=seed_index).chat()
    c.ask(PERMITS)
    assert c.ask("Who made that announcement?").interpreted_as
    c.bot.close()


def test_demonstrative_follow_up_carries_the_previous_terms(bot: qa.Bot) -> None:
    chat = bot.chat()
    chat.ask(PERMITS)
    follow = chat.ask("Who made that announcement?")
    searched = follow.interpreted_as or ""
    for word in ("Canada", "export", "permits", "Turkey"):
        assert word in searched
    assert follow.text is not None and "Champagne" in follow.text


def test_elliptical_follow_up_replaces_the_time(bot: qa.Bot) -> None:
    chat = bot.chat()
    chat.ask("What did Melanie Joly announce in July 2023?")
    follow = chat.ask("and in 2020?")
    assert follow.interpreted_as == "What did Melanie Joly announce in 2020?"


def test_follow_ups_chain_through_the_interpretation(bot: qa.Bot) -> None:
    chat = bot.chat()
    chat.ask(MINISTER)
    chat.ask("what did she announce in July 2023?")
    third = chat.ask("and in 2020?")
    assert third.interpreted_as is not None
    assert "Melanie Joly" in third.interpreted_as and "2020" in third.interpreted_as
    assert "July 2023" not in third.interpreted_as


def test_possessive_and_sanctions_follow_up(bot: qa.Bot) -> None:
    chat = bot.chat()
    chat.ask(MINISTER)
    follow = chat.ask("what did she say about sanctions?")
    assert follow.interpreted_as == "what did Melanie Joly say about sanctions?"
    # No article says what Joly said of sanctions; the NDP letter's call for them is shown
    assert any("targeted sanctions" in hit.text for hit in follow.passages)


@pytest.fixture(scope="module")
def minister(bot: qa.Bot) -> qa.Answer:
    """A real first turn to follow up on."""
    return bot.ask(MINISTER)


def test_standalone_question_is_asked_as_typed(bot: qa.Bot) -> None:
    chat = bot.chat()
    chat.ask(MINISTER)
    answer = chat.ask(PERMITS)
    assert answer.interpreted_as is None
    assert [h.passage_id for h in answer.passages] == [h.passage_id for h in
                                                       bot.ask(PERMITS).passages]


@pytest.mark.parametrize("question", [
    PERMITS,
    "What is the capital of Peru?",
    "What did Melanie Joly announce in July 2023?",
    "How many people fled Nagorno-Karabakh?",
    "Did Joly say that Canada will send experts?",
])
def test_standalone_question_is_not_rewritten(minister: qa.Answer, question: str) -> None:
    assert not is_follow_up(question)
    assert rewrite_follow_up(question, minister) is None


def test_first_question_is_never_rewritten(bot: qa.Bot) -> None:
    answer = bot.chat().ask("what did she say about sanctions?")
    assert answer.interpreted_as is None


def test_rewrite_false_searches_the_text_as_given(bot: qa.Bot) -> None:
    chat = bot.chat()
    chat.ask(MINISTER)
    answer = chat.ask("what did she announce?", rewrite=False)
    assert answer.interpreted_as is None
    assert len(chat.answers) == 2


def test_clear_forgets_the_context(bot: qa.Bot) -> None:
    chat = bot.chat()
    chat.ask(MINISTER)
    chat.clear()
    assert chat.answers == ()
    assert chat.ask("what did she say about sanctions?").interpreted_as is None


@pytest.mark.parametrize(("question", "expected"), [
    ("and in 2020?", True),
    ("What about Turkey?", True),
    ("what did she say about sanctions?", True),
    ("Who made that announcement?", True),
    ("Why?", True),
    ("Is there a ceasefire in Nagorno-Karabakh?", False),
    ("Who signed the letter to Joly about sanctions?", False),
])
def test_is_follow_up(question: str, expected: bool) -> None:
    assert is_follow_up(question) is expected


def test_person_strips_titles_and_skips_places() -> None:
    sentence = ("Foreign Affairs Minister Melanie Joly has announced that Canada will "
                "contribute to the mission.")
    assert person(sentence) == "Melanie Joly"
    assert person("Canadian foreign minister Francois-Philippe Champagne on Monday informed "
                  "that Global Affairs Canada …") == "Francois-Philippe Champagne"
    assert person("The European Union and Canada agreed.") is None
    assert person("Prime Minister Theresa May spoke.") == "Theresa May"
    assert person("In July Melanie Joly said so.") == "Melanie Joly"
    assert "Nagorno-Karabakh" in entities("What happened in Nagorno-Karabakh?")


def test_rewrite_without_previous_turn_is_none() -> None:
    assert rewrite_follow_up("and in 2020?", None) is None


@pytest.mark.parametrize(("before", "follow", "expected"), [
    ("How many people were questioned for the poll on the world economy?",
     "And in how many countries?",
     "In how many countries were people questioned for the poll on the world economy?"),
    ("When did the skirmishes begin?", "and where?", "Where did the skirmishes begin?"),
    ("When did Canada suspend export permits?", "and why?",
     "Why did Canada suspend export permits?"),
    ("Who is Labour's election chief?", "And the Tory co-chairman?",
     "Who is the Tory co-chairman?"),
    # a month swaps the time, not the place the question names after "in"
    ("What did Zeta open in Velmora this month?", "And in July?",
     "What did Zeta open in Velmora in July?"),
    ("What did Ann Lee say in April?", "and in July?", "What did Ann Lee say in July?"),
    ("How many jobs were cut in April 2004?", "And in July?",  # the year stays
     "How many jobs were cut in July 2004?"),
    ("How many jobs were cut in April last year?", "And in July?",
     "How many jobs were cut in July last year?"),
    ("What did Ann Lee say in May?", "And in 2004?", "What did Ann Lee say in May in 2004?"),
    ("What did Zeta open in Velmora?", "and in july?", "What did Zeta open in Velmora in july?"),
    ("Who reported casualties in Ostria?", "And who reported deaths since July?",
     "Who reported deaths since July?"),
])
def test_ellipsis_takes_the_new_question_word_into_the_previous_question(
        before: str, follow: str, expected: str) -> None:
    previous = qa.Answer(question=before, text=None, rank=None, passages=())
    assert rewrite_follow_up(follow, previous) == expected


def test_ellipsis_that_is_a_question_of_its_own_keeps_its_words() -> None:
    previous = qa.Answer(question="Which team does Middlesbrough need to beat to top the group?",
                         text=None, rank=None, passages=())
    rewritten = rewrite_follow_up("And which team were the group favourites?", previous) or ""
    assert rewritten.startswith("Which team were the group favourites")
    assert "Middlesbrough" in rewritten and "(" not in rewritten


def test_a_question_that_holds_all_its_words_is_answered_despite_a_low_cosine(
        bot: qa.Bot) -> None:
    """Long passages about several things score low cosines with a short question they
    answer word for word: the cosine floor does not refuse them."""
    answer = bot.ask("What did Melanie Joly announce in July 2023?")
    assert answer.text is not None and "Joly" in answer.text
    assert dict(answer.evidence)["passage_cosine"] < 0.36
    assert bot.ask("What is the capital of Peru?").text is None


def test_he_after_a_question_that_names_no_person_is_the_person_its_passage_names(
        bot: qa.Bot) -> None:
    chat = bot.chat()
    first = chat.ask("Why did Canada suspend drone exports to Turkey?")
    assert first.text and "Champagne" not in first.text  # the answer names no one
    follow = chat.ask("What did he say about the conflict?")
    assert follow.interpreted_as == "What did Francois-Philippe Champagne say about the conflict?"


def test_she_is_never_a_man_the_passages_call_he(bot: qa.Bot) -> None:
    chat = bot.chat()
    chat.ask("Why did Canada suspend drone exports to Turkey?")  # passages name men only
    follow = chat.ask("What did she say about the conflict?")
    assert follow.interpreted_as and "Champagne" not in follow.interpreted_as
    assert any(note.startswith('Who "she" is could not be told') for note in follow.notes)
    chat = bot.chat()
    chat.ask("Who is Canada's foreign affairs minister?")  # Melanie Joly: "she said"
    follow = chat.ask("What did he say about the conflict?")
    assert follow.interpreted_as and "Joly" not in follow.interpreted_as
    chat = bot.chat()
    chat.ask("Who is Canada's foreign affairs minister?")
    follow = chat.ask("What did she announce?")
    assert follow.interpreted_as == "What did Melanie Joly announce?" and not follow.notes


@pytest.mark.parametrize(("question", "unresolved"), [
    ("What did she say?", "she"),
    ("Who did she meet?", "she"),
    ("Which minister said he would go?", None),  # the one asked for
    ("What did Ann Lee say?", None),
])
def test_a_pronoun_that_stands_for_no_one_named_is_found(question: str,
                                                         unresolved: str | None) -> None:
    assert _unresolved(question) == unresolved


@pytest.mark.parametrize(("text", "name", "expected"), [
    ("Ann Lee said she would go. Mr Obi left.", "Ann Lee", "she"),
    ("Ann Lee said she would go. Mr Obi left.", "Ben Obi", "he"),
    ("Ben Obi spoke. His words were clear.", "Ben Obi", "he"),
    ('A report went to Lee on his plans. Lee said "yes." She left.', "Ann Lee", "she"),
    ("Lee spoke first.", "Ann Lee", None),
    ("Ann Lee thanked Ben Obi for his help.", "Ann Lee", None),  # his: Ben Obi's
    ("Ann Lee's husband said he would go.", "Ann Lee", None),
    ('Ann Lee said: "He is wrong." She left.', "Ann Lee", "she"),  # not the quote's "He"
    ("Ben Obi praised Ann Lee. She had helped him.", "Ben Obi", None),
    ("Martin Luther King Jr. said he would march.", "Martin Luther King Jr.", "he"),
])
def test_a_persons_pronoun_is_read_from_how_the_text_speaks_of_them(
        text: str, name: str, expected: str | None) -> None:
    assert pronoun_of(name, text) == expected


def test_a_definite_noun_takes_the_names_the_previous_answer_set_after_it(bot: qa.Bot) -> None:
    chat = bot.chat()
    chat.ask("Why did Canada suspend drone exports to Turkey?")  # "…the ongoing conflict
    follow = chat.ask("When did the conflict start?")  # between Azerbaijan and Armenia."
    assert follow.interpreted_as == "When did the conflict between Azerbaijan and Armenia start?"
    assert follow.text and "1988" in follow.text


@pytest.mark.parametrize(("texts", "expected"), [
    (["a truce ended the conflict between Ostria and Velmora."],
     "the conflict between Ostria and Velmora"),
    (["the talks in Orla City failed"], None),  # no "conflict" said
    (["the conflict there, in the hills"], None),  # no name says which
])
def test_described(texts: list[str], expected: str | None) -> None:
    assert described("conflict", texts) == expected


def test_names_by_head_reads_a_name_after_of_the() -> None:
    # "the bank" after a question about its governor; "the embassy" named in full
    assert names_by_head("Who is the Governor of the Reserve Bank of Ostria?") == {
        "governor": "Governor of the Reserve Bank of Ostria", "bank": "Reserve Bank of Ostria"}
    assert names_by_head("The Embassy of the Republic of Ostria said so.")["embassy"] \
        == "Embassy of the Republic of Ostria"
    assert names_by_head("the Lemkin Institute for Genocide Prevention said") == {
        "institute": "Lemkin Institute for Genocide Prevention"}


def test_the_embassy_takes_the_full_name_the_answer_gives_it(bot: qa.Bot) -> None:
    chat = bot.chat()
    chat.ask("What did the Azerbaijani embassy call the NDP letter to Joly?")
    follow = chat.ask("How many civilians does the embassy say were pushed out of the region?")
    assert follow.interpreted_as is not None
    assert "the Embassy of the Republic of Azerbaijan say" in follow.interpreted_as
    assert follow.text is not None and "700,000" in follow.text


def test_a_names_new_aspect_and_they_after_a_count(bot: qa.Bot) -> None:
    chat = bot.chat()
    chat.ask("Why did Canada suspend drone exports to Turkey?")
    # a noun the previous question lacks asks about it, not the same question again
    assert chat.ask("What about Turkey's reaction?").interpreted_as \
        == "What was Turkey's reaction?"
    chat = bot.chat()
    chat.ask("How many people fled Nagorno-Karabakh?")
    # "they" are the people counted, not the place they fled
    assert chat.ask("Where did they go?").interpreted_as \
        == "Where did the people who fled Nagorno-Karabakh go?"


@pytest.mark.parametrize(("before", "question", "expected"), [
    # an aspect a how-many or who question asks of another name is a swap, not a new question
    ("How many soldiers did Ostria lose?", "What about Brandia's losses?",
     "How many soldiers did Brandia lose?"),
    ("Who did Ann Lee marry?", "What about Bo Park's wife?", "Who did Bo Park marry?"),
    # another's holder of a role, asked as the previous question asked ("Who is …?")
    ("Who is Ostria's new ambassador to Brandia?", "What about Ostria's ambassador to the UN?",
     "Who is Ostria's ambassador to the UN?"),
    ("Who is the chief executive of music firm Orla?", "And Zeta's vice president for sales?",
     "Who is Zeta's vice president for sales?"),  # not "…of music firm Orla"
    # "they" after a count whose subject is named are not the counted
    ("How many medals has Ostria won?", "Where did they win them?", None),
    # the source the previous question was asked of stays
    ("Who is Ostria's president, according to the 2020 report?",
     "And the head of Velmora's government?",
     "Who is the head of Velmora's government, according to the 2020 report?"),
    # a body named by its kind alone, in a long question that names nothing, is the last turn's
    ("Which Orla left-back could miss the rest of the season?",
     "Which winger has the club already lost to a serious injury?",
     "Which winger has Orla already lost to a serious injury?"),
])
def test_follow_ups_that_keep_their_frame(before: str, question: str,
                                          expected: str | None) -> None:
    previous = Answer(before, None, None, ())
    rewritten = rewrite_follow_up(question, previous)
    if expected is None:
        assert rewritten is not None and "the medals that" not in rewritten
    else:
        assert rewritten == expected


def test_it_after_a_question_whose_subject_was_asked_takes_that_question() -> None:
    # 'it' stands for what the previous question asked about, said as a clause; an opening
    # "According to the report, " is not part of it
    assert with_previous_clause("Who announced it?", "According to the report, what turned "
                                "into a crisis on May 2?") == (
        "Who announced what turned into a crisis on May 2")
    assert with_previous_clause("Who denied that?", "Who wrote the letter?") == (
        "Who denied who wrote the letter")
    assert with_previous_clause("Why?", "Did Ostria suspend permits?") == (
        "Why did Ostria suspend permits")


def test_saying_the_previous_answer_asks_about_what_it_says() -> None:
    # "that" is the answer, said as a clause: a quote without its quote marks and speaker, the
    # clause after "told … that", or what the name asked about did; not the previous question
    # pasted after it ("Who said that did Ann Lee say?")
    quote = '"We will keep the plant open for years," Ann Lee said on Monday.'
    assert said_it("Who said that?", "What did Ann Lee say?", quote) == (
        9, "that we will keep the plant open for years")
    told = "Ann Lee told reporters on Monday that the plant would stay open."
    assert said_it("Why did she say it?", "According to the BBC, what did Lee say?", told) == (
        16, "that the plant would stay open")
    assert said_it("Who announced it?", "What did Ostria suspend?", "Ostria suspended "
                   "drone permits.", lambda: ("suspend", "the permits")) == (
        14, "that Ostria suspended the permits")
    assert said_it("Who said that?", "What did the mayor say?", "Mayor Ann Lee said the levees "
                   "held.") == (9, "that the levees held")  # "said" with no "that"
    assert said_it("Who said that?", "Who is Ann Lee?", told) is None  # not what was said
    assert said_it("Who said that?", "What did Ann Lee say?", None) is None  # no answer
    assert said_it("Who runs that?", "What did Ann Lee say?", told) is None  # no saying
    assert said_it("Who said so?", "How many journalists does Orla employ?", "Orla employs 521 "
                   "journalists, the union said.") == (9, "that Orla employs 521 journalists")
    assert said_it("Who said so?", "How many staff does Orla have?", None) is None  # no answer


def test_who_said_that_after_what_someone_said_searches_what_was_said(bot: qa.Bot) -> None:
    chat = bot.chat()
    first = chat.ask("What did Melanie Joly say?")
    assert first.text and "will contribute to the mission" in first.text
    follow = chat.ask("Who said that?")
    assert follow.interpreted_as and follow.interpreted_as.startswith(
        "Who said that Canada will contribute to the mission")
    assert follow.text == first.text
