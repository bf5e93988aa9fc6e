"""The lexical side at scale: passages per word counted once per generation, the commonest
words left out of a lexical query only past a budget, filtered lexical search."""

from __future__ import annotations

import random
import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import qa
import qa.search
from qa.errors import IndexDamagedError
from qa.index import queries
from qa.index.schema import TOKENIZE
from qa.models import Filters
from qa.search import fts_query, lexical_words, search
from qa.vocab import terms

from .conftest import SEEDS


def matching(bot: qa.Bot, words: list[str]) -> dict[str, int]:
    """Passages per word counted the slow way, uncached: the rows that match it."""
    with bot.store.snapshot() as view:
        return {w: int(view.rows("SELECT count(*) FROM passages_fts WHERE passages_fts "
                                 "MATCH ?", (f'"{w}"',))[0][0]) for w in words}


def all_words(bot: qa.Bot) -> list[str]:
    """Every content word of the indexed passages and headlines, with a few the tokenizer
    splits, stems or drops."""
    with bot.store.snapshot() as view:
        text = " ".join(t + " " + h for t, h in view.rows(
            "SELECT text, headline FROM passages_fts"))
    return terms(text) + ["ministers", "armenia's", "foo_bar", "café", "__", "zzqx"]


def test_term_counts_match_the_rows_after_updates_and_deletes(corpus_copy: Path,
                                                              tmp_path: Path) -> None:
    bot = qa.open(corpus_copy, index=tmp_path / "index")
    words = all_words(bot)
    assert bot.store.term_counts(words) == matching(bot, words)

    edited = corpus_copy / "000_4d762a9f0bec231f.txt"
    edited.write_text(edited.read_text() + "\n\nCanada also pledged 42 snow ploughs.")
    (corpus_copy / "001_7a6b2ce8cf9b9deb.txt").unlink()
    (corpus_copy / "new.md").write_text("# Ferry strike ends\n\nThe ferry strike ended.")
    bot.refresh()
    # The counts the first generation remembered are not the new generation's.
    counts = bot.store.term_counts(words + ["ploughs", "ferry"])
    assert counts == matching(bot, words + ["ploughs", "ferry"])
    assert counts["ploughs"] == 1 and counts["ferry"] == 1
    assert any(counts[w] == 0 for w in words if w.isalpha())  # the deleted article's words
    bot.close()


def test_a_generation_counts_each_word_once(bot: qa.Bot,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    counted: list[list[str]] = []
    real = queries.term_counts

    def spy(conn: object, words: list[str]) -> dict[str, int]:
        counted.append(list(words))
        return real(conn, words)  # type: ignore[arg-type]

    monkeypatch.setattr(queries, "term_counts", spy)
    assert bot.store.term_counts([]) == {}
    first = bot.store.term_counts(["armenia", "zzqx-never", "armenia"])
    again = bot.store.term_counts(["armenia", "minister"])
    assert first == {"armenia": again["armenia"], "zzqx-never": 0}
    assert again == matching(bot, ["armenia", "minister"])
    assert all(call.count("armenia") <= 1 for call in counted)
    counted.clear()
    bot.store.term_counts(["minister", "zzqx-never", "armenia"])
    assert counted == []  # all remembered


def test_common_words_are_left_out_only_past_the_budget() -> None:
    words = ["said", "minister", "azerbaijan", "qwzx"]
    counts = {"said": 900, "minister": 300, "azerbaijan": 40, "qwzx": 0}
    assert lexical_words(words, counts, budget=2000) == words  # under it: all
    assert lexical_words(words, counts, budget=500) == ["minister", "azerbaijan", "qwzx"]
    assert lexical_words(words, counts, budget=100) == ["azerbaijan", "qwzx"]
    # The rarest word present stays even when it alone is past the budget.
    assert lexical_words(words, counts, budget=10) == ["azerbaijan", "qwzx"]
    assert lexical_words(["said"], counts, budget=10) == ["said"]
    assert lexical_words(["said", "qwzx"], counts, budget=10) == ["said", "qwzx"]
    assert fts_query(["a", "b"]) == '"a" OR "b"'


def test_the_seed_corpus_never_reaches_the_budget(bot: qa.Bot) -> None:
    with bot.store.snapshot() as view:
        total = int(view.manifest["vectors"])
    assert 64 * total < qa.search.LEXICAL_BUDGET  # no question's words can pass it here


@pytest.mark.parametrize("question", [
    "What did the minister say about Azerbaijan and Armenia?",
    "Ministers' minister: high-speed foo_bar e-mail from the Élysée in 2020",  # stems, phrases
])
def test_bm25_of_chosen_passages_is_what_fts5_scores(bot: qa.Bot, question: str) -> None:
    words = terms(question)
    with bot.store.snapshot() as view:
        counts = view.term_counts(words)
        everything = view.lexical(fts_query(words), 10_000)
        some = [i for i, _ in everything[::3]] + [i for i, _ in everything[:5]]
        unmatched = set(view.vector_index().ids().tolist()) - {i for i, _ in everything}
        got = view.bm25(words, counts, [*some, *sorted(unmatched)[:5]])
    assert got
    for pid, score in everything:
        if pid in some:
            assert got[pid] == pytest.approx(score, rel=1e-12)
    assert all(got[i] == 0 for i in sorted(unmatched)[:5])


def test_search_past_the_budget_ranks_by_every_word(bot: qa.Bot,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    question = "What did the minister say about Azerbaijan and Armenia?"
    words = terms(question)
    counts = bot.store.term_counts(words)
    rare = min((w for w in words if counts[w]), key=lambda w: counts[w])
    monkeypatch.setattr(qa.search, "LEXICAL_BUDGET", counts[rare] + 1)
    with bot.store.snapshot() as view:
        found = {i for i, _ in view.lexical(fts_query([rare]), 10_000)}
        full = dict(view.lexical(fts_query(words), 10_000))
        got = search(view, question, None, 10, "lexical", collapse=False)
    # The passages the rarest word finds, ranked by all the words as FTS5 ranks them.
    want = sorted(found, key=lambda i: (-full[i], i))[:10]
    assert [c.id for c in got] == want
    assert [c.lexical for c in got] == pytest.approx([full[i] / full[want[0]] for i in want])


def test_damaged_lexical_text_is_refused_when_rescored(seed_index: Path,
                                                      tmp_path: Path) -> None:
    index = tmp_path / "index"
    shutil.copytree(seed_index, index)
    conn = sqlite3.connect(index / "qa.sqlite3")
    pid = conn.execute("SELECT min(id) FROM passages_fts_content").fetchone()[0]
    conn.execute("UPDATE passages_fts_content SET c0 = c0 || ' extra words' WHERE id = ?",
                 (pid,))
    conn.commit()
    conn.close()
    damaged = qa.open(SEEDS, index=index, refresh=False)
    with damaged.store.snapshot() as view, pytest.raises(IndexDamagedError, match="token"):
        view.bm25(["armenia"], {"armenia": 3}, [pid])
    damaged.close()


@pytest.mark.parametrize("filters", [Filters(source="canadian press"), Filters(path="001_*"),
                                     Filters(path="nothing/*")])
def test_filtered_lexical_is_the_best_allowed_of_the_whole_ranking(
        bot: qa.Bot, filters: Filters) -> None:
    match = " OR ".join(f'"{w}"' for w in terms("Armenia Azerbaijan minister border ceasefire"))
    with bot.store.snapshot() as view:
        allowed = set(view.allowed_ids(filters).tolist())
        everything = view.lexical(match, 10_000)
        for k in (1, 5, 40):
            want = [h for h in everything if h[0] in allowed][:k]
            assert view.lexical(match, k, filters) == want


@pytest.mark.parametrize("rare_postings", [1, 3, 30, 10_000])
@pytest.mark.parametrize("filters", [None, Filters(source="canadian press")])
def test_lexical_with_counts_ranks_as_the_whole_query(
        bot: qa.Bot, monkeypatch: pytest.MonkeyPatch, rare_postings: int,
        filters: Filters | None) -> None:
    # Scoring only the passages that hold a rarer word (MaxScore) gives FTS5's own ranking of
    # the query with its words rarest first, to the last bit: from the first try, after
    # taking more words as rare, or by the whole query.
    questions = ["What did the minister say about Azerbaijan and Armenia?",
                 "Ministers' minister: high-speed foo_bar e-mail from the Élysée in 2020",
                 "said the government minister on Monday about the border ceasefire talks"]
    with bot.store.snapshot() as view:
        cases = []
        for question in questions:
            words = terms(question)
            counts = view.term_counts(words)
            rarest_first = sorted(words, key=lambda w: counts[w])
            for k in (1, 5, 50):
                cases.append((words, counts, k, view.lexical(fts_query(rarest_first), k,
                                                             filters)))
        monkeypatch.setattr(queries, "RARE_POSTINGS", rare_postings)
        whole: list[str] = []
        monkeypatch.setattr(queries, "lexical", _counting(queries.lexical, whole))
        for words, counts, k, want in cases:
            assert view.lexical(fts_query(words), k, filters, counts) == want
    if rare_postings < 10_000:
        assert len(whole) < len(cases)  # some were answered without the whole query


def _counting(function: Callable[..., Any], calls: list[str]) -> Callable[..., Any]:
    """`function`, noting each call's second argument (an FTS5 query) in `calls`."""
    def counted(*args: Any, **kwargs: Any) -> Any:
        calls.append(args[1])
        return function(*args, **kwargs)
    return counted


def _synthetic(seed: int, passages: int) -> sqlite3.Connection:
    """An FTS5 table as qa's (same columns and tokenizer) over made-up passages: words in most
    of them (IDF clamped), in some, and rare; one passage in seven repeats an earlier one."""
    rnd = random.Random(seed)
    conn = sqlite3.connect(":memory:")
    conn.execute(f"CREATE VIRTUAL TABLE passages_fts USING fts5(text, headline, "
                 f"tokenize = {TOKENIZE})")
    share = {f"c{i}": 0.6 + 0.05 * i for i in range(4)}
    share |= {f"m{i}": 0.2 + 0.05 * i for i in range(4)}
    share |= {f"r{i}": 0.002 + 0.003 * i for i in range(6)}
    rows: list[tuple[str, str]] = []
    for _ in range(passages):
        if rows and rnd.random() < 0.15:
            rows.append(rnd.choice(rows))
            continue
        text = [w for w, p in share.items() for _ in range(rnd.randint(1, 3)) if rnd.random() < p]
        text += ["filler"] * rnd.randint(0, 10)
        rnd.shuffle(text)
        rows.append((" ".join(text), " ".join(w for w, p in share.items()
                                              if rnd.random() < p / 3)))
    conn.executemany("INSERT INTO passages_fts(text, headline) VALUES (?, ?)", rows)
    conn.commit()
    return conn


def test_lexical_any_is_the_whole_query_to_the_last_bit(monkeypatch: pytest.MonkeyPatch) -> None:
    # On made-up passages whose words range from rare to everywhere, with and without a
    # filter, for any budget of rare postings: the same ids and scores as FTS5 ranking the
    # whole query (rarest word first), and most questions answered without that query.
    whole: list[str] = []
    asked = 0
    for seed in range(2):
        conn = _synthetic(seed, 1500)
        words = [f"c{i}" for i in range(4)] + [f"m{i}" for i in range(4)] \
            + [f"r{i}" for i in range(6)]
        rnd = random.Random(seed + 100)
        for _ in range(12):
            question = rnd.sample(words, rnd.randint(2, 9))
            counts = queries.term_counts(conn, question)
            rarest_first = sorted(question, key=lambda w: counts[w])
            for postings in (1, 60, 300):
                for k in (1, 10, 40):
                    for allowed in (None, lambda i: int(i % 3 != 0)):
                        monkeypatch.setattr(queries, "lexical", _LEXICAL)
                        want = queries.lexical(conn, fts_query(rarest_first), k, allowed)
                        monkeypatch.setattr(queries, "RARE_POSTINGS", postings)
                        monkeypatch.setattr(queries, "lexical", _counting(_LEXICAL, whole))
                        assert queries.lexical_any(conn, counts, k, allowed) == want
                        asked += 1
    assert len(whole) < asked / 2


_LEXICAL = queries.lexical
