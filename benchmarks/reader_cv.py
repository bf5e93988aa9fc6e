"""Would a reader fine-tuned from the bundled model help the not-found decision? Measured only.

    python benchmarks/reader_cv.py [--folds 3] [--epochs 2] [--fit tune heldout …] [--swaps]
                                   [--context]

The not-found decision (qa.evidence) weighs word, name and cosine evidence. This script asks
whether one more feature, the score of a cross-encoder fine-tuned from the bundled
all-MiniLM-L6-v2 (question and answer sentence as one input, mean-pooled, a linear head),
would find more near-topic questions "not found" at the same share of answerable ones
refused. Nothing here is used by qa.

1. Every answerable and near-topic question of the fitting splits (answers.FITTING, seeds and
   bbc, plus the off-topic questions; `--fit` may add the read splits, never the held-out or
   unseen ones) is asked; the sentence qa weighed and its passage are kept, with the evidence
   features.
2. The splits are cut into `--folds` groups; for each group a reader is trained on the others'
   sentences (every sentence of the weighed passage; those holding the labelled answer of an
   answerable question are the positives) and scores the group's weighed sentences, so every
   score is out of fold. With `--swaps` each answer sentence is also a negative for its
   question with one of its names swapped for another name of the passage (what the hard
   near-topic questions ask); with `--context` the reader reads the headline and the sentence
   before too.
3. Leave-one-split-out of the logistic not-found decision (as benchmarks/fit_answers.py fits
   it, the threshold refusing 5% of the answerable questions fitted on), with the evidence
   features alone and with the reader's score added; the read splits whose near-topic
   questions were written hard (HARD) are counted apart too.

On 2 December 2026 this procedure, as first written for that day's study (15 fitting splits,
3 folds, 2 epochs, about 40 minutes on 2 cores), found 441 of 566 near-topic questions "not
found" at 58 of 1,093 answerable refused without the reader, 458 at 56 with it; this script
was then only run short (`--fit tune heldout --folds 2 --epochs 1`: 85 of 96 either way, too
few to learn from). Run again in full on 3 December 2026, after many rules had joined the
evidence (33 minutes): 466 of 566 without the reader, 470 with it, both at 59 of 1,093 refused.
On 5 December 2026 (session 57), trained on name swaps over the fitting and read splits
(`--fit` every split from tune to heldout31 but heldout15, `--folds 3 --epochs 1 --swaps`, 40
minutes beside other work): 906 of 1,142 near-topic questions "not found" at 114 of 2,181
answerable refused without the reader, 929 at 108 with it; on the hard splits (heldout29 to
31) 61 of 108 at 14 of 204 refused without it, 68 at 15 with it. The first reader that moves
both counts the right way, by about two points; qa does not use it yet (it would ship a
fine-tuned model of about 23 MB as int8 ONNX, and the not-found weights would be refitted on
its out-of-fold scores).
Needs torch and transformers (installed with sentence-transformers)."""

from __future__ import annotations

import argparse
import random
import re
import sys
from typing import Any

import numpy as np
from _common import save, table
from answers import CORPORA, FITTING, READ, index_dir, load, off_topic
from fit_answers import UNWEIGHED, fit, indexed

import qa
from qa import answer as answering
from qa import evidence
from qa.articles import scan
from qa.evidence import FEATURES
from qa.names import is_time
from qa.passages import split_sentences
from qa.subjects import QUESTION_NAME

HARD = ("heldout29", "heldout30", "heldout31")
"""Read splits whose near-topic questions were written hard: each asks an article for a fact
it gives only of something else (tests/data/answers/README.md)."""
_NAME = re.compile(r"\b(?:[A-Z][a-z]+|[A-Z]{2,})(?:\s+(?:[A-Z][a-z]+|[A-Z]{2,}|of|de|&))*"
                   r"(?<!\bof)(?<!\bde)")
"""A run of capitalised words, "of" inside it ("Bank of England")."""


def weighed(splits: list[str]) -> list[dict[str, Any]]:
    """Each question's weighed sentence, its passage and its evidence features."""
    seen: dict[str, str] = {}
    build = answering.build

    def keep(*args: Any, **kwargs: Any) -> answering.Built:  # the sentence weighed, even
        built = build(*args, **kwargs)  # when it is not shown (Answer has it only if found)
        if built.rank is not None and built.hits[built.rank - 1].highlight:
            hit = built.hits[built.rank - 1]
            seen.update(passage=hit.text, sentence=hit.text[slice(*hit.highlight)],
                        headline=hit.citation.title)
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
                             "passage": seen.get("passage", ""),
                             "headline": seen.get("headline", "")})
            bot.close()
    finally:
        answering.build = build  # type: ignore[assignment]
    return rows


def _plain(text: str) -> str:
    return " ".join(text.split()).lower()


def pairs(row: dict[str, Any], swaps: bool = False, context: bool = False,
          rng: random.Random | None = None) -> list[tuple[str, str, float]]:
    """(question, sentence, label) for every sentence of the row's passage.

    With `swaps`, an answerable row's answer sentence is also a negative for the question with
    one of its names, said in the sentence, put in place of another name the passage says
    elsewhere ("How much did Tavex lose?" for Orla's loss): the near-topic questions that
    are hard to refuse ask just that. With `context`, the reader reads each sentence followed by
    the article's headline and the sentence before it (a pronoun's antecedent)."""
    text = row["passage"]
    sentences = [text[a:b] for a, b in split_sentences(text)] or [row["sentence"]]
    out = [(row["question"], read(row, s, context),
            float(any(_plain(a) in _plain(s) for a in row["answers"]))) for s in sentences]
    answering = [s for (_, _, label), s in zip(out, sentences, strict=True) if label]
    if swaps and answering:
        said = [m.group() for m in QUESTION_NAME.finditer(row["question"].strip())
                if m.group().lower() in answering[0].lower()]
        others = [n for n in dict.fromkeys(m.group() for m in _NAME.finditer(text))
                  if n.lower() not in answering[0].lower() and n.lower() not in
                  row["question"].lower() and not is_time(n) and re.search(
                      rf"[a-z,] {re.escape(n)}", text)]
        if said and others:
            rng = rng or random.Random(row["question"])
            question = row["question"].replace(rng.choice(said), rng.choice(others), 1)
            out.append((question, read(row, answering[0], context), 0.0))
    return out


def read(row: dict[str, Any], sentence: str, context: bool) -> str:
    """What the reader reads of a sentence: the sentence, or with `context` the sentence, then
    the headline and the sentence before it in the passage."""
    if not context:
        return sentence
    text = row["passage"]
    sentences = [text[a:b].strip() for a, b in split_sentences(text)]
    before = dict(zip(sentences, ["", *sentences[:-1]], strict=True)).get(sentence.strip(), "")
    return f"{sentence} || {row['headline']}. {before}"


def train(data: list[tuple[str, str, float]], epochs: int, length: int = 128) -> Any:
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
            batch = tokenizer(questions, sentences, truncation=True, max_length=length,
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


def score(reader: Any, rows: list[dict[str, Any]], context: bool = False) -> list[float]:
    """The reader's probability that each row's weighed sentence answers its question."""
    import torch

    out: list[float] = []
    with torch.no_grad():
        for i in range(0, len(rows), 64):
            chunk = rows[i:i + 64]
            logits = reader([r["question"] for r in chunk],
                            [read(r, r["sentence"], context) for r in chunk])
            out.extend(torch.sigmoid(logits).tolist())
    return out


def not_found_cv(rows: list[dict[str, Any]], extra: tuple[str, ...]
                 ) -> dict[str, tuple[int, int, int, int]]:
    """Leave-one-split-out of the not-found decision with FEATURES plus `extra`: near-topic
    questions not found, near-topic questions, answerable refused, answerable questions; over
    all splits, and over the HARD ones."""
    names = [*FEATURES, *extra]
    free = [i for i, f in enumerate(names) if f not in evidence.GATES + UNWEIGHED]

    def matrix(part: list[dict[str, Any]]) -> tuple[np.ndarray, np.ndarray]:
        x = np.array([[r["features"].get(f, 0.0) for f in names] for r in part])
        return x, np.array([evidence.gated(r["features"]) for r in part], dtype=bool)

    found = {"all": [0, 0, 0, 0], "hard": [0, 0, 0, 0]}
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
        for key in ("all", "hard") if held in HARD else ("all",):
            found[key][0] += int((~shown & (kinds == "unanswerable")).sum())
            found[key][1] += int((kinds == "unanswerable").sum())
            found[key][2] += int((~shown & (kinds == "answerable")).sum())
            found[key][3] += int((kinds == "answerable").sum())
    return {key: (a, b, c, d) for key, (a, b, c, d) in found.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fit", nargs="+", default=list(FITTING), choices=(*FITTING, *READ),
                        help="splits to ask (never the held-out or unseen ones)")
    parser.add_argument("--folds", type=int, default=3)
    parser.add_argument("--epochs", type=int, default=2)
    parser.add_argument("--swaps", action="store_true",
                        help="train on name-swapped questions too (see `pairs`)")
    parser.add_argument("--context", action="store_true",
                        help="the reader reads the headline and the sentence before")
    args = parser.parse_args()
    rows = weighed(args.fit)
    splits = sorted({r["split"] for r in rows} - {"off"})
    groups = [splits[i::args.folds] for i in range(args.folds)]
    length = 192 if args.context else 128
    rng = random.Random(0)
    for group in groups:  # off-topic rows train every reader and are scored by the last
        others = [r for r in rows if r["split"] not in group]
        reader = train([p for r in others for p in pairs(r, args.swaps, args.context, rng)],
                       args.epochs, length)
        scored = [r for r in rows if r["split"] in group or r["split"] == "off"]
        for r, s in zip(scored, score(reader, scored, args.context), strict=True):
            r["features"]["reader"] = s
        print(f"reader trained without {', '.join(group)}", file=sys.stderr)
    results = {"evidence": not_found_cv(rows, ()), "evidence + reader": not_found_cv(
        rows, ("reader",))}
    table("Not-found decision, leave one split out (5% refused where fitted)",
          ["features", "near-topic not found", "answerable refused",
           f"hard splits ({', '.join(h for h in HARD if h in splits) or 'none asked'})"],
          [(name, f"{r['all'][0]}/{r['all'][1]}", f"{r['all'][2]}/{r['all'][3]}",
            f"{r['hard'][0]}/{r['hard'][1]} not found, {r['hard'][2]}/{r['hard'][3]} refused")
           for name, r in results.items()])
    save("reader_cv", {"splits": splits, "folds": groups, "epochs": args.epochs,
                       "swaps": args.swaps, "context": args.context,
                       "results": {k: {g: list(v) for g, v in r.items()}
                                   for k, r in results.items()}})


if __name__ == "__main__":
    main()
