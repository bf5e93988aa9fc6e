"""Fit the choice of the answering sentence (qa.answer.SENTENCE_WEIGHTS) on the fitting splits.

    python benchmarks/fit_sentences.py [--fit tune heldout … heldout14]
        [--check SPLIT ...] [--write]

Asks every answerable question of the `--fit` splits of tests/data/answers (seeds and bbc;
never heldout15, the split the figures are reported on), collects the features
(qa.answer.SENTENCE_FEATURES) of every sentence that competes to answer it, labels those that
hold the labelled answer, and fits a linear score by listwise softmax regression (L2): the
labelled sentences should outscore the others of the same question. Prints the weights and
how often the best-scoring sentence holds the answer with the weights in qa now and with the
fitted ones: in 5-fold cross-validation over the fitting questions, and on `--check` splits
(figures only). `--write` puts the weights into qa/answer.py.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
from _common import ROOT, save, table, wrap_items
from answers import CORPORA, FITTING, _contains, index_dir, load

import qa
from qa import answer as answering
from qa.answer import FITS_BONUS, SENTENCE_FEATURES, fits

Question = tuple[np.ndarray, np.ndarray]
"""One question's sentences: features (one row each) and whether each holds the answer."""


def collect(bot: qa.Bot, records: Sequence[dict[str, Any]]) -> list[Question]:
    """The sentence features and labels of each answerable record's question."""
    seen: list[tuple[Any, ...]] = []
    real = answering.build

    def spy(question: str, vector: Any, candidates: Any, rows: Any, sentences: Any,
            rarity: Any, *args: Any, **kwargs: Any) -> Any:
        seen.append((question, vector, candidates, rows, sentences, rarity))
        return real(question, vector, candidates, rows, sentences, rarity, *args, **kwargs)

    out = []
    answering.build = spy
    try:
        for r in records:
            if r["kind"] != "answerable":
                continue
            seen.clear()
            bot.ask(r["question"])
            question, vector, candidates, rows, sentences, rarity = seen[-1]
            spans, texts, cosines, _ = answering.pool(vector, candidates, rows, sentences)
            asked = answering.Asked.of(question, rarity)
            x = np.array([answering.sentence_features(
                asked, text, float(cos), candidates[i], i, a,
                texts[n - 1] if n and spans[n - 1][0] == i else None,
                rows[candidates[i].id].text)  # with its passage, as qa.answer.build does
                for n, ((i, a, _), text, cos) in enumerate(zip(spans, texts, cosines,
                                                               strict=True))])
            y = np.array([_contains(text, r["answer"]) for text in texts], dtype=float)
            out.append((x.reshape(len(texts), len(SENTENCE_FEATURES)), y))
    finally:
        answering.build = real
    return out


def bonus(x: np.ndarray) -> np.ndarray:
    """What qa adds to each sentence's weighted features (qa.answer.FITS_BONUS): it is not
    fitted here, but counted in every score."""
    return FITS_BONUS * np.array([fits(row) for row in x], dtype=float)


def fit(questions: Sequence[Question], l2: float = 0.001, steps: int = 4000,
        rate: float = 0.5) -> np.ndarray:
    """Weights that put a labelled sentence first: softmax over each question's sentences,
    maximising the probability of the labelled ones."""
    usable = [(x, y, bonus(x)) for x, y in questions if y.any() and len(y) > 1]
    w = np.zeros(len(SENTENCE_FEATURES))
    for _ in range(steps):
        grad = l2 * w
        for x, y, b in usable:
            s = x @ w + b
            p = np.exp(s - s.max())
            p /= p.sum()
            pos = p * y
            pos /= pos.sum()
            grad += (x.T @ (p - pos)) / len(usable)
        w -= rate * grad
    return w


def cross_validate(questions: Sequence[Question], now: np.ndarray,
                   folds: int = 5) -> tuple[int, int, int]:
    """(fitted, weights now, questions) whose best-scoring sentence holds the answer, each
    fold scored with weights fitted on the other folds."""
    order = np.random.default_rng(0).permutation(len(questions))
    fitted = base = total = 0
    for k in range(folds):
        held = set(order[k::folds].tolist())
        w = fit([q for i, q in enumerate(questions) if i not in held])
        test = [questions[i] for i in sorted(held)]
        n, total_k = first_holds(test, w)
        fitted, base, total = fitted + n, base + first_holds(test, now)[0], total + total_k
    return fitted, base, total


def first_holds(questions: Sequence[Question], w: np.ndarray) -> tuple[int, int]:
    """(questions whose best-scoring sentence holds the answer, questions with any that do)."""
    usable = [(x, y) for x, y in questions if y.any()]
    return sum(int(y[int(np.argmax(x @ w + bonus(x)))]) for x, y in usable), len(usable)


def write(w: np.ndarray) -> None:
    """Replace SENTENCE_WEIGHTS in qa/answer.py."""
    path = ROOT / "qa" / "answer.py"
    text = path.read_text()
    start = text.index("SENTENCE_WEIGHTS = {")
    end = text.index("}\n", start) + 2
    items = [f'"{f}": {v:.3f}' for f, v in zip(SENTENCE_FEATURES, w, strict=True)]
    block = "SENTENCE_WEIGHTS = {" + "\n                    ".join(wrap_items(items, 76)) + "}\n"
    path.write_text(text[:start] + block + text[end:])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fit", nargs="+", default=list(FITTING), choices=FITTING,
                        help=f"splits fitted on (default: {' '.join(FITTING)})")
    parser.add_argument("--check", nargs="*", default=[],
                        help="splits only measured, never fitted on")
    parser.add_argument("--write", action="store_true",
                        help="put the fitted weights into qa/answer.py")
    args = parser.parse_args()
    data: dict[str, list[Question]] = {}
    for name, corpus in CORPORA.items():
        if not Path(corpus).exists():
            print(f"skipped {name}: {corpus} is absent")
            continue
        bot = qa.open(corpus, index=index_dir(corpus))
        for split in [*args.fit, *args.check]:
            records = load(split, name)
            if records:
                data.setdefault(split, []).extend(collect(bot, records))
        bot.close()
    now = np.array([answering.SENTENCE_WEIGHTS[f] for f in SENTENCE_FEATURES], dtype=float)
    fitting = [q for split in args.fit for q in data.get(split, [])]
    fitted = fit(fitting)
    print("SENTENCE_WEIGHTS = {" + ", ".join(
        f'"{f}": {v:.3f}' for f, v in zip(SENTENCE_FEATURES, fitted, strict=True)) + "}\n")
    cv = cross_validate(fitting, now)
    rows = [("fitting, 5-fold cross-validated", len(fitting), cv[2], f"{cv[1]}/{cv[2]}",
             f"{cv[0]}/{cv[2]}")]
    for split, questions in data.items():
        n_now, total = first_holds(questions, now)
        n_fit, _ = first_holds(questions, fitted)
        rows.append((split, len(questions), total, f"{n_now}/{total}", f"{n_fit}/{total}"))
    table("Best-scoring sentence holds the answer (questions whose pool holds it)",
          ["split", "questions", "answer in pool", "weights now", "fitted"], rows)
    if args.write:
        write(fitted)
    save("fit_sentences", {"weights": dict(zip(SENTENCE_FEATURES, fitted.tolist(),
                                               strict=True))})


if __name__ == "__main__":
    main()
