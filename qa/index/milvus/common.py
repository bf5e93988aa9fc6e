"""Milvus plumbing: the connection, stemming as FTS5 does, filter expressions, checks."""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import re
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from ...errors import INSTALL_SCALE, IndexError_
from ..rescore import stems

if TYPE_CHECKING:
    from pymilvus import MilvusClient

EXTRA = f"--milvus needs the scale extra: {INSTALL_SCALE}"
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


