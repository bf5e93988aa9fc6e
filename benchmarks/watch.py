"""How soon `qa index --watch` makes a new or edited article answerable, and whether any
reader meanwhile saw half an update.

    python benchmarks/watch.py [--corpus seeds|bbc] [--rounds 5]

A copy of the corpus (the seeds, or ../shared/corpora/bbc) is indexed in a temp folder and
`qa index --watch` runs on it as its own process. Each round writes a new article file, then
edits it; the time from the write to the first `qa -q QUESTION --no-refresh --json` (a whole
process, as a user runs it) whose top passage holds the new text is the latency. Meanwhile a
thread asks a fixed question through one open Bot as fast as it can: any error, or an answer
that holds the old and the new text at once, is a torn read. Exits 1 on any torn read.
"""

from __future__ import annotations

import argparse
import json
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import qa

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import ROOT, need_shared, pct, table  # noqa: E402

QA = [sys.executable, "-m", "qa.cli"]
LIMIT = 60.0
"""Seconds a round waits for the answer before counting it as missed."""


def article(n: int, boats: int) -> str:
    return (f"Harbour {n} reopens after storm\n\nThe Larkfield-{n} harbour reopened on Monday "
            f"after the storm, and {boats} fishing boats returned to their moorings, the port "
            "authority said.\n")


def ask(corpus: Path, index: Path, question: str) -> str:
    r = subprocess.run([*QA, "-q", question, "--no-refresh", "--json", "--corpus", str(corpus),
                        "--index", str(index)], capture_output=True, text=True, cwd=ROOT,
                       timeout=120)
    if r.returncode != 0:
        return ""
    passages = json.loads(r.stdout)["passages"]
    return passages[0]["text"] if passages else ""


def until_answered(corpus: Path, index: Path, question: str, wanted: str,
                   written: float) -> float | None:
    while time.monotonic() - written < LIMIT:
        if wanted in ask(corpus, index, question):
            return time.monotonic() - written
    return None


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--corpus", choices=("seeds", "bbc"), default="seeds")
    p.add_argument("--rounds", type=int, default=5)
    args = p.parse_args()
    source = ROOT / "corpus" if args.corpus == "seeds" else need_shared("corpora", "bbc")
    work = Path(tempfile.mkdtemp(prefix="qa-watch-"))
    corpus, index = work / "corpus", work / "index"
    shutil.copytree(source, corpus)
    start = time.monotonic()
    subprocess.run([*QA, "index", "--corpus", str(corpus), "--index", str(index)], check=True,
                   cwd=ROOT, capture_output=True)
    print(f"indexed the {args.corpus} copy in {time.monotonic() - start:.1f} s")
    watcher = subprocess.Popen([*QA, "index", "--watch", "--corpus", str(corpus), "--index",
                                str(index)], cwd=ROOT, stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE, text=True)
    assert watcher.stderr is not None
    for line in watcher.stderr:
        if "watching" in line:
            break
    threading.Thread(target=lambda: [None for _ in watcher.stderr], daemon=True).start()

    stop = threading.Event()
    counts = {"reads": 0, "errors": 0, "torn": 0}
    probe = "How many fishing boats returned to the Larkfield-0 harbour?"

    def reader() -> None:
        bot = qa.open(corpus, index=index, refresh=False)
        while not stop.is_set():
            try:
                answer = bot.ask(probe, k=3)
            except qa.QAError:
                counts["errors"] += 1
                continue
            counts["reads"] += 1
            for hit in answer.passages:
                if "Larkfield-0" in hit.text and ("70 fishing" in hit.text) == (
                        "71 fishing" in hit.text):
                    counts["torn"] += 1  # neither or both versions of the edited sentence
        bot.close()

    rows, added, edited = [], [], []
    try:
        (corpus / "harbour-0.txt").write_text(article(0, 70))
        until_answered(corpus, index, probe, "70 fishing", time.monotonic())
        thread = threading.Thread(target=reader, daemon=True)
        thread.start()
        for n in range(1, args.rounds + 1):
            question = f"How many fishing boats returned to the Larkfield-{n} harbour?"
            path = corpus / f"harbour-{n}.txt"
            path.write_text(article(n, 40))
            added.append(until_answered(corpus, index, question, "40 fishing",
                                        time.monotonic()))
            path.write_text(article(n, 55))
            edited.append(until_answered(corpus, index, question, "55 fishing",
                                         time.monotonic()))
            # The reader's article flips between two versions: one generation each.
            (corpus / "harbour-0.txt").write_text(article(0, 71 if n % 2 else 70))
            rows.append((n, added[-1], edited[-1]))
        stop.set()
        thread.join(60)
    finally:
        watcher.send_signal(signal.SIGINT)
        watcher.wait(30)
        shutil.rmtree(work, ignore_errors=True)
    fmt = [(n, f"{a:.1f}" if a is not None else "missed", f"{e:.1f}" if e is not None
            else "missed") for n, a, e in rows]
    table(f"qa index --watch on a copy of {args.corpus}: seconds from the write until "
          "`qa -q --no-refresh` answers from it", ["round", "new file", "edited file"], fmt)
    good = [x for x in added + edited if x is not None]
    missed = len(added) + len(edited) - len(good)
    print(f"p50 {pct(good, 50):.1f} s, max {max(good):.1f} s, missed (> {LIMIT:.0f} s) "
          f"{missed}; reader: {counts['reads']} answers, {counts['errors']} errors, "
          f"{counts['torn']} torn")
    return 1 if counts["torn"] or counts["errors"] or missed else 0


if __name__ == "__main__":
    sys.exit(main())
