"""Turn ranked passages into an answer: cited hits, the answering sentence, or "not found"."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from .agreement import agreement
from .counts import count_noun_missing
from .evidence import (
    Evidence,
    focus_words,
    held,
    names_missing,
    share,
    stems,
    weigh,
    window_coverage,
)
from .models import Candidate, SentenceVectors, StoredPassage
from .passages import split_sentences
from .predicates import predicate_missing
from .roles import role_unnamed
from .slots import answer_values
from .text import fold_accents
from .vocab import ASKED_NOTHING_DETAIL, ASKS_NOTHING, NOT_FOUND_DETAIL, folded, terms

if TYPE_CHECKING:
    from datetime import date as Date

    import numpy as np


SENTENCE_POOL = 5
"""How many top passages compete for the answering sentence."""

SENTENCE_FEATURES = ("cosine", "overlap", "rare_overlap", "passage_dense", "passage_lexical",
                     "first_hit", "type", "window", "in_time", "names_missing", "lead", "short",
                     "novel", "with_before", "focus", "count_noun", "role_unnamed", "predicate")
"""What the choice of the answering sentence weighs, each in [0, 1] (`sentence_features`)."""
# Which sentence answers: fitted by `python benchmarks/fit_sentences.py` on the fitting splits,
# tune and heldout to heldout5 (the sentence holding the labelled answer against the other
# sentences of the same question's passages; refitted with heldout6 too, 5-fold
# cross-validated 452/541 against 456/541 for these, and with heldout6 and heldout7, 503/607
# against 511/607, so these stayed). Whether it answers at all is qa.evidence's decision.
SENTENCE_WEIGHTS = {"cosine": 4.402, "overlap": 0.860, "rare_overlap": -0.585,
                    "passage_dense": 1.089, "passage_lexical": 1.417, "first_hit": 0.307,
                    "type": 2.835, "window": 1.872, "in_time": 2.864, "names_missing": -0.192,
                    "lead": -0.520, "short": -0.276, "novel": -1.604, "with_before": 2.265,
                    "focus": 2.106, "count_noun": -1.700, "role_unnamed": -1.315,
                    "predicate": -1.927}

EVIDENCE_POOL = 3
"""How many of the best sentences may be weighed for the answer (`build`). Over the fitting
splits, with qa.evidence refitted for each: 1 hit's best, 444 of 566 near-topic questions not
found at 54 of 1,093 answerable refused; the best of 3 hits, 452 at 54 (453 once role
questions were mended); the best 3 with at most PER_HIT from one hit, 460 at 54."""
PER_HIT = 2
"""How many of one hit's sentences may be weighed (3: the same 460 at 54)."""

FITS_BONUS = 1.0
"""Added to the score of a sentence that holds the kind of value asked for, with the role,
the counted noun and the verb asked about (`fits`). Chosen by leave-one-split-out of the
not-found decision over the fitting splits (tune, heldout to heldout8): at 5% of answerable
questions refused, 261 of 350 near-topic questions not found without it, 266 with 0.5 to 3;
the answering sentence chosen for 567 of 691 answerable questions against 565."""


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
    link: str | None = None
    """Where the article was published (an http(s) address), when known."""
    section: str | None = None
    """The page or chapter the passage starts in ("page 3", "chapter 2: …"), when known."""

    def __str__(self) -> str:
        parts = [self.title, self.source or "source unknown", self.date or "undated",
                 *([self.section] if self.section else []), f"¶ {self.paragraph}", self.path,
                 *([self.link] if self.link else [])]
        return " — ".join(parts)

    def to_dict(self) -> dict[str, Any]:
        """The `citation` object of `--json`; `link` and `section` only when known."""
        out: dict[str, Any] = {"title": self.title, "source": self.source, "date": self.date,
                               "path": self.path, "paragraph": self.paragraph,
                               "start": self.start, "end": self.end,
                               "article_id": self.article_id}
        if self.link:
            out["link"] = self.link
        if self.section:
            out["section"] = self.section
        return out


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
class Conflict:
    """Another source's figure for a how-many question, differing from the answer's."""

    value: str
    citation: Citation

    def to_dict(self) -> dict[str, Any]:
        """One element of `answer.conflicts` in `--json`."""
        return {"value": self.value, "citation": self.citation.to_dict()}


@dataclass(frozen=True)
class Built:
    """What `build` makes of the retrieved passages."""

    hits: list[Hit]
    rank: int | None
    """Rank of the hit whose sentence answers (`build`), if any sentence was found."""
    evidence: Evidence | None
    support: tuple[Citation, ...] = ()
    conflicts: tuple[Conflict, ...] = ()


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
    """How dates shaped the search, e.g. "all articles, preferring those dated or mentioning
    2023-07-01 to 2023-07-31"."""
    support: tuple[Citation, ...] = ()
    """Other sources whose passages state the same answer."""
    conflicts: tuple[Conflict, ...] = ()
    """Other sources that give a different figure (how-many questions)."""
    evidence: tuple[tuple[str, float], ...] = field(default=(), compare=False)
    """The features the not-found decision weighed (qa.evidence.FEATURES), for study."""

    @property
    def found(self) -> bool:
        """True when the articles answer the question."""
        return self.text is not None

    @property
    def not_found_detail(self) -> str:
        """What follows "Not found:" when nothing answers: that the articles do not, or that
        nothing was asked ("red"; its note says so)."""
        return ASKED_NOTHING_DETAIL if any(f"” {ASKS_NOTHING}: " in n for n in self.notes) \
            else NOT_FOUND_DETAIL

    def agreement(self) -> list[str]:
        """Lines on what other sources say: who else reports the answer, and differing figures
        ("Also reported by: Reuters 2023-09-21", "Sources differ: 6,500 here / 28,000 in …")."""
        out = []
        if self.support:
            out.append("Also reported by: " + "; ".join(_by(c) for c in self.support))
        if self.conflicts and self.text:
            ours = sorted(v for _, v in answer_values(self.interpreted_as or self.question,
                                                      self.text))
            here = f"{ours[0]} here" if ours else "the answer above"
            out.append("Sources differ: " + " / ".join(
                [here] + [f"{c.value} in {_by(c.citation)}" for c in self.conflicts]))
        return out

    def to_dict(self) -> dict[str, Any]:
        """The `qa -q --json` object."""
        return {
            "question": self.question,
            "answer": {"text": self.text, "rank": self.rank,
                       "support": [c.to_dict() for c in self.support],
                       "conflicts": [c.to_dict() for c in self.conflicts]}
            if self.text is not None else None,
            "passages": [h.to_dict() for h in self.passages],
            "confidence": round(self.confidence, 4),
            "mode": self.mode,
            "interpreted_as": self.interpreted_as,
            "dates": self.dates,
            "notes": list(self.notes),
        }


def build(question: str, vector: np.ndarray | None, candidates: Sequence[Candidate],
          rows: dict[int, StoredPassage], sentences: dict[int, SentenceVectors],
          rarity: dict[str, float], unknown: float = 0.0,
          asked_time: tuple[Date | None, Date | None] | None = None,
          shown: int | None = None, articles: Mapping[str, set[str]] | None = None) -> Built:
    """Hits with highlighted sentences, the answer's rank and the evidence for it.

    `sentences` holds each passage's sentence vectors from the index; `rarity` each question
    word's scaled inverse document frequency, `unknown` the share of question words no passage
    holds. The sentence shown in each hit is the one that best answers; the answer is the
    first of the best EVIDENCE_POOL sentences of the first `shown` hits (all by default; at
    most PER_HIT of one hit) whose evidence is strong enough, or the best when none is
    (`evidence` says which), and its hit then shows it. Hits past `shown` only count as other
    sources. `articles` holds the words of the weighable hits' articles, by article id
    (`qa.evidence.article_words`).
    """

    spans, sentences_text, cosines, vec_parts = pool(vector, candidates, rows, sentences)
    asked = Asked.of(question, rarity)

    scored = []  # (score, hit index, start, end, sentence index)
    for n, ((i, a, b), sentence, cos) in enumerate(zip(spans, sentences_text, cosines,
                                                       strict=True)):
        before = sentences_text[n - 1] if n and spans[n - 1][0] == i else None
        values = sentence_features(asked, sentence, float(cos), candidates[i], i, a, before,
                                   rows[candidates[i].id].text)
        scored.append((sentence_score(values), i, a, b, n))
    scored.sort(key=lambda t: -t[0])
    best_per_hit: dict[int, tuple[float, int, int, int]] = {}
    for score, i, a, b, n in scored:
        best_per_hit.setdefault(i, (score, a, b, n))

    hits = []
    for i, cand in enumerate(candidates):
        row = rows[cand.id]
        best = best_per_hit.get(i)
        also = tuple(_citation(rows[d]) for d in cand.duplicates if d in rows)
        hits.append(Hit(i + 1, cand.score, row.text, _citation(row),
                        (best[1], best[2]) if best else None, cand.id, also))
    shown = len(hits) if shown is None else shown
    eligible = [i for i in best_per_hit if i < shown]
    if not eligible:
        return Built(hits[:shown], None, None)

    def weighed(i: int, a: int, b: int, n: int) -> Evidence:
        cand, row = candidates[i], rows[candidates[i].id]
        return weigh(question, row.text[a:b], f"{row.headline}\n{row.text}",
                     sentence_cosine=float(cosines[n]), passage_cosine=cand.dense,
                     lexical=cand.lexical, rarity=rarity, unknown=unknown,
                     asked_time=asked_time, published=row.date,
                     article=(articles or {}).get(row.article_id))

    # The best few sentences of the shown hits (at most PER_HIT a hit) are weighed in the order
    # the choice ranks them, and the first found answers (the first of all when none is): the
    # sentence ranked first may lack what the next one or another hit's says ("Curt Hopkins,
    # director of the Committee"). The answer's hit then highlights the sentence chosen.
    weighable = EVIDENCE_POOL if vector is not None else 1  # (words only: no cosines)
    taken: dict[int, int] = {}
    ranked = []
    for _, i, a, b, n in scored:
        if i < shown and taken.get(i, 0) < PER_HIT and len(ranked) < weighable:
            taken[i] = taken.get(i, 0) + 1
            ranked.append((i, a, b, n))
    top, evidence = ranked[0][0], weighed(*ranked[0])
    for i, a, b, n in ranked[1:]:
        if evidence.found:
            break
        other = weighed(i, a, b, n)
        if other.found:
            top, evidence = i, other
            if best_per_hit[i][1:] != (a, b, n):  # a hit's second sentence answers
                best_per_hit[i] = (best_per_hit[i][0], a, b, n)
                hits[i] = replace(hits[i], highlight=(a, b))
    chosen = {i: (sentences_text[v[3]], vec_parts[v[3]]) for i, v in best_per_hit.items()}
    support, conflicts = agreement(question, top, chosen, [c.article_id for c in candidates])
    return Built(hits[:shown], top + 1, evidence, tuple(hits[i].citation for i in support),
                 tuple(Conflict(value, hits[i].citation) for i, value in conflicts))


def pool(vector: np.ndarray | None, candidates: Sequence[Candidate],
         rows: dict[int, StoredPassage], sentences: dict[int, SentenceVectors]
         ) -> tuple[list[tuple[int, int, int]], list[str], np.ndarray, list[Any]]:
    """The sentences that compete to answer: those of the first SENTENCE_POOL candidates, as
    (hit index, start, end) spans in the passage text, their texts, their cosines with the
    question and their vectors (None where the index has none)."""
    import numpy as np

    spans: list[tuple[int, int, int]] = []  # (hit index, start, end) in passage text
    cos_parts = []
    vec_parts = []
    for i, cand in enumerate(candidates[:SENTENCE_POOL]):
        stored = sentences.get(cand.id)
        if stored is None:
            found = split_sentences(rows[cand.id].text)
            spans.extend((i, a, b) for a, b in found)
            cos_parts.append(np.full(len(found), cand.dense, dtype=np.float32))
            vec_parts.extend([None] * len(found))
            continue
        spans.extend((i, a, b) for a, b in stored.spans)
        cos_parts.append(stored.vectors @ vector if vector is not None
                         else np.zeros(len(stored.spans), dtype=np.float32))
        vec_parts.extend(stored.vectors)
    sentences_text = [rows[candidates[i].id].text[a:b] for i, a, b in spans]
    cosines = np.concatenate(cos_parts) if cos_parts else np.zeros(0, dtype=np.float32)
    return spans, sentences_text, cosines, vec_parts


_WEIGHTS = tuple(SENTENCE_WEIGHTS[f] for f in SENTENCE_FEATURES)
"""SENTENCE_WEIGHTS in SENTENCE_FEATURES order."""
_TYPE = SENTENCE_FEATURES.index("type")
_FITS = tuple(SENTENCE_FEATURES.index(f) for f in ("count_noun", "role_unnamed", "predicate"))


def sentence_score(values: Sequence[float]) -> float:
    """How well a sentence with these SENTENCE_FEATURES answers: the highest is shown."""
    return sum(w * v for w, v in zip(_WEIGHTS, values, strict=True)) \
        + FITS_BONUS * fits(values)


def fits(values: Sequence[float]) -> bool:
    """Whether a sentence's SENTENCE_FEATURES say it holds what was asked for: the kind of
    value, with no counted noun, role or verb of the question missing."""
    return bool(values[_TYPE]) and not any(values[i] for i in _FITS)


@dataclass(frozen=True)
class Asked:
    """What sentence features read of a question, worked out once per question."""

    question: str
    terms: tuple[str, ...]
    stems: frozenset[str]
    rarity: Mapping[str, float]
    focus: Mapping[str, float]

    @classmethod
    def of(cls, question: str, rarity: Mapping[str, float]) -> Asked:
        """Read without accents, as sentences are (`fold_accents`)."""
        question, rarity = fold_accents(question), folded(rarity)
        return cls(question, tuple(terms(question)), frozenset(stems(question)), rarity,
                   focus_words(question, rarity))


def sentence_features(asked: Asked, sentence: str, cosine: float, candidate: Candidate,
                      hit: int, start: int, before: str | None = None,
                      passage: str = "") -> list[float]:
    """The SENTENCE_FEATURES of one sentence of the `hit`-th passage (0-based), starting at
    `start` in its text, after the sentence `before` (None when it comes first), as an answer
    to the question."""
    sentence, passage = fold_accents(sentence), fold_accents(passage)
    before = fold_accents(before) if before is not None else None
    values = answer_values(asked.question, sentence, passage)
    own = stems(sentence)
    content = {w for w in own if len(w) > 3}
    rarity = asked.rarity
    return [
        cosine,
        held(asked.terms, own),
        share(rarity, own) if rarity else 0.0,
        candidate.dense,
        candidate.lexical,
        float(hit == 0),
        0.5 if values and all(_VAGUE.fullmatch(v) for _, v in values) else float(bool(values)),
        window_coverage(sentence, values, rarity) if values and rarity else 0.0,
        float(candidate.in_time),
        names_missing(asked.question, own),
        float(start == 0),
        float(len(sentence.split()) < 8),
        len(content - asked.stems) / len(content) if content else 0.0,
        share(rarity, own | stems(before) if before else own) if rarity else 0.0,
        share(asked.focus, own) if asked.focus else 0.0,
        float(count_noun_missing(asked.question, sentence, values)),
        float(role_unnamed(asked.question, sentence)),
        float(predicate_missing(asked.question, sentence)),
    ]


_VAGUE = re.compile(r"(?i:dozens|hundreds|thousands|millions|billions)")
"""A count that gives no figure: a sentence that says "6,500" answers how many better."""


def _by(citation: Citation) -> str:
    """'Reuters 2023-09-21' for a citation: the source (or the headline) and the date."""
    who = citation.source or f"“{citation.title}”"
    return f"{who} {citation.date}" if citation.date else who


def _citation(row: StoredPassage) -> Citation:
    return Citation(row.headline, row.source, row.date, row.path, row.paragraph, row.start,
                    row.end, row.article_id, row.link, row.section)
