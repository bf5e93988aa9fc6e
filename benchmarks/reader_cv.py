"""Would a reader fine-tuned from the bundled model help the not-found decision? Measured only.

    python benchmarks/reader_cv.py [--folds 3] [--epochs 2] [--fit tune heldout …]

The not-found decision (qa.evidence) weighs word, name and cosine evidence. This script asks
whether one more feature, the score of a cross-encoder fine-tuned from the bundled
all-MiniLM-L6-v2 (question and answer sentence as one input, mean-pooled, a linear head),
would find more near-topic questions "not found" at the same share of answerable ones
refused. Nothing here is used by qa.

1. Every answerable and near-topic question of the fitting splits (answers.FITTING, seeds and
   bbc, plus the off-topic questions) is asked; the sentence qa weighed and its passage are
   kept, with the evidence features.
2. The splits are cut into `--folds` groups; for each group a reader is trained on the others'
   sentences (every sentence of the weighed passage; those holding the labelled answer of an
   answerable question are the positives) and scores the group's weighed sentences, so every
   score is out of fold.
3. Leave-one-split-out of the logistic not-found decision (as benchmarks/fit_answers.py fits
   it, the threshold refusing 5% of the answerable questions fitted on), with the evidence
   features alone and with the reader's score added.

On 2 December 2026 this procedure, as first written for that day's study (15 fitting splits,
3 folds, 2 epochs, about 40 minutes on 2 cores), found 441 of 566 near-topic questions "not
found" at 58 of 1,093 answerable refused without the reader, 458 at 56 with it; this script
was then only run short (`--fit tune heldout --folds 2 --epochs 1`: 85 of 96 either way, too
few to learn from). Run again in full on 3 December 2026, after many rules had joined the
evidence (33 minutes): 466 of 566 without the reader, 470 with it, both at 59 of 1,093 refused.
Needs torch and transformers (installed with sentence-transformers)."""

from __future__ import annotations

import argparse
import random
import sys
from typing import Any

import numpy as np
from _common import save, table
from answers import CORPORA, FITTING, index_dir, load, off_topic
from fit_answers import UNWEIGHED, fit, indexed

import qa
from qa import answer as answering
from qa import evidence
from qa.articles import scan
from qa.evidence import FEATURES
from qa.passages import split_sentences


def weighed(splits: list[str]) -> list[dict[str, Any]]:
    """Each question's weighed sentence, its passage and its evidence features."""
    seen: dict[str, str] = {}
    build = answering.build

    def keep(*args: Any, **kwargs: Any) -> answering.Built:  # the sentence weighed, even
        built = build(*args, **kwargs)  # when it is not shown (Answer has it only if found)
        if built.rank is not None and built.hits[built.rank - 1].highlight:
            hit = built.hits[built.rank - 1]
            seen.update(passage=hit.text, sentence=hit.text[slice(*hit.highlight)])
        return built

    answering.build = keep  # type: ignore[assignment]
    rows: list[dict[str, Any]] = []
    try:
        for name, corpus in CORPORA.items():
            if not corpus.exists():
                continue
            bot = qa.open(corpus, index=index_dir(corpus))
            files = {stamp.path: stamp for stamp in scan(corpus)[0]}
            asked = [(split, r) for split in splits for r in load(split, name) or []
                     if r["kind"] == "unanswerable"
                     or r["kind"] == "answerable" and indexed(corpus, files, r)]
            asked += [("off", {"kind": "off", "question": q}) for q in off_topic()]
            for split, r in asked:
                seen.clear()
                got = bot.ask(r["question"])
                rows.append({"split": split, "kind": r["kind"], "question": r["question"],
                             "answers": r.get("answer", []), "features": dict(got.evidence),
                             "sentence": seen.get("sentence", ""),
                             "passage": seen.get("passage", "")})
            bot.close()
    finally:
        answering.build = build  # type: ignore[assignment]
    return rows


def _plain(text: str) -> str:
    return " ".join(text.split()).lower()


def pairs(row: dict[str, Any]) -> list[tuple[str, str, float]]:
    """(question, sentence, label) for every sentence of the row's passage."""
    text = row["passage"]
    sentences = [text[a:b] for a, b in split_sentences(text)] or [row["sentence"]]
    return [(row["question"], s, float(any(_plain(a) in _plain(s) for a in row["answers"])))
            for s in sentences]


def train(data: list[tuple[str, str, float]], epochs: int) -> Any:
    """A cross-encoder fine-tuned from the bundled model on (question, sentence, label)."""
    import torch
    from transformers import AutoModel, AutoTokenizer

    from qa.encoder import default_model_dir

    path = str(default_model_dir())
    torch.manual_seed(0)
    shuffled = random.Random(0)
    tokenizer = AutoTokenizer.from_pretrained(path)

    class Reader(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.encoder = AutoModel.from_pretrained(path)
            self.head = torch.nn.Linear(self.encoder.config.hidden_size, 1)

        def forward(self, questions: list[str], sentences: list[str]) -> Any:
            batch = tokenizer(questions, sentences, truncation=True, max_length=128,
                              padding=True, return_tensors="pt")
            hidden = self.encoder(**batch).last_hidden_state
            mask = batch["attention_mask"].unsqueeze(-1).float()
            return self.head((hidden * mask).sum(1) / mask.sum(1)).squeeze(-1)

    reader = Reader()
    optimiser = torch.optim.AdamW(reader.parameters(), lr=3e-5)
    positives = sum(label for *_, label in data) or 1.0
    weight = torch.tensor((len(data) - positives) / positives)
    reader.train()
    for _ in range(epochs):
        shuffled.shuffle(data)
        for i in range(0, len(data), 16):
            chunk = data[i:i + 16]
            logits = reader([q for q, _, _ in chunk], [s for _, s, _ in chunk])
            loss = torch.nn.functional.binary_cross_entropy_with_logits(
                logits, torch.tensor([label for *_, label in chunk]), pos_weight=weight)
            optimiser.zero_grad()
            loss.backward()
            optimiser.step()
    reader.eval()
    return reader


def score(reader: Any, rows: list[dict[str, Any]]) -> list[float]:
    """The reader's probability that each row's weighed sentence answers its question."""
    import torch

    out: list[float] = []
    with torch.no_grad():
        for i in range(0, len(rows), 64):
            chunk = rows[i:i + 64]
            logits = reader([r["question"] for r in chunk], [r["sentence"] for r in chunk])
            out.extend(torch.sigmoid(logits).tolist())
    return out


def not_found_cv(rows: list[dict[str, Any]], extra: tuple[str, ...]) -> tuple[int, int, int, int]:
    """Leave-one-split-out of the not-found decision with FEATURES plus `extra`: near-topic
    questions not found, near-topic questions, answerable refused, answerable questions."""
    names = [*FEATURES, *extra]
    free = [i for i, f in enumerate(names) if f not in evidence.GATES + UNWEIGHED]

    def matrix(part: list[dict[str, Any]]) -> tuple[np.ndarray, np.ndarray]:
        x = np.array([[r["features"].get(f, 0.0) for f in names] for r in part])
        return x, np.array([evidence.gated(r["features"]) for r in part], dtype=bool)

    found = [0, 0, 0, 0]
    for held in sorted({r["split"] for r in rows} - {"off"}):
        train_rows = [r for r in rows if r["split"] != held]
        x, gated = matrix(train_rows)
        y = np.array([r["kind"] == "answerable" for r in train_rows], dtype=float)
        w = np.zeros(len(names))
        w[free], b = fit(x[~gated][:, free], y[~gated])
        p = np.where(gated, 0.0, 1 / (1 + np.exp(-(x @ w + b))))
        budget = int(np.floor(0.05 * (y == 1).sum())) - int((gated & (y == 1)).sum())
        threshold = float(np.sort(p[(y == 1) & ~gated])[max(budget, 0)]) - 1e-6
        test = [r for r in rows if r["split"] == held]
        xt, gt = matrix(test)
        shown = np.where(gt, 0.0, 1 / (1 + np.exp(-(xt @ w + b)))) >= threshold
        kinds = np.array([r["kind"] for r in test])
        found[0] += int((~shown & (kinds == "unanswerable")).sum())
        found[1] += int((kinds == "unanswerable").sum())
        found[2] += int((~shown & (kinds == "answerable")).sum())
        found[3] += int((kinds == "answerable").sum())
    return found[0], found[1], found[2], found[3]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fit", nargs="+", default=list(FITTING), choices=FITTING)
    parser.add_argument("--folds", type=int, default=3)
    parser.add_argument("--epochs", type=int, default=2)
    args = parser.parse_args()
    rows = weighed(args.fit)
    splits = sorted({r["split"] for r in rows} - {"off"})
    groups = [splits[i::args.folds] for i in range(args.folds)]
    for group in groups:  # off-topic rows train every reader and are scored by the last
        others = [r for r in rows if r["split"] not in group]
        reader = train([p for r in others for p in pairs(r)], args.epochs)
        scored = [r for r in rows if r["split"] in group or r["split"] == "off"]
        for r, s in zip(scored, score(reader, scored), strict=True):
            r["features"]["reader"] = s
        print(f"reader trained without {', '.join(group)}", file=sys.stderr)
    results = {"evidence": not_found_cv(rows, ()), "evidence + reader": not_found_cv(
        rows, ("reader",))}
    table("Not-found decision, leave one fitting split out (5% refused where fitted)",
          ["features", "near-topic not found", "answerable refused"],
          [(name, f"{nf}/{n}", f"{ref}/{m}") for name, (nf, n, ref, m) in results.items()])
    save("reader_cv", {"splits": splits, "folds": groups, "epochs": args.epochs,
                       "results": {k: list(v) for k, v in results.items()}})


if __name__ == "__main__":
    main()
