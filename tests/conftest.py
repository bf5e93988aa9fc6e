"""Shared fixtures: the real model, a real index of the seed corpus built once per session."""

from __future__ import annotations

import contextlib
import importlib.util
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

import qa
from qa.answer import Answer, Citation, Hit
from qa.encoder import Encoder

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "corpus"
SHARED = ROOT.parent / "shared"
QA = [sys.executable, "-m", "qa.cli"]


def qa_after(setup: str) -> list[str]:
    """`QA` that first runs `setup` (Python) in the child itself, not through a `preexec_fn`:
    Python code run between fork and exec in a test process that has loaded gRPC (the Milvus
    and Ray tests) once aborted the child ("epoll_wait error: Bad file descriptor")."""
    return [sys.executable, "-c",
            f"{setup}; import runpy; runpy.run_module('qa.cli', run_name='__main__', "
            "alter_sys=True)"]


QA_CTRL_C = qa_after("import signal; signal.signal(signal.SIGINT, signal.default_int_handler)")
"""`QA` with Ctrl+C as in a terminal: run from a script in the background, the test run may
have SIGINT ignored, which a child would inherit and never stop on Ctrl+C."""


def shared(*parts: str) -> Path:
    """A path in ../shared, or skip the test with the reason when it is absent."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is absent (a user's clone has no ../shared; CI has it)")
    return path


def made_up_bot(factory: pytest.TempPathFactory, name: str,
                articles: dict[str, tuple[str, str, str, str]]) -> qa.Bot:
    """A bot over made-up articles (file name: headline, date, source, body), written as
    Markdown with front matter and indexed with the real model, FAISS and SQLite."""
    corpus = factory.mktemp(name)
    for file, (title, day, source, body) in articles.items():
        (corpus / file).write_text(f"---\ntitle: {title}\ndate: {day}\nsource: {source}\n---\n"
                                   f"{body}\n", encoding="utf-8")
    return qa.open(corpus, index=factory.mktemp(f"{name}-index"))


def made_up_fixture(name: str, articles: dict[str, tuple[str, str, str, str]]) -> Callable[
        ..., Iterator[qa.Bot]]:
    """A module's `bot` fixture: `made_up_bot` over `articles`, opened once, closed after."""
    @pytest.fixture(scope="module", name="bot")
    def bot(tmp_path_factory: pytest.TempPathFactory) -> Iterator[qa.Bot]:
        opened = made_up_bot(tmp_path_factory, name, articles)
        yield opened
        opened.close()
    return bot


def answered_turn(question: str, text: str, sentence: str) -> Answer:
    """A previous chat turn whose answer is `sentence`, inside the passage `text`: what a
    follow-up's rewrite reads, without a model."""
    at = text.index(sentence)
    citation = Citation(title="t", source=None, date=None, path="a.txt", paragraph=1, start=0,
                        end=len(text), article_id="a")
    return Answer(question=question, text=sentence, rank=1,
                  passages=(Hit(rank=1, score=0.5, text=text, citation=citation,
                                highlight=(at, at + len(sentence))),))


@contextlib.contextmanager
def as_nobody() -> Iterator[None]:
    """Act as the user `nobody` (effective uid 65534) when the tests run as root, who reads and
    writes every file whatever its mode; otherwise as the user the tests run as."""
    root = os.geteuid() == 0
    if root:
        os.seteuid(65534)
    try:
        yield
    finally:
        if root:
            os.seteuid(0)


@pytest.fixture(scope="session")
def encoder() -> Encoder:
    """The bundled all-MiniLM-L6-v2, loaded once."""
    return Encoder()


@pytest.fixture(scope="session")
def seed_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A real index of the three seed articles, built once and shared read-only."""
    index = tmp_path_factory.mktemp("seed") / "index"
    qa.open(SEEDS, index=index).close()
    return index


@pytest.fixture(scope="session")
def bot(seed_index: Path) -> Iterator[qa.Bot]:
    """A bot over the seed index, without refreshing it."""
    b = qa.open(SEEDS, index=seed_index, refresh=False)
    yield b
    b.close()


@pytest.fixture()
def corpus_copy(tmp_path: Path) -> Path:
    """A writable copy of the seed corpus."""
    dest = tmp_path / "corpus"
    shutil.copytree(SEEDS, dest)
    return dest


def run_qa(*args: str, stdin: str | None = None, cwd: Path = ROOT,
           timeout: float = 300) -> subprocess.CompletedProcess[str]:
    """Run the real `qa` command in a subprocess."""
    return subprocess.run([*QA, *args], input=stdin, capture_output=True, text=True,
                          cwd=cwd, timeout=timeout)


@pytest.fixture(scope="session")
def bbc_index(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, dict[str, Any]]:
    """The BBC folder of ../shared indexed once by the real `qa index` (1-7 minutes on two
    cores): its corpus, its index folder and what the command printed. Tests only read it."""
    import json

    corpus = shared("corpora", "bbc")
    index = tmp_path_factory.mktemp("bbc") / "index"
    r = run_qa("index", "--corpus", str(corpus), "--index", str(index), "--json", timeout=1800)
    assert r.returncode == 0, r.stderr
    return corpus, index, {"summary": json.loads(r.stdout), "stderr": r.stderr}


def run_in_pty(args: list[str], env: dict[str, str] | None = None,
               timeout: float = 300) -> bytes:
    """Run a command with a terminal for stdin, stdout and stderr; every byte it writes.

    The environment is this one without NO_COLOR and with TERM=xterm-256color unless `env`
    is given."""
    import pty
    import time

    if env is None:
        env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
        env["TERM"] = "xterm-256color"
    master, slave = pty.openpty()
    proc = subprocess.Popen(args, stdin=slave, stdout=slave, stderr=slave, cwd=ROOT, env=env)
    os.close(slave)
    out = bytearray()
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # EIO: the last writer closed the terminal
            break
        if not chunk:
            break
        out += chunk
    proc.wait(timeout=60)
    os.close(master)
    assert proc.returncode == 0, bytes(out).decode(errors="replace")
    return bytes(out)


@contextlib.contextmanager
def qa_serve(*args: str, env: dict[str, str] | None = None,
             timeout: float = 180) -> Iterator[tuple[str, list[str]]]:
    """The real `qa serve --port 0 ARGS` in a subprocess: its URL, and the lines of stderr
    so far (the list grows while it runs). Stopped with SIGTERM on the way out."""
    import queue
    import re
    import threading

    proc = subprocess.Popen([*QA, "serve", "--port", "0", *args], cwd=ROOT, env=env,
                            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True)
    lines: list[str] = []
    found: queue.Queue[str | None] = queue.Queue()

    def drain() -> None:
        assert proc.stderr is not None
        for line in proc.stderr:
            lines.append(line)
            url = re.search(r"serving (http://\S+)", line)
            if url:
                found.put(url.group(1))
        found.put(None)

    threading.Thread(target=drain, daemon=True).start()
    try:
        try:
            url = found.get(timeout=timeout)
        except queue.Empty:
            url = None
        assert url, f"qa serve did not start: {''.join(lines)}"
        yield url, lines
    finally:
        stop(proc)


def rewrite_manifest(index: Path, **changes: object) -> None:
    """Change manifest values and re-sign them, as another (build of) qa would have written."""
    import json
    import sqlite3

    from qa.index import DB_NAME, manifest_checksum

    with sqlite3.connect(index / DB_NAME) as db:
        m = {k: json.loads(v) for k, v in db.execute("SELECT key, value FROM manifest")}
        m.update(changes)
        m["manifest_sha256"] = manifest_checksum(m)
        db.execute("DELETE FROM manifest")
        db.executemany("INSERT INTO manifest VALUES (?, ?)",
                       [(k, json.dumps(v)) for k, v in m.items()])
    db.close()


def adopt(index: Path, corpus: Path) -> None:
    """Record `corpus` as the index's own, as if it had been built from it (an index refuses
    updates from any other corpus): for tests that pair a copy of an index with a copy of its
    corpus."""
    rewrite_manifest(index, corpus=str(corpus.resolve()))


def load_benchmark(name: str) -> ModuleType:
    """A script of benchmarks/ as a module: the tests run the same harness, smaller."""
    spec = importlib.util.spec_from_file_location(name, ROOT / "benchmarks" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


common = load_benchmark("_common")
"""benchmarks/_common.py: the helpers the benchmarks and the tests share."""
stop = common.stop


def guarded(log: Path, watch: list[Path], *args: str,
            env: dict[str, str] | None = None) -> tuple[subprocess.CompletedProcess[str], dict]:
    """`qa ARGS` under tests/guarded.py: network blocked, unpickling and file access logged."""
    import json

    r = subprocess.run([sys.executable, str(ROOT / "tests" / "guarded.py"), str(log),
                        ":".join(str(w) for w in watch), "--", *args], capture_output=True,
                       text=True, cwd=ROOT, timeout=600, env=env)
    return r, json.loads(log.read_text())


def model_without_weights(dest: Path) -> Path:
    """A model folder linking every file of the bundled model except model.safetensors."""
    bundled = Encoder().dir
    dest.mkdir()
    for item in bundled.iterdir():
        if item.name != "model.safetensors":
            (dest / item.name).symlink_to(item)
    return dest
