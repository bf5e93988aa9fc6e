"""Answers a reader can trust: not found when the articles don't say, agreement across
sources, times in passages, follow-ups on any corpus. Real model, FAISS and SQLite on a small
corpus made here (four local-news articles about a town no seed article names)."""

from __future__ import annotations

import ast
import json
import sqlite3
import time
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
import pytest

import qa
from qa import dates
from qa.agreement import agreement
from qa.aliases import shortened
from qa.answer import (
    SENTENCE_FEATURES,
    Answer,
    Asked,
    Citation,
    Hit,
    fits,
    sentence_features,
    sentence_score,
)
from qa.chat import rewrite_follow_up
from qa.conflicts import names_conflict
from qa.counts import count_noun_missing, measure_missing
from qa.dates import mentions, overlaps
from qa.evidence import (
    FEATURE_WEIGHTS,
    FEATURES,
    GATES,
    WORDS_HELD,
    _values,
    article_words,
    gated,
    hedged,
    names_missing,
    stems,
    unframed,
    weigh,
)
from qa.figures import against, at_another_time, far, given, owned_by_another, unpaid
from qa.index import DB_NAME
from qa.kinds import countries_left_out, other_lands
from qa.leaning import asks, is_follow_up
from qa.models import Candidate
from qa.names import entities, person
from qa.opposites import opposite
from qa.predicates import predicate_missing, words_unsaid
from qa.referents import topic
from qa.roles import asked_role, holder_asked, role_named
from qa.slots import answer_type, answer_values, asked_kind, slot
from qa.vocab import terms
from tests.conftest import answered_turn

from .conftest import ROOT, run_qa

ARTICLES = {
    "flood-herald.md": ("Flood forces thousands from homes in Riverton", "2024-03-02",
                        "Valley Herald",
                        "Heavy rain caused the Riverton river to burst its banks on Friday "
                        "night.\n\nAbout 6,500 people fled their homes in Riverton as the water "
                        "rose, the mayor said.\n\nEmergency crews worked through the night to "
                        "reinforce the levees."),
    "flood-times.md": ("Riverton flood: residents evacuated", "2024-03-03", "Coastal Times",
                       "Officials in Riverton said about 6,500 people fled their homes during "
                       "the flood on Friday.\n\nSchools in the town stayed closed on Monday "
                       "while the clean-up began."),
    "flood-wire.md": ("Relief groups count the cost of the Riverton flood", "2024-03-05",
                      "National Wire",
                      "Relief agencies said on Tuesday that 28,000 people fled their homes in "
                      "the Riverton area when the river flooded.\n\nThe agencies asked for "
                      "donations of blankets and bottled water."),
    "library.md": ("Riverton council approves new library", "2025-06-01", "Valley Herald",
                   "The Riverton council voted on Tuesday to build a new public library near "
                   "the town square.\n\nThe library will cost 4 million dollars. The council "
                   "first proposed a library in 2019, when Grace Okafor led it."),
}
FLED = "How many people fled their homes in the Riverton flood?"


@pytest.fixture(scope="module")
def town(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, qa.Bot]:
    corpus = tmp_path_factory.mktemp("riverton")
    for name, (title, day, source, body) in ARTICLES.items():
        (corpus / name).write_text(f"---\ntitle: {title}\ndate: {day}\nsource: {source}\n---\n"
                                   f"{body}\n")
    bot = qa.open(corpus, index=tmp_path_factory.mktemp("riverton-index"))
    yield corpus, bot
    bot.close()


def test_other_sources_that_state_the_figure_support_it_and_a_different_one_conflicts(
        town: tuple[Path, qa.Bot]) -> None:
    _, bot = town
    answer = bot.ask(FLED)
    assert answer.text and "6,500" in answer.text
    cited = {answer.passages[answer.rank - 1].citation.source}
    supporters = {c.source for c in answer.support}
    assert supporters and supporters <= {"Valley Herald", "Coastal Times"} - cited
    assert [(c.value, c.citation.source) for c in answer.conflicts] == [("28,000",
                                                                         "National Wire")]
    lines = answer.agreement()
    assert lines[0].startswith("Also reported by: ") and "2024-03-0" in lines[0]
    assert lines[1] == "Sources differ: 6,500 here / 28,000 in National Wire 2024-03-05"


def test_a_count_of_something_else_is_no_conflict() -> None:
    same = np.ones(4, dtype=np.float32) / 2  # the two sentences as close as can be
    question = "How many monitors are in the Velmora mission?"
    chosen = {0: ("The Velmora mission has a hundred monitors.", same),
              1: ("Ostria will send two experts to the Velmora mission.", same),
              2: ("The Velmora mission now has 120 monitors.", same)}
    support, conflicts = agreement(question, 0, chosen, ["a", "b", "c"])
    assert conflicts == [(2, "120")]  # "two experts" counts no monitors


def test_other_sources_are_found_when_one_passage_is_shown(town: tuple[Path, qa.Bot]) -> None:
    answer = town[1].ask(FLED, k=1)
    assert len(answer.passages) == 1 and answer.rank == 1
    assert answer.support and answer.conflicts  # read from the passages not shown


def test_agreement_in_json_and_text(town: tuple[Path, qa.Bot]) -> None:
    corpus, _ = town
    index = town[1].index_dir
    out = run_qa("-q", FLED, "--corpus", str(corpus), "--index", str(index), "--json")
    assert out.returncode == 0, out.stderr
    got = json.loads(out.stdout)["answer"]
    assert {"text", "rank", "support", "conflicts"} <= set(got)
    assert {"title", "source", "date", "path", "paragraph"} <= set(got["support"][0])
    assert got["conflicts"][0]["value"] == "28,000"
    text = run_qa("-q", FLED, "--corpus", str(corpus), "--index", str(index))
    assert "Also reported by:" in text.stdout and "Sources differ:" in text.stdout


@pytest.mark.parametrize("question", [
    "Who is the mayor of Riverton?",            # a person never named
    "How old is the Riverton library?",         # no age anywhere
    "What is the population of Riverton?",      # no population
    "Who is the chair of the Riverton council?",  # someone led it in 2019; no chair named
])
def test_near_topic_questions_the_articles_do_not_answer_are_not_found(
        town: tuple[Path, qa.Bot], question: str) -> None:
    answer = town[1].ask(question)
    assert answer.text is None and answer.passages  # the closest passages, shown as such
    assert answer.to_dict()["answer"] is None


@pytest.mark.parametrize(("question", "expected"), [
    ("How much will the Riverton library cost?", "4 million dollars"),
    ("Who led the Riverton council in 2019?", "Grace Okafor"),
    ("When did the Riverton river burst its banks?", "Friday"),
])
def test_questions_the_articles_answer_are_answered(town: tuple[Path, qa.Bot], question: str,
                                                    expected: str) -> None:
    answer = town[1].ask(question)
    assert answer.text and expected in answer.text


def test_a_year_in_the_question_finds_the_later_article_that_recounts_it(
        town: tuple[Path, qa.Bot]) -> None:
    answer = town[1].ask("Who led the Riverton council in 2019?")
    assert answer.passages[answer.rank - 1].citation.date == "2025-06-01"
    assert answer.dates and "2019-01-01 to 2019-12-31" in answer.dates


def test_the_times_a_passage_mentions_are_stored_at_index_time(
        town: tuple[Path, qa.Bot]) -> None:
    db = sqlite3.connect(f"file:{town[1].index_dir / DB_NAME}?mode=ro", uri=True)
    stored = dict(db.execute("SELECT text, times FROM passages").fetchall())
    db.close()
    [library] = [t for text, t in stored.items() if "library in 2019" in text]
    assert "2019-01-01/2019-12-31" in library.split(";")
    assert all(t == "" for text, t in stored.items() if "levees" in text)  # "Friday": no year


def test_times_a_passage_mentions_are_read_against_its_date() -> None:
    day = date(2023, 3, 15)
    spans = mentions("In 2020 the war began. Last December talks failed; last fall too. "
                     "On July 21, 2023 they met. In May prices rose.", day)
    assert (date(2020, 1, 1), date(2020, 12, 31)) in spans
    assert (date(2022, 12, 1), date(2022, 12, 31)) in spans      # last December, said in March
    assert (date(2022, 9, 1), date(2022, 11, 30)) in spans       # last fall
    assert (date(2023, 7, 1), date(2023, 7, 31)) in spans
    assert (date(2022, 5, 1), date(2022, 5, 31)) in spans        # "in May" before March: 2022
    assert mentions("Last December talks failed.", None) == []   # no anchor, no guess
    assert overlaps(spans, date(2020, 6, 1), date(2020, 6, 30))
    assert not overlaps(spans, date(2019, 1, 1), date(2019, 12, 31))


@pytest.mark.parametrize(("question", "expected"), [
    ("How old is the chief executive?", "age"),
    ("How much did the club pay for him?", "money"),
    ("What was the company's net income in 2002?", "money"),
    ("By what percentage did sales rise?", "percent"),
    ("How long did the blockade last?", "duration"),
    ("How many people fled?", "count"),
    ("By how much did profits rise?", "amount"),
    ("In which city was he born?", "place name"),
    ("Where was he born?", "place"),
    ("Which country brokered the ceasefire?", "place name"),
    ("Who is the foreign minister?", "person"),  # a role: a person's name
    ("Which minister resigned?", "person"),
    ("Which film won the award?", "name"),
    ("When did the talks begin?", "date"),
    ("Why did the talks fail?", None),
    ("How much are they paying for the striker?", "money"),
    ("How much was the coach fined?", "money"),
    ("How much rain fell in winter?", "amount"),
    ("How much wine did they export?", "amount"),
    ("What is the capital of the region?", "place name"),
    ("What is the state of the economy?", None),
    ("What is the population of the city?", "count"),
    ("What is the real name of the singer?", "name"),
    ("How long has the strike gone on?", "duration"),
    ("What was Ann Lee's majority in Velmora at the last election?", "count"),
    ("What was the official death toll of the offensive?", "count"),
    ("What record profit did Orla make in 2004?", "money"),
    ("What total budget shortfall did Velmora forecast?", "money"),  # not a count
    ("What was Zeta Brothers' profit in 2004?", "money"),
    ("What was Ann Lee's winning time in the 200m final?", "time"),  # a race's time
    ("What is the capacity of Orla Park?", "count"),
    ("How much of its value did the franc lose?", "amount"),  # a share, a sum or a count
    ("What exchange rate did Velmora set?", None),  # "655 to the euro"
    ("What is the best time to visit Velmora?", None),  # no race's time
    ("What score did the judges give Ann Lee?", None),  # no match's score
    ("What employment rate did the plan set?", "percent"),
    ("What sales did Orla report?", None),  # units or money: no kind to insist on
    ("What was the mood of the markets?", None),
    ("What time did Ann Lee run to win the 200m?", "time"),  # a race's, not the hour
    ("Which state senator sponsored the bill?", "person"),  # "state" qualifies a role
    ("Which city hosts the fair?", "place name"),
    ("What is the name of the man who threw the egg?", "person"),  # a person's name
    ("What are the names of the two experts?", "person"),
    ("What is the name of the film?", "name"),
    ("For how many years was Ann Lee mayor?", "count"),  # "how many" after a preposition
    ("In how many cities does Orla trade?", "count"),
    ("How deep is Lake Velmora?", "measure"),  # metres, not any figure
    ("How tall is Ann Lee?", "measure"),
    ("What were Orla's total assets in 2003?", "amount"),  # not a count: "5.3 trillion yuan"
    ("What was the total?", "count"),
    ("What was the total number of casualties?", "count"),  # a count, not any sum or share
    ("What was the total attendance at the match?", "count"),
    ("What is Ann Lee's personal best over 100m?", "mark"),  # a time or a length
    ("What is Ann Lee's long jump season's best?", "mark"),
    ("What is the current rate of income tax?", "percent"),
    ("What is the rate of exchange?", None),
    ("What growth did the fund forecast for 2005?", "percent"),
    ("What is the world record holder's name?", None),  # a person, not a time
    ("What is the exchange rate of the pound?", None),
    ("What is the rate of pay for nurses?", None),
    # a rate named before "rate" asks for no kind: rates are written "2.1%", "two per cent",
    # "4.75", "one in ten", "22p in the pound"
    ("What is Ostria's unemployment rate?", None),
    ("What is the basic tax rate?", None),
    ("Where did Ann Lee finish in the Orla marathon?", "rank"),  # "third", not a place
    ("Where did the race finish?", "place"),
    ("What odds did bookmakers give Ann Lee of winning?", "odds"),  # "5/1", not any figure
    ("What distance is Ann Lee's long jump record?", "measure"),
    ("What level did the Orla index stand at in July?", "amount"),
    ("What level did Orla reach in the Champions League?", None),  # a round, no figure
    ("What length of contract did Ann Lee sign?", None),  # "a three-year contract"
    ("Where did Ann Lee end up?", "place"),
    ("Where did Ann Lee finish her career?", "place"),
])
def test_the_slot_a_question_asks_for(question: str, expected: str | None) -> None:
    assert slot(question) == expected


def test_the_words_a_question_has_lead_to_the_name_it_wants() -> None:
    question = "Which Orla Council chief executive called the plans dangerous?"
    for sentence in ("Orla Council Chief Executive Ann Lee called them dangerous.",
                     "Orla Council Chief  Executive Ann  Lee called them dangerous."):
        [(at, name)] = answer_values(question, sentence)
        assert name.split() == ["Ann", "Lee"] and sentence[at:at + len(name)] == name


def test_who_is_answered_by_the_holder_not_a_name_that_says_which_thing() -> None:
    def values(question: str, sentence: str) -> list[str]:
        return [v for _, v in answer_values(question, sentence)]

    # a name after "his", "her", "their", before the noun it qualifies, says which thing
    assert values("Who beat Ann Lee in the first round?", "After losing in round one, Lee said "
                  "winning her second Grand Slam title had not changed her mind.") == []
    assert values("Who reported the story?", "The Orla Times reported it.") == ["Orla Times"]
    assert values("Who imposed the ban?", "It was imposed by the Bush administration.") \
        == ["Bush"]  # after "the", it may be who
    assert values("Who beat Lee in the final?", "In the final, the unseeded Ann Park easily "
                  "beat Lee.") == ["Ann Park"]
    # the holder of a title written in a run, and a one-word name after its role
    assert values("Who chairs the Orla Casino Association?", "But Orla Casino Association "
                  "Chairman Ann Lee said her members were outraged.") == ["Ann Lee"]
    assert values("Who hosted the Orla awards?", "The awards were hosted by hip-hop artist "
                  "Xzibit and watched by 6,000 people.") == ["Xzibit"]
    assert values("Which home secretary spoke?", "Mr Clarke said it would go on.") \
        == ["Mr Clarke"]  # an honorific or a royal title stays with its name
    assert values("Who spoke?", "Prince Harry spoke.") == ["Prince Harry"]
    assert values("Who spoke?", "Secretary of State Ann Lee spoke.") \
        == ["Secretary of State Ann Lee"]  # no "of State Ann Lee"
    assert values("Who declined to comment?", "A company spokesman Tuesday declined to "
                  "comment.") == []  # a day, not a holder


def test_a_person_answers_no_question_for_a_bank_a_party_or_a_label() -> None:
    assert answer_values("At which Texas bank did Orla open its accounts?",
                         "Its lawyer, Ann Lee, told the court that Orla had accounts.") == []
    assert answer_values("At which Texas bank did Orla open its accounts?",
                         "Texas Judge Ann Lee said Orla had no presence there.") == []
    assert [v for _, v in answer_values("Which bank did Orla use?",
                                        "Orla used Velmora Bank, its lawyer said.")] \
        == ["Velmora Bank"]
    assert [v for _, v in answer_values("Which airline is cutting jobs?", "Orla Air Chairman "
                                        "Ann Lee said it would cut jobs.")] == ["Orla Air"]
    assert [v for _, v in answer_values("Which airline is cutting jobs?", "Orla Air Managing "
                                        "Director Ann Lee said so.")] == ["Orla Air"]
    assert [v for _, v in answer_values("Which firm is cutting jobs?", "Chief Executive Ann Lee "
                                        "said Orla Motors would.")] == ["Orla Motors"]
    assert [v for _, v in answer_values("Which team did Orla beat?",
                                        "Orla beat the hosts, Zeta, 32-16.")] == ["Zeta"]


def test_someone_said_before_by_role_is_no_name() -> None:
    assert answer_values("Which Orla firm has opposed the plan?",
                         "The MSP had been a partner for Orla, which has such a firm.") == []
    assert [v for _, v in answer_values("Which royal opened the hospital?",
                                        "The Queen opened the hospital.")] == ["The Queen"]
    assert [v for _, v in answer_values("Who said it?", "The Times said it.")] == ["The Times"]


def test_a_base_and_a_level_reached() -> None:
    # "Santa Monica-based": where a firm is based
    assert [v for _, v in answer_values("Where is Orla based?", "Santa Monica-based Orla grew; "
                                        "the Velmora-based firm did not.")] \
        == ["Santa Monica", "Velmora"]
    assert slot("What did the Orla index rise to in January?") == "amount"
    assert slot("What has the rate fallen to?") == "amount"
    assert slot("What did the army rise to power with?") is None
    assert slot("What did the threat level rise to?") is None  # "critical": no figure
    assert slot("What did the second estimate put Orla's growth at?") == "amount"
    assert slot("What was the Orla deal valued at?") == "amount"
    assert slot("What was the dollar trading at against the yen on Monday?") == "amount"
    assert slot("What did Orla put the blame on?") is None
    # a quarter or a half of the year is a time ("expected to close in the third quarter")
    assert [v for _, v in answer_values("When is Orla's deal expected to close?", "The deal is "
                                        "expected to close in the third quarter.")] \
        == ["third quarter"]
    assert answer_values("In what year did Orla close the deal?", "It closed in the third "
                         "quarter.") == []
    assert slot("What is Orla looking at?") is None
    assert slot("Since which year has Ann Lee been the MP for Velmora?") == "date"
    assert [v for _, v in answer_values("Where is Orla based?", "Its London-based rival Zeta "
                                        "grew.")] == []  # the rival's base
    assert [v for _, v in answer_values("Where is Orla based?", "Its New York-based rival Zeta "
                                        "grew; Orla, a Hong Kong-based bank, did not.")] \
        == ["Hong Kong"]  # not "York"


def test_odds_are_a_bookmakers_not_any_figure() -> None:
    assert [v for _, v in answer_values(
        "What odds did bookmakers give Ann Lee?", "Ann Lee is 5/1 at Orla Bet, Bo Park 2-1 on "
        "and Cy Dunn evens, with 3 weeks to go.")] == ["5/1", "2-1", "evens"]
    assert [v for _, v in answer_values("What odds did bookmakers give on Orla?", "Orla are 5-2 "
                                        "favourites, with Zeta quoted at 11-4.")] \
        == ["5-2", "11-4"]
    assert answer_values("What odds did bookmakers give Ann Lee?",
                         "Ann Lee has been nominated in six categories.") == []


def test_answer_values_tell_names_apart_by_more_than_a_first_name() -> None:
    assert answer_values("Who leads the Green party?", "The Green Party said so.") == []
    assert answer_values("Who praised Ann Lee?", "Ann Smith praised her.") == [(0, "Ann Smith")]
    assert answer_values("How long has the strike gone on?",
                         "The strike has gone on since March.") == [(23, "since March")]


def test_a_number_word_in_a_compound_is_no_count() -> None:
    assert answer_values("How much did profits rise?", "Profits rose on one-off gains.") == []
    assert answer_values("How many died?", "Three died.") == [(0, "Three")]


def test_a_number_in_a_name_or_a_score_is_no_count() -> None:
    assert answer_values("How many caps has Ann Lee won?",
                         "Lee is a doubt for the Six Nations opener.") == []
    assert answer_values("How many people watched the final?",
                         "Ostria beat Brandia 26-21 in the final.") == []
    assert [v for _, v in answer_values("What was the score in the final?",
                                        "Ostria beat Brandia 26-21.")] == ["26-21"]
    assert [v for _, v in answer_values("By what score did Ostria beat Brandia?",
                                        "They drew 1-1.")] == ["1-1"]  # a score, whole
    assert answer_values("By what score did Ostria beat Brandia?",
                         "Ostria scored first through Ann Lee.") == []
    assert [v for _, v in answer_values("How many people watched the final?",
                                        "Ostria beat Brandia 26-21 before 5,000 fans.")] \
        == ["5,000"]
    assert slot("How much is Ostria contributing financially to the mission?") == "money"
    assert [v for _, v in answer_values("How many Ostrians were killed?",
                                        '"Three Ostrians were killed," police said.')] \
        == ["Three"]  # a sentence may open with a quote
    assert [v for _, v in answer_values("How many people were injured?",
                                        "Between 20-30 people were injured.")] == ["20", "30"]
    assert slot("What is Orla's early warning system called?") == "name"
    assert slot("What is the title of Ann Lee's report?") == "name"
    assert [v for _, v in answer_values("In which town did Orla open a plant?",
                                        "Orla opened a plant in the port town of Velmora.")] \
        == ["Velmora."]
    assert [v for _, v in answer_values("In which town did the wave kill 200 people?",
                                        "The Ostrian town of Velmora lost 200 people.")] \
        == ["Velmora"]
    assert answer_values("How many permits did Orla suspend?",  # a day, not a count
                         "Orla on October 5 suspended the export.") == []
    assert answer_values("In which town did Ann Lee give her speech?",
                         "Ann Lee says her Green Party manifesto is ready.") == []
    assert slot("What is the warning system called by Orla?") is None


@pytest.mark.parametrize(("question", "sentence", "missing"), [
    ("How many branches does Orla Bank have?",
     "Orla is the seventh largest bank, with 3 million retail customers.", True),
    ("How many branches does Orla Bank have?", "Orla Bank has 300 branches.", False),
    ("How many seats will the stadium have?", "It is a 60,000-seater stadium.", False),
    ("How many jobs will go?", "There will be 2,000 job cuts.", False),
    ("How many US soldiers died?", "The US said 30 soldiers died.", False),
    ("How many died in the flood?", "The flood killed 30 on Monday.", False),
    ("How many tickets were sold?", "Sales soared: more than 150,000 were sold.", False),
    ("How many people did the flood kill?", "The flood killed hundreds.", False),
    ("How many of the residents fled?", "About 6,500 residents fled.", False),
    ("What is the population of Ostria?", "About 6,500 people, 23% of the region's "
     "population, fled to Ostria.", True),
    ("What is the population of Ostria?", "Ostria has a population of 2.8 million.", False),
    ("What is the population of Ostria?", "Its 2.8 million inhabitants vote.", False),
    ("What was the attendance at the final?", "A crowd of 45,000 watched the final.", False),
    ("What is the number of staff at Orla?", "Orla made 3,000 cars.", True),
    ("What is the number of staff at Orla?", "Orla employs 3,000 staff.", False),
    ("How many cars did Orla sell in 2004?", "Car unit sales in 2004 were 61,000.", False),
    ("How many workers lost their jobs?", "In March 300 workers lost their jobs.", False),
    ("How many monitors will Orla send?", "Orla will send two recruited experts.", True),
    ("How many people were injured?", "Police said 5 injured in the blast were in hospital.",
     False),
    ("How many people can Ostria take in?", "Ostria is ready to take in 40,000 Velmorans.",
     False),  # a people's plural counts people
    ("How many people can Ostria take in?", "Ostria is ready to take in 40,000 tonnes.", True),
    ("How much gold does Ostria mine?", "Ostria could produce one billion barrels.", False),
    ("How much gold does Ostria mine?", "Ostria's 15 mines employ 900 people.", True),
    ("How much oil does Orla produce?", "Orla produces 1.7 million barrels a day.", False),
    # a named plural only describes the counted noun: "Orla Games titles" counts titles
    ("How many Orla Games titles sold a million copies?", "Orla had 27 titles which sold "
     "a million copies each.", False),
    ("How many Orla Games titles sold a million copies?", "Orla sold 27 million copies.",
     True),
    # a tally before the figure, in its clause, counts the noun the sentence said
    ("How many cars did Orla sell in 2004?", "Orla's brand of compact cars saw its sales jump "
     "by 21.1% in 2004 to 136,000.", False),
    ("How many cars did Orla sell in 2004?", "Orla makes compact cars, and its sales rose; "
     "it cut 3,000 jobs.", True),  # another clause
    # a name between the figure and its noun that the question does not have: another's
    ("How many Orla handhelds were sold?", "In two days 87,000 Zeta handhelds were sold.", True),
    ("How many caps has Ann Lee won for Ostria?", "Lee has won 40 Ostria caps.", False),
    ("How many civilians does the Embassy of Ostria say fled?", "Some 700,000 Ostrian "
     "civilians fled, the embassy says.", False),  # the question's Ostria, as a demonym
    ("How many Austrian troops were sent?", "Some 700 Australian troops were sent.", True),
    # "the number of" the noun before the figure, in its clause, is what the figure counts
    ("How many extra Ostrian tourists will the deal bring?", "It would increase the number "
     "of Ostrian tourists by 40,000 per year.", False),
    ("How many tourists visited Ostria?", "The number of hotels for tourists rose to 900.",
     True),  # the number of hotels
    ("How many tourists visited Ostria?", "The number of tourists rose; 900 hotels opened.",
     True),  # another clause
    ("How much extra did Orla set aside for the war?", "Orla set aside another £520m for the "
     "war.", False),  # "extra" asks a difference, as "more" does: no substance to name
    # ratings and audiences count viewers, said a few words before the figure
    ("How many viewers did Orla Street have at its peak?", "Orla Street was axed after its "
     "ratings slumped from a peak of seven million.", False),
    ("How many viewers did Orla Street have at its peak?", "Orla Street was axed after it "
     "lost seven million fans.", True),
])
def test_a_count_beside_another_noun_does_not_say_how_many(question: str, sentence: str,
                                                          missing: bool) -> None:
    values = answer_values(question, sentence)
    assert count_noun_missing(question, sentence, values) is missing


def test_answer_values_leave_out_what_the_question_already_names() -> None:
    assert answer_values("Which university does Ravi Purushotma attend?",
                         "By contrast, said Mr Purushotma, the idea works.") == []
    assert answer_values("How many Welsh patients waited?",
                         "Patients waited more than three months.") == []
    assert answer_values("Which Ostrian club did Ann Lee leave to join Velmora City?",
                         "Velmora City's Ostrian winger Ann Lee has hit out at the club.") == []
    assert [v for _, v in answer_values("How long did the blockade last?",
                                        "It ended a 10-month blockade.")] == ["10-month"]
    assert answer_type("Who is the foreign minister?") == "name"


def test_which_country_wants_a_name_wherever_the_sentence_puts_it() -> None:
    assert [v.rstrip(".") for _, v in answer_values(
        "Which capital rejected the claim?", "It was a claim swiftly rejected by Velmora.")] \
        == ["Velmora"]
    assert [v for _, v in answer_values("Which country brokered the truce?",
                                        "A Ostrian-brokered truce was signed.")] \
        == ["Ostrian"]  # the name of "Ostrian-brokered"
    assert answer_values("Where did he die?", "He died on Friday.") == []


def test_the_other_of_a_pair_answers_nothing_about_the_one_asked() -> None:
    question = "Who won the award for best British male?"
    assert opposite(question, "Ann Lee won best British female.")
    assert not opposite(question, "Bo Park won best British male, and Ann Lee best female.")
    assert not opposite("Who won the men's and women's races?", "Ann Lee won the women's race.")
    assert not opposite("Who won the men's 100m?", "Bo Park won the 100m, with Ann Lee taking "
                        "the women's title.")  # another place: the men's result is given
    assert not opposite("Who won the TT race on the Isle of Man?", "Ann Lee won the TT race, "
                        "the first woman to win it.")  # a name's "Man"
    features = {f: 1.0 for f in FEATURES} | {g: 0.0 for g in GATES}
    assert "opposite" in GATES and gated(features | {"opposite": 1.0})


@pytest.mark.parametrize(("question", "sentence", "other"), [
    ("How many viewers watched the Orla Bakes semi-final?", "The final of Orla Bakes drew an "
     "audience of 7 million.", True),
    ("How many viewers watched the Orla Bakes final?", "The final of Orla Bakes drew an "
     "audience of 7 million.", False),
    ("Who won the final?", "Ann Lee reached the final after a semi-final win.", False),
    # the round one reaches is not the round played: the semi-final answers
    ("Whom did Ann Lee beat to reach the Velmora Open final?", "Ann Lee beat Bo Park in the "
     "semi-final.", False),
    ("Whom did Ann Lee beat in the semi-finals to reach the final?", "Ann Lee will play Bo Park "
     "in the final.", True),
    ("Who umpired the first Test?", "The second Test was umpired by Bo Park.", True),
    ("Who umpired the first Test?", "The first Test, like the second Test, was umpired by Bo "
     "Park.", False),
    ("Who umpired the first Test?", "The match was umpired by Bo Park.", False),
])
def test_another_round_of_a_contest_answers_nothing_about_the_one_asked(
        question: str, sentence: str, other: bool) -> None:
    assert _weighed(question, sentence, dict.fromkeys(terms(question), 0.5))["opposite"] \
        == float(other)


def test_a_namesake_by_another_first_name_is_another_person() -> None:
    question = "Who refereed the match that Bo Park criticised?"
    assert answer_values(question, 'But Ann Park said: "I am satisfied."') == [(4, "Ann Park")]
    assert answer_values(question, "Mr Park said he was satisfied.") == []  # Bo Park himself
    assert answer_values(question, "Bo Park said so.") == []
    assert answer_values(question, "Prof Park said so.") == []  # a title: maybe Bo Park
    assert answer_values("Which film won best picture?", "This Is England won best picture.") \
        == [(0, "This Is England")]  # only "But" and "And" are stripped from a name


def test_a_name_opening_the_sentence_answers_when_its_passage_names_it_inside_one() -> None:
    question = "Which country is sending two monitors to Brandt?"
    sentence = "Ostria is sending two monitors to Brandt."
    assert answer_values(question, sentence, f"{sentence} It was welcomed by Ostria.") \
        == [(0, "Ostria")]
    assert answer_values(question, sentence, sentence) == []  # only ever a first word
    company = "Company is sending two monitors to Brandt."  # the passage says "the company"
    assert answer_values(question, company, f"{company} Not by the company Orla.") == []
    holiday = "Christmas is sending shoppers to Brandt."  # always capitalised, never a name
    assert answer_values(question, holiday, f"{holiday} Sales fell over Christmas.") == []


def test_a_sentence_that_puts_another_name_in_the_questions_place_conflicts() -> None:
    assert names_conflict("Who is Ostria's ambassador to Velmora?",
                          "Ostria named Ann Lee as its new ambassador to Brandia.")
    assert names_conflict("How big was Ostria's trade surplus in 2003?",
                          "In 2004, Brandia's trade surplus grew 17.9%.")
    assert names_conflict("How many votes did he get in the Aston ward election?",
                          "Fraud was alleged in the Bordesley Green ward.")
    assert not names_conflict("Who is Ostria's ambassador to Velmora?",
                              "Ann Lee is the ambassador to Velmora.")
    assert not names_conflict("What did David Blunkett's office do?",
                              "Mr Blunkett's office fast-tracked it.")
    assert not names_conflict("Whose technology is the Opera browser based on?",
                              "It is only in the Windows version.")
    assert not names_conflict("How big was Ostria's trade surplus?",  # no name of another
                              "Its trade surplus grew 17.9%.")
    assert names_conflict("How much did Zeta forecast prices would fall?",  # another's forecast
                          "Orla expects prices to go up by 0.4% in January.")
    assert not names_conflict("How much profit did Zeta forecast for 2005?",  # a source
                              "The carmaker forecast profits of £3m for 2005, Reuters said.")
    assert names_conflict("How much did Zeta pay for Ann Lee?",  # another bid it
                          "Orla were reported to have bid £3.5m for the striker.")
    assert not names_conflict("How much did Zeta forecast prices would fall?",
                              "Zeta said prices would fall 3%, as Orla expects.")
    assert names_conflict("How many copies has the album sold in the UK?",
                          "The album has sold eight million copies in the US alone.")
    assert names_conflict("How many cars were sold in Ostria?",
                          "Some 3 million cars were sold in Brandia last year.")
    assert names_conflict("What time did Ann Lee run in the 800m in Brandt?",  # a distance
                          "Ann Lee won the 800m title in Velmora in 1:47.97.")  # places too
    assert not names_conflict("How many cars were sold in Ostria?",
                              "Some 3 million cars were sold in Ostria last year.")
    assert not names_conflict("Which financier was interested in Marks & Spencer?",
                              "Ann Lee said she was interested in M&S.")  # an alias
    assert not names_conflict("Which financier was interested in M&S?",
                              "Ann Lee said she was interested in Marks & Spencer.")
    assert not names_conflict("Who will give a speech on UK goals?",
                              "Ann Lee will give a speech on Wednesday.")
    assert not names_conflict("What is the US's trade deficit?",  # "US" is not in "because"
                              "Because the US's trade deficit grew, Brandia's fell.")
    assert not names_conflict(  # the first name only describes the second
        "What sentence was handed down to Orla Bank chief Ann Lee?",
        "The longest sentence was handed down to Lee, a 28-year-old from Brandt.")
    assert names_conflict("How much was Ostria coach Ann Lee fined?",  # "coach", not "a coach"
                          "Brandia fined Velmora coach Bo Park £2,000.")
    assert not names_conflict("According to Ann Lee's book, what did Bo Park feel?",
                              "It claims Bo Park felt he was an asset to the Velmora Party.")
    assert names_conflict("When did Ostria suspend drone exports to Velmora?",  # any form
                          "Ostria suspended the export of drone parts to Brandia.")
    assert not names_conflict("When did Ann Lee move to Harbour Town?",  # describes it
                              "Lee moved to the Velmora club in 2001.")
    assert names_conflict("How many people fled Velmora to Brandia?",  # "to" / "into"
                          "Some 28,000 people have fled across the border into Ostria.")
    assert not names_conflict(  # "OTA's" is part of the question's "OTA's Summer School"
        "Where did Ann Lee spend a week at the OTA's Summer School?",
        "The Ostrian spent a week at the OTA's annual Summer School in Velmora.")


def test_a_sentence_that_has_another_name_do_what_the_question_asks_conflicts() -> None:
    assert names_conflict("How many caps has Ann Lee won for Ostria?",
                          "Bo Park won 84 Ostria caps before he retired.")
    assert names_conflict("How many people does Orla Motors employ?",
                          "Zeta currently employs 163,000 people.")
    assert names_conflict("Which constituency does Ostria MP Ann Lee represent?",
                          "Ms Park has represented the constituency since 1997.")
    assert not names_conflict("How many people does Orla Motors employ?",
                              "Orla Motors currently employs 163,000 people.")
    assert names_conflict("How many reporters does Orla's Daily Star employ?",  # its paper
                          "Zeta Times currently employs 521 reporters.")
    assert not names_conflict("How many reporters does Orla's Daily Star employ?",
                              "The Daily Star currently employs 521 reporters.")
    assert not names_conflict("How much did Orla's shares rise?",  # "shares" is no verb
                              "Its shares rose 5%, while Velmora shares fell 2%.")
    assert not names_conflict("How many people does Velmora Electric employ?",  # initials
                              "VE employs 5,000 people.")
    assert not names_conflict("How many people does VE employ?",
                              "Velmora Electric employs 5,000 people.")
    assert not names_conflict("How many delegates did Ostria send to the unarmed EU mission?",
                              "Ostria sent two delegates to the unarmed European Union mission.")
    assert not names_conflict("Until when has the VOC extended the deadline?",  # "and" in it
                              "The Velmora and Orla Commission has extended the deadline.")
    assert names_conflict("Until when has the VOC extended the deadline?",
                          "The Zeta Commission has extended the deadline.")
    assert not names_conflict("When was Ann Lee arrested?",  # a passive: Lee was acted on
                              "Police arrested the 32-year-old at her home.")
    assert not names_conflict("What did the Chancellor announce?",  # a role, said by name
                              "Mr Park announced a new tax.")
    assert not names_conflict("How many jobs has Orla Motors cut?",  # a person acting for it
                              "Chief executive Bo Park cut 500 jobs.")
    assert not names_conflict("How many jobs has Orla Motors cut?", "Bosses have cut 500 jobs.")
    assert not names_conflict("How many staff does Orla Motors have?",  # "have" asks nothing
                              "Officials have said the firm has 5,000 staff.")
    assert not names_conflict("How much did Ann Lee donate to the school?",  # a pronoun
                              "His donations included $600,000 to the school.")
    assert not names_conflict("How many caps has Ann Lee won?",  # the question's own name
                              "Lee won 84 caps for Ostria.")
    assert names_conflict("When did Ostria open its embassy in Velmora?",  # Velmora is where
                          "Velmora aims to open a full embassy in Brandia this fall.")
    assert names_conflict("When did Ostria open its embassy in Velmora?",
                          "Velmora would open an embassy in Brandia.")
    assert names_conflict("How many caps has Ann Lee won?",  # "of" puts no place
                          "The son of Bo Park won 84 caps.")
    assert not names_conflict("How much did Dark Harbour cost to make?",  # Boots is where
                              "A snap at Boots would cost £4.99.")


def test_an_age_between_commas_is_the_named_persons() -> None:
    assert [v for _, v in answer_values("How old is Ann Lee?",
                                        "Ann Lee, 54, was due to stand in Velmora.")] == ["54"]
    assert [v for _, v in answer_values("How old is Ann Lee?",
                                        "Mr Lee, 54, was due to stand in Velmora.")] == ["54"]
    assert answer_values("How old is Ann Lee?", "Bo Park, 45, has stepped down.") == []
    assert [v for _, v in answer_values("How many stars are covered by the deal?",
                                        "The deal covers eight of the scene's biggest stars.")] \
        == ["eight"]  # a count "of" the very thing counted
    assert answer_values("How many goals did Ann Lee score?", "Lee is one of the best.") == []
    assert [v for _, v in answer_values("How many homes can get online?",
                                        "Some 13 of these can get online.")] == ["13"]
    assert [v for _, v in answer_values("How many times has Ostria blocked the bid?",
                                        "Ostria blocked it for the 21st time.")] == ["21st"]


def test_a_place_in_a_ranking_is_a_kind_of_answer() -> None:
    assert slot("In what place did Ann Lee finish at the Olympics?") == "rank"
    assert slot("Where did the tour finish?") == "place"  # a place, not a rank
    assert slot("What position does Ann Lee play?") is None  # a role
    assert [v for _, v in answer_values("In what place did Ann Lee finish at the Olympics?",
                                        "Lee, who finished seventh in last year's Olympics, "
                                        "was the first Ostrian to jump 7m.")] == ["seventh"]
    assert [v for _, v in answer_values("What position is the Orla phone in the list?",
                                        "It is at number three on the list.")] \
        == ["number three"]


def test_a_date_may_open_the_sentence() -> None:
    for opening in ("Last week", "Yesterday", "This summer"):
        assert [v for _, v in answer_values("When did Ostria launch its offensive?",
                                            f"{opening} Ostria launched an offensive.")] \
            == [opening]
    assert answer_values("When did Ann Lee resign?",  # a programme's name, inside the sentence
                         "Ann Lee told Radio Velmora's Today programme she would resign.") == []


def test_a_lone_surname_is_a_person_only_where_the_text_says_so() -> None:
    context = "Record producer Terry Melcher, who made hits, has died."
    assert person("Melcher died at his home in Beverly Hills.", single=True,
                  context=context) == "Melcher"
    assert person("Deals are being sought.", single=True, context="Who is seeking deals?") is None
    assert person("He died at his home in Beverly Hills.") is None  # a place
    assert person("In July Ada Obi said so.") == "Ada Obi"
    assert person("The prize went to Mara Quill.") == "Mara Quill"
    assert person("The bid is by the owner of the Velmora Pirates.") is None  # a team
    assert person("Yesterday the Rev Ada Obi spoke.") == "Rev Ada Obi"  # a title, not a thing


def _turn(question: str, text: str | None) -> Answer:
    return Answer(question=question, text=text, rank=1 if text else None, passages=())


def _follow_up(first: str, follow: str) -> str | None:
    """`follow` rewritten after `first`, a question that nothing answered."""
    return rewrite_follow_up(follow, _turn(first, None))


@pytest.mark.parametrize(("first", "said", "follow", "expected"), [
    ("Which company bought a stake in Nimbus?", "Orla Media said on Friday it owns 8% of Nimbus.",
     "How much did the company pay?", "How much did Orla Media pay?"),
    ("Who is taking over the breakfast show?", "Presenters Ann Lee and Bo Park will take over.",
     "Who did they replace?", "Who did Ann Lee and Bo Park replace?"),
    ("What kind of sanctions did the Green letter ask for?", None,
     "Who signed the letter?", "Who signed the Green letter?"),
    ("How much do the Greens say they could cut in wasteful spending?", None,
     "and in tax cuts?", "How much do the Greens say they could cut in tax cuts?"),
    ("What did Ada Obi announce in July 2023?", None,
     "and in 2020?", "What did Ada Obi announce in 2020?"),
    ("How many people died in the 2020 war?", None,  # a year alone: no second "in"
     "What about in 2023?", "How many people died in the 2023 war?"),
    ("In 2020, what did Orla announce?", None, "And in 2021?",
     "In 2021, what did Orla announce?"),  # "In 2020" for "in 2021", whatever the case
    ("What did Ostria suspend in October 2020?", None,  # a month is no name to swap
     "And Velmora?", "What did Velmora suspend in October 2020?"),
    ("Why were Harbour Town thrown out of the cup?", None,
     "Who is the club's boss?", "Who is Harbour Town's boss?"),
    ("How much will the library cost?", "The library will cost 4 million dollars.",
     "When did the council approve it?", "When did the council approve the library?"),
    ("How much will the library cost?", None, "Why?", "Why will the library cost?"),
    ("Who is the chief executive of the Orla Bank?", None, "And the finance director?",
     "Who is the finance director of the Orla Bank?"),  # whose director: the bank's
    ("Who is the chief executive of the Orla Bank?", None, "And the CFO?",
     "Who is the CFO of the Orla Bank?"),
    ("Who is the head of the ruling party?", None, "And the deputy leader?",
     "Who is the deputy leader of the ruling party?"),
    ("Which company did Ann Lee's husband found?", "Bo Park, Lee's husband, founded Orla.",
     "When did he sell it?", "When did Bo Park sell it?"),  # he: the husband, not Ann Lee
    ("Who is Orla's election chief?", None, "And the Zeta co-chairman?",
     "Who is the Zeta co-chairman?"),
    ("What is the name of Ann Lee's latest album?", None, "and Bo Park's?",
     "What is the name of Bo Park's latest album?"),
    ("Which championships did Ann Lee pull out of?", "Lee withdrew from the Velmora Indoor "
     "Championships.", "Where could she still win gold?", "Where could Ann Lee still win gold?"),
    ("Which union leader said Orla engines would go?", "Union leader Bo Park said so.",
     "What did he shout?", "What did Bo Park shout?"),
    ("By how much did Orla Motors' profit fall in 2004?", None,
     "Who is its chairman?", "Who is Orla Motors' chairman?"),
    ("Who is the chief of Velmora's fishing people?", None,
     "What is the population of the island?", "What is the population of Velmora?"),
    ("Which team did Harbour Town beat in the cup?", None,
     "Who was the referee for the match?", "Who was the referee for the Harbour Town match?"),
    ("How many farms closed in the foot and mouth outbreak?", None,
     "How much did the outbreak cost Ostria?",
     "How much did the foot and mouth outbreak cost Ostria?"),  # the noun's own modifiers
    ("Which airline agreed to buy 36 planes from Zeta?", "Orla Air agreed to buy 36 planes.",
     "How many Vela planes had it ordered before?",
     "How many Vela planes had Orla Air ordered before?"),  # "it" acts: it leans back
    ("Which Ostrian striker did Harbour Town sack?", "Harbour Town sacked Ion Rusu on Monday.",
     "From which club had Harbour Town signed the striker?",
     "From which club had Harbour Town signed Ion Rusu?"),
    ("In which Ostrian city is the Velmora trade fair held?", "Velmora opens in Brandt.",
     "How many halls does the exhibition site have?",
     "How many halls does the Velmora exhibition site have?"),
    ("According to Pollwise, how many Ostrians use broadband?", None,
     "And a year earlier?",
     "According to Pollwise, how many Ostrians use broadband a year earlier?"),
    ("By how much were prices up in England and Wales in 2004?", None, "And in Wales?",
     "By how much were prices up in Wales in 2004?"),
    ("How many foxes were killed in 2004?", None, "And a year earlier?",
     "How many foxes were killed in 2003?"),
    ("How many foxes were killed in 2004?", None, "And the previous week?",
     "How many foxes were killed in 2004 the previous week?"),  # not a year back
    ("How many homes were sold in Ostria in December?", None, "What about the month before?",
     "How many homes were sold in Ostria in November?"),
    ("How many homes were sold in January 2005?", None, "And the month before?",
     "How many homes were sold in December 2004?"),
    ("Who scored Orla's injury-time goal in the win at Brandt?", None, "And the first goal?",
     "Who scored Orla's first goal in the win at Brandt?"),  # another goal, the same match
    ("Who won the men's event?", None, "And the women's event?", "Who won the women's event?"),
    ("Which Ostrian consultancy is working on the cards?", "Orla's CEO, Ann Lee, said so.",
     "Who is the consultancy's chief executive?",
     "Who is Orla's chief executive?"),  # the body whose CEO spoke, not "Orla's CEO's"
    ("Who is Ostria's foreign minister?", "Foreign Minister Ann Lee has announced that "
     "Ostria will join the mission and send two experts.", "When did she announce it?",
     "When did Ann Lee announce that Ostria will join the mission?"),  # not a place for it
    ("Who bought Orla Motors?", "Zeta Group bought Orla Motors for £5m.",
     "How much did it pay?", "How much did Zeta Group pay?"),  # it: the answer
    ("Which woman did Bo Park marry?", "Bo Park married Ann Lee in May.",
     "How old is she?", "How old is Ann Lee?"),  # a woman is someone: she is the answer
    ("Who is Orla's chairman?", None, "And its CEO?", "Who is Orla's CEO?"),
    ("Which Ostrian sprinter will run the 60m in Brandt?", "Ann Lee will run.",
     "And the Olympic silver medallist?",
     "Which Olympic silver medallist will run the 60m in Brandt?"),  # not "Olympic sprinter"
    ("Who is Orla Bank's chief executive?", "Ann Lee is chief executive.",
     "And its finance director?", "Who is Orla Bank's finance director?"),  # its: the bank's
    ("Who is Bo Park's lawyer?", "Ann Lee is his lawyer.", "And his rival's lawyer?",
     "Who is Bo Park's rival's lawyer?"),
    ("According to Ann Lee's report, which country's army crossed the border?",
     "It said Ostria's army crossed the border at dawn.", "What is happening to its influence?",
     "What is happening to Ostria's influence?"),  # its: the answer's, past "According to"
    ("Which MPs did the embassy criticise?", "The embassy asked why Ann Lee and Bo Park did "
     "not condemn it.", "Which party do they belong to?",
     "Which party do Ann Lee and Bo Park belong to?"),  # they: the MPs the answer names
    ("Which MPs did the Velmoran embassy criticise?", "The embassy said the MPs were wrong.",
     "Which party do they belong to?", "Which party do the MPs belong to?"),  # not "Velmoran"
    ("Which company won the auction?", "Orla Motors won the auction.",
     "What was the company's revenue?", "What was Orla Motors' revenue?"),
    ("Which Ostrian striker did Harbour Town sign?", "Harbour Town signed Ion Rusu on Monday.",
     "How old is he?", "How old is Ion Rusu?"),
    ("What did Chancellor Tom Ray announce in the budget?", None,
     "What did Ann Lee say about the budget?", None),
    ("How many hunts met on the first Saturday after the ban?", None,
     "How many foxes did they kill?", "How many foxes did the hunts kill?"),
    ("Which little-known company won the auction?",
     "A little-known Ostrian company won the auction in Brandt.",
     "Which bank lent money to the company?", None),
    ("Which little-known company won the Velmora auction?",
     "Orla Finance, a little-known Ostrian company, won it.",
     "Which bank lent money to the company?", "Which bank lent money to Orla Finance?"),
    ("Which journalist wrote the book Orla's Ostria?", "The author is Ann Lee.",
     "When had Mr Park decided he would quit?", None),
    ("What initiative did the Velmora council launch in May?", None,
     "How many people came to hear about the initiative?",
     "How many people came to hear about the Velmora initiative?"),
    ("How much is Zeta's Glo remote control expected to cost?", None,
     "And Acme's Dash gaming chair?", "How much is Acme's Dash gaming chair expected to cost?"),
    ("How much is Zeta's Glo remote control expected to cost?", None,
     "And Acme's Dash gaming chair and desk lamp?",
     "How much is Acme's Dash remote control expected to cost?"),  # only a plain noun swaps
    ("What did Ann Lee's mother say?", None, "And Bo Park's father?",
     "What did Bo Park's father say?"),
    ("What did Ann Lee say about the budget?", None, "And Bo Park about taxes?",
     "What did Bo Park say about the budget?"),
    ("Which company hired Ann Lee?", "Ann Lee now works at Orla Finance.",
     "When was the company founded?", "When was Orla Finance founded?"),
    ("Who has Orla drafted in to run its Ostrian business?",
     "Orla has drafted in its chief executive Ann Lee to take charge.",
     "Who will he succeed as president of Orla KK?",
     "Who will Ann Lee succeed as president of Orla KK?"),  # no person named before "he"
    ("Which racer from Velmora invented a gear changer?",
     "Racer Ann Lee, from Velmora, developed the gear changer.",
     "How much time does he reckon it saves per lap at the Velmora TT?",
     "How much time does Racer Ann Lee reckon it saves per lap at the Velmora TT?"),
    ("Who is the director of the UK Internet Forum?", None,  # "UK" is no one: he is the
     "Which fake site did he say had been registered with Zeta?",  # director asked for
     "Which fake site did the director of the UK Internet Forum say had been registered with "
     "Zeta?"),
    ("Which Ostrian MP learned he had a daughter?", "Ostrian MP Ion Rusu learned of it.",
     "Which constituency does the MP represent?",
     "Which constituency does Ion Rusu represent?"),  # a role in capitals
    ("What is in the Greens' plan to abolish quangos?", None,
     "How much would the plans save?", "How much would the Greens' plan to abolish quangos save?"),
    ("Which small Ostrian electronics firm will Orla partner with?", None,
     "How much will the device cost?", "How much will the Orla device cost?"),
    ("Which company won the auction?", "The Acme company won the auction.",
     "Which bank lent money to the company?", "Which bank lent money to Acme?"),
    ("Which striker did Harbour Town sign?", "Harbour Town signed Ion Rusu on Monday.",
     "Did Ann Lee say he would start?", "Did Ann Lee say Ion Rusu would start?"),
    # a definite noun that ends a name of the previous turn stands for that name
    ("Which UN body met on Sept. 21?", "The Ostrian Security Council met on Sept. 21.",
     "What did the council fail to reach, according to Orla?",
     "What did the Ostrian Security Council fail to reach, according to Orla?"),
    ("Which body met on Sept. 21?", "The council met, said the Velmora Institute for Peace.",
     "According to the institute's statement, what did the council do?",
     "According to the Velmora Institute for Peace's statement, what did the council do?"),
    ("Which council met on Sept. 21?", "The Ostrian Security Council met on Sept. 21.",
     "What did the council fail to reach?",
     "What did the Ostrian Security Council fail to reach?"),  # a name headed by the noun
    ("Which nature reserve tracks its pandas?", "The Velmora Nature Reserve in Brandt does.",
     "Who is the director of the reserve?", "Who is the director of the Velmora Nature Reserve?"),
    ("Who raised rates to 5%?", "The Reserve Bank of Ostria raised rates to 5%.",
     "Who heads the bank's board, according to Orla?",
     "Who heads the Reserve Bank of Ostria's board, according to Orla?"),
    ("What did Orla say at Velmora Fashion Week?", "Orla spoke at Velmora Fashion Week.",
     "What did Zeta announce at the end of the week in Brandt?", None),  # a time is no name
    # a body named by its kind stands for the previous turn's name, whatever else is named
    ("How many sites do Zeta inspectors visit each year?", None,
     "How much will the agency's four-year technology upgrade cost?",
     "How much will Zeta's four-year technology upgrade cost?"),
    ("How much did Orla pay for Zeta's unit?", "Ostrian oil firm Zeta sold the unit to Orla.",
     "Which bank does the oil firm still sue in the US?",
     "Which bank does Zeta still sue in the US?"),
    ("How much did Orla pay for Zeta's unit?", "Orla paid $9bn for the unit.",
     "Which bank does the oil firm still sue in the US?", None),  # which of the two?
    ("Which Ostrian firm wants to buy a stake in Zeta?", "On Monday Orla Media said it wants "
     "15% of Zeta.", "Where in Brandia could it invest in oil fields?",
     "Where in Brandia could Orla Media invest in oil fields?"),  # "could it": it acts
    # "it" is no person: not the minister the answer names first, but the country it names
    ("Which country do the Greens want Ostria to act against?", "The Greens call on Foreign "
     "Minister Ann Lee to act against Brandia.", "What has it pledged to do for the region?",
     "What has Brandia pledged to do for the region?"),
    # "has it pledged to": it still acts
    ("What did Ann Lee present to Bo Park in April?", "In April, Ann Lee presented a report "
     "to Bo Park on trade.", "What did it say about Brandia?",
     "What did the report say about Brandia?"),  # what she presented, not Ann Lee
    ("Which Ostrian bank will give $8m to the victims?", "Orla Bank, which was fined by "
     "Velmoran courts, will give $8m.", "How much was it fined in a US court?",
     "How much was Orla Bank fined in a US court?"),  # "was it fined": it; no "Velmoran"
    # "When was it announced that…?": "it" is no one's; "On Monday, … its": Monday owns nothing
    ("Which bank did Orla buy?", "Orla bought Velmora Bank in 2004.",
     "When was it announced that Ann Lee would resign?", None),
    ("Which bank did Orla buy?", "Orla bought Velmora Bank in 2004.",
     "On Monday, what did its chief say?", "On Monday, what did Velmora Bank's chief say?"),
    # "they": the two the sentence names together, not the first name it gives
    ("Who is the Orla foreign affairs critic?", "In a letter to Bo Park, Orla critic Ann Lee "
     "and Orla MP Cy Dunn ask for sanctions.", "What did they ask Velmora to do?",
     "What did Ann Lee and Cy Dunn ask Velmora to do?"),
    # a people's adjective is no referent, but a name before a verb is
    ("Which newspaper broke the story?", "The Velmorian reported the story first.",
     "When did it publish the story?", "When did Velmorian publish the story?"),
    ("Which Ostrian figure set out the plans in a speech?", "Ann Lee set out the plans to the "
     "Velmora Society.", "What did he say Orla has to do in its third year?",
     "What did Ann Lee say Orla has to do in its third year?"),  # its: Orla's, named here
    # a participle ends the phrase the follow-up borrows; a gerund after "after" does not
    ("Between which two towns is the Orla Union mission in Velmora aiming to keep peace?", None,
     "How many monitors does the mission have?",
     "How many monitors does the Orla Union mission in Velmora have?"),
    ("Where did Ann Lee play her first gig with Zeta after leaving Orla?", None,
     "How many tickets were sold for the gig?",
     "How many tickets were sold for the first gig with Zeta after leaving Orla?"),
    # a name with "of the" in it is borrowed whole, and "its" after "the musical" is its own
    ("Who is the producer of the Lord of the Velmora Hills stage musical?", "Ann Lee produces it.",
     "In which city will the musical make its debut?",
     "In which city will the Lord of the Velmora Hills stage musical make its debut?"),
    # a noun in -ing stays in the phrase; "of the" after a question word is no name's
    ("How many died in the fire at the Orla clothing factory?", None,
     "When did the fire start?", "When did the fire at the Orla clothing factory start?"),
    ("Which of the Velmora teams won the cup?", None,
     "How many players do the teams have?", "How many players do the Velmora teams have?"),
    # a person's name swaps the previous question's person, not its party or its club
    ("What role does Ann Lee hold in the OPP?", None, "And Bo Park?",
     "What role does Bo Park hold in the OPP?"),
    ("What role does Ann Lee hold at the Orla Council in New Velmora?", None, "And Bo Park?",
     "What role does Bo Park hold at the Orla Council in New Velmora?"),  # a place, no person
    ("What did Ann Lee say in Port Velmora?", None, "And Port Orla?",
     "What did Ann Lee say in Port Orla?"),  # a place for a place
    ("What did Ann Lee say about Velmora United?", None, "And Orla Rovers?",
     "What did Ann Lee say about Orla Rovers?"),  # a club for a club
    ("How many Orla goals has Ann Lee scored?", None, "And Bo Park?",
     "How many Orla goals has Bo Park scored?"),
    ("What share of the vote did Orla get?", None, "And Bo Park?",
     "What share of the vote did Bo Park get?"),
    # "do it": what the previous question asked was done, said again
    ("What did Ann Lee suspend?", "Ann Lee suspended the export of drones to Velmora.",
     "When did she do it?", "When did Ann Lee suspend the export?"),
    # a time ellipsis naming an event takes the place of the previous question's subject
    ("How long did the blockade last?", "The blockade lasted ten months.",
     "What about the 2020 war?", "How long did the 2020 war last?"),
    # "according to it": the source is the previous answer
    ("Which newspaper first reported the Orla merger?", "The Velmora Herald broke the story.",
     "According to it, how much will Orla pay?", "According to Velmora Herald, how much will "
     "Orla pay?"),
    # the answer's name with the words that make it the thing asked for: not "under ID"
    ("Which bill could spark a Labour rebellion in Ann Lee's first test as minister?",
     "Ann Lee faces her first test on Monday with a rebellion over the ID cards bill.",
     "When will MPs vote on the bill?", "When will MPs vote on the ID cards bill?"),
    ("Which bill could spark a Labour rebellion in Ann Lee's first test as minister?",
     "On Monday Zeta backs the bill.",  # a verb between the name and the noun: the name
     "When will MPs vote on the bill?", "When will MPs vote on Zeta?"),
    # a definite noun the previous question named leans on it, though another comes first
    ("Who scored Orla's first goal in the cup replay at Velmora?",
     "Bo Park scored the opener after nine minutes.",
     "Which team will Orla face in the next round after winning the replay?",
     "Which team will Orla face in the next round after winning the cup replay at Velmora?"),
    # a role qualified by its own name takes no owner from the previous question
    ("Who is the prime minister of Ostria?", None, "What about the Brandian president?",
     "Who is the Brandian president?"),
    # a state's body is not the previous question's party's
    ("Why did the Orla Party accuse Ostria of abuses?", None, "How did the embassy respond?",
     None),
    # a name alone swaps the name, keeping its "the" where the question wants one
    ("Who is the prime minister of Ostria?", None, "What about the Velmora Council?",
     "Who is the prime minister of the Velmora Council?"),
    ("How many people does Ostria employ?", None, "What about the Netherlands?",
     "How many people does the Netherlands employ?"),
    ("How many Greens did Orla win?", None, "And the Liberals?", "How many Liberals did Orla win?"),
    # "it" after a who-question answered by a person is the thing done, not a person
    ("Who wrote the letter to Ann Lee?", "The letter to Lee was penned by Bo Park.",
     "When was it sent?", "When was the letter to Ann Lee sent?"),
    ("Who wrote the letter to Ann Lee?", None, "When was it sent?",
     "When was the letter to Ann Lee sent?"),
    ("Who signed the letter to Ann Lee?",  # only surnames answer: still a who-answer
     '"We ask Ostria to act," reads the letter to Lee signed by Park and Dunn.',
     "When was it sent?", "When was the letter to Ann Lee sent?"),
    # a definite noun with its own "to …" says which itself: asked as typed
    ("Who wrote the letter to Ann Lee asking for sanctions?", None,
     "Who signed the letter to Ann Lee?", None),
    # "it" after a verb that takes an event, after "When did Ostria…?": what Ostria did
    ("When did Ostria suspend drone exports to Brandia?",
     "Ostria on October 5 suspended the export of drones to Brandia.",
     "Who announced it?", "Who announced that Ostria suspended drone exports to Brandia?"),
    ("When did Ostria ban drone exports?", "Ostria banned them in May.",
     "Who confirmed it?", "Who confirmed that Ostria banned drone exports?"),
    ("When did Ostria ban drone exports?", "Ostria banned them in May.",  # not a that-verb
     "Who criticised it?", "Who criticised Ostria?"),
    # the same thing asked again keeps what it was of
    ("What share of Ostrian homes does the Orla survey expect to have fibre?", None,
     "And what share already have it?", "What share of Ostrian homes already have it?"),
    # a time asked in more words than one is grafted as "when" is
    ("To whom did Ann Lee present her report?", None, "And in which month and year?",
     "In which month and year did Ann Lee present her report?"),
    # a new question that names nothing is asked of the previous question's subject, not of
    # its answer, unless it asks for a role, which the answer holds
    ("Who scored the Republic of Ostria's goal in the win over Velmora?", "Ion Rusu scored "
     "in the 80th minute.", "And who was man of the match?",
     "Who was man of the match, for the Republic of Ostria?"),
    ("Which company bought Zeta?", "Orla Media bought Zeta.", "And who is the chief executive?",
     "Who is the chief executive, for Orla Media?"),
    # a title's "The" goes with the title it opens
    ("Who directed The Harbour?", None, "And Velmora Nights?", "Who directed Velmora Nights?"),
    # "why" after how many: what was counted goes where the verb wants it
    ("How many jobs will Orla Media cut?", None, "Why?", "Why will Orla Media cut jobs?"),
    ("How many votes were counted in Brandt?", None, "Why?", "Why were votes counted in Brandt?"),
    ("How many people will attend the Orla festival?", None, "Why?",
     "Why will people attend the Orla festival?"),  # what was counted is the subject
    ("How many jobs will Orla cut in Brandt next year?", None, "Why?",
     "Why will Orla cut jobs in Brandt next year?"),
    # "the company" after who holds a role of a firm is that firm, not the holder's; after
    # who bought one, the buyer
    ("Who is the chief executive of Orla Media?", "Ann Lee runs Orla Media.",
     "When was the company founded?", "When was Orla Media founded?"),
    ("Who bought Orla Media?", "Zeta Corp bought it.", "How much did the company pay?",
     "How much did Zeta Corp pay?"),
    # ...and not when the answer is a firm of that kind itself
    ("Who is the lawyer for Orla's former boss?", "Zeta Legal, the firm acting for Orla's "
     "former boss, named Bo Park.", "What did the firm say?", "What did Zeta Legal say?"),
    # "it", when the person took "he": the thing the previous question ended on
    ("What did Ann Lee announce in the budget report?", None, "When did she deliver it?",
     "When did Ann Lee deliver the budget report?"),
    # "it" after an unanswered who-did question: the thing done, its name-word kept
    ("Who wrote the NDP letter to Ann Lee?", None, "When was it sent?",
     "When was the NDP letter sent?"),
    # another verb for the same count keeps what was counted and where
    ("How many people were killed in the Orla blast?", None, "And how many were injured?",
     "How many people were injured in the Orla blast?"),
    ("How many people were killed in the Orla blast?", None, "And how many were women?",
     "How many were women, for Orla?"),  # who they were, not what was done to them
    # "they" after a question for one country that ends on a plural noun is that noun
    ("Which country did Ostria accuse of sending mercenaries?", "Ostria accused Velmora of "
     "sending mercenaries from Brandt.", "Where were they from?",
     "Where were the mercenaries from?"),
    # a noun phrase swaps the object the previous question ends on
    ("What did the Ostrian embassy call the Orla letter?", None,
     "And fears of ethnic cleansing?", "What did the Ostrian embassy call fears of ethnic "
     "cleansing?"),
    ("What did Ann Lee tell the police?", None, "And her lawyer?",  # who else was told, or
     "What about her lawyer for Ann Lee?"),  # said it: no object swapped
    # a new question about the thing the previous one asked for keeps its answer
    ("Which club did Bo Park leave?", "Bo Park left Orla FC for Velmora City.",
     "And who runs the club now?", "Who runs the club now, for Orla FC?"),
    # a name the answer lists with one of the question's swaps that one, not the first
    ("When will Ostria play Velmora at Orla Park?", "Ostria have arranged friendlies against "
     "Velmora and Brandt at Orla Park in March and August.", "And Brandt?",
     "When will Ostria play Brandt at Orla Park?"),
    ("When will Ostria play Velmora at Orla Park?", "Ostria will play Velmora at Orla Park "
     "in March.", "And Brandt?", "When will Brandt play Velmora at Orla Park?"),
    # an ampersand inside a name keeps it whole
    ("How many people does Orla Telecom employ?", "Orla Telecom employs 16,000 people while "
     "AT&T employs 47,000.", "And AT&T?", "How many people does AT&T employ?"),
    # the same name owning another thing asks of that thing, not the question again
    ("Which Orla spokesman said the officials saw nothing?", None,
     "And Orla's delegate at the match?", "Who is Orla's delegate at the match?"),
    # a body is no person: not the coach the answer names first, but his club
    ("Which club side does Ann Lee play for?", "But Bo Park, coach of Lee's club side Velmora "
     "City, said she was unlikely to play.", "Who is the club's chairman?",
     "Who is Velmora City's chairman?"),
    ("Who is Orla Games' audio producer?", "'There are hundreds of characters,' said Ann Lee, "
     "Orla Games' audio producer.", "Where is the company holding its auditions?",
     "Where is Orla Games holding its auditions?"),
    ("Which committee warned about deaths in custody?", "Committee chairman Labour MP Ann Lee "
     "said each death was one too many.", "Who chairs the committee?", None),
    ("Which firm bought Zeta?", "Orla Media, the firm run by Ann Lee, bought Zeta.",
     "How much did the firm pay?", "How much did Orla Media pay?"),
    # a role set off after a body's name that is someone else's leaves the body as it is
    ("Which club signed Dan Mercer?", "Harlow Town, managed by former England coach Bo Park, "
     "signed Dan Mercer from Kestrel Rovers.", "How much did the club pay?",
     "How much did Harlow Town pay?"),
    ("Which club did Bo Park join?", "Bo Park joined Harlow Town, coach Ann Lee said.",
     "When was the club founded?", "When was Harlow Town founded?"),
    # the body the previous question named, before another name of the answer
    ("Who founded Zentra?", "Zentra was founded by Tom Reyes, a former Orla engineer, in 2009.",
     "Where is the company based?", "Where is Zentra based?"),
    # names listed across two clauses are no list: the old swap stands
    ("When did Ann Lee join Orla?", "Ann Lee joined Orla and Tom Reyes joined Zentra in 2010.",
     "And Tom Reyes?", "When did Tom Reyes join Orla?"),
    # "&" between words of one name, spaced or not
    ("How much did Marks & Spencer's sales fall?", "Marks & Spencer, Next and Primark all "
     "reported sales falls of about 3%.", "And Next?", "How much did Next's sales fall?"),
    ("Which Zentra executive quit on Monday?", "Zentra finance chief Tom Reyes quit on Monday.",
     "And Zentra's chairman?", "Who is Zentra's chairman?"),
    ("Which Zentra product was recalled?", "Zentra recalled its Brimley kettle in May.",
     "And Zentra's toaster?", "Was Zentra's toaster recalled?"),
    # a month in an ellipsis is a time, no name to swap for the question's
    ("How fast is Ostria's economy growing despite the credit curbs?", None,
     "And industrial output in the year to October?",
     "What about industrial output in the year to October for Ostria?"),
])
def test_follow_ups_are_rewritten_into_readable_questions(first: str, said: str | None,
                                                          follow: str,
                                                          expected: str | None) -> None:
    got = rewrite_follow_up(follow, _turn(first, said))
    assert got == expected
    assert "(" not in (got or "")


def test_a_pronoun_opening_the_next_passage_is_not_said_of_a_name_ending_this_one() -> None:
    first = "Ostria opened an embassy in Brandt, naming Bo Park as its new ambassador."
    second = "She said on Monday that the talks would go on."
    hits = tuple(Hit(rank=n + 1, score=0.5, text=text, citation=Citation(
        title="t", source=None, date=None, path=f"{n}.txt", paragraph=1, start=0,
        end=len(text), article_id=str(n))) for n, text in enumerate((first, second)))
    previous = Answer(question="Who is Ostria's new ambassador?", text=first, rank=1,
                      passages=hits)
    assert rewrite_follow_up("In which city will he be based?", previous) == \
        "In which city will Bo Park be based?"


@pytest.mark.parametrize(("first", "sentence", "after", "follow", "expected"), [
    # the name opening the answer, which the passage names inside a sentence too
    ("Which firm bought Zeta?", "Orla bought Zeta in May.", " Analysts said Orla paid too much.",
     "How much did the firm pay?", "How much did Orla pay?"),
    # not the land of "Which Ostrian club", though it opens the sentence
    ("Which Ostrian club signed Ion Rusu?", "Ostria cheered as Harbour Town signed Ion Rusu.",
     " He leaves Velmora for Ostria.", "How much did the club pay?",
     "How much did Harbour Town pay?"),
    # nor a name the follow-up says itself ("Ostria's contribution to Ostria")
    ("Which mission is aiming to prevent a war?", "Ostria is sending two monitors to a mission.",
     " It was welcomed by Ostria.", "Which minister announced Ostria's contribution to the "
     "mission?", None),
])
def test_the_name_a_which_question_answered_stands_for_its_noun(
        first: str, sentence: str, after: str, follow: str, expected: str | None) -> None:
    assert rewrite_follow_up(follow, answered_turn(first, sentence + after, sentence)) == expected


def test_a_definite_noun_after_an_unanswered_which_question_keeps_that_questions_words(
        ) -> None:
    # nothing answered "Which committee…?", so the passage's first capitalised word
    # ("Members", opening a sentence) stands for nothing
    text = "A committee of MPs warned on Monday. Members urged the government to act."
    citation = Citation(title="t", source=None, date=None, path="a.txt", paragraph=1, start=0,
                        end=len(text), article_id="a")
    previous = Answer(question="Which joint committee of MPs warned about deaths in custody?",
                      text=None, rank=None,
                      passages=(Hit(rank=1, score=0.5, text=text, citation=citation),))
    assert rewrite_follow_up("Which Labour MP chairs the committee?", previous) == \
        "Which Labour MP chairs the committee of MPs?"  # not "…of MPs warned about deaths"


def test_an_ellipsis_swaps_only_a_noun_it_can_place() -> None:
    assert _follow_up("When did the team win the title?", "And the league title?") \
        == "When did the team win the league title?"  # not "When did the league title?"
    assert _follow_up("Who is Velmora's ambassador?", "And the Ostria ambassador?") \
        == "Who is the Ostria ambassador?"  # another's ambassador, not "Velmora's Ostria…"
    assert _follow_up("What did Orla Bank's chief executive say?", "And its finance director?") \
        != "What did Orla Bank's finance director?"  # "its" swaps a noun ending the question
    assert _follow_up("What were Orla's fourth-quarter profits?",
               "And Zeta's full-year operating profit?") \
        == "What were Zeta's full-year operating profit?"  # not its fourth-quarter profits
    assert _follow_up("Who is Ann Lee's coach?", "And Bo Park's wife?") == "Who is Bo Park's wife?"
    assert _follow_up("What did Theresa May say about Orla?", "And the month before?") \
        == "What did Theresa May say about Orla the month before?"  # a name, not a month
    assert dates.shifted("sales in Dec. 2020 rose", -1, "month") == "sales in November 2020 rose"
    assert dates.shifted("sales in January, 2005 rose", -1, "month") \
        == "sales in December 2004 rose"
    assert dates.shifted("What did Ann Lee say on March 31?", -1, "month") is None  # a day


def test_who_they_are_and_who_a_lone_name_is() -> None:
    text = "Ann Lee and Orla Bank were named. Bo Park and Cy Dunn agreed."
    assert rewrite_follow_up("What did they say?", answered_turn(
        "Which MPs did the embassy criticise?", text, text)) \
        == "What did Bo Park and Cy Dunn say?"  # a bank is no person
    text = "Orla Bank and Zeta Motors disagree. The letter by Ann Lee and Bo Park asked for talks."
    unanswered = replace(answered_turn("Who did Ann Lee write the letter with?", text, text),
                         text=None, rank=None)
    assert rewrite_follow_up("When did they send it?", unanswered) \
        == "When did Ann Lee and Bo Park send it?"  # the people, not the two companies
    text = "Orla Bank and Zeta Motors sued Ann Lee. Bo Park and Cy Dunn watched."
    assert rewrite_follow_up("When did they sue?", answered_turn(
        "Who sued Ann Lee?", text, "Orla Bank and Zeta Motors sued Ann Lee.")) \
        == "When did Orla Bank and Zeta Motors sue?"  # they: the answer
    text = "Ann Lee, 54, was due to stand in Brandt. She backed the Velmora Empire."
    assert rewrite_follow_up("Why did the party suspend her?", answered_turn(
        "Which seat was Ann Lee due to stand in?", text,
        "Ann Lee, 54, was due to stand in Brandt.")) \
        == "Why did the party suspend Ann Lee?"  # a seat is no "her": the question's person
    text = "Ann Lee was stabbed at a party. Velmora Ross, the club owner, called the police."
    assert rewrite_follow_up("What injury did she suffer?", answered_turn(
        "Who is Ann Lee?", text, "Ann Lee was stabbed at a party.")) \
        == "What injury did Ann Lee suffer?"  # she: the one asked about
    text = "Orla Park hosted the rally. Bo Park spoke. Park will lead the party."
    assert rewrite_follow_up("How old is he?", answered_turn(
        "Which leader spoke?", text, "Park will lead the party.")) \
        == "How old is Park?"  # two people called Park: not one of them at random
    assert person("Fans of the Velmora side cheered Rusu.", single=True,
                  context="Velmora fans cheered.") == "Rusu"  # Velmora only describes a side
    assert person("He joined the Velmora side.", single=True, context="Velmora fans.") is None
    assert person("The song was a hit after World War II.") is None


def test_a_pronoun_names_the_answer_as_its_passage_does() -> None:
    text = "Record producer Bo Park has died. Park, 62, died at his home on Friday."
    assert rewrite_follow_up("Where did he live?", answered_turn(
        "Which record producer died aged 62?", text, "Park, 62, died at his home on Friday.")) \
        == "Where did Bo Park live?"  # the passage's full name, not "Park" alone
    text = "Orla want to keep Ion Rusu. Rusu has impressed since joining the Velmora side."
    assert rewrite_follow_up("How old is he?", answered_turn(
        "Which striker do Orla want to keep?", text,
        "Rusu has impressed since joining the Velmora side.")) == "How old is Ion Rusu?"


def test_an_ellipsis_drops_what_the_previous_question_said_of_the_name_it_swaps() -> None:
    assert rewrite_follow_up("And Bo Park?", _turn(
        "How old is Ann Lee, Orla's former finance chief?", "Ann Lee, 42, left in May.")) == \
        "How old is Bo Park?"
    assert rewrite_follow_up("And Velmora?", _turn(
        "Who won in Ostria, according to the council?", None)) == \
        "Who won in Velmora, according to the council?"


@pytest.mark.parametrize(("question", "subject"), [
    ("Which small Ostrian electronics firm will Orla partner with?", "Orla"),
    ("Which German city hosts the fair?", None),
    ("Which bank bought Orla last year?", "Orla"),
    ("Which company sued Orla in May?", "Orla"),
    ("Which firm said Zeta would cut jobs?", "Zeta"),
    ("What happened to Orla after the sale?", "Orla"),
])
def test_the_subject_of_a_question_is_not_a_word_that_qualifies_what_it_asks(
        question: str, subject: str | None) -> None:
    assert topic(question) == subject


def test_a_standalone_question_is_asked_as_it_is() -> None:
    previous = _turn("Which company bought a stake in Nimbus?", "Orla Media owns 8% of Nimbus.")
    assert rewrite_follow_up("What did the Riverton council approve in June 2025?",
                             previous) is None
    assert rewrite_follow_up("How long will it take Riverton to rebuild its levees?",
                             previous) is None  # "it take": no subject to resolve
    for standalone in ("How much would it cost to build a bridge to Velmora?",
                       "Is it worth buying Zeta shares?",
                       "When Zeta and Orla met, what did they agree?",
                       "What was the reaction of the market to the Velmora vote?"):
        assert rewrite_follow_up(standalone, previous) is None, standalone


@pytest.mark.parametrize(("first", "said", "follow", "expected"), [
    ("How much did Harbour Town pay?", "Harbour Town paid £27m for Ion Rusu.",
     "What are the side effects of Zetamol?", None),  # a compound, not "the side"
    ("How much did Harbour Town pay?", "Harbour Town paid £27m for Ion Rusu.",
     "Who scored for Velmora when the team beat Brandt?", None),  # Velmora is named here
    ("What did Orla report?", "Orla reported record profits.",
     "How did the court case against Zeta end?", None),
    ("What did Orla report?", "Orla reported record profits.",
     "What did Ann Lee say about the government's plans?", None),
    ("Who spoke?", "Secretary of State Ann Lee spoke.",
     "What did Ostria say about the state department?", None),  # no name ends in "State"
    ("Where was he born?", "He was born on the Isle of Man.",
     "Did Ann Lee meet the man who shot him?", None),  # "Man" heads no name
    ("What happened?", "On Monday Council officials raised rates.",
     "What did Orla tell the council?", None),  # "Monday Council" is no name
    ("What happened?", "Following Security Council talks, Ostria agreed.",
     "What did Brandia tell the council?", "What did Brandia tell the Security Council?"),
    ("What did Zeta do?", "Ostrian oil firm Zeta filed for bankruptcy.",
     "Did Orla say it would buy the oil firm?", "Did Orla say it would buy Zeta?"),
])
def test_a_body_named_by_its_noun_takes_a_name_only_when_it_stands_for_one(
        first: str, said: str, follow: str, expected: str | None) -> None:
    assert rewrite_follow_up(follow, _turn(first, said)) == expected


def test_a_place_noun_is_never_a_person_and_a_subject_is_no_modifier() -> None:
    assert rewrite_follow_up("What is the population of the city?",
                             _turn("Who did Ann Lee meet in Velmora?", None)) is None
    assert rewrite_follow_up("What is the population of the country?",
                             _turn("What did Ann Lee say about the war?", None)) is None
    got = rewrite_follow_up("Who opposed the plans?",
                            _turn("Why did the council scrap plans for a new stadium?", None))
    assert got == "Who opposed the plans for a new stadium?"


SEED_NAMES = ("canada", "canadian", "armenia", "azerbaijan", "turkey", "ndp", "liberal",
              "joly", "champagne", "ottawa", "yerevan", "karabakh", "guterres")
HEURISTICS = ("chat.py", "names.py", "evidence.py", "agreement.py", "answer.py", "dates.py",
              "search.py", "rewrite.py", "leaning.py", "referents.py", "roles.py", "phrases.py",
              "slots.py", "predicates.py")


def test_no_heuristic_names_the_seed_corpus() -> None:
    for name in HEURISTICS:
        tree = ast.parse((ROOT / "qa" / name).read_text())
        # Docstrings (of modules, functions and attributes) may give examples; code may not.
        docstrings = {id(node.value) for node in ast.walk(tree) if isinstance(node, ast.Expr)}
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) \
                    and id(node) not in docstrings:
                words = set(node.value.lower().replace("|", " ").split())
                assert not words & set(SEED_NAMES), f"{name}: {node.value[:60]!r}"


@pytest.mark.parametrize(("question", "role"), [
    ("Who is the mayor of Velmora?", "mayor"),
    ("Who is the chief executive of Orla Motors?", "executive"),
    ("What is the name of the programmer who wrote the worm?", "programmer"),
    ("What is the name of the man who threw paint at Ann Lee?", None),  # "Bo Park, 34, was…"
    ("What are the names of the two nurses who found him?", "nurses"),
    ("What is the name of the firm that won?", None),
    ("Who is Ostria's foreign minister?", "minister"),
    ("Who was record producer Tom Ek's father?", "father"),
    ("What is the name of Ann Lee's widow?", "widow"),
    ("Which striker scored twice?", None),  # often answered without the word "striker"
    ("Who scored twice for Harbour Town?", None),
    ("Who is Ann Lee?", None),
])
def test_asked_role_is_the_relation_a_who_question_asks_for(question: str,
                                                            role: str | None) -> None:
    assert asked_role(question) == role


@pytest.mark.parametrize(("sentence", "named"), [
    ("Mayor Ann Lee said the budget was final.", True),
    ("Ann Lee, the city's mayor, said so.", True),
    ("The mayor of Velmora, Ann Lee, said so.", True),
    ('"The mayor will be remembered for this," said Bo Park of the Velmora Trust.', False),
    ("Velmora Council said the mayor would resign.", False),  # an organisation holds no role
    ("Speaking on Monday, Ann Lee said the mayoral race was open.", False),
    ("The mayor said the budget was final.", False),
    ("Velmora's council met on Monday.", False),
])
def test_a_role_is_named_only_by_a_name_beside_it(sentence: str, named: bool) -> None:
    assert role_named("Who is the mayor of Velmora?", "mayor", sentence) is named


@pytest.mark.parametrize(("question", "sentence", "named"), [
    ("Who is Ostria's foreign minister?", "Brandian foreign minister Ann Lee spoke.", False),
    ("Who is Ostria's foreign minister?", "Ostrian foreign minister Ann Lee spoke.", True),
    # another office of the same rank: a foreign minister is no prime minister, however the
    # question writes it
    ("Who is the Prime Minister of Ostria?", "Ostrian foreign minister Ann Lee spoke.", False),
    ("Who is Ostria's prime minister?", "Ostrian Foreign Minister Ann Lee spoke.", False),
    ("Who is the Prime Minister of Ostria?", "Ostrian Prime Minister Ann Lee spoke.", True),
    ("Who is Ostria's foreign minister?", "Foreign Affairs Minister Ann Lee spoke.", True),
    # the country named only as what the minister acts against is not hers
    ("Who is Ostria's foreign minister?", "Critics called on Foreign Affairs Minister Ann Lee "
     "to take action against Ostria.", False),
    ("Who is Ostria's foreign minister?", "Foreign Affairs Minister Ann Lee returned to Ostria "
     "on Monday.", True),
    # "on" or "against" before a title's owner, and office words away from the role, change
    # nothing
    ("Who is Ostria's foreign minister?", "Pressure grew on Ostrian Foreign Minister Ann Lee "
     "after the leak in Velmora.", True),
    ("Who is Ostria's foreign minister?", "Ostria's Ministry of Foreign Affairs said Minister "
     "Ann Lee would travel.", True),
    ("Who is Ostria's foreign affairs minister?", "Ostrian Home Affairs Minister Bo Park spoke.",
     False),
    ("Who is the president of Ostria?", "Brandian President Bo Park and Ostrian Prime "
     "Minister Ann Lee met.", False),
    ("Who is the chief executive of Orla?", "Ann Lee, executive director of Zeta Bank, said "
     "Orla was safe.", False),
    ("Who is Orla's managing director?", '"It works," said Ann Lee, Orla\'s managing director.',
     True),
    ("Who is the chief executive of Orla?", "Ann Lee, chief executive, said so.", True),
    ("Who is the chief executive of Orla?", "Its chief executive, Ann Lee, said so.", True),
    ("Who is the chief executive of Orla?", "On Monday chief executive Ann Lee spoke.", True),
    ("Who is the mayor of Velmora?", "Ann Lee, mayor since 2001, said so.", True),
    ("Who is Ostria's foreign minister?", "The foreign minister, Ann Lee, said so.", True),
    ("Who is Ostria's foreign minister?", "Former foreign minister Ann Lee spoke.", False),
    ("Who is Ostria's foreign minister?", "On Monday former foreign minister Ann Lee spoke.",
     False),
    ("Who is Ostria's foreign minister?", "The ex-foreign minister Ann Lee spoke.", False),
    ("Who was Ostria's foreign minister in 2001?", "On Monday former foreign minister Ann Lee "
     "spoke.", True),
    ("Who was Ostria's foreign minister in 2001?", "Former foreign minister Ann Lee spoke.", True),
    ("Who is Ostria's president?", "The former colony's president, Ann Lee, said so.", True),
    ("Who is the chairman of Orla?", "Orla ex-chairman Bo Park spoke.", False),
    ("Who is the president of Orla?", "Orla vice president Bo Park spoke.", False),
    ("Who is the chief executive of Orla?", "Its deputy chief executive, Bo Park, spoke.", False),
    ("Who is the vice president of Orla?", "Orla vice president Bo Park spoke.", True),
    ("Who is the director of the Velmora Society for the Protection of Birds?", "But director "
     "of the Velmora Society for the Protection of Birds, Ann Lee, said so.", True),
    ("Who is the director of the Velmora Trust?", "The director of the Velmora Trust, Brandt, "
     "said so.", False),  # one word after the comma may be a place
    ("Who is the president of Orla?", "Presidents Ann Lee and Bo Park visited Orla.", False),
    # whose role: an owner the sentence never says, while it names another
    ("Who is Brandia's foreign minister?", "Foreign Minister Ann Lee has said that Ostria "
     "will help.", False),
    ("Who is Ostria's foreign minister?", "Foreign Minister Ann Lee has said that Ostria "
     "will help.", True),
    ("Who is Brandia's foreign minister?", "Foreign Minister Ann Lee has said that Ostria "
     "must help the ethnic Brandians in Velmora.", False),  # people, not Brandia's government
    ("Who is Brandia's ambassador to Ostria?", "This month Ostria opened an embassy in "
     "Velmora, naming Ann Lee as Ostria's new ambassador to Harbour Town.", False),
    ("Who is the chief executive of Orla?", "Chief executive Ann Lee said sales would grow.",
     True),  # nothing else named: the article's own
    ("Who is the governor of Ostria's central bank?", "Prices will rise, bank governor Ann Lee "
     "told reporters.", True),
    ("Who was Ostria's ambassador to Velmora before Ann Lee?", "Ostria opened an embassy, "
     "naming Ann Lee as Ostria's new ambassador to Velmora.", False),  # "Velmora." is asked
    ("Who is Orla's chief executive?", "Orla's CEO, Ann Lee, said so.", True),  # written short
    # a qualifier sharing one word of the asked owner names another ("Harbour United")
    ("Who is the manager of Velmora United?", "Harbour United manager Ann Lee spoke.", False),
    ("Who is the manager of Velmora United?", "Velmora United manager Ann Lee spoke.", True),
    ("Who is the manager of United?", "Velmora United manager Ann Lee spoke.", True),
    ("Who is Ostria's foreign minister?", "Foreign Affairs Minister Ann Lee spoke.", True),
    # an envoy sent somewhere else is not the one asked about
    ("Who is Ostria's ambassador to Brandia?", "Ann Lee, Ambassador and Permanent "
     "Representative of Ostria to the United Nations, spoke.", False),
    ("Who is Ostria's ambassador to Brandia?", "Ann Lee, Ostria's ambassador to Brandia, "
     "spoke.", True),
    ("Who is Ostria's ambassador to Brandia?", "Ostria named Ann Lee as its ambassador to "
     "Brandia.", True),  # "as its": Ann Lee holds the role
    ("Who is Ostria's ambassador to Brandia?", "Ostria named Ann Lee as its ambassador to "
     "Velmora.", False),
    ("Who is Ostria's ambassador to Brandia?", "Ostria's ambassador in Velmora, Ann Lee, said "
     "the talks went well.", True),  # where she sits, not where she is sent
    ("Who is the Ostrian ambassador to the United States?", "Ostria's ambassador to the US, "
     "Ann Lee, said so.", True),  # initials
    # an owner sharing a word many names end in ("United", "City") is the one asked about
    ("Who is the manager of Velmora United?", "Veteran Velmora manager Ann Lee spoke.", True),
    ("Who is the mayor of Velmora City?", "Outgoing Velmora mayor Ann Lee spoke.", True),
    # one told or asked after a role may be its new holder (a rule that read every such name
    # as whom the holder spoke to refused these, and was dropped)
    ("Who is the new chief executive of Orla?", "After its chief executive quit, Orla asked "
     "Ann Lee to take the job.", True),
    ("Who is the new chief executive of Orla?", "Needing a chief executive, Orla told Ann Lee "
     "she had the job.", True),
])
def test_a_role_held_for_someone_else_names_no_holder(question: str, sentence: str,
                                                       named: bool) -> None:
    role = asked_role(question)
    assert role is not None and role_named(question, role, sentence) is named


@pytest.mark.parametrize(("question", "right", "wrong"), [
    ("How many branches does Orla Bank have?", "Orla Bank has 300 branches and staff.",
     "Orla Bank branches have 300 staff."),  # without count_noun the second scores higher
    ("How many people fled Velmora?", "Officials said 6,500 Velmora people fled the town on "
     "Monday.", "Officials said thousands of Velmora people fled the town."),  # a figure
])
def test_the_answering_sentence_is_one_that_says_what_was_asked(question: str, right: str,
                                                                 wrong: str) -> None:
    """Two sentences alike but for whether they count (or name) what was asked: the one
    that does scores higher."""
    assert sentence_score(_features(question, right)) > sentence_score(_features(question, wrong))


def _features(question: str, sentence: str) -> list[float]:
    """The sentence's SENTENCE_FEATURES, in the first passage, every question word alike rare."""
    asked = Asked.of(question, {w: 0.5 for w in terms(question)})
    return sentence_features(asked, sentence, 0.5, Candidate(1, 1.0, 0.5, 0.5), 0, 0)


@pytest.mark.parametrize(("question", "sentence", "fitting"), [
    ("How many branches does Orla Bank have?", "Orla Bank has 300 branches.", True),
    ("How many branches does Orla Bank have?", "Orla Bank branches have 300 staff.", False),
    ("How many branches does Orla Bank have?", "Orla Bank has many branches.", False),
    ("Who is the mayor of Velmora?", "Mayor Ann Lee spoke.", True),
    ("Who is the mayor of Velmora?", "Ann Lee spoke.", False),
    ("Who designed the Velmora bridge?", "Ann Lee designed the bridge.", True),
    ("Who designed the Velmora bridge?", "Ann Lee opened the bridge.", False),
])
def test_a_sentence_fits_when_it_holds_what_was_asked(question: str, sentence: str,
                                                      fitting: bool) -> None:
    """The sentence-choice bonus goes to a sentence with the kind of value asked for and no
    counted noun, role or verb of the question missing."""
    assert fits(_features(question, sentence)) is fitting


def test_a_sentence_naming_no_holder_of_the_asked_role_is_marked() -> None:
    asked = Asked.of("Who is the mayor of Velmora?", {"mayor": 0.5, "velmora": 0.9})
    candidate = Candidate(1, 1.0, 0.5, 0.5)
    unnamed = SENTENCE_FEATURES.index("role_unnamed")
    assert sentence_features(asked, "Mayor Ann Lee spoke.", 0.5, candidate, 0, 0)[unnamed] == 0
    assert sentence_features(asked, "The mayor spoke.", 0.5, candidate, 0, 0)[unnamed] == 1
    assert sentence_features(asked, "Ann Lee spoke.", 0.5, candidate, 0, 0)[unnamed] == 1


def test_a_sentence_naming_no_holder_of_the_role_is_not_found() -> None:
    features = {f: 1.0 for f in FEATURES} | {g: 0.0 for g in GATES}
    assert not gated(features)
    assert gated(features | {"role_unnamed": 1.0})


def test_answer_values_are_whole_words_not_parts_of_the_question() -> None:
    assert [v for _, v in answer_values("How many people died in 2015?",
                                        "5 people died and 20 were hurt.")] == ["5", "20"]
    assert [v for _, v in answer_values("How many people attended the rally?",
                                        "Only ten people came.")] == ["ten"]


@pytest.mark.parametrize(("text", "day", "expected"), [
    ("It opens next March.", date(2023, 2, 10), (date(2023, 3, 1), date(2023, 3, 31))),
    ("It is cold this winter.", date(2023, 2, 10), (date(2022, 12, 1), date(2023, 2, 28))),
    ("Prices fell last May.", date(2023, 3, 1), (date(2022, 5, 1), date(2022, 5, 31))),
])
def test_relative_times_against_the_articles_date(text: str, day: date,
                                                  expected: tuple[date, date]) -> None:
    assert mentions(text, day) == [expected]


def test_may_and_march_in_lower_case_are_no_months() -> None:
    assert mentions("This may take years. Protesters in march on Friday.", date(2023, 9, 1)) == []


def test_a_previous_question_with_a_backslash_is_text_not_a_pattern() -> None:
    got = rewrite_follow_up("What did the report conclude?",
                            _turn(r"What did the report on C:\data say?", None))
    assert got is not None and r"C:\data" in got


def test_a_pronoun_alone_after_what_about_is_resolved() -> None:
    previous = _turn("Who is the harbour master?", "Harbour master Ada Obi said the port reopened.")
    assert rewrite_follow_up("what about her?", previous) == "What about Ada Obi?"
    assert rewrite_follow_up("?", previous) is None


@pytest.mark.parametrize(("question", "sentence", "missing"), [
    ("Who directed the comedy Blue Days?", "Blue Days stars Ann Lee and Bo Park.", True),
    ("Who directed the comedy Blue Days?", "Blue Days, by director Ann Lee, opens.", False),
    ("Where was Ann Lee born?", "Ann Lee, 40, grew up in Velmora.", True),
    ("Where was Ann Lee born?", "Ann Lee, a native of Velmora, spoke.", False),
    ("Who founded Orla?", "Orla bought a stake in Zeta.", True),
    ("Who founded Orla?", "Orla was set up by Ann Lee in 1990.", False),
    ("How many people does Orla employ?", "Orla has 3,000 staff.", False),
    ("How many people does Orla employ?", "Orla operates in 18 countries.", True),
    ("Who scored twice for Harbour Town?", "Bo Park made it two from close range.", False),
    ("How much did Orla pay to acquire Zeta?", "Zeta could have a market value of $10bn.",
     True),
    ("How much did Orla pay to acquire Zeta?", "Orla bought Zeta for $2bn in 1984.", False),
    ("How much did Orla pay Zeta for Bo Park?", "Park joined Orla from Zeta for £2m.", False),
    ("How many films were submitted for the festival?", "Forty films will debut there.", True),
    ("How many films were submitted for the festival?", "It received 3,000 entries.", False),
    ("How much did the film Blue Days cost to make?", "Blue Days made $17m in ticket sales.",
     True),
    ("Who is directing the new production?", "The production opens in Velmora.", True),
    ("What caused the blast in Velmora?", "Twenty people died in a blast in Velmora.", True),
    ("When did Ann Lee become foreign minister?", "Ann Lee, the foreign minister, spoke.",
     True),
    ("When did Ann Lee become foreign minister?", "Ann Lee was appointed in 2019.", False),
    ("When did Ann Lee become ambassador?", "Ann Lee, ambassador in New York, spoke.", True),
    ("What did Velmora's president say about the exports?", "Orla suspended the exports to "
     "Velmora on October 5.", True),
    ("What did Velmora's president say about the exports?", "Velmora's president called the "
     "ban unfair.", False),
    ("How much does Orla charge for calls made in Velmora?", "Calls cost 20p a minute.",
     False),  # "made" only describes the calls
    ("When will Ann Lee be sentenced?", "Ann Lee pleaded guilty on Tuesday.", True),
    ("Who will host the awards on 16 January?", "Bo Park will produce the awards.", True),
    ("Who will host the awards on 16 January?", "Bo Park will present the awards.", False),
    ("Which city will host the 2012 Games?", "Velmora won the right to stage the 2012 Games.",
     False),
    ("Where did Ann Lee finish in the final?", "Ann Lee came fourth in the final.", False),
    ("When did Global Orla finish its inquiry?", "Global Orla began its inquiry in May.", True),
    ("How long was Ann Lee sentenced to?", "Lee must spend six years behind bars.", False),
    ("How many films were submitted?", "Organisers received 3,000 films.", False),
    ("Who did Ann Lee succeed?", "Ann Lee was born in Velmora.", True),  # "succeed" is asked
    ("What did the union say would cost jobs?", "It said the plan would put 500 jobs at risk.",
     False),  # "cost" is another clause's verb
    ("How much did Ann Lee earn a week at Orla?", "Orla signed Lee for £15.8m.", True),
    ("How much did Ann Lee earn in 2004?", "Lee made 5.45m euros last year.", False),
    ("When was Ann Lee appointed Orla coach?", "Orla coach Ann Lee was criticised.", True),
    ("Which party does Ann Lee lead?", "Ann Lee spoke for the Green Party.", True),
    ("Who praised Ann Lee?", "Nobody did.", False),  # "praised" is often said other ways
    ("Who coaches Chelsea?", "Chelsea boss Ann Lee spoke.", False),
    ("When did Ann Lee die?", "Ann Lee passed away in 2001.", False),
    ("Which firm owns Orla?", "Zeta, which bought Orla in 2001, said so.", False),
    ("Which firm owns Orla?", "Orla made a loss.", True),
    ("Which constituency does Ann Lee represent?", "Ann Lee spoke.", True),
    # a noun that looks like one of those verbs, or the verb of another clause, asks nothing
    ("What did the head of the IMF say?", "Ann Lee said so.", False),
    ("Who is the Chelsea coach?", "Chelsea boss Ann Lee spoke.", False),
    ("How old was Ann Lee when she died?", "Ann Lee passed on at 84.", False),
    ("Who found the body?", "A dog walker came across it.", False),
    ("Who replaced Ann Lee as host?", "Ann Lee has resigned as host of the show.", True),
    ("Who replaced Ann Lee as host?", "Bo Park will take over as host.", False),
    ("Who composed the music for Blue Days?", "Blue Days stars Ann Lee.", True),
    ("Who bought the Palace Theatre?", "Ann Lee is behind plans to reopen it.", True),
    ("Who bought the Palace Theatre?", "Zeta snapped it up in a £2m deal.", False),
    # "cost to make": the verb before "to" is asked too
    ("How much did Blue Days cost to make?", "Blue Days has taken $46m.", True),
    ("How much did Blue Days cost to make?", "Blue Days had a budget of $20m.", False),
    ("How much did the stadium cost to build?", "The stadium cost £500m.", False),  # either
    ("How much does the museum cost to visit?", "Admission is £12.", False),
    ("Who replaced Ann Lee as host?", "Bo Park is the show's new host.", False),
    ("Which firm bought Orla?", "Zeta has taken control of Orla.", False),
    ("Who made the drones Ostria used?", "Ostria used drones in the 2020 war.", True),
    ("Who made the drones Ostria used?", "The drones were Brandian-made.", False),
    ("Who made the announcement?", "Ann Lee announced it.", False),  # "made" only carries it
    ("Who made that announcement?", "Ann Lee said so.", False),
    ("Who made the equipment?", "Orla used the equipment.", True),  # a thing, not an event
    ("Who signed the embassy's statement?", "The embassy said Ann Lee was wrong.", True),
    ("Who signed Bo Park?", "Bo Park joined Harbour Town for £2m.", False),
    ("Who is leading the inquiry?", "The inquiry was ordered on Monday.", True),
    ("How many residents have returned?", "6,500 residents had fled to Ostria.", True),
    ("How many residents have returned?", "Some 2,000 residents went back home.", False),
    # after a modal the verb is the question's own: "How much would it cost…?"
    ("How much would the new levy cost Orla?", "Orla backed the levy of £60,000.", True),
    ("How much would the new levy cost Orla?", "The levy would cost Orla £2m.", False),
    ("Who will host the awards?", "A host of stars will attend the awards.", True),  # a noun
    ("Who hosted the awards?", "Ann Lee was the host of the awards.", False),
    ("When did Ann Lee return to Velmora?", "Lee made her comeback in Velmora in June.", False),
    ("When was Ann Lee appointed envoy?", "Ann Lee, envoy in New York, spoke.", True),  # a city
    ("When was Ann Lee appointed coach?", "New coach Ann Lee spoke on Monday.", False),
    ("When did Ann Lee become governor of the bank?", "Bank governor Ann Lee said growth in "
     "the first half was strong.", True),  # "first" of a half year, not of a holder
    ("Who refereed the Orla cup tie?", "Trouble marred the Orla cup tie.", True),
    ("Who refereed the Orla cup tie?", "Referee Bo Park sent off two players.", False),
    # a report handed to someone says nothing they said
    ("What did Ann Lee say in April?", "In April Bo Park presented a report to Lee.", True),
    ("What did Ann Lee say in April?", "Lee reported a rise in April.", False),
    ("When did Ann Lee serve as Ostria's foreign minister?", "In April former foreign "
     "minister Ann Lee presented a report.", True),
    ("When did Ann Lee serve as foreign minister?", "Ann Lee, who served as foreign minister "
     "from 1996, spoke.", False),
    ("When did Orla first announce its support for Zeta?", "Fighting has gone on since July.",
     True),
    ("When did Orla announce its support for Zeta?", "Orla said in July it backed Zeta.", False),
    ("When is Ann Lee due to arrive in Velmora?", "Ostria named Ann Lee as envoy this month.",
     True),
    ("When did Ostria open its embassy in Velmora?", "Ostria sent two delegates in July.", True),
    ("When did Ostria open its embassy in Velmora?", "The embassy was inaugurated in July.",
     False),
    # the doer's noun said only of another work, body or rank
    ("Who directed the thriller Dark Harbour?", "Orla Nights director Bo Park has a hit.", True),
    ("Who directed the thriller Dark Harbour?", "Dark Harbour director Bo Park spoke.", False),
    ("Who directed the thriller Dark Harbour?", "Dark Harbour, directed by Bo Park, won.",
     False),
    ("Who heads the Orla Fund's research unit?", "Bo Park, deputy head of the unit, spoke.",
     True),
    ("Who chairs the Velmora Banks Association?", "VBA chairman Bo Park spoke.", False),
    ("Who chairs the Velmora Banks Association?", "Zeta Bank chairman Bo Park spoke.", True),
    ("Who chairs the Velmora committee?", "Velmora is warning a committee of MPs.", True),
    ("How long did Bo Park, the new Orla chair, spend at Zeta?", "Park spent 20 years at Zeta.",
     False),  # "chair" is a noun here
    # a doer only described ("British director"), the work named, or none asked: not judged
    ("Who directed Dark Harbour?", "Dark Harbour, from British director Bo Park, won.", False),
    ("Who directed Dark Harbour?", "Dark Harbour, by Oscar-winning director Bo Park, won.",
     False),
    ("Who owns Orla United?", "Ostrian owner Bo Park bought the club in 2003.", False),
    ("Who directed the film?", "Orla Nights director Bo Park said the film was his best.", False),
    ("Who leads the Orla Party?", "The party, led by opposition leader Bo Park, voted.", False),
    ("Who was found guilty?", "Charity founder Bo Park was found guilty of fraud.", False),
    ("Who manages Velmora United?", "Veteran Velmora manager Bo Park spoke.", False),
    # forms of the new verbs that say them
    ("When did Ann Lee serve as foreign secretary?", "Ann Lee was foreign secretary in 2003.",
     False),
    ("When did Ann Lee serve as mayor?", "Ann Lee became mayor in 1998.", False),
    ("What did the cafe serve?", "The cafe sold burgers.", False),
    ("How many goals has Ann Lee managed?", "Ann Lee has scored 20 goals.", False),
    ("Who was announced as the new coach?", "Ann Lee was named as the new coach.", False),
    ("Who chaired the summit?", "The summit, hosted by Ann Lee, ended.", False),
    ("Which firm has made a $3.25bn offer for Orla?",  # "made" only carries "offer"
     "The bid has come from investment firm Zeta Capital.", False),
    ("When did Ann Lee learn of the claims?", "Ann Lee on Monday informed that Orla would "
     "look into the claims.", True),
    ("When did Ann Lee learn of the claims?", "Ann Lee was told of the claims on Monday.", False),
    ("How many people fled to the airport?",  # no auxiliary: the verb after what is counted
     "At least 20 people were killed in an explosion at a gas station.", True),
    ("How many people fled to the airport?", "Some 28,000 people have crossed the border.",
     False),
    ("Who registered the website?", "A spokeswoman for Orla said it knew of the site.", True),
    ("Who registered the website?", "The site was set up by Bo Park in May.", False),
    ("Who requested the meeting?", "The council met on 21 September.", True),
    ("Who requested the meeting?", "The meeting was called for by Ostria.", False),
    ("How much does the game cost?", "At a mere £20, the game is as cheap as chips.", False),
    ("How much does the game cost?", "The game has sold 20,000 copies.", True),
    ("How much did the Orla computer system cost?", "MPs found the £456m system from Zeta was "
     "failing.", False),  # a sum before the asked noun is its price
    ("How much would the Orla voucher scheme cost?", "Velmora gives £200 for winter fuel to "
     "households.", True),  # (not past "for": "winter" is no price)
    ("How much is Ann Lee paid each time she wins?", "Every time she wins she gets $30,000.",
     False),  # "gets" a sum: is paid it
    ("How much is Ann Lee paid each time she wins?", "Every time she wins she gets a medal.",
     True),
    ("Who umpired Ann Lee's final win over Bo Park?", "Ann Lee beats Bo Park in the final.",
     True),
    ("Who refereed the Orla v Zeta match?", "Bo Park will not be punished for his comments "
     "about the officials.", True),
    ("When does Orla expect to start producing oil there?", "Orla's shares rose 300% last "
     "year.", True),
    ("When does Orla expect to start producing oil there?", "Orla will pump its first oil in "
     "2006.", False),
    ("Who will replace Ann Lee as leader?", "Ann Lee's wife will play a role in the election "
     "campaign.", True),  # an election says no one was elected
    ("Who will replace Ann Lee as leader?", "Bo Park was elected leader on Monday.", False),
    ("Who replaced Ann Lee as leader?", "Bo Park won the leadership election in June.", False),
    ("What did Ann Lee ask for?", "Ann Lee has requested a ceasefire.", False),  # 'ask' said
    ("What did Ann Lee ask for?", "Ann Lee visited Velmora.", True),
    # joining is said too many ways to be checked (a rule for "join" refused 37 of 42 ways
    # a helper wrote, and was dropped)
    ("When did Ann Lee join Orla?", "Orla bought Ann Lee from Zeta in 1998.", False),
    ("When did Ann Lee join Velmora?", "Ann Lee went to Velmora in 1998.", False),
])
def test_a_question_whose_verb_is_seldom_left_unsaid_needs_it_said(question: str,
                                                                   sentence: str,
                                                                   missing: bool) -> None:
    assert predicate_missing(question, sentence) is missing


def test_amounts_in_more_currencies_durations_in_matches_and_counts_in_a_row() -> None:
    assert [v for _, v in answer_values("How much money did Orla lose in 2003?",
                                        "Orla lost 10.8bn kronor in 2003.")] == ["10.8bn kronor"]
    assert [v for _, v in answer_values("How long a ban was Ann Lee given?",
                                        "Ann Lee was given a seven-match ban.")] == ["seven-match"]
    assert [v for _, v in answer_values("How many titles in a row has Ann Lee won?",
                                        "Ann Lee won her 10th consecutive title.")] == ["10th"]
    assert answer_values("How many titles has Ann Lee won?", "She came 10th.") == []
    assert [v for _, v in answer_values("What is Ann Lee's long jump personal best?",
                                        "Lee has jumped 8.17m.")] == ["8.17m"]
    assert [v for _, v in answer_values("What is Ann Lee's 100m personal best?",
                                        "Lee set a personal best of 10.04.")] == ["10.04"]
    assert answer_values("What is Ann Lee's 100m personal best?", "Lee won the 100m gold.") == []
    # the person a question names, by title and surname, or the owner of a role, is no answer
    assert answer_values("Which judge is hearing Ann Lees' case?", "Mr Lees, 63, denies it.") \
        == []
    assert answer_values("Which judge is hearing Ann Lee's case?",
                         "Former Orla boss Ann Lee is on trial.") == []
    assert answer_values("Who hosts the show?", "Bo Park hosts the show.") == [(0, "Bo Park")]


def test_a_share_or_a_sum_is_no_count() -> None:
    assert answer_values("How many people does Orla employ?", "Orla shares fell 6.7%.") == []
    assert answer_values("How many did Orla sell?", "It sold for $499 (£339).") == []
    assert answer_values("How many did Orla sell?", "It costs 19,800 yen.") == []
    assert answer_values("How many did Orla sell?", "The £1.35bn offer failed.") == []
    assert [v for _, v in answer_values("How many did Orla sell?",
                                        "Orla sold 3,000, up 5 per cent.")] == ["3,000"]
    assert answer_values("How many did Orla sell?",
                         "It cost 5 million pounds, up 6.7 percentage points.") == []
    # ...unless the question counts the currency itself
    assert [v for _, v in answer_values("How many pounds did Ann Lee lose?",
                                        "Ann Lee lost 50 pounds.")] == ["50 pounds"]


@pytest.mark.parametrize(("sentence", "missing"), [
    ("About 28,000 people, 23 per cent of the region's population, have fled to Ostria.", True),
    ("Ostria is home to about 3 million people.", False),
    ("Some 3 million people live in Ostria, a small mountain country.", False),
    ("Ostria has a population of 3 million.", False),
    ("The army attacked the 120,000 residents of Ostria.", False),  # all of them
    ("Some 6,500 Ostria residents fled.", True),  # some of them
])
def test_how_many_people_live_somewhere_asks_a_population(sentence: str, missing: bool) -> None:
    question = "How many people live in Ostria?"
    assert measure_missing(question, sentence, answer_values(question, sentence)) is missing


@pytest.mark.parametrize(("sentence", "missing"), [
    ("Ostria sent two delegates to join the mission.", True),  # a count of something else
    ("Ostria has sent $5m to Velmora.", False),
    ("Ostria has sent 50 tonnes of aid to Velmora.", False),
])
def test_how_much_aid_wants_a_sum_or_the_aid_said(sentence: str, missing: bool) -> None:
    question = "How much aid has Ostria sent to Velmora?"
    values = answer_values(question, sentence)
    assert count_noun_missing(question, sentence, values) is missing


@pytest.mark.parametrize(("sentence", "missing"), [
    ("About 6,500 people, 23% of the region's population, fled to Ostria.", True),
    ("Ostria has a population of 2.8 million.", False),
    ("Ostria voted on Monday.", True),
    ("Ostria is home to 300,000 people.", False),
    ("Ostria, a country of 2.8 million people, votes.", False),
    ("The world's most populous country - population 1.3bn - now votes.", True),  # whose?
    ("The Ostrian population of 2.8 million votes.", False),
    ("The Brandian population passed 2.8 million.", False),  # another name: left to weights
])
def test_a_population_is_a_figure_said_as_one(sentence: str, missing: bool) -> None:
    question = "What is the population of Ostria?"
    values = answer_values(question, sentence)
    assert measure_missing(question, sentence, values) is missing
    growth = "What is the population growth rate of Ostria?"  # a rate, not a population
    assert not measure_missing(growth, sentence, answer_values(growth, sentence))


def test_a_sentence_that_only_says_what_may_be_is_marked_hedged() -> None:
    assert hedged("How much did the concert raise?", "Organisers hope to raise £250,000.")
    assert not hedged("How much did the concert raise?", "The concert raised £250,000.")
    assert not hedged("How much is the concert expected to raise?",  # asked as such
                      "Organisers expect to raise £250,000.")
    assert hedged("How much did the plant raise?", "Organisers hope to raise £2m.")  # no "plan"
    assert not hedged("How much did the concert raise?", "In May the concert raised £2m.")
    assert not hedged("How many attended?", "An estimated 20,000 people attended.")
    lost = "The index lost 5% of its value, when no one knew who would win."
    asked = "How much of its value did the index lose?"
    assert not hedged(asked, lost, answer_values(asked, lost))  # a hedge in a later clause
    assert "hedged" in FEATURES and "hedged" not in GATES  # weighed, never refuses alone


def test_a_relation_that_runs_the_other_way_conflicts() -> None:
    sentence = "Orla opened an embassy, naming Ann Lee as Velmora's ambassador to Brandia."
    assert names_conflict("Who is Brandia's ambassador to Velmora?", sentence)
    assert not names_conflict("Who is Velmora's ambassador to Brandia?", sentence)
    assert not names_conflict("Who is Velmora's ambassador to Brandia?",  # no name in the slot
                              "Velmora named Ann Lee ambassador to the region in Brandia.")
    assert not names_conflict("How many people tuned in to see Ann Lee hand papers to Bo?",
                              "In 1986, 30 million saw Ann Lee hand papers to Bo Park.")


def test_an_amount_of_a_budget_named_with_two_words_is_money() -> None:
    assert slot("What is Velmora's humanitarian aid budget for the region?") == "money"
    assert answer_values("What is Velmora's humanitarian aid budget for the region?",
                         "The letter urges Velmora to increase its humanitarian aid budget.") \
        == []


def test_a_sum_takes_a_scale_only_as_a_whole_word() -> None:
    question = "How much does the Zeta service cost?"
    assert [v for _, v in answer_values(question, "It costs £39.99 monthly.")] == ["£39.99"]
    assert [v for _, v in answer_values(question, "It comes with a £2 kit.")] == ["£2"]
    assert [v for _, v in answer_values(question, "It cost £30mn.")] == ["£30mn"]
    assert [v for _, v in answer_values(question, "It cost £1.35bn, or £20m a year.")] \
        == ["£1.35bn", "£20m"]


def test_a_capacity_is_a_figure_said_as_one() -> None:
    question = "What is the capacity of Orla Park?"
    for sentence, missing in (("Zeta travel to Orla Park, with Orla 14th in the league.", True),
                              ("Orla Park holds 52,000 fans.", False),
                              ("Orla Park is a 52,000-seat stadium.", False)):
        values = answer_values(question, sentence)
        assert (not values or measure_missing(question, sentence, values)) is missing


def test_a_race_time_and_a_share_said_in_words() -> None:
    question = "What was Ann Lee's winning time in the 200m final?"
    assert answer_values(question, "Lee won 200m gold at the 2000 Games.") == []
    assert [v for _, v in answer_values(question, "Lee won in 19.85 seconds.")] == [
        "19.85 seconds"]
    assert [v for _, v in answer_values("How much of the traffic was for Velmnet?",
                                        "More than half of the traffic was for Velmnet.")] == [
        "half"]
    assert [v for _, v in answer_values(question, "Lee won the final in 9.85.")] == ["9.85"]
    assert [v for _, v in answer_values("How much of the £5m has Orla spent?",
                                        "Orla has spent £3m so far.")] == ["£3m"]
    assert answer_values("How many terms has Ann Lee won?", "Lee won a third term.") == []
    assert [v for _, v in answer_values("By what score did Orla win?",
                                        "Orla won the derby 3 - 1.")] == ["3 - 1"]
    assert answer_values("By what score did Orla win?", "Orla played 4-3-3.") == []
    assert answer_values("What time did Ann Lee run to win the 200m?",
                         "Lee, 31, won the 200m at the 2000 Games.") == []


def test_a_word_opening_a_clause_makes_no_persons_name() -> None:
    assert [v for _, v in answer_values("Which minister resigned?",
                                        "The Chancellor resigned on Monday.")] == [
        "The Chancellor"]
    assert answer_values("Which minister resigned?", "In\nVelmora, the assembly met.") == []
    assert answer_values("Which state senator sponsored the bill?",
                         "In Velmora, the assembly is split over the two bills.") == []
    assert [v for _, v in answer_values("Which minister resigned?", "Mr Lee resigned.")] == [
        "Mr Lee"]


def test_a_date_is_as_fine_as_the_question_asks() -> None:
    assert answer_values("On what date did Ann Lee ask for a ceasefire?",
                         "In 1994 a ceasefire was signed.") == []
    assert [v for _, v in answer_values("On what date was Orla founded?",
                                        "Orla was founded on March 3, 1994.")] == ["March 3"]
    assert [v for _, v in answer_values("In what year was Orla founded?",
                                        "Orla, founded in 1994, said on Monday it would grow.")
            ] == ["1994"]
    assert [v for _, v in answer_values("When was Orla founded?",
                                        "Orla was founded in 1994.")] == ["1994"]
    # a month is no date: "since July" does not say on which day
    assert answer_values("On what date did Ann Lee resign?", "Talks have gone on since July.") \
        == []
    assert [v for _, v in answer_values("On what date did Ann Lee resign?",
                                        "Ann Lee resigned on 21 July.")] == ["July"]
    assert [v for _, v in answer_values("On what day did Ann Lee resign?",
                                        "Ann Lee resigned on Monday.")] == ["Monday"]


def test_figures_in_their_unit_and_durations_for_how_many_years() -> None:
    assert answer_values("How deep is Lake Velmora?", "Two firms bid for the lake.") == []
    assert [v for _, v in answer_values("How deep is Lake Velmora?",
                                        "Lake Velmora is 1,637 metres deep.")] == ["1,637 metres"]
    assert [v for _, v in answer_values("How tall is Ann Lee?", "The 6ft 4in Lee won.")
            ] == ["6ft", "4in"]
    values = answer_values("For how many years has Ann Lee led Orla?",
                           "Ann Lee has led Orla for the last 29 years.")
    assert [v for _, v in values] == ["29 years"]
    assert not count_noun_missing("For how many years has Ann Lee led Orla?",
                                  "Ann Lee has led Orla for the last 29 years.", values)
    assert answer_values("For how many years was Ann Lee mayor?",
                         "The former mayor Ann Lee spoke on Wednesday.") == []
    # no figure in a unit: a year before "in", a count before "in", a sum of money
    assert answer_values("How tall is Ann Lee?", "Ann Lee was born in 1990 in Velmora.") == []
    assert answer_values("How tall is Ann Lee?", "Ann Lee scored 3 in the final.") == []
    assert answer_values("How heavy is the Orla tank?", "The tank cost $5m to build.") == []
    # an age and a time ago are no durations
    assert answer_values("For how many years did Ann Lee serve?",
                         "Ann Lee, 45 years old, served as mayor.") == []
    assert answer_values("What was the total number of casualties?",
                         "Casualties rose by 12% last month.") == []
    assert [v for _, v in answer_values("What were Orla's total assets in 2003?",
                                        "Orla had total assets of 5.3 trillion yuan in 2003.")
            ] == ["5.3 trillion yuan"]
    assert answer_values("By how many seconds did Ann Lee win?",  # an age, hyphened
                         "The 29-year-old finished second to Ann Lee.") == []


def test_values_that_answer_another_question() -> None:
    def values(question: str, sentence: str) -> list[str]:
        return [v for _, v in answer_values(question, sentence)]

    assert slot("How much prize money goes with the Orla Prize?") == "money"
    assert values("How much prize money goes with the Orla Prize?",
                  "The director, 68, won the Orla Prize in 2002.") == []
    assert slot("On which Velmora street is the shop?") == "place name"
    assert values("Who registered the website?",  # a title quoted, not who
                  'The subject line reads "Urgent Tsunami Appeal" in capitals.') == []
    assert values("Which film did Ann Lee make?", 'Ann Lee made "Dark Harbour".') \
        == ["Dark Harbour"]
    assert values("Who won the series?", 'She said: "So glad I\'m out."') == []
    assert values("How many villages were shelled?",  # "no one" is nobody, not a count
                  'The village was shelled and "almost no one is left."') == []
    assert values("How old was the pilot?", "The 22-year-old singer's family settled.") == []
    assert values("How old is Ann Lee?", "The 22-year-old striker joined Orla.") \
        == ["22-year-old"]  # a person asked about may be the striker
    assert holder_asked("Who is the treasurer of the Orla Party?") == "treasurer"
    when = "When will Zeta release the game?"
    assert _values(when, "Bo Park will star in the game, it was confirmed on Wednesday.",
                   "", None, None, None) == []
    assert _values("When did Zeta announce the deal?", "Zeta announced on Wednesday that it "
                   "would buy Orla.", "", None, None, None) == [(18, "Wednesday")]


@pytest.mark.parametrize(("text", "asked"), [
    ("red", False), ("Canada Turkey drones", False), ("ferry strike", False),
    ("Didn't Orla win the takeover battle for Zeta", True), ("Please list the plants", True),
    ("Define sanctions", True), ("whats the population", True), ("Qui est le ministre？", True),
    ("Canada suspended drone exports to Turkey", True),  # a sentence may be a request
    ("Who is Canada's foreign minister", True), ("Tell me who suspended the permits", True),
    ("drone exports to Turkey?", True), ("Canada suspended exports when", True),
    ("In which city is the embassy", True), ("Did Canada suspend exports", True),
])
def test_a_question_asks_something_and_a_few_words_do_not(text: str, asked: bool) -> None:
    assert asks(text) is asked


def test_what_was_done_is_said_again_only_when_its_verb_is_known() -> None:
    from qa.phrases import event_clause, past
    assert event_clause("announced", "When did Ostria suspend exports to Velmora?") \
        == "that Ostria suspended exports to Velmora"
    # no name right before the verb, a second name, an adverb: the verb is not known
    assert event_clause("announced", "When did the Ostrian government suspend exports?") is None
    assert event_clause("reported", "How did Ostria and Velmora fall out?") is None
    assert event_clause("announced", "When did Ostria officially suspend exports?") is None
    assert event_clause("criticised", "When did Ostria suspend exports?") is None
    assert [past(v) for v in ("flee", "strike", "occur", "ban", "open", "apply", "close")] \
        == ["fled", "struck", "occurred", "banned", "opened", "applied", "closed"]


def test_according_to_them_leans_back_only_as_the_questions_opening() -> None:
    assert is_follow_up("According to them, what is the top risk?")
    assert not is_follow_up("Which firms did Orla survey, and according to them what is the "
                            "top risk for Velmora banks?")


def test_initials_and_titles_are_no_other_name() -> None:
    # the body the question names, by its initials, is not the answer it asks for
    assert answer_values("Which firm ran the Velmora Software Alliance's survey?",
                         "The Velmora Software Alliance (VSA) warned users.") == []
    assert answer_values("Who runs Zeta, the fund opposing Orla Bank's bid?",
                         "Zeta, which owns 5% of Orla Bank's (OB) shares, objected.") == []
    # a film's title is no one who did something
    assert answer_values("Who gave Ann Lee her award at the Velmora festival?",
                         "The movie Dark Harbour won and Ann Lee was named best actress at "
                         "the Velmora festival.") == []
    # "play", "show": verbs as often as works
    assert [v for _, v in answer_values("Who did Orla play in the final?",
                                        "Orla will play Zeta Rovers in the final.")
            ] == ["Zeta Rovers"]
    assert [v for _, v in answer_values("Who is leading the race?",
                                        "Polls show Ann Lee leading the race.")] == ["Ann Lee"]
    # two letters stand for the question's name only beside it: "UK" is not Ulla Kern
    assert [v.strip(".") for _, v in answer_values("Which country did Ulla Kern visit?",
                                                   "Ulla Kern visited the UK.")] == ["UK"]
    assert [v for _, v in answer_values("Which film won at the Velmora festival?",
                                        "The movie Dark Harbour won at the Velmora festival.")
            ] == ["Dark Harbour"]


def test_a_firm_is_named_by_its_first_word_or_its_initials() -> None:
    question = "What record profit did Orla Breweries make in 2004?"
    assert names_missing(question, stems("Orla made a record profit.")) == 0.0
    assert names_missing(question, stems("Zeta made a record profit.")) == 1.0
    assert names_missing("What was Velmora Electric's profit?",
                         stems("VE's profits were $5bn.")) == 0.0
    assert names_missing("How old is Ann Lee?", stems("Ann Park is 40.")) == 1.0  # a person


def test_a_demonym_is_named_by_its_country_and_a_month_is_no_name() -> None:
    assert names_missing("How many Thai fishermen lost boats?",
                         stems("Fishermen in Thailand lost 300 boats.")) == 0.0
    assert names_missing("How many Thai fishermen lost boats?",
                         stems("Malaysia said 1,000 fishermen lost boats.")) == 1.0
    assert names_missing("Which Irish runner won?", stems("Ireland's Ann Lee won.")) == 0.0
    assert names_missing("Which Iraqi city fell?", stems("Iraq lost the city.")) == 0.0
    assert names_missing("What did Ann Lee announce in July?",
                         stems("Ms Lee announced a tax cut.")) == 0.0


def test_a_name_no_word_of_the_article_says_weighs_against_its_sentence() -> None:
    question = "How many Thai fishermen will be affected by the tsunami?"
    sentence = "As many as 1,000 fishermen will be affected, officials said."

    def weighed(article: str) -> float:
        return weigh(question, sentence, sentence, sentence_cosine=0.7, passage_cosine=0.7,
                     lexical=1.0, rarity={"thai": 1.0, "fishermen": 0.8, "affected": 0.3,
                                          "tsunami": 0.5}, unknown=0.0,
                     article=article_words(article)).features["names_missing_article"]

    assert weighed(f"Tsunami hits Malaysia's fleet\n{sentence}") == 1.0
    assert weighed(f"Tsunami hits Thailand's fleet\n{sentence}") == 0.0


def test_a_role_held_in_a_described_firm_or_a_compound_is_named() -> None:
    from qa.roles import role_unnamed, same_role
    assert not role_unnamed("Who is the new chief executive of Orla Coal?",
                            "The South Velmora company, led by new chief executive Ann Lee, "
                            "said it hoped to return to profit.")
    assert role_unnamed("Who is the foreign minister of Ostria?", "Foreign Minister Ann Lee "
                        "said on Monday that the people of Brandia would soon get help.")
    assert same_role("caretaker-boss", "boss") and not same_role("boss-elect", "boss")
    assert role_unnamed("Who is the chief executive of Orla Coal?",  # another firm, named
                        "The rival Zeta company, led by chief executive Bo Park, said so.")



def test_whom_a_role_holder_spoke_to_or_a_pronoun_names_no_holder() -> None:
    from qa.roles import role_unnamed
    question = "Who is the Orla Party spokesman?"
    assert role_unnamed(question, 'A party spokesman told Orla News: "We expect a complaint."')
    assert not role_unnamed(question, "An Orla Party spokesman, Ann Lee, said it was off.")
    assert not role_unnamed(question, "Ann Lee, an Orla Party spokesman, told the BBC so.")
    # a titled name run on to the role holds it, no qualifier ("Dr Mark Tuffy games director")
    assert not role_unnamed("Who is the games systems director at Orla?", '"HD is a must," '
                            "Dr Ann Lee games systems director at digital firm Orla said.")
    assert role_unnamed("Who is the games systems director at Orla?", '"HD is a must," '
                        "Zeta games systems director at digital firm Orla said.")
    assert role_unnamed("Who is the party spokesman?",  # the party, not his name
                        "An Orla spokesman said the plan was off.")
    assert not role_unnamed("Who is the Velmora president?",  # met: a person, the holder
                            "He met Velmora President Ann Lee on Monday.")


def test_a_role_named_with_the_owners_initials_or_among_people_is_named() -> None:
    from qa.roles import role_unnamed
    assert not role_unnamed("Who is the chairman of the Velmora Stock Exchange?",
                            '"Rubbish," VSE chairman Ann Lee told reporters.')
    assert role_unnamed("Who is the chairman of the Velmora Stock Exchange?",  # not its initials
                        '"Rubbish," OSE chairman Ann Lee told reporters.')
    assert not role_unnamed("Who is the chairman of Orla?",  # another person owns no role
                            'He added: "I thank (director) Bo Park and (chairman) Ann Lee."')
    assert not role_unnamed("Who is the author of the Zeta report?",  # a quote's first word
                            '"Even artists agree," said report author Ann Lee.')
    assert role_unnamed("Who is the author of the Zeta report?",  # Orla may own the report
                        '"Artists agree," said Orla report author Ann Lee.')


def test_one_before_a_verb_is_a_pronoun_not_a_count_of_what_was_asked() -> None:
    question = "How many stores does Orla have in Velmora?"
    sentence = ("Orla is also fighting two lawsuits - one accusing it of bias and another "
                "alleging it underpays staff.")
    assert count_noun_missing(question, sentence, answer_values(question, sentence))
    found = "How many survivors were found?"  # "one" before a verb still counts
    assert not count_noun_missing(found, "Only one was found alive.",
                                  answer_values(found, "Only one was found alive."))
    sold = "How many cars did Orla sell?"
    assert not count_noun_missing(sold, "150,000 were sold in May.",
                                  answer_values(sold, "150,000 were sold in May."))


def test_a_role_of_a_firm_sharing_four_letters_with_the_asked_one_is_anothers() -> None:
    from qa.roles import role_unnamed
    assert role_unnamed("Who is the chief executive of Orla Europe?",
                        "Euronext chief executive Ann Lee held talks with Zeta's chief "
                        "executive Bo Park.")  # "Euro…" is not Europe
    assert not role_unnamed("Who is Britain's foreign secretary?",
                            "British Foreign Secretary Jack Straw said so.")


def test_pronouns_and_dates_are_no_names_and_a_name_made_an_adjective_is_the_name() -> None:
    def values(question: str, sentence: str) -> list[str]:
        return [v for _, v in answer_values(question, sentence)]

    assert values("Which Ostrian officials did the letter name?",
                  '"We ask you to act," the letter reads.') == []
    assert values("Who wrote the report?", "In April, the report was presented.") == []
    assert values("Which country brokered the ceasefire?",
                  "In 1994 a Russia-brokered ceasefire was signed.") == ["Russia"]


def test_an_abstract_plural_noun_is_no_persons_name() -> None:
    question = "Which Ostrian minister raised the concerns?"
    assert answer_values(question, "Its ministers want the Directive on the Patentability of "
                                   "Computer-Implemented Inventions changed.") == []
    assert [v for _, v in answer_values(question, "Minister Ann Lee raised them.")] \
        == ["Ann Lee"]
    assert [v for _, v in answer_values(question, "Minister Jeff Sessions raised them.")] \
        == ["Jeff Sessions"]  # a surname may end as a plural noun does


def test_a_linesman_or_an_aide_is_a_role_whose_holder_must_be_named() -> None:
    from qa.roles import role_unnamed
    question = "Who was the linesman who failed to spot Ann Lee's shot crossing the line?"
    assert role_unnamed(question, "Orla boss Bo Park said his team were robbed after Ann "
                                  "Lee's shot crossed the line.")
    assert not role_unnamed(question, "Linesman Bo Park failed to spot Ann Lee's shot.")


def test_a_contracted_pronoun_is_no_other_doer_and_a_plural_possessive_is_counted() -> None:
    question = "How many years' service has Ann Lee given Orla, according to Bo Park?"
    sentence = '"He\'s given us 12 years service so we\'d support him."'
    assert not names_conflict(question, sentence)
    assert [v for _, v in answer_values(question, sentence)] == ["12 years"]


def test_no_person_answers_which_place_or_thing_and_a_firms_full_name_is_the_firm() -> None:
    def values(question: str, sentence: str) -> list[str]:
        return [v for _, v in answer_values(question, sentence)]

    assert values("In which Ostrian city were the sprinters found training?",
                  "Officials warned coach Bo Park after they were found training in Ostria.") \
        == []  # a modified place kind still asks for a place; "coach Bo Park" is a person
    assert values("Which club did prop Ann Lee play for before joining Orla?",
                  "Velmora coach Bo Park has called up Orla prop Ann Lee.") == []
    assert slot("What did state media report?") is None  # no place asked: "did" is no kind
    assert slot("What is capital gains tax?") is None
    assert values("Which Zeta Capital analyst said so?",
                  "So said analyst Bo Park of Zeta Capital.") == ["Bo Park"]
    assert values("Who won the match billed as the Orla derby?",
                  "Tuesday's match, billed as the Orla derby, will go ahead.") == []
    assert values("Who is the deputy retried with former Orla chief Ann Lee?",
                  "It coincides with the retrial of former Orla International chief Ann Lee "
                  "and her deputy.") == []


def test_no_place_nor_thing_of_another_kind_answers_which_work() -> None:
    def values(question: str, sentence: str) -> list[str]:
        return [v for _, v in answer_values(question, sentence)]

    question = "Which two songs did Ann Lee film aboard the Orla for Top of the Pops?"
    assert values(question, "Ann Lee played on the Orla, docked on the River Velm, where she "
                            "filmed two songs for Top of the Pops.") == []
    assert values(question, "She will play two songs to launch her label Zeta Records.") == []
    assert values("Which film did Ann Lee direct?",
                  "Ann Lee directed the movie Dark Harbour in May.") == ["Dark Harbour"]
    assert values("Which film won the top prize at Brandt?",
                  "The film Dark Harbour won the top prize at Brandt.") == ["Dark Harbour"]
    assert values("Which budget does the letter urge Orla to increase?",
                  "The letter urges Orla to increase its aid budget.") == ["its aid budget"]
    # a building of another kind right after the name: "Velmora airport" is no hospital
    assert values("Which hospital treated the injured?",
                  "Thousands fled to Velmora airport on Monday.") == []
    assert values("Which hospital treated the injured?",
                  "The injured were taken to Velmora hospital on Monday.") == ["Velmora"]


def test_a_name_that_only_describes_a_noun_is_placed_nowhere() -> None:
    question = "In which town did Ann Lee give her speech?"
    assert answer_values(question, "Ms Lee wrote the introduction to the Orla manifesto.") == []
    assert [v for _, v in answer_values(
        question, "Ms Lee spoke at the Orla conference in Velmora.")] == ["Velmora."]
    assert [v for _, v in answer_values("In which city did the court sit?",
                                        "The court sat in the Velmora for the first time.")] \
        == ["Velmora"]  # "for" is no noun the name describes


def test_answers_that_are_no_capitalised_name() -> None:
    # "which N" answered by a lower-case kind of N the question does not name
    assert [v for _, v in answer_values(
        "Which budget does the letter urge Ostria to increase?",
        "It urges Ostria to increase its humanitarian aid budget.")] == [
        "its humanitarian aid budget"]
    assert answer_values("Which budget does the letter urge Ostria to increase?",
                         "It urges Ostria to increase the budget.") == []
    # a name "of" the organisation asked about is the person, not the organisation
    assert [v for _, v in answer_values(
        "Which Orla Bank analyst said prices would rise?",
        '"Prices will rise," said analyst Ann Lee of Orla Bank.')] == ["Ann Lee"]
    # "decades" answers how long, without a number
    assert [v for _, v in answer_values("How long had the region been under separatist rule?",
                                        "It ended decades of separatist rule.")] == ["decades"]
    # "just months" answers how long too, and a bare "months" does not
    assert [v for _, v in answer_values("How long before the vote does the move come?",
                                        "The move comes just months before the vote.")] == [
        "just months"]
    assert answer_values("How long before the vote does the move come?",
                         "The move comes months before the vote.") == []
    assert answer_values("How long did the drought last?",
                         "It was the worst drought in many years.") == []
    assert answer_values("How long did the calm last?", "These were the only days of calm.") == []


def test_a_definite_noun_takes_a_name_from_the_answers_passage_only_when_fitting() -> None:
    text = ("The Embassy of the Republic of Ostria called the letter concerning. Ann Lee, the "
            "foreign minister, said so. The Prime Minister will visit Velmora on Monday. The "
            "Annual Report of the Velmora Bank disagreed.")
    previous = answered_turn("What did the NDP letter ask for?", text, "Ann Lee, the foreign "
                         "minister, said so.")
    assert rewrite_follow_up("How did the embassy respond?", previous) \
        == "How did the Embassy of the Republic of Ostria respond?"
    # a role is not taken from the passage ("the Prime Minister" for "the minister")
    assert "Prime Minister" not in (rewrite_follow_up("When did the minister take office?",
                                                      previous) or "")
    # nor a noun the previous question already used as its own ("the report")
    previous = answered_turn("What did the report say about Orla?", text, "Ann Lee, the foreign "
                         "minister, said so.")
    assert "Annual Report" not in (rewrite_follow_up("Who wrote the report?", previous) or "")


def test_the_weighable_hits_articles_are_read_once_each_for_the_evidence(
        bot: qa.Bot, monkeypatch: pytest.MonkeyPatch) -> None:
    from qa import answer as answering
    from qa.evidence import names_missing

    seen: list[dict[str, set[str]]] = []
    build = answering.build

    def spy(*args: Any, **kwargs: Any) -> Any:
        seen.append(kwargs["articles"])
        return build(*args, **kwargs)

    monkeypatch.setattr(answering, "build", spy)
    answer = bot.ask("Who is Canada's new ambassador to Armenia?", k=8)
    articles = seen[-1]
    ids = [h.citation.article_id for h in answer.passages[:answering.SENTENCE_POOL]]
    assert set(articles) == set(ids)  # every weighable hit's article, each once, no other
    words = articles[ids[0]]
    assert names_missing("Who is Canada's new ambassador to Armenia?", words) == 0.0
    assert names_missing("Who is Canada's new ambassador to Velmora?", words) > 0.0


def test_a_year_gone_by_answers_no_question_about_what_will_be() -> None:
    question = "When will Ostria lift its arms embargo against Brandia?"
    sentence = ("Reports say Ostria may loosen its arms embargo against Brandia, whose drones "
                "were used in a 2020 war.")

    def missing(published: str) -> float:
        return weigh(question, sentence, sentence, sentence_cosine=0.8, passage_cosine=0.8,
                     lexical=1.0, rarity={"lift": 0.5, "embargo": 0.8, "brandia": 0.9},
                     unknown=0.0, published=published).features["type_missing"]

    assert missing("2023-07-21") == 1.0  # 2020 is gone by in a 2023 article
    assert missing("2019-05-01") == 0.0  # in a 2019 article, 2020 is still to come
    # a time said to be gone by, whatever the date; and "When does Orla expect to…?" asks ahead
    for asked in ("When will Orla's version of the show go on air?",
                  "When does Orla expect to show its version?"):
        assert _values(asked, "The original show was pulled from Zeta last year.", "", None,
                       None, None) == []
        assert [v for _, v in _values(asked, "It will air in the spring of next year.", "",
                                      None, None, None)] == ["next year"]


def _weighed(question: str, sentence: str, rarity: dict[str, float],
             article: set[str] | None = None) -> dict[str, float]:
    return dict(weigh(question, sentence, sentence, sentence_cosine=0.8, passage_cosine=0.8,
                      lexical=1.0, rarity=rarity, unknown=0.0, article=article).features)


def test_words_that_frame_the_article_are_not_asked_of_its_sentence() -> None:
    article = article_words("Ostria joins the Brandian mission\nBy the Orla Press. Ann Lee, "
                            "Ostria's foreign minister, said Ostria would send two experts.")

    def unframed_words(question: str) -> tuple[str, set[str]]:
        rest, rarity = unframed(question, dict.fromkeys(terms(question), 0.5), article)
        return rest, set(rarity)

    framed = ("What post does Ann Lee hold, according to the July 2023 Orla Press report on "
              "the Brandian mission?")
    assert unframed_words(framed) == ("What post does Ann Lee hold?",
                                      {"post", "ann", "lee", "hold"})
    assert unframed_words("According to the sub-heading of the October 2020 report, what does "
                          "Ostria call for?") == ("What does Ostria call for?", {"ostria", "call"})
    # a name the article does not hold is no frame of it, nor a report the question asks about
    # nor a frame mid-question, one before no question word, a titled "Report", or a report
    # on what the article does not tell of
    for question in ("By how much did incomes fall, according to the Varn Institute report?",
                     "What did the Orla Press report say?", "What is in the report?",
                     "According to the report, who won?",
                     "According to the report, Ostria sent how many experts?",
                     "Who, according to the report on Ostria, Brandia and Velmora, sent experts?",
                     "What, according to the Orla Press report, did Ann Lee say?",
                     "Which country topped the list, in the Kessel Happiness Report?",
                     "How many people died, according to the story on the Velmora floods?"):
        assert unframed_words(question) == (question, set(terms(question)))
    # the sentence is weighed on the question the frame leaves; the article still on the whole
    sentence = "Ostria's foreign minister Ann Lee said Ostria would send two experts."
    rarity = dict.fromkeys(terms(framed), 0.5)
    bare = _weighed("What post does Ann Lee hold?", sentence,
                    dict.fromkeys(terms("What post does Ann Lee hold?"), 0.5), article)
    weighed = _weighed(framed, sentence, rarity, article)
    assert weighed["sentence_coverage"] == bare["sentence_coverage"] > _weighed(
        framed, sentence, rarity, None)["sentence_coverage"]
    assert weighed["names_missing"] == 0.0
    assert _weighed(framed.replace("Orla Press", "Varn Agency"), sentence, rarity, article)[
        "names_missing_article"] > 0.0


def test_a_pronoun_that_opens_the_sentence_takes_its_name_from_the_one_before() -> None:
    question = "According to Ann Lee's report, whose influence is waning?"
    rarity = dict.fromkeys(terms(question), 0.5)
    sentence = "It noted that Brandia's influence is waning."

    def missing(passage: str) -> float:
        return dict(weigh(question, sentence, passage, sentence_cosine=0.8, passage_cosine=0.8,
                          lexical=1.0, rarity=rarity, unknown=0.0).features)["names_missing"]

    assert missing(f"Ann Lee wrote the report in May. {sentence}") == 0.0
    # a name two sentences back, or a sentence that names its own subject, takes nothing
    assert missing(f"Ann Lee wrote the report. Ostria agreed. {sentence}") > 0.0
    # a pronoun that says nothing stands for no one named ("It emerged that…")
    emerged = "It emerged that Brandia's influence is waning."
    assert dict(weigh(question, emerged, f"Ann Lee wrote the report. {emerged}",
                      sentence_cosine=0.8, passage_cosine=0.8, lexical=1.0, rarity=rarity,
                      unknown=0.0).features)["names_missing"] > 0.0
    own = sentence.replace("It", "Ostria")
    assert dict(weigh(question, own, f"Ann Lee wrote the report. {own}", sentence_cosine=0.8,
                      passage_cosine=0.8, lexical=1.0, rarity=rarity, unknown=0.0).features)[
        "names_missing"] > 0.0
    # any verb the pronoun does, not only a verb of saying: "It opens in Velmora on 19 May"
    asked = "On what date does Orla Dawn open in Velmora?"
    opens = "It opens in Velmora on 19 May."
    for passage, named in ((f"Orla Dawn is the last film of the series. {opens}", True),
                           (f"The series has six films. {opens}", False),
                           ("Orla Dawn is the last film. It is thought it opens in May.", False)):
        said = passage.split(". ", 1)[1]
        assert (dict(weigh(asked, said, passage, sentence_cosine=0.8, passage_cosine=0.8,
                           lexical=1.0, rarity=dict.fromkeys(terms(asked), 0.5),
                           unknown=0.0).features)["names_missing"] == 0.0) is named


def test_a_figure_said_of_the_other_way_answers_no_question_about_one_way() -> None:
    def values(question: str, sentence: str) -> list[str]:
        return [v for _, v in against(question, sentence, answer_values(question, sentence))]

    shrink = "By how much did Ostria's economy shrink in 2003?"
    assert values(shrink, "Ostria's economy grew 1.6% last year after shrinking in 2003.") == []
    assert values(shrink, "Ostria's economy shrank 0.2% in 2003.") == ["0.2%"]
    assert values("By how much did Zeta's sales rise?",
                  "Zeta's sales fell 3% while Orla's rose 5%.") == ["5%"]
    assert values("How big was Ostria's trade surplus in 2003?",
                  "Ostria's trade deficit with Brandia was $124bn in 2003.") == []
    assert values("How many Brandians has Ostria said it will take in?",  # asks no way
                  "Ostria has said it is prepared to take in up to 40,000 Brandians.") \
        == ["40,000"]
    assert values("How many jobs were lost at Zeta?",  # "lost" says a way, asks for none
                  "Job losses at Zeta rose to 5,000.") == ["5,000"]
    assert values("How many people died when the ferry sank?",  # another clause's verb
                  "The death toll from the ferry disaster rose to 300.") == ["300"]
    assert values("How many people attended the rally?", "Attendance dropped to 3,000.") \
        == ["3,000"]
    assert values("How many people fell ill?", "Cases rose to 200.") == ["200"]
    assert values("How much did Zeta shares rise?",  # "up 3% to" is not "up to"
                  "The rate cut sent Zeta shares up 3% to a record.") == ["3%"]
    assert values("How much did Zeta's revenue grow?",  # "contract" is a noun here
                  "Revenue from its Navy contract reached $5bn, up from $3bn.") \
        == ["$5bn", "$3bn"]
    assert values("How much did Brent fall this week?", "Brent has given up 5% this week.") \
        == ["5%"]
    assert values("How much did the stadium contract add to costs?",  # "contract": a noun
                  "The stadium contract added £5m to costs.") == ["£5m"]
    assert values("What was the growth rate of Orla's sales?", "Orla said sales fell 3%.") \
        == ["3%"]  # "growth" asks no way
    rarity = {"shrink": 0.6, "ostria": 0.8, "economy": 0.5}
    assert _weighed(shrink, "Ostria's economy grew 1.6% last year after shrinking in 2003.",
                    rarity)["type_missing"] == 1.0
    fall = "How much did Zeta forecast house prices would fall?"
    assert values(fall, "House prices are 3% lower than a year ago.") == ["3%"]
    assert values("By how much did Ostria's economy shrink?",  # a verb no list holds
                  "Ostria's economy contracted by 0.4% in the third quarter.") == ["0.4%"]
    assert values("By how much did Zeta shares fall?", "Zeta shares plummeted 40%.") == ["40%"]


def test_money_bid_offered_or_fined_is_not_what_was_paid() -> None:
    def values(question: str, sentence: str) -> list[str]:
        return [v for _, v in unpaid(question, sentence, answer_values(question, sentence))]

    pay = "How much did Zeta pay for its stake in Orla?"
    assert values(pay, "Bo Park launched a £1.5m ($2.8m) bid for the club.") == []
    assert values(pay, "Ostria slapped a price tag of £40m on Orla.") == []
    assert values(pay, "Zeta was fined £80,000 by the league.") == []
    assert values(pay, "Zeta paid £1.5m ($2.8m) for the stake.") == ["£1.5m", "$2.8m"]
    assert values(pay, "In the end Zeta paid the £5m it had bid.") == ["£5m"]
    assert values("How much did Zeta bid for Orla?",  # asks for the bid itself
                  "Zeta launched a £1.5m bid for Orla.") == ["£1.5m"]
    assert values("How much is Zeta's stake worth?", "Zeta's stake is valued at £3m.") \
        == ["£3m"]
    cost = "How much does Zeta's eight megabit service cost a month?"  # a price tag: its cost
    assert values(cost, "The service comes with a £39.99 monthly price tag.") == ["£39.99"]
    assert values(cost, "Zeta was fined £80,000 for the service.") == []


def test_a_name_the_sentence_calls_by_its_initials_is_held() -> None:
    question = "In which year was the Orla Benefit Guaranty Corporation founded?"
    rarity = {"orla": 0.9, "benefit": 0.7, "guaranty": 0.9, "corporation": 0.5, "founded": 0.6}
    assert shortened(question, "The OBGC was founded in 1974.") \
        == {"orla", "benef", "guara", "corpo"}
    assert shortened(question, "The fund was founded in 1974.") == set()
    assert _weighed(question, "The OBGC was founded in 1974.", rarity)["sentence_coverage"] == 1.0
    assert shortened("Who runs the Orla Benefit Fund?", "Zeta runs OB.") == set()  # 2 letters
    assert shortened("Who heads the Federal Bureau of Investigation?", "The FBI said so.") \
        == {"feder", "burea", "inves"}


def test_a_verb_said_in_another_form_holds_the_questions_word_for_the_cosine_floor() -> None:
    question = "Who wrote the letter to Ann Lee?"
    sentence = "According to a letter to Ann Lee penned by Ola Obi, the attack killed hundreds."
    rarity = {"wrote": 0.7, "letter": 0.6, "ann": 0.8, "lee": 0.5}
    features = _weighed(question, sentence, rarity)
    assert features["words_held"] > features["sentence_coverage"]
    assert _weighed(question, "The letter to Bo Park was long.", rarity)["words_held"] \
        == _weighed(question, "The letter to Bo Park was long.", rarity)["sentence_coverage"]
    # a surname holds its person's first name ("Lee" for "Ann Lee"), as "penned" holds "wrote"
    by_surname = _weighed(question, "Ola Obi wrote the letter to Lee.", rarity)
    assert by_surname["words_held"] == 1.0 > by_surname["sentence_coverage"]
    assert "words_held" in FEATURES and FEATURE_WEIGHTS["words_held"] == 0.0
    low = {**features, "sentence_cosine": 0.2, "passage_cosine": 0.2}
    assert features["sentence_coverage"] < WORDS_HELD <= features["words_held"]
    assert not gated(low)  # under the cosine floor, yet the verb said as "penned" holds it
    assert gated({**low, "words_held": low["sentence_coverage"]})


def test_the_word_that_asks_how_many_is_not_asked_of_the_sentence_for_the_cosine_floor(
        ) -> None:
    question = "How many monitors does the Orla mission have?"
    rarity = {"many": 0.6, "monitors": 0.8, "orla": 0.9, "mission": 0.4}
    sentence = "The Orla mission is a project involving a hundred civilian monitors."
    assert _weighed(question, sentence, rarity)["words_held"] == 1.0
    assert _weighed(question, sentence, rarity)["sentence_coverage"] < 1.0  # weighed as fitted
    assert _weighed("Which monitors does the Orla mission have many of?", sentence,
                    rarity)["words_held"] < 1.0  # "many" said, not asking
    assert _weighed("How fast is the Orla train?", "The Orla train has 400 seats.",
                    {"fast": 0.6, "orla": 0.9, "train": 0.5})["words_held"] < 1.0


def test_a_country_answers_no_question_asking_for_a_city() -> None:
    question = "In which city did Ostria open an embassy?"
    values = [(0, "Velmora"), (20, "Brandt.")]

    def kept(asked: str, found: list[tuple[int, str]], words: set[str]) -> list[str]:
        return [v for _, v in countries_left_out(asked, found, lambda: words)]

    assert kept(question, values, {"velmoran"}) == ["Brandt."]
    assert kept(question, values, set()) == ["Velmora", "Brandt."]  # no sign of a country
    assert kept(question, [(0, "Ireland")], set()) == []
    assert kept(question, [(0, "Nagano")], {"nagan"}) == ["Nagano"]  # a stem, no demonym
    for city, adjective in (("Paris", "parisian"), ("Rome", "roman"), ("Vienna", "viennese"),
                            ("Singapore", "singaporean"), ("Baghdad", "baghdadi")):
        assert kept(question, [(0, city)], {adjective}) == [city]  # cities have adjectives
    assert kept("In which country did Ostria open an embassy?", values, {"velmoran"}) \
        == ["Velmora", "Brandt."]
    sentence = "Ostria aims to open a full embassy in Velmora this fall."
    assert _weighed(question, sentence, {"ostria": 0.8, "embassy": 0.7},
                    article=article_words(f"{sentence} Velmoran leaders met."))[
        "type_missing"] == 1.0


def test_the_verb_after_due_to_is_asked_however_long_the_subject() -> None:
    question = "When is Ostria's new ambassador Ann Lee due to arrive in Velmora?"
    assert predicate_missing(question, "This month, Ostria opened an embassy in Velmora, "
                                       "naming Ann Lee as ambassador.")
    assert not predicate_missing(question, "Ann Lee will arrive in Velmora in May.")
    assert not predicate_missing(  # "sign" is the relative clause's verb, "born" the question's
        "When was the Orla striker who is expected to sign for Zeta born?",
        "Ann Lee was born in 1999.")


def test_what_a_name_said_is_not_answered_by_another_speakers_words() -> None:
    question = "What did Ostria say about the export ban?"
    assert names_conflict(question, 'In line with our rules, I have suspended the permits to '
                                    'Ostria," Bo Park said.')
    assert not names_conflict(question, '"The ban is unfair," said Bo Park, Ostria\'s minister.')
    assert not names_conflict(question, '"The ban is unfair," Ostria said on Monday.')
    assert not names_conflict(question, '"It stays," police said.')  # no one's name
    assert not names_conflict(question, "Officials said Ostria would keep the ban.")
    opens = ("Velmoran minister Bo Park on Monday announced that he had halted the permits to "
             "Ostria.")  # the subject that opens the sentence, saying that
    assert names_conflict(question, opens)
    assert not names_conflict("What did Velmora say about the ban?", opens)
    assert not names_conflict(question, "Ostria must act, he said.")  # the topic, no speaker
    assert not names_conflict("What did Ostria tell Bo Park?",  # a passive
                              "Bo Park was told by Ostria that his visa was refused.")
    assert not names_conflict("What did the President say?", '"It goes well," Mr Bush said.')
    assert not names_conflict("What did Ann Lee say in April?", '"We are with them," she said.')
    assert not names_conflict("What did Lee say?", '"We are with them," said Ann Lee, a minister.')
    assert not names_conflict("What did Ann Lee say Ostria had become?",  # no name skipped
                              "In a speech on the re-election of Bo Park, Ms Lee said Ostria "
                              "had become a crucible.")
    assert words_unsaid("What did Ostria say about the embassy?",  # no one's words at all
                        "The move comes months before Velmora opens an embassy in Ostria.")
    for said in ("Ostria welcomed the embassy.", "The report found that the embassy was small.",
                 "Ostria called the embassy a provocation."):
        assert not words_unsaid("What did Ostria say about the embassy?", said)
    assert not words_unsaid("When did Ostria open the embassy?", "Ostria opened it in May.")
    start = time.perf_counter()
    names_conflict(question, '" Aa ' * 3000)
    assert time.perf_counter() - start < 0.5  # a quote's mark anchors each speaker


def test_who_plays_a_part_or_a_side_is_said_with_the_verb_or_a_cast_list() -> None:
    question = "Who will play Ann Lee in the film Orla?"
    assert predicate_missing(question, "The film is called Orla, after a book by Ann Lee's "
                                       "widow Deborah.")
    assert not predicate_missing(question, "Bo Park has been cast as Ann Lee.")
    assert not predicate_missing("Who played Buck in the series?",
                                 "The set has the first season of Buck (Bo Park) and Wilma.")
    assert not predicate_missing("Who will Zeta play in the final?",  # a side: any verb
                                 "Zeta lost to Orla in the final in May.")
    assert not predicate_missing("Which club does Ann Lee play for?", "Orla striker Ann Lee.")
    assert not predicate_missing("What role did Ostria play in the talks?",
                                 "Ostria brokered the talks.")
    assert not predicate_missing("Who manufactures the Zeta phone?", "Orla's Zeta phone sold.")
    assert predicate_missing("Who manufactured the drones Ostria used?",  # a maker unnamed
                             "Brandt barred Ostria from receiving weapons after Velmoran sensors "
                             "showed up in drones Ostria used in 2020.")
    assert not predicate_missing("Who manufactured the drones Ostria used?",
                                 "The drones were made by Zeta Aerospace.")


def test_a_population_said_of_another_place_is_not_the_one_asked() -> None:
    def missing(question: str, sentence: str) -> bool:
        return measure_missing(question, sentence, answer_values(question, sentence))

    offensive = "Ostria launched an offensive on the 120,000 residents of Velmora last week."
    assert missing("What is the population of Ostria?", offensive)
    assert not missing("What is the population of Velmora?", offensive)
    assert not missing("What is the population of Velmora?", "The population of Velmora is "
                                                             "300,000.")
    assert missing("What is the population of Ostria?", "The population of Velmora is 300,000.")
    assert missing("What is the population of Ostria?", "Velmora's population of 300,000 grew.")
    assert not missing("What is the population of Velmora?", "Home to 300,000 people, Velmora "
                                                             "is the capital.")
    assert not missing("What is the population of Velmora?",  # "in" is no owner
                       "Velmora is home to some 10 million people in Ostria and Brandia.")
    assert not missing("how many people live in velmora?",  # any case
                       "The 10 million people of Velmora voted.")
    assert not missing("What is the capacity of the Velmora Stadium?",
                       "The Velmora Stadium can hold 74,500 people in Brandt.")
    hyphens = "The population of " + "-".join("ABCDEFGHIJKLMNOPQRSTUVWXYZ") + " a b c d 300,000."
    start = time.perf_counter()
    missing("What is the population of Ostria?", hyphens)
    assert time.perf_counter() - start < 0.5  # linear, whatever the hyphens


def test_a_figure_said_of_another_year_or_quarter_answers_no_question_about_one() -> None:
    def values(question: str, sentence: str, year: int | None = None) -> list[str]:
        return [v for _, v in at_another_time(question, sentence,
                                              answer_values(question, sentence), year)]

    forecast = ("Zeta forecast an 8% fall in prices in 2005, followed by further declines in "
                "2006 and 2007.")
    assert values("How much did Zeta forecast prices would fall in 2006?", forecast) == []
    assert values("How much did Zeta forecast prices would fall?", forecast, 2006) == []
    assert values("How much did Zeta forecast prices would fall in 2005?", forecast) == ["8%"]
    assert values("How much did sales rise in 2004?", "Sales rose 5% in 2003 and 7% in 2004.") \
        == ["7%"]
    assert values("How much did sales rise in 2004?", "Sales rose 5%.") == ["5%"]  # no time
    assert values("By how much did Ostria's economy shrink in 2003?",  # 8 words on
                  "The economy contracted by 0.2% during the last three months of 2004.") == []
    assert values("How many jobs did Zeta cut in 2004?",  # "since": compared, not its time
                  "Zeta cut 300 jobs in 2004, the worst cuts since 1998.") == ["300"]
    assert values("What growth rate does Ann Lee forecast in the fourth quarter?",
                  "It marked an increase on the 3.3% growth recorded in the second quarter.") \
        == []
    assert values("How many people died in the 2020 war?",
                  "More than 6,700 people died in the 2020 war.") == ["6,700"]
    assert values("How much did Zeta earn in 2004/05?",  # a financial year: either year
                  "Zeta earned £30m in the year to February 2005.") == ["£30m"]
    assert values("How many cars did Zeta sell in 2004?",  # when it was said, not of when
                  "Zeta said on 20 January 2005 it sold 7.5 million cars last year.") \
        == ["7.5 million"]
    assert values("How much did the Velmora 2012 bid cost?",  # a year in a name
                  "The bid will cost £30m by the end of 2004.") == ["£30m"]
    assert values("How high was the index in February?",  # another month
                  "The index eased to 52.7 in December from 57.6 in November.") == []
    assert values("How many cars did Zeta sell in February?",
                  "Zeta sold 5,000 cars in February, up from 4,000 in January.") == ["5,000"]
    assert values("How many cars did Zeta sell in May?",  # "may" is left out: a verb too
                  "Zeta sold 5,000 cars in April.") == ["5,000"]


def test_a_figure_another_name_owns_answers_no_question_about_the_askeds() -> None:
    def values(question: str, sentence: str) -> list[str]:
        return [v for _, v in owned_by_another(question, sentence,
                                               answer_values(question, sentence))]

    question = "What was Orla TV's share of the television audience?"
    assert slot(question) == "percent"
    assert slot("What was each winner's share of the jackpot?") == "money"
    assert slot("What was Zeta's share price?") == "money"
    assert values(question, "Orla TV and Zeta TV both lost viewers, while Brandt's proportion "
                            "remained the same at a slender 6.3%.") == []
    assert values(question, "Lifted by a hit show, Brandt 4's January audience share rose 12%.") \
        == []
    assert values(question, "Orla TV's audience share rose to 22.1%.") == ["22.1%"]
    assert values(question, "The audience share rose to 22.1%.") == ["22.1%"]  # no owner said
    assert values(question, "Saturday's audience share for Orla TV was 22%.") == ["22%"]  # a day
    assert values("What was orla tv's share of the audience?",  # any case, the name's start
                  "Orla's audience share was 6.3%.") == ["6.3%"]
    # a name whose relative clause has the figure owns it
    question = "How many awards did Dark Harbour win?"
    assert values(question, "It is up against Orla Nights, which has won 11 awards.") == []
    assert values(question, "Dark Harbour, which has won 11 awards, leads.") == ["11"]
    assert values("How many awards did the film win?",  # no name asked: it may be the film
                  "The Orla Nights, which has won 11 awards, leads.") == ["11"]


def test_a_name_another_land_describes_answers_no_which_question_about_one_land() -> None:
    def values(question: str, sentence: str) -> list[str]:
        return [v for _, v in other_lands(question, sentence, answer_values(question, sentence))]

    question = "Which Brandian club did Ann Lee play for before joining Orla?"
    assert values(question, "Lee has been linked with Spanish trio Real Zeta, Velmora and "
                            "Brandt.") == []
    assert values(question, "Lee joined from Brandian side Zeta City in 2001.") == ["Zeta City"]
    assert values("Which Spanish club did Ann Lee join?", "Lee joined Spanish side Zeta.") \
        == ["Zeta."]
    assert values(question, 'Lee said: "There is nothing I have not seen in Brandian derbies.') \
        == []  # a quote's first word is no name, nor a people's adjective
    assert values("Which Italian club did Ann Lee join?",  # the adjective is the striker's
                  "The English striker joined Juventus in May.") == ["Juventus"]
    assert values("Which English club did Ann Lee join?", "Hamish joined Chelsea.") \
        == ["Chelsea."]  # a first name is no adjective
    assert [v for _, v in answer_values("Who criticised the plan?",  # a quote closes before
                                        '"The plan is deeply flawed," Bo Park said.')] \
        == ["Bo Park"]


def test_a_figure_the_question_gives_or_no_length_for_how_far_answers_nothing() -> None:
    def values(question: str, sentence: str) -> list[str]:
        found = answer_values(question, sentence)
        return [v for _, v in far(question, sentence, given(question, found))]

    assert values("How many fans watched, before the crowd fell to 12,000?",
                  "The crowd fell to 12,000 in March.") == []
    assert values("How many fans watched, before the crowd fell to 12,000?",
                  "Some 15,500 fans watched, before the crowd fell to 12,000.") == ["15,500"]
    assert values("In which month of 2002 did Zeta lose its case?",  # not the 2002 given
                  "Zeta lost its case in October 2002.") == ["October"]
    assert given("In which month of 2002 did Zeta lose its case?",
                 [(0, "October 2002"), (13, "2002")]) == [(0, "October 2002")]
    far_out = "How far out was Ann Lee's winning penalty?"
    assert values(far_out, "Ann Lee missed three shots before a penalty with four minutes "
                           "left.") == []
    assert values("How far did Ann Lee jump?", "Ann Lee landed 17.30m in Sheffield.") \
        == ["17.30m"]
    assert values("How far did Zeta shares drop?", "Zeta shares dropped almost 23%.") \
        == ["23%"]
    assert values("How far behind Orla are Zeta?", "Zeta trail Orla by 5 points.") == ["5"]
    assert values("How much did the 3 firms pay?", "The three firms paid £3m.") == ["£3m"]


def test_which_after_a_capitalised_preposition_asks_for_its_noun() -> None:
    # "For which constituency…?" asks for a constituency as "Which constituency…?" does
    assert asked_kind("For which constituency does Ann Lee hope to remain MP?") == "constituency"
    assert asked_kind("At which club does Ann Lee play?") == "club"
    assert asked_kind("In which city was Ann Lee born?") == "city"
    assert asked_kind("Which constituency does Ann Lee represent?") == "constituency"


def test_an_age_said_as_at_a_number_after_the_asked_name() -> None:
    # "became an MP at 27" is Hague's age then; another's, an initialism ("an MP") or a price
    # is not
    question = "At what age did William Hague become an MP?"
    assert [v for _, v in answer_values(question, "Mr Hague became an MP at 27 and Leader of "
                                        "the Opposition at 36.")] == ["27", "36"]
    assert answer_values(question, "Mr Blair became an MP at 30.") == []
    assert answer_values("How old is Ann Lee?", "Orla shares closed at 27, down 3.") == []
    assert [v for _, v in answer_values("How old is Ann Lee?", "Ann Lee, 54, said so.")] == ["54"]


def test_he_opening_the_answer_is_the_person_named_just_before() -> None:
    # "He delivered the lecture in Kirkcaldy, Fife.": he is the man named before, not a place
    # of the sentence
    passage = ("US Federal Reserve chairman Alan Greenspan was in Scotland on Sunday. He "
               "delivered the 14th Adam Smith Lecture in Kirkcaldy, Fife.")
    previous = answered_turn("Who delivered the 14th Adam Smith Lecture in Kirkcaldy?", passage,
                         "He delivered the 14th Adam Smith Lecture in Kirkcaldy, Fife.")
    assert rewrite_follow_up("What did he receive from the Queen in 2002?", previous) == (
        "What did Alan Greenspan receive from the Queen in 2002?")
    # "I've" in a quote is no one's name
    passage = ("Tama Umaga led the side. He told BBC Sport: \"It's potentially the most "
               "fearsome line-up I've ever come up against.")
    previous = answered_turn("Which captain called the Lions the most fearsome line-up?", passage,
                         passage[passage.index("He told"):])
    assert rewrite_follow_up("What else did he call the Lions?", previous) == (
        "What else did Tama Umaga call the Lions?")


def test_a_person_is_not_a_venue_a_race_or_a_participle() -> None:
    asked = "which bbc correspondent said gordon brown would draw lines?"
    assert person("Analysing Mr Brown's position, BBC correspondent James Hardy said Mr Brown "
                  "would draw lines.", asked=asked) == "James Hardy"
    assert person("Orla suspended two-time London Marathon runner-up Ada Obi.") == "Ada Obi"
    assert person("At the Prince Edward Theatre, Laura Michelle Kelly plays the nanny.") == (
        "Laura Michelle Kelly")
    assert person("The side toured New Zealand with Bo Park.") == "Bo Park"
    assert person("Orla boss Ann Lee told Bo Park.") == "Ann Lee"  # a verb after: still hers


def test_she_after_which_company_does_something_to_her_is_her() -> None:
    # "Which company manages Ada Obi?": a company, so "she" is Ada Obi; but "Which union
    # leader…?" asks for a person
    passage = "Orla Athletics has suspended runner Ada Obi. Velmora Sports manages her."
    previous = answered_turn("Which company manages Kenyan runner Ada Obi?", passage,
                         "Orla Athletics has suspended runner Ada Obi.")
    assert rewrite_follow_up("Which race had she wanted to run?", previous) == (
        "Which race had Ada Obi wanted to run?")


def test_an_ellipsis_swaps_a_month_a_party_or_a_person_of_the_same_kind() -> None:
    # a month alone swaps the month the question names (not a name: "December retail sales")
    assert _follow_up("By how much did Orla's sales fall in January?", "What about December?") \
        == "By how much did Orla's sales fall in December?"
    assert _follow_up("Who did Ann Lee meet?", "And May?") != "Who did Ann Lee meet in May?"
    # a role the question names ("MPs") is not the name swapped
    assert _follow_up("How many MPs did Labour win in 1974?", "And the Liberals?") \
        == "How many MPs did the Liberals win in 1974?"
    assert _follow_up("How much does Ann Lee earn on top of her MPs' salary?", "And Bo Park?") \
        .startswith("How much does Bo Park earn on top of her MP")


def test_an_ellipsis_that_keeps_the_owner_swaps_what_it_owns_or_where_it_names() -> None:
    # "its … with the EU": the owner's thing the fragment says, with what it says after it
    assert _follow_up("What was Velmora's trade deficit with Ostria in May?",
                      "And its deficit with the EU?") \
        == "What was Velmora's deficit with the EU in May?"
    assert _follow_up("What was Velmora's trade surplus with Ostria in 2004?",
                      "And its deficit with the EU?") \
        == "What was Velmora's deficit with the EU in 2004?"  # not its surplus
    assert _follow_up("What was Velmora's deficit with Ostria in May?",
                      "And its deficit with the EU in June?") \
        == "What was Velmora's deficit with the EU in June?"  # its own time, once
    assert _follow_up("What is Ann Lee's salary at Orla?", "What about her pension at Zeta?") \
        == "What is Ann Lee's pension at Zeta?"
    assert _follow_up("What was Orla's profit in 2004?", "And its revenue in 2003?") \
        == "What was Orla's revenue in 2003?"  # (was "…profit its revenue in 2003?")
    assert _follow_up("What was Orla's profit in 2004?", "And its revenue?") \
        == "What was Orla's revenue in 2004?"
    assert _follow_up("How much did Orla pay to the Ostria Trust?",
                      "And its payment to Brandia Bank?") \
        == "How much did Orla pay to Brandia Bank?"
    # a name the question has already: the owner's other thing, not that name's
    assert _follow_up("What was the UK's trade deficit with the EU in November?",
                      "And its non-EU shortfall?") \
        == "What was the UK's non-EU shortfall in November?"
    assert _follow_up("What did Ann Lee say?", "And Bo Park?") == "What did Bo Park say?"
    # the same owned thing in a place the question did not name: that place is added, the
    # owner stays (was "Did New York's shares rise on Monday?")
    assert _follow_up("Did Orla's shares rise on Monday?", "And its shares in New York?") \
        == "Did Orla's shares rise on Monday in New York?"
    assert _follow_up("How much did Orla's shares rise in London?",
                      "And its shares in New York?") \
        == "How much did Orla's shares rise in New York?"  # the place named is swapped
    assert _follow_up("What did Ann Lee say about her time at Orla?", "And her time with Zeta?") \
        == "What did Ann Lee say about her time with Zeta?"  # its place, another preposition
    assert _follow_up("Why did Orla close its factory near Leeds?",
                      "And its factory in Velmora?") \
        == "Why did Orla close its factory in Velmora?"
    assert _follow_up("Did Orla's shares rise on the London market?",
                      "And its shares in New York?") \
        == "Did Orla's shares rise on the New York market?"  # a name's place: swapped
    assert _follow_up("What did Ann Lee say about her time as Orla's coach?",
                      "And her time with Zeta?") \
        == "What did Ann Lee say about her time as Zeta's coach?"


def test_an_ellipsis_naming_a_bare_noun_asks_the_question_of_it() -> None:
    # the noun the question asks of ("What profit…", "Ostria's economy", "US exports") is
    # swapped, not "What about revenues for Orla?"
    assert _follow_up("What profit did Orla post in 2004?", "And revenues?") \
        == "What revenues did Orla post in 2004?"
    assert _follow_up("What net profit did Orla make in 2004?", "And its operating profit?") \
        == "What operating profit did Orla make in 2004?"
    assert _follow_up("How much did Ostria's economy grow in 2004?", "And its farm sector?") \
        == "How much did Ostria's farm sector grow in 2004?"
    assert _follow_up("By how much did US exports rise in 2004?", "And imports?") \
        == "By how much did US imports rise in 2004?"
    # a verb after a name is no noun to swap ("did the Orla Academy name…"), nor is "the …"
    assert "name revenues" not in (_follow_up("Whom did the Orla Academy name best actor?",
                                       "And best actress?") or "")
    assert _follow_up("How much will Orla members share in profits?", "And the average payout?") \
        != "How much will Orla the average payout share in profits?"


def test_a_definite_phrase_stands_whole_for_the_name_that_answered() -> None:
    # "the former keeper" after "Which former Orla keeper…?" is the keeper named, all of it
    # (not "Bo Park keeper"); "the two banks", likewise
    sentence = "But former Orla keeper Bo Park believes Lee has been harshly treated."
    previous = answered_turn("Which former Orla keeper believes Ann Lee has been harshly treated?",
                         sentence, sentence)
    assert rewrite_follow_up("Which newspaper did the former keeper tell?", previous) == (
        "Which newspaper did Bo Park tell?")
    # a word of the previous question that is no noun of the phrase stays ("has")
    sentence = "Ostria has sent 4,000 mercenaries to fight for Velmora."
    previous = answered_turn("Which country has Brandia accused of sending mercenaries?",
                         sentence, sentence)
    follow = rewrite_follow_up("Which side in the conflict has it backed?", previous) or ""
    assert " has " in follow and "conflict" in follow


def test_an_ellipsis_with_its_own_question_word_infinitive_or_named_thing() -> None:
    # "on which channel" takes the previous question's question word, not its "On"
    assert _follow_up("On which day does Orla TV's programme about Ann Lee air?",
               "And on which channel?") == (
        "On which channel does Orla TV's programme about Ann Lee air?")
    # an infinitive swaps the infinitive, not the "to" of "According to"
    assert _follow_up("What did Ann Lee call on Ostria to stop?", "And to offer?") == (
        "What did Ann Lee call on Ostria to offer?")
    assert not (_follow_up("According to the embassy, what could the talks have enabled?",
                    "And to achieve what?") or "").startswith("According to achieve")
    # a thing of a name, said whole, is asked of as it is
    assert _follow_up("On what date did Ostrians flee to Velm, according to the Orla Post?",
               "And the date of the Orla Party's letter?") == (
        "What was the date of the Orla Party's letter?")
    assert _follow_up("Who heads Orla's new games unit?",
                      "And the controller of Zeta's TV arm?") == (
        "Who is the controller of Zeta's TV arm?")


def test_a_time_ellipsis_swaps_a_year_range_or_the_current_year() -> None:
    # "for the current year" is a time, and "2005-6" one year range: the time swapped, not
    # "for Ostria"
    assert _follow_up("What growth did Ann Lee predict for Ostria in 2005-6?",
               "And for the current year?") == (
        "What growth did Ann Lee predict for Ostria for the current year?")
    assert _follow_up("How many foxes were killed in 2004?", "And in 2005?") == (
        "How many foxes were killed in 2005?")


def test_an_ellipsis_swaps_a_phrase_that_opens_or_ends_alike() -> None:
    # the same first words ("best …") or the same noun ("… race"): that phrase swapped, not
    # "What about best male for Orla?"
    assert _follow_up("Who won best female artist at the Orla Music Awards?", "And best male?") == (
        "Who won best male at the Orla Music Awards?")
    assert _follow_up("Which film won the Orla critics' best documentary award?",
               "And best foreign film?") == "Which film won the Orla critics' best foreign film?"
    # the whole phrase goes, not its first word after the shared one ("best album artist")
    assert _follow_up("Who won the Orla award for best new artist?", "And best album?") == (
        "Who won the Orla award for best album?")
    assert _follow_up("Who won the men's 9.2km race at the Velm Cross Country?",
               "And the women's race?") == "Who won the women's race at the Velm Cross Country?"
    # a phrase with a preposition, or a word after the shared one that is no noun, is not
    # swapped into the question ("award at" -> "award for outstanding…")
    follow = _follow_up("Who will receive a lifetime achievement award at the Orla awards?",
                 "And the award for outstanding direction?") or ""
    assert "direction the Orla" not in follow


def test_an_ellipsis_that_asks_anew_carries_where_its_topic_was_placed() -> None:
    # the previous question's words that place its topic, not ", for Orla"
    assert _follow_up("What was the attendance at Orla's 2-1 win over Zeta?",
               "And who was the referee?") == "Who was the referee at Orla's 2-1 win?"
    assert _follow_up("According to Orla's flash estimate, what was Ostrian growth in May?",
               "And what had been forecast?") == (
        "What had been forecast, according to Orla's flash estimate?")
    # "how many" and a new noun asks the previous question of that noun
    assert _follow_up("How many quarries does Orla run in Ostria?",
                      "And how many asphalt plants?") == (
        "How many asphalt plants does Orla run in Ostria?")
    assert _follow_up("How many votes were counted in the city?", "And how many seats?") == (
        "How many seats were counted in the city?")
    assert _follow_up("How many votes were counted in the city?", "And in how many countries?") == (
        "In how many countries were votes counted in the city?")


def test_a_year_ellipsis_keeps_the_preposition_and_the_noun_it_dates() -> None:
    assert _follow_up("Which country beat Ostria in the Orla Cup in 1999?", "What about 2002?") == (
        "Which country beat Ostria in the Orla Cup in 2002?")  # not "…Orla Cup 2002?"
    assert _follow_up("How many foxes were killed last year?", "And 2003?") == (
        "How many foxes were killed in 2003?")
    assert _follow_up("How long did the 2020 war last?", "And the 1994 war?") == (
        "How long did the 1994 war last?")  # not "the the 1994 war war"
    assert _follow_up("How many foxes were killed in 2004?", "And in 2005?") == (
        "How many foxes were killed in 2005?")


def test_follow_up_rules_keep_to_what_they_were_written_for() -> None:
    # a review's made-up cases, each once rewritten wrong by one of session 41's rules
    assert _follow_up("How much did the fire in Orla cost?", "And who was blamed?") \
        != "Who was blamed in Orla cost?"  # no verb carried over
    assert _follow_up("What did the report say about Orla?", "Why did the report say so?") \
        != "Why did the say about Orla so?"
    assert _follow_up("What did Ostria's president say?", "And later?") != (
        "What did Ostria's later say?")
    assert _follow_up("When did Ann Lee's husband die?", "And her mother?") \
        != "When did Ann Lee's her mother die?"
    assert _follow_up("What did Orla's chief executive say?", "And chairman?") == (
        "What did Orla's chairman say?")
    assert _follow_up("By how much did Ostria's trade deficit widen?", "And budget deficit?") == (
        "By how much did Ostria's budget deficit widen?")
    assert _follow_up("How many jobs were lost in Ostria?", "And the province of Orla?") \
        != "What was the province of Orla?"
    assert _follow_up("What did Orla say to the shareholders about plans to expand?",
               "And to investors?") != "What did Orla say to the shareholders about plans to " \
        "investors?"
    assert _follow_up("How many people were killed in Ostria?", "And how many people injured?") \
        != "How many people injured were killed in Ostria?"
    # "Who wrote it?" after a question about a work asks who wrote the work, not a clause
    previous = answered_turn("What is the name of Ann Lee's new album?", "Her new album is called "
                         "Blue Moon.", "Her new album is called Blue Moon.")
    assert "that" not in (rewrite_follow_up("Who wrote it?", previous) or "").split()
    # "He said Orla will sign Bo Park": he is Bo Park, whom the sentence names
    passage = "Ann Lee, the Orla chairwoman, spoke on Monday. He said Orla will sign Bo Park."
    previous = answered_turn("Who will Orla sign?", passage, "He said Orla will sign Bo Park.")
    assert rewrite_follow_up("How old is he?", previous) == "How old is Bo Park?"
    # names that end like a place or hold a title word are still names
    assert person("Ann Castle said the Orla deal was off.") == "Ann Castle"
    assert "Orla Lady Cup" in entities("Who won the Orla Lady Cup?")


def test_counts_and_ages_keep_to_their_own_figure() -> None:
    question = "How many tourists visited Ostria?"
    sentence = "The number of tourists grew as Orla opened 300 new hotels."
    assert count_noun_missing(question, sentence, answer_values(question, sentence))
    sentence = "A number of tourists were on the bus when 12 soldiers opened fire."
    assert count_noun_missing(question, sentence, answer_values(question, sentence))
    for sentence in ("Ann Lee's salary was set at 10,000 euros a month.",
                     "Ann Lee's approval rating stood at 3.5 points.", "Ann Lee arrived at 10.",
                     "Ann Lee's shares closed at 45."):
        assert answer_values("How old was Ann Lee?", sentence) == [], sentence


@pytest.mark.parametrize(("first", "said", "follow", "expected"), [
    # every definite noun is tried: "the name" says nothing, "the winger" says whom
    ("Which Orla winger was sent off after barging a linesman?",
     "Tomas Reyes, 20, barged linesman Bo Park in the second half.",
     "What is the name of the linesman the winger barged?",
     "What is the name of the linesman Tomas Reyes barged?"),
    ("Which Velmora striker gained an injunction against a singer?",
     "Striker Ann Lee has gained a court injunction against the singer.",
     "What is the name of the striker's record label?",
     "What is the name of Ann Lee's record label?"),
    # a role noun stands for the one person the previous question names
    ("Against which country was Dan Mercer injured?", "Striker Dan Mercer was hurt in Ostria.",
     "Which club is the striker on a season-long loan from?",
     "Which club is Dan Mercer on a season-long loan from?"),
])
def test_a_definite_noun_of_a_follow_up_is_said_by_name(first: str, said: str, follow: str,
                                                        expected: str) -> None:
    assert rewrite_follow_up(follow, _turn(first, said)) == expected


def test_a_role_noun_is_no_one_when_the_previous_question_names_two_people() -> None:
    rewritten = rewrite_follow_up("Which club is the striker on loan from?",
                                  _turn("Did Dan Mercer foul Tom Reyes?", "Mercer fouled Reyes."))
    assert rewritten is None or ("Dan Mercer" not in rewritten and "Tom Reyes" not in rewritten)


@pytest.mark.parametrize(("first", "follow", "expected"), [
    ("Which W5 journalist speaks with the boxer's children?", "What is her report called?",
     "What is the W5 journalist's report called?"),
    ("Who is the president of the Orla Television Council, which accused Zeta of sleaze?",
     "According to him, how young are the children Zeta's shows are aimed at?",
     "According to the president of the Orla Television Council, how young are the children "
     "Zeta's shows are aimed at?"),
])
def test_a_pronoun_after_an_unanswered_question_for_a_role_is_that_role(
        first: str, follow: str, expected: str) -> None:
    assert _follow_up(first, follow) == expected


@pytest.mark.parametrize(("first", "said", "follow", "wrong"), [
    # a role noun is not the one person named when that person has another role
    ("Why was Ostby United manager Carla Renz fined?", "Renz was fined 5,000 pounds.",
     "How long is the striker out injured?", "Carla Renz"),
    ("Why did Corvane sack Piet Larsen?", "Corvane sacked Larsen on Monday.",
     "What did the chairman say?", "Piet Larsen"),
    # "the band" is no award the previous answer names
    ("Which award did Jenna Solis win?", "Solis won best newcomer at the Brenford Music Awards.",
     "Who is the drummer in the band?", "Brenford"),
    # "he" after an unanswered question that names a person is that person, not the one asked
    ("Which player did Piet Larsen criticise?", None, "What did he say?", "the player"),
    # "she" is no spokesman
    ("Which Orla Council spokesman announced the cuts?", None, "What did she say?",
     "did the Orla Council spokesman say"),
])
def test_a_follow_up_is_not_put_on_the_wrong_person(first: str, said: str | None, follow: str,
                                                    wrong: str) -> None:
    assert wrong not in (rewrite_follow_up(follow, _turn(first, said)) or "")
