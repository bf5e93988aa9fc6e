"""Retrieval ablation: dense / lexical / hybrid / hybrid + the rest, on SciFact test and
RealTimeQA dev (from ../shared/eval), with `qa eval`'s own code.

    python benchmarks/ablation.py

"The rest" is what qa does on top of fusion: near-duplicate passages collapsed (always on
in `qa eval`, as in `qa -q`) and, for RealTimeQA, each question's quiz date as its as-of
date (`qa eval --query-dates`).
"""

from __future__ import annotations

from _common import need_shared, save, table

from qa.eval import evaluate, open_eval_bot

RUNS = [
    ("scifact", "test", [("dense", False), ("lexical", False), ("hybrid", False)]),
    ("realtimeqa", "dev", [("dense", False), ("lexical", False), ("hybrid", False),
                           ("hybrid", True)]),
]


def main() -> None:
    rows, results = [], {}
    for name, split, runs in RUNS:
        bot, queries, qrels = open_eval_bot(need_shared("eval", name), split)
        for mode, dates in runs:
            r = evaluate(bot, queries, qrels, k=100, mode=mode, split=split, query_dates=dates)
            label = mode + (" + query dates" if dates else "")
            rows.append((f"{name} {split}", label, r.ndcg10, r.mrr10, r.recall1, r.recall10,
                         r.recall100, r.queries))
            results[f"{name}/{label}"] = r.to_dict()
    table("Retrieval quality (qa eval)", ["set", "mode", "nDCG@10", "MRR@10", "R@1", "R@10",
                                          "R@100", "queries"], rows)
    save("ablation", results)


if __name__ == "__main__":
    main()
