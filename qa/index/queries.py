"""The SQL that reads rows: passages, articles and sentence vectors (each row checked against
its checksum), the lexical (FTS5) search, and the writer's bookkeeping reads."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any

from ..articles import Article, section_at
from ..models import SentenceVectors, StoredPassage
from .integrity import Damaged
from .schema import BM25_WEIGHTS, decode_extra, row_checksum, sentence_checksum

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
    if not match:
        return []
    sql = (f"SELECT rowid, bm25(passages_fts, {', '.join(map(str, BM25_WEIGHTS))}) "
           "FROM passages_fts WHERE passages_fts MATCH ?")
    try:
        if allowed is None:
            rows = conn.execute(sql + " ORDER BY 2 LIMIT ?", (match, k)).fetchall()
        else:
            # The filter inside the statement: BM25 is computed for the allowed rows only and
            # SQLite keeps the best k, where ranking every match to read it in order made a
            # filter slower than no filter (at 540,000 passages, 150 ms against 75).
            conn.create_function("qa_allowed", 1, allowed)
            rows = conn.execute(sql + " AND qa_allowed(rowid) ORDER BY 2 LIMIT ?",
                                (match, k)).fetchall()
    except sqlite3.OperationalError as exc:
        if str(exc).startswith("fts5: syntax error"):
            return []
        raise
    return [(int(r), -float(s)) for r, s in rows]


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
