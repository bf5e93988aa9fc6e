"""Answer quality on labelled questions: the answering article and sentence, "not found" on
questions no article answers, and follow-ups in a chat. One row per split × corpus:

    python benchmarks/answers.py [--split tune|heldout|heldout2|…|heldout25|all]
                                 [--corpus seeds|bbc|all] [--json]

The questions are in tests/data/answers/SPLIT/CORPUS.jsonl, one record a line:

    {"kind": "answerable", "question": …, "answer": [acceptable strings],
     "path": "business/001.txt", "recounts": true}   # recounts (optional): names a past year
    {"kind": "unanswerable", "question": …, "about": "business/001.txt"}   # no article says
    {"kind": "chat", "turns": [{"question": …}, {"question": …, "answer": […], "path": …}],
     "follow_up": "pronoun" | "definite" | "ellipsis"}

plus the off-topic questions of tests/data/unanswerable.txt on every corpus. The tune,
heldout and heldout2 to heldout14 splits are what the answer layer is fitted on
(benchmarks/fit_sentences.py, benchmarks/fit_answers.py; benchmarks/results/answers.json keeps
the tune split's per-question details); heldout15/ is only measured (figures only, no details)
and held to floors by tests/test_answers.py; heldout16/ to heldout20/ were written for later
and only measured, then read to mend rules (heldout16/ and heldout17/ on 2 December 2026,
heldout18/ to heldout20/ on 3 December, once heldout21/ was written, heldout21/ later that day,
once heldout22/ and heldout23/ were, those two on 5 December, while heldout24/ was being
written, and heldout24/ later that day, while heldout25/ was), never fitted on by the scripts;
heldout25/ is unseen.
Each corpus's index is built once in a temp folder and reused by later runs (qa refreshes it
when the corpus or qa changed).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path, PurePosixPath
from typing import Any

import qa

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data" / "answers"
OFF_TOPIC = ROOT / "tests" / "data" / "unanswerable.txt"
FITTING = ("tune", "heldout", "heldout2", "heldout3", "heldout4", "heldout5", "heldout6",
           "heldout7", "heldout8", "heldout9", "heldout10", "heldout11", "heldout12", "heldout13",
           "heldout14")
"""The splits the answer layer is fitted on (tests/data/answers/README.md says why)."""
HELD_OUT = "heldout15"
"""The split only reported on, and held to floors by tests/test_answers.py."""
READ = ("heldout16", "heldout17", "heldout18", "heldout19", "heldout20", "heldout21",
        "heldout22", "heldout23", "heldout24", "heldout25", "heldout26", "heldout27",
        "heldout28", "heldout29", "heldout30", "heldout31", "heldout32", "heldout33",
        "heldout34")
"""Splits written for later, measured unseen, then read to mend rules (never fitted on by
fit_answers.py or fit_sentences.py): no longer held-out figures."""
UNSEEN = ("heldout35",)
"""Splits written for later, never fitted on, read nor chosen by: measured only to report."""
SPLITS = (*FITTING, HELD_OUT, *READ, *UNSEEN)
SHARED_PLACES = (ROOT.parent / "shared", ROOT.parent.parent / "shared")
"""Where ../shared is: beside the repo, or beside the folder of worktrees (/work/wt/NAME)."""
BBC = next((p / "corpora" / "bbc" for p in SHARED_PLACES if (p / "corpora" / "bbc").exists()),
           SHARED_PLACES[0] / "corpora" / "bbc")
"""The 2,225 BBC articles of ../shared; absent in a user's clone."""
CORPORA = {"seeds": ROOT / "corpus", "bbc": BBC}
K = 5
"""Passages asked for: "passage top-5" looks at all of them."""
FOLLOW_UP_K = 3
"""A follow-up counts when the gold article is among the first this many passages."""

FIGURES = ("passage top-1", "passage top-5", "sentence has answer", "wrongly refused",
           "past year answered", "near-topic not found", "off-topic not found",
           "follow-up top-3", "rewritten", "follow-up sentence has answer")
"""The figures `evaluate` returns, as [n, N]; for "wrongly refused" lower is better."""


def load(split: str, corpus: str) -> list[dict[str, Any]] | None:
    """The records of tests/data/answers/SPLIT/CORPUS.jsonl, or None when there is no such file."""
    path = DATA / split / f"{corpus}.jsonl"
    if not path.exists():
        return None
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip()]


def off_topic() -> list[str]:
    """The off-topic questions asked on every corpus."""
    return [q for q in OFF_TOPIC.read_text(encoding="utf-8").splitlines() if q.strip()]


def check(records: Iterable[dict[str, Any]], corpus: Path) -> list[str]:
    """What is wrong with a question file: unknown kinds, missing articles, answer strings that
    the article does not contain (case and whitespace aside). Empty when all is well."""
    problems: list[str] = []
    for n, r in enumerate(records, 1):
        kind = r.get("kind")
        if kind == "answerable":
            golds = [(r["question"], r["answer"], r["path"])]
        elif kind == "chat":
            # The last turn is scored; an earlier turn may carry an answer too (checked alike).
            golds = [(t["question"], t["answer"], t["path"]) for t in r["turns"]
                     if "answer" in t or t is r["turns"][-1]]
            if len(r["turns"]) < 2 or r.get("follow_up") not in {"pronoun", "definite",
                                                                  "ellipsis"}:
                problems.append(f"line {n}: a chat needs 2 turns and a follow_up kind")
        elif kind == "unanswerable":
            golds = []
            if not (corpus / r["about"]).is_file():
                problems.append(f"line {n}: no article {r['about']}")
        else:
            problems.append(f"line {n}: unknown kind {kind!r}")
            continue
        for question, answers, path in golds:
            file = corpus / path
            if not file.is_file():
                problems.append(f"line {n}: no article {path}")
                continue
            text = _plain(file.read_bytes().decode("utf-8", errors="replace"))
            if not answers or isinstance(answers, str):
                problems.append(f"line {n}: the answer must be a non-empty list of strings")
                continue
            missing = [a for a in answers if _plain(a) not in text]
            if missing:
                problems.append(f"line {n}: {missing} not in {path} ({question})")
    return problems


def evaluate(bot: qa.Bot, records: Sequence[dict[str, Any]],
             off_topic_questions: Sequence[str] = ()) -> dict[str, Any]:
    """Ask every record's question(s) and score them.

    Returns {"figures": {name: [n, N]}, "details": [one dict per question]}; a figure whose N
    is 0 (no records of that kind) is left out.
    """
    corpus = Path(bot.corpus)
    counts: dict[str, list[int]] = {name: [0, 0] for name in FIGURES}
    details: list[dict[str, Any]] = []

    def count(name: str, hit: bool) -> None:
        counts[name][0] += int(hit)
        counts[name][1] += 1

    for r in records:
        if r["kind"] == "answerable":
            a = bot.ask(r["question"], k=K)
            gold = _rel(r["path"], corpus)
            ranks = [h.rank for h in a.passages if _cites(h, gold, corpus)]
            row = {"kind": "answerable", "question": r["question"], "gold": r["answer"],
                   "path": gold, "recounts": bool(r.get("recounts")),
                   "top1": bool(ranks) and ranks[0] == 1, "top5": bool(ranks),
                   "has_answer": _contains(a.text, r["answer"]), "refused": a.text is None,
                   **_got(a, corpus)}
            count("passage top-1", row["top1"])
            count("passage top-5", row["top5"])
            count("sentence has answer", row["has_answer"])
            count("wrongly refused", row["refused"])
            if row["recounts"]:  # a past year, answered by a later article that recounts it
                count("past year answered", row["top5"] and row["has_answer"])
        elif r["kind"] == "unanswerable":
            a = bot.ask(r["question"], k=K)
            row = {"kind": "unanswerable", "question": r["question"], "about": r["about"],
                   "not_found": a.text is None, **_got(a, corpus)}
            count("near-topic not found", row["not_found"])
        elif r["kind"] == "chat":
            chat = bot.chat()
            first = chat.ask(r["turns"][0]["question"], k=K)
            for turn in r["turns"][1:-1]:
                chat.ask(turn["question"], k=K)
            last = r["turns"][-1]
            a = chat.ask(last["question"], k=K)
            gold = _rel(last["path"], corpus)
            row = {"kind": "chat", "follow_up": r.get("follow_up"),
                   "turns": [t["question"] for t in r["turns"]], "gold": last["answer"],
                   "path": gold, "first_sentence": first.text,
                   "first_path": _path(first.passages[0], corpus) if first.passages else None,
                   "top3": any(_cites(h, gold, corpus) for h in a.passages[:FOLLOW_UP_K]),
                   "rewritten": a.interpreted_as is not None and "(" not in a.interpreted_as,
                   "has_answer": _contains(a.text, last["answer"]), **_got(a, corpus)}
            count("follow-up top-3", row["top3"])
            count("rewritten", row["rewritten"])
            count("follow-up sentence has answer", row["has_answer"])
        else:
            raise ValueError(f"unknown record kind {r['kind']!r}")
        details.append(row)
    for q in off_topic_questions:
        a = bot.ask(q, k=K)
        details.append({"kind": "off-topic", "question": q, "not_found": a.text is None,
                        **_got(a, corpus)})
        count("off-topic not found", a.text is None)
    return {"figures": {k: v for k, v in counts.items() if v[1]}, "details": details}


def share(figure: Sequence[int]) -> float:
    """n/N as a fraction."""
    n, total = figure
    return n / total if total else 0.0


def cell(figure: Sequence[int] | None) -> str:
    """"n/N (pct%)", or "–" when not measured."""
    if not figure:
        return "–"
    return f"{figure[0]}/{figure[1]} ({100 * share(figure):.0f}%)"


def index_dir(corpus: Path) -> Path:
    """A temp folder for this corpus's index, the same on every run, so it is built once."""
    key = hashlib.sha1(str(corpus.resolve()).encode()).hexdigest()[:8]
    return Path(tempfile.gettempdir()) / "qa-answers" / f"{corpus.name}-{key}"


# helpers ----------------------------------------------------------------------------------


def _plain(text: str) -> str:
    return " ".join(text.split()).lower()


def _contains(sentence: str | None, answers: Sequence[str]) -> bool:
    return sentence is not None and any(_plain(a) in _plain(sentence) for a in answers)


def _rel(path: str, corpus: Path) -> str:
    """A path as given in a citation or a record, relative to the corpus, '/'-separated."""
    p = PurePosixPath(str(path).replace("\\", "/"))
    if p.is_absolute():
        try:
            p = PurePosixPath(Path(p).resolve().relative_to(corpus.resolve()).as_posix())
        except ValueError:
            pass
    return str(p)


def _path(hit: qa.Hit, corpus: Path) -> str:
    return _rel(hit.citation.path, corpus)


def _cites(hit: qa.Hit, gold: str, corpus: Path) -> bool:
    """The hit is from the gold article, or is a copy of a passage that the gold article has."""
    return any(_rel(c.path, corpus) == gold for c in (hit.citation, *hit.also_in))


def _got(a: qa.Answer, corpus: Path) -> dict[str, Any]:
    return {"sentence": a.text, "confidence": round(a.confidence, 4),
            "interpreted_as": a.interpreted_as, "dates": a.dates, "notes": list(a.notes),
            "got_path": _path(a.passages[0], corpus) if a.passages else None,
            "got_paths": [_path(h, corpus) for h in a.passages]}


# the script -------------------------------------------------------------------------------


def main() -> None:
    # _common sits beside this script; imported here so tests can load the functions above
    # (tests/conftest.py load_benchmark) without benchmarks/ on sys.path.
    from _common import save, table

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=[*SPLITS, "all"], default="all")
    parser.add_argument("--corpus", choices=[*CORPORA, "all"], default="all")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()
    splits = SPLITS if args.split == "all" else (args.split,)
    names = list(CORPORA) if args.corpus == "all" else [args.corpus]
    if "bbc" in names and not BBC.exists():
        # As _common.need_shared, which only looks beside the repo.
        message = f"skipped: {BBC} is absent (it ships beside the repo in CI, not in a clone)"
        if args.corpus == "bbc":
            sys.exit(message)
        print(message, file=sys.stderr)
        names.remove("bbc")

    rows: list[dict[str, Any]] = []
    for name in names:
        wanted = [(split, records) for split in splits
                  if (records := load(split, name)) is not None]
        if not wanted:
            print(f"skipped {name}: no tests/data/answers/{{{','.join(splits)}}}/{name}.jsonl",
                  file=sys.stderr)
            continue
        corpus = CORPORA[name]
        bot = qa.open(corpus, index=index_dir(corpus))
        try:
            for split, records in wanted:
                problems = check(records, corpus)
                if problems:
                    sys.exit(f"tests/data/answers/{split}/{name}.jsonl:\n  " +
                             "\n  ".join(problems))
                result = evaluate(bot, records, off_topic())
                rows.append({"split": split, "corpus": name, "figures": result["figures"],
                             # Only the tune split's failures are for study; held-out is a score.
                             "details": result["details"] if split == "tune" else None})
        finally:
            bot.close()

    if args.json:
        print(json.dumps([{k: r[k] for k in ("split", "corpus", "figures")} for r in rows],
                         indent=2))
    else:
        table("Answers: the answering article and sentence, not found, follow-ups",
              ["split", "corpus", *FIGURES],
              [(r["split"], r["corpus"], *(cell(r["figures"].get(f)) for f in FIGURES))
               for r in rows])
    path = save("answers", {"k": K, "follow_up_k": FOLLOW_UP_K, "rows": rows})
    print(f"saved {path.relative_to(ROOT)}", file=sys.stderr)


if __name__ == "__main__":
    main()
