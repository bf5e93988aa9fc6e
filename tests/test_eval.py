"""`qa eval` on a BEIR-layout folder: metrics, caching, article-level mapping."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from qa.eval import _score, load

from .conftest import run_qa

DOCS = [
    ("a", "Drone exports", "Canada suspended drone technology exports to Turkey.", "2020-10-06"),
    ("b", "EU mission", "A hundred civilian monitors watch the Armenia border.", "2023-07-21"),
    ("c", "Embassy", "Canada opened an embassy in Yerevan.", "2023-09-26"),
    ("d", "Embassy plans", "Canada plans to open an embassy in Armenia in the fall.",
     "2023-07-21"),
]
QUERIES = [("q1", "Where did Canada open an embassy?", "2023-09-27"),
           ("q2", "Who watches the Armenia border?", "2023-07-22"),
           ("q3", "Which exports did Canada suspend?", "2020-10-07")]
QRELS = [("q1", "c", 1), ("q2", "b", 1), ("q3", "a", 2)]


@pytest.fixture()
def beir(tmp_path: Path) -> Path:
    d = tmp_path / "beir"
    (d / "qrels").mkdir(parents=True)
    (d / "corpus.jsonl").write_text("".join(
        json.dumps({"_id": i, "title": t, "text": x, "metadata": {"date": day}}) + "\n"
        for i, t, x, day in DOCS))
    (d / "queries.jsonl").write_text("".join(
        json.dumps({"_id": i, "text": x, "metadata": {"date": day}}) + "\n"
        for i, x, day in QUERIES))
    (d / "qrels" / "test.tsv").write_text(
        "query-id\tcorpus-id\tscore\n" + "".join(f"{q}\t{c}\t{s}\n" for q, c, s in QRELS))
    return d


def test_eval_json_and_cache(beir: Path, tmp_path: Path) -> None:
    env_cache = tmp_path / "cache"
    args = ("eval", str(beir), "--split", "test", "--json")
    import os

    os.environ["XDG_CACHE_HOME"] = str(env_cache)
    try:
        first = run_qa(*args)
        assert first.returncode == 0, first.stderr
        out = json.loads(first.stdout)
        assert {"ndcg@10", "mrr@10", "recall@1", "recall@10", "recall@100", "queries",
                "mode"} <= set(out)
        assert out["queries"] == 3 and out["mode"] == "hybrid"
        assert out["recall@10"] == 1.0 and out["ndcg@10"] > 0.8
        [cached] = list((env_cache / "qa" / "eval").iterdir())
        stamp = (cached / "qa.sqlite3").stat().st_mtime_ns
        second = run_qa(*args, "--mode", "lexical")
        assert second.returncode == 0 and json.loads(second.stdout)["mode"] == "lexical"
        assert (cached / "qa.sqlite3").stat().st_mtime_ns == stamp  # nothing re-embedded
    finally:
        del os.environ["XDG_CACHE_HOME"]


def test_eval_missing_files_exit_2(tmp_path: Path) -> None:
    r = run_qa("eval", str(tmp_path), "--json")
    assert r.returncode == 2 and "corpus.jsonl" in r.stderr


def test_load_reads_beir_layout(beir: Path) -> None:
    corpus, queries, qrels = load(beir, "test")
    assert corpus.name == "corpus.jsonl"
    assert [q.id for q in queries] == ["q1", "q2", "q3"] and queries[0].date == "2023-09-27"
    assert qrels["q3"] == {"a": 2}


def test_metrics_by_hand() -> None:
    s = _score(["x", "c", "y"], {"c": 1})
    assert s["mrr"] == 0.5 and s["r1"] == 0.0 and s["r10"] == 1.0
    assert math.isclose(s["ndcg"], 1 / math.log2(3))
    s = _score(["a", "b"], {"a": 2, "b": 1, "z": 1})
    ideal = 2 + 1 / math.log2(3) + 1 / 2
    assert math.isclose(s["ndcg"], (2 + 1 / math.log2(3)) / ideal)
    assert math.isclose(s["r10"], 2 / 3)


def test_queries_with_line_separators_inside_a_string_stay_whole(beir: Path) -> None:
    (beir / "queries.jsonl").write_text(
        json.dumps({"_id": "q1", "text": "Where did Canada\u2028open an embassy?"},
                   ensure_ascii=False) + "\n", encoding="utf-8")
    _, queries, _ = load(beir, "test")
    assert [q.text for q in queries] == ["Where did Canada\u2028open an embassy?"]


def test_eval_corpus_over_the_cap_names_max_bytes(beir: Path) -> None:
    from qa.errors import CorpusError
    from qa.eval import open_eval_bot

    with pytest.raises(CorpusError, match=r"corpus.jsonl is [\d,]+ bytes, over the "
                                          r"100-byte cap.*--max-bytes"):
        open_eval_bot(beir, "test", max_bytes=100)


def test_the_same_data_in_two_folders_is_evaluated_in_both(tmp_path: Path) -> None:
    """The eval cache is keyed by the corpus path too: an index refuses another corpus."""
    for name in ("one", "two"):
        folder = tmp_path / name
        (folder / "qrels").mkdir(parents=True)
        (folder / "corpus.jsonl").write_text(
            json.dumps({"_id": "c", "title": "Embassy", "text": "Canada opened an embassy in "
                        "Yerevan."}) + "\n" + json.dumps({"_id": "d", "title": "Drones",
                                                          "text": "Drone exports stopped."}) + "\n")
        (folder / "queries.jsonl").write_text(
            json.dumps({"_id": "q1", "text": "Where did Canada open an embassy?"}) + "\n")
        (folder / "qrels" / "test.tsv").write_text("query-id\tcorpus-id\tscore\nq1\tc\t1\n")
        r = run_qa("eval", str(folder), "--split", "test", "--json")
        assert r.returncode == 0, r.stderr
        assert json.loads(r.stdout)["ndcg@10"] == 1.0
