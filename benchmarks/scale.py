"""Ingestion words/s on bbc: one process against `--engine ray` with 1 and 2 workers.

    python benchmarks/scale.py [--per-folder 100] [--workers 1 2]

Indexes the first `--per-folder` articles of each of bbc's five folders (the whole of bbc with
--per-folder 600) from scratch, once per engine, in this process, as `qa index` does: parse,
chunk, embed, write. For each run it reports the whole update and the embedding alone (from
the first to the last progress report; Ray's actor start is outside it, and shown apart with
the runtime's start), in wall-clock time and in CPU time spent encoding (this process's
threads, or the actors'), which other work on a shared machine hardly moves. The 1-worker Ray
run gives the per-worker rate that predicts N machines; the driver's own CPU time (parse,
chunk, write) bounds how many workers one writer can feed. "load after" is the 1-minute load
average when a run ended: above the core count, other work slowed the wall-clock figures.
"""

from __future__ import annotations

import argparse
import os
import shutil
import tempfile
import time
from pathlib import Path

from _common import bbc_subset, need_shared, save, table

from qa.bot import make_bot

WORDS_PER_ARTICLE = 379
"""bbc's mean words per article (842,915 / 2,225): the article size the costs are for."""


def run(corpus: Path, index: Path, workers: int | None) -> dict[str, float]:
    """One index build from scratch; `workers` None is the single-process engine."""
    engine = None
    t0 = time.perf_counter()
    if workers is not None:
        from qa.ray_engine import RayEngine

        engine = RayEngine(None, workers=workers)
        engine.connect()
    started = time.perf_counter() - t0
    marks: list[tuple[float, float]] = []
    bot = make_bot(str(corpus), str(index), None)
    bot.embedder = engine
    try:
        t1, c1 = time.perf_counter(), time.process_time()
        summary = bot.refresh(progress=lambda done, total: marks.append(
            (time.perf_counter(), time.process_time())))
        update, update_cpu = time.perf_counter() - t1, time.process_time() - c1
        rows = bot.store.db.execute("SELECT text FROM passages").fetchall()
        # CPU seconds spent encoding: this process's (all its threads), or the actors'.
        cpu = (marks[-1][1] - marks[0][1] if engine is None
               else sum(s[2] for s in engine.stats()))
    finally:
        bot.close()
        if engine is not None:
            engine.close()
    words = sum(len(text.split()) for (text,) in rows)
    embed = marks[-1][0] - marks[0][0]
    return {"passages": summary.passages, "words": words, "runtime_start_s": started,
            "load_1min": os.getloadavg()[0],
            "update_s": update, "embed_s": embed, "words_per_s": words / update,
            "embed_words_per_s": words / embed, "driver_s": update - embed,
            "embed_cpu_s": cpu, "words_per_cpu_s": words / cpu,
            "driver_cpu_s": update_cpu - (cpu if engine is None else 0.0)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--per-folder", type=int, default=100,
                        help="articles from each of the 5 topic folders (default 100: 500)")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2],
                        help="Ray worker counts to run (default: 1 2)")
    args = parser.parse_args()
    bbc = need_shared("corpora", "bbc")
    work = Path(tempfile.mkdtemp(prefix="qa-scale-"))
    try:
        corpus = work / "bbc"
        articles = len(bbc_subset(bbc, args.per_folder, corpus))
        results: dict[str, dict[str, float]] = {}
        results["single process"] = run(corpus, work / "local", None)
        for n in args.workers:
            results[f"ray, {n} worker{'s' if n > 1 else ''}"] = run(corpus, work / f"ray{n}", n)
    finally:
        shutil.rmtree(work)
    first = next(iter(results.values()))
    rows = [(name, f"{r['runtime_start_s']:.1f}", f"{r['update_s']:.1f}", f"{r['embed_s']:.1f}",
             f"{r['words_per_s']:,.0f}", f"{r['embed_words_per_s']:,.0f}",
             f"{r['words_per_cpu_s']:,.0f}", f"{r['load_1min']:.1f}")
            for name, r in results.items()]
    table(f"Ingestion of bbc, {articles} articles ({args.per_folder} per folder), "
          f"{first['passages']:,} passages, {first['words']:,} words",
          ["engine", "runtime start (s)", "update (s)", "embedding (s)", "words/s (update)",
           "words/s (embedding)", "words per CPU-second (embedding)", "load after"], rows)
    one = results.get("ray, 1 worker")
    if one is not None:
        per_worker = one["embed_words_per_s"]
        per_cpu = one["words_per_cpu_s"]
        driver = first["words"] / first["driver_cpu_s"]
        core_hours = 1e6 * WORDS_PER_ARTICLE / per_cpu / 3600
        table("What it predicts", ["measure", "value"], [
            ("per-worker embedding rate, wall clock (words/s, 1 CPU)", per_worker),
            ("per-worker embedding rate, CPU time (words per CPU-second)", per_cpu),
            ("per-worker passages per CPU-second", one["passages"] / one["embed_cpu_s"]),
            ("driver alone: parse, chunk, write (words per CPU-second)", driver),
            ("workers one driver can feed", driver / per_cpu),
            ("core-hours per million bbc-sized articles (379 words, CPU time)", core_hours),
        ])
        results["prediction"] = {"per_worker_words_per_s": per_worker,
                                 "per_worker_words_per_cpu_s": per_cpu,
                                 "driver_words_per_s": driver,
                                 "core_hours_per_million_articles": core_hours}
    save("scale", {"articles": articles, "per_folder": args.per_folder, **results})


if __name__ == "__main__":
    main()
