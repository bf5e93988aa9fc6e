"""Each pulled feed item as one Markdown file in the corpus, so the ordinary indexer, hashes
and citations apply, and an item the feed later drops is kept.

`<corpus>/feeds/<feed>/<title>-<id hash>.md`: YAML front matter (title, date, source, link,
feed, id) and the item's plain text. The file's name is fixed at first sight by the item's id,
so an edited item rewrites its own file; an unchanged one is not touched at all.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from ..cleaning import web_link
from ..formats import Doc
from ..fsutil import write_atomic
from ..text import one_line

FEEDS_DIR = "feeds"
"""The corpus folder that holds pulled items, one folder per feed."""
_TAG = re.compile(r"-([0-9a-f]{12})\.md$")


@dataclass(frozen=True)
class Stored:
    """What storing one pull's items did."""

    added: int = 0
    updated: int = 0
    unchanged: int = 0


def feed_folder(corpus: Path, url: str) -> Path:
    """The folder of one feed's items: named after its address, the same on every pull."""
    parts = urlsplit(url)
    readable = _slug(f"{parts.hostname or ''}{parts.path}".removeprefix("www."), 40)
    return corpus / FEEDS_DIR / f"{readable}-{_hash(url)[:8]}"


def count(folder: Path) -> int:
    """How many items of a feed are stored."""
    return sum(1 for p in folder.glob("*.md") if _TAG.search(p.name)) if folder.is_dir() else 0


def store(folder: Path, feed_url: str, docs: Iterable[Doc]) -> Stored:
    """Write new and changed items; leave unchanged ones untouched (same bytes, same mtime)."""
    folder.mkdir(parents=True, exist_ok=True)
    known = {m.group(1): p for p in folder.glob("*.md") if (m := _TAG.search(p.name))}
    added = updated = unchanged = 0
    for doc in docs:
        tag = _hash(doc.key or "")[:12]
        data = render(doc, feed_url)
        path = known.get(tag)
        if path is None:
            path = folder / f"{_slug(doc.headline or '', 60) or 'item'}-{tag}.md"
            added += 1
        elif path.read_bytes() == data:
            unchanged += 1
            continue
        else:
            updated += 1
        write_atomic(path, data)
        known[tag] = path
    return Stored(added, updated, unchanged)


def render(doc: Doc, feed_url: str) -> bytes:
    """The item's file: front matter written by `yaml.safe_dump` (so any title reads back
    as itself), a blank line, the plain text."""
    import yaml

    fields = {"title": doc.headline, "date": doc.date, "source": doc.source,
              "link": web_link(doc.link), "feed": feed_url, "id": doc.key}
    meta = {k: one_line(v) for k, v in fields.items() if v and one_line(v)}
    head = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=1_000_000)
    return f"---\n{head}---\n\n{doc.text.strip()}\n".encode("utf-8", "replace")


def _slug(text: str, limit: int) -> str:
    """Lower-case ASCII letters and digits joined by hyphens, at most `limit` long."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:limit].rstrip("-")


def _hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "replace")).hexdigest()
