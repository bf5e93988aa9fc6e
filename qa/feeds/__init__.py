"""News feeds as articles: subscribe (`add`, `remove`, `list_feeds`) and `pull`.

The subscriptions are `<corpus>/feeds.opml`; each pulled item is a Markdown file under
`<corpus>/feeds/<feed>/`, indexed like any other article. Nothing here prints or touches the
index: `qa feed pull` and watch mode call `pull`, then update the index themselves.
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from ..articles import read_capped
from ..errors import FeedError
from ..formats.feeds import parse
from ..fsutil import write_atomic
from ..vocab import DEFAULT_FEED_TIMEOUT, DEFAULT_MAX_BYTES
from . import items, state
from .download import REMOVE_HINT, Fetched, check_url, fetch
from .opml import Subscription, dumps, outlines

__all__ = ["Added", "FeedPull", "FeedStatus", "PullSummary", "Removed",
           "Subscription", "add", "list_feeds", "pull", "remove", "subscriptions_file"]

SUBSCRIPTIONS = "feeds.opml"
"""The corpus's list of feeds (not an article: qa reads no .opml file as one)."""
PULL_WORKERS = 4
"""Feeds downloaded at once: a slow server does not hold up the others."""


@dataclass(frozen=True)
class Added:
    """What `add` did."""

    added: tuple[Subscription, ...]
    already: tuple[str, ...]
    """Addresses given that were subscribed already."""
    problems: tuple[str, ...]
    """One line per feed of an OPML file that was skipped."""
    total: int
    """Feeds subscribed to now."""


@dataclass(frozen=True)
class Removed:
    """What `remove` did: the feed's stored items stay in the corpus."""

    url: str
    folder: Path
    items: int


@dataclass(frozen=True)
class FeedStatus:
    """One subscribed feed, as `qa feed list` shows it."""

    url: str
    title: str | None
    folder: Path
    items: int
    """Items stored in its folder."""
    pulled_at: str | None
    """When a pull last reached it (ISO 8601, UTC), or None before the first."""
    error: str | None
    """Why the last pull of it failed, or None."""

    def to_dict(self) -> dict[str, Any]:
        """One element of `qa feed list --json`."""
        return {**asdict(self), "folder": str(self.folder)}


@dataclass(frozen=True)
class FeedPull:
    """What one pull did for one feed."""

    url: str
    title: str | None
    folder: Path
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    not_modified: bool = False
    """The server said the feed has not changed since the last pull (HTTP 304)."""
    error: str | None = None
    """Why this feed failed (one line naming the next step); the others still pulled."""
    problems: tuple[str, ...] = ()
    """Items it skipped, one line each."""

    def to_dict(self) -> dict[str, Any]:
        """One element of `feeds` in `qa feed pull --json`."""
        return {**asdict(self), "folder": str(self.folder), "problems": list(self.problems)}


@dataclass(frozen=True)
class PullSummary:
    """What one `pull` did."""

    feeds: tuple[FeedPull, ...]
    seconds: float
    notes: tuple[str, ...] = ()

    @property
    def added(self) -> int:
        return sum(f.added for f in self.feeds)

    @property
    def updated(self) -> int:
        return sum(f.updated for f in self.feeds)

    @property
    def failed(self) -> int:
        return sum(1 for f in self.feeds if f.error)

    def to_dict(self) -> dict[str, Any]:
        """The `qa feed pull --json` object (before the index's summary is added)."""
        return {"feeds": [f.to_dict() for f in self.feeds], "added": self.added,
                "updated": self.updated, "failed": self.failed,
                "seconds": round(self.seconds, 3), "notes": list(self.notes)}


def subscriptions_file(corpus: str | os.PathLike[str]) -> Path:
    """Where a corpus lists its feeds."""
    return Path(corpus) / SUBSCRIPTIONS


@contextlib.contextmanager
def _writing(root: Path) -> Iterator[None]:
    """A full disk, a read-only folder or a file where a folder should be: one FeedError
    naming the folder, never a traceback (and never the end of a watch loop)."""
    try:
        yield
    except OSError as exc:
        raise FeedError(f"Cannot write the feeds of {root} ({exc.strerror or exc}). Check "
                        "that the folder is writable and the disk has room.") from None


def add(corpus: str | os.PathLike[str], target: str) -> Added:
    """Subscribe to a feed's http(s) address, or to every feed an OPML file lists.

    The corpus folder is made when missing; nothing is fetched until `pull`."""
    root = _folder(corpus)
    current = _subscriptions(root)
    if "://" not in target and Path(target).is_file():
        offered = _opml_file(Path(target))
    else:
        offered = [Subscription(check_url(target))]
    known = {s.url for s in current}
    new: list[Subscription] = []
    already: list[str] = []
    problems: list[str] = []
    for sub in offered:
        try:
            url = check_url(sub.url)
        except FeedError as exc:
            problems.append(f"{target}: skipped: {exc}")
            continue
        if url in known:
            already.append(url)
            continue
        known.add(url)
        new.append(Subscription(url, sub.title))
    if new:
        with _writing(root):
            root.mkdir(parents=True, exist_ok=True)
            write_atomic(subscriptions_file(root), dumps([*current, *new]))
    return Added(tuple(new), tuple(already), tuple(problems), len(known))


def remove(corpus: str | os.PathLike[str], url: str) -> Removed:
    """Unsubscribe; the items already stored stay (delete their folder to drop them)."""
    root = _folder(corpus)
    current = _subscriptions(root)
    url = url.strip()
    kept = [s for s in current if s.url != url]
    if len(kept) == len(current):
        raise FeedError(f"No feed {url!r} in {subscriptions_file(root)}. `qa feed list` shows "
                        "the feeds.")
    with _writing(root):
        write_atomic(subscriptions_file(root), dumps(kept))
    folder = items.feed_folder(root, url)
    return Removed(url, folder, items.count(folder))


def list_feeds(corpus: str | os.PathLike[str]) -> list[FeedStatus]:
    """The subscribed feeds, in the order they were added, with what the last pull saw."""
    root = _folder(corpus)
    remembered, _ = state.load(root)
    out = []
    for sub in _subscriptions(root):
        seen = remembered.get(sub.url, {})
        folder = items.feed_folder(root, sub.url)
        out.append(FeedStatus(sub.url, seen.get("title") or sub.title, folder,
                              items.count(folder), seen.get("pulled_at"), seen.get("error")))
    return out


def pull(corpus: str | os.PathLike[str], *, timeout: float = DEFAULT_FEED_TIMEOUT,
         max_bytes: int = DEFAULT_MAX_BYTES) -> PullSummary:
    """Fetch every subscribed feed and store its new and changed items in the corpus.

    A feed that fails (network, HTTP, not a feed) is reported in its `FeedPull` and the others
    still pull. Unchanged feeds cost a conditional request and write no article file.
    Raises FeedError when there is nothing to pull or another pull holds the corpus."""
    t0 = time.perf_counter()
    root = _folder(corpus)
    subs = _subscriptions(root)
    if not subs:
        raise FeedError(f"No feeds in {subscriptions_file(root)}. Add one with `qa feed add "
                        "URL`.")
    with _writing(root), state.pulling(root):
        remembered, note = state.load(root)

        def download(sub: Subscription) -> Fetched | FeedError:
            seen = remembered.get(sub.url, {})
            try:
                return fetch(sub.url, etag=seen.get("etag"),
                             last_modified=seen.get("last_modified"), timeout=timeout,
                             max_bytes=max_bytes)
            except FeedError as exc:
                return exc

        with ThreadPoolExecutor(min(PULL_WORKERS, len(subs))) as pool:
            answers = list(pool.map(download, subs))
        now = datetime.now(timezone.utc).isoformat(timespec="seconds")
        results, kept = [], {}
        for sub, answer in zip(subs, answers, strict=True):
            seen = dict(remembered.get(sub.url, {}))
            results.append(_take(root, sub, answer, seen, now))
            kept[sub.url] = seen
        state.save(root, kept)
    return PullSummary(tuple(results), time.perf_counter() - t0, (note,) if note else ())


def _take(root: Path, sub: Subscription, answer: Fetched | FeedError, seen: dict[str, Any],
          now: str) -> FeedPull:
    """Store what one feed's server answered, and note it in `seen` (the feed's state)."""
    folder = items.feed_folder(root, sub.url)
    title = seen.get("title") or sub.title
    if isinstance(answer, FeedError):
        return _failed(sub.url, title, folder, seen, str(answer))
    if answer.body is None:
        seen.update(title=title, pulled_at=now, error=None)
        return FeedPull(sub.url, title, folder, unchanged=items.count(folder),
                        not_modified=True)
    try:
        feed = parse(answer.body, base=sub.url)
    except FeedError as exc:
        return _failed(sub.url, title, folder, seen, f"{exc} — {REMOVE_HINT}")
    title = feed.title or title
    try:
        stored = items.store(folder, sub.url, feed.docs)
    except OSError as exc:
        return _failed(sub.url, title, folder, seen, f"cannot write {folder} "
                       f"({exc.strerror or exc}) — free some space or fix its permissions")
    # The validators only now: a feed that could not be stored is fetched in full next time.
    seen.update(title=title, pulled_at=now, error=None, etag=answer.etag,
                last_modified=answer.last_modified)
    return FeedPull(sub.url, title, folder, stored.added, stored.updated, stored.unchanged,
                    problems=feed.problems)


def _failed(url: str, title: str | None, folder: Path, seen: dict[str, Any],
            message: str) -> FeedPull:
    """A feed that failed this time: its state keeps the validators and notes why."""
    seen["error"] = message
    return FeedPull(url, title, folder, error=message)


def _folder(corpus: str | os.PathLike[str]) -> Path:
    """The corpus as a folder; FeedError when it is a file (feeds are stored beside it)."""
    root = Path(corpus)
    if root.exists() and not root.is_dir():
        raise FeedError(f"{root} is a file; feeds need a corpus folder. Pass --corpus DIR.")
    return root


def _subscriptions(root: Path) -> list[Subscription]:
    """The corpus's feeds, each once; none when it has no list yet."""
    path = subscriptions_file(root)
    if not path.exists():
        return []
    unique: dict[str, Subscription] = {}
    for sub in outlines(_read_list(path), str(path)):
        unique.setdefault(sub.url, sub)
    return list(unique.values())


def _opml_file(path: Path) -> list[Subscription]:
    """The feeds of an OPML file given to `add`; FeedError when it lists none."""
    found = outlines(_read_list(path), str(path))
    if not found:
        raise FeedError(f"{path} lists no feeds (outlines with an xmlUrl). Give an OPML file "
                        "exported by a feed reader, or a feed's address.")
    return found


def _read_list(path: Path) -> bytes:
    """An OPML file's bytes, refused past the corpus file cap."""
    try:
        with open(path, "rb") as f:
            raw = read_capped(f, DEFAULT_MAX_BYTES)
    except OSError as exc:
        raise FeedError(f"Cannot read {path} ({exc.strerror}). Check its permissions.") from None
    if raw is None:
        raise FeedError(f"{path} is larger than {DEFAULT_MAX_BYTES:,} bytes: not a list of "
                        "feeds.")
    return raw
