"""Crashes, writers, full and read-only disks, planted files, no network, threads: the index
stays old-or-new and qa keeps answering.  Real subprocesses, model, FAISS and SQLite."""

from __future__ import annotations

import fcntl
import json
import os
import pickle
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

import qa
from qa import indexer
from qa.bot import Bot
from qa.encoder import Encoder
from qa.index import DB_NAME, LOCK_NAME, Store, manifest_checksum

from .conftest import (
    QA,
    ROOT,
    SEEDS,
    adopt,
    as_nobody,
    guarded,
    load_benchmark,
    model_without_weights,
    qa_after,
    run_qa,
    shared,
)

JOLY = "Who is Canada's foreign affairs minister?"
BIG = ("Port strike ends\n\n" + " ".join(
    f"Dock workers in port {i} returned to work on Monday after a strike over pay and hours."
    for i in range(200)) + "\n")
"""An article that makes the next generation's FAISS file ~79 KB and its WAL ~136 KB."""
STRIKE = "How many ports had dock workers on strike?"


def ask(corpus: Path, index: Path, encoder: Encoder, question: str = JOLY) -> dict:
    bot = Bot(corpus, index, encoder)
    try:
        return bot.ask(question).to_dict()
    finally:
        bot.close()


@pytest.fixture(scope="module")
def seed_answer(bot: qa.Bot) -> dict:
    """What the seed index answers to JOLY."""
    return bot.ask(JOLY).to_dict()


@pytest.fixture()
def built(corpus_copy: Path, tmp_path: Path, seed_index: Path,
          seed_answer: dict) -> tuple[Path, Path, dict]:
    """A writable corpus, a copy of its index, and what the index answers to JOLY."""
    index = tmp_path / "index"
    shutil.copytree(seed_index, index)  # corpus_copy keeps the seeds' sizes and mtimes
    adopt(index, corpus_copy)
    return corpus_copy, index, seed_answer


# --- 1. kill -9 at any moment of `qa index` -------------------------------------------------


@pytest.mark.slow
def test_kill_9_during_qa_index_leaves_old_or_new(tmp_path: Path) -> None:
    """benchmarks/kill_harness.py on 30 bbc articles: kills while the new generation is
    written and while it is switched in, the moments that could tear an index."""
    bbc = shared("corpora", "bbc")
    kh = load_benchmark("kill_harness")
    rows, facts = kh.run(bbc, tmp_path / "work", kills=3, seed=5, subset=30,
                         strategies=("writing", "switching"))
    assert kh.failures(rows) == [], rows
    assert all(r["killed"] for r in rows)  # every kill landed before the run ended
    assert {r["outcome"] for r in rows} <= {"old", "new"}
    assert all(r["resumed"] == "equal" and r["cleaned"] for r in rows)
    assert facts["articles"] == 30


# --- 4. two writers; readers keep answering; temp files of a crashed run -------------------


def test_second_writer_is_busy_and_readers_keep_answering(built: tuple[Path, Path, dict],
                                                          encoder: Encoder) -> None:
    corpus, index, expected = built
    writer = Store(index, create=True)
    with writer.writer():
        # Mid-update: uncommitted deletes and a half-written generation file.
        writer.db.execute("BEGIN IMMEDIATE")
        writer.db.execute("DELETE FROM passages")
        writer.db.execute("DELETE FROM articles")
        (index / "vectors-000002.faiss.tmp").write_bytes(b"half a file")

        r = run_qa("index", "--corpus", str(corpus), "--index", str(index))
        assert r.returncode == 2 and r.stdout == ""
        assert r.stderr.strip().splitlines() == [
            f"qa: error: Another `qa index` is updating {index}. Wait for it to finish, then "
            "run the command again."]

        (corpus / "extra.txt").write_text("Ferry strike ends\n\nThe ferry strike ended today.")
        r = run_qa("-q", JOLY, "--corpus", str(corpus), "--index", str(index), "--json")
        assert r.returncode == 0, r.stderr
        assert json.loads(r.stdout) == expected  # the last complete index
        assert "could not update the index" in r.stderr and "Another `qa index`" in r.stderr

        assert ask(corpus, index, encoder) == expected  # an API reader too
        writer.db.execute("ROLLBACK")
    writer.close()
    summary = Bot(corpus, index, encoder).refresh()
    assert summary.added == 1 and not list(index.glob("*.tmp"))


def test_readers_keep_answering_during_a_rebuild(built: tuple[Path, Path, dict],
                                                 encoder: Encoder) -> None:
    corpus, index, _ = built
    for i in range(40):  # enough text that the rebuild takes a few seconds
        (corpus / f"filler{i:02d}.txt").write_text(f"Weather in town {i}\n\n" + " ".join(
            f"Day {d}: rain over town {i}, then sun by the evening." for d in range(30)))
    Bot(corpus, index, encoder).refresh()
    expected = ask(corpus, index, encoder)
    rebuild = subprocess.Popen([*QA, "index", "--rebuild", "--corpus", str(corpus), "--index",
                                str(index)], cwd=ROOT, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True)
    answered = 0
    while rebuild.poll() is None:
        assert ask(corpus, index, encoder) == expected  # the old index, never an error
        answered += 1
    out, err = rebuild.communicate()
    assert rebuild.returncode == 0 and "rebuilt: asked to rebuild" in out, err
    assert answered >= 3
    assert ask(corpus, index, encoder) == expected  # and the new one
    assert [p.name for p in index.glob("vectors-*.faiss")] == ["vectors-000003.faiss"]


def test_a_writer_opened_before_another_commit_keeps_the_new_generation(
        built: tuple[Path, Path, dict], encoder: Encoder) -> None:
    corpus, index, expected = built
    early = Bot(corpus, index, encoder)
    assert early.ask(JOLY).to_dict() == expected  # has read generation 1
    (corpus / "extra.txt").write_text("Ferry strike ends\n\nThe ferry strike ended today.")
    Bot(corpus, index, encoder).refresh()  # another writer commits generation 2
    early.refresh()  # must judge orphans by generation 2, not the one it read
    assert [p.name for p in index.glob("vectors-*.faiss")] == ["vectors-000002.faiss"]
    fresh = ask(corpus, index, encoder)  # generation 2 has one more article
    assert early.ask(JOLY).to_dict() == fresh and "Melanie Joly" in fresh["answer"]["text"]
    early.close()


def test_lock_is_released_when_the_writer_is_killed(built: tuple[Path, Path, dict]) -> None:
    corpus, index, _ = built
    holder = subprocess.Popen([sys.executable, "-c", (
        "import fcntl, os, sys, time\n"
        f"fd = os.open({str(index / LOCK_NAME)!r}, os.O_RDWR)\n"
        "fcntl.flock(fd, fcntl.LOCK_EX)\nprint('locked', flush=True)\ntime.sleep(600)")],
        stdout=subprocess.PIPE, text=True)
    assert holder.stdout is not None and holder.stdout.readline() == "locked\n"
    fd = os.open(index / LOCK_NAME, os.O_RDWR)
    with pytest.raises(BlockingIOError):
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    holder.send_signal(signal.SIGKILL)
    holder.wait()
    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)  # free again: no stale lock file to clear
    os.close(fd)


def test_temp_files_of_a_crashed_run_are_removed_by_the_next_writer(
        built: tuple[Path, Path, dict], encoder: Encoder) -> None:
    corpus, index, expected = built
    [current] = index.glob("vectors-*.faiss")
    leftovers = [index / "vectors-000002.faiss.tmp", index / "vectors-000003.faiss",
                 index / "vectors-000007.faiss.tmp"]
    for path in leftovers:
        path.write_bytes(os.urandom(4096))
    assert ask(corpus, index, encoder) == expected
    assert all(p.exists() for p in leftovers)  # a reader never deletes: a writer may be busy
    r = run_qa("index", "--corpus", str(corpus), "--index", str(index))
    assert r.returncode == 0, r.stderr
    assert not any(p.exists() for p in leftovers) and current.exists()
    assert ask(corpus, index, encoder) == expected


# --- 5. disk full, read-only folder ---------------------------------------------------------


def limited(limit: int) -> list[str]:
    """`qa` whose files may grow to `limit` bytes; past it, writes fail (EFBIG) instead of the
    process being killed by SIGXFSZ."""
    return qa_after("import resource, signal; signal.signal(signal.SIGXFSZ, signal.SIG_IGN); "
                    f"resource.setrlimit(resource.RLIMIT_FSIZE, ({limit}, {limit}))")


@pytest.fixture(scope="module")
def clean_answer(tmp_path_factory: pytest.TempPathFactory, encoder: Encoder) -> dict:
    """What a clean build of the seeds plus BIG answers to STRIKE."""
    corpus = tmp_path_factory.mktemp("clean") / "corpus"
    shutil.copytree(SEEDS, corpus)
    (corpus / "big.txt").write_text(BIG)
    index = corpus.parent / "index"
    Bot(corpus, index, encoder).refresh()
    return ask(corpus, index, encoder, STRIKE)


# 20 KB: the new FAISS file cannot be written; 100 KB: it can, the SQLite commit cannot.
@pytest.mark.parametrize("limit", [20_000, 100_000])
def test_file_size_limit_leaves_the_old_index_answering(built: tuple[Path, Path, dict],
                                                        encoder: Encoder, clean_answer: dict,
                                                        limit: int) -> None:
    corpus, index, expected = built
    (corpus / "big.txt").write_text(BIG)
    r = subprocess.run([*limited(limit), "index", "--corpus", str(corpus), "--index",
                        str(index)], capture_output=True, text=True, cwd=ROOT, timeout=600)
    assert r.returncode == 2, r.stderr
    [line] = r.stderr.strip().splitlines()
    assert line.startswith(f"qa: error: Cannot write the index at {index} (")
    assert "the previous index is unchanged" in line
    assert ask(corpus, index, encoder) == expected
    assert Store(index).counts()[0] == 3
    # Space again: the next run completes, equal to a clean build.
    assert Bot(corpus, index, encoder).refresh().added == 1
    assert ask(corpus, index, encoder, STRIKE) == clean_answer


@pytest.fixture()
def small_disk(tmp_path: Path, seed_index: Path) -> Iterator[Path]:
    """A tmpfs of the model's ONNX export + 280 KB, mounted for the test (needs root; skipped
    otherwise): room for the seed index (~160 KB besides the export) and the next FAISS file,
    not for the next commit."""
    mount = tmp_path / "disk"
    mount.mkdir()
    model = sum(p.stat().st_size for p in seed_index.glob("model-*.onnx"))
    size = f"size={model // 1024 + 280}k"
    r = subprocess.run(["mount", "-t", "tmpfs", "-o", size, "tmpfs", str(mount)],
                       capture_output=True, text=True)
    if r.returncode != 0:
        pytest.skip(f"cannot mount a small tmpfs here ({r.stderr.strip() or r.returncode})")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


# `qa` with the embedding replaced by a tripwire: a refusal must come before any embedding.
NO_EMBEDDING = [sys.executable, "-c",
                "import sys, qa.indexer as i\n"
                "def tripwire(*a, **k): sys.exit('qa: tripwire: embedding started')\n"
                "i.embed = tripwire\n"
                "from qa.cli import main\n"
                "sys.exit(main())"]


def run_unembedding(*args: str, **kwargs: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*NO_EMBEDDING, *args], capture_output=True, text=True, cwd=ROOT,
                          timeout=300, **kwargs)  # type: ignore[call-overload]


def test_full_disk_and_read_only_folder(built: tuple[Path, Path, dict], small_disk: Path,
                                        encoder: Encoder) -> None:
    corpus, seed_index, expected = built
    index = small_disk / "index"
    shutil.copytree(seed_index, index)
    (corpus / "big.txt").write_text(BIG)
    r = run_qa("index", "--corpus", str(corpus), "--index", str(index))
    assert r.returncode == 2 and "Cannot write the index" in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1, r.stderr
    assert ask(corpus, index, encoder) == expected

    subprocess.run(["mount", "-o", "remount,ro", str(small_disk)], check=True)
    r = run_unembedding("index", "--corpus", str(corpus), "--index", str(index))
    assert r.returncode == 2 and "read-only" in r.stderr.lower(), r.stderr
    assert len(r.stderr.strip().splitlines()) == 1, r.stderr  # and no tripwire
    r = run_qa("-q", JOLY, "--corpus", str(corpus), "--index", str(index), "--json")
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout) == expected
    assert "could not update the index" in r.stderr
    # Nothing to write: checking that the index is up to date succeeds on a read-only disk.
    (corpus / "big.txt").unlink()
    r = run_qa("index", "--corpus", str(corpus), "--index", str(index))
    assert r.returncode == 0, r.stderr
    assert "0 added, 0 updated, 0 removed" in r.stdout + r.stderr
    r = run_qa("index", "--rebuild", "--corpus", str(corpus), "--index", str(index))
    assert r.returncode == 2 and "read-only" in r.stderr.lower(), r.stderr
    # A folder made read-only before any qa writer created its lock file.
    subprocess.run(["mount", "-o", "remount,rw", str(small_disk)], check=True)
    (index / LOCK_NAME).unlink()
    subprocess.run(["mount", "-o", "remount,ro", str(small_disk)], check=True)
    r = run_qa("index", "--corpus", str(corpus), "--index", str(index))
    assert r.returncode == 0, r.stderr
    assert "0 added, 0 updated, 0 removed" in r.stdout + r.stderr
    (corpus / "new.txt").write_text("A new article.\n\nIt has one paragraph of text.\n")
    r = run_qa("index", "--corpus", str(corpus), "--index", str(index))
    assert r.returncode == 2 and "read-only" in r.stderr.lower(), r.stderr
    assert ask(corpus, index, encoder) == expected


def test_index_its_owner_can_still_change_is_never_read_as_immutable(
        built: tuple[Path, Path, dict], encoder: Encoder) -> None:
    """Another user's index in a folder its owner can write: read through the log's shared
    memory while the owner has it open (and see the owner's next commit), refused with the
    next step when that file is absent; never opened `immutable=1`, which would go on
    reading a file that changes under it."""
    if os.geteuid() != 0:
        pytest.skip("needs root, to act as another user (nobody)")
    corpus, seed_index, expected = built
    base = Path(tempfile.mkdtemp(prefix="qa-owners-"))
    try:
        base.chmod(0o755)
        index, corpus = base / "index", shutil.copytree(corpus, base / "corpus")
        shutil.copytree(seed_index, index)
        adopt(index, corpus)
        for path in [index, corpus, *index.iterdir(), *corpus.iterdir()]:
            path.chmod(0o755 if path.is_dir() else 0o644)
        assert not (index / f"{DB_NAME}-shm").exists()
        encoder.encode(["load the model first"])
        with as_nobody():
            reader = Bot(corpus, index, encoder)
            with pytest.raises(qa.QAError, match="can still be changed by its owner"):
                reader.ask(JOLY)
            reader.close()
        owner = Store(index)  # the owner's open connection keeps the -shm file
        owner.counts()
        try:
            with as_nobody():
                reader = Bot(corpus, index, encoder)
                assert reader.ask(JOLY).to_dict() == expected
            (corpus / "ferry.txt").write_text("Ferry strike ends\n\nThe ferry strike ended.")
            Bot(corpus, index, encoder).refresh()  # the owner commits a new generation
            with as_nobody():
                assert reader.store.counts()[0] == 4
                assert "ferry" in reader.ask("When did the ferry strike end?").passages[
                    0].text.lower()
                reader.close()
        finally:
            owner.close()
    finally:
        shutil.rmtree(base)


def test_folder_this_user_cannot_write(built: tuple[Path, Path, dict], encoder: Encoder,
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """Another user's index, or one after `chmod a-w`: the lock file stays writable, the folder
    does not. Refused before embedding, leftovers untouched, questions answered as before."""
    if os.geteuid() != 0:
        pytest.skip("needs root, to act as another user (nobody)")
    corpus, seed_index, expected = built
    base = Path(tempfile.mkdtemp(prefix="qa-not-mine-"))
    try:
        base.chmod(0o755)
        index, corpus = base / "index", shutil.copytree(corpus, base / "corpus")
        shutil.copytree(seed_index, index)
        adopt(index, corpus)
        leftovers = [index / "vectors-000099.faiss", index / "qa.sqlite3.tmp"]
        for path in leftovers:
            path.write_bytes(b"a crashed run's file")
        for path in [index, corpus, *index.iterdir(), *corpus.iterdir()]:
            path.chmod(0o755 if path.is_dir() else 0o666 if path.name == LOCK_NAME else 0o644)
        index.chmod(0o555)
        (corpus / "big.txt").write_text(BIG)

        def tripwire(*args: object, **kwargs: object) -> None:
            raise AssertionError("embedding started")

        monkeypatch.setattr(indexer, "embed", tripwire)
        encoder.encode(["load the model first"])  # its modules live where nobody cannot read
        with as_nobody():  # reads everything here, writes nothing
            bot = Bot(corpus, index, encoder)
            try:
                with pytest.raises(qa.QAError, match="permission denied"):
                    bot.refresh()
                assert bot.ask(JOLY).to_dict() == expected
            finally:
                bot.close()
        assert all(path.exists() for path in leftovers)  # removed by a writer that can
        (corpus / "big.txt").unlink()
        with as_nobody():
            bot = Bot(corpus, index, encoder)
            try:
                summary = bot.refresh()  # nothing to write: fine without write access
            finally:
                bot.close()
        assert (summary.added, summary.updated, summary.removed) == (0, 0, 0)
    finally:
        shutil.rmtree(base)


# --- 9. nothing runs code from disk ----------------------------------------------------------


class Planted:
    """Unpickling this runs a shell command that leaves a marker file."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple:
        return (os.system, (f"touch {self.marker}",))


def offline_env(tmp_path: Path) -> dict[str, str]:
    """No hub settings of our own, an empty hub cache: qa must need neither."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("HF_", "TRANSFORMERS_", "SENTENCE_TRANSFORMERS"))}
    env["HF_HOME"] = str(tmp_path / "empty-hf-home")
    return env


@pytest.fixture(scope="module")
def offline_runs(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """`qa index` then `qa -q` under tests/guarded.py: sockets blocked, no hub settings, and
    pickles planted in the index folder (their payload would leave a marker file)."""
    tmp = tmp_path_factory.mktemp("offline")
    corpus, index, marker = tmp / "corpus", tmp / "index", tmp / "PWNED"
    shutil.copytree(SEEDS, corpus)
    index.mkdir()
    for name in ("index.pkl", "vectors.pkl", "manifest.pkl", "vectors-000001.pkl"):
        (index / name).write_bytes(pickle.dumps(Planted(marker)))
    env = offline_env(tmp)
    built, built_log = guarded(tmp / "index.json", [index], "index", "--corpus", str(corpus),
                               "--index", str(index), env=env)
    asked, asked_log = guarded(tmp / "ask.json", [index], "-q", JOLY, "--corpus", str(corpus),
                               "--index", str(index), "--json", env=env)
    return {"runs": (built, asked), "logs": (built_log, asked_log), "marker": marker,
            "env": env, "tmp": tmp}


def test_planted_pickles_are_never_loaded(offline_runs: dict) -> None:
    for run in offline_runs["runs"]:
        assert run.returncode == 0, run.stderr
    assert not offline_runs["marker"].exists()
    touched = set()
    for log in offline_runs["logs"]:
        assert log["unpickle"] == []
        touched |= {Path(t.split(" ", 1)[1]).name for t in log["touched"]}
    assert not any(name.endswith(".pkl") for name in touched)
    # The log does see the index files qa opens from Python (SQLite opens qa.sqlite3 from C,
    # by that name only, unseen by audit hooks).
    assert "vectors-000001.faiss" in touched


def test_no_pickle_or_remote_code_in_the_source() -> None:
    import re

    for path in (ROOT / "qa").rglob("*.py"):
        text = path.read_text()
        assert not re.search(r"^\s*(import|from)\s+(pickle|dill|joblib|cloudpickle)\b", text,
                             re.MULTILINE), path
        assert "torch.load" not in text and "trust_remote_code" not in text, path


def test_weights_must_be_safetensors(tmp_path: Path) -> None:
    model = model_without_weights(tmp_path / "model")
    marker = tmp_path / "PWNED"
    (model / "pytorch_model.bin").write_bytes(pickle.dumps(Planted(marker)))
    r = run_qa("-q", JOLY, "--model", str(model), "--index", str(tmp_path / "i"))
    assert r.returncode == 2 and "safetensors" in r.stderr and not marker.exists()


def test_the_model_is_loaded_without_remote_code(monkeypatch: pytest.MonkeyPatch) -> None:
    import sentence_transformers

    seen: list[dict] = []
    real = sentence_transformers.SentenceTransformer

    def spy(*args: object, **kwargs: object) -> object:
        seen.append(kwargs)
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(sentence_transformers, "SentenceTransformer", spy)
    Encoder().encode(["a test"])
    assert seen and not seen[0].get("trust_remote_code") and seen[0].get("local_files_only")


# --- 10. no network ---------------------------------------------------------------------------


def test_index_and_ask_with_the_network_blocked(offline_runs: dict) -> None:
    built, asked = offline_runs["runs"]
    assert built.returncode == 0 and asked.returncode == 0, (built.stderr, asked.stderr)
    assert all(log["network"] == [] for log in offline_runs["logs"])
    assert "Melanie Joly" in json.loads(asked.stdout)["answer"]["text"]
    # The guard does block: a download attempt under it fails and is recorded.
    tmp = offline_runs["tmp"]
    r, seen = guarded(tmp / "probe.json", [], "-c", "import urllib.request\ntry:\n"
                      "    urllib.request.urlopen('http://example.com', timeout=5)\n"
                      "except OSError as exc:\n    print('blocked', exc)",
                      env=offline_runs["env"])
    assert r.stdout.startswith("blocked") and seen["network"], r.stderr


def test_ask_in_a_network_namespace_without_interfaces(seed_index: Path, tmp_path: Path) -> None:
    if shutil.which("unshare") is None or subprocess.run(
            ["unshare", "-n", "true"], capture_output=True).returncode != 0:
        pytest.skip("cannot create a network namespace here (unshare -n needs root)")
    r = subprocess.run(["unshare", "-n", *QA, "-q", JOLY, "--index", str(seed_index),
                        "--no-refresh", "--json"], capture_output=True, text=True, cwd=ROOT,
                       timeout=600, env=offline_env(tmp_path))
    assert r.returncode == 0, r.stderr
    assert "Melanie Joly" in json.loads(r.stdout)["answer"]["text"]


# --- 11. one Bot, 8 threads ----------------------------------------------------------------


@pytest.mark.slow
def test_eight_threads_get_the_answers_of_asking_in_turn(bot: qa.Bot) -> None:
    """QA_THREAD_SECONDS (default 30, the issue's figure) of asking from 8 threads at once."""
    seconds = float(os.environ.get("QA_THREAD_SECONDS", "30"))
    th = load_benchmark("threads")
    expected, articles = th.answers_now(bot)
    report = th.hammer(bot, 8, seconds, expected, articles, seed=3)
    assert report["torn"] == [] and report["errors"] == []
    assert report["asks"] >= 8 and min(report["per_thread"]) >= 1


def test_read_only_folder_with_changes_still_in_the_log(seed_index: Path, small_disk: Path,
                                                        tmp_path: Path) -> None:
    index = tmp_path / "index"
    shutil.copytree(seed_index, index)
    # A commit that lives only in qa.sqlite3-wal: copied while its writer still has it open.
    live = sqlite3.connect(index / DB_NAME, isolation_level=None)
    live.execute("PRAGMA wal_autocheckpoint = 0")
    rows = dict(live.execute("SELECT key, value FROM manifest").fetchall())
    m = {k: json.loads(v) for k, v in rows.items()}
    m["built_at"] = "2031-01-01T00:00:00+00:00"
    m["manifest_sha256"] = manifest_checksum(m)
    live.execute("UPDATE manifest SET value = ? WHERE key = 'built_at'",
                 (json.dumps(m["built_at"]),))
    live.execute("UPDATE manifest SET value = ? WHERE key = 'manifest_sha256'",
                 (json.dumps(m["manifest_sha256"]),))
    frozen = small_disk / "frozen"
    shutil.copytree(index, frozen)
    live.close()
    assert (frozen / f"{DB_NAME}-wal").stat().st_size > 0
    subprocess.run(["mount", "-o", "remount,ro", str(small_disk)], check=True)
    store = Store(frozen)
    assert store.manifest["built_at"] == m["built_at"]  # read through the log
    store.close()
    subprocess.run(["mount", "-o", "remount,rw", str(small_disk)], check=True)
    (frozen / f"{DB_NAME}-shm").unlink()
    subprocess.run(["mount", "-o", "remount,ro", str(small_disk)], check=True)
    with pytest.raises(qa.QAError, match="with write access"):
        Store(frozen)
