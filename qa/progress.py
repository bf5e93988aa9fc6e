"""What the CLI shows while it works: a one-line progress bar, the index's notices and its
summary line.

Kept apart from qa.render so that commands that draw no answer do not import rich.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from .text import plural

if TYPE_CHECKING:
    from .bot import Bot
    from .indexer import Embedder, IndexSummary


def summary_line(s: IndexSummary, index: object) -> str:
    """What `qa index` did, in one line."""
    rebuilt = f" (rebuilt: {s.rebuilt})" if s.rebuilt else ""
    return (f"Indexed {plural(s.articles, 'article')}, {plural(s.passages, 'passage')} in "
            f"{index}{rebuilt}: "
            f"{s.added} added, {s.updated} updated, {s.removed} removed, "
            f"{s.unchanged} unchanged in {s.seconds:.1f} s.")


@contextmanager
def progress_bar(label: str) -> Iterator[Callable[[int, int], None] | None]:
    """A one-line progress bar on stderr when it is a terminal; None (silent) otherwise.

    Drawn with a carriage return only: no cursor-control sequences reach the terminal.
    """
    if not sys.stderr.isatty():
        yield None
        return
    shown = [False]

    def show(done: int, total: int) -> None:
        cols = 30
        filled = int(cols * done / total) if total else cols
        sys.stderr.write(f"\r{label} [{'#' * filled}{'.' * (cols - filled)}] {done}/{total}")
        shown[0] = done < total
        if done >= total:
            sys.stderr.write("\n")
        sys.stderr.flush()

    try:
        yield show
    finally:
        if shown[0]:  # stopped part-way (an error): end the line so the message starts clean
            sys.stderr.write("\n")
            sys.stderr.flush()


def print_notices(summary: IndexSummary) -> None:
    """The files an index update skipped or read with a caveat, one line each on stderr."""
    for notice in summary.notices:
        print(f"qa: {notice}", file=sys.stderr)


def update_index(corpus: str, index: str | None, model: str | None, max_bytes: int,
                 rebuild: bool = False, embedder: Embedder | None = None,
                 milvus: str | None = None
                 ) -> tuple[IndexSummary, Bot]:
    """What `qa index` does (and `qa feed pull` after it): the index brought up to date with a
    progress bar, its notices printed; the summary and the bot over it. `embedder` (e.g. a
    Ray cluster) embeds the passages instead of this process."""
    from .bot import make_bot

    bot = make_bot(corpus, index, model, max_bytes=max_bytes, milvus=milvus)
    bot.embedder = embedder
    with progress_bar("Embedding") as progress:
        summary = bot.refresh(progress=progress, rebuild=rebuild)
    print_notices(summary)
    return summary, bot
