"""The database's layout and format version, and the checksums every row and file carries."""

from __future__ import annotations

import hashlib
import json
import math
import sqlite3
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..articles import Article

FORMAT_VERSION = 6
"""2: row checksums, manifest, FTS and schema checksums; 3: a checksum of what filters read;
4: passage ids from a persistent counter, never reused after a delete or a rebuild;
5: the times each passage mentions, read at index time against its article's date;
6: each article's link and sections (pages, chapters), for citations; why a file gave no
article, so that every run reports it."""
DB_NAME = "qa.sqlite3"
LOCK_NAME = ".lock"
ONNX_PREFIX, ONNX_SUFFIX = "model-", ".onnx"
FAISS_PREFIX, FAISS_SUFFIX = "vectors-", ".faiss"

TOKENIZE = "'porter unicode61 remove_diacritics 2'"
"""How the lexical index splits and stems text (questions' words are stemmed the same way)."""
BM25_WEIGHTS = (1.0, 0.5)
"""BM25 weights of the lexical index's columns: a passage's text, its article's headline."""
BM25_K1, BM25_B = 1.2, 0.75
"""FTS5's BM25 constants (fts5_aux.c)."""

SCHEMA = f"""
CREATE TABLE IF NOT EXISTS manifest (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS files (
    path TEXT PRIMARY KEY, size INTEGER NOT NULL, mtime_ns INTEGER NOT NULL,
    skipped TEXT NOT NULL DEFAULT '');
CREATE TABLE IF NOT EXISTS articles (
    id TEXT PRIMARY KEY, path TEXT NOT NULL, headline TEXT NOT NULL, date TEXT, source TEXT,
    body TEXT NOT NULL, hash TEXT NOT NULL, checksum TEXT NOT NULL, extra TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS articles_path ON articles(path);
CREATE TABLE IF NOT EXISTS passages (
    id INTEGER PRIMARY KEY AUTOINCREMENT, article_id TEXT NOT NULL REFERENCES articles(id),
    paragraph INTEGER NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL,
    text TEXT NOT NULL, checksum TEXT NOT NULL, times TEXT NOT NULL DEFAULT '');
CREATE INDEX IF NOT EXISTS passages_article ON passages(article_id);
CREATE TABLE IF NOT EXISTS sentences (
    passage_id INTEGER PRIMARY KEY REFERENCES passages(id),
    spans TEXT NOT NULL, vectors BLOB NOT NULL, checksum TEXT NOT NULL);
CREATE VIRTUAL TABLE IF NOT EXISTS passages_fts USING fts5(
    text, headline, tokenize = {TOKENIZE});
"""
STATEMENTS = tuple(s for s in SCHEMA.split(";\n") if s.strip())
DATA_TABLES = ("articles", "passages", "sentences", "passages_fts", "files")

# FTS5's shadow tables.  Queries read the first four (the inverted index, its term index, the
# per-row token counts that BM25 uses, the settings); deletes also read the stored content.
FTS_INDEX = {"passages_fts_data": "id", "passages_fts_idx": "segid, term",
             "passages_fts_docsize": "id", "passages_fts_config": "k"}
FTS_CONTENT = {"passages_fts_content": "id"}
# What date, source and path filters (and recency, and the times a question prefers) read
# about every passage, including the
# passages they leave out, whose rows a question never reads and so never checks.  They are
# read once per generation, checked against the manifest and kept in memory (`columns.py`):
# passages by rowid, each one's article through the primary key, never through the indexes
# on article_id or path (whose entries the checksum does not cover).
FILTER_FROM = ("passages p NOT INDEXED CROSS JOIN articles a "
               "INDEXED BY sqlite_autoindex_articles_1 ON a.id = p.article_id")
FILTER_COLUMNS = ("SELECT p.id, p.article_id, a.date, a.source, a.path, p.times "
                  f"FROM {FILTER_FROM}")


def row_checksum(*fields: object) -> str:
    """Checksum of one row's fields, stored beside them and verified when the row is read."""
    return hashlib.sha256(json_of(fields).encode()).hexdigest()[:32]


def json_of(value: object) -> str:
    """JSON for hashing what SQLite returned.  Damage can turn a stored text into a blob
    (one bit of a record header): that hashes differently instead of raising TypeError."""
    return json.dumps(value, default=lambda v: ["\0" + type(v).__name__, bytes(v).hex()])


def manifest_checksum(manifest: dict[str, Any]) -> str:
    """Checksum over every manifest value but itself."""
    body = {k: v for k, v in manifest.items() if k != "manifest_sha256"}
    return hashlib.sha256(json.dumps(body, sort_keys=True).encode()).hexdigest()


def checksum(data: bytes) -> str:
    """A fast checksum of a file's bytes (xxh3-128): cheap enough for every cold question."""
    import xxhash

    return str(xxhash.xxh3_128_hexdigest(data))


def sentence_checksum(passage_id: int, spans: str, blob: bytes) -> str:
    """Checksum of one sentences row (its vectors are bytes, hashed apart)."""
    return row_checksum(passage_id, spans, checksum(blob))


def feed(h: Any, value: object) -> None:
    """Hash one SQLite value unambiguously: its type, its length, its bytes."""
    if isinstance(value, bytes):
        h.update(b"b%d:" % len(value) + value)
    elif isinstance(value, str):
        data = value.encode("utf-8", "surrogatepass")
        h.update(b"s%d:" % len(data) + data)
    else:
        h.update(f"{type(value).__name__}:{value!r};".encode())


def encode_extra(article: Article) -> str:
    """An article's link and sections as the `extra` column: '' when it has neither."""
    if article.link is None and not article.sections:
        return ""
    return json.dumps({"link": article.link, "sections": [list(s) for s in article.sections]},
                      ensure_ascii=False, separators=(",", ":"))


def decode_extra(extra: str) -> tuple[str | None, tuple[tuple[int, str], ...]]:
    """The link and sections of an `extra` column (checked by the row's checksum)."""
    if not extra:
        return None, ()
    data = json.loads(extra)
    return data.get("link"), tuple((int(a), str(b)) for a, b in data.get("sections", ()))


def varints(blob: bytes) -> list[int]:
    """The SQLite varints of an FTS5 record (the totals row, a docsize row)."""
    out, i = [], 0
    while i < len(blob):
        value = 0
        for n in range(9):
            byte = blob[i]
            i += 1
            if n == 8:
                value = (value << 8) | byte
                break
            value = (value << 7) | (byte & 0x7F)
            if not byte & 0x80:
                break
        out.append(value)
    return out


def fts_totals(conn: sqlite3.Connection) -> list[int] | None:
    """FTS5's totals record: the passages it counts, then the tokens of each column (what
    BM25's IDF and average length divide by); None when it is missing or empty (as inside an
    open write transaction)."""
    found = conn.execute("SELECT block FROM passages_fts_data WHERE id = 1").fetchone()
    if found is None or not isinstance(found[0], bytes) or not found[0]:
        return None
    return varints(found[0])


def bm25_idf(rows: int, hits: int) -> float:
    """A word's IDF as FTS5's bm25() computes it, clamped to 1e-6 as it clamps it."""
    value = math.log((rows - hits + 0.5) / (hits + 0.5))
    return value if value > 0 else 1e-6
