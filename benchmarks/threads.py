"""One Bot asked from many threads at once gives the answers of asking in turn.

    python benchmarks/threads.py [--threads 8] [--seconds 30] [--index DIR]

Asks a fixed set of questions (every mode, several k) one by one to record the expected
answers, then from N threads for S seconds, each thread picking questions at random and also
reading whole articles; every result is compared with the expected one.  Prints the counts.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import qa

ROOT = Path(__file__).resolve().parent.parent
QUESTIONS = [
    ("Who is Canada's foreign affairs minister?", 5, "hybrid"),
    ("Which minister suspended drone exports to Turkey?", 3, "dense"),
    ("How many people fled Nagorno-Karabakh?", 5, "hybrid"),
    ("sanctions Azerbaijan NDP", 4, "lexical"),
    ("Who is Canada's new ambassador to Armenia?", 1, "hybrid"),
    ("What is the capital of France?", 5, "hybrid"),
    ("When was the ceasefire signed?", 10, "dense"),
    ("European Union monitors border mission", 50, "lexical"),
    ("What did Melanie Joly announce in July 2023?", 5, "hybrid"),  # a date filter
    ("What is the latest on Armenia?", 3, "hybrid"),  # recency
]


def hammer(bot: qa.Bot, threads: int, seconds: float, seed: int) -> dict[str, Any]:
    """Ask from `threads` threads for `seconds`; mismatches and errors are listed."""
    expected = {q: bot.ask(q[0], k=q[1], mode=q[2]).to_dict() for q in QUESTIONS}
    articles = {a: bot.article(a).body for a in
                {p["citation"]["article_id"] for d in expected.values() for p in d["passages"]}}
    mismatches: list[str] = []
    errors: list[str] = []
    per_thread = [0] * threads
    deadline = time.monotonic() + seconds
    start = threading.Barrier(threads)

    def work(n: int) -> None:
        rng = random.Random(seed * 1000 + n)
        start.wait()
        while time.monotonic() < deadline:
            q = rng.choice(QUESTIONS)
            try:
                if bot.ask(q[0], k=q[1], mode=q[2]).to_dict() != expected[q]:
                    mismatches.append(q[0])
                aid = rng.choice(sorted(articles))
                if bot.article(aid).body != articles[aid]:
                    mismatches.append(aid)
            except Exception as exc:  # noqa: BLE001 -- every failure is reported
                errors.append(f"{type(exc).__name__}: {exc}")
            per_thread[n] += 1

    pool = [threading.Thread(target=work, args=(n,)) for n in range(threads)]
    for t in pool:
        t.start()
    for t in pool:
        t.join()
    return {"asks": sum(per_thread), "per_thread": per_thread, "mismatches": mismatches,
            "errors": errors}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--index", default=None, help="index of the seed corpus (default: "
                                                      "built in a temp folder)")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    index = args.index or tempfile.mkdtemp(prefix="qa-threads-")
    bot = qa.open(ROOT / "corpus", index=index)
    t0 = time.monotonic()
    report = hammer(bot, args.threads, args.seconds, args.seed)
    took = time.monotonic() - t0
    print(f"{args.threads} threads, {took:.0f} s: {report['asks']} asks "
          f"({report['asks'] / took:.1f}/s), per thread {report['per_thread']}, "
          f"{len(report['mismatches'])} mismatches, {len(report['errors'])} errors")
    for line in report["mismatches"][:10] + report["errors"][:10]:
        print("FAIL", line)
    return 1 if report["mismatches"] or report["errors"] else 0


if __name__ == "__main__":
    sys.exit(main())
