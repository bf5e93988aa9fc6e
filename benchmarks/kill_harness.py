"""kill -9 a real `qa index` run at random moments and check what it leaves behind.

    python benchmarks/kill_harness.py [--kills 40] [--seed 1] [--corpus ../shared/corpora/bbc]

Runs until --kills runs were really killed (a run that ends before its kill moment is still
checked, but does not count).

Setup (cached in --work between runs): a copy of the corpus (T), a clean build of it (the
reference), and an older index (B) made by indexing T with some articles deleted, edited and
added.  Each trial copies B, starts `qa index --corpus T` on the copy (which must delete, re-embed
and add articles) and kills it with SIGKILL:

    anywhere   at a uniformly random moment of the run (most land in scanning or embedding)
    writing    0-5 ms after the new FAISS generation's .tmp file appears (writing it)
    switching  0-50 ms after the new generation file appears under its final name (the
               SQLite commit that switches to it, removing the old one)
    tail       a uniformly random moment between the new file appearing and the run's end

After each kill the index must hold B or the reference exactly: the FAISS ids, the SQLite
passage ids, the FTS rows and the manifest's count in agreement, every checksum right.  Then an
uninterrupted `qa index` must finish with the reference's articles, passages and vectors, no
duplicates and no temporary or orphan files.  Prints one row per strategy and exits 1 on any
inconsistent outcome.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
QA = [sys.executable, "-m", "qa.cli"]
STRATEGIES = ("anywhere", "writing", "switching", "tail")


@dataclass(frozen=True)
class State:
    """What an index holds, independent of passage ids (which differ between build orders)."""

    content: str
    """Digest of every article and passage, by key."""
    vectors: dict[tuple[str, int], Any]
    """(article id, passage start) -> vector."""
    files: tuple[str, ...]
    """Names in the index folder."""


def qa_index(corpus: Path, index: Path, timeout: float = 3600) -> dict[str, Any]:
    """One uninterrupted `qa index`; its --json summary."""
    r = subprocess.run([*QA, "index", "--corpus", str(corpus), "--index", str(index), "--json"],
                       capture_output=True, text=True, cwd=ROOT, timeout=timeout)
    if r.returncode != 0:
        raise RuntimeError(f"qa index failed ({r.returncode}): {r.stderr[-2000:]}")
    return dict(json.loads(r.stdout))


def read_state(index: Path) -> State:
    """Open an index the way a reader does, check it all, and describe what it holds.

    Raises AssertionError (with the reason) when the parts of the index disagree.
    """
    from qa.index import DB_NAME, Store
    from qa.vectors import VectorIndex

    files = tuple(sorted(p.name for p in index.iterdir()))
    if DB_NAME not in files:
        return State("no index", {}, files)
    store = Store(index)
    try:
        if not store.manifest:
            return State("no index", {}, files)
        store.verify()  # checksums of rows, FTS, FAISS; ids agree (our own check)
        m = store.manifest
        # ...and the same agreement checked again here, by hand, straight from the files.
        db = store.db
        passages = db.execute("SELECT id, article_id, paragraph, start, \"end\", text "
                              "FROM passages ORDER BY article_id, start").fetchall()
        articles = db.execute("SELECT id, hash, headline, date, source, body FROM articles "
                              "ORDER BY id").fetchall()
        fts = sorted(r[0] for r in db.execute("SELECT rowid FROM passages_fts"))
        vectors, ids = VectorIndex.load((index / m["faiss_file"]).read_bytes()).all()
        pids = sorted(p[0] for p in passages)
        assert sorted(ids.tolist()) == pids == fts, "FAISS ids, passage ids and FTS rows differ"
        assert len(set(ids.tolist())) == len(ids) == m["vectors"], "manifest count is wrong"
        keys = [(p[1], p[3]) for p in passages]
        assert len(set(keys)) == len(keys), "duplicate passages"
        assert {a[0] for a in articles} == {p[1] for p in passages}, "articles without passages"
        by_id = dict(zip(ids.tolist(), vectors, strict=True))
        h = hashlib.sha256()
        h.update(json.dumps(articles).encode())
        h.update(json.dumps([p[1:] for p in passages]).encode())
        return State(h.hexdigest(), {(p[1], p[3]): by_id[p[0]] for p in passages}, files)
    finally:
        store.close()


def same_vectors(a: State, b: State) -> bool:
    """Same keys, and vectors equal up to float noise from other batch shapes."""
    return a.vectors.keys() == b.vectors.keys() and all(
        np.allclose(a.vectors[k], b.vectors[k], atol=1e-4) for k in a.vectors)


def phase(outcome: str, before: set[str], after: set[str]) -> str:
    """Where the run was killed, judged from the generation files it left."""
    old_file = {f for f in before if f.startswith("vectors-")}
    new_files = {f for f in after - before if f.startswith("vectors-")}
    if outcome == "old":
        if any(f.endswith(".tmp") for f in new_files):
            return "writing the new FAISS file"
        if new_files:
            return "new file in place, not committed"
        return "before the new file"
    if outcome == "new":
        return ("committed, old file not yet removed" if old_file <= after
                else "after the switch")
    return "?"


def difference(got: State, want: State) -> str:
    """What differs between two states, briefly."""
    if got.content != want.content:
        return "articles or passages differ"
    missing = want.vectors.keys() - got.vectors.keys()
    extra = got.vectors.keys() - want.vectors.keys()
    if missing or extra:
        return f"{len(missing)} vectors missing, {len(extra)} extra"
    worst = max((float(np.abs(got.vectors[k] - want.vectors[k]).max()), k) for k in want.vectors)
    return f"largest vector difference {worst[0]:.2e} at {worst[1]}"


def leftovers(state: State) -> list[str]:
    """Temporary or unreferenced generation files."""
    vectors = [f for f in state.files if f.startswith("vectors-")]
    return [f for f in vectors if f.endswith(".tmp")] + (vectors[:-1] if len(vectors) > 1
                                                          else [])


class Setup:
    """The corpus T, its reference build and the older index B, under `work`."""

    def __init__(self, source: Path, work: Path, subset: int | None, seed: int) -> None:
        self.work = work
        self.corpus = work / "corpus"
        self.reference = work / "reference"
        self.base = work / "base"
        # The reference build is the slow part (over 5 minutes for bbc): kept when the corpus
        # is the same, whatever the seed of the trials.
        ref_key = json.dumps({"source": str(source.resolve()), "subset": subset,
                              "subset_seed": seed if subset is not None else None})
        key = json.dumps({"reference": ref_key, "seed": seed})
        stamp = work / "setup.json"
        if stamp.exists() and stamp.read_text() == key and self.base.exists():
            return
        ref_stamp = work / "reference.json"
        if not (ref_stamp.exists() and ref_stamp.read_text() == ref_key):
            shutil.rmtree(work, ignore_errors=True)
            work.mkdir(parents=True)
            self._copy(source, subset, random.Random(seed))
            qa_index(self.corpus, self.reference)
            ref_stamp.write_text(ref_key)
        shutil.rmtree(self.base, ignore_errors=True)
        # B: T with articles deleted, edited and added, indexed on top of a copy of the
        # reference; then T is put back (restored files get new mtimes, as after a checkout).
        rng = random.Random(seed + 1)
        texts = sorted(p for p in self.corpus.rglob("*.txt") if p.name[0].isdigit())
        n = max(2, len(texts) // 100)
        chosen = rng.sample(texts, 2 * n)
        deleted, edited = chosen[:n], chosen[n:]
        saved = {p: p.read_bytes() for p in chosen}
        for p in deleted:
            p.unlink()
        for i, p in enumerate(edited):
            p.write_bytes(saved[p] + f"\n\nCorrection {i}: an earlier version misspelt a "
                                     "name.\n".encode())
        added = [self.corpus / f"added-{i}.txt" for i in range(n)]
        for i, p in enumerate(added):
            p.write_text(f"Harbour news {i}\n\nThe harbour of town {i} reopened on Monday "
                         f"after {i + 2} days of storms, the mayor said.\n")
        try:
            shutil.copytree(self.reference, self.base)
            qa_index(self.corpus, self.base)
        finally:
            for p in added:
                p.unlink()
            for p, data in saved.items():
                p.write_bytes(data)
        stamp.write_text(key)

    def _copy(self, source: Path, subset: int | None, rng: random.Random) -> None:
        files = sorted(p for p in source.rglob("*") if p.is_file())
        if subset is not None:
            articles = [p for p in files if p.suffix == ".txt" and p.name[0].isdigit()]
            files = sorted(rng.sample(articles, min(subset, len(articles))))
        for f in files:
            dest = self.corpus / f.relative_to(source)
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(f, dest)


def trial(setup: Setup, strategy: str, rng: random.Random, calibration: dict[str, float],
          old: State, new: State) -> dict[str, Any]:
    """Start `qa index` on a copy of B, kill it, check the remains, then finish the run."""
    index = setup.work / "trial"
    shutil.rmtree(index, ignore_errors=True)
    shutil.copytree(setup.base, index)
    before = set(os.listdir(index))
    proc = subprocess.Popen([*QA, "index", "--corpus", str(setup.corpus), "--index",
                             str(index), "--json"], cwd=ROOT, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    t0 = time.monotonic()

    def appeared(final: bool) -> bool:
        return any(f.startswith("vectors-") and f not in before and (
            not final or not f.endswith(".tmp")) for f in os.listdir(index))

    if strategy == "anywhere":
        delay = rng.uniform(0, calibration["total"])
        deadline = t0 + delay
        while time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.002)
    else:
        delay = {"writing": rng.uniform(0, 0.005), "switching": rng.uniform(0, 0.05),
                 "tail": rng.uniform(0, calibration["total"] - calibration["new_file"])
                 }[strategy]
        while proc.poll() is None and not appeared(final=strategy == "switching"):
            time.sleep(0.0005)
        time.sleep(delay)
    killed = proc.poll() is None
    if killed:
        os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    row: dict[str, Any] = {"strategy": strategy, "delay": round(delay, 3), "killed": killed}
    left = sorted(set(os.listdir(index)) - before)
    try:
        state = read_state(index)
        row["outcome"] = ("old" if state.content == old.content and same_vectors(state, old)
                          else "new" if state.content == new.content
                          and same_vectors(state, new) else "TORN (other content)")
        row["phase"] = phase(row["outcome"], before, set(state.files))
    except Exception as exc:  # noqa: BLE001 -- any failure to read is the finding
        row["outcome"] = f"TORN ({type(exc).__name__}: {exc})"
        row["phase"] = "?"
    row["left"] = left
    try:
        qa_index(setup.corpus, index)
        final = read_state(index)
        ok = final.content == new.content and same_vectors(final, new)
        row["resumed"] = "equal" if ok else f"DIFFERENT ({difference(final, new)})"
        row["cleaned"] = not leftovers(final)
        if not ok:
            shutil.copytree(index, setup.work / f"different-{time.time():.0f}")
    except Exception as exc:  # noqa: BLE001
        row["resumed"] = f"FAILED ({type(exc).__name__}: {exc})"
        row["cleaned"] = False
    shutil.rmtree(index)
    return row


def calibrate(setup: Setup) -> dict[str, float]:
    """Time an uninterrupted run from B: when its new FAISS file appears, when it ends."""
    index = setup.work / "trial"
    shutil.rmtree(index, ignore_errors=True)
    shutil.copytree(setup.base, index)
    before = set(os.listdir(index))
    t0 = time.monotonic()
    proc = subprocess.Popen([*QA, "index", "--corpus", str(setup.corpus), "--index",
                             str(index)], cwd=ROOT, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    new_file = None
    while proc.poll() is None:
        if new_file is None and any(f.startswith("vectors-") and f not in before
                                    for f in os.listdir(index)):
            new_file = time.monotonic() - t0
        time.sleep(0.001)
    total = time.monotonic() - t0
    if proc.returncode != 0:
        raise RuntimeError("the calibration run failed")
    shutil.rmtree(index)
    return {"total": total, "new_file": new_file if new_file is not None else total}


def run(source: Path, work: Path, kills: int, seed: int, subset: int | None = None,
        strategies: Sequence[str] = STRATEGIES) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """All trials, cycling through `strategies`; their rows and facts about the setup."""
    setup = Setup(source, work, subset, seed)
    old, new = read_state(setup.base), read_state(setup.reference)
    assert old.content != new.content, "B must differ from the reference"
    # Only the timed strategies need an uninterrupted run to know how long a run takes.
    timed = {"anywhere", "tail"} & set(strategies)
    calibration = calibrate(setup) if timed else {"total": 0.0, "new_file": 0.0}
    rng = random.Random(seed)
    rows: list[dict[str, Any]] = []
    # A run can end before its kill moment (runs vary in length): those are kept as checks
    # but do not count, until `kills` runs were really killed (at most twice as many runs).
    while sum(r["killed"] for r in rows) < kills and len(rows) < 2 * kills:
        strategy = strategies[len(rows) % len(strategies)]
        rows.append(trial(setup, strategy, rng, calibration, old, new))
        print(f"run {len(rows)}: {json.dumps(rows[-1])}", file=sys.stderr, flush=True)
    facts = {"articles": len({k[0] for k in new.vectors}), "passages": len(new.vectors),
             "old_passages": len(old.vectors), **{k: round(v, 2) for k, v in
                                                  calibration.items()}}
    return rows, facts


def table(rows: list[dict[str, Any]]) -> str:
    """Markdown: kills per strategy and what they left."""
    lines = ["| kill moment | runs | killed | left old index | left new index | torn | "
             "next `qa index` equal to clean build | temp/orphan files left after it |",
             "| --- | --- | --- | --- | --- | --- | --- | --- |"]
    for strategy in STRATEGIES:
        rs = [r for r in rows if r["strategy"] == strategy]
        c = Counter(r["outcome"].split(" ")[0] for r in rs)
        lines.append(f"| {strategy} | {len(rs)} | {sum(r['killed'] for r in rs)} | "
                     f"{c['old']} | {c['new']} | {c['TORN']} | "
                     f"{sum(r['resumed'] == 'equal' for r in rs)} | "
                     f"{sum(not r['cleaned'] for r in rs)} |")
    lines += ["", "| where the kill landed (from the files left) | kills |", "| --- | --- |"]
    for where, n in Counter(r["phase"] for r in rows if r["killed"]).most_common():
        lines.append(f"| {where} | {n} |")
    return "\n".join(lines)


def failures(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Rows with a torn index, a different resumed index or leftover files."""
    return [r for r in rows if r["outcome"] not in ("old", "new") or r["resumed"] != "equal"
            or not r["cleaned"]]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=40)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--corpus", default=str(ROOT.parent / "shared/corpora/bbc"))
    parser.add_argument("--subset", type=int, default=None,
                        help="use this many articles of the corpus (default: all)")
    parser.add_argument("--work", default="/tmp/qa-kill-harness",
                        help="working folder; the setup is kept there and reused")
    args = parser.parse_args()
    t0 = time.monotonic()
    rows, facts = run(Path(args.corpus), Path(args.work), args.kills, args.seed, args.subset)
    print(f"corpus {args.corpus}: {facts['articles']} articles, {facts['passages']} passages "
          f"(older index: {facts['old_passages']}); an uninterrupted update takes "
          f"{facts['total']} s, its new FAISS file appears at {facts['new_file']} s; "
          f"seed {args.seed}")
    print(table(rows))
    bad = failures(rows)
    print(f"\n{len(rows)} runs, {sum(r['killed'] for r in rows)} killed, {len(bad)} "
          f"inconsistent, {time.monotonic() - t0:.0f} s")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
