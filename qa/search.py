"""Find passages for a question: dense (FAISS), lexical (SQLite FTS5) or both fused."""

from __future__ import annotations

import math
from dataclasses import replace
from datetime import date as Date
from typing import TYPE_CHECKING

from .errors import IndexError_
from .models import Candidate, Filters
from .vocab import check_mode, terms

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
0.2: 72; 0.3: 71."""


def fts_query(text: str) -> str:
    """An FTS5 query matching any content word; each word quoted so nothing is syntax."""
    return " OR ".join(f'"{t}"' for t in terms(text)[:64])


DUPLICATE_COSINE = 0.96
"""Passages this similar are the same text (wire copy, boilerplate): shown once."""


def search(view: IndexView, question: str, vector: np.ndarray | None, k: int,
           mode: str = "hybrid", filters: Filters | None = None, *,
           as_of: Date | None = None, diversity: float = 0.0,
           collapse: bool = True,
           prefer: tuple[Date | None, Date | None] | None = None,
           context: frozenset[str] = frozenset()) -> list[Candidate]:
    """The top `k` passages for a question, best first.

    With `as_of`, articles dated after it are left out and newer ones are preferred.
    `prefer` (since, until) favours articles published then and passages that mention then,
    without leaving any out; so do the articles in `context` (ids: those that answered the
    previous turn of a conversation). Every read goes through `view`, one generation of the index.
    Near-identical passages collapse into the best of them (`collapse`); `diversity` > 0
    re-ranks by maximal marginal relevance.
    """

    check_mode(mode)
    index = view.vector_index()
    if index.ntotal == 0:
        raise IndexError_(f"The index at {view.dir} is empty. Add articles to the corpus "
                          "and run `qa index`.")
    filters = filters or Filters()
    if as_of is not None:
        filters = replace(filters, published_by=as_of)
    allowed = view.allowed_ids(filters) if filters.active() else None
    if allowed is not None and len(allowed) == 0:
        return []
    pool = max(4 * k, 50) if as_of is None else max(8 * k, 200)

    dense: dict[int, float] = {}
    if mode != "lexical" and vector is not None:
        dense = dict(index.search(vector, pool, allowed))
    lexical: dict[int, float] = {}
    if mode != "dense":
        hits = view.lexical(fts_query(question), pool, filters if allowed is not None else None)
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
    if not (collapse or diversity > 0) or len(out) <= 1:
        return out[:k]
    return _select(index, out, k, diversity, collapse)


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
