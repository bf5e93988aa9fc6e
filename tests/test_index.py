"""Building and updating the index: real model, real FAISS, real SQLite."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

import qa
import qa.articles
import qa.cleaning
import qa.indexer
from qa.index import DB_NAME, FORMAT_VERSION, Store
from qa.models import Filters

from .conftest import rewrite_manifest, run_qa


def passage_ids(index: Path) -> dict[str, list[int]]:
    with sqlite3.connect(index / DB_NAME) as db:
        rows = db.execute("SELECT article_id, id FROM passages ORDER BY id").fetchall()
    out: dict[str, list[int]] = {}
    for aid, pid in rows:
        out.setdefault(aid, []).append(pid)
    return out


def test_manifest_records_the_build(bot: qa.Bot) -> None:
    m = bot.store.manifest
    assert m["format_version"] == FORMAT_VERSION
    assert m["model_name"] == "sentence-transformers/all-MiniLM-L6-v2"
    assert len(m["model_sha256"]) == 64
    assert m["dimension"] == 384 and m["normalized"] is True
    assert m["chunker"] == bot.settings.to_dict()
    assert m["built_at"] and m["faiss_file"].endswith(".faiss")
    assert (bot.index_dir / m["faiss_file"]).exists()
    assert not list(bot.index_dir.glob("*.pkl")) and not list(bot.index_dir.glob("*.tmp"))


def test_faiss_ids_are_passage_ids_and_match_brute_force(bot: qa.Bot) -> None:
    index = bot.store.faiss_index()
    ids = sorted(i for ids in passage_ids(bot.index_dir).values() for i in ids)
    assert index.ntotal == len(ids)
    vectors = index.reconstruct(ids)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-4)
    query = bot.encoder.encode(["drone exports to Turkey"])[0]
    found = [i for i, _ in index.search(query, 5)]
    brute = np.asarray(ids)[np.argsort(-(vectors @ query))[:5]]
    assert found == list(brute)


def test_an_index_built_by_an_older_reader_is_read_again(corpus_copy: Path, tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """Ingest that reads articles differently (a new cleaning rule) is not hidden by the
    files' unchanged stamps: every file is read again once, and only the articles that now
    read differently are embedded again."""
    (corpus_copy / "flood.txt").write_text(
        "Riverton flood waters recede\nBy Valley Herald\nMarch 2, 2024\n\nWaters in Riverton "
        "fell overnight, and 6,500 people who fled their homes began to return.\n")
    current = qa.articles.clean

    def older(text: str, **fields: object) -> qa.cleaning.Cleaned | None:
        """A reader that did not see the by-line block: no source, no date."""
        got = current(text, **fields)
        return replace(got, source=None, date=None) if got and "Riverton" in text else got

    monkeypatch.setattr(qa.articles, "clean", older)
    monkeypatch.setattr(qa.indexer, "PARSER_VERSION", 1)
    index = tmp_path / "index"
    bot = qa.open(corpus_copy, index=index)
    assert bot.store.article("flood.txt").source is None
    before = passage_ids(index)
    monkeypatch.undo()

    assert bot.stale() == "qa reads articles differently since the index was built"
    summary = bot.refresh()
    assert (summary.added, summary.updated, summary.removed, summary.unchanged) == (0, 1, 0, 3)
    assert any("read every file again" in str(n)
               and "1 article of unchanged files read differently" in str(n)
               for n in summary.notices)
    after = passage_ids(index)
    assert set(after["flood.txt"]).isdisjoint(before["flood.txt"])
    assert all(after[aid] == ids for aid, ids in before.items() if aid != "flood.txt")
    article = bot.store.article("flood.txt")
    assert (article.source, article.date) == ("Valley Herald", "2024-03-02")
    answer = bot.ask("How many people fled their homes in Riverton?")
    assert (answer.passages[0].citation.source, answer.passages[0].citation.date) == (
        "Valley Herald", "2024-03-02")

    assert bot.stale() is None
    again = bot.refresh()
    assert (again.updated, again.unchanged) == (0, 4)
    assert not any("read every file again" in str(n) for n in again.notices)
    bot.close()


def test_a_file_unread_while_all_are_read_again_keeps_its_article(
        corpus_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Reading every file again loses nothing: an unchanged file that cannot be read at that
    moment keeps the article it gave; an index of a newer reader is not read again."""
    index = tmp_path / "index"
    bot = qa.open(corpus_copy, index=index)
    before = passage_ids(index)
    bot.close()
    rewrite_manifest(index, parser=1)
    real = qa.indexer.read
    unread = "001_7a6b2ce8cf9b9deb.txt"

    def flaky(corpus: Path, stamp: qa.articles.FileStamp) -> tuple[list, list]:
        if stamp.path == unread:
            return [], [qa.articles.Notice(stamp.path, "cannot read (Permission denied)")]
        return real(corpus, stamp)

    monkeypatch.setattr(qa.indexer, "read", flaky)
    bot = qa.open(corpus_copy, index=index)
    summary = bot.last_refresh
    assert summary is not None and (summary.removed, summary.unchanged) == (0, 3)
    assert passage_ids(index) == before
    assert bot.store.article(unread) is not None
    bot.close()

    rewrite_manifest(index, parser=qa.articles.PARSER_VERSION + 1)  # a newer qa's
    bot = qa.open(corpus_copy, index=index)
    assert bot.stale() is None
    assert bot.store.manifest["parser"] == qa.articles.PARSER_VERSION + 1
    bot.close()


def test_incremental_update_edit_delete_add(corpus_copy: Path, tmp_path: Path) -> None:
    index = tmp_path / "index"
    bot = qa.open(corpus_copy, index=index)
    first = bot.last_refresh
    assert first is not None and (first.added, first.articles) == (3, 3)
    before = passage_ids(index)

    again = bot.refresh()
    assert (again.added, again.updated, again.removed, again.unchanged) == (0, 0, 0, 3)
    assert passage_ids(index) == before

    edited = corpus_copy / "000_4d762a9f0bec231f.txt"
    edited.write_text(edited.read_text() + "\n\nCanada also pledged 42 snow ploughs to Yerevan.")
    summary = bot.refresh()
    assert (summary.added, summary.updated, summary.removed, summary.unchanged) == (0, 1, 0, 2)
    after = passage_ids(index)
    for aid in ("001_7a6b2ce8cf9b9deb.txt", "002_4daac4070595a02e.txt"):
        assert after[aid] == before[aid]  # not re-embedded
    assert set(after["000_4d762a9f0bec231f.txt"]).isdisjoint(before["000_4d762a9f0bec231f.txt"])
    assert "snow ploughs" in bot.ask("How many snow ploughs did Canada pledge?").text

    (corpus_copy / "001_7a6b2ce8cf9b9deb.txt").unlink()
    summary = bot.refresh()
    assert (summary.removed, summary.articles) == (1, 2)
    answer = bot.ask("Which minister suspended drone exports to Turkey?", k=10)
    assert all(h.citation.path != "001_7a6b2ce8cf9b9deb.txt" for h in answer.passages)
    assert bot.store.faiss_index().ntotal == summary.passages

    (corpus_copy / "new.md").write_text("# Ferry strike ends\n\nThe ferry strike ended today.")
    summary = bot.refresh()
    assert (summary.added, summary.articles) == (1, 3)
    assert len(list(index.glob("vectors-*.faiss"))) == 1  # old generations are removed
    bot.close()


def test_touched_file_is_not_reembedded(corpus_copy: Path, tmp_path: Path) -> None:
    bot = qa.open(corpus_copy, index=tmp_path / "i")
    (corpus_copy / "002_4daac4070595a02e.txt").touch()
    assert bot.stale() == "the corpus changed since the index was built"
    summary = bot.refresh()
    assert (summary.updated, summary.unchanged) == (0, 3)
    assert bot.stale() is None


def test_open_refreshes_a_stale_index_and_no_refresh_does_not(corpus_copy: Path,
                                                              tmp_path: Path) -> None:
    index = tmp_path / "i"
    qa.open(corpus_copy, index=index).close()
    (corpus_copy / "extra.txt").write_text("Ferry strike ends\n\nThe ferry strike ended today.")
    stale = qa.open(corpus_copy, index=index, refresh=False)
    assert stale.stale() == "the corpus changed since the index was built"
    assert stale.store.counts()[0] == 3
    fresh = qa.open(corpus_copy, index=index)
    assert fresh.last_refresh is not None and fresh.last_refresh.added == 1
    assert fresh.stale() is None


def test_summary_json_keys(bot: qa.Bot) -> None:
    d = bot.refresh().to_dict()
    assert {"articles", "passages", "added", "updated", "removed", "unchanged",
            "seconds"} <= set(d)
    json.dumps(d)


def test_missing_index_without_refresh_names_the_command(tmp_path: Path) -> None:
    with pytest.raises(qa.QAError, match="qa index"):
        qa.open("corpus", index=tmp_path / "none", refresh=False)


def test_missing_corpus(tmp_path: Path) -> None:
    with pytest.raises(qa.QAError, match="--corpus"):
        qa.open(tmp_path / "nope", index=tmp_path / "i")


def test_damaged_faiss_file_is_refused(corpus_copy: Path, tmp_path: Path) -> None:
    index = tmp_path / "i"
    qa.open(corpus_copy, index=index).close()
    [faiss_file] = index.glob("vectors-*.faiss")
    data = bytearray(faiss_file.read_bytes())
    data[len(data) // 2] ^= 0xFF
    faiss_file.write_bytes(bytes(data))
    bot = qa.open(corpus_copy, index=index, refresh=False)
    with pytest.raises(qa.QAError, match="damaged.*qa index"):
        bot.ask("Who is Canada's foreign affairs minister?")


def test_another_model_forces_a_rebuild(corpus_copy: Path, tmp_path: Path) -> None:
    index = tmp_path / "i"
    bot = qa.open(corpus_copy, index=index)
    rewrite_manifest(index, model_sha256="0000", model_mtime_ns=0)
    bot.store.reload()
    assert "another model" in (bot.stale() or "")
    summary = bot.refresh()
    assert summary.rebuilt and summary.added == 3 and summary.articles == 3
    assert bot.stale() is None


def test_passage_ids_are_never_reused(corpus_copy: Path, tmp_path: Path) -> None:
    """An id once shown (an exported session keeps it) never names other text later: not
    after the article with the highest ids is deleted, nor after a rebuild."""
    index = tmp_path / "i"
    bot = qa.open(corpus_copy, index=index)

    def ids(path: str = "%") -> list[int]:
        db = sqlite3.connect(index / DB_NAME)
        try:
            return [r[0] for r in db.execute("SELECT p.id FROM passages p JOIN articles a ON "
                                             "a.id = p.article_id WHERE a.path LIKE ?", (path,))]
        finally:
            db.close()

    last = max(ids())
    [newest] = bot.store.passages([last]).values()
    (corpus_copy / newest.path).unlink()
    bot.refresh()
    (corpus_copy / "new.md").write_text("# Ferry strike ends\n\nThe ferry strike ended today.")
    bot.refresh()
    assert ids("new.md") and min(ids("new.md")) > last
    top = max(ids())
    bot.refresh(rebuild=True)
    assert min(ids()) > top
    bot.close()


def test_source_filter_ignores_case_beyond_ascii(corpus_copy: Path, tmp_path: Path) -> None:
    (corpus_copy / "eco.md").write_text("---\nsource: ÉCONOMIE Québec\n---\n# Ferry strike "
                                        "ends\n\nThe ferry strike ended today in Québec.")
    bot = qa.open(corpus_copy, index=tmp_path / "i")
    for asked in ("économie", "ÉCONOMIE", "québec", "Économie QUÉBEC"):
        answer = bot.ask("ferry strike", filters=Filters(source=asked))
        assert [h.citation.path for h in answer.passages] == ["eco.md"], asked
    assert not bot.ask("ferry strike", filters=Filters(source="economie")).passages
    bot.close()


def test_an_index_refuses_to_be_updated_from_another_corpus(corpus_copy: Path,
                                                             tmp_path: Path) -> None:
    index = tmp_path / "i"
    qa.open(corpus_copy, index=index).close()
    other = tmp_path / "other"
    other.mkdir()
    (other / "ferry.txt").write_text("Ferry strike ends\n\nThe ferry strike ended today.")
    with pytest.raises(qa.QAError, match=r"built for corpus .*Pass --index DIR for this corpus, "
                                         r"or `qa index --rebuild"):
        qa.open(other, index=index)
    r = run_qa("index", "--corpus", str(other), "--index", str(index))
    assert r.returncode == 2 and len(r.stderr.strip().splitlines()) == 1, r.stderr
    bot = qa.open(corpus_copy, index=index)  # its own corpus: untouched
    assert bot.store.counts()[0] == 3
    bot.close()
    r = run_qa("index", "--rebuild", "--corpus", str(other), "--index", str(index))
    assert r.returncode == 0, r.stderr
    bot = qa.open(other, index=index)
    assert bot.store.counts()[0] == 1
    bot.close()


def test_default_index_of_another_corpus_does_not_collide(tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    from qa.bot import default_index_dir

    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    assert default_index_dir(Path("corpus")) == Path("embeddings")
    assert default_index_dir(tmp_path / "corpus") == Path("embeddings")
    news, blogs = default_index_dir(Path("news")), default_index_dir(Path("blogs"))
    assert news != blogs and Path("embeddings") not in (news, blogs)
    assert news.parent == blogs.parent == tmp_path / "cache" / "qa"
    assert default_index_dir(tmp_path / "news") == news  # keyed by the full path


def test_long_id_lists_stay_under_sqlites_variable_limit(seed_index: Path) -> None:
    """Old SQLite allows 999 variables per statement; the lists of ids are cut to fit."""
    store = Store(seed_index)
    if not hasattr(store.db, "setlimit"):
        pytest.skip("Connection.setlimit needs Python 3.11")
    ids = [r[0] for r in store.db.execute("SELECT id FROM passages")]
    store.db.setlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER, 7)
    assert len(ids) > 7
    assert sorted(store.passages(ids)) == sorted(ids)
    assert set(store.sentence_vectors(ids)) == set(ids)
    assert set(store.article_of(ids)) == set(ids)
    store.close()
