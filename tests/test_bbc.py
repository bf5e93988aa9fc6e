"""The whole BBC folder of ../shared: a real news archive indexes and answers."""

from __future__ import annotations

from pathlib import Path

import pytest

import qa

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def bbc(bbc_index: tuple[Path, Path, dict]) -> tuple[Path, Path, dict]:
    return bbc_index


def test_bbc_indexes_every_article(bbc: tuple[Path, Path, dict]) -> None:
    corpus, _, out = bbc
    files = sorted(corpus.rglob("*.txt"))
    assert out["summary"]["articles"] == len(files) == 2225
    assert out["summary"]["added"] == 2225


def test_non_utf8_file_is_decoded_and_reported_in_one_line(bbc: tuple[Path, Path, dict]) -> None:
    _, _, out = bbc
    lines = [ln for ln in out["stderr"].splitlines() if "not valid UTF-8" in ln]
    assert len(lines) == 1 and lines[0].endswith("decoded as cp1252")
    name = lines[0].removeprefix("qa: ").split(":")[0]
    assert any(n.startswith(name) for n in out["summary"]["notices"])
    assert "README.TXT: skipped: a folder's README or licence, not an article" in out["stderr"]


def test_bbc_question_is_answered_with_a_bbc_citation(bbc: tuple[Path, Path, dict]) -> None:
    corpus, index, _ = bbc
    bot = qa.open(corpus, index=index, refresh=False)
    answer = bot.ask("How much did Time Warner's quarterly profits rise?")
    assert answer.text is not None and "76%" in answer.text
    top = answer.passages[0].citation
    assert top.path == "business/001.txt" and top.title == "Ad sales boost Time Warner profit"
    bot.close()
