"""BM25 as FTS5's `bm25()` computes it, for chosen passages only.

At a million passages FTS5 cannot afford the question's common words: it scores every
passage holding any of them. Search then finds passages by the rarer words and ranks them
with this: the same figure `bm25(passages_fts, 1.0, 0.5)` gives for the query of all the
words, from each word's passage count, the passages' stored text and token counts."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterable, Mapping, Sequence

from .integrity import Damaged
from .queries import chunks
from .schema import BM25_B, BM25_K1, BM25_WEIGHTS, TOKENIZE, bm25_idf, fts_totals, varints

_scratch = threading.local()


def bm25(conn: sqlite3.Connection, words: Sequence[str], counts: Mapping[str, int],
         ids: Iterable[int], damaged: Damaged) -> dict[int, float]:
    """Passage id -> BM25 of the any-word query over `words` (higher is better, 0 when it
    holds none), as FTS5 scores it; `counts` are the words' passage counts (`term_counts`).

    A passage whose stored text does not tokenize to its stored token counts is damage.
    """
    wanted = sorted(set(ids))
    if not wanted or not words:
        return {}
    totals = fts_totals(conn)  # rows, then tokens per column
    if totals is None:
        raise damaged("the lexical index has lost its totals")
    rows, tokens = max(totals[0], 1), sum(totals[1:])
    average = tokens / rows if tokens else 1.0
    texts: list[tuple[int, str, str]] = []
    sizes: dict[int, bytes] = {}
    for marks, part in chunks(conn, wanted):
        texts += conn.execute("SELECT rowid, text, headline FROM passages_fts "
                              f"WHERE rowid IN ({marks})", part).fetchall()
        sizes.update(conn.execute(
            f"SELECT id, sz FROM passages_fts_docsize WHERE id IN ({marks})", part))
    phrases = stems(words)
    needed = {t for phrase in phrases for t in phrase}
    idf = [bm25_idf(rows, max(counts.get(word, 0), 0)) for word in words]
    at, stored = tokenize(texts, sorted(needed))
    out = {}
    for pid, _, _ in texts:
        if stored.get(pid) != sizes.get(pid):
            raise damaged(f"the lexical text of passage {pid} does not match its token counts")
        where: dict[tuple[int, int], str] = {}
        starts: dict[str, list[tuple[int, int]]] = {}
        for c, o, t in at.get(pid, []):
            where[c, o] = t
            starts.setdefault(t, []).append((c, o))
        norm = BM25_K1 * (1 - BM25_B + BM25_B * sum(varints(sizes[pid])) / average)
        score = 0.0
        for phrase, weight in zip(phrases, idf, strict=True):
            freq = _frequency(phrase, where, starts)
            score += weight * (freq * (BM25_K1 + 1)) / (freq + norm)
        out[pid] = score
    return out


def _frequency(phrase: list[str], where: dict[tuple[int, int], str],
               starts: dict[str, list[tuple[int, int]]]) -> float:
    """The phrase's occurrences in one passage, each weighted by its column: looked for only
    where its first term is (`starts`), not at every token of the passage (a third of the
    re-ranking's time at a million passages). The weights are 1 and 0.5, so the sum is exact
    in any order."""
    if not phrase:
        return 0.0
    total = 0.0
    for col, offset in starts.get(phrase[0], ()):
        if all(where.get((col, offset + j)) == t for j, t in enumerate(phrase[1:], 1)):
            total += BM25_WEIGHTS[col]
    return total


def stems(texts: Sequence[str]) -> list[list[str]]:
    """Each text's tokens as the lexical index (FTS5, porter unicode61 remove_diacritics 2)
    makes them: what it matches, so BM25 elsewhere (a question's phrases here, Milvus's
    BM25) counts the same words."""
    tokens, _ = tokenize([(n + 1, t, "") for n, t in enumerate(texts)])
    return [[term for _, _, term in sorted(tokens.get(n + 1, []))] for n in range(len(texts))]


def tokenize(rows: Sequence[tuple[int, str, str]], only: Sequence[str] | None = None
              ) -> tuple[dict[int, list[tuple[int, int, str]]], dict[int, bytes]]:
    """The tokens of (id, text, headline) rows as the lexical index makes them: id ->
    (column, offset, term) of each (of the terms in `only`, when given), and id -> the token
    counts FTS5 stores for the row. Through an FTS5 table of the same tokenizer in this
    thread's own in-memory database: the index is never written."""
    conn = getattr(_scratch, "conn", None)
    if conn is None:
        conn = sqlite3.connect(":memory:", check_same_thread=False, isolation_level=None)
        conn.execute(f"CREATE VIRTUAL TABLE t USING fts5(text, headline, tokenize = {TOKENIZE})")
        conn.execute("CREATE VIRTUAL TABLE v USING fts5vocab(t, 'instance')")
        _scratch.conn = conn
    out: dict[int, list[tuple[int, int, str]]] = {}
    conn.execute("BEGIN")
    try:
        conn.executemany("INSERT INTO t (rowid, text, headline) VALUES (?, ?, ?)", rows)
        sql, params = "SELECT doc, col, offset, term FROM v", list(only or ())
        if only is not None:
            sql += f" WHERE term IN ({','.join('?' * len(params))})"
        cols = {"text": 0, "headline": 1}
        for doc, col, offset, term in conn.execute(sql, params):
            out.setdefault(int(doc), []).append((cols[col], int(offset), str(term)))
        sizes = dict(conn.execute("SELECT id, sz FROM t_docsize"))
    finally:
        conn.execute("ROLLBACK")
    return out, sizes
