"""The `qa` command: arguments in, the API called, text or JSON out. No logic of its own."""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import textwrap
from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING, NoReturn, TextIO

from . import __version__
from .errors import QAError
from .text import one_line, plural, to_json
from .vocab import MODES, NOT_FOUND, NOT_FOUND_DETAIL, empty_question

if TYPE_CHECKING:
    from .answer import Answer, Hit
    from .bot import Bot
    from .indexer import IndexSummary

SUBCOMMANDS = ("index", "chat")


def _common(p: argparse.ArgumentParser) -> None:
    p.add_argument("--corpus", default="corpus", metavar="DIR",
                   help="folder of articles: .txt .md .html .jsonl (default: ./corpus)")
    p.add_argument("--index", default=None, metavar="DIR",
                   help="index folder (default: ./embeddings, or a user cache folder when "
                        "that is not writable)")
    p.add_argument("--model", default=None, metavar="DIR",
                   help="a local sentence-transformers model folder (default: the bundled "
                        "all-MiniLM-L6-v2)")
    p.add_argument("--max-bytes", type=_positive, default=10 * 1024 * 1024, metavar="N",
                   help="skip corpus files larger than this (default: 10 MB)")


def _positive(value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number") from None
    if n < 1:
        raise argparse.ArgumentTypeError(f"{value} is less than 1")
    return n


def _date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date like 2023-07-21") from None


class Parser(argparse.ArgumentParser):
    """argparse, with its errors in one line naming where the options are."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: error: {one_line(message)}. See `{self.prog} --help`.\n")


def build_parser() -> argparse.ArgumentParser:
    """The top-level parser: `qa -q QUESTION` answers once, bare `qa` opens the chat."""
    p = Parser(
        prog="qa",
        description="Answer questions about a folder of articles, with cited passages. "
                    "Runs offline.",
        epilog="commands: qa index (build or update the index), qa eval DIR (retrieval "
               "quality on a BEIR folder), qa chat (the terminal chat, also bare `qa`). "
               "Run `qa index --help` or `qa eval --help` for their options.",
    )
    p.add_argument("-q", "--question", metavar="TEXT",
                   help='ask once and exit; "-" reads the question from stdin')
    p.add_argument("--k", "-k", type=_positive, default=5, metavar="N",
                   help="passages to show (default: 5)")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.add_argument("--mode", choices=MODES, default="hybrid",
                   help="retrieval: dense vectors, lexical BM25, or both fused (default)")
    p.add_argument("--no-refresh", action="store_true",
                   help="answer from the index as it is, even when the corpus changed")
    p.add_argument("--since", type=_date, metavar="YYYY-MM-DD", help="only articles from then")
    p.add_argument("--until", type=_date, metavar="YYYY-MM-DD", help="only articles until then")
    p.add_argument("--source", metavar="TEXT", help="only articles whose source contains TEXT")
    p.add_argument("--path", metavar="GLOB", help='only files matching GLOB, e.g. "business/*"')
    p.add_argument("--as-of", type=_date, metavar="YYYY-MM-DD",
                   help="answer as of this day: later articles left out, newer ones preferred")
    p.add_argument("--diversity", type=float, default=0.0, metavar="X",
                   help="0..1: trade relevance for variety among the passages (MMR)")
    p.add_argument("--version", action="version", version=f"qa {__version__}")
    _common(p)
    return p


def build_index_parser() -> argparse.ArgumentParser:
    """`qa index`: bring the index up to date with the corpus."""
    p = Parser(prog="qa index",
                                description="Build or update the index of the corpus.")
    p.add_argument("--json", action="store_true", help="print the summary as one JSON object")
    p.add_argument("--rebuild", action="store_true",
                   help="delete the index first and embed every article again (for a "
                        "damaged index)")
    _common(p)
    return p


def build_eval_parser() -> argparse.ArgumentParser:
    """`qa eval`: retrieval quality on a BEIR-layout folder."""
    p = Parser(
        prog="qa eval", description="Measure retrieval on a BEIR folder (corpus.jsonl, "
        "queries.jsonl, qrels/SPLIT.tsv): nDCG@10, MRR@10, Recall@1/10/100.")
    p.add_argument("folder", metavar="DIR")
    p.add_argument("--split", default="test", help="qrels split (default: test)")
    p.add_argument("--k", "-k", type=_positive, default=100, metavar="N",
                   help="articles ranked per query (default: 100)")
    p.add_argument("--mode", choices=MODES, default="hybrid")
    p.add_argument("--query-dates", action="store_true",
                   help="use each query's metadata.date as its as-of date")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.add_argument("--index", default=None, metavar="DIR",
                   help="index folder (default: a cache folder keyed by the corpus)")
    p.add_argument("--model", default=None, metavar="DIR",
                   help="a local sentence-transformers model folder")
    return p


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `qa` command."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    try:
        if args_list and args_list[0] == "index":
            return _index(build_index_parser().parse_args(args_list[1:]))
        if args_list and args_list[0] == "eval":
            return _eval(build_eval_parser().parse_args(args_list[1:]))
        if args_list and args_list[0] == "chat":
            args = build_parser().parse_args(args_list[1:])
            return _chat(args)
        args = build_parser().parse_args(args_list)
        if args.question is None:
            return _chat(args)
        return _ask(args)
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
    from .bot import make_bot

    bot = make_bot(args.corpus, args.index, args.model, max_bytes=args.max_bytes)
    summary = bot.refresh(progress=_progress_bar("Embedding"), rebuild=args.rebuild)
    _print_notices(summary)
    if args.json:
        print(to_json(summary.to_dict()))
    else:
        print(_summary_line(summary, bot.index_dir))
    return 0


def _eval(args: argparse.Namespace) -> int:
    from pathlib import Path

    from .eval import evaluate, open_eval_bot

    bot, queries, qrels = open_eval_bot(Path(args.folder), args.split, args.model, args.index,
                                        progress=_progress_bar("Embedding"))
    result = evaluate(bot, queries, qrels, k=args.k, mode=args.mode, split=args.split,
                      query_dates=args.query_dates, progress=_progress_bar("Queries"))
    if args.json:
        print(json.dumps(result.to_dict()))
        return 0
    d = result.to_dict()
    print(f"{args.folder} ({args.split}, {result.queries} queries, mode {result.mode}"
          f"{', query dates' if result.query_dates else ''})")
    for key in ("ndcg@10", "mrr@10", "recall@1", "recall@10", "recall@100"):
        print(f"  {key:<11}{d[key]:.4f}")
    return 0


def _summary_line(s: IndexSummary, index: object) -> str:
    rebuilt = f" (rebuilt: {s.rebuilt})" if s.rebuilt else ""
    return (f"Indexed {plural(s.articles, 'article')}, {plural(s.passages, 'passage')} in "
            f"{index}{rebuilt}: "
            f"{s.added} added, {s.updated} updated, {s.removed} removed, "
            f"{s.unchanged} unchanged in {s.seconds:.1f} s.")


def _print_notices(summary: IndexSummary) -> None:
    for notice in summary.notices:
        print(f"qa: {notice}", file=sys.stderr)


def _open(args: argparse.Namespace) -> Bot:
    from . import open as open_bot

    bot = open_bot(args.corpus, index=args.index, model=args.model,
                   refresh=not args.no_refresh, progress=_progress_bar("Indexing"),
                   max_bytes=args.max_bytes)
    if bot.refresh_error is not None:
        print(f"qa: could not update the index, answering from it as it is: "
              f"{one_line(str(bot.refresh_error))}", file=sys.stderr)
    if bot.last_refresh is not None:
        _print_notices(bot.last_refresh)
        if not args.json:
            print(f"qa: {_summary_line(bot.last_refresh, bot.index_dir)}", file=sys.stderr)
    return bot


def _warn_if_stale(bot: Bot) -> None:
    reason = bot.stale()
    if reason:
        print(f"qa: the index is stale ({reason}); answering from it as it is. "
              "Run `qa index` to update it.", file=sys.stderr)


def _ask(args: argparse.Namespace) -> int:
    question = sys.stdin.read() if args.question == "-" else args.question
    if not question.strip():
        raise empty_question()
    from .models import Filters

    bot = _open(args)
    filters = Filters(args.since, args.until, args.source, args.path)
    answer = bot.ask(question, k=args.k, mode=args.mode, filters=filters, as_of=args.as_of,
                     diversity=args.diversity)
    if args.no_refresh:
        _warn_if_stale(bot)  # after asking: an index that cannot answer says so instead
    if args.json:
        print(to_json(answer.to_dict()))
    else:
        sys.stdout.write(format_answer(answer, color=_color(sys.stdout)))
    return 0


def _chat(args: argparse.Namespace) -> int:
    from .bot import make_bot
    from .tui import make_app

    bot = make_bot(args.corpus, args.index, args.model, max_bytes=args.max_bytes)
    make_app(bot, k=args.k).run()
    return 0


# --- text output -----------------------------------------------------------------------------

# Characters json.dumps leaves raw that a terminal may act on: C1 controls and DEL.
BOLD, HIGHLIGHT, DIM, RESET = "\x1b[1m", "\x1b[1;33m", "\x1b[2m", "\x1b[0m"


def _color(stream: TextIO) -> bool:
    return stream.isatty() and "NO_COLOR" not in os.environ and os.environ.get("TERM") != "dumb"


def format_answer(answer: Answer, color: bool = False, width: int | None = None) -> str:
    """The text form of an answer: the sentence, then numbered cited passages."""
    width = width or min(shutil.get_terminal_size((100, 24)).columns, 100)
    b, h, d, r = (BOLD, HIGHLIGHT, DIM, RESET) if color else ("", "", "", "")
    lines = []
    for note in answer.notes:
        lines.append(f"{d}Note: {one_line(note)}{r}")
    if answer.dates:
        lines.append(f"{d}Searched: {answer.dates}{r}")
    if answer.text is not None:
        lines.append(f"{b}Answer:{r} {one_line(answer.text)} [{answer.rank}]")
        lines.append("")
        lines.append(f"{b}Sources:{r}")
    else:
        lines.append(f"{b}{NOT_FOUND}:{r} {NOT_FOUND_DETAIL}")
        lines.append("")
        lines.append(f"{b}Closest passages (they may not answer it):{r}")
    for hit in answer.passages:
        lines.append(_format_hit(hit, width, color))
    return "\n".join(lines) + "\n"


def _format_hit(hit: Hit, width: int, color: bool) -> str:
    b, h, d, r = (BOLD, HIGHLIGHT, DIM, RESET) if color else ("", "", "", "")
    head = f"{b}[{hit.rank}]{r} {one_line(str(hit.citation))} {d}(score {hit.score:.2f}){r}"
    text = hit.text
    if color and hit.highlight:
        # Private-use sentinels survive wrapping; they become colour codes afterwards.
        a, z = hit.highlight
        text = f"{text[:a]}{_ON}{text[a:z]}{_OFF}{text[z:]}"
    paragraphs = [one_line(p) for p in text.split("\n\n") if p.strip()]
    body = "\n".join(textwrap.fill(p, width=width - 4, initial_indent="    ",
                                   subsequent_indent="    ") for p in paragraphs)
    if color:
        # Re-open the colour on every wrapped line so it never bleeds into the indent.
        out, inside = [], False
        for line in body.split("\n"):
            if inside:
                line = "    " + h + line[4:]
            for ch in line:
                if ch == _ON:
                    inside = True
                elif ch == _OFF:
                    inside = False
            line = line.replace(_ON, h).replace(_OFF, r)
            out.append(line + (r if inside else ""))
        body = "\n".join(out)
    if hit.also_in:
        body += f"\n    {d}(also in: {'; '.join(one_line(c.path) for c in hit.also_in)}){r}"
    return f"\n{head}\n{body}"


_ON, _OFF = "\ue000", "\ue001"


def _progress_bar(label: str):  # type: ignore[no-untyped-def]
    """A one-line progress bar on stderr when it is a terminal; silent otherwise."""
    if not sys.stderr.isatty():
        return None

    def show(done: int, total: int) -> None:
        cols = 30
        filled = int(cols * done / total) if total else cols
        sys.stderr.write(f"\r{label} [{'#' * filled}{'.' * (cols - filled)}] {done}/{total}")
        if done >= total:
            sys.stderr.write("\n")
        sys.stderr.flush()

    return show


if __name__ == "__main__":
    sys.exit(main())
