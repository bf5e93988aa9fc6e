"""`MilvusStore`: an open corpus index in Milvus, with the reads of `Store`."""

from __future__ import annotations

import contextlib
import hashlib
import json
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

import numpy as np

from ...articles import Article
from ...errors import IndexDamagedError, IndexError_
from ...fsutil import cache_root, write_shared
from ...models import Filters, SentenceVectors, StoredPassage
from ..reads import CACHED_TERMS
from ..schema import checksum, manifest_checksum
from .common import Label, _reason, collection_key, connect, literal, query_terms, release, visible
from .reads import MilvusVectors, MilvusView
from .writes import Writes


class MilvusStore(Writes):
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
        self._counts: dict[tuple[int, int], OrderedDict[str, int]] = {}
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

    def write_file(self, name: str, data: bytes, twin: Path | None = None) -> None:
        """Write the ONNX export to the local folder (the manifest names it later), as a link
        to `twin` when that file holds the same bytes."""
        self.dir.mkdir(parents=True, exist_ok=True)
        write_shared(self.dir / name, data, twin)

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

    # per-generation caches (a generation never changes) -------------------------------------

    def counted(self, words: Iterable[str], floor: int, gen: int) -> dict[str, int]:
        """How many passages of one generation hold each word, as stemmed for BM25: each
        word counted once per generation (Milvus Lite counts by scanning the collection)."""
        with self._lock:
            known = self._counts.setdefault((floor, gen), OrderedDict())
            if len(self._counts) > 1:
                self._counts = {(floor, gen): known}
            found = {w: known[w] for w in words if w in known}
        missing = [w for w in dict.fromkeys(words) if w not in found]
        for w in missing:
            text = query_terms([w])
            found[w] = self._count(self.passages_name,
                                   f"{visible(floor, gen)} and text_match(terms, {literal(text)})"
                                   ) if text else 0
        with self._lock:
            known.update((w, found[w]) for w in missing)
            while len(known) > CACHED_TERMS:  # as the local store bounds its own
                known.popitem(last=False)
        return {w: found[w] for w in words}

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


