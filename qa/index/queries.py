"""The SQL that reads rows: passages, articles and sentence vectors (each row checked against
its checksum), the lexical (FTS5) search, and the writer's bookkeeping reads."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import Any

from ..articles import Article, section_at
from ..models import SentenceVectors, StoredPassage
from ..vocab import fts_query
from .integrity import Damaged
from .schema import (
    BM25_K1,
    BM25_WEIGHTS,
    bm25_idf,
    decode_extra,
    fts_totals,
    row_checksum,
    sentence_checksum,
)

IN_CHUNK = 500
"""Ids per IN list: well under SQLite's variable limit (999 before 3.32)."""


def chunks(conn: sqlite3.Connection, ids: Sequence[int]
           ) -> Iterator[tuple[str, Sequence[int]]]:
    """(placeholders, ids) for each slice of ids that fits one statement's variables."""
    size = IN_CHUNK
    getlimit = getattr(conn, "getlimit", None)  # Python 3.11+
    if getlimit is not None:
        size = max(1, min(size, getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER) - 1))
    for i in range(0, len(ids), size):
        part = ids[i:i + size]
        yield ",".join("?" * len(part)), part


def passages(conn: sqlite3.Connection, ids: Iterable[int], damaged: Damaged
             ) -> dict[int, StoredPassage]:
    """Passage rows with their citation fields, by id, each checked against its checksum.

    The ids come from this generation's FAISS or FTS index, so a missing row is damage.
    """
    wanted = sorted(set(ids))
    out = {}
    for marks, part in chunks(conn, wanted):
        for r in conn.execute(
                "SELECT p.id, p.article_id, p.paragraph, p.start, p.\"end\", p.text, "
                "p.checksum, a.id, a.path, a.headline, a.date, a.source, a.body, a.hash, "
                "a.extra, a.checksum FROM passages p JOIN articles a ON a.id = p.article_id "
                f"WHERE p.id IN ({marks})", part):
            if row_checksum(*r[0:6]) != r[6]:
                raise damaged(f"passage {r[0]} fails its checksum")
            if row_checksum(*r[7:15]) != r[15] or r[7] != r[1]:
                raise damaged(f"the article of passage {r[0]} fails its checksum")
            link, sections = decode_extra(r[14])
            out[r[0]] = StoredPassage(r[0], r[1], r[2], r[3], r[4], r[5], r[9], r[10], r[11],
                                      r[8], link, section_at(sections, r[3]))
    missing = set(wanted) - set(out)
    if missing:
        raise damaged(f"passage {min(missing)} is listed but has no row")
    return out


def article(conn: sqlite3.Connection, article_id: str, damaged: Damaged) -> Article | None:
    """One stored article, whole, checked."""
    row = conn.execute("SELECT id, path, headline, date, source, body, hash, extra, checksum "
                       "FROM articles WHERE id = ?", (article_id,)).fetchone()
    if row is None:
        return None
    if row_checksum(*row[:8]) != row[8] or row[0] != article_id:
        raise damaged(f"article {article_id!r} fails its checksum")
    link, sections = decode_extra(row[7])
    return Article(*row[:7], link=link, sections=sections)


def sentence_vectors(conn: sqlite3.Connection, ids: Iterable[int], dimension: int,
                     complete: bool, damaged: Damaged) -> dict[int, SentenceVectors]:
    """The stored sentence spans and vectors of these passages, checked like every row.

    With `complete` (every passage has its row), a missing row is damage.
    """
    import numpy as np

    wanted = sorted(set(ids))
    out = {}
    for marks, part in chunks(conn, wanted):
        for pid, spans, blob, check in conn.execute(
                "SELECT passage_id, spans, vectors, checksum FROM sentences "
                f"WHERE passage_id IN ({marks})", part):
            if not isinstance(blob, bytes) or sentence_checksum(pid, spans, blob) != check:
                raise damaged(f"the sentences of passage {pid} fail their checksum")
            vectors = np.frombuffer(blob, dtype=np.float16).astype(np.float32)
            out[pid] = SentenceVectors(tuple(tuple(s) for s in json.loads(spans)),
                                       vectors.reshape(-1, dimension))
    if complete:
        missing = set(wanted) - set(out)
        if missing:
            raise damaged(f"passage {min(missing)} has lost its sentence vectors")
    return out


def lexical(conn: sqlite3.Connection, match: str, k: int,
            allowed: Callable[[int], int] | None = None) -> list[tuple[int, float]]:
    """FTS5 BM25 search: (passage id, score) best first, higher is better; only the ids
    `allowed(id)` is true for when given (the best k of those)."""
    if not match or k <= 0:
        return []
    return [(r, -s) for r, s in _ranked(conn, match, k, allowed)]


def _ranked(conn: sqlite3.Connection, match: str, k: int,
            allowed: Callable[[int], int] | None) -> list[tuple[int, float]]:
    """(rowid, FTS5 bm25) of the best k matches (lower is better; equal scores in rowid
    order); none for a query FTS5 cannot parse."""
    sql = (f"SELECT rowid, bm25(passages_fts, {', '.join(map(str, BM25_WEIGHTS))}) "
           "FROM passages_fts WHERE passages_fts MATCH ?")
    try:
        if allowed is None:
            rows = conn.execute(sql + " ORDER BY 2, 1 LIMIT ?", (match, k)).fetchall()
        else:
            # The filter inside the statement: BM25 is computed for the allowed rows only and
            # SQLite keeps the best k, where ranking every match to read it in order made a
            # filter slower than no filter (at 540,000 passages, 150 ms against 75).
            conn.create_function("qa_allowed", 1, allowed)
            rows = conn.execute(sql + " AND qa_allowed(rowid) ORDER BY 2, 1 LIMIT ?",
                                (match, k)).fetchall()
    except sqlite3.OperationalError as exc:
        if str(exc).startswith("fts5: syntax error"):
            return []
        raise
    return [(int(r), float(s)) for r, s in rows]


RARE_POSTINGS = 5_000
"""Postings of the rarer words `lexical_any` tries first: at a million passages the tune
questions' k-th best score among them was out of the commoner words' reach in 85 of 150
(and 56 more on a second try)."""


def lexical_any(conn: sqlite3.Connection, counts: Mapping[str, int], k: int,
                allowed: Callable[[int], int] | None = None) -> list[tuple[int, float]]:
    """What `lexical` gives for the any-word query over the words of `counts` (each word's
    passage count, as `term_counts` gives it) taken rarest first, scoring fewer passages.

    FTS5's bm25() costs about 1.8 us a matching passage at a million passages (its token
    counts are one `%_docsize` lookup each), where walking the matches costs 0.1: a query of
    50,000 postings spent 60 ms there. A word adds at most IDF * (k1 + 1) to a passage's
    score, so once the k-th best score of the passages holding a rarer word is above what
    the commoner words together can add, a passage holding only commoner words cannot enter
    the top k (MaxScore). Only the passages holding a rarer word are scored then: those that
    also hold a commoner word, and those that do not, each with every word's term of BM25.
    Every query lists the words rarest first, so FTS5 adds their terms in one order and the
    scores are the same to the last bit whichever path gives them."""
    if k <= 0 or not counts:
        return []
    words = sorted(counts, key=lambda w: counts[w])  # stable: question order among equals
    rare = _fitting(words, counts, RARE_POSTINGS)
    totals = fts_totals(conn)
    rows = max(totals[0], 1) if totals else 0
    while rows and rare < len(words):
        top = _top_holding_rare(conn, words[:rare], words[rare:], k, allowed)
        best_k = -top[-1][1] if len(top) == k else 0.0
        if best_k > _most_added(words[rare:], counts, rows):
            return [(r, -s) for r, s in top]
        # The k-th score found is a floor of the true one: take the fewest more words as
        # rare so that the commoner rest could not reach it.
        rare += 1
        while rare < len(words) and not best_k > _most_added(words[rare:], counts, rows):
            rare += 1
    return lexical(conn, fts_query(words), k, allowed)


def _top_holding_rare(conn: sqlite3.Connection, rare: Sequence[str], common: Sequence[str],
                      k: int, allowed: Callable[[int], int] | None) -> list[tuple[int, float]]:
    """(rowid, FTS5 bm25) of the best k passages holding a rare word, scored for every word:
    one query for those that also hold a common word, one for those that do not (where the
    common words' terms are 0). Equal scores in rowid order, as `_ranked` gives them."""
    either, others = fts_query(rare), fts_query(common)
    found = (_ranked(conn, f"({either}) AND ({others})", k, allowed)
             + _ranked(conn, f"({either}) NOT ({others})", k, allowed))
    return sorted(found, key=lambda h: (h[1], h[0]))[:k]


def _fitting(by_rarity: Sequence[str], counts: Mapping[str, int], postings: int) -> int:
    """How many of the first words fit in `postings` together: as `search.lexical_words`
    keeps them, words in no passage (they cost nothing) and always the rarest one present."""
    n, used = 0, 0
    for word in by_rarity:
        if used and used + counts[word] > postings:
            break
        n, used = n + 1, used + counts[word]
    return n


def _most_added(words: Iterable[str], counts: Mapping[str, int], rows: int) -> float:
    """The most these words can add to a passage's BM25: each one's IDF times k1 + 1, the
    limit of its term as the word's (column-weighted) frequency grows."""
    return sum(bm25_idf(rows, counts[word]) * (BM25_K1 + 1) for word in words)


def term_counts(conn: sqlite3.Connection, words: Iterable[str]) -> dict[str, int]:
    """How many passages each word occurs in (stemmed as the lexical index stems them)."""
    return {w: int(conn.execute("SELECT count(*) FROM passages_fts WHERE passages_fts MATCH ?",
                                (f'"{w}"',)).fetchone()[0]) for w in words}


def counts(conn: sqlite3.Connection) -> tuple[int, int]:
    """(articles, passages) in the index."""
    [(a,)] = conn.execute("SELECT count(*) FROM articles").fetchall()
    [(p,)] = conn.execute("SELECT count(*) FROM passages").fetchall()
    return int(a), int(p)


def skipped_files(conn: sqlite3.Connection) -> dict[str, str]:
    """Path -> why the file gave no article, for the files that gave none."""
    return dict(conn.execute("SELECT path, skipped FROM files WHERE skipped != ''"))


def file_stamps(conn: sqlite3.Connection) -> dict[str, tuple[int, int]]:
    """Path -> (size, mtime_ns) of the corpus files as last indexed."""
    return {p: (s, m) for p, s, m in conn.execute("SELECT path, size, mtime_ns FROM files")}


def article_hashes(conn: sqlite3.Connection) -> dict[str, tuple[str, str]]:
    """Article id -> (path, content hash)."""
    return {i: (p, h) for i, p, h in conn.execute("SELECT id, path, hash FROM articles")}


def rows(conn: sqlite3.Connection, sql: str, params: Sequence[Any] = ()) -> list[Any]:
    """All rows of one statement."""
    return conn.execute(sql, params).fetchall()
