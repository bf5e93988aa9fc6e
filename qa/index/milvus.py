"""The index in Milvus: `qa --milvus URI` (Milvus Lite in a local file, or a Milvus server).

Meets the same interfaces as `Store` (api.py), so search, answer and the bot run unchanged:
dense search, BM25 full-text search and every filter run inside Milvus, as search requests
with filter expressions.  pymilvus is imported only here, and this module only for --milvus.

Three collections per corpus (named from the corpus's full path):

    qa_<key>_passages  one row per passage: text, article fields, dates it mentions, its
                       vector, its sentences' spans and vectors, and `terms` (the text stemmed
                       as the local FTS5 index stems it) with a BM25 function that makes the
                       sparse vector full-text search reads
    qa_<key>_articles  one row per article (the body in parts when it is long)
    qa_<key>_meta      the manifest (model, dimension, chunker, generation) and file stamps

Milvus has no transaction across requests: each insert, upsert or delete is durable once it
returns, and an upsert replaces an entity whole.  So every row carries the generation that
wrote it (`born`) and the one that retired it (`died`), and readers see a row only when
`floor <= born <= generation < died` for the generation the manifest row names.  An update
writes its new rows and retires the old ones first, all invisible, then switches the one
manifest row (a single upsert): a run killed before that leaves the previous generation
answering.  The next writer deletes what a killed run wrote and un-retires what it retired,
and rows no generation since the previous one can see are deleted after each commit.
"""

from __future__ import annotations

import base64
import contextlib
import fnmatch
import hashlib
import json
import logging
import os
import re
import sqlite3
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import date as Date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from .. import dates
from ..articles import Article, context_headline, section_at
from ..errors import IndexDamagedError, IndexError_
from ..fsutil import cache_root, write_atomic
from ..models import Change, Filters, SentenceVectors, StoredPassage
from .schema import FORMAT_VERSION, checksum, decode_extra, encode_extra, manifest_checksum

if TYPE_CHECKING:
    from pymilvus import MilvusClient

EXTRA = "--milvus needs the scale extra: pip install -e '.[scale]'"
ALIVE = 2**62
"""`died` of a row no generation has retired."""
TEXT_MAX = 65535
"""Milvus's VARCHAR limit (bytes on a server, characters in Milvus Lite)."""
PART_CHARS = 16000
"""Characters of an article body per row: under TEXT_MAX bytes however wide the UTF-8."""
BATCH = 256
"""Rows per insert or upsert request."""
IDS_PER_QUERY = 1000
TOP_K_MAX = 16384
"""Milvus's limit on one search's top k."""
DUMMY = [1.0, 0.0]
"""Milvus wants a vector field in every collection: the articles' and meta's hold this."""

SEARCH_FIELDS = ["article_id", "date", "times", "vector"]
"""What searches return with each hit: what fusion, time preference and collapsing read."""
_PASSAGE_FIELDS = ["id", "born", "died", "article_id", "paragraph", "start", "end", "text",
                   "headline", "date", "source", "source_fold", "path", "link", "section",
                   "times", "terms", "sentences", "vector"]
_ARTICLE_FIELDS = ["key", "article_id", "born", "died", "part", "path", "headline", "date",
                   "source", "hash", "extra", "body", "vector"]


# stemming as the local index does ----------------------------------------------------------

_stemmer = threading.local()


def stems(texts: Sequence[str]) -> list[list[str]]:
    """Each text's tokens as SQLite FTS5 (porter unicode61 remove_diacritics 2) makes them:
    what the local lexical index matches, so BM25 in Milvus counts the same words."""
    conn: sqlite3.Connection | None = getattr(_stemmer, "conn", None)
    if conn is None:
        conn = sqlite3.connect(":memory:", check_same_thread=False)
        conn.execute("CREATE VIRTUAL TABLE t USING fts5(x, tokenize = "
                     "'porter unicode61 remove_diacritics 2')")
        conn.execute("CREATE VIRTUAL TABLE v USING fts5vocab(t, 'instance')")
        _stemmer.conn = conn
    out: list[list[str]] = [[] for _ in texts]
    with conn:
        conn.executemany("INSERT INTO t (rowid, x) VALUES (?, ?)",
                         [(n + 1, t) for n, t in enumerate(texts)])
        for term, doc in conn.execute("SELECT term, doc FROM v ORDER BY doc, offset"):
            out[int(doc) - 1].append(str(term))
        conn.execute("DELETE FROM t")
    return out


def match_words(match: str) -> list[str]:
    """The quoted words of an FTS5 query as `search.fts_query` writes it."""
    return [m.replace('""', '"') for m in re.findall(r'"((?:[^"]|"")*)"', match)]


def query_terms(words: Sequence[str]) -> str:
    """The stemmed, de-duplicated tokens of these words, for BM25 or text_match."""
    seen: dict[str, None] = {}
    for tokens in stems(list(words)) if words else []:
        for t in tokens:
            seen.setdefault(t, None)
    return " ".join(seen)


# filter expressions ------------------------------------------------------------------------

def literal(value: str) -> str:
    """A Milvus string literal: nothing in the value is syntax."""
    escaped = (value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
               .replace("\r", "\\r").replace("\t", "\\t"))
    return f'"{escaped}"'


def visible(floor: int, generation: int) -> str:
    """The rows one generation shows."""
    return f"(born >= {floor} and born <= {generation} and died > {generation})"


def _like_safe(text: str) -> bool:
    return not any(c in text for c in "%_\\")


def _glob_like(pattern: str) -> str | None:
    """A path glob as a LIKE pattern, when it has only `*` and `?` (else None)."""
    if not _like_safe(pattern) or any(c in pattern for c in "[]"):
        return None
    return pattern.replace("*", "%").replace("?", "_")


def _one_of(field: str, values: list[str]) -> str:
    """`field` is one of `values` (none: no row)."""
    if not values:
        return "id < 0"
    return f"{field} in [{', '.join(map(literal, values))}]"


class FilteredIds(np.ndarray):
    """The ids a filter lets through, with the Milvus expression that selects them: searches
    pass the expression to Milvus rather than the ids."""

    expr: str = ""

    def __array_finalize__(self, obj: Any) -> None:
        self.expr = getattr(obj, "expr", "")


# the connection ------------------------------------------------------------------------------

def connect(uri: str) -> MilvusClient:
    """A client for URI; a missing extra or an unreachable server is one line with the fix."""
    # gRPC's own logging (keepalive notes while a long embedding leaves the channel idle)
    # would interleave with qa's output; GRPC_VERBOSITY set by the user still wins.
    os.environ.setdefault("GRPC_VERBOSITY", "NONE")
    try:
        from pymilvus import MilvusClient
    except ImportError:
        raise IndexError_(EXTRA) from None
    # Its failures become one line each here: not a logged traceback as well.
    logging.getLogger("pymilvus").setLevel(logging.CRITICAL)
    if "://" not in uri:
        # Milvus Lite's in-process server logs a traceback for each query iterator (it has
        # no AllocTimestamp; pymilvus then uses the client's clock, which is right here).
        logging.getLogger("grpc._server").setLevel(logging.CRITICAL)
    local = "://" not in uri
    if local:
        parent = Path(uri).expanduser().resolve().parent
        if not parent.is_dir():
            raise IndexError_(f"Cannot open Milvus Lite at {uri}: {parent} is not a folder. "
                              "Pass --milvus PATH.db in an existing folder.")
        if not uri.endswith(".db"):
            raise IndexError_(f"Milvus Lite files end in .db, not {uri}. Pass --milvus "
                              "PATH.db, or a server's http://HOST:PORT.")
        logging.getLogger("milvus_lite").setLevel(logging.CRITICAL)
    try:
        client = MilvusClient(uri, timeout=10)
    except Exception as exc:  # pymilvus raises MilvusException or grpc's errors
        if local:
            raise IndexError_(f"Cannot open Milvus Lite at {uri}: another process has it open "
                              "(a Milvus Lite file serves one process at a time). Stop that "
                              f"process, or serve the file with `milvus-lite server --data-dir "
                              f"{uri} --port 19530` and pass --milvus http://127.0.0.1:19530."
                              ) from None
        raise IndexError_(f"Cannot reach Milvus at {uri} ({_reason(exc)}). Start the server "
                          "(e.g. `milvus-lite server --data-dir DIR --port 19530`) or fix "
                          "--milvus URI.") from None
    if local:
        with _LITE_LOCK:
            key = str(Path(uri).resolve())
            _LITE_USERS[key] = _LITE_USERS.get(key, 0) + 1
    return client


_LITE_LOCK = threading.Lock()
_LITE_USERS: dict[str, int] = {}
"""Open stores per Milvus Lite file in this process: the last to close releases the file."""


def release(uri: str) -> None:
    """Let go of a Milvus Lite file when no store of this process uses it any more, so that
    another process can open it (Milvus Lite holds its folder's lock until then)."""
    if "://" in uri:
        return
    key = str(Path(uri).resolve())
    with _LITE_LOCK:
        left = _LITE_USERS.get(key, 0) - 1
        if left > 0:
            _LITE_USERS[key] = left
            return
        _LITE_USERS.pop(key, None)
    with contextlib.suppress(Exception):
        from milvus_lite.server_manager import server_manager_instance

        server_manager_instance.release_server(uri)


def _reason(exc: BaseException) -> str:
    message = getattr(exc, "message", None) or str(exc) or type(exc).__name__
    return " ".join(str(message).split())[:200]


def collection_key(corpus: Path) -> str:
    """The collections' common prefix for a corpus: keyed by its full path."""
    return "qa_" + hashlib.sha256(str(corpus.resolve()).encode()).hexdigest()[:16]


class Label:
    """What messages call the index: the Milvus URI (there is no index folder)."""

    def __init__(self, uri: str, collection: str) -> None:
        self.uri = uri
        self.collection = collection

    def __str__(self) -> str:
        return f"{self.uri} (Milvus collection {self.collection}_passages)"


class MilvusStore:
    """An open corpus index in Milvus: the reads of `Store`, and the writes `indexer.update`
    makes.  Reads are thread-safe; one writer at a time (see docs/scaling.md)."""

    def __init__(self, uri: str, corpus: Path, *, create: bool = False) -> None:
        self.uri = uri
        self.key = collection_key(corpus)
        self.passages_name = f"{self.key}_passages"
        self.articles_name = f"{self.key}_articles"
        self.meta_name = f"{self.key}_meta"
        self.label = Label(uri, self.key)
        self.dir = cache_root() / "milvus" / hashlib.sha256(
            f"{uri}\0{self.key}".encode()).hexdigest()[:16]
        """A local folder for the model's ONNX export (the vectors are in Milvus)."""
        self._client = connect(uri)
        self._lock = threading.Lock()
        self._write_lock = threading.RLock()
        self._manifest: dict[str, Any] = {}
        self._distinct: dict[int, tuple[list[str], list[str]]] = {}
        try:
            existing = set(self._call(self._client.list_collections))
            names = {self.passages_name, self.articles_name, self.meta_name}
            if not names <= existing:
                if not create:
                    raise IndexError_(f"No index of this corpus in Milvus at {uri}. Build it "
                                      f"with `qa index --corpus {corpus} --milvus {uri}`.")
            else:
                self._load()
                if "://" not in uri:
                    # Milvus Lite replays its log into memory on open, and scans those rows
                    # in Python (18 s for a SciFact question, 1 s once flushed).
                    self._flush()
                self.reload()
        except BaseException:
            self.close()
            raise

    # plumbing ------------------------------------------------------------------------------

    def _call(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        """One Milvus request; its failure becomes one line naming the URI."""
        try:
            return fn(*args, **kwargs)
        except IndexError_:
            raise
        except Exception as exc:
            if type(exc).__module__.startswith(("pymilvus", "grpc")):
                raise IndexError_(f"Milvus at {self.uri} failed: {_reason(exc)}. Check that "
                                  "it is running, then run the command again.") from None
            raise

    def _load(self) -> None:
        for name in (self.passages_name, self.articles_name, self.meta_name):
            self._call(self._client.load_collection, name)

    def _query(self, collection: str, expr: str, fields: list[str],
               limit: int | None = None) -> list[dict[str, Any]]:
        kwargs: dict[str, Any] = {"filter": expr, "output_fields": fields}
        if limit is not None:
            kwargs["limit"] = limit
        return list(self._call(self._client.query, collection, **kwargs))

    def _scan(self, collection: str, expr: str, fields: list[str]) -> Iterator[dict[str, Any]]:
        """Every row matching `expr`, in batches (no limit on how many)."""
        it = self._call(self._client.query_iterator, collection, batch_size=1000,
                        filter=expr, output_fields=fields)
        try:
            while True:
                batch = self._call(it.next)
                if not batch:
                    return
                yield from batch
        finally:
            it.close()

    def _count(self, collection: str, expr: str) -> int:
        rows = self._query(collection, expr, ["count(*)"])
        return int(rows[0]["count(*)"]) if rows else 0

    def damaged(self, what: str) -> IndexDamagedError:
        """The error for a failed check: what failed, and the rebuild command."""
        return IndexDamagedError(f"The index in Milvus at {self.uri} is damaged: {what}. "
                                 f"Rebuild it with `qa index --milvus {self.uri} --rebuild`.")

    # manifest and generations --------------------------------------------------------------

    @property
    def manifest(self) -> dict[str, Any]:
        """The newest committed manifest read (empty before the first build)."""
        return dict(self._manifest)

    def _read_manifest(self) -> dict[str, Any]:
        rows = self._query(self.meta_name, 'key == "manifest"', ["value"])
        if not rows:
            return {}
        try:
            m = json.loads(rows[0]["value"])
        except ValueError:
            raise self.damaged("the manifest is not JSON") from None
        if not isinstance(m, dict) or m.get("manifest_sha256") != manifest_checksum(m):
            raise self.damaged("the manifest fails its checksum")
        return m

    def reload(self) -> None:
        """Re-read the manifest, picking up a generation another process committed."""
        m = self._read_manifest()
        with self._lock:
            self._manifest = m

    @contextlib.contextmanager
    def snapshot(self, check: Callable[[MilvusView], None] | None = None, *,
                 vectors: bool = True) -> Iterator[MilvusView]:
        """One generation for a question: every read filters on it."""
        self.reload()
        view = MilvusView(self, self.manifest)
        if check is not None:
            check(view)
        yield view

    def _view(self) -> MilvusView:
        return MilvusView(self, self.manifest)

    # the reads of `Store` --------------------------------------------------------------------

    def vector_index(self) -> MilvusVectors:
        """The dense vectors of the current generation."""
        return self._view().vector_index()

    faiss_index = vector_index

    def read_file(self, name: str, checksum_key: str) -> bytes:
        """The model's ONNX export kept beside the client, checked against the manifest."""
        path = self.dir / name
        data = path.read_bytes()
        if checksum(data) != self.manifest.get(checksum_key):
            raise self.damaged(f"{path} fails its checksum")
        return data

    def write_file(self, name: str, data: bytes) -> None:
        """Write the ONNX export to the local folder (the manifest names it later)."""
        self.dir.mkdir(parents=True, exist_ok=True)
        write_atomic(self.dir / name, data)

    def passages(self, ids: Iterable[int]) -> dict[int, StoredPassage]:
        """Passage rows with their citation fields, by id."""
        return self._view().passages(ids)

    def article(self, article_id: str) -> Article | None:
        """One stored article, whole."""
        return self._view().article(article_id)

    def sentence_vectors(self, ids: Iterable[int]) -> dict[int, SentenceVectors]:
        """The stored sentence spans and vectors of these passages."""
        return self._view().sentence_vectors(ids)

    def allowed_ids(self, filters: Filters) -> np.ndarray:
        """Ids of the passages whose article passes the filters."""
        return self._view().allowed_ids(filters)

    def article_of(self, ids: Iterable[int]) -> dict[int, tuple[str, str | None]]:
        """Passage id -> (article id, article date)."""
        return self._view().article_of(ids)

    def newest_date(self) -> str | None:
        """The latest article date in the index."""
        return self._view().newest_date()

    def term_counts(self, words: Iterable[str]) -> dict[str, int]:
        """How many passages each word occurs in."""
        return self._view().term_counts(words)

    def counts(self) -> tuple[int, int]:
        """(articles, passages) in the index."""
        m = self.manifest
        return int(m.get("articles") or 0), int(m.get("vectors") or 0)

    def _files(self) -> list[list[Any]]:
        m = self.manifest
        if not m:
            return []
        rows = self._query(self.meta_name, f"born == {int(m.get('files_gen', -1))} and "
                                           'key like "files:%"', ["key", "value"])
        rows.sort(key=lambda r: int(r["key"].rsplit(":", 1)[1]))
        if len(rows) != m.get("files_chunks"):
            raise self.damaged(f"{len(rows)} file-stamp rows, the manifest "
                               f"{m.get('files_chunks')}")
        return [f for r in rows for f in json.loads(r["value"])]

    def file_stamps(self) -> dict[str, tuple[int, int]]:
        """Path -> (size, mtime_ns) of the corpus files as last indexed."""
        return {p: (int(s), int(t)) for p, s, t, _ in self._files()}

    def skipped_files(self) -> dict[str, str]:
        """Path -> why the file gave no article when it was last read."""
        return {p: str(why) for p, _, _, why in self._files() if why}

    def article_hashes(self) -> dict[str, tuple[str, str]]:
        """Article id -> (path, content hash)."""
        if not self.manifest:
            return {}
        view = self._view()
        return {r["article_id"]: (r["path"], r["hash"]) for r in self._scan(
            self.articles_name, f"{view.live} and part == 0", ["article_id", "path", "hash"])}

    def verify(self) -> None:
        """What a writer checks first: the manifest (read with its checksum) and the counts."""
        if not self.manifest:
            return
        view = self._view()
        n = self._count(self.passages_name, view.live)
        if n != self.manifest.get("vectors"):
            raise self.damaged(f"{n} passages, the manifest {self.manifest.get('vectors')}")

    def close(self) -> None:
        """Close the client."""
        client = getattr(self, "_client", None)
        if client is not None:
            with contextlib.suppress(Exception):
                client.close()
            self._client = None  # type: ignore[assignment]
            release(self.uri)

    # writes ----------------------------------------------------------------------------------

    def _create(self, dimension: int) -> None:
        from pymilvus import DataType, Function, FunctionType

        c = self._client
        existing = set(self._call(c.list_collections))
        if self.passages_name not in existing:
            s = c.create_schema(auto_id=False)
            s.add_field("id", DataType.INT64, is_primary=True)
            for name in ("born", "died", "paragraph", "start", "end"):
                s.add_field(name, DataType.INT64)
            for name in ("article_id", "text", "headline", "source", "source_fold", "path",
                         "link", "section", "times", "sentences"):
                s.add_field(name, DataType.VARCHAR, max_length=TEXT_MAX)
            s.add_field("date", DataType.VARCHAR, max_length=32)
            s.add_field("terms", DataType.VARCHAR, max_length=TEXT_MAX, enable_analyzer=True,
                        enable_match=True, analyzer_params={"tokenizer": "standard"})
            s.add_field("sparse", DataType.SPARSE_FLOAT_VECTOR)
            s.add_field("vector", DataType.FLOAT_VECTOR, dim=dimension)
            s.add_function(Function(name="terms_bm25", function_type=FunctionType.BM25,
                                    input_field_names=["terms"],
                                    output_field_names=["sparse"]))
            ip = c.prepare_index_params()
            ip.add_index("vector", index_type="FLAT", metric_type="IP")
            ip.add_index("sparse", index_type="SPARSE_INVERTED_INDEX", metric_type="BM25")
            self._call(c.create_collection, self.passages_name, schema=s, index_params=ip,
                       consistency_level="Strong")
        if self.articles_name not in existing:
            s = c.create_schema(auto_id=False)
            s.add_field("key", DataType.VARCHAR, is_primary=True, max_length=128)
            for name in ("born", "died", "part"):
                s.add_field(name, DataType.INT64)
            for name in ("article_id", "path", "headline", "source", "hash", "extra", "body"):
                s.add_field(name, DataType.VARCHAR, max_length=TEXT_MAX)
            s.add_field("date", DataType.VARCHAR, max_length=32)
            s.add_field("vector", DataType.FLOAT_VECTOR, dim=len(DUMMY))
            self._call(c.create_collection, self.articles_name, schema=s,
                       index_params=self._dummy_index(), consistency_level="Strong")
        if self.meta_name not in existing:
            s = c.create_schema(auto_id=False)
            s.add_field("key", DataType.VARCHAR, is_primary=True, max_length=128)
            s.add_field("born", DataType.INT64)
            s.add_field("value", DataType.VARCHAR, max_length=TEXT_MAX)
            s.add_field("vector", DataType.FLOAT_VECTOR, dim=len(DUMMY))
            self._call(c.create_collection, self.meta_name, schema=s,
                       index_params=self._dummy_index(), consistency_level="Strong")
        self._load()

    def _dummy_index(self) -> Any:
        ip = self._client.prepare_index_params()
        ip.add_index("vector", index_type="FLAT", metric_type="IP")
        return ip

    def _drop(self) -> None:
        for name in (self.passages_name, self.articles_name, self.meta_name):
            if self._call(self._client.has_collection, name):
                self._call(self._client.drop_collection, name)
        with self._lock:
            self._manifest = {}

    @contextlib.contextmanager
    def writer(self) -> Iterator[None]:
        """One writer in this process; first, what a killed run left is undone."""
        with self._write_lock:
            if self._exists():
                self.reload()
                self._recover()
            yield

    def _exists(self) -> bool:
        return bool(self._call(self._client.has_collection, self.meta_name))

    def writable(self) -> None:
        """Milvus takes writes or fails the request: nothing to check before."""

    def _recover(self) -> None:
        """Delete the rows a killed run wrote and un-retire the rows it retired: after this
        the collections hold the committed generation (and older rows not yet deleted)."""
        m = self.manifest
        gen = int(m.get("generation") or 0)
        for name in (self.passages_name, self.articles_name):
            self._call(self._client.delete, name, filter=f"born > {gen}")
            fields = _PASSAGE_FIELDS if name == self.passages_name else _ARTICLE_FIELDS
            rows = list(self._scan(name, f"died > {gen} and died < {ALIVE}", fields))
            for i in range(0, len(rows), BATCH):
                part = [{**r, "died": ALIVE} for r in rows[i:i + BATCH]]
                self._call(self._client.upsert, name, part)
        self._call(self._client.delete, self.meta_name,
                   filter=f'born > {gen} and key != "manifest"')

    def apply(self, change: Change, vectors: np.ndarray, manifest: dict[str, Any],
              rebuild: bool = False, sentences: Sequence[SentenceVectors] = ()) -> None:
        """Write one update: new rows and retirements invisible, then one manifest upsert
        makes them the current generation; then rows no reader can see are deleted."""
        if len(vectors) != sum(len(p) for _, p in change.upserts) or (
                sentences and len(sentences) != len(vectors)):
            raise ValueError("one vector (and one sentence row) per passage is required")
        with self._write_lock:
            if rebuild and self._exists():
                old = self._read_manifest()
                if old and old.get("dimension") != manifest.get("dimension"):
                    self._drop()  # a collection holds one dimension: made again below
            self._create(int(manifest["dimension"]))
            self.reload()
            old = self.manifest
            gen = int(old.get("generation") or 0)
            floor = int(old.get("floor") or 0)
            new = gen + 1
            new_floor = new if rebuild else floor
            next_id = int(old.get("next_id") or 1)
            next_id = self._write_rows(change, vectors, sentences, new, next_id)
            if not rebuild:
                self._retire([*change.removed_ids, *(a.id for a, _ in change.upserts)],
                             floor, gen, new)
            chunks = self._write_files(change.files, new)
            live = visible(new_floor, new)
            n_articles = 0
            newest: str | None = None
            for r in self._scan(self.articles_name, f"{live} and part == 0", ["date"]):
                n_articles += 1
                if r["date"] and (newest is None or r["date"] > newest):
                    newest = r["date"]
            n_passages = self._count(self.passages_name, live)
            n_sentences = self._count(self.passages_name, f'{live} and sentences != ""')
            m = {**manifest, "format_version": FORMAT_VERSION, "backend": "milvus",
                 "collection": self.key, "generation": new, "floor": new_floor,
                 "next_id": next_id, "vectors": n_passages, "articles": n_articles,
                 "sentences": n_sentences, "newest": newest, "files_gen": new,
                 "files_chunks": chunks}
            self._commit(m)
            self._collect(floor, gen, new_floor, new)
            self._flush()

    def _flush(self) -> None:
        """Seal what was written into indexed segments: searches of unflushed rows are slow
        (Milvus Lite scans its memtable in Python)."""
        for name in (self.passages_name, self.articles_name, self.meta_name):
            self._call(self._client.flush, name)

    def touch_files(self, files: Sequence[tuple[str, int, int, str]]) -> None:
        """Record new file stamps when contents did not change: a new generation that only
        points to new stamps."""
        with self._write_lock:
            old = self.manifest
            gen, floor = int(old.get("generation") or 0), int(old.get("floor") or 0)
            chunks = self._write_files(files, gen + 1)
            self._commit({**old, "generation": gen + 1, "files_gen": gen + 1,
                          "files_chunks": chunks})
            self._collect(floor, gen, floor, gen + 1)

    def _commit(self, m: dict[str, Any]) -> None:
        m = {k: v for k, v in m.items() if k != "manifest_sha256"}
        m["manifest_sha256"] = manifest_checksum(m)
        value = json.dumps(m, ensure_ascii=True)
        if len(value) > TEXT_MAX:
            raise IndexError_("The manifest is too large for one Milvus row.")
        self._call(self._client.upsert, self.meta_name,
                   [{"key": "manifest", "born": int(m["generation"]), "value": value,
                     "vector": DUMMY}])
        with self._lock:
            self._manifest = m

    def _collect(self, old_floor: int, old_gen: int, floor: int, gen: int) -> None:
        """Delete what neither this generation nor the one before shows: a question still
        reading the one before keeps its rows until the next update."""
        keep = f"({visible(old_floor, old_gen)} or {visible(floor, gen)})"
        for name in (self.passages_name, self.articles_name):
            self._call(self._client.delete, name, filter=f"not {keep}")
        self._call(self._client.delete, self.meta_name,
                   filter=f'key != "manifest" and born != {gen} and born != {old_gen}')

    def _write_rows(self, change: Change, vectors: np.ndarray,
                    sentences: Sequence[SentenceVectors], new: int, next_id: int) -> int:
        articles: list[dict[str, Any]] = []
        passages: list[dict[str, Any]] = []
        n = 0
        for article, split in change.upserts:
            extra = encode_extra(article)
            base = {"article_id": article.id, "born": new, "died": ALIVE, "path": article.path,
                    "headline": article.headline, "date": article.date or "",
                    "source": article.source or "", "hash": article.hash, "vector": DUMMY}
            body = article.body
            parts = [body[i:i + PART_CHARS] for i in range(0, len(body), PART_CHARS)] or [""]
            digest = hashlib.sha256(article.id.encode()).hexdigest()[:40]
            for p, text in enumerate(parts):
                articles.append({**base, "key": f"{digest}:{new}:{p}", "part": p,
                                 "extra": extra if p == 0 else "", "body": text})
            head = context_headline(article)
            published = Date.fromisoformat(article.date) if article.date else None
            terms = stems([f"{p.text}\n{head}" for p in split])
            for p, tokens in zip(split, terms, strict=True):
                sv = sentences[n] if sentences else None
                passages.append({
                    "id": next_id, "born": new, "died": ALIVE, "article_id": article.id,
                    "paragraph": p.paragraph, "start": p.start, "end": p.end, "text": p.text,
                    "headline": article.headline, "date": article.date or "",
                    "source": article.source or "",
                    "source_fold": (article.source or "").casefold(), "path": article.path,
                    "link": article.link or "", "section": section_at(article.sections,
                                                                      p.start) or "",
                    "times": dates.encode(dates.mentions(p.text, published)),
                    "terms": " ".join(tokens), "sentences": _encode_sentences(sv),
                    "vector": np.asarray(vectors[n], dtype=np.float32).tolist()})
                next_id += 1
                n += 1
                if len(passages) >= BATCH:
                    self._call(self._client.insert, self.passages_name, passages)
                    passages = []
            if len(articles) >= BATCH:
                self._call(self._client.insert, self.articles_name, articles)
                articles = []
        if passages:
            self._call(self._client.insert, self.passages_name, passages)
        if articles:
            self._call(self._client.insert, self.articles_name, articles)
        return next_id

    def _retire(self, article_ids: Sequence[str], floor: int, gen: int, new: int) -> None:
        """Mark the rows of replaced and removed articles as gone from generation `new`."""
        live = visible(floor, gen)
        for i in range(0, len(article_ids), 100):
            names = ", ".join(literal(a) for a in article_ids[i:i + 100])
            expr = f"{live} and article_id in [{names}]"
            for name, fields in ((self.passages_name, _PASSAGE_FIELDS),
                                 (self.articles_name, _ARTICLE_FIELDS)):
                rows = list(self._scan(name, expr, fields))
                for j in range(0, len(rows), BATCH):
                    self._call(self._client.upsert, name,
                               [{**r, "died": new} for r in rows[j:j + BATCH]])

    def _write_files(self, files: Sequence[tuple[str, int, int, str]], new: int) -> int:
        """The corpus file stamps as rows of generation `new`; how many rows."""
        rows: list[dict[str, Any]] = []
        chunk: list[list[Any]] = []
        size = 2
        for f in files:
            item = [f[0], int(f[1]), int(f[2]), f[3]]
            width = len(json.dumps(item, ensure_ascii=True)) + 1
            if chunk and size + width > TEXT_MAX - 16:
                rows.append(self._file_row(chunk, new, len(rows)))
                chunk, size = [], 2
            chunk.append(item)
            size += width
        rows.append(self._file_row(chunk, new, len(rows)))
        for i in range(0, len(rows), BATCH):
            self._call(self._client.upsert, self.meta_name, rows[i:i + BATCH])
        return len(rows)

    @staticmethod
    def _file_row(chunk: list[list[Any]], new: int, n: int) -> dict[str, Any]:
        return {"key": f"files:{new}:{n}", "born": new,
                "value": json.dumps(chunk, ensure_ascii=True), "vector": DUMMY}

    def distinct(self, floor: int, gen: int) -> tuple[list[str], list[str]]:
        """The distinct sources and paths of one generation (for filters LIKE cannot say)."""
        with self._lock:
            found = self._distinct.get(gen)
        if found is not None:
            return found
        sources, paths = set(), set()
        for r in self._scan(self.articles_name, f"{visible(floor, gen)} and part == 0",
                            ["source", "path"]):
            sources.add(r["source"])
            paths.add(r["path"])
        found = (sorted(sources), sorted(paths))
        with self._lock:
            self._distinct = {gen: found}
        return found


def _encode_sentences(sv: SentenceVectors | None) -> str:
    """Spans and float16 vectors as JSON; '' when there are none or they do not fit a row
    (that passage's answer is then highlighted without them)."""
    if sv is None:
        return ""
    blob = np.asarray(sv.vectors, dtype=np.float16).tobytes()
    value = json.dumps({"spans": [list(s) for s in sv.spans],
                        "f16": base64.b64encode(blob).decode("ascii")})
    return value if len(value) <= TEXT_MAX else ""


class MilvusView:
    """One generation of the Milvus index: every read filters on it."""

    def __init__(self, store: MilvusStore, manifest: dict[str, Any]) -> None:
        self.store = store
        self.manifest = manifest
        self.dir = store.label
        self.generation = int(manifest.get("generation") or 0)
        self.floor = int(manifest.get("floor") or 0)
        self.live = visible(self.floor, self.generation)
        self._rows: dict[int, dict[str, Any]] = {}
        """Fields of the passages this question's searches returned (the view is one
        generation, so they cannot change): fusion and answers read them without a query."""
        self._rows_lock = threading.Lock()

    def damaged(self, what: str) -> IndexDamagedError:
        return self.store.damaged(what)

    def vector_index(self) -> MilvusVectors:
        """Dense search of this generation in Milvus."""
        if not self.manifest:
            raise IndexError_(f"No index in Milvus at {self.store.uri} yet. Build it with "
                              f"`qa index --milvus {self.store.uri}`.")
        return MilvusVectors(self)

    def remember(self, hits: Iterable[dict[str, Any]]) -> None:
        """Keep the fields a search returned with its hits."""
        with self._rows_lock:
            for h in hits:
                entity = h.get("entity") or {}
                self._rows.setdefault(int(h["id"]), {}).update(entity)

    def _by_ids(self, ids: Iterable[int], fields: list[str]) -> dict[int, dict[str, Any]]:
        wanted = sorted({int(i) for i in ids})
        out: dict[int, dict[str, Any]] = {}
        with self._rows_lock:
            for pid in wanted:
                row = self._rows.get(pid)
                if row is not None and all(f in row for f in fields):
                    out[pid] = row
        fetch = [pid for pid in wanted if pid not in out]
        for i in range(0, len(fetch), IDS_PER_QUERY):
            part = fetch[i:i + IDS_PER_QUERY]
            expr = f"{self.live} and id in [{', '.join(map(str, part))}]"
            for r in self.store._query(self.store.passages_name, expr, ["id", *fields]):
                out[int(r["id"])] = r
        missing = set(wanted) - set(out)
        if missing:
            raise IndexError_(f"Passage {min(missing)} left the index in Milvus at "
                              f"{self.store.uri} while this question read it (another update "
                              "committed). Ask again.")
        return out

    def passages(self, ids: Iterable[int]) -> dict[int, StoredPassage]:
        """Passage rows with their citation fields, by id."""
        rows = self._by_ids(ids, ["article_id", "paragraph", "start", "end", "text",
                                  "headline", "date", "source", "path", "link", "section"])
        return {pid: StoredPassage(pid, r["article_id"], int(r["paragraph"]), int(r["start"]),
                                   int(r["end"]), r["text"], r["headline"], r["date"] or None,
                                   r["source"] or None, r["path"], r["link"] or None,
                                   r["section"] or None)
                for pid, r in rows.items()}

    def article(self, article_id: str) -> Article | None:
        """One stored article, whole."""
        rows = self.store._query(self.store.articles_name,
                                 f"{self.live} and article_id == {literal(article_id)}",
                                 [f for f in _ARTICLE_FIELDS if f != "vector"])
        if not rows:
            return None
        rows.sort(key=lambda r: int(r["part"]))
        if [int(r["part"]) for r in rows] != list(range(len(rows))):
            raise self.damaged(f"article {article_id!r} has lost part of its text")
        first = rows[0]
        link, sections = decode_extra(first["extra"])
        return Article(article_id, first["path"], first["headline"], first["date"] or None,
                       first["source"] or None, "".join(r["body"] for r in rows),
                       first["hash"], link=link, sections=sections)

    def sentence_vectors(self, ids: Iterable[int]) -> dict[int, SentenceVectors]:
        """The stored sentence spans and vectors of these passages (those that have them)."""
        dimension = int(self.manifest.get("dimension") or 0)
        out = {}
        for pid, r in self._by_ids(ids, ["sentences"]).items():
            if not r["sentences"]:
                continue
            data = json.loads(r["sentences"])
            vectors = np.frombuffer(base64.b64decode(data["f16"]), dtype=np.float16)
            out[pid] = SentenceVectors(tuple(tuple(s) for s in data["spans"]),
                                       vectors.astype(np.float32).reshape(-1, dimension))
        return out

    def filter_expr(self, f: Filters) -> str:
        """The filters as a Milvus expression over the passage rows (with this generation)."""
        parts = [self.live]
        if f.since is not None:
            parts.append(f'date != "" and date >= {literal(f.since.isoformat())}')
        if f.until is not None:
            parts.append(f'date != "" and date <= {literal(f.until.isoformat())}')
        if f.published_by is not None:
            parts.append(f'(date == "" or date <= {literal(f.published_by.isoformat())})')
        if f.source is not None:
            needle = f.source.casefold()
            if _like_safe(needle):
                parts.append(f"source_fold like {literal('%' + needle + '%')}")
            else:  # LIKE has no portable escape: list the sources that contain it
                sources = self.store.distinct(self.floor, self.generation)[0]
                chosen = [s for s in sources if needle in s.casefold()]
                parts.append(_one_of("source", chosen))
        if f.path is not None:
            like = _glob_like(f.path)
            if like is not None:
                parts.append(f"path like {literal(like)}")
            else:  # a character class, or % or _ in the glob: list the paths it matches
                pattern = re.compile(fnmatch.translate(f.path.replace("[^", "[!")), re.DOTALL)
                paths = self.store.distinct(self.floor, self.generation)[1]
                chosen = [p for p in paths if pattern.match(p)]
                parts.append(_one_of("path", chosen))
        return " and ".join(f"({p})" for p in parts)

    def allowed_ids(self, filters: Filters) -> np.ndarray:
        """Ids of the passages whose article passes the filters, selected by Milvus; the
        expression travels with them so that searches filter inside Milvus too."""
        expr = self.filter_expr(filters)
        ids = sorted(int(r["id"]) for r in self.store._scan(
            self.store.passages_name, expr, ["id"]))
        out = np.asarray(ids, dtype=np.int64).view(FilteredIds)
        out.expr = expr
        return out

    def lexical(self, match: str, k: int, filters: Filters | None = None
                ) -> list[tuple[int, float]]:
        """BM25 full-text search in Milvus: (passage id, score) best first."""
        text = query_terms(match_words(match))
        if not text or k <= 0:
            return []
        expr = self.filter_expr(filters) if filters is not None and filters.active() \
            else self.live
        hits = self.store._call(self.store._client.search, self.store.passages_name,
                                data=[text], anns_field="sparse", limit=min(k, TOP_K_MAX),
                                filter=expr, output_fields=SEARCH_FIELDS,
                                search_params={"metric_type": "BM25"})
        self.remember(hits[0])
        # Milvus Lite reports -BM25 as a distance, a server the score: either way, |d|.
        return [(int(h["id"]), abs(float(h["distance"]))) for h in hits[0]]

    def article_of(self, ids: Iterable[int]) -> dict[int, tuple[str, str | None]]:
        """Passage id -> (article id, article date)."""
        return {pid: (r["article_id"], r["date"] or None)
                for pid, r in self._by_ids(ids, ["article_id", "date"]).items()}

    def in_time(self, ids: Iterable[int], since: Date | None, until: Date | None) -> set[int]:
        """The passages published in, or mentioning, the time from `since` to `until`."""
        lo = since.isoformat() if since else ""
        hi = until.isoformat() if until else "9999"
        return {pid for pid, r in self._by_ids(ids, ["date", "times"]).items()
                if (r["date"] and lo <= r["date"] <= hi)
                or dates.stored_overlaps(r["times"], since, until)}

    def newest_date(self) -> str | None:
        """The latest article date in this generation (recorded when it was committed)."""
        newest = self.manifest.get("newest")
        return str(newest) if newest else None

    def term_counts(self, words: Iterable[str]) -> dict[str, int]:
        """How many passages each word occurs in, as stemmed for BM25."""
        out = {}
        for w in words:
            text = query_terms([w])
            out[w] = self.store._count(
                self.store.passages_name,
                f"{self.live} and text_match(terms, {literal(text)})") if text else 0
        return out

    def counts(self) -> tuple[int, int]:
        return int(self.manifest.get("articles") or 0), int(self.manifest.get("vectors") or 0)


class MilvusVectors:
    """The dense vectors of one generation, searched by inner product inside Milvus."""

    def __init__(self, view: MilvusView) -> None:
        self.view = view

    @property
    def ntotal(self) -> int:
        return int(self.view.manifest.get("vectors") or 0)

    @property
    def dimension(self) -> int:
        return int(self.view.manifest.get("dimension") or 0)

    def search(self, vector: np.ndarray, k: int, allowed: np.ndarray | None = None
               ) -> list[tuple[int, float]]:
        """(id, cosine) of the `k` nearest passages, best first; only `allowed` ids if given
        (by the filter expression they came with)."""
        view = self.view
        if allowed is None:
            expr = view.live
        elif isinstance(allowed, FilteredIds) and allowed.expr:
            expr = allowed.expr
        else:
            expr = f"{view.live} and id in [{', '.join(str(int(i)) for i in allowed)}]"
        if k <= 0:
            return []
        hits = view.store._call(view.store._client.search, view.store.passages_name,
                                data=[np.asarray(vector, dtype=np.float32).tolist()],
                                anns_field="vector", limit=min(k, TOP_K_MAX), filter=expr,
                                output_fields=SEARCH_FIELDS, search_params={"metric_type": "IP"})
        view.remember(hits[0])
        return [(int(h["id"]), float(h["distance"])) for h in hits[0]]

    def reconstruct(self, ids: Sequence[int]) -> np.ndarray:
        """The stored vectors of these ids, one row each."""
        ids = [int(i) for i in ids]
        if not ids:
            return np.zeros((0, self.dimension), dtype=np.float32)
        rows = self.view._by_ids(ids, ["vector"])
        return np.asarray([rows[i]["vector"] for i in ids], dtype=np.float32)


def discard(uri: str, corpus: Path) -> None:
    """Drop the corpus's collections (for `qa index --milvus URI --rebuild` of a damaged one)."""
    client = connect(uri)
    try:
        key = collection_key(corpus)
        for suffix in ("passages", "articles", "meta"):
            if client.has_collection(f"{key}_{suffix}"):
                client.drop_collection(f"{key}_{suffix}")
    except Exception as exc:
        raise IndexError_(f"Milvus at {uri} failed: {_reason(exc)}. Check that it is running, "
                          "then run the command again.") from None
    finally:
        with contextlib.suppress(Exception):
            client.close()
        release(uri)


def require() -> None:
    """Raise the one-line fix when pymilvus (the scale extra) is not installed."""
    try:
        import pymilvus  # noqa: F401
    except ImportError:
        raise IndexError_(EXTRA) from None


def check_compatible(view: MilvusView, encoder: Any, uri: str) -> None:
    """Refuse a collection built with another model, dimension or format, naming the fix."""
    from ..indexer import _incompatible

    if not view.manifest:
        raise IndexError_(f"The index in Milvus at {uri} was never completed. Build it with "
                          f"`qa index --milvus {uri}`.")
    reason = _incompatible(view, encoder)
    if reason is not None:
        raise IndexError_(f"The index in Milvus at {uri} cannot be searched here: {reason}. "
                          f"Rebuild it with `qa index --milvus {uri} --rebuild` (or pass the "
                          "model it was built with, --model DIR).")
