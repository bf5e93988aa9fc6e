"""Warm question latency in one process: seeds, the bbc folder, 100k and 1M synthetic vectors.

    python benchmarks/warm.py [--skip-1m] [--filters-only] [--corpus DIR] [--index DIR]

bot.ask() end to end for the real corpora; for the synthetic sizes, the vector search alone
(qa.vectors.VectorIndex, the kind qa picks for that size) with recall@10 against exact search
and the resident memory of a process that only loads the index and searches it.  Then the
same bbc questions under each kind of filter (path, source, date range, as-of date) against
unfiltered ones.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from datetime import date as Date
from pathlib import Path
from typing import Any

import numpy as np
from _common import ROOT, need_shared, pct, save, table

import qa
from qa.models import Filters
from qa.vectors import VectorIndex


def ask_latency(bot: qa.Bot, questions: list[str], rounds: int = 3,
                **options: Any) -> list[float]:
    bot.ask(questions[0], **options)  # load model and index, check the filter columns
    times = []
    for _ in range(rounds):
        for q in questions:
            t0 = time.perf_counter()
            bot.ask(q, **options)
            times.append(time.perf_counter() - t0)
    return times


def filter_latency(bot: qa.Bot, questions: list[str]) -> list[tuple[object, ...]]:
    """Warm p50/p95 of the same questions unfiltered and under each kind of filter."""
    dates = [r[0] for r in bot.store.db.execute(
        "SELECT date FROM articles WHERE date IS NOT NULL ORDER BY date")]
    [(source,)] = bot.store.db.execute(
        "SELECT coalesce(source, '') FROM articles GROUP BY source ORDER BY count(*) DESC "
        "LIMIT 1").fetchall()
    middle = dates[len(dates) // 2] if dates else "2005-01-01"
    cases: list[tuple[str, dict[str, Any]]] = [
        ("unfiltered", {}),
        ('--path "business/*"', {"filters": Filters(path="business/*")}),
        (f"--source {source[:12].upper()!r}", {"filters": Filters(source=source[:12].upper())}),
        (f"--since {dates[0] if dates else '2000-01-01'} --until {middle}",
         {"filters": Filters(since=Date.fromisoformat((dates[0] if dates else "2000-01-01")[:10]),
                             until=Date.fromisoformat(middle[:10]))}),
        (f"--as-of {middle}", {"as_of": middle[:10]}),
    ]
    rows: list[tuple[object, ...]] = []
    base = 0.0
    for name, options in cases:
        t = ask_latency(bot, questions, **options)
        p50 = 1000 * pct(t, 50)
        base = base or p50
        rows.append((name, p50, 1000 * pct(t, 95), p50 / base))
    return rows


def synthetic(base: np.ndarray, n: int, seed: int) -> np.ndarray:
    """Vectors clustered like real passages: real ones plus noise, renormalised."""
    rng = np.random.default_rng(seed)
    out = np.empty((n, base.shape[1]), dtype=np.float32)
    for i in range(0, n, 100_000):
        m = min(100_000, n - i)
        x = base[rng.integers(0, len(base), m)] + 0.08 * rng.standard_normal(
            (m, base.shape[1])).astype(np.float32)
        out[i:i + m] = x / np.linalg.norm(x, axis=1, keepdims=True)
    return out


PROBE = """
import json, sys, time
import numpy as np
from qa.vectors import VectorIndex
index = VectorIndex.load(open(sys.argv[1], "rb").read())
queries = np.load(sys.argv[2])
times, found = [], []
for q in queries:
    t0 = time.perf_counter()
    hits = index.search(q, 10)
    times.append(time.perf_counter() - t0)
    found.append([i for i, _ in hits])
# VmHWM, not ru_maxrss: the latter keeps the parent's size across fork + exec.
hwm = [line for line in open("/proc/self/status") if line.startswith("VmHWM")][0]
rss = int(hwm.split()[1]) / 1024
print(json.dumps({"times": times, "found": found, "rss_mb": rss, "kind": index.kind}))
"""


def vector_scale(base: np.ndarray, n: int) -> dict[str, float | str]:
    x = synthetic(base, n, seed=n)
    ids = np.arange(n, dtype=np.int64)
    t0 = time.perf_counter()
    index = VectorIndex.build(x, ids)
    build = time.perf_counter() - t0
    queries = synthetic(base, 200, seed=7)
    exact = []
    for q in queries:
        scores = x @ q
        top = np.argpartition(-scores, 10)[:10]
        exact.append(set(top[np.argsort(-scores[top])].tolist()))
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "index.faiss"
        path.write_bytes(index.serialize())
        del index
        np.save(Path(tmp) / "q.npy", queries)
        r = subprocess.run([sys.executable, "-c", PROBE, str(path), str(Path(tmp) / "q.npy")],
                           capture_output=True, text=True, check=True,
                           env={**os.environ, "PYTHONPATH": str(ROOT)})
    probe = json.loads(r.stdout)
    recall = float(np.mean([len(set(f) & e) / 10 for f, e in zip(probe["found"], exact,
                                                                   strict=True)]))
    return {"kind": probe["kind"], "p50_ms": 1000 * pct(probe["times"], 50),
            "p95_ms": 1000 * pct(probe["times"], 95), "recall10": recall,
            "rss_mb": probe["rss_mb"], "build_s": build}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--skip-1m", action="store_true", help="stop at 100k vectors")
    parser.add_argument("--bbc-index", "--index", default=str(Path(tempfile.gettempdir()) /
                                                            "qa-bench-bbc"),
                        help="where the bbc index is built (reused when fresh)")
    parser.add_argument("--corpus", default=None, help="the corpus for the filter table "
                                                       "(default: ../shared/corpora/bbc)")
    parser.add_argument("--filters-only", action="store_true",
                        help="only the table of filtered against unfiltered questions")
    args = parser.parse_args()
    corpus = Path(args.corpus) if args.corpus else need_shared("corpora", "bbc")
    if args.filters_only:
        bot = qa.open(corpus, index=args.bbc_index)
        heads = [r[0] for r in bot.store.db.execute(
            "SELECT headline FROM articles ORDER BY id LIMIT 40").fetchall()]
        rows = filter_latency(bot, [f"What happened: {h}?" for h in heads])
        table(f"Warm question latency by filter, {corpus.name} (ms)",
              ["filter", "p50", "p95", "p50 / unfiltered"], rows)
        save("warm_filters", {"rows": [list(r) for r in rows]})
        return
    seeds = [json.loads(x)["question"] for x in
             (ROOT / "tests/data/seed_questions.jsonl").read_text().splitlines()]
    rows, results = [], {}
    bot = qa.open(ROOT / "corpus", index=tempfile.mkdtemp(prefix="qa-warm-"))
    t = ask_latency(bot, seeds)
    passages = bot.store.counts()[1]
    rows.append(("3 seed articles", passages, "flat", 1000 * pct(t, 50), 1000 * pct(t, 95),
                 "exact", "-"))
    results["seeds"] = {"passages": passages, "p50_ms": 1000 * pct(t, 50),
                        "p95_ms": 1000 * pct(t, 95)}

    bbc = qa.open(corpus, index=args.bbc_index)
    heads = [r[0] for r in bbc.store.db.execute(
        "SELECT headline FROM articles ORDER BY id LIMIT 40").fetchall()]
    t = ask_latency(bbc, [f"What happened: {h}?" for h in heads])
    passages = bbc.store.counts()[1]
    index = bbc.store.faiss_index()
    rows.append(("bbc (2,225 articles)", passages, index.kind, 1000 * pct(t, 50),
                 1000 * pct(t, 95), "exact", "-"))
    results["bbc"] = {"passages": passages, "p50_ms": 1000 * pct(t, 50),
                      "p95_ms": 1000 * pct(t, 95)}
    base, _ = index.all()

    for n in (100_000,) if args.skip_1m else (100_000, 1_000_000):
        r = vector_scale(base, n)
        rows.append((f"{n:,} synthetic vectors (search only)", n, r["kind"], r["p50_ms"],
                     r["p95_ms"], f"{r['recall10']:.3f}", f"{r['rss_mb']:.0f}"))
        results[f"synthetic_{n}"] = r
    table("Warm question latency (ms)", ["corpus", "passages", "index", "p50", "p95",
                                         "recall@10 vs exact", "RSS MB"], rows)
    filtered = filter_latency(bbc, [f"What happened: {h}?" for h in heads])
    table(f"Warm question latency by filter, {corpus.name} (ms)",
          ["filter", "p50", "p95", "p50 / unfiltered"], filtered)
    results["filters"] = [list(r) for r in filtered]
    save("warm", results)


if __name__ == "__main__":
    main()
