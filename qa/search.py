"""Find passages for a question: dense (FAISS), lexical (SQLite FTS5) or both fused."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from datetime import date as Date
from typing import TYPE_CHECKING

from .errors import IndexError_
from .models import Candidate, Filters
from .vocab import check_mode, fts_query, terms

if TYPE_CHECKING:
    import numpy as np

    from .index.api import IndexView, VectorSearch

LEXICAL_WEIGHT = 0.2
"""Share of the fused score that comes from BM25 (normalised by the query's best BM25)."""
RECENCY_WEIGHT = 0.3
"""Most a passage gains from being new, relative to the as-of date."""
RECENCY_DAYS = 7.0
"""Age, in days, at which the recency gain has fallen to 1/e."""
TIME_WEIGHT = 0.15
"""What a passage gains when its article was published in the time a question names, or the
passage itself mentions that time."""

CONTEXT_WEIGHT = 0.15
"""What a passage gains when its article answered the previous turn of a conversation: a
follow-up is most often answered where the last answer was. Chosen on the 79 chats of the
fitting splits (tune + heldout), answer in the top 3: 0 and 0.05: 71; 0.1: 72; 0.15: 74;
0.2: 72; 0.3: 71. Checked again on the 129 chats of the four fitting splits (tune, heldout,
heldout2, heldout3): 0.1: 117; 0.15: 120; 0.2: 115; 0.25: 114; 0.3 and 0.4: 113."""


LEXICAL_BUDGET = 20_000
"""Most passages the words of a lexical query may occur in, counted word by word, before the
commonest words are left out of it (the rarest always stays; BM25 of all the words then ranks
what the rarer ones found, with the dense hits). FTS5 scores every passage that holds any of
the words, and at a million passages 'said' alone is in 450,000 of them; a common word adds
little to BM25 (its IDF is low). A corpus of a few thousand passages never reaches it with a
question of a few words. At 1,000,925 passages, warm hybrid p50 30 ms (20,000), 37 (30,000),
52 (50,000); at the same 2% share of their passages, SciFact nDCG@10 0.7341 against 0.7361
without a budget, RealTimeQA dev 0.7223 against 0.7225 (0.9691 with dates either way)."""


def lexical_words(words: Sequence[str], counts: Mapping[str, int],
                  budget: int = LEXICAL_BUDGET) -> list[str]:
    """The words a lexical search matches, in question order: all of them while together
    they occur in at most `budget` passages; past it, the rarest that fit, and always the
    rarest one present (and the words in no passage, which cost nothing)."""
    if sum(counts.get(w, 0) for w in words) <= budget:
        return list(words)
    kept, used = set(), 0
    for word in sorted(words, key=lambda w: counts.get(w, 0)):
        count = counts.get(word, 0)
        if used and used + count > budget:
            break
        kept.add(word)
        used += count
    return [w for w in words if w in kept]


RERANK = 30
"""Passages, best first, whose hybrid score is taken again with their best sentence's cosine
(`_by_sentence`): a passage holds several sentences, and its one vector blurs the one that
answers ("There are 16 newcomers at this level of competition in GB's 46-strong team" is one
line of a long passage). As many as a question's pool of 50 usually keeps once near-copies are
set aside."""
SENTENCE_SHARE = 0.5
"""The share of the dense score that the best sentence's cosine takes from the passage's. Chosen
on the splits fitted on, never on a test split: SciFact train nDCG@10 0.7456 without it, 0.7497
at 0.5, 0.7402 at 1; RealTimeQA dev 0.7208, 0.7209, 0.7165; the answering article first for
the fitting splits' answerable bbc questions (tests/data/answers), 893, 904 and 911 of 1,000."""

DUPLICATE_COSINE = 0.96
"""Passages this similar are the same text (wire copy, boilerplate): shown once."""


def search(view: IndexView, question: str, vector: np.ndarray | None, k: int,
           mode: str = "hybrid", filters: Filters | None = None, *,
           as_of: Date | None = None, diversity: float = 0.0,
           collapse: bool = True,
           prefer: tuple[Date | None, Date | None] | None = None,
           context: frozenset[str] = frozenset(),
           counts: Mapping[str, int] | None = None) -> list[Candidate]:
    """The top `k` passages for a question, best first.

    With `as_of`, articles dated after it are left out and newer ones are preferred.
    `prefer` (since, until) favours articles published then and passages that mention then,
    without leaving any out; so do the articles in `context` (ids: those that answered the
    previous turn of a conversation). Every read goes through `view`, one generation of the index.
    Near-identical passages collapse into the best of them (`collapse`); `diversity` > 0
    re-ranks by maximal marginal relevance. `counts` (passages per word of the question, as
    `view.term_counts` gives them) saves reading them again when the lexical query needs them.
    """

    check_mode(mode)
    index = view.vector_index()
    if index.ntotal == 0:
        raise IndexError_(f"The index at {view.dir} is empty. Add articles to the corpus "
                          "and run `qa index`.")
    filters = (filters or Filters()).as_of(as_of)
    allowed = view.allowed_ids(filters) if filters.active() else None
    if allowed is not None and len(allowed) == 0:
        return []
    pool = max(4 * k, 50) if as_of is None else max(8 * k, 200)

    dense: dict[int, float] = {}
    if mode != "lexical" and vector is not None:
        dense = dict(index.search(vector, pool, allowed))
    lexical: dict[int, float] = {}
    if mode != "dense":
        hits = _lexical(view, question, pool, filters if allowed is not None else None,
                        counts, dense)
        top = max((s for _, s in hits), default=0.0)
        if top > 0:
            lexical = {i: s / top for i, s in hits}

    ids_all = set(dense) | set(lexical)
    if vector is not None and mode != "lexical":
        # Lexical hits outside the dense pool still get their exact cosine.
        missing = sorted(ids_all - set(dense))
        for pid, cos in zip(missing, index.reconstruct(missing) @ vector, strict=True):
            dense[pid] = float(cos)
    meta = view.article_of(ids_all)
    in_time = view.in_time(ids_all, *prefer) if prefer else set()

    out = []
    for pid in ids_all:
        d, lex = dense.get(pid, 0.0), lexical.get(pid, 0.0)
        if mode == "dense":
            score = d
        elif mode == "lexical":
            score = lex
        else:
            score = (1 - LEXICAL_WEIGHT) * d + LEXICAL_WEIGHT * lex
        article_id, when = meta.get(pid, ("", None))
        if as_of is not None and when:
            age = max((as_of - Date.fromisoformat(when)).days, 0)
            score += RECENCY_WEIGHT * math.exp(-age / RECENCY_DAYS)
        if pid in in_time:
            score += TIME_WEIGHT
        if article_id in context:
            score += CONTEXT_WEIGHT
        out.append(Candidate(pid, score, d, lex, article_id, when, in_time=pid in in_time))
    out.sort(key=lambda c: (-c.score, c.id))
    if mode == "hybrid" and vector is not None:
        out = _by_sentence(view, out, vector)
    if not (collapse or diversity > 0) or len(out) <= 1:
        return out[:k]
    return _select(index, out, k, diversity, collapse)


def _lexical(view: IndexView, question: str, k: int, filters: Filters | None,
             counts: Mapping[str, int] | None, dense: Iterable[int]) -> list[tuple[int, float]]:
    """The question's best `k` passages by BM25 of all its content words, best first.

    Past LEXICAL_BUDGET the rarer words find the passages, and BM25 of all the words ranks
    them together with the `dense` hits: the scores FTS5 would give, for every passage that
    holds a rarer word or is a dense hit (one holding only common words is missed)."""
    words = terms(question)[:64]
    if len(words) * view.vector_index().ntotal <= LEXICAL_BUDGET:  # they cannot pass it
        return view.lexical(fts_query(words), k, filters)
    counts = view.term_counts(words) if counts is None else counts
    kept = lexical_words(words, counts, LEXICAL_BUDGET)
    hits = view.lexical(fts_query(kept), k, filters, {w: counts[w] for w in kept})
    if kept == words:
        return hits
    scores = view.bm25(words, counts, {i for i, _ in hits} | set(dense))
    ranked = sorted(((i, s) for i, s in scores.items() if s > 0), key=lambda h: (-h[1], h[0]))
    return ranked[:k]


def _by_sentence(view: IndexView, ranked: list[Candidate], vector: np.ndarray
                 ) -> list[Candidate]:
    """The first RERANK candidates scored again with SENTENCE_SHARE of their dense score
    taken by their best sentence's cosine (a passage with no stored sentences keeps its own),
    re-sorted; the rest after them as they were. `Candidate.dense` stays the passage's."""
    head = ranked[:RERANK]
    stored = view.sentence_vectors(c.id for c in head)
    scored = []
    for c in head:
        s = stored.get(c.id)
        best = float((s.vectors @ vector).max()) if s is not None and len(s.spans) else c.dense
        scored.append(replace(c, score=c.score + (1 - LEXICAL_WEIGHT) * SENTENCE_SHARE
                              * (best - c.dense)))
    scored.sort(key=lambda c: (-c.score, c.id))
    return scored + ranked[RERANK:]


def _select(index: VectorSearch, ranked: list[Candidate], k: int, diversity: float,
            collapse: bool) -> list[Candidate]:
    """Collapse near-duplicates into their best copy, and optionally diversify (MMR)."""
    pool = ranked[: max(3 * k, k + 20)]
    vectors = index.reconstruct([c.id for c in pool])
    sims = vectors @ vectors.T
    kept: list[int] = []
    dupes: dict[int, list[int]] = {}
    remaining = list(range(len(pool)))
    while remaining and len(kept) < k:
        if diversity > 0 and kept:
            def mmr(i: int) -> float:
                return (1 - diversity) * pool[i].score - diversity * float(sims[i, kept].max())
            best = max(remaining, key=mmr)
        else:
            best = remaining[0]
        remaining.remove(best)
        if collapse and kept:
            row = sims[best, kept]
            twin = int(row.argmax())
            if row[twin] >= DUPLICATE_COSINE:
                dupes.setdefault(kept[twin], []).append(pool[best].id)
                continue
        kept.append(best)
    return [replace(pool[i], duplicates=tuple(dupes.get(i, ()))) for i in kept]
