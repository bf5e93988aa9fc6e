"""Questions per second from 1, 2, 4 and 8 threads sharing one Bot while another process
commits updates to the same index; every answer must come from one complete generation.

    python benchmarks/threads.py [--threads 1 2 4 8] [--seconds 20]

A copy of the seed corpus is indexed in a temp folder.  A separate process edits one article
(it adds a paragraph, then takes it away) and runs `qa index` on it, again and again, while the
threads ask a fixed set of questions (every mode, several k, a date filter, recency) and open
articles.  The answers of both versions of the corpus are recorded first; an answer equal to
neither (passage ids aside: a re-indexed article gets new ones) was read from no complete
generation and is counted as torn.  Exits 1 on any error or torn answer.
"""

from __future__ import annotations

import argparse
import random
import shutil
import subprocess
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
EXTRA = ("\n\nObservers of the European Union border mission in Armenia reported on the "
         "ceasefire line, and Canada said it would send two more experts to the mission.\n")
WRITER = """
import sys, time
from pathlib import Path
from qa.cli import main
article, base, extra, index, corpus, stop, count = sys.argv[1:8]
article, stop, count = Path(article), Path(stop), Path(count)
n = 0
while not stop.exists():
    article.write_text(base + (extra if n % 2 == 0 else ""))
    if main(["index", "--corpus", corpus, "--index", index]) != 0:
        sys.exit(1)
    n += 1
    count.write_text(str(n))
"""


def shape(answer: qa.Answer) -> Any:
    """An answer without its passage ids (new ones each time an article is re-indexed)."""
    d = answer.to_dict()
    for p in d.get("passages", []):
        p.pop("passage_id", None)
    return repr(d)


def expected_answers(corpus: Path, index: Path, article: Path, base: str
                     ) -> tuple[dict[Any, set], dict[str, set[str]]]:
    """Each question's answers, and the bodies of the articles they cite, with the article
    as it is and with the extra paragraph."""
    answers: dict[Any, set] = {q: set() for q in QUESTIONS}
    bodies: dict[str, set[str]] = {}
    for text in (base + EXTRA, base):
        article.write_text(text)
        bot = qa.open(corpus, index=index)
        for q in QUESTIONS:
            answer = bot.ask(q[0], k=q[1], mode=q[2])
            answers[q].add(shape(answer))
            for hit in answer.passages:
                aid = hit.citation.article_id
                bodies.setdefault(aid, set()).add(bot.article(aid).body)
        bot.close()
    return answers, bodies


def answers_now(bot: qa.Bot) -> tuple[dict[Any, set], dict[str, set[str]]]:
    """Each question's answer, and the bodies of the articles cited, from the index as it is
    (for a run without a writer)."""
    answers = {q: {shape(bot.ask(q[0], k=q[1], mode=q[2]))} for q in QUESTIONS}
    cited = {p["citation"]["article_id"] for q in QUESTIONS
             for p in bot.ask(q[0], k=q[1], mode=q[2]).to_dict()["passages"]}
    return answers, {a: {bot.article(a).body} for a in cited}


def hammer(bot: qa.Bot, threads: int, seconds: float, expected: dict[Any, set],
           articles: dict[str, set[str]], seed: int) -> dict[str, Any]:
    """Ask from `threads` threads for `seconds`; torn answers and errors are listed."""
    torn: list[str] = []
    errors: list[str] = []
    per_thread = [0] * threads
    start = threading.Barrier(threads + 1)
    deadline = [0.0]

    def work(n: int) -> None:
        rng = random.Random(seed * 1000 + n)
        start.wait()
        while time.monotonic() < deadline[0]:
            q = rng.choice(QUESTIONS)
            try:
                if shape(bot.ask(q[0], k=q[1], mode=q[2])) not in expected[q]:
                    torn.append(q[0])
                aid = rng.choice(sorted(articles))
                if bot.article(aid).body not in articles[aid]:
                    torn.append(aid)
            except Exception as exc:  # noqa: BLE001 -- every failure is reported
                errors.append(f"{type(exc).__name__}: {exc}")
            per_thread[n] += 1

    pool = [threading.Thread(target=work, args=(n,)) for n in range(threads)]
    for t in pool:
        t.start()
    deadline[0] = time.monotonic() + seconds
    t0 = time.monotonic()
    start.wait()
    for t in pool:
        t.join()
    took = time.monotonic() - t0
    return {"threads": threads, "asks": sum(per_thread), "per_thread": per_thread, "seconds": took,
            "per_second": sum(per_thread) / took, "torn": torn, "errors": errors}


def main() -> int:
    from _common import save, table

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--threads", type=int, nargs="+", default=[1, 2, 4, 8])
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="qa-threads-"))
    try:
        corpus, index = work / "corpus", work / "index"
        shutil.copytree(ROOT / "corpus", corpus)
        article = sorted(corpus.iterdir())[1]
        base = article.read_text()
        expected, articles = expected_answers(corpus, index, article, base)
        bot = qa.open(corpus, index=index, refresh=False)
        stop, count, log = work / "stop", work / "commits", work / "writer.log"
        with open(log, "w") as sink:
            writer = subprocess.Popen(
                [sys.executable, "-c", WRITER, str(article), base, EXTRA, str(index),
                 str(corpus), str(stop), str(count)], stdout=sink, stderr=sink)
        rows, reports = [], []
        try:
            for n in args.threads:
                before = _commits(count)
                report = hammer(bot, n, args.seconds, expected, articles, args.seed)
                report["commits"] = _commits(count) - before
                reports.append(report)
                rows.append([n, report["per_second"], report["asks"], report["commits"],
                             len(report["errors"]), len(report["torn"])])
        finally:
            stop.touch()
            writer.wait(timeout=120)
        bot.close()
        table("Questions per second while `qa index` commits updates (seed corpus)",
              ["threads", "questions/s", "questions", "commits meanwhile", "errors", "torn"],
              rows)
        if writer.returncode != 0:
            print("writer failed:", log.read_text().strip().splitlines()[-1:])
        for report in reports:
            for line in report["torn"][:5] + report["errors"][:5]:
                print("FAIL", report["threads"], line)
        save("threads", {"rows": rows, "seconds": args.seconds})
        bad = any(r["torn"] or r["errors"] for r in reports) or writer.returncode != 0
        return 1 if bad else 0
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _commits(count: Path) -> int:
    """Updates the writer has committed so far (it writes the count after each)."""
    try:
        return int(count.read_text() or 0)
    except (FileNotFoundError, ValueError):
        return 0


if __name__ == "__main__":
    sys.exit(main())
