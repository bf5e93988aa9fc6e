"""Watch mode: the index follows the corpus while `qa index --watch` (or the chat) runs."""

from __future__ import annotations

import os
import signal
import subprocess
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

import qa
from qa.errors import InputError
from qa.watch import parse_every
from tests.conftest import QA_CTRL_C, ROOT, run_qa

HARBOUR = ("Harbour reopens after storm\n\nThe Larkfield harbour reopened on Monday after "
           "the storm, and 40 fishing boats returned to their moorings, the port authority "
           "said.\n")


@pytest.mark.parametrize(("text", "seconds"), [("15m", 900), ("90s", 90), ("2h", 7200),
                                               ("1d", 86400), ("30", 1800), ("1.5m", 90)])
def test_intervals(text: str, seconds: float) -> None:
    assert parse_every(text) == seconds


@pytest.mark.parametrize("text", ["soon", "5s", "", "-3m", "15 parsecs"])
def test_bad_intervals_are_refused(text: str) -> None:
    with pytest.raises(InputError):
        parse_every(text)


def test_pull_every_needs_watch(corpus_copy: Path) -> None:
    r = run_qa("index", "--corpus", str(corpus_copy), "--pull-every", "15m", timeout=60)
    assert r.returncode == 2 and "--pull-every needs --watch" in r.stderr
    assert r.stderr.count("\n") == 1


@pytest.fixture()
def watching(corpus_copy: Path, tmp_path: Path) -> Iterator[tuple[Path, Path, list[str]]]:
    """`qa index --watch` over a copy of the seeds, running until the test ends."""
    index = tmp_path / "index"
    proc = subprocess.Popen([*QA_CTRL_C, "index", "--watch", "--corpus", str(corpus_copy),
                             "--index", str(index)], cwd=ROOT, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True)
    lines: list[str] = []
    started = threading.Event()

    def drain() -> None:
        assert proc.stdout is not None
        for line in proc.stdout:
            lines.append(line)
            if "watching" in line:
                started.set()

    threading.Thread(target=drain, daemon=True).start()
    try:
        assert started.wait(180), "".join(lines)
        yield corpus_copy, index, lines
    finally:
        proc.send_signal(signal.SIGINT)  # Ctrl+C: the way a user stops it
        try:
            assert proc.wait(timeout=30) == 0, "".join(lines)
        finally:
            if proc.poll() is None:
                proc.kill()


def within(seconds: float, check: Callable[[], bool]) -> float:
    """How long until `check()` held, failing past `seconds`."""
    start = time.monotonic()
    while not check():
        assert time.monotonic() - start < seconds, f"not within {seconds} s"
        time.sleep(0.2)
    return time.monotonic() - start


def test_new_edited_and_removed_files_reach_the_index(
        watching: tuple[Path, Path, list[str]]) -> None:
    corpus, index, lines = watching
    question = "How many fishing boats returned to Larkfield harbour?"

    def answer() -> str | None:
        bot = qa.open(corpus, index=index, refresh=False)
        try:
            found = bot.ask(question)
            top = found.passages[0]
            return top.text if top.citation.path == "harbour.txt" else None
        finally:
            bot.close()

    (corpus / "harbour.txt").write_text(HARBOUR)
    within(10, lambda: (answer() or "").find("40 fishing boats") >= 0)
    (corpus / "harbour.txt").write_text(HARBOUR.replace("40 fishing", "55 fishing"))
    within(10, lambda: "55 fishing boats" in (answer() or ""))
    os.remove(corpus / "harbour.txt")
    within(10, lambda: answer() is None)
    assert any("1 added" in line for line in lines)
    assert any("1 removed" in line for line in lines)


def test_hidden_files_and_noise_do_not_update_the_index(
        watching: tuple[Path, Path, list[str]]) -> None:
    corpus, _, lines = watching
    before = len(lines)
    (corpus / ".state.json").write_text("{}")
    (corpus / "notes.bin").write_bytes(b"\x00\x01")
    time.sleep(3)
    assert not any("added" in line for line in lines[before:])


def test_a_watching_server_answers_from_a_new_article(corpus_copy: Path,
                                                      tmp_path: Path) -> None:
    import httpx

    from tests.conftest import qa_serve

    with qa_serve("--watch", "--corpus", str(corpus_copy), "--index",
                  str(tmp_path / "index")) as (url, lines):
        (corpus_copy / "harbour.txt").write_text(HARBOUR)

        def answered() -> bool:
            r = httpx.post(f"{url}/ask", json={"question": "How many fishing boats returned "
                                                           "to Larkfield harbour?"}, timeout=60)
            return "40 fishing boats" in r.json()["passages"][0]["text"]

        within(10, answered)
        assert any("watching" in line for line in lines)


def test_a_failing_update_is_told_once_and_the_watch_goes_on(
        bot: qa.Bot, corpus_copy: Path, tmp_path: Path) -> None:
    """Any failure (a full disk is an OSError) is one message, not repeated while it lasts,
    and the next update that works is reported as usual."""
    from qa.watch import Events, Watcher

    bot = qa.Bot(corpus_copy, tmp_path / "index", bot.encoder)  # the model, already loaded
    failures = iter([OSError(28, "No space left on device")] * 2)

    class Flaky:
        corpus, index_dir = bot.corpus, bot.index_dir

        def refresh(self) -> object:
            failure = next(failures, None)
            if failure is not None:
                raise failure
            return bot.refresh()

    said: list[str] = []
    updated: list[object] = []
    events = Events(updated=updated.append, failed=said.append)
    watcher = Watcher(Flaky(), events)  # type: ignore[arg-type]
    watcher._retry = 0.01  # noqa: SLF001 -- no need to wait in a test
    assert watcher.update() is False and watcher.update() is False
    assert said == ["could not update the index, it answers as it was: OSError: [Errno 28] "
                    "No space left on device"]
    assert watcher.update() is True and len(updated) == 1
