"""Time the real chat in a real terminal (tmux): launch to usable window, to ready, Enter to answer.

    python benchmarks/chat_timing.py [--runs 3] [--sizes 120x40,80x24]

Each run starts `python -m qa.cli` in a detached tmux session of the given size, reads the
screen with `tmux capture-pane` every few milliseconds and records when the prompt appears
(usable window: you can type), when the status line shows the index counts (model and index
ready), and how long each question takes from Enter to its answer on screen. The first run of
each size starts without an index (it is built inside the app); later runs reuse it.
Prints a Markdown table; also written to benchmarks/results/chat_timing.md.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PROMPT = "Ask a question, or /help"
QUESTIONS = ("Who is Canada's foreign affairs minister?", "what did she announce in July 2023?",
             "Why did Canada suspend export permits to Turkey?", "Who made that announcement?")


def tmux(*args: str) -> str:
    return subprocess.run(["tmux", *args], capture_output=True, text=True, check=True).stdout


def screen(session: str) -> str:
    return tmux("capture-pane", "-p", "-t", session)


def wait_until(session: str, test, timeout: float = 300.0) -> float:  # type: ignore[no-untyped-def]
    """Seconds until `test(screen)` holds, polling the pane."""
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        if test(screen(session)):
            return time.perf_counter()
        time.sleep(0.01)
    raise TimeoutError(f"gave up after {timeout} s; screen:\n{screen(session)}")


def answered(question: str):  # type: ignore[no-untyped-def]
    head = f"› {question[:40]}"

    def test(text: str) -> bool:
        return head in text and "Searching the articles" not in text and "Waiting for" not in text
    return test


def one_run(size: str, index: Path, python: str) -> dict[str, float]:
    cols, rows = size.split("x")
    session = f"qa-timing-{size}"
    subprocess.run(["tmux", "kill-session", "-t", session], capture_output=True)
    command = (f"cd {ROOT} && PYTHONPATH={ROOT} {python} -m qa.cli --index {index}; "
               "sleep 30")
    t0 = time.perf_counter()
    tmux("new-session", "-d", "-s", session, "-x", cols, "-y", rows, command)
    out: dict[str, float] = {}
    try:
        out["window"] = wait_until(session, lambda s: PROMPT in s) - t0
        out["ready"] = wait_until(session, lambda s: "passages  ·" in s) - t0
        for n, question in enumerate(QUESTIONS, 1):
            tmux("send-keys", "-t", session, "-l", question)
            wait_until(session, lambda s, q=question: q[-20:] in s)
            t = time.perf_counter()
            tmux("send-keys", "-t", session, "Enter")
            out[f"q{n}"] = wait_until(session, answered(question)) - t
        tmux("send-keys", "-t", session, "-l", "/quit")
        tmux("send-keys", "-t", session, "Enter")
    finally:
        results = ROOT / "benchmarks" / "results"
        results.mkdir(parents=True, exist_ok=True)
        (results / f"chat_screen_{size}.txt").write_text(screen(session))
        time.sleep(3)
        subprocess.run(["tmux", "kill-session", "-t", session], capture_output=True)
    return out


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--runs", type=int, default=3)
    p.add_argument("--sizes", default="120x40,80x24")
    args = p.parse_args()
    if shutil.which("tmux") is None:
        print("tmux is not installed", file=sys.stderr)
        return 2
    rows = []
    for size in args.sizes.split(","):
        with tempfile.TemporaryDirectory() as tmp:
            index = Path(tmp) / "index"
            for run in range(args.runs):
                result = one_run(size, index, sys.executable)
                rows.append((size, "cold: builds the index" if run == 0 else "warm", result))
    keys = ["window", "ready"] + [f"q{n}" for n in range(1, len(QUESTIONS) + 1)]
    lines = ["| size | index | launch → usable window | launch → ready | "
             + " | ".join(f"Enter → answer q{n}" for n in range(1, len(QUESTIONS) + 1)) + " |",
             "|" + " --- |" * (4 + len(QUESTIONS))]
    for size, kind, r in rows:
        lines.append(f"| {size} | {kind} | " + " | ".join(f"{r[k]:.2f} s" for k in keys) + " |")
    warm = [r for _, kind, r in rows if kind == "warm"]
    if warm:
        answers = [r[f"q{n}"] for r in warm for n in range(1, len(QUESTIONS) + 1)]
        lines.append("")
        window = statistics.median(r["window"] for r in warm)
        ready = statistics.median(r["ready"] for r in warm)
        lines.append(f"Warm runs: window median {window:.2f} s, ready median {ready:.2f} s, "
                     f"Enter → answer median {statistics.median(answers):.2f} s "
                     f"(max {max(answers):.2f} s) over {len(answers)} questions.")
    lines.append("")
    lines.append("Questions: " + "; ".join(f"q{n} {q!r}" for n, q in enumerate(QUESTIONS, 1)))
    table = "\n".join(lines)
    print(table)
    (ROOT / "benchmarks" / "results" / "chat_timing.md").write_text(table + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
