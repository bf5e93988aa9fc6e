"""Sentences and token-bounded passages, with the model's own tokenizer."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from qa.articles import Article
from qa.encoder import Encoder
from qa.passages import ChunkSettings, split_article, split_sentences

ENCODER = Encoder()  # tokenizer only: torch is not loaded by these tests
SETTINGS = ChunkSettings.for_window(ENCODER.window)


def article(body: str, headline: str = "Headline") -> Article:
    return Article("a.txt", "a.txt", headline, None, None, body, "h")


def chunk(body: str, settings: ChunkSettings = SETTINGS) -> list:
    return split_article(article(body), settings, ENCODER.count_tokens, ENCODER.token_offsets)


def sentences(text: str) -> list[str]:
    return [text[a:b] for a, b in split_sentences(text)]


def test_sentences_keep_abbreviations_and_initials() -> None:
    text = ('The council met on Sept. 21 in New York. Mr. Rae spoke. "No action was taken," '
            "the statement said. J. Smith agreed! Was it 4.5 per cent? Yes.")
    assert sentences(text) == [
        "The council met on Sept. 21 in New York.", "Mr. Rae spoke.",
        '"No action was taken," the statement said.', "J. Smith agreed!",
        "Was it 4.5 per cent?", "Yes.",
    ]


@pytest.mark.parametrize("text", [
    "The site is Parker's. The firm agreed.",           # not the initial "s"
    "Sales fell at M&S. A spike followed.",
    "You like it or you don't. Simple as that.",
    'Prices rose. "[Oil prices] will weigh on growth."',  # a bracket inside the quote
    "Fans came for concerts etc. There was more.",      # abbreviations that end a sentence
    "It was hosted by Ant and Dec. She won.",
    "The answer is definitely no. Those people left.",
    "Shares of MCI Inc. Former staff sued.",
])
def test_a_full_stop_after_a_whole_word_ends_the_sentence(text: str) -> None:
    # Found by benchmarks/splitter.py on the bbc corpus: each was one glued sentence.
    assert len(sentences(text)) == 2, sentences(text)


def test_abbreviations_before_a_number_and_dotted_initials_do_not_end_it() -> None:
    assert sentences("He lives at No. 10 now. The vote is on Dec. 5 this year.") == [
        "He lives at No. 10 now.", "The vote is on Dec. 5 this year."]
    assert sentences("J.K. Rowling spoke. I.B.M. said so.") == [
        "J.K. Rowling spoke.", "I.B.M. said so."]


def test_sentence_never_crosses_a_blank_line() -> None:
    assert sentences("International community calls for peace\n\nThe UN urged calm.") == [
        "International community calls for peace", "The UN urged calm."]


def test_budget_fits_the_window() -> None:
    assert SETTINGS.max_tokens + SETTINGS.headline_tokens + 2 <= ENCODER.window


def test_passages_are_whole_sentences_and_keep_paragraphs() -> None:
    paras = [" ".join(f"Paragraph {p} sentence {s} says something about topic {p}."
                      for s in range(6)) for p in range(1, 6)]
    body = "\n\n".join(paras)
    passages = chunk(body)
    assert len(passages) > 1
    for p in passages:
        assert body[p.start:p.end] == p.text
        assert p.text.endswith(".")
        assert p.text.startswith("Paragraph")
        assert p.text.startswith(f"Paragraph {p.paragraph} ")


def test_overlong_sentence_is_cut_within_budget() -> None:
    body = "word " * 2000 + "end."
    passages = chunk(body.strip())
    assert len(passages) > 5
    assert max(ENCODER.count_tokens([p.text for p in passages])) <= SETTINGS.max_tokens


def test_two_megabytes_without_newline_is_chunked() -> None:
    body = ("abcdefghij" * 200 + " ") * 1000  # ~2 MB, no sentence ends, no newline
    passages = chunk(body.strip(), ChunkSettings(128, 222, 32))
    assert passages and max(ENCODER.count_tokens([p.text for p in passages])) <= 222


words = st.text(alphabet=st.characters(codec="utf-8", categories=["L", "N"]), min_size=1,
                max_size=12)
sentence = st.lists(words, min_size=1, max_size=40).map(lambda ws: " ".join(ws) + ".")
paragraph = st.lists(sentence, min_size=1, max_size=8).map(" ".join)
bodies = st.lists(paragraph, min_size=1, max_size=6).map("\n\n".join)


@settings(max_examples=60, deadline=None)
@given(bodies)
def test_passages_cover_the_body_in_order(body: str) -> None:
    passages = chunk(body)
    assert passages == chunk(body)  # deterministic
    pos = 0
    for p in passages:
        assert body[p.start:p.end] == p.text
        assert p.start >= pos
        assert body[pos:p.start].strip() == ""  # nothing but whitespace is skipped
        pos = p.end
    assert body[pos:].strip() == ""
    assert max(ENCODER.count_tokens([p.text for p in passages])) <= SETTINGS.max_tokens


# The whole path a file takes: any text, cleaned, then chunked.
_token = st.one_of(
    st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), min_size=1,
            max_size=15),
    st.text(alphabet="abcdefghij", min_size=101, max_size=300),  # longer than WordPiece words
    st.sampled_from(["Mr.", "U.S.", "4.5", "e.g.", "?!", "…", "\u201cQuote.\u201d", "\n",
                     "\n\n", "(Reuters)", "Sept.", "A.", "—"]),
)
_raw = st.one_of(
    st.lists(_token, max_size=400).map(" ".join),
    # One sentence far over the token budget: it must be cut at token boundaries.
    st.lists(words, min_size=150, max_size=500).map(" ".join),
)


def test_a_word_cut_in_two_still_fits_the_budget() -> None:
    # Found by the property test below: one long "sentence" cut at 222 of its tokens gave a
    # piece of 223 once tokenised alone (the cut word re-tokenises into more pieces).
    from qa.articles import parse_text

    raw = (Path(__file__).parent / "data" / "cut_word_retokenizes.txt").read_text("utf-8")
    cleaned = parse_text("a.txt", raw, "h")
    assert cleaned is not None
    passages = split_article(cleaned, SETTINGS, ENCODER.count_tokens, ENCODER.token_offsets)
    assert len(passages) >= 3
    assert max(ENCODER.count_tokens([p.text for p in passages])) <= SETTINGS.max_tokens


@settings(max_examples=150, deadline=None)
@given(_raw)
def test_any_text_cleaned_then_chunked_keeps_every_promise(raw: str) -> None:
    from qa.articles import parse_text

    cleaned = parse_text("a.txt", raw, "h")
    if cleaned is None:
        return
    body = cleaned.body
    passages = split_article(cleaned, SETTINGS, ENCODER.count_tokens, ENCODER.token_offsets)
    assert passages == split_article(cleaned, SETTINGS, ENCODER.count_tokens,
                                     ENCODER.token_offsets)  # deterministic
    pos = 0
    for p in passages:
        assert body[p.start:p.end] == p.text and p.text == p.text.strip() and p.text
        assert p.start >= pos and body[pos:p.start].strip() == ""  # in order, nothing lost
        assert p.paragraph == body[:p.start].count("\n\n") + 1  # its paragraph's number
        pos = p.end
    assert body[pos:].strip() == ""
    assert max(ENCODER.count_tokens([p.text for p in passages])) <= SETTINGS.max_tokens


def test_a_passage_never_runs_into_the_next_page() -> None:
    """Short pages merge into one passage without sections; with them, each page starts a
    passage, so a citation's page holds all of the passage's text."""
    body = "The harbour reopened on Monday.\n\nThe ferry resumed on Tuesday.\n\nBoats returned."
    pages = ((0, "page 1"), (body.index("The ferry"), "page 2"), (body.index("Boats"), "page 3"))
    assert [p.start for p in chunk(body)] == [0]
    paged = Article("a.pdf", "a.pdf", "Storm", None, None, body, "h", sections=pages)
    passages = split_article(paged, SETTINGS, ENCODER.count_tokens, ENCODER.token_offsets)
    assert [(p.start, paged.section_at(p.end - 1)) for p in passages] == [
        (0, "page 1"), (pages[1][0], "page 2"), (pages[2][0], "page 3")]
