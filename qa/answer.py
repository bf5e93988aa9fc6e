"""Turn ranked passages into an answer: cited hits, the answering sentence, or "not found"."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .models import Candidate, SentenceVectors, StoredPassage
from .passages import split_sentences
from .vocab import MONTH_PATTERN, terms

if TYPE_CHECKING:
    import numpy as np


SENTENCE_POOL = 5
"""How many top passages compete for the answering sentence."""

# Sentence score = weights . (sentence cosine, question-word overlap, passage cosine, type match).
# Fitted on tests/data/seed_questions.jsonl and tests/data/unanswerable.txt; see the README.
W_COSINE, W_OVERLAP, W_PASSAGE, W_TYPE = 0.5, 0.4, 0.2, 0.3
W_UNKNOWN = 0.2
"""Confidence lost per share of question words that appear nowhere in the corpus."""
FOUND_THRESHOLD = 0.39
"""Below this confidence the articles are taken not to answer the question."""


@dataclass(frozen=True)
class Citation:
    """Where a passage comes from, precise enough to find and verify the quote."""

    title: str
    source: str | None
    date: str | None
    path: str
    """The article's file, relative to the corpus folder."""
    paragraph: int
    start: int
    """Offset of the passage in the article's clean body."""
    end: int
    article_id: str

    def __str__(self) -> str:
        parts = [self.title, self.source or "source unknown", self.date or "undated",
                 f"¶ {self.paragraph}", self.path]
        return " — ".join(parts)

    def to_dict(self) -> dict[str, Any]:
        """The `citation` object of `--json`."""
        return {"title": self.title, "source": self.source, "date": self.date,
                "path": self.path, "paragraph": self.paragraph, "start": self.start,
                "end": self.end, "article_id": self.article_id}


@dataclass(frozen=True)
class Hit:
    """One retrieved passage with its citation."""

    rank: int
    score: float
    text: str
    citation: Citation
    highlight: tuple[int, int] | None = None
    """The sentence that best answers the question, as offsets into `text`."""
    passage_id: int = 0
    also_in: tuple[Citation, ...] = ()
    """Other places the same passage appears (re-published copy), collapsed into this hit."""

    def to_dict(self) -> dict[str, Any]:
        """One element of `passages` in `--json`."""
        out: dict[str, Any] = {"rank": self.rank, "score": round(self.score, 4),
                               "text": self.text, "citation": self.citation.to_dict()}
        if self.highlight:
            out["highlight"] = {"start": self.highlight[0], "end": self.highlight[1]}
        if self.also_in:
            out["also_in"] = [c.to_dict() for c in self.also_in]
        return out


@dataclass(frozen=True)
class Answer:
    """The reply to one question: an answering sentence (or None) and the ranked passages."""

    question: str
    text: str | None
    """The answering sentence; None when the articles do not answer the question."""
    rank: int | None
    """Rank of the passage the answer comes from."""
    passages: tuple[Hit, ...]
    confidence: float = 0.0
    """The score the not-found decision is taken on."""
    mode: str = "hybrid"
    interpreted_as: str | None = None
    """What was searched, when it differs from the question (follow-ups, cut questions)."""
    notes: tuple[str, ...] = field(default=())
    """Things the user should know: a question that was cut, a stale index."""
    dates: str | None = None
    """How dates limited the search, e.g. "articles dated 2023-07-01 to 2023-07-31"."""

    @property
    def found(self) -> bool:
        """True when the articles answer the question."""
        return self.text is not None

    def to_dict(self) -> dict[str, Any]:
        """The `qa -q --json` object."""
        return {
            "question": self.question,
            "answer": {"text": self.text, "rank": self.rank} if self.text is not None else None,
            "passages": [h.to_dict() for h in self.passages],
            "confidence": round(self.confidence, 4),
            "mode": self.mode,
            "interpreted_as": self.interpreted_as,
            "dates": self.dates,
            "notes": list(self.notes),
        }


def build(question: str, vector: np.ndarray | None, candidates: Sequence[Candidate],
          rows: dict[int, StoredPassage], sentences: dict[int, SentenceVectors],
          unknown_share: float = 0.0) -> tuple[list[Hit], int | None, float]:
    """Hits with highlighted sentences, the rank of the answer, and the confidence.

    `sentences` holds each passage's sentence vectors from the index; `unknown_share` is the
    share of the question's words found nowhere in the corpus. The answer-type match picks
    the sentence but does not add to the confidence: a name in a passage says nothing about
    whether it is the name asked for.
    """
    import numpy as np

    q_terms = terms(question)
    wanted = answer_type(question)
    spans: list[tuple[int, int, int]] = []  # (hit index, start, end) in passage text
    cos_parts = []
    for i, cand in enumerate(candidates[:SENTENCE_POOL]):
        stored = sentences.get(cand.id)
        if stored is None:
            found = split_sentences(rows[cand.id].text)
            spans.extend((i, a, b) for a, b in found)
            cos_parts.append(np.full(len(found), cand.dense, dtype=np.float32))
            continue
        spans.extend((i, a, b) for a, b in stored.spans)
        cos_parts.append(stored.vectors @ vector if vector is not None
                         else np.zeros(len(stored.spans), dtype=np.float32))
    sentences_text = [rows[candidates[i].id].text[a:b] for i, a, b in spans]
    cosines = np.concatenate(cos_parts) if cos_parts else np.zeros(0, dtype=np.float32)

    best_per_hit: dict[int, tuple[float, int, int]] = {}
    support = 0.0
    for (i, a, b), sentence, cos in zip(spans, sentences_text, cosines, strict=True):
        evidence = (W_COSINE * float(cos) + W_OVERLAP * _overlap(q_terms, sentence)
                    + W_PASSAGE * candidates[i].dense)
        support = max(support, evidence)
        score = evidence + W_TYPE * _type_match(wanted, question, sentence)
        if i not in best_per_hit or score > best_per_hit[i][0]:
            best_per_hit[i] = (score, a, b)

    hits = []
    for i, cand in enumerate(candidates):
        row = rows[cand.id]
        best = best_per_hit.get(i)
        also = tuple(_citation(rows[d]) for d in cand.duplicates if d in rows)
        hits.append(Hit(i + 1, cand.score, row.text, _citation(row),
                        (best[1], best[2]) if best else None, cand.id, also))
    if not best_per_hit:
        return hits, None, 0.0
    top = max(best_per_hit, key=lambda i: best_per_hit[i][0])
    return hits, top + 1, support - W_UNKNOWN * unknown_share


def _citation(row: StoredPassage) -> Citation:
    return Citation(row.headline, row.source, row.date, row.path, row.paragraph, row.start,
                    row.end, row.article_id)


def _overlap(q_terms: Sequence[str], sentence: str) -> float:
    """Share of the question's content words found in the sentence (5-letter prefix match)."""
    if not q_terms:
        return 0.0
    words = {w[:5] for w in re.findall(r"\w+", sentence.lower())}
    return sum(1 for t in q_terms if t[:5] in words) / len(q_terms)


_MONTH = "(?:" + MONTH_PATTERN.title() + ")"
"""Month names as written in text: capitalised ("may" is a verb)."""
_TYPE_PATTERNS = {
    "date": re.compile(rf"\b(?:{_MONTH}\.? ?\d{{0,2}}|(?:1[89]|20)\d\d|Monday|Tuesday|Wednesday|"
                       r"Thursday|Friday|Saturday|Sunday|yesterday|today|last (?:week|month|year|"
                       r"fall|spring|summer|winter)|this (?:week|month|year|fall|spring|summer|"
                       r"winter))\b"),
    "number": re.compile(r"\b(?:\d[\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten|"
                         r"dozens?|hundreds?|thousands?|millions?|billions?)\b", re.IGNORECASE),
    "name": re.compile(r"\b[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+)+"),
    "place": re.compile(r"\b[A-Z][a-z][\w'’-]+"),
}


def answer_type(question: str) -> str | None:
    """What kind of answer a question wants: "name", "date", "number", "place" or None."""
    q = question.lower().strip()
    if re.match(r"(?:since |until |by )?when\b|what (?:date|day|year|month|time)\b|"
                r"(?:on|in) what (?:date|day|year|month)\b", q):
        return "date"
    if re.match(r"how (?:many|much|long|old|far|big)\b|what (?:number|percentage|share)\b", q):
        return "number"
    if re.match(r"who(?:m|se)?\b|which (?:minister|person|official|politician|leader|mp|"
                r"president|ambassador|critic|man|woman)\b", q):
        return "name"
    if re.match(r"where\b|(?:in |to )?which (?:city|country|place|region|town)\b", q):
        return "place"
    return None


def _type_match(wanted: str | None, question: str, sentence: str) -> float:
    """1 when the sentence holds an answer of the wanted kind that the question lacks."""
    if wanted is None:
        return 0.0
    asked = question.lower()
    for m in _TYPE_PATTERNS[wanted].finditer(sentence):
        found = m.group(0)
        if wanted in ("name", "place") and m.start() == 0 and " " not in found:
            continue  # a capitalised first word is no name
        if found.lower() not in asked and not all(w.lower() in asked for w in found.split()):
            return 1.0
    return 0.0
