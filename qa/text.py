"""Helpers for untrusted text: article content and file names are shown, never interpreted."""

from __future__ import annotations

import json
import re
import unicodedata
from functools import lru_cache

# C0 and C1 control characters except tab and newline; DEL too.  ESC (0x1b) is among them,
# so no ANSI/OSC sequence from an article survives to a terminal.  Lone surrogates (bytes of
# a file name or argument that are not UTF-8) cannot be written out: they are replaced too.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")


# Whole terminal escape sequences: CSI (ESC [ or C1 0x9b, parameters, a final byte), OSC (ESC ]
# or C1 0x9d, up to BEL or ST) and the two-byte ESC sequences.  In a question they are noise
# from a copied terminal line; their text ("31m") would otherwise count as words.
_ESCAPE_SEQUENCE = re.compile(
    r"(?:\x1b\[|\x9b)[0-?]*[!-/]*[@-~]"
    r"|(?:\x1b\]|\x9d)[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?"
    r"|\x1b[@-Z\\^_]"
)


@lru_cache(maxsize=1024)
def fold_accents(text: str) -> str:
    """'José Müller' -> 'Jose Muller': letters without their combining marks, as a reader may
    type a name (the lexical index folds Latin accents too). Remembered: the evidence folds the
    same passage for each of its sentences."""
    if text.isascii():
        return text
    bare = "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))
    return unicodedata.normalize("NFC", bare)


def remove_escape_sequences(text: str) -> str:
    """Drop terminal escape sequences whole (not only their ESC byte)."""
    return _ESCAPE_SEQUENCE.sub("", text)


def strip_controls(text: str, keep_newlines: bool = True) -> str:
    """Replace control characters and lone surrogates with U+FFFD: terminals never act on them."""
    out = _CONTROL.sub("\ufffd", text)
    if not keep_newlines:
        out = out.replace("\n", " ").replace("\t", " ")
    return out


def one_line(text: str) -> str:
    """Collapse whitespace and strip controls: for citations, file names and messages."""
    return " ".join(strip_controls(text, keep_newlines=False).split())


def normalize(text: str) -> str:
    """NFC-normalise and unify line endings, keeping every other character as it is."""
    return unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))


_JSON_UNSAFE = re.compile(r"[\x7f-\x9f]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")


def to_json(obj: object, indent: int | None = None) -> str:
    """JSON with UTF-8 text kept readable and every control character escaped: json.dumps
    escapes C0 controls but leaves DEL and C1 (a CSI for some terminals) raw.

    Lone surrogates (bytes of an argument or file name that are not UTF-8) become U+FFFD.
    """
    text = _SURROGATE.sub("\ufffd", json.dumps(obj, ensure_ascii=False, indent=indent))
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def plural(n: int, word: str) -> str:
    """`1 article`, `3 articles`."""
    return f"{n} {word}{'' if n == 1 else 's'}"


def lines(text: str) -> list[str]:
    """The lines of a JSONL or TSV file: split on "\\n" only (a trailing "\\r" dropped).

    `str.splitlines()` also splits at U+2028, U+2029, \\x85, \\x0b and \\x0c, which JSON
    allows raw inside a string: one record would become two broken ones."""
    return [line.removesuffix("\r") for line in text.split("\n")]


PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
"""What separates two paragraphs: a blank line (spaces on it allowed), or several."""


def paragraph_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """`(start, end)` of each non-blank paragraph of `text[start:end]`, in order."""
    end = len(text) if end is None else end
    spans, pos = [], start
    for m in PARAGRAPH_BREAK.finditer(text, start, end):
        spans.append((pos, m.start()))
        pos = m.end()
    spans.append((pos, end))
    return [(a, b) for a, b in spans if text[a:b].strip()]
