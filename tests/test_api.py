"""The Python API: shapes, frozen results, input errors."""

from __future__ import annotations

import dataclasses
import threading
from pathlib import Path

import pytest

import qa
from qa.bot import Bot
from qa.export import session_markdown
from qa.vocab import NOT_FOUND_DETAIL

from .conftest import SEEDS


def test_ask_returns_frozen_cited_answer(bot: qa.Bot) -> None:
    answer = bot.ask("Who is Canada's foreign affairs minister?", k=3)
    assert isinstance(answer, qa.Answer) and len(answer.passages) == 3
    hit = answer.passages[0]
    assert isinstance(hit, qa.Hit) and isinstance(hit.citation, qa.Citation)
    with pytest.raises(dataclasses.FrozenInstanceError):
        hit.rank = 9  # type: ignore[misc]
    assert [h.rank for h in answer.passages] == [1, 2, 3]
    assert [h.score for h in answer.passages] == sorted((h.score for h in answer.passages),
                                                        reverse=True)
    article = bot.article(hit.citation.article_id)
    assert article.body[hit.citation.start:hit.citation.end] == hit.text
    assert answer.text and hit.highlight
    a, b = answer.passages[answer.rank - 1].highlight  # type: ignore[misc,operator]
    assert answer.passages[answer.rank - 1].text[a:b] == answer.text  # type: ignore[operator]


def test_to_dict_shape(bot: qa.Bot) -> None:
    d = bot.ask("Why did Canada suspend export permits to Turkey?").to_dict()
    assert set(d) >= {"question", "answer", "passages"}
    assert set(d["answer"]) >= {"text", "rank"}
    p = d["passages"][0]
    assert set(p) >= {"rank", "score", "text", "citation"}
    assert set(p["citation"]) >= {"title", "source", "date", "path", "paragraph", "start", "end"}


@pytest.mark.parametrize("question", ["", "   ", "\x00\x1b\x07", "\n\t"])
def test_empty_questions_are_refused(bot: qa.Bot, question: str) -> None:
    with pytest.raises(qa.QAError, match="empty"):
        bot.ask(question)


@pytest.mark.parametrize("k", [0, -1, "5", 2.5, True])
def test_bad_k_is_refused(bot: qa.Bot, k: object) -> None:
    with pytest.raises(qa.QAError, match="k must be"):
        bot.ask("Armenia", k=k)  # type: ignore[arg-type]


def test_k_larger_than_the_index(bot: qa.Bot) -> None:
    total = bot.store.counts()[1]
    answer = bot.ask("Armenia", k=total + 50)
    assert len(answer.passages) == total
    assert len({h.passage_id for h in answer.passages}) == total
    assert any("Only" in n for n in answer.notes)


def test_long_question_is_cut_and_says_so(bot: qa.Bot) -> None:
    answer = bot.ask("Who is Canada's foreign affairs minister? " + "Armenia " * 20000)
    assert any("cut" in n for n in answer.notes) and answer.passages


@pytest.mark.parametrize("mode", ["dense", "lexical", "hybrid"])
def test_modes(bot: qa.Bot, mode: str) -> None:
    answer = bot.ask("drone exports to Turkey", mode=mode)
    assert answer.passages[0].citation.path.startswith("001_") and answer.mode == mode


def test_words_that_ask_nothing_get_passages_and_no_answer(bot: qa.Bot) -> None:
    searched = bot.ask("drone exports Turkey")
    assert searched.text is None and searched.confidence == 0.0
    assert searched.passages[0].citation.path.startswith("001_")
    assert any("asks nothing" in n for n in searched.notes)
    asked = bot.ask("Which country did Canada suspend drone exports to?")
    assert asked.text is not None and not any("asks nothing" in n for n in asked.notes)
    # what follows "Not found:" agrees with the note, in every front end (the exported
    # session's here); a question the articles do not answer keeps the usual words
    unanswered = bot.ask("How old is Melanie Joly?")
    assert searched.not_found_detail == "nothing was asked, so nothing is answered."
    assert unanswered.text is None and unanswered.not_found_detail == NOT_FOUND_DETAIL
    md = session_markdown([searched, unanswered], bot, "2026-12-03T00:00:00+00:00")
    assert md.count("**Not found:** nothing was asked") == 1
    assert md.count(f"**Not found:** {NOT_FOUND_DETAIL}") == 1


def test_unknown_mode(bot: qa.Bot) -> None:
    with pytest.raises(qa.QAError, match="mode"):
        bot.ask("Armenia", mode="magic")


def test_threads_give_the_same_answers(bot: qa.Bot, seed_index: Path) -> None:
    """Eight threads ask at once, from a bot that has opened nothing yet (its lazy store and
    compatibility check race) and from the shared one; an exception in a worker fails."""
    questions = ["Who is Canada's foreign affairs minister?", "How many people fled?",
                 "When was the ceasefire signed?", "Who is Canada's new ambassador to Armenia?"]
    expected = {q: bot.ask(q).to_dict() for q in questions}
    fresh = Bot(SEEDS, seed_index, bot.encoder)
    for target in (fresh, bot):
        errors: list[str] = []
        failures: list[BaseException] = []
        start = threading.Barrier(len(questions) * 2)

        def work(q: str, target: qa.Bot = target, errors: list[str] = errors,
                 failures: list[BaseException] = failures, start: threading.Barrier = start
                 ) -> None:
            try:
                start.wait()
                for _ in range(3):
                    if target.ask(q).to_dict() != expected[q]:
                        errors.append(q)
            except BaseException as exc:  # noqa: BLE001 -- reported by the test, not a warning
                failures.append(exc)

        threads = [threading.Thread(target=work, args=(q,)) for q in questions * 2]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert failures == [] and errors == []
    fresh.close()


def test_errors_are_one_family() -> None:
    from qa.errors import CorpusError, IndexError_, InputError, ModelError

    for cls in (CorpusError, IndexError_, InputError, ModelError):
        assert issubclass(cls, qa.QAError)


def test_bad_model_dir(tmp_path) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(qa.QAError, match="--model"):
        qa.open("corpus", index=tmp_path / "i", model=tmp_path)


def test_a_link_and_sections_reach_the_citation(tmp_path: Path) -> None:
    """Front matter's link, and a page an article's sections name, are shown in citations;
    a link that is not http(s) is never kept (it would be opened from the page)."""
    from qa.articles import Article, section_at

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "harbour.md").write_text(
        "---\ntitle: Harbour reopens\ndate: 2024-03-02\nsource: Valley Herald\n"
        "link: https://example.org/harbour?id=7\n---\n\n"
        "The harbour reopened on Monday after the storm, the port authority said.\n")
    (corpus / "bad.md").write_text(
        "---\ntitle: Council vote\nlink: javascript:alert(1)\n---\n\n"
        "The council voted to close the library branch on Tuesday.\n")
    bot = qa.open(corpus, index=tmp_path / "index")
    try:
        hit = bot.ask("When did the harbour reopen?").passages[0]
        assert hit.citation.link == "https://example.org/harbour?id=7"
        assert hit.to_dict()["citation"]["link"] == "https://example.org/harbour?id=7"
        assert "https://example.org/harbour?id=7" in str(hit.citation)
        assert bot.article(hit.citation.article_id).link == "https://example.org/harbour?id=7"
        other = bot.ask("Did the council close the library?").passages[0]
        assert other.citation.path == "bad.md" and other.citation.link is None
        assert "link" not in other.to_dict()["citation"]
        assert "section" not in other.to_dict()["citation"]
    finally:
        bot.close()
    article = Article("a.pdf", "a.pdf", "A", None, None, "one\n\ntwo\n\nthree", "h",
                      sections=((0, "page 1"), (5, "page 2")))
    assert [article.section_at(n) for n in (0, 4, 5, 12)] == ["page 1", "page 1", "page 2",
                                                              "page 2"]
    assert section_at((), 3) is None
