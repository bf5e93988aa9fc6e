"""The `qa` command: arguments in, the API called, text or JSON out. No logic of its own.

`qa -q QUESTION` answers once, bare `qa` opens the chat; `qa index`, `qa eval` and `qa chat`
are subcommands, their options after their name.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, NoReturn

from . import __version__
from .articles import SUFFIXES
from .cli_feed import feed_parsers
from .cli_types import interval, iso_date, port, positive
from .errors import INSTALL_SCALE, QAError
from .text import one_line, to_json
from .vocab import DEFAULT_K, DEFAULT_MAX_BYTES, EVAL_MAX_BYTES, MODES, empty_question

if TYPE_CHECKING:
    from .bot import Bot
    from .indexer import IndexSummary
    from .watch import Watcher


class Parser(argparse.ArgumentParser):
    """argparse, with its errors in one line naming where the options are."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: error: {one_line(message)}. See `{self.prog} --help`.\n")


def _corpus_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--corpus", default="corpus", metavar="DIR",
                   help=f"folder of articles: {' '.join(SUFFIXES)} (default: ./corpus)")


def _common(p: argparse.ArgumentParser) -> None:
    """The options every command that reads the corpus takes."""
    _corpus_option(p)
    p.add_argument("--index", default=None, metavar="DIR",
                   help="index folder (default: ./embeddings for ./corpus; for another "
                        "corpus, or when that is not writable, a user cache folder keyed by "
                        "the corpus)")
    p.add_argument("--model", default=None, metavar="DIR",
                   help="a local sentence-transformers model folder (default: the bundled "
                        "all-MiniLM-L6-v2)")
    p.add_argument("--max-bytes", type=positive, default=DEFAULT_MAX_BYTES, metavar="N",
                   help="skip corpus files larger than this (default: 10 MB)")


def _milvus_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--milvus", default=None, metavar="URI",
                   help="serve the index from Milvus: a local file (./qa.db, Milvus Lite) or "
                        f"a server (http://host:19530); needs {INSTALL_SCALE}")


def _ask_options(p: argparse.ArgumentParser) -> None:
    """The options of a question (`qa -q`); the chat takes them too."""
    p.add_argument("-q", "--question", metavar="TEXT",
                   help='ask once and exit; "-" reads the question from stdin')
    p.add_argument("--k", "-k", type=positive, default=DEFAULT_K, metavar="N",
                   help=f"passages to show (default: {DEFAULT_K})")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.add_argument("--mode", choices=MODES, default="hybrid",
                   help="retrieval: dense vectors, lexical BM25, or both fused (default)")
    p.add_argument("--no-refresh", action="store_true",
                   help="answer from the index as it is, even when the corpus changed")
    p.add_argument("--since", type=iso_date, metavar="YYYY-MM-DD",
                   help="only articles dated then or later (undated ones left out)")
    p.add_argument("--until", type=iso_date, metavar="YYYY-MM-DD",
                   help="only articles dated then or earlier (undated ones left out)")
    p.add_argument("--source", metavar="TEXT", help="only articles whose source contains TEXT")
    p.add_argument("--path", metavar="GLOB", help='only files matching GLOB, e.g. "business/*"')
    p.add_argument("--as-of", type=iso_date, metavar="YYYY-MM-DD",
                   help="answer as of this day: later articles left out, newer ones preferred")
    p.add_argument("--diversity", type=float, default=0.0, metavar="X",
                   help="0..1: trade relevance for variety among the passages (MMR)")
    p.add_argument("--version", action="version", version=f"qa {__version__}")
    _common(p)
    _milvus_option(p)


NO_REFRESH_AT_START = ("serve the index as it is; otherwise it is brought up to date once, at "
                       "start (--watch keeps it current)")


def _watch_options(p: argparse.ArgumentParser) -> None:
    """Keeping the index current while the command runs."""
    p.add_argument("--watch", action="store_true",
                   help="keep the index current: re-index when corpus files are added, "
                        "edited or removed")
    p.add_argument("--pull-every", type=interval, default=None, metavar="INTERVAL",
                   help="with --watch, also pull the corpus's feeds this often, e.g. 15m")


def _build() -> tuple[Parser, dict[str, argparse.ArgumentParser]]:
    p = Parser(
        prog="qa",
        description="Answer questions about a folder of articles, with cited passages. "
                    "Runs offline.",
        epilog="commands: qa index (build or update the index), qa eval DIR (retrieval "
               "quality on a BEIR folder), qa chat (the terminal chat, also bare `qa`), "
               "qa serve (HTTP API, MCP and a chat page), qa mcp (MCP over stdio), qa feed "
               "(subscribe to news feeds and pull them into the corpus). "
               "Run `qa COMMAND --help` for their options.",
    )
    _ask_options(p)
    sub = p.add_subparsers(dest="command", title="commands", metavar="COMMAND")

    index = sub.add_parser("index", prog="qa index", help="build or update the index",
                           description="Build or update the index of the corpus.")
    index.add_argument("--json", action="store_true", help="print the summary as one JSON object")
    index.add_argument("--rebuild", action="store_true",
                       help="delete the index first and embed every article again (for a "
                            "damaged index)")
    index.add_argument("--engine", choices=("local", "ray"), default="local",
                       help="where passages are embedded: this process (default) or a Ray "
                            "cluster (needs the scale extra)")
    index.add_argument("--ray-address", default=None, metavar="ADDR",
                       help="with --engine ray, the cluster's HOST:PORT (default: start a "
                            "local Ray runtime)")
    index.add_argument("--ray-workers", type=positive, default=None, metavar="N",
                       help="with --engine ray, embedding actors, one CPU each (default: the "
                            "cluster's CPUs)")
    _watch_options(index)
    _common(index)
    _milvus_option(index)
    index.set_defaults(run=_index)

    ev = sub.add_parser(
        "eval", prog="qa eval", help="retrieval quality on a BEIR folder",
        description="Measure retrieval on a BEIR folder (corpus.jsonl, queries.jsonl, "
                    "qrels/SPLIT.tsv): nDCG@10, MRR@10, Recall@1/10/100.")
    ev.add_argument("folder", metavar="DIR")
    ev.add_argument("--split", default="test", help="qrels split (default: test)")
    ev.add_argument("--k", "-k", type=positive, default=100, metavar="N",
                    help="articles ranked per query (default: 100)")
    ev.add_argument("--mode", choices=MODES, default="hybrid")
    ev.add_argument("--query-dates", action="store_true",
                    help="use each query's metadata.date as its as-of date")
    ev.add_argument("--json", action="store_true", help="print one JSON object")
    ev.add_argument("--index", default=None, metavar="DIR",
                    help="index folder (default: a cache folder keyed by the corpus)")
    ev.add_argument("--model", default=None, metavar="DIR",
                    help="a local sentence-transformers model folder")
    ev.add_argument("--max-bytes", type=positive, default=EVAL_MAX_BYTES, metavar="N",
                    help="refuse BEIR files larger than this (default: 256 MB)")
    _milvus_option(ev)
    ev.set_defaults(run=_eval)

    chat = sub.add_parser("chat", prog="qa chat", help="the terminal chat (also bare `qa`)",
                          description="The terminal chat over the corpus and its index.")
    _ask_options(chat)
    _watch_options(chat)
    chat.set_defaults(run=_chat)

    serve = sub.add_parser(
        "serve", prog="qa serve", help="the HTTP API, MCP endpoint and chat page",
        description="Serve the corpus over HTTP: POST /ask and /chat, GET /articles/ID, "
                    "/health, /openapi.json, the MCP endpoint /mcp and a chat page at /.")
    serve.add_argument("--host", default="127.0.0.1",
                       help="address to listen on (default: 127.0.0.1, this machine only; "
                            "any other needs --token)")
    serve.add_argument("--port", type=port, default=8000, help="port (default: 8000; 0: any "
                                                                "free port)")
    serve.add_argument("--token", default=None, metavar="T",
                       help="require Authorization: Bearer T on every API request (or set "
                            "QA_TOKEN)")
    serve.add_argument("--workers", type=positive, default=2, metavar="N",
                       help="questions answered at once (default: 2)")
    serve.add_argument("--no-refresh", action="store_true", help=NO_REFRESH_AT_START)
    _watch_options(serve)
    _common(serve)
    _milvus_option(serve)
    serve.set_defaults(run=_serve, json=False)

    mcp = sub.add_parser(
        "mcp", prog="qa mcp", help="the MCP server over stdio, for agents",
        description="Speak the Model Context Protocol over stdin/stdout: tools ask, search, "
                    "get_article and index_status.")
    mcp.add_argument("--no-refresh", action="store_true", help=NO_REFRESH_AT_START)
    _common(mcp)
    _milvus_option(mcp)
    mcp.set_defaults(run=_mcp, json=True)
    commands: dict[str, argparse.ArgumentParser] = {
        "index": index, "eval": ev, "chat": chat, "serve": serve, "mcp": mcp}
    commands.update(feed_parsers(sub, common=_common, corpus_option=_corpus_option))
    return p, commands


def build_parser() -> argparse.ArgumentParser:
    """The parser of `qa`: `qa -q QUESTION` answers once, bare `qa` opens the chat."""
    return _build()[0]


def parse(argv: Sequence[str]) -> argparse.Namespace:
    """Parse a command line; errors exit 2 with one line naming the command's --help."""
    parser, commands = _build()
    args, extra = parser.parse_known_args(argv)
    action = getattr(args, "action", None)
    own = commands.get(f"{args.command} {action}", commands.get(args.command, parser))
    if args.command and argv[0] != args.command:
        # Options before a command would be silently replaced by the command's defaults.
        parser.error(f"put the options after the command: qa {args.command} [options]")
    if extra:
        own.error(f"unrecognized arguments: {' '.join(extra)}")
    if getattr(args, "pull_every", None) and not args.watch:
        own.error("--pull-every needs --watch")
    if getattr(args, "watch", False) and getattr(args, "no_refresh", False):
        own.error("--watch keeps the index current; leave out --no-refresh")
    if getattr(args, "engine", "ray") != "ray" and (args.ray_address or args.ray_workers):
        own.error("--ray-address and --ray-workers need --engine ray")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `qa` command."""
    try:
        args = parse(list(sys.argv[1:] if argv is None else argv))
        run: Callable[[argparse.Namespace], int] = getattr(
            args, "run", _chat if args.question is None else _ask)
        return run(args)
    except QAError as exc:
        print(f"qa: error: {one_line(str(exc))}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("qa: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader (e.g. `| head`) went away: not an error of ours.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


def _index(args: argparse.Namespace) -> int:
    import contextlib

    from .progress import update_index

    with contextlib.ExitStack() as stack:
        engine = None
        if args.engine == "ray":  # ray is imported for --engine ray only
            from .ray_engine import RayEngine, ScaleExtraMissing

            try:
                engine = stack.enter_context(RayEngine(args.ray_address, args.ray_workers))
            except ScaleExtraMissing as exc:
                print(f"qa: {exc}", file=sys.stderr)
                return 2
        summary, bot = update_index(args.corpus, args.index, args.model, args.max_bytes,
                                    rebuild=args.rebuild, embedder=engine,
                                    milvus=args.milvus)
        _print_summary(summary, bot, args.json)
        if args.watch:
            _watch(bot, args, foreground=True)
    return 0


def _print_summary(summary: IndexSummary, bot: Bot, as_json: bool) -> None:
    """The summary line (or JSON) of an index update; its notices were printed already."""
    from .progress import summary_line

    if as_json:
        print(to_json(summary.to_dict()), flush=True)
    else:
        print(summary_line(summary, bot.index_label), flush=True)


def _watch(bot: Bot, args: argparse.Namespace, foreground: bool) -> Watcher | None:
    """Keep `bot`'s index current; in the foreground until Ctrl+C, else in a thread."""
    from .progress import print_notices
    from .watch import Events, Watcher, changed

    told: list[object] = [()]  # the notices last printed: not repeated at every update

    def updated(summary: IndexSummary) -> None:
        if changed(summary) or summary.notices != told[0]:
            told[0] = summary.notices
            print_notices(summary)
            _print_summary(summary, bot, args.json)

    def say(message: str) -> None:
        print(f"qa: {one_line(message)}", file=sys.stderr, flush=True)

    watcher = Watcher(bot, Events(updated, failed=say, pulled=say), pull_every=args.pull_every)
    print(f"qa: watching {bot.corpus} for changes"
          f"{f', pulling feeds every {args.pull_every:g} s' if args.pull_every else ''}"
          f"{'; Ctrl+C stops' if foreground else ''}", file=sys.stderr, flush=True)
    if foreground:
        watcher.run()
        return None
    return watcher.start()


def _eval(args: argparse.Namespace) -> int:
    from pathlib import Path

    from .eval import evaluate, open_eval_bot
    from .progress import progress_bar

    with progress_bar("Embedding") as progress:
        bot, queries, qrels = open_eval_bot(Path(args.folder), args.split, args.model,
                                            args.index, progress=progress,
                                            max_bytes=args.max_bytes, milvus=args.milvus)
    with progress_bar("Queries") as progress:
        result = evaluate(bot, queries, qrels, k=args.k, mode=args.mode, split=args.split,
                          query_dates=args.query_dates, progress=progress)
    if args.json:
        print(json.dumps(result.to_dict()))
        return 0
    d = result.to_dict()
    print(f"{args.folder} ({args.split}, {result.queries} queries, mode {result.mode}"
          f"{', query dates' if result.query_dates else ''})")
    for key in ("ndcg@10", "mrr@10", "recall@1", "recall@10", "recall@100"):
        print(f"  {key:<11}{d[key]:.4f}")
    return 0


def _open(args: argparse.Namespace) -> Bot:
    from . import open as open_bot
    from .progress import print_notices, progress_bar, summary_line

    with progress_bar("Indexing") as progress:
        bot = open_bot(args.corpus, index=args.index, model=args.model,
                       refresh=not args.no_refresh, progress=progress,
                       max_bytes=args.max_bytes, milvus=args.milvus)
    kept = bot.kept_warning()
    if kept is not None:
        print(f"qa: {kept}", file=sys.stderr)
    if bot.last_refresh is not None:
        print_notices(bot.last_refresh)
        if not args.json:
            print(f"qa: {summary_line(bot.last_refresh, bot.index_label)}", file=sys.stderr)
    return bot


def _ask(args: argparse.Namespace) -> int:
    question = sys.stdin.read() if args.question == "-" else args.question
    if not question.strip():
        raise empty_question()
    from .models import Filters

    bot = _open(args)
    filters = Filters(args.since, args.until, args.source, args.path)
    answer = bot.ask(question, k=args.k, mode=args.mode, filters=filters, as_of=args.as_of,
                     diversity=args.diversity)
    if args.no_refresh:  # after asking: an index that cannot answer says so instead
        _say_if_stale(bot)
    if args.json:
        print(to_json(answer.to_dict()))
    else:
        from .render import format_answer, use_color

        sys.stdout.write(format_answer(answer, color=use_color(sys.stdout)))
    return 0


def _say_if_stale(bot: Bot) -> None:
    """With --no-refresh: one line on stderr when the index does not match the corpus."""
    reason = bot.stale()
    if reason:
        where = f"--milvus {bot.milvus}" if bot.milvus else f"--index {bot.index_dir}"
        print(f"qa: the index is stale ({reason}); answering from it as it is. Run "
              f"`qa index --corpus {bot.corpus} {where}` to update it.",
              file=sys.stderr, flush=True)


def _serve(args: argparse.Namespace) -> int:
    from .serve.server import TOKEN_ENV, allowed_hosts, bind, check_host, serve, url_of
    from .text import plural

    token = args.token if args.token is not None else os.environ.get(TOKEN_ENV)
    check_host(args.host, token)
    sock = bind(args.host, args.port)  # a busy port fails before the model loads
    bot = _open(args)
    from .serve import make_app

    app = make_app(bot, token=token, workers=args.workers, hosts=allowed_hosts(args.host))
    if args.no_refresh:
        _say_if_stale(bot)
    watcher = _watch(bot, args, foreground=False) if args.watch else None
    articles, passages = bot.store.counts()
    serve(app, sock, banner=f"qa: serving {url_of(sock)} ({plural(articles, 'article')}, "
                            f"{plural(passages, 'passage')}{', token required' if token else ''}"
                            "); Ctrl+C stops")
    if watcher is not None:
        watcher.stop(wait=5.0)
    return 0


def _mcp(args: argparse.Namespace) -> int:
    import contextlib

    from .serve.mcp import run_stdio

    # stdout is the protocol's alone: whatever opening the index prints goes to stderr.
    with contextlib.redirect_stdout(sys.stderr):
        bot = _open(args)
    if args.no_refresh:
        _say_if_stale(bot)
    run_stdio(bot)
    return 0


def _chat(args: argparse.Namespace) -> int:
    from .bot import make_bot
    from .tui import make_app

    bot = make_bot(args.corpus, args.index, args.model, max_bytes=args.max_bytes,
                   milvus=args.milvus)
    make_app(bot, k=args.k, watch=getattr(args, "watch", False),
             pull_every=getattr(args, "pull_every", None)).run()
    return 0


if __name__ == "__main__":
    sys.exit(main())
