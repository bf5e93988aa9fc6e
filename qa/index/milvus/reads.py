"""One question's view of a Milvus index: every read filters on its generation."""

from __future__ import annotations

import base64
import fnmatch
import json
import re
import threading
from collections.abc import Iterable, Mapping, Sequence
from datetime import date as Date
from typing import Any

import numpy as np

from ... import dates
from ...articles import Article
from ...errors import IndexDamagedError, IndexError_
from ...models import Filters, SentenceVectors, StoredPassage
from ..schema import decode_extra
from .common import (
    _ARTICLE_FIELDS,
    IDS_PER_QUERY,
    SEARCH_FIELDS,
    TOP_K_MAX,
    FilteredIds,
    _glob_like,
    _like_safe,
    _one_of,
    literal,
    match_words,
    query_terms,
    visible,
)


class MilvusView:
    """One generation of the Milvus index: every read filters on it."""

    def __init__(self, store: Any, manifest: dict[str, Any]) -> None:
        """`store`: the MilvusStore (not imported here: it imports this module)."""
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

    def lexical(self, match: str, k: int, filters: Filters | None = None,
                counts: Mapping[str, int] | None = None) -> list[tuple[int, float]]:
        """BM25 full-text search in Milvus: (passage id, score) best first (`counts` is not
        needed: Milvus prunes its own search)."""
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

    def bm25(self, words: Sequence[str], counts: Mapping[str, int], ids: Iterable[int]
             ) -> dict[int, float]:
        """Passage id -> Milvus's BM25 of these passages for the words (0 when they hold
        none): one search limited to their ids."""
        text = query_terms(list(words))
        wanted = sorted(set(ids))
        out = dict.fromkeys(wanted, 0.0)
        if not text:
            return out
        for i in range(0, len(wanted), TOP_K_MAX):
            part = wanted[i:i + TOP_K_MAX]
            hits = self.store._call(self.store._client.search, self.store.passages_name,
                                    data=[text], anns_field="sparse", limit=len(part),
                                    filter=f"{self.live} and id in [{', '.join(map(str, part))}]",
                                    output_fields=SEARCH_FIELDS,
                                    search_params={"metric_type": "BM25"})
            self.remember(hits[0])
            out.update((int(h["id"]), abs(float(h["distance"]))) for h in hits[0])
        return out

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
        return self.store.counted(list(words), self.floor, self.generation)

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


