"""Damaged and mismatched indexes: detected or refused with the rebuild command, never answered
from.  Real model, real FAISS, real SQLite; the damage is done to copies of a real index."""

from __future__ import annotations

import shutil
import sqlite3
import sys
from datetime import date
from pathlib import Path

import numpy as np
import pytest

import qa
from qa.bot import Bot
from qa.encoder import Encoder
from qa.errors import IndexDamagedError
from qa.index import DB_NAME, Store, reads
from qa.indexer import manifest
from qa.models import Change, Filters

from .conftest import (
    QA,
    ROOT,
    SEEDS,
    load_benchmark,
    model_without_weights,
    rewrite_manifest,
    run_qa,
)

JOLY = "Who is Canada's foreign affairs minister?"


@pytest.fixture()
def index(seed_index: Path, tmp_path: Path) -> Path:
    """A private copy of the seed index, to damage."""
    dest = tmp_path / "index"
    shutil.copytree(seed_index, dest)
    return dest


def ask(index: Path, encoder: Encoder, question: str = JOLY, mode: str = "hybrid",
        filters: Filters | None = None, as_of: str | None = None) -> dict:
    bot = Bot(SEEDS, index, encoder)
    try:
        return bot.ask(question, mode=mode, filters=filters, as_of=as_of).to_dict()
    finally:
        bot.close()


def sql(index: Path, *statements: str) -> None:
    """Change the database behind qa's back, as a disk error that SQLite cannot see would."""
    db = sqlite3.connect(index / DB_NAME)
    with db:
        for statement in statements:
            db.execute(statement)
    db.close()


# --- the matrix: every file, every kind of damage -----------------------------------------


def test_every_damage_to_every_index_file_is_detected_or_harmless(tmp_path: Path) -> None:
    dm = load_benchmark("damage_matrix")
    counts, failures = dm.run(SEEDS, flips=3, seed=11, encoder=dm.CachedEncoder(),
                              work=tmp_path)
    assert failures == []
    files = {f for f, _, _ in counts}
    assert {"qa.sqlite3 (closed)", "vectors-N.faiss (closed)", "model-M.onnx (closed)",
            ".lock (closed)",
            "qa.sqlite3 (live)", "qa.sqlite3-wal (live)", "qa.sqlite3-shm (live)"} <= files

    def detected(f: str, m: str) -> int:
        return counts[(f, m, "detected")]

    # The checks do fire: the FAISS file is checksummed, the database and its WAL are read.
    for checked in ("vectors-N.faiss (closed)", "model-M.onnx (closed)"):
        for mode in dm.MODES:
            tried = sum(n for (f, m, _), n in counts.items() if (f, m) == (checked, mode))
            assert detected(checked, mode) == tried > 0, (checked, mode)
    for mode in ("missing", "truncate-half", "flip-many"):
        assert detected("qa.sqlite3 (closed)", mode) > 0
    for mode in ("missing", "flip-many"):  # the last update lives only in the WAL
        assert detected("qa.sqlite3-wal (live)", mode) > 0


# --- each check, proven on damage that only it can see -------------------------------------


def test_a_changed_byte_of_passage_text_is_caught(index: Path, encoder: Encoder) -> None:
    data = (index / DB_NAME).read_bytes()
    places = [i for i in range(len(data)) if data.startswith(b"Melanie Joly", i)]
    assert len(places) >= 3  # the passage, the article body, the FTS copy of the text
    expected = ask(index, encoder)
    outcomes = []
    for place in places:
        copy = index.parent / f"copy{place}"
        shutil.copytree(index, copy)
        damaged = bytearray(data)
        damaged[place + 8] ^= 0x01  # "Melanie Joly" -> "Melanie Koly"
        (copy / DB_NAME).write_bytes(bytes(damaged))
        try:
            # Same answer: the copy of the text FTS5 keeps is not read to answer, nor are
            # passages the question does not retrieve.
            assert ask(copy, encoder) == expected
            outcomes.append("same")
        except IndexDamagedError as exc:
            assert "qa index --rebuild" in str(exc)
            outcomes.append("detected")
        # A writer reads everything first: it refuses to build on any of them.
        with pytest.raises(IndexDamagedError):
            Bot(SEEDS, copy, encoder).refresh()
    assert outcomes.count("detected") >= 2


@pytest.mark.parametrize("damage, question, mode", [
    ("UPDATE passages SET text = replace(text, 'Joly', 'Jolie')", JOLY, "hybrid"),
    ("UPDATE passages SET \"end\" = \"end\" + 1", JOLY, "hybrid"),
    ("UPDATE articles SET headline = 'Fake headline'", JOLY, "hybrid"),
    ("UPDATE articles SET date = '1999-01-01'", JOLY, "dense"),
    ("DELETE FROM passages WHERE id IN (SELECT min(id) FROM passages)", JOLY, "dense"),
    ("DELETE FROM articles WHERE id LIKE '000%'", JOLY, "dense"),
    ("UPDATE passages_fts_docsize SET sz = x'01' WHERE id = 3", "Armenia border", "lexical"),
    ("UPDATE passages_fts_data SET block = block || x'00' WHERE id = 10", "Armenia", "lexical"),
    ("UPDATE sentences SET vectors = zeroblob(length(vectors))", JOLY, "hybrid"),
    ("UPDATE sentences SET spans = '[[0, 3]]'", JOLY, "dense"),
    ("DELETE FROM sentences", JOLY, "hybrid"),
    # One bit of a record header turns a text into a blob of the same bytes.
    ("UPDATE articles SET date = CAST(date AS BLOB) WHERE id LIKE '001%'", JOLY, "hybrid"),
    ("UPDATE passages SET text = CAST(text AS BLOB)", JOLY, "dense"),
    ("UPDATE manifest SET value = '21' WHERE key = 'vectors'", JOLY, "hybrid"),
    ("UPDATE manifest SET value = '\"vectors-000009.faiss\"' WHERE key = 'faiss_file'", JOLY,
     "hybrid"),
])
def test_silent_damage_inside_sqlite_is_caught(index: Path, encoder: Encoder, damage: str,
                                               question: str, mode: str) -> None:
    sql(index, damage)
    with pytest.raises(IndexDamagedError, match=r"damaged .*qa index --rebuild --index"):
        ask(index, encoder, question, mode)


@pytest.mark.parametrize("damage, question, filters, as_of", [
    # The Canadian Press article (2023) dated 1999: a filter from 2023 on would leave it out.
    ("UPDATE articles SET date = '1999-01-01' WHERE id LIKE '000%'", JOLY,
     Filters(since=date(2023, 1, 1)), None),
    ("UPDATE articles SET source = 'Nobody' WHERE id LIKE '000%'", JOLY,
     Filters(source="canadian press"), None),
    ("UPDATE articles SET path = 'elsewhere.txt' WHERE id LIKE '000%'", JOLY,
     Filters(path="000*"), None),
    # "Latest" and as-of weigh every date, also of articles they then leave out.
    ("UPDATE articles SET date = '2019-01-01' WHERE id LIKE '000%'",
     "What is the latest news?", None, None),
    ("UPDATE articles SET date = '2030-01-01' WHERE id LIKE '001%'", "Armenia",
     None, "2023-12-31"),
    ("UPDATE passages SET article_id = '001' WHERE article_id LIKE '000%'", JOLY,
     Filters(path="000*"), None),
])
def test_damage_to_rows_a_filter_leaves_out_is_caught(
        index: Path, encoder: Encoder, monkeypatch: pytest.MonkeyPatch, damage: str,
        question: str, filters: Filters | None, as_of: str | None) -> None:
    def answer() -> dict:
        return ask(index, encoder, question, filters=filters, as_of=as_of)

    expected = answer()
    sql(index, damage)
    with pytest.raises(IndexDamagedError, match=r"dates, sources or paths.*qa index --rebuild"):
        answer()
    writer = Bot(SEEDS, index, encoder)
    try:
        with pytest.raises(IndexDamagedError, match="dates, sources or paths"):
            writer.refresh()  # nor does a writer build on it
    finally:
        writer.close()
    # Without that check no other check sees it, and the answer changes.
    monkeypatch.setattr(reads, "check_filter_digest", lambda view, digest: None)
    assert answer() != expected


@pytest.mark.parametrize("damage, what", [
    ("UPDATE articles SET body = body || ' x' WHERE rowid = (SELECT max(rowid) FROM articles)",
     "article"),
    ("UPDATE passages SET text = text || ' x' WHERE id = (SELECT max(id) FROM passages)",
     "passage"),
    ("UPDATE sentences SET spans = '[[0, 1]]' "
     "WHERE passage_id = (SELECT max(passage_id) FROM sentences)", "sentences of passage"),
])
def test_the_writers_check_reads_every_page_of_every_table(
        index: Path, monkeypatch: pytest.MonkeyPatch, damage: str, what: str) -> None:
    """`verify` reads whole tables a page at a time (bounded memory at 1M passages): the
    last row of the last page is checked, and an intact index spread over pages passes."""
    monkeypatch.setattr(reads, "_PAGE", 2)

    def verify() -> None:
        store = Store(index)
        try:
            store.verify()
        finally:
            store.close()

    verify()
    sql(index, damage)
    with pytest.raises(IndexDamagedError, match=what):
        verify()


A000, A001, A002 = (f"{n}.txt" for n in ("000_4d762a9f0bec231f", "001_7a6b2ce8cf9b9deb",
                                           "002_4daac4070595a02e"))


def rewrite_page(index: Path, btree: str, old: str, new: str) -> None:
    """Replace the first `old` in the root page of one of SQLite's b-trees by `new` (of the
    same length), as a bad sector would: SQLite's own checks do not see it on read."""
    db = sqlite3.connect(index / DB_NAME)
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    [(root,)] = db.execute("SELECT rootpage FROM sqlite_schema WHERE name = ?", (btree,))
    [(size,)] = db.execute("PRAGMA page_size")
    db.close()
    data = bytearray((index / DB_NAME).read_bytes())
    at = data.find(old.encode(), (root - 1) * size, root * size)
    assert at >= 0 and len(old) == len(new), (btree, old)
    data[at:at + len(old)] = new.encode()
    (index / DB_NAME).write_bytes(bytes(data))


@pytest.mark.parametrize("btree, old, new, question, filters", [
    # An entry of the index on passages(article_id) now files a passage of the undated
    # NDP article under the 2023 article: a filter from 2023 on must still leave it out.
    ("passages_article", A002, A000, "What did the NDP press the Liberals to do?",
     Filters(since=date(2023, 1, 1))),
    # An entry of the index on articles(path) now files the 2020 drone article under 000_:
    # the path filter 000* must still leave it out.
    ("articles_path", A001, "000" + A001[3:], "Which minister suspended drone exports to Turkey?",
     Filters(path="000*")),
])
def test_damage_to_an_index_filters_could_use_never_changes_the_answer(
        index: Path, encoder: Encoder, btree: str, old: str, new: str, question: str,
        filters: Filters) -> None:
    def through(db: sqlite3.Connection) -> list[int]:
        """The passages that pass the filter when SQLite is made to read the damaged index."""
        if btree == "passages_article":
            sql_ = ("SELECT p.id FROM passages p INDEXED BY passages_article JOIN articles a "
                    "ON a.id = p.article_id WHERE a.date >= '2023-01-01' ORDER BY p.id")
        else:
            sql_ = ("SELECT p.id FROM articles a INDEXED BY articles_path JOIN passages p "
                    "ON a.id = p.article_id WHERE a.path GLOB '000*' ORDER BY p.id")
        return [r[0] for r in db.execute(sql_)]

    expected = ask(index, encoder, question, filters=filters)
    db = sqlite3.connect(index / DB_NAME)
    before = through(db)
    db.close()
    rewrite_page(index, btree, old, new)
    db = sqlite3.connect(index / DB_NAME)
    assert through(db) != before  # the damage is real, for a query that reads that index
    assert db.execute("PRAGMA integrity_check").fetchone()[0] != "ok"
    db.close()
    # Filters read what the manifest's checksum covers, never those indexes.
    assert ask(index, encoder, question, filters=filters) == expected
    writer = Bot(SEEDS, index, encoder)
    try:
        with pytest.raises(IndexDamagedError, match="SQLite"):
            writer.refresh()  # a writer's integrity check sees it
    finally:
        writer.close()


def test_damaged_schema_is_caught(index: Path, encoder: Encoder) -> None:
    # remove_diacritics 2 -> 0: a valid schema that tokenises questions differently.
    db = sqlite3.connect(index / DB_NAME)
    db.execute("PRAGMA writable_schema = ON")
    with db:
        db.execute("UPDATE sqlite_schema SET sql = replace(sql, 'remove_diacritics 2', "
                   "'remove_diacritics 0') WHERE name = 'passages_fts'")
    db.close()
    with pytest.raises(IndexDamagedError, match="schema"):
        ask(index, encoder)


def test_cli_reports_damage_in_one_line_and_rebuild_repairs_it(index: Path,
                                                               encoder: Encoder) -> None:
    expected = ask(index, encoder)
    [faiss_file] = index.glob("vectors-*.faiss")
    data = bytearray(faiss_file.read_bytes())
    data[len(data) // 3] ^= 0x10
    faiss_file.write_bytes(bytes(data))
    for args in (("-q", JOLY), ("index",)):
        r = run_qa(*args, "--index", str(index))
        assert r.returncode == 2 and r.stdout == "", r.stderr
        lines = r.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("qa: error: The index at ")
        assert f"qa index --rebuild --index {index}" in lines[0]
    r = run_qa("index", "--rebuild", "--index", str(index))
    assert r.returncode == 0, r.stderr
    assert ask(index, encoder) == expected


def test_rebuild_replaces_a_database_sqlite_cannot_open(index: Path, encoder: Encoder) -> None:
    expected = ask(index, encoder)
    (index / DB_NAME).write_bytes(b"\0" * 100 + (index / DB_NAME).read_bytes()[100:])
    with pytest.raises(qa.QAError, match="qa index --rebuild"):
        ask(index, encoder)
    Bot(SEEDS, index, encoder).refresh(rebuild=True)
    assert ask(index, encoder) == expected


# --- mismatch: refused before FAISS is called, under python -O too ------------------------


def ask_optimised(index: Path) -> tuple[int, str]:
    """`python -O -m qa.cli -q ... --no-refresh`: asserts are gone, our checks must not be."""
    import subprocess

    r = subprocess.run([sys.executable, "-O", *QA[1:], "-q", JOLY, "--index", str(index),
                        "--no-refresh"], capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert r.stdout == "" and "Traceback" not in r.stderr, r.stderr
    return r.returncode, r.stderr.strip()


@pytest.mark.parametrize("changes, message", [
    ({"model_sha256": "0" * 64, "model_mtime_ns": 0, "model_name": "acme/other-model"},
     "built with another model (acme/other-model)"),
    ({"normalized": False}, "not normalised"),
    ({"metric": "l2"}, "not normalised for inner-product"),
    ({"format_version": 99}, "built by a newer qa (format 99"),
    ({"format_version": 1}, "built by an older qa (format 1)"),
])
def test_mismatched_index_is_refused(index: Path, encoder: Encoder, monkeypatch: pytest.MonkeyPatch,
                                     changes: dict, message: str) -> None:
    rewrite_manifest(index, **changes)
    import faiss

    def no_faiss(*args: object) -> None:
        raise AssertionError("FAISS was called")

    monkeypatch.setattr(faiss, "deserialize_index", no_faiss)
    with pytest.raises(qa.QAError, match=message.replace("(", r"\(").replace(")", r"\)")):
        ask(index, encoder)
    monkeypatch.undo()
    code, err = ask_optimised(index)
    assert code == 2 and message in err and err.count("\n") == 0


def test_index_built_with_another_real_model_is_refused(tmp_path: Path) -> None:
    # The bundled model with one weight nudged: it loads and embeds, but it is another model.
    other = model_without_weights(tmp_path / "other-model")
    weights = bytearray((Encoder().dir / "model.safetensors").read_bytes())
    weights[-2] ^= 0x01  # a low mantissa bit of the last float
    (other / "model.safetensors").write_bytes(bytes(weights))
    index = tmp_path / "index"
    r = run_qa("index", "--model", str(other), "--index", str(index))
    assert r.returncode == 0, r.stderr
    code, err = ask_optimised(index)
    assert code == 2 and "built with another model (other-model)" in err


def test_index_of_another_dimension_is_refused_before_faiss(tmp_path: Path,
                                                            encoder: Encoder) -> None:
    # A real index of 8-dimension vectors, as a smaller model would have written it.
    index = tmp_path / "index"
    store = Store(index, create=True)
    with store.writer():
        from qa.articles import read, scan
        from qa.passages import ChunkSettings, split_article

        settings = ChunkSettings.for_window(encoder.window)
        upserts = []
        stamps, _ = scan(SEEDS)
        for stamp in stamps:
            [article], _ = read(SEEDS, stamp)
            upserts.append((article, split_article(article, settings, encoder.count_tokens,
                                                   encoder.token_offsets)))
        n = sum(len(p) for _, p in upserts)
        vectors = np.random.default_rng(0).standard_normal((n, 8)).astype(np.float32)
        vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
        store.apply(Change(upserts, [], [(s.path, s.size, s.mtime_ns, "") for s in stamps]),
                    vectors, {**manifest(encoder, settings, SEEDS, {}), "dimension": 8})
    store.close()
    with pytest.raises(qa.QAError, match="8-dimension vectors, the model 384"):
        ask(index, encoder)
    code, err = ask_optimised(index)
    assert code == 2 and "8-dimension vectors, the model 384" in err


def test_newer_index_is_not_overwritten_and_older_is_upgraded(index: Path,
                                                              encoder: Encoder) -> None:
    expected = ask(index, encoder)
    rewrite_manifest(index, format_version=99)
    r = run_qa("index", "--index", str(index))
    assert r.returncode == 2 and "newer qa" in r.stderr
    assert Store(index).manifest["format_version"] == 99  # untouched
    rewrite_manifest(index, format_version=1)
    summary = Bot(SEEDS, index, encoder).refresh()
    assert summary.rebuilt and "older qa" in summary.rebuilt
    assert ask(index, encoder) == expected


@pytest.mark.parametrize(("message", "code", "told"), [
    ("disk I/O error", 10, "Could not read the index"),  # SQLITE_IOERR
    ("database is locked", 5, "locked by another process"),  # SQLITE_BUSY
    ("out of memory", 7, "Could not read the index"),  # SQLITE_NOMEM
    ("database or disk is full", 13, "is full"),  # SQLITE_FULL
    ("database disk image is malformed", 11, "is damaged"),  # SQLITE_CORRUPT
    ("file is not a database", 26, "is damaged"),  # SQLITE_NOTADB
])
def test_only_integrity_failures_are_called_damage(
        index: Path, encoder: Encoder, monkeypatch: pytest.MonkeyPatch, message: str,
        code: int, told: str) -> None:
    """A busy, full or failing disk is told as such; 'damaged' (and a rebuild) only for what
    SQLite or the checksums find corrupt."""
    from qa.index import queries

    def failing(*args: object) -> None:
        exc = sqlite3.OperationalError(message)
        exc.sqlite_errorcode = code  # type: ignore[attr-defined]
        raise exc

    monkeypatch.setattr(queries, "passages", failing)
    with pytest.raises(qa.QAError) as info:
        ask(index, encoder)
    assert told in str(info.value) and message in str(info.value)
    assert isinstance(info.value, IndexDamagedError) == (told == "is damaged")
