"""Shared by the benchmark scripts: tables, JSON results, percentiles, ../shared lookup."""

from __future__ import annotations

import json
import platform
import sys
from collections.abc import Sequence
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
