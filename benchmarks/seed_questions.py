"""Answer quality on the seed corpus: retrieval rank, answer sentence, abstention.

    python benchmarks/seed_questions.py [--index DIR]

Prints a table and saves it as benchmarks/results/seed_questions.json.
"""

from __future__ import annotations

import argparse
import json
import tempfile
from pathlib import Path

import qa

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--index", default=None, help="index folder (default: a temp folder)")
    args = parser.parse_args()
    index = args.index or tempfile.mkdtemp(prefix="qa-seed-")
    bot = qa.open(ROOT / "corpus", index=index)
    questions = [json.loads(x) for x in (ROOT / "tests/data/seed_questions.jsonl").open()]
    unanswerable = (ROOT / "tests/data/unanswerable.txt").read_text().split("\n")
    unanswerable = [q for q in unanswerable if q]

    first = top5 = sentence = refused = 0
    for q in questions:
        a = bot.ask(q["question"])
        ranks = [h.rank for h in a.passages if q["answer"].lower() in h.text.lower()]
        first += bool(ranks) and ranks[0] == 1
        top5 += bool(ranks)
        sentence += a.text is not None and q["answer"].lower() in a.text.lower()
        refused += a.text is None
    not_found = sum(bot.ask(q).text is None for q in unanswerable)

    rows = [
        ("answering passage first", f"{first}/{len(questions)}"),
        ("answering passage in top 5", f"{top5}/{len(questions)}"),
        ("answer sentence holds the answer", f"{sentence}/{len(questions)}"),
        ("answerable questions refused", f"{refused}/{len(questions)}"),
        ("unanswerable questions answered 'not found'", f"{not_found}/{len(unanswerable)}"),
    ]
    width = max(len(r[0]) for r in rows)
    print(f"| {'measure':<{width}} | value |\n|{'-' * (width + 2)}|-------|")
    for name, value in rows:
        print(f"| {name:<{width}} | {value} |")
    out = ROOT / "benchmarks" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / "seed_questions.json").write_text(json.dumps(dict(rows), indent=2) + "\n")


if __name__ == "__main__":
    main()
