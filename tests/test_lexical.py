"""The lexical side at scale: passages per word counted once per generation, filtered lexical
search."""

from __future__ import annotations

from pathlib import Path

import pytest

import qa
from qa.index import queries
from qa.models import Filters
from qa.vocab import terms


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
