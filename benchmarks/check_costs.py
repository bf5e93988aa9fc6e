"""What the integrity checks cost on a built index: on open, per question, per writer.

    python benchmarks/check_costs.py --index DIR [--corpus DIR] [--repeat 5]

Times (best of --repeat, warm file cache) opening the store (manifest and schema checksums),
verifying the FTS5 tables and the columns filters read, loading and checksumming the FAISS
file, reading and checking the rows of 5 and 50 passages and the sentence rows of 5, reading
and checksumming the ONNX export, the passages a date and a path filter allow, the newest
date, a writer's full `verify()`; then the wall time of one cold
`qa -q --no-refresh` (model load included) as the user sees it.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

from qa.index import Store
from qa.models import Filters

ROOT = Path(__file__).resolve().parent.parent


def best(fn: Callable[[], object], repeat: int) -> float:
    """Fastest of `repeat` runs, in milliseconds."""
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return 1000 * min(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--index", required=True)
    parser.add_argument("--corpus", default=str(ROOT / "corpus"))
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    index = Path(args.index)

    def opened() -> Store:
        return Store(index)

    def fts() -> None:
        s = Store(index)
        s.term_counts([])  # the first lexical read of a generation checks the FTS5 tables
        s.close()

    def filters() -> None:
        s = Store(index)
        s.newest_date()  # reads, checks and loads the filter columns
        s.close()

    def faiss() -> None:
        s = Store(index)
        s.faiss_index()
        s.close()

    store = Store(index)
    ids = [r[0] for r in store.db.execute("SELECT id FROM passages ORDER BY random() LIMIT 50")]
    rows = {
        "open: manifest + schema checksums": best(lambda: opened().close(), args.repeat),
        "FTS5 tables checksum (once per generation)": best(fts, args.repeat),
        "dates, sources, paths: checksum + load into memory (once per generation)": best(
            filters, args.repeat),
        "FAISS file load + checksum (once per generation)": best(faiss, args.repeat),
        "read + check 5 passage rows": best(lambda: store.passages(ids[:5]), args.repeat),
        "read + check 50 passage rows": best(lambda: store.passages(ids), args.repeat),
        "read + check sentence rows of 5 passages": best(
            lambda: store.sentence_vectors(ids[:5]), args.repeat),
        "ONNX export read + checksum (every cold start)": best(
            lambda: store.read_file(store.manifest["onnx_file"], "onnx_checksum"), args.repeat),
        "passages a date filter allows (verified columns in memory; cached per filter)": best(
            lambda: store.allowed_ids(Filters(since=date(2000, 1, 1))), args.repeat),
        "passages a path filter allows": best(
            lambda: store.allowed_ids(Filters(path="b*")), args.repeat),
        "newest date (a \"latest\" question)": best(store.newest_date, args.repeat),
        "writer's full verify()": best(store.verify, max(1, args.repeat // 2)),
    }
    articles, passages = store.counts()
    store.close()
    t0 = time.perf_counter()
    r = subprocess.run([sys.executable, "-m", "qa.cli", "-q", "What did the minister say?",
                        "--index", str(index), "--corpus", args.corpus, "--no-refresh"],
                       capture_output=True, text=True, cwd=ROOT)
    cold = time.perf_counter() - t0
    print(f"index {index}: {articles} articles, {passages} passages")
    print("| check | ms |\n| --- | --- |")
    for name, ms in rows.items():
        print(f"| {name} | {ms:.1f} |")
    print(f"| cold `qa -q --no-refresh`, wall (exit {r.returncode}) | {1000 * cold:.0f} |")
    return r.returncode


if __name__ == "__main__":
    sys.exit(main())
