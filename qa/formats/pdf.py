"""PDF files: one article per file, each page a section ("page N") for citations.

Headline, source and date come from the document information (/Title, /Author,
/CreationDate) when it has them. A PDF has lines, not paragraphs: a line much shorter than the
page's longest ends a paragraph, and a word broken with a hyphen at a line's end is joined.
"""

from __future__ import annotations

import contextlib
import io
import logging
import re
from collections.abc import Iterator
from typing import Any

from ..cleaning import iso_date
from . import MAX_SECTIONS, MAX_TEXT_CHARS, Doc, Skip, detail, meta_text

_PAGE_NUMBER = re.compile(r"(?:page\s*)?\d{1,3}(?:\s*(?:of|/)\s*\d{1,3})?", re.IGNORECASE)
_BROKEN_WORD = re.compile(r"(?<=[a-z])-\n(?=[a-z])")
_PDF_DATE = re.compile(r"(?:D:)?(\d{4})(\d{2})(\d{2})")


def read(raw: bytes) -> tuple[list[Doc], list[str]]:
    """The PDF's text as one document whose sections are its pages."""
    with _quiet():
        reader = _open(raw)
        fields = _metadata(reader)
        sections, problems = _pages(reader)
    if not sections:
        raise Skip("no text in the PDF (scanned images?): run OCR on it first (e.g. ocrmypdf) "
                   "and index the result")
    text = "\n\n".join(body for _, body in sections)
    return [Doc(text, sections=tuple(sections), **fields)], problems


@contextlib.contextmanager
def _quiet() -> Iterator[None]:
    """Silence pypdf's log lines about damage it worked around: the user hears of a file once,
    from qa's notice."""
    log = logging.getLogger("pypdf")
    level = log.level
    log.setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        log.setLevel(level)


def _open(raw: bytes) -> Any:
    """A pypdf reader that can read the pages, or `Skip` saying why there is none."""
    from pypdf import PdfReader
    from pypdf.errors import DependencyError, FileNotDecryptedError, PyPdfError

    try:
        reader = PdfReader(io.BytesIO(raw))
        if reader.is_encrypted and not reader.decrypt(""):
            raise FileNotDecryptedError("needs a password")
        len(reader.pages)  # a broken page tree shows here, before any page is read
    except FileNotDecryptedError as exc:
        raise Skip("the PDF is encrypted (it needs a password to open): save an unlocked "
                   "copy and index that") from exc
    except DependencyError as exc:
        raise Skip(f"the PDF is encrypted and cannot be decrypted here ({detail(exc)}): "
                   "save an unlocked copy and index that") from exc
    except (PyPdfError, ValueError, KeyError, TypeError) as exc:
        raise Skip(f"damaged PDF ({detail(exc)}): open it in a PDF viewer, save a copy and "
                   "index that") from exc
    return reader


def _metadata(reader: Any) -> dict[str, str | None]:
    """Headline, source and date from the document information; none when it is damaged."""
    try:
        info = reader.metadata
    except Exception:  # damaged metadata costs the fields, not the text
        info = None
    if info is None:
        return {}
    created = _PDF_DATE.match(str(info.get("/CreationDate") or ""))
    return {"headline": meta_text(info.title), "source": meta_text(info.author),
            "date": iso_date("-".join(created.groups())) if created else None}


def _pages(reader: Any) -> tuple[list[tuple[str, str]], list[str]]:
    """("page N", text) for each page with text, within the caps; problems for the rest."""
    sections: list[tuple[str, str]] = []
    problems: list[str] = []
    damaged: list[int] = []
    total = 0
    count = len(reader.pages)
    for n, page in enumerate(reader.pages, start=1):
        if n > MAX_SECTIONS:
            problems.append(f"read the first {MAX_SECTIONS:,} of {count:,} pages (the cap on "
                            "pages per file): split the PDF to index the rest")
            break
        try:
            text = _page_text(page.extract_text())
        except Exception:  # one damaged page must not cost the others
            damaged.append(n)
            continue
        total += len(text)
        if total > MAX_TEXT_CHARS:
            problems.append(f"read the first {n - 1:,} of {count:,} pages: the text is over "
                            f"{MAX_TEXT_CHARS:,} characters; split the PDF to index the rest")
            break
        if text:
            sections.append((f"page {n}", text))
    if damaged:
        problems.append(f"damaged page{'s' if len(damaged) > 1 else ''} "
                        f"{', '.join(map(str, damaged))} skipped")
    return sections, problems


def _page_text(text: str) -> str:
    """A page's lines as paragraphs: a line much shorter than the longest ends one (a
    paragraph's last line, a heading); bare page numbers are dropped."""
    lines = [ln.strip() for ln in text.split("\n")]
    lines = [ln for ln in lines if ln and not _PAGE_NUMBER.fullmatch(ln)]
    if not lines:
        return ""
    width = max(map(len, lines))
    parts = []
    for line in lines:
        parts += [line, "\n\n" if len(line) < width * 2 / 3 else "\n"]
    return _BROKEN_WORD.sub("", "".join(parts).strip())
