"""Shared by the benchmark scripts (and the tests, through conftest.load_benchmark): tables,
JSON results, percentiles, ../shared lookup, and the server processes they start."""

from __future__ import annotations

import json
import platform
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
RESULTS = ROOT / "benchmarks" / "results"


def need_shared(*parts: str) -> Path:
    """A path in ../shared, or exit with the reason (a user's clone has no ../shared)."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        sys.exit(f"skipped: {path} is absent (it ships beside the repo in CI, not in a clone)")
    return path


def bbc_subset(bbc: Path, per_folder: int, dest: Path) -> list[Path]:
    """Copy the first `per_folder` articles (by name) of each bbc topic folder into `dest`
    (copies: qa does not follow links out of its corpus); the copies."""
    copied = []
    for folder in sorted(p for p in bbc.iterdir() if p.is_dir()):
        (dest / folder.name).mkdir(parents=True)
        for f in sorted(folder.glob("*.txt"))[:per_folder]:
            copied.append(Path(shutil.copy(f, dest / folder.name / f.name)))
    return copied


def free_port() -> int:
    """A TCP port of 127.0.0.1 that nothing listens on now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def stop(proc: subprocess.Popen, timeout: float = 20) -> None:  # type: ignore[type-arg]
    """End a server process a benchmark or test started: asked first, killed if it stays."""
    proc.terminate()
    try:
        proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


@contextmanager
def milvus_lite_server(data: Path, timeout: float = 60) -> Iterator[str]:
    """A `milvus-lite server` on a free port of 127.0.0.1, storing under `data`, stopped on
    exit: its URI. RuntimeError, with what the server printed, when it does not start."""
    port = free_port()
    exe = Path(sys.executable).with_name("milvus-lite")
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-m", "milvus_lite"]
    log = tempfile.TemporaryFile()  # not a pipe: a chatty server would fill it and stall
    proc = subprocess.Popen([*cmd, "server", "--data-dir", str(data), "--host", "127.0.0.1",
                             "--port", str(port)], stdout=subprocess.DEVNULL, stderr=log)
    try:
        deadline = time.monotonic() + timeout
        while True:
            with socket.socket() as s:
                if s.connect_ex(("127.0.0.1", port)) == 0:
                    break
            if proc.poll() is not None or time.monotonic() > deadline:
                log.seek(0)
                said = log.read().decode(errors="replace")[-500:]
                raise RuntimeError(f"milvus-lite server did not start {said}".strip())
            time.sleep(0.2)
        yield f"http://127.0.0.1:{port}"
    finally:
        stop(proc)
        log.close()


def wrap_items(items: Sequence[str], width: int) -> list[str]:
    """Items joined by ", " into lines of at most about `width` characters, each line but the
    last ending with a comma: a dict's entries as source code."""
    lines, line = [], ""
    for item in items:
        if line and len(line) + len(item) > width:
            lines.append(line.rstrip())
            line = ""
        line += item + ", "
    return [*lines, line.rstrip(", ")]


def pct(values: Sequence[float], q: float) -> float:
    """The q-th percentile."""
    return float(np.percentile(np.asarray(values, dtype=float), q))


def table(title: str, header: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    """A Markdown table, printed and returned."""
    cells = [[str(c) for c in header]] + [[_fmt(c) for c in row] for row in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(header))]
    lines = [f"### {title}", ""]
    for n, row in enumerate(cells):
        lines.append("| " + " | ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)) + " |")
        if n == 0:
            lines.append("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    text = "\n".join(lines) + "\n"
    print(text)
    return text


def save(name: str, payload: dict[str, object]) -> Path:
    """Write results as benchmarks/results/NAME.json with when and where they were taken."""
    RESULTS.mkdir(parents=True, exist_ok=True)
    payload = {"measured_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
               "machine": f"{platform.machine()}, {_cpus()} cores, Python "
                          f"{platform.python_version()}", **payload}
    path = RESULTS / f"{name}.json"
    path.write_text(json.dumps(payload, indent=2) + "\n")
    return path


def _cpus() -> int:
    import os

    return os.cpu_count() or 1


def _fmt(value: object) -> str:
    if isinstance(value, float):
        return f"{value:.3f}" if abs(value) < 100 else f"{value:,.0f}"
    return str(value)
