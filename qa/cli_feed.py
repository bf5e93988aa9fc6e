"""`qa feed add|list|remove|pull`: arguments in, qa.feeds called, text or JSON out.

Kept out of qa/cli.py, which passes in its own option builders so every command spells its
options the same way.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable

from .text import one_line, plural, to_json
from .vocab import DEFAULT_FEED_TIMEOUT

Options = Callable[[argparse.ArgumentParser], None]


def feed_parsers(sub: argparse._SubParsersAction, *, common: Options,
                 corpus_option: Options) -> dict[str, argparse.ArgumentParser]:
    """`qa feed` and its actions, keyed "feed" and "feed ACTION" (for their --help)."""
    feed = sub.add_parser(
        "feed", prog="qa feed", help="subscribe to news feeds and pull them into the corpus",
        description="News feeds (RSS, Atom) as articles. The feeds are listed in "
                    "CORPUS/feeds.opml; `qa feed pull` stores each item as a file under "
                    "CORPUS/feeds/ and updates the index.")
    actions = feed.add_subparsers(dest="action", required=True, title="actions",
                                  metavar="ACTION")
    add = actions.add_parser("add", prog="qa feed add", help="subscribe to a feed",
                             description="Subscribe to a feed by its http(s) address, or to "
                                         "every feed an OPML file (a feed reader's export) "
                                         "lists. Nothing is fetched until `qa feed pull`.")
    add.add_argument("target", metavar="URL|FILE.opml")
    add.set_defaults(run=_add)
    listing = actions.add_parser("list", prog="qa feed list", help="the subscribed feeds",
                                 description="Each feed with its title, stored items and "
                                             "last pull.")
    listing.add_argument("--json", action="store_true", help="print one JSON object")
    listing.set_defaults(run=_list)
    remove = actions.add_parser("remove", prog="qa feed remove", help="unsubscribe",
                                description="Unsubscribe from a feed. Its stored items stay "
                                            "in the corpus: delete its folder to drop them.")
    remove.add_argument("url", metavar="URL")
    remove.set_defaults(run=_remove)
    pull = actions.add_parser(
        "pull", prog="qa feed pull", help="fetch the feeds, store new items, update the index",
        description="Fetch every feed (a conditional request: unchanged feeds cost little), "
                    "store new and changed items under CORPUS/feeds/, then update the index "
                    "as `qa index` does; --max-bytes also caps each feed's download. Exits 1 "
                    "when a feed failed; the others are stored.")
    pull.add_argument("--timeout", type=_seconds, default=DEFAULT_FEED_TIMEOUT, metavar="S",
                      help=f"seconds each feed has to answer in full (default: "
                           f"{DEFAULT_FEED_TIMEOUT:g})")
    pull.add_argument("--no-index", action="store_true",
                      help="store the items but leave the index as it is")
    pull.add_argument("--json", action="store_true", help="print one JSON object")
    common(pull)
    pull.set_defaults(run=_pull)
    for p in (add, listing, remove):
        corpus_option(p)
    return {"feed": feed, "feed add": add, "feed list": listing, "feed remove": remove,
            "feed pull": pull}


def _add(args: argparse.Namespace) -> int:
    from .feeds import add, subscriptions_file

    added = add(args.corpus, args.target)
    for problem in added.problems:
        print(f"qa: {one_line(problem)}", file=sys.stderr)
    for sub in added.added:
        print(f"Added {one_line(sub.url)}")
    for url in added.already:
        print(f"Already subscribed: {one_line(url)}")
    print(f"{plural(added.total, 'feed')} in {subscriptions_file(args.corpus)}. "
          "Fetch them with `qa feed pull`.")
    return 0


def _list(args: argparse.Namespace) -> int:
    from .feeds import list_feeds, subscriptions_file

    feeds = list_feeds(args.corpus)
    if args.json:
        print(to_json({"feeds": [f.to_dict() for f in feeds]}))
        return 0
    if not feeds:
        print(f"No feeds in {subscriptions_file(args.corpus)}. Add one with `qa feed add URL`.")
    for f in feeds:
        pulled = f"pulled {f.pulled_at}" if f.pulled_at else "never pulled"
        failed = f" — last pull failed: {f.error}" if f.error else ""
        print(one_line(f"{f.title or 'untitled'} — {f.url} — {plural(f.items, 'item')} — "
                       f"{pulled}{failed}"))
    return 0


def _remove(args: argparse.Namespace) -> int:
    from .feeds import remove

    removed = remove(args.corpus, args.url)
    kept = (f" Its {plural(removed.items, 'stored item')} stay in {removed.folder}: delete "
            "that folder to drop them from the index." if removed.items else "")
    print(f"Removed {one_line(removed.url)}.{kept}")
    return 0


def _pull(args: argparse.Namespace) -> int:
    from .feeds import pull
    from .progress import summary_line, update_index

    summary = pull(args.corpus, timeout=args.timeout, max_bytes=args.max_bytes)
    for note in summary.notes:
        print(f"qa: {one_line(note)}", file=sys.stderr)
    for f in summary.feeds:
        for problem in (*f.problems, *([f.error] if f.error else [])):
            print(f"qa: feed {one_line(f.url)}: {one_line(problem)}", file=sys.stderr)
        if not args.json and not f.error:
            did = "not modified" if f.not_modified else (
                f"{f.added} added, {f.updated} updated, {f.unchanged} unchanged")
            print(f"{one_line(f.title or f.url)}: {did}")
    indexed = None if args.no_index else update_index(args.corpus, args.index, args.model,
                                                      args.max_bytes)
    if args.json:
        print(to_json({**summary.to_dict(), "index": indexed[0].to_dict() if indexed else None}))
    elif indexed:
        print(summary_line(indexed[0], indexed[1].index_dir))
    return 1 if summary.failed else 0


def _seconds(value: str) -> float:
    try:
        n = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a number of seconds") from None
    if not 0 < n <= 3600:
        raise argparse.ArgumentTypeError(f"{value} is not between 0 and 3600 seconds")
    return n
