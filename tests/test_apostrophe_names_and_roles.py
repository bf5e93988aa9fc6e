"""A name with an apostrophe inside ("Dan O'Keefe") is named by a text that says it; a name
in quotes, or one whose apostrophe parts are short ("Hawai'i"), is looked up as before. Made-up
text, no corpus's names."""

from __future__ import annotations

import pytest

from qa.evidence import names_missing, weigh
from qa.vocab import stems


@pytest.mark.parametrize(("text", "missing"), [
    ("Irish actor Dan O'Keefe, who played the mayor of Velmora, has died.", 0.0),
    ("Irish actor Dan O’Keefe has died.", 0.0),  # a typographic apostrophe
    ("He played the mayor of Velmora in 1987.", 1.0),  # named by neither part
    ("Irish actor Dan Keeley has died.", 1.0),
])
def test_a_name_with_an_apostrophe_inside_is_named_by_a_text_that_says_it(
        text: str, missing: float) -> None:
    assert names_missing("Which mayor did Dan O'Keefe play?", stems(text)) == missing


@pytest.mark.parametrize(("question", "text", "missing"), [
    ("Who directed the film 'Velmora' in 2023?", "The film Velmora was directed by Ann Lee.",
     0.0),
    ("Who directed the film ‘Velmora’ in 2023?", "The film Velmora was directed by Ann Lee.",
     0.0),
    ("Who is the governor of Hawai'i?", "Ann Lee is the governor of Hawaii.", 0.0),
    ("Who is the governor of Hawai'i?", "I met Ann Lee, the governor.", 1.0),
    ("Who read from the Qur'an in Velmora?", "Bo Park read an address in Velmora.", 0.5),
    ("How much did Orla O'Neill's firm pay?", "Ms O'Neill's firm paid £2m.", 0.0),
])
def test_quotes_and_short_apostrophe_parts_do_not_lose_or_fake_a_name(
        question: str, text: str, missing: float) -> None:
    assert names_missing(question, stems(text)) == missing


def test_an_answer_naming_the_apostrophe_name_is_not_weighed_as_about_someone_else() -> None:
    question = "Which town's mayor did Dan O'Keefe play in 1987?"
    sentence = "Dan O'Keefe played the mayor of Velmora in 1987."
    evidence = weigh(question, sentence, f"Actor dies\n{sentence}", sentence_cosine=0.7,
                     passage_cosine=0.6, lexical=0.8, rarity={"mayor": 0.5, "keefe": 1.0},
                     unknown=0.0)
    assert evidence.features["names_missing"] == 0.0
    assert evidence.features["names_missing_article"] == 0.0
