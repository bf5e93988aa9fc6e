"""The not-found trade-off on our own question set: answerable questions wrongly refused
against unanswerable ones answered, for a range of thresholds. Unanswerable questions come in
two kinds: off-topic (tests/data/unanswerable.txt, which the tests hold to "not found") and
near-topic, about the same people and places (tests/data/unanswerable_near.txt), which an
extractive bot without a reader model often mistakes for answerable.

    python benchmarks/abstention.py
"""

from __future__ import annotations

import json
import tempfile

import numpy as np
from _common import ROOT, save, table

import qa
from qa.answer import FOUND_THRESHOLD


def main() -> None:
    bot = qa.open(ROOT / "corpus", index=tempfile.mkdtemp(prefix="qa-abstain-"))
    answerable = [json.loads(x)["question"] for x in
                  (ROOT / "tests/data/seed_questions.jsonl").read_text().splitlines() if x]
    off = [q for q in (ROOT / "tests/data/unanswerable.txt").read_text().splitlines() if q]
    near = [q for q in (ROOT / "tests/data/unanswerable_near.txt").read_text().splitlines()
            if q]
    a = np.array([bot.ask(q).confidence for q in answerable])
    u = np.array([bot.ask(q).confidence for q in off])
    n = np.array([bot.ask(q).confidence for q in near])
    rows = []
    for t in sorted({*np.round(np.arange(0.25, 0.56, 0.03), 2), FOUND_THRESHOLD}):
        mark = "  <- qa's threshold" if t == FOUND_THRESHOLD else ""
        rows.append((f"{t:.2f}{mark}", f"{int((a < t).sum())}/{len(a)}",
                     f"{int((u >= t).sum())}/{len(u)}", f"{int((n >= t).sum())}/{len(n)}"))
    table("Not-found threshold: answerable refused vs unanswerable answered",
          ["threshold", "answerable refused", "off-topic answered", "near-topic answered"],
          rows)
    save("abstention", {"threshold": FOUND_THRESHOLD, "answerable": a.tolist(),
                        "off_topic": u.tolist(), "near_topic": n.tolist(),
                        "questions": {"answerable": answerable, "off_topic": off,
                                      "near_topic": near}})


if __name__ == "__main__":
    main()
