"""Cold one-shot `qa -q` wall time on the bundled corpus, next to `import sentence_transformers`.

    python benchmarks/cold.py [--runs 10]

Each run is a new process, as a user's shell starts it; the index is built first and is fresh.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time

from _common import ROOT, pct, save, table

QUESTION = "Who is Canada's foreign affairs minister?"


def timed(cmd: list[str]) -> float:
    t0 = time.perf_counter()
    subprocess.run(cmd, check=True, capture_output=True, cwd=ROOT)
    return time.perf_counter() - t0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    index = tempfile.mkdtemp(prefix="qa-cold-")
    qa = [sys.executable, "-m", "qa.cli"]
    subprocess.run([*qa, "index", "--index", index], check=True, capture_output=True, cwd=ROOT)
    ask = [*qa, "-q", QUESTION, "--index", index]
    st = [sys.executable, "-c", "import sentence_transformers"]
    timed(ask), timed(st)  # warm the page cache once, as a user's second question would
    ask_times, st_times = [], []
    for _ in range(args.runs):  # interleaved, so both see the same machine load
        ask_times.append(timed(ask))
        st_times.append(timed(st))
    rows = [("qa -q (cold process, fresh index)", pct(ask_times, 50), pct(ask_times, 95)),
            ("python -c 'import sentence_transformers'", pct(st_times, 50), pct(st_times, 95))]
    ratio = pct(ask_times, 50) / pct(st_times, 50)
    table(f"Cold one-shot, {args.runs} runs (seconds); qa p50 = {ratio:.2f} x the import",
          ["command", "p50", "p95"], rows)
    save("cold", {"runs": args.runs, "qa_p50": pct(ask_times, 50), "qa_p95": pct(ask_times, 95),
                  "import_st_p50": pct(st_times, 50), "import_st_p95": pct(st_times, 95),
                  "ratio_p50": ratio})


if __name__ == "__main__":
    main()
