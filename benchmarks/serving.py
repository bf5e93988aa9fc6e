"""Question latency on bbc: the local store against Milvus Lite (a file, in-process) and a
`milvus-lite server` process on 127.0.0.1, the same questions on the same articles.

    python benchmarks/serving.py [--per-folder 200] [--questions 60]

Indexes the first `--per-folder` articles of each bbc folder into each store (the build time
is shown, embedding included), then asks the first `--questions` questions of
tests/data/answers/tune/bbc.jsonl (their text only: any question is fine for latency) through
a warm `qa.Bot`, once unfiltered (hybrid) and once limited to one folder (`--path`), and
reports p50/p95 per store. Needs the scale extra (pymilvus, milvus-lite).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

from _common import ROOT, bbc_subset, milvus_lite_server, need_shared, pct, save, table

import qa
from qa.models import Filters

QUESTIONS = ROOT / "tests" / "data" / "answers" / "tune" / "bbc.jsonl"


def questions(n: int) -> list[str]:
    """The first `n` questions of the tune split (first turns of chats included)."""
    out = []
    for line in QUESTIONS.read_text(encoding="utf-8").splitlines():
        if line.strip():
            record = json.loads(line)
            out.append(record["question"] if "question" in record
                       else record["turns"][0]["question"])
    return out[:n]


def measure(bot: qa.Bot, asked: list[str], **options: object) -> tuple[float, float]:
    """(p50, p95) in ms of asking each question once, after two warm-up questions."""
    for q in asked[:2]:
        bot.ask(q, **options)  # type: ignore[arg-type]
    times = []
    for q in asked:
        t0 = time.perf_counter()
        bot.ask(q, **options)  # type: ignore[arg-type]
        times.append((time.perf_counter() - t0) * 1000)
    return pct(times, 50), pct(times, 95)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--per-folder", type=int, default=200)
    parser.add_argument("--questions", type=int, default=60)
    args = parser.parse_args()
    bbc = need_shared("corpora", "bbc")
    asked = questions(args.questions)
    folder = Filters(path="business/*")
    with tempfile.TemporaryDirectory(prefix="qa-serving-") as tmp:
        work = Path(tmp)
        articles = len(bbc_subset(bbc, args.per_folder, work / "corpus"))
        rows = []
        with milvus_lite_server(work / "server") as server:
            stores = [("local (SQLite + FAISS)", {"index": work / "index"}),
                      ("Milvus Lite file", {"milvus": str(work / "m.db")}),
                      ("milvus-lite server", {"milvus": server})]
            for name, where in stores:
                t0 = time.perf_counter()
                bot = qa.open(work / "corpus", **where)  # type: ignore[arg-type]
                built = time.perf_counter() - t0
                passages = bot.status().passages
                p50, p95 = measure(bot, asked)
                f50, f95 = measure(bot, asked, filters=folder)
                bot.close()
                rows.append((name, passages, *(f"{v:.1f}" for v in (built, p50, p95, f50, f95))))
                print(f"{name}: built in {built:.1f} s, p50 {p50:.1f} ms", file=sys.stderr)
    table(f"Question latency, {articles} bbc articles, {len(asked)} questions, warm (ms)",
          ["store", "passages", "build (s)", "p50", "p95", "p50 --path", "p95 --path"], rows)
    save("serving", {"articles": articles, "questions": len(asked), "rows": rows})


if __name__ == "__main__":
    main()
