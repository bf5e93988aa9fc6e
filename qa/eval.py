"""Retrieval quality on a BEIR-layout folder: nDCG@10, MRR@10, Recall@1/10/100."""

from __future__ import annotations

import hashlib
import json
import math
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date as Date
from pathlib import Path
from typing import Any

from .articles import read_capped
from .bot import Bot, make_bot
from .cleaning import iso_date
from .errors import CorpusError
from .fsutil import cache_root
from .models import Filters
from .search import search
from .text import lines
from .vocab import EVAL_MAX_BYTES

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class Query:
    """One evaluation question."""

    id: str
    text: str
    date: str | None


@dataclass(frozen=True)
class EvalResult:
    """The metrics of one `qa eval` run."""

    ndcg10: float
    mrr10: float
    recall1: float
    recall10: float
    recall100: float
    queries: int
    mode: str
    split: str
    seconds: float
    query_dates: bool

    def to_dict(self) -> dict[str, Any]:
        """The `qa eval --json` object."""
        return {"ndcg@10": round(self.ndcg10, 4), "mrr@10": round(self.mrr10, 4),
                "recall@1": round(self.recall1, 4), "recall@10": round(self.recall10, 4),
                "recall@100": round(self.recall100, 4), "queries": self.queries,
                "mode": self.mode, "split": self.split, "query_dates": self.query_dates,
                "seconds": round(self.seconds, 2)}


def load(folder: Path, split: str, max_bytes: int = EVAL_MAX_BYTES
         ) -> tuple[Path, list[Query], dict[str, dict[str, int]]]:
    """The corpus file, the split's queries and their relevance judgements.

    Raises `CorpusError` when a file is missing or over `max_bytes`."""
    corpus = folder / "corpus.jsonl"
    queries_file = folder / "queries.jsonl"
    qrels_file = folder / "qrels" / f"{split}.tsv"
    for need in (corpus, queries_file, qrels_file):
        if not need.is_file():
            raise CorpusError(f"{need} is missing: `qa eval DIR` needs a BEIR folder with "
                              "corpus.jsonl, queries.jsonl and qrels/SPLIT.tsv.")
        size = need.stat().st_size
        if size > max_bytes:
            raise _over_cap(need, size, max_bytes)
    qrels: dict[str, dict[str, int]] = {}
    for n, line in enumerate(lines(_read_text(qrels_file, max_bytes))):
        parts = line.split("\t")
        if len(parts) < 3 or (n == 0 and not parts[2].strip().lstrip("-").isdigit()):
            continue
        qrels.setdefault(parts[0], {})[parts[1]] = int(parts[2])
    queries = []
    for line in lines(_read_text(queries_file, max_bytes)):
        if not line.strip():
            continue
        rec = json.loads(line)
        qid = str(rec.get("_id", rec.get("id")))
        if qid in qrels:
            meta = rec.get("metadata") if isinstance(rec.get("metadata"), dict) else {}
            queries.append(Query(qid, rec["text"], iso_date(meta.get("date"))))
    return corpus, queries, qrels


def _read_text(path: Path, max_bytes: int) -> str:
    """A small eval file (queries, judgements) as text, never more than `max_bytes` of it."""
    with open(path, "rb") as f:
        raw = read_capped(f, max_bytes)
    if raw is None:  # it grew since it was measured
        raise _over_cap(path, None, max_bytes)
    return raw.decode("utf-8-sig")


def _over_cap(path: Path, size: int | None, max_bytes: int) -> CorpusError:
    what = f"is {size:,} bytes, over" if size is not None else "is over"
    return CorpusError(f"{path} {what} the {max_bytes:,}-byte cap of `qa eval`: "
                       "raise it with --max-bytes N.")


def cache_dir(corpus: Path, model_tag: str, max_bytes: int = EVAL_MAX_BYTES) -> Path:
    """An index folder keyed by the corpus file (where it is and what it holds) and the model,
    in the user's cache. An index belongs to one corpus path, so a copy of the same data
    elsewhere gets its own.

    Hashes at most `max_bytes + 1` bytes: the index of a file past the cap is refused anyway."""
    h = hashlib.sha256(str(corpus.resolve()).encode() + b"\0")
    left = max_bytes + 1
    with open(corpus, "rb") as f:
        while left > 0 and (block := f.read(min(1 << 20, left))):
            h.update(block)
            left -= len(block)
    return cache_root() / "eval" / f"{h.hexdigest()[:16]}-{model_tag}"


def open_eval_bot(folder: Path, split: str, model: str | None = None,
                  index: str | None = None, progress: Progress | None = None,
                  max_bytes: int = EVAL_MAX_BYTES, milvus: str | None = None
                  ) -> tuple[Bot, list[Query], dict[str, dict[str, int]]]:
    """Index the folder's corpus (once: later runs reuse the cached index) and load queries.

    Files over `max_bytes` are refused with a `CorpusError` naming `--max-bytes`."""
    corpus, queries, qrels = load(folder, split, max_bytes)
    if not queries:
        raise CorpusError(f"No queries of {folder} have judgements in qrels/{split}.tsv. "
                          "Pick another --split.")
    probe = make_bot(corpus, index or "unused", model, max_bytes=max_bytes)
    tag = hashlib.sha256(json.dumps([probe.encoder.name, probe.encoder.stamp().size,
                                     probe.settings.to_dict()]).encode()).hexdigest()[:8]
    bot = make_bot(corpus, index or cache_dir(corpus, tag, max_bytes), model, max_bytes=max_bytes,
                   milvus=milvus)
    if bot.stale() is not None:
        bot.refresh(progress)
    return bot, queries, qrels


def evaluate(bot: Bot, queries: Sequence[Query], qrels: dict[str, dict[str, int]], *,
             k: int = 100, mode: str = "hybrid", split: str = "test", query_dates: bool = False,
             progress: Progress | None = None) -> EvalResult:
    """Rank articles for every query and score the ranking against the judgements."""
    t0 = time.perf_counter()
    vectors = None
    if mode != "lexical":
        vectors = bot.encoder.encode([q.text for q in queries], batch_size=64)
    prefix = f"{bot.corpus.name}#"
    totals = {"ndcg": 0.0, "mrr": 0.0, "r1": 0.0, "r10": 0.0, "r100": 0.0}
    for n, query in enumerate(queries):
        as_of = Date.fromisoformat(query.date) if query_dates and query.date else None
        with bot.store.snapshot() as view:
            candidates = search(view, query.text, None if vectors is None else vectors[n],
                                k * 3, mode, Filters(), as_of=as_of)
        ranked = []
        seen: set[str] = set()
        for aid in (c.article_id for c in candidates):
            doc = aid[len(prefix):] if aid.startswith(prefix) else aid
            if doc not in seen:
                seen.add(doc)
                ranked.append(doc)
        scores = _score(ranked[:k], qrels[query.id])
        for key, value in scores.items():
            totals[key] += value
        if progress:
            progress(n + 1, len(queries))
    count = len(queries)
    return EvalResult(totals["ndcg"] / count, totals["mrr"] / count, totals["r1"] / count,
                      totals["r10"] / count, totals["r100"] / count, count, mode, split,
                      time.perf_counter() - t0, query_dates)


def _score(ranked: Sequence[str], relevant: dict[str, int]) -> dict[str, float]:
    gains = [relevant.get(doc, 0) for doc in ranked]
    dcg = sum(g / math.log2(i + 2) for i, g in enumerate(gains[:10]) if g > 0)
    ideal = sorted((g for g in relevant.values() if g > 0), reverse=True)[:10]
    idcg = sum(g / math.log2(i + 2) for i, g in enumerate(ideal))
    first = next((i for i, g in enumerate(gains[:10]) if g > 0), None)
    wanted = {d for d, g in relevant.items() if g > 0}

    def recall(n: int) -> float:
        return len(wanted & set(ranked[:n])) / len(wanted) if wanted else 0.0

    return {"ndcg": dcg / idcg if idcg else 0.0,
            "mrr": 1 / (first + 1) if first is not None else 0.0,
            "r1": recall(1), "r10": recall(10), "r100": recall(100)}
