"""Serving from Milvus (`--milvus URI`): Milvus Lite in-process, and a `milvus-lite server`
process on 127.0.0.1. Real model, real Milvus; skipped when the scale extra is absent."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

import qa
from qa.errors import QAError
from qa.models import Filters

from .conftest import ROOT, SEEDS, common, qa_serve, run_qa

pytest.importorskip("pymilvus", reason="pymilvus is not installed: pip install -e '.[scale]'")

QUESTION = "Who is Canada's foreign affairs minister?"
CP = "000_4d762a9f0bec231f.txt"
"""The Canadian Press article that names Melanie Joly."""


@pytest.fixture(scope="module")
def lite(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[qa.Bot, Path]]:
    """A copy of the seed corpus indexed into a Milvus Lite file, and the bot over it."""
    import shutil

    root = tmp_path_factory.mktemp("milvus")
    corpus = root / "corpus"
    shutil.copytree(SEEDS, corpus)
    bot = qa.open(corpus, milvus=str(root / "m.db"))
    yield bot, root
    bot.close()


def _shape(value: object) -> object:
    """The keys of a JSON value, recursively: what 'identical in shape' compares."""
    if isinstance(value, dict):
        return {k: _shape(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_shape(v) for v in value[:1]]
    return type(value).__name__ if value is not None else None


def test_answers_like_the_local_store(lite: tuple[qa.Bot, Path], bot: qa.Bot) -> None:
    mbot, _ = lite
    a = mbot.ask(QUESTION)
    assert a.text is not None and "Melanie Joly" in a.text
    assert a.passages[0].citation.article_id == CP
    assert a.passages[0].citation.source == "The Canadian Press"
    local = bot.ask(QUESTION)
    assert a.text == local.text
    assert _shape(a.to_dict()) == _shape(local.to_dict())
    # Dense search is the same inner product over the same vectors: the same passages.
    dense, dense_local = mbot.ask(QUESTION, mode="dense"), bot.ask(QUESTION, mode="dense")
    assert [(h.citation.article_id, h.citation.paragraph) for h in dense.passages] == [
        (h.citation.article_id, h.citation.paragraph) for h in dense_local.passages]
    assert [h.score for h in dense.passages] == pytest.approx(
        [h.score for h in dense_local.passages], abs=1e-3)
    lexical = mbot.ask(QUESTION, mode="lexical")
    assert lexical.passages and all(h.citation.article_id for h in lexical.passages)
    assert mbot.store.manifest["backend"] == "milvus"
    assert mbot.stale() is None


@pytest.mark.parametrize("filters", [
    Filters(since=date(2023, 1, 1)),
    Filters(until=date(2021, 1, 1)),
    Filters(source="canadian press"),
    Filters(path="001*"),
    Filters(path="00[02]_*.txt"),  # a character class: LIKE cannot say it
    Filters(source="100%"),  # % is LIKE syntax: matched as text (nothing has it)
    Filters(published_by=date(2021, 1, 1)),
])
def test_filters_apply_inside_milvus(lite: tuple[qa.Bot, Path], bot: qa.Bot,
                                     filters: Filters) -> None:
    mbot, _ = lite
    view_expr = None
    with mbot.store.snapshot() as view:
        view_expr = view.filter_expr(filters)
        allowed = view.allowed_ids(filters)
        assert allowed.expr == view_expr  # the searches send this expression to Milvus
    with bot.store.snapshot() as view:
        local_allowed = view.allowed_ids(filters)
        passing = {a for a, _ in view.article_of(local_allowed).values()}
    assert len(allowed) == len(local_allowed)
    for mode in ("hybrid", "dense", "lexical"):
        got = mbot.ask(QUESTION, mode=mode, filters=filters)
        assert {h.citation.article_id for h in got.passages} <= passing, (mode, view_expr)
        want = bot.ask(QUESTION, mode=mode, filters=filters)
        assert len(got.passages) == len(want.passages)
        if mode == "dense":
            assert [h.citation.start for h in got.passages] == [
                h.citation.start for h in want.passages]


def test_cli_file_filters_and_an_edit_reindex_one(tmp_path: Path) -> None:
    import shutil

    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus)
    uri = str(tmp_path / "m.db")
    r = run_qa("index", "--corpus", str(corpus), "--milvus", uri, "--json")
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["added"] == 3
    r = run_qa("-q", QUESTION, "--corpus", str(corpus), "--milvus", uri, "--json",
               "--since", "2023-01-01", "--source", "canadian", "--path", "000*")
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    assert "Melanie Joly" in out["answer"]["text"]
    assert {p["citation"]["article_id"] for p in out["passages"]} == {CP}
    # One article edited: one article embedded again, the answer from its new text.
    path = corpus / CP
    path.write_text(path.read_text().replace("Melanie Joly", "Mélanie Jolie"))
    r = run_qa("index", "--corpus", str(corpus), "--milvus", uri, "--json")
    summary = json.loads(r.stdout)
    assert (summary["updated"], summary["added"], summary["unchanged"]) == (1, 0, 2)
    r = run_qa("-q", QUESTION, "--corpus", str(corpus), "--milvus", uri, "--json",
               "--no-refresh")
    assert "Mélanie Jolie" in json.loads(r.stdout)["answer"]["text"]
    assert r.returncode == 0 and "stale" not in r.stderr


def test_killed_index_run_leaves_the_previous_state(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """A run that dies before its manifest upsert changes nothing readers see; the next run
    deletes what it wrote, restores what it retired and completes the update."""
    import shutil

    from qa.bot import make_bot
    from qa.index.milvus import MilvusStore

    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus)
    uri = str(tmp_path / "m.db")
    qa.open(corpus, milvus=uri).close()
    path = corpus / CP
    path.write_text(path.read_text().replace("Melanie Joly", "Mélanie Jolie"))

    def killed(self: MilvusStore, m: object) -> None:
        raise KeyboardInterrupt  # as if killed between the rows and the commit

    monkeypatch.setattr(MilvusStore, "_commit", killed)
    bot = make_bot(corpus, milvus=uri)
    with pytest.raises(KeyboardInterrupt):
        bot.refresh()
    bot.close()
    monkeypatch.undo()
    bot = qa.open(corpus, milvus=uri, refresh=False)
    try:
        assert "Melanie Joly" in (bot.ask(QUESTION).text or "")
        assert bot.stale() == "the corpus changed since the index was built"
        summary = bot.refresh()
        assert (summary.updated, summary.unchanged) == (1, 2)
        assert "Mélanie Jolie" in (bot.ask(QUESTION).text or "")
        store = bot.store
        # Only the rows of this generation and the one before remain; none twice.
        n_visible = store.counts()[1]
        with store.snapshot() as view:
            assert store._count(store.passages_name, view.live) == n_visible
    finally:
        bot.close()


def test_mismatch_is_refused_with_the_rebuild_command(tmp_path: Path) -> None:
    import shutil

    from qa.index.milvus import MilvusStore

    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus)
    uri = str(tmp_path / "m.db")
    bot = qa.open(corpus, milvus=uri)
    store = bot.store
    assert isinstance(store, MilvusStore)
    store._commit({**store.manifest, "chunker": {"max_tokens": 1}})
    bot.close()
    r = run_qa("-q", QUESTION, "--corpus", str(corpus), "--milvus", uri)
    assert r.returncode == 2 and len(r.stderr.strip().splitlines()) == 1
    assert f"qa index --corpus {corpus} --milvus {uri} --rebuild" in r.stderr
    r = run_qa("index", "--corpus", str(corpus), "--milvus", uri, "--rebuild", "--json")
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["rebuilt"] == "asked to rebuild"
    bot = qa.open(corpus, milvus=uri, refresh=False)
    dims = bot.store.manifest["dimension"]
    store = bot.store
    store._commit({**store.manifest, "dimension": dims + 1})
    bot.close()
    r = run_qa("-q", QUESTION, "--corpus", str(corpus), "--milvus", uri, "--no-refresh")
    assert r.returncode == 2 and "--rebuild" in r.stderr and "dimension" in r.stderr
    # A manifest that fails its checksum: damage, and --rebuild starts the collections again.
    bot = qa.open(corpus, milvus=uri, refresh=False)
    bot.store._call(bot.store._client.upsert, bot.store.meta_name, [
        {"key": "manifest", "born": 0, "value": '{"generation": 9}', "vector": [1.0, 0.0]}])
    bot.close()
    r = run_qa("-q", QUESTION, "--corpus", str(corpus), "--milvus", uri, "--no-refresh")
    assert r.returncode == 2 and "damaged" in r.stderr and "--rebuild" in r.stderr
    r = run_qa("index", "--corpus", str(corpus), "--milvus", uri, "--rebuild", "--json")
    assert r.returncode == 0 and json.loads(r.stdout)["added"] == 3, r.stderr


@pytest.fixture()
def milvus_server(tmp_path: Path) -> Iterator[str]:
    """A `milvus-lite server` process on a free port of 127.0.0.1: its URI."""
    with common.milvus_lite_server(tmp_path / "data") as uri:
        yield uri


@pytest.mark.slow
def test_a_milvus_server_process(milvus_server: str, tmp_path: Path) -> None:
    import shutil

    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus)
    r = run_qa("index", "--corpus", str(corpus), "--milvus", milvus_server)
    assert r.returncode == 0, r.stderr
    assert f"in {milvus_server}" in r.stdout and "3 added" in r.stdout
    r = run_qa("-q", QUESTION, "--corpus", str(corpus), "--milvus", milvus_server, "--json")
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    assert "Melanie Joly" in out["answer"]["text"]
    assert out["passages"][0]["citation"]["source"] == "The Canadian Press"
    for args, article in ((("--since", "2023-01-01"), CP), (("--path", "001*"), None)):
        r = run_qa("-q", QUESTION, "--corpus", str(corpus), "--milvus", milvus_server,
                   "--json", "--mode", "lexical", *args)
        ids = {p["citation"]["article_id"] for p in json.loads(r.stdout)["passages"]}
        assert ids == {article or "001_7a6b2ce8cf9b9deb.txt"}
    path = corpus / "001_7a6b2ce8cf9b9deb.txt"
    path.write_text(path.read_text() + "\n\nAn added paragraph about nothing in particular.\n")
    r = run_qa("index", "--corpus", str(corpus), "--milvus", milvus_server, "--json")
    assert json.loads(r.stdout)["updated"] == 1
    # qa serve answers from the same collection, as the CLI does.
    import httpx

    with qa_serve("--corpus", str(corpus), "--milvus", milvus_server, "--no-refresh") as (
            url, lines):
        served = httpx.post(f"{url}/ask", json={"question": QUESTION}, timeout=60)
    assert served.status_code == 200
    assert served.json()["passages"][0]["citation"]["article_id"] == CP
    assert any("3 articles" in line for line in lines)


def test_an_unreachable_server_is_one_line() -> None:
    uri = f"http://127.0.0.1:{common.free_port()}"
    r = run_qa("-q", QUESTION, "--milvus", uri, "--no-refresh", timeout=120)
    assert r.returncode == 2
    assert r.stderr.count("\n") == 1 and f"Cannot reach Milvus at {uri}" in r.stderr


def test_without_the_extra_the_flag_names_it_and_qa_never_imports_pymilvus(
        seed_index: Path) -> None:
    code = ("import sys\nsys.modules['pymilvus'] = None\nfrom qa.cli import main\n"
            "sys.exit(main(['-q', 'x', '--milvus', './x.db']))\n")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert r.returncode == 2
    assert r.stderr == "qa: error: --milvus needs the scale extra: pip install -e '.[scale]'\n"
    code = ("import sys\nfrom qa.cli import main\n"
            f"rc = main(['-q', 'Who is Canada\\'s foreign affairs minister?', '--index', "
            f"{str(seed_index)!r}, '--corpus', {str(SEEDS)!r}, '--json'])\n"
            "assert rc == 0 and 'pymilvus' not in sys.modules and 'ray' not in sys.modules\n")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert r.returncode == 0, r.stderr


def test_no_index_in_milvus_names_qa_index(tmp_path: Path) -> None:
    with pytest.raises(QAError, match="qa index"):
        qa.open(SEEDS, milvus=str(tmp_path / "empty.db"), refresh=False)


def test_bm25_of_chosen_passages_is_what_its_lexical_search_scores(
        lite: tuple[qa.Bot, Path]) -> None:
    # What search ranks by when a question's common words are left out of the query.
    from qa.search import fts_query
    from qa.vocab import terms

    mbot, _ = lite
    words = terms(QUESTION)
    with mbot.store.snapshot() as view:
        hits = view.lexical(fts_query(words), 20)
        got = view.bm25(words, view.term_counts(words), [i for i, _ in hits])
    assert hits and got == pytest.approx(dict(hits), rel=1e-5)
