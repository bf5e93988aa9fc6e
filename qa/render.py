"""The CLI's text output: answers, index summaries and progress, drawn with rich.

Article text and file names are untrusted: they become `rich.text.Text` from plain strings
(never markup) with control characters replaced, so a terminal never acts on them. Colour is
used only on a terminal, never with NO_COLOR or TERM=dumb; piped output has no escape codes.
"""

from __future__ import annotations

import io
import os
import re
import shutil
from itertools import pairwise
from typing import TYPE_CHECKING, TextIO

from rich.console import Console
from rich.text import Text

from .text import one_line, strip_controls
from .vocab import NOT_FOUND

if TYPE_CHECKING:
    from .answer import Answer, Hit

BOLD, DIM, HIGHLIGHT = "bold", "dim", "bold yellow"
INDENT = "    "
MAX_WIDTH = 100
_WORD = re.compile(r"\S+")


def use_color(stream: TextIO) -> bool:
    """Colour only on a terminal, and not when NO_COLOR is set or the terminal is dumb."""
    return stream.isatty() and "NO_COLOR" not in os.environ and os.environ.get("TERM") != "dumb"


def format_answer(answer: Answer, color: bool = False, width: int | None = None) -> str:
    """The text form of an answer: the sentence, then numbered cited passages."""
    width = width or min(shutil.get_terminal_size((MAX_WIDTH, 24)).columns, MAX_WIDTH)
    console = Console(file=io.StringIO(), width=width, color_system="standard" if color else None,
                      highlight=False, markup=False, emoji=False)
    with console.capture() as captured:
        console.print(answer_text(answer, console), soft_wrap=True)
    return captured.get()


def answer_text(answer: Answer, console: Console) -> Text:
    """An answer as styled text, passages wrapped to the console's width."""
    lines = [Text(f"Note: {one_line(note)}", style=DIM) for note in answer.notes]
    if answer.dates:
        lines.append(Text(f"Searched: {answer.dates}", style=DIM))
    if answer.text is not None:
        lines.append(Text.assemble(("Answer:", BOLD), f" {one_line(answer.text)} [{answer.rank}]"))
        lines += [Text(one_line(line), style=DIM) for line in answer.agreement()]
        heading = "Sources:"
    else:
        lines.append(Text.assemble((f"{NOT_FOUND}:", BOLD), f" {answer.not_found_detail}"))
        heading = "Closest passages (they may not answer it):"
    if answer.passages:
        lines += [Text(), Text(heading, style=BOLD)]
    for hit in answer.passages:
        lines += hit_lines(hit, console)
    return Text("\n").join(lines)


def hit_lines(hit: Hit, console: Console) -> list[Text]:
    """One cited passage: a blank line, the citation, the text indented with the answering
    sentence highlighted, and where else the same text appeared."""
    head = Text.assemble((f"[{hit.rank}]", BOLD), f" {one_line(str(hit.citation))} ",
                         (f"(score {hit.score:.2f})", DIM))
    out = [Text(), head]
    width = console.width - 2 * len(INDENT)
    start = 0
    for chunk in hit.text.split("\n\n"):
        paragraph = _paragraph(chunk, start, hit.highlight)
        start += len(chunk) + 2
        if paragraph.plain:
            for line in paragraph.wrap(console, width):
                line.rstrip()
                out.append(Text(INDENT) + line)
    if hit.also_in:
        places = "; ".join(one_line(c.path) for c in hit.also_in)
        out.append(Text.assemble(INDENT, (f"(also in: {places})", DIM)))
    return out


def _paragraph(chunk: str, offset: int, highlight: tuple[int, int] | None) -> Text:
    """A paragraph on one line (whitespace collapsed, controls replaced), the part inside
    `highlight` (offsets in the passage; the paragraph starts at `offset`) styled."""
    a, z = highlight if highlight else (-1, -1)
    pieces: list[str] = []
    marked: list[int] = []  # where the highlight starts and ends in the collapsed text
    at = 0
    for n, m in enumerate(_WORD.finditer(chunk)):
        s, e = offset + m.start(), offset + m.end()
        cuts = sorted({s, e, *(x for x in (a, z) if s < x < e)})
        for lo, hi in pairwise([s - 1, *cuts] if n else cuts):
            piece = " " if lo == s - 1 else strip_controls(chunk[lo - offset:hi - offset],
                                                             keep_newlines=False)
            if a <= lo < z:  # the gap before a word belongs to the highlight when inside it
                marked += [at, at + len(piece)] if not marked else [at + len(piece)]
            pieces.append(piece)
            at += len(piece)
    out = Text("".join(pieces))
    if marked:
        out.stylize(HIGHLIGHT, marked[0], marked[-1])
    return out
