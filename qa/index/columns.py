"""What filters read, held in memory per generation: every passage's article, date, source
and path, verified once against the manifest's checksum and then searched without SQL."""

from __future__ import annotations

import fnmatch
import re
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable, Sequence
from datetime import date as Date
from typing import Any

import numpy as np

from ..dates import stored_overlaps
from ..models import Filters
from .integrity import Damaged

_CACHED_FILTERS = 256
"""Allowed-id sets kept per generation (one per distinct filter, as-of date included)."""


class FilterColumns:
    """The filter columns of one generation, as numpy arrays; safe to share between threads."""

    def __init__(self, rows: Sequence[tuple[Any, ...]]) -> None:
        articles: dict[str, int] = {}
        self.article_ids: list[str] = []
        dates: list[str | None] = []
        self.sources: list[str] = []
        self.paths: list[str] = []
        owner = np.empty(len(rows), dtype=np.int64)
        self.times: list[str] = []
        """Per passage, the times it mentions as `dates.encode` stored them."""
        for n, (_, aid, date, source, path, times) in enumerate(rows):
            self.times.append(str(times or ""))
            at = articles.get(aid)
            if at is None:
                at = articles[aid] = len(self.article_ids)
                self.article_ids.append(aid)
                dates.append(date)
                self.sources.append(str(source or ""))
                self.paths.append(str(path))
            owner[n] = at
        self.ids = np.fromiter((r[0] for r in rows), dtype=np.int64, count=len(rows))
        """Passage ids, ascending (the rows come ordered by id)."""
        self.owner = owner
        """Index into the article lists, per passage."""
        self.dated = np.array([d is not None for d in dates], dtype=bool)
        self.dates = np.array([str(d) if d is not None else "" for d in dates], dtype=str)
        self.date_list = dates
        self.newest: str | None = max((d for d in dates if d is not None), default=None)
        self._lock = threading.Lock()
        self._allowed: OrderedDict[Filters, Allowed] = OrderedDict()

    def allowed(self, filters: Filters) -> Allowed:
        """The passages whose article passes the filters (computed once per filter)."""
        with self._lock:
            found = self._allowed.get(filters)
            if found is not None:
                self._allowed.move_to_end(filters)
                return found
        found = Allowed(self.ids[self._article_mask(filters)[self.owner]],
                        int(self.ids[-1]) + 1 if len(self.ids) else 0)
        with self._lock:
            self._allowed[filters] = found
            while len(self._allowed) > _CACHED_FILTERS:
                self._allowed.popitem(last=False)
        return found

    def _article_mask(self, f: Filters) -> np.ndarray:
        """Which articles pass, with SQL's semantics: an undated article fails since/until
        and passes an as-of date; the source matches case-insensitively (Unicode casefold);
        the path is a case-sensitive glob (`*` crosses `/`, as SQLite's GLOB)."""
        mask = np.ones(len(self.article_ids), dtype=bool)
        if f.since is not None:
            mask &= self.dated & (self.dates >= f.since.isoformat())
        if f.until is not None:
            mask &= self.dated & (self.dates <= f.until.isoformat())
        if f.published_by is not None:
            mask &= ~self.dated | (self.dates <= f.published_by.isoformat())
        if f.source is not None:
            needle = f.source.casefold()
            mask &= _per_distinct(self.sources, lambda s: needle in s.casefold())
        if f.path is not None:
            pattern = re.compile(fnmatch.translate(_glob(f.path)), re.DOTALL)
            mask &= _per_distinct(self.paths, lambda p: pattern.match(p) is not None)
        return mask

    def _positions(self, ids: Iterable[int], damaged: Damaged) -> list[tuple[int, int]]:
        """(passage id, its position in these columns) for each id; one without a row is
        damage."""
        wanted = np.fromiter(ids, dtype=np.int64)
        at = np.searchsorted(self.ids, wanted)
        found = (at < len(self.ids)) & (self.ids[np.minimum(at, len(self.ids) - 1)] == wanted
                                        if len(self.ids) else np.zeros(len(wanted), bool))
        if not found.all():
            raise damaged(f"passage {int(wanted[~found].min())} is listed but has no row")
        return list(zip(wanted.tolist(), at.tolist(), strict=True))

    def article_of(self, ids: Iterable[int], damaged: Damaged
                   ) -> dict[int, tuple[str, str | None]]:
        """Passage id -> (article id, article date); an id without a row is damage."""
        out = {}
        for pid, n in self._positions(ids, damaged):
            a = int(self.owner[n])
            out[pid] = (self.article_ids[a], self.date_list[a])
        return out


    def in_time(self, ids: Iterable[int], since: Date | None, until: Date | None,
                damaged: Damaged) -> set[int]:
        """The passages whose article was published in [since, until], or that mention a
        time in it (stored at index time)."""
        lo = since.isoformat() if since else ""
        hi = until.isoformat() if until else "9999"
        out = set()
        for pid, n in self._positions(ids, damaged):
            published = self.date_list[int(self.owner[n])]
            if (published and lo <= published <= hi) or \
                    stored_overlaps(self.times[n], since, until):
                out.add(pid)
        return out


class Allowed:
    """The ids one filter lets through: an array for FAISS and a byte mask for membership."""

    def __init__(self, ids: np.ndarray, size: int) -> None:
        """`size`: one more than the largest passage id of the generation."""
        self.ids = ids
        mask = np.zeros(size, dtype=np.uint8)  # the ids are the generation's, all below size
        mask[ids] = 1
        self._bytes = mask.tobytes()
        """1 at each allowed id, 0 elsewhere, for every id of the generation."""

    def member(self) -> Callable[[int], int]:
        """A fast membership test of a passage id of this generation (1 or 0), for SQLite to
        call once per row: a C method, where `in` costs a Python call per row."""
        return self._bytes.__getitem__

    def __len__(self) -> int:
        return len(self.ids)


def _per_distinct(values: list[str], test: Any) -> np.ndarray:
    """`test` applied once per distinct value, spread back over every position."""
    verdict = {v: bool(test(v)) for v in set(values)}
    return np.fromiter((verdict[v] for v in values), dtype=bool, count=len(values))


def _glob(pattern: str) -> str:
    """A SQLite GLOB pattern in fnmatch's spelling (`[^...]` is fnmatch's `[!...]`)."""
    return pattern.replace("[^", "[!")
