"""Split a clean article body into sentence-aware passages that fit the model's token window."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass

from .articles import Article
from .text import paragraph_spans

# Words after which a full stop does not end a sentence: titles before a name, and the like.
_ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "prof", "st", "mt", "gen", "gov", "sen", "rep", "lt",
    "col", "capt", "sgt", "maj", "adm", "cmdr", "insp", "supt", "rev", "hon", "pres",
    "vs", "al", "approx", "dept", "co", "e.g", "i.e", "u.s", "u.k", "u.n", "a.m", "p.m",
}
# Words that are abbreviations only before a number ("No. 10", "Sept. 21"); before a capital
# they end the sentence ("Ant and Dec. She won", "definitely no. Those").
_BEFORE_NUMBER = {
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "no", "nos", "fig", "est",
}
_DOTTED_INITIALS = re.compile(r"^(?:[a-z]\.)+[a-z]$")
"""J.K, I.B.M: a name or acronym goes on after its last full stop."""
_OPENERS = "\"'“‘([\u2018\u201c"
_BOUNDARY = re.compile(r"[.!?…]+[\"'”’)\]]*(?=\s+[\"'“‘(\[]*[A-Z0-9])")


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Sentence spans `(start, end)` of `text[start:end]`, whitespace trimmed, in order.

    A blank line always ends a sentence: a subheading never runs into the next paragraph.
    """
    out: list[tuple[int, int]] = []
    for a, b in paragraph_spans(text, start, end):
        out.extend(_sentences_in_block(text, a, b))
    return out


def _abbreviation(text: str, start: int, stop: int, after: int) -> bool:
    """True when the full stop at `stop` closes an abbreviation or an initial, not a sentence:
    judged on the whole word before it ("Parker's" is not the initial "s")."""
    word = re.search(r"(\S+)$", text[start:stop])
    token = word.group(1).lstrip(_OPENERS).lower() if word else ""
    if token in _ABBREVIATIONS or _DOTTED_INITIALS.match(token):
        return True
    if len(token) == 1 and token.isalpha() and token not in _BEFORE_NUMBER:
        return True  # an initial: "J. Smith"
    if token in _BEFORE_NUMBER:
        nxt = text[after:after + 8].lstrip().lstrip(_OPENERS)
        return nxt[:1].isdigit()
    return False


def _sentences_in_block(text: str, start: int, end: int) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    s = start
    for m in _BOUNDARY.finditer(text, start, end):
        stop = m.end()
        if text[m.start()] == "." and _abbreviation(text, s, m.start(), m.end()):
            continue
        spans.append((s, stop))
        s = stop
    spans.append((s, end))
    return trim_spans(text, spans)


def trim_spans(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The spans without the white space at their ends; spans left empty are dropped."""
    out = []
    for a, b in spans:
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if a < b:
            out.append((a, b))
    return out


@dataclass(frozen=True)
class ChunkSettings:
    """How articles are cut into passages; stored in the manifest, a change rebuilds."""

    target_tokens: int = 128
    """Passages grow sentence by sentence up to about this many tokens."""
    max_tokens: int = 222
    """Hard limit for passage text, leaving room for the headline and special tokens."""
    headline_tokens: int = 32
    """The headline given to the embedder as context is cut to this many tokens."""

    def to_dict(self) -> dict[str, int]:
        """Plain form for the manifest."""
        return asdict(self)

    @classmethod
    def for_window(cls, window: int) -> ChunkSettings:
        """Settings that fit a model whose input holds `window` tokens (specials included)."""
        headline = min(32, window // 8)
        hard = window - 2 - headline
        return cls(target_tokens=min(128, hard), max_tokens=hard, headline_tokens=headline)


@dataclass(frozen=True)
class Passage:
    """A span of an article's clean body: what is embedded, searched and cited."""

    article_id: str
    paragraph: int
    """1-based number of the body paragraph the passage starts in."""
    start: int
    """Character offset into `Article.body` (inclusive)."""
    end: int
    """Character offset into `Article.body` (exclusive)."""
    text: str
    """Exactly `body[start:end]`."""


TokenCounter = Callable[[Sequence[str]], list[int]]
"""Counts tokens (without special tokens) for each of a batch of strings."""
TokenOffsets = Callable[[str], list[tuple[int, int]]]
"""Character offsets of each token of a string."""


def split_article(article: Article, settings: ChunkSettings, count: TokenCounter,
                  offsets: TokenOffsets) -> list[Passage]:
    """Cut an article into passages: whole sentences, whole paragraphs where they fit.

    A passage never runs from one page or chapter (`Article.sections`) into the next: its
    citation names the section it starts in, which is then where all of its text is."""
    body = article.body
    section_starts = {offset for offset, _ in article.sections}
    units: list[tuple[int, int, int]] = []  # (paragraph, start, end)
    for para_no, (ps, pe) in enumerate(paragraph_spans(body), start=1):
        units.extend((para_no, a, b) for a, b in split_sentences(body, ps, pe))
    sizes = count([body[a:b] for _, a, b in units])

    pieces: list[tuple[int, int, int, int]] = []  # (paragraph, start, end, tokens)
    for (para, a, b), n in zip(units, sizes, strict=True):
        if n <= settings.max_tokens:
            pieces.append((para, a, b, n))
        else:
            pieces.extend((para, x, y, k) for x, y, k in
                          _split_long(body, a, b, settings.max_tokens, offsets, count))

    passages: list[Passage] = []
    current: list[tuple[int, int, int, int]] = []
    tokens = 0

    def flush() -> None:
        nonlocal current, tokens
        if current:
            start, end = current[0][1], current[-1][2]
            passages.append(Passage(article.id, current[0][0], start, end, body[start:end]))
        current, tokens = [], 0

    for piece in pieces:
        para, start, _, n = piece
        new_paragraph = bool(current) and para != current[-1][0]
        if current and (tokens + n > settings.target_tokens or start in section_starts
                        or (new_paragraph and tokens >= settings.target_tokens * 0.6)):
            flush()
        current.append(piece)
        tokens += n
    flush()
    return passages


def _split_long(body: str, start: int, end: int, limit: int, offsets: TokenOffsets,
                count: TokenCounter) -> list[tuple[int, int, int]]:
    """Cut one over-long sentence at token boundaries, preferring whitespace.

    Each piece is counted again on its own: a word cut in two can take more tokens than it
    did whole, so a piece of `limit` tokens of the sentence may not fit alone."""
    text = body[start:end]
    spans = offsets(text)
    out = []
    i = 0
    while i < len(spans):
        j = min(i + limit, len(spans))
        if j < len(spans):
            # Back up to a token that starts after whitespace, so words stay whole.
            k = j
            while k > i + limit // 2 and not text[spans[k][0] - 1:spans[k][0]].isspace():
                k -= 1
            if k > i + limit // 2:
                j = k
        while True:
            a = spans[i][0]
            b = spans[j][0] if j < len(spans) else len(text)
            b = a + len(text[a:b].rstrip())
            n = count([text[a:b]])[0]
            if n <= limit or j - i <= 1:
                break
            j -= max(1, n - limit)
        out.append((start + a, start + b, n))
        i = j
    return out
