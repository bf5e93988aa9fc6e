"""Damage every file of a built index in every way and check no answer ever changes silently.

    python benchmarks/damage_matrix.py [--flips 200] [--seed 7]
    python benchmarks/damage_matrix.py --index DIR --corpus DIR [--flips 20]   # an existing index

For each file of the index (qa.sqlite3, its -wal and -shm when a writer still has it open, the
FAISS file, the model's ONNX export, the lock file) and each kind of damage (missing, truncated,
one flipped byte, many scattered flipped bytes, bytes appended) a fresh copy of the index is
damaged and asked the same questions as the undamaged one.  Each case ends as one of:

    detected  a QAError naming `qa index` (the CLI prints it in one line and exits 2)
    same      every answer is identical to the undamaged index's (the damage hit unused bytes)
    WRONG     some answer differs: a failure
    crash     any other exception: a failure

Prints a table (file x damage) and exits 1 when any case is WRONG or a crash.
"""

from __future__ import annotations

import argparse
import random
import re
import shutil
import sqlite3
import sys
import tempfile
from collections import Counter
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import qa
from qa.bot import Bot
from qa.encoder import Encoder
from qa.index import DB_NAME

ROOT = Path(__file__).resolve().parent.parent
QUESTIONS = [
    ("Who is Canada's foreign affairs minister?", "hybrid"),
    ("Which minister suspended drone exports to Turkey?", "dense"),
    ("sanctions Azerbaijan NDP", "lexical"),
    ("How many people fled Nagorno-Karabakh?", "hybrid"),
]
MODES = ("missing", "truncate-half", "truncate-tail", "flip-one", "flip-many", "append")


class CachedEncoder(Encoder):
    """The real model, each distinct batch encoded once: the damage is in the index, not in
    the model, and every case asks the same questions of the same passages."""

    def __init__(self) -> None:
        super().__init__()
        self._cache: dict[tuple[str, ...], Any] = {}

    def encode(self, texts: Sequence[str], batch_size: int = 32) -> Any:
        key = tuple(texts)
        if key not in self._cache:
            self._cache[key] = super().encode(texts, batch_size)
        return self._cache[key].copy()

    @property
    def uses_onnx(self) -> bool:
        return False  # so every case reads (and checks) the index's ONNX file again

    def use_onnx(self, model: bytes | None) -> None:
        if model is None or model != self._onnx:
            super().use_onnx(model)


def build(corpus: Path, directory: Path, encoder: Encoder) -> tuple[Path, Path]:
    """Two undamaged indexes of `corpus`: one closed cleanly; one copied while its writer and a
    reader still had it open, its last update still only in qa.sqlite3-wal (the reader's
    snapshot keeps SQLite from copying it into the database file)."""
    closed, live = directory / "closed", directory / "live"
    bot = Bot(corpus, closed, encoder)
    bot.refresh()
    bot.close()
    grown = directory / "grown-corpus"
    shutil.copytree(corpus, grown)
    writer = Bot(grown, directory / "writer", encoder)
    writer.refresh()
    reader = sqlite3.connect(directory / "writer" / DB_NAME)
    reader.execute("BEGIN")
    reader.execute("SELECT count(*) FROM passages").fetchone()
    (grown / "late.txt").write_text("Late news\n\nThe ferry to the islands sailed again on "
                                    "Friday after the strike ended.\n")
    writer.refresh()
    shutil.copytree(directory / "writer", live)
    reader.close()
    writer.close()
    return closed, live


def answers(corpus: Path, index: Path, encoder: Encoder,
            questions: list[tuple[str, str]] = QUESTIONS) -> list[Any]:
    """What the index answers to `questions`, and the first cited article in full."""
    bot = Bot(corpus, index, encoder)
    try:
        out: list[Any] = []
        for question, mode in questions:
            answer = bot.ask(question, k=5, mode=mode)
            out.append(answer.to_dict())
            out.append(bot.article(answer.passages[0].citation.article_id).body)
        return out
    finally:
        bot.close()


def damage(path: Path, mode: str, rng: random.Random) -> bool:
    """Damage one file in place; False when the mode does not apply (an empty file)."""
    if mode == "missing":
        path.unlink()
        return True
    data = bytearray(path.read_bytes())
    if mode == "append":
        path.write_bytes(bytes(data) + rng.randbytes(1024))
        return True
    if not data:
        return False
    if mode == "truncate-half":
        data = data[: len(data) // 2]
    elif mode == "truncate-tail":
        data = data[: max(len(data) - 4096, len(data) // 2)] if len(data) > 1 else bytearray()
    elif mode == "flip-one":
        data[rng.randrange(len(data))] ^= rng.randrange(1, 256)
    elif mode == "flip-many":
        for _ in range(max(2, min(100, len(data) // 64))):
            data[rng.randrange(len(data))] ^= rng.randrange(1, 256)
    path.write_bytes(bytes(data))
    return True


def outcome(corpus: Path, index: Path, encoder: Encoder, expected: list[Any],
            questions: list[tuple[str, str]] = QUESTIONS) -> str:
    """detected, same, WRONG or crash (see the module docstring)."""
    try:
        got = answers(corpus, index, encoder, questions)
    except qa.QAError as exc:
        return "detected" if "qa index" in str(exc) else f"crash: no next step in {exc}"
    except Exception as exc:  # noqa: BLE001 -- any other exception is what we count
        return f"crash: {type(exc).__name__}: {exc}"
    return "same" if got == expected else "WRONG"


def cases(pristine: Path, flips: int) -> Iterator[tuple[str, str, int]]:
    """(file name, damage mode, repetition) for every file of a pristine index."""
    for path in sorted(pristine.iterdir()):
        for mode in MODES:
            for rep in range(flips if mode.startswith("flip") else 1):
                yield path.name, mode, rep


def run(corpus: Path, flips: int, seed: int, encoder: Encoder, work: Path,
        pristines: list[Path] | None = None, questions: list[tuple[str, str]] = QUESTIONS,
        ) -> tuple[Counter[tuple[str, str, str]], list[str]]:
    """Every case on each undamaged index (built from `corpus` unless given): counts by
    (file, mode, outcome) and the failures."""
    rng = random.Random(seed)
    counts: Counter[tuple[str, str, str]] = Counter()
    failures: list[str] = []
    copy = work / "case"
    for pristine in pristines or build(corpus, work, encoder):
        # Opening an index checkpoints its WAL on close: only ever open copies.
        shutil.copytree(pristine, copy)
        expected = answers(corpus, copy, encoder, questions)
        for name, mode, rep in cases(pristine, flips):
            shutil.rmtree(copy)
            shutil.copytree(pristine, copy)
            if not damage(copy / name, mode, rng):
                continue
            result = outcome(corpus, copy, encoder, expected, questions)
            label = re.sub(r"model-\w+-v\d+", "model-M", re.sub(r"vectors-\d+", "vectors-N", name))
            label += f" ({pristine.name})"
            counts[(label, mode, result.split(":")[0])] += 1
            if result == "WRONG" or result.startswith("crash"):
                failures.append(f"{label} {mode} #{rep}: {result}")
        shutil.rmtree(copy)
    return counts, failures


def table(counts: Counter[tuple[str, str, str]]) -> str:
    """Markdown: one row per (file, damage) with tried / detected / same / wrong."""
    rows = ["| file | damage | tried | detected (exit 2) | same answers | WRONG or crash |",
            "| --- | --- | --- | --- | --- | --- |"]
    keys = sorted({(f, m) for f, m, _ in counts}, key=lambda k: (k[0], MODES.index(k[1])))
    for f, m in keys:
        c = {o: counts[(f, m, o)] for o in ("detected", "same", "WRONG", "crash")}
        rows.append(f"| {f} | {m} | {sum(c.values())} | {c['detected']} | {c['same']} | "
                    f"{c['WRONG'] + c['crash']} |")
    return "\n".join(rows)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--flips", type=int, default=200,
                        help="cases per file for each flip mode (default 200)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--corpus", default=str(ROOT / "corpus"))
    parser.add_argument("--index", default=None,
                        help="damage copies of this built index (closed cleanly) instead of "
                             "building two of --corpus")
    parser.add_argument("--question", action="append", default=None,
                        help="a question to ask (hybrid mode), repeatable; default: the "
                             "seed questions")
    args = parser.parse_args()
    questions = [(q, "hybrid") for q in args.question] if args.question else QUESTIONS
    pristines = [Path(args.index)] if args.index else None
    with tempfile.TemporaryDirectory(prefix="qa-damage-") as tmp:
        counts, failures = run(Path(args.corpus), args.flips, args.seed, CachedEncoder(),
                               Path(tmp), pristines, questions)
    print(table(counts))
    total = sum(counts.values())
    print(f"\n{total} cases, {len(failures)} failures (seed {args.seed})")
    for line in failures:
        print("FAIL", line)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
