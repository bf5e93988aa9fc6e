"""Sentences and token-bounded passages, with the model's own tokenizer."""

from __future__ import annotations

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
