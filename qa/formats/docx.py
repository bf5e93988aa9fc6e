"""Word files (.docx): one article per file, its paragraphs and table rows in order.

The headline is the core properties' title, else a Title or Heading paragraph that opens the
document (then not repeated in the body). The source is the core properties' author. The date
is the core properties' `created`, when the file was first written, which for an article is
close to when it was published; `modified` is not used: it moves with every later save. Word
files have no pages until they are laid out, so citations name no section.
"""

from __future__ import annotations

import io
import zipfile
from typing import Any

from ..text import one_line
from . import MAX_TEXT_CHARS, Doc, Skip, detail, meta_text
from .zipped import check_unzipped, open_zip

_KIND = "Word .docx"


def read(raw: bytes) -> tuple[list[Doc], list[str]]:
    """The document's text as one `Doc`, with its core properties as the fields."""
    check_unzipped(open_zip(raw, _KIND), _KIND)
    document = _open(raw)
    paragraphs, problems = _paragraphs(document)
    props = document.core_properties
    lead = one_line(paragraphs[0][0]) if paragraphs and _is_heading(paragraphs[0][1]) else None
    headline = meta_text(props.title) or lead
    if lead and headline == lead:
        paragraphs = paragraphs[1:]
    text = "\n\n".join(para for para, _ in paragraphs)
    created = props.created
    return [Doc(text, headline=headline, source=meta_text(props.author),
                date=created.date().isoformat() if created else None)], problems


def _open(raw: bytes) -> Any:
    """The python-docx Document, or `Skip` for a zip that is not a readable Word file."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError
    from lxml.etree import XMLSyntaxError

    try:
        return docx.Document(io.BytesIO(raw))
    except (PackageNotFoundError, KeyError, ValueError, XMLSyntaxError,
            zipfile.BadZipFile) as exc:
        raise Skip(f"damaged or not a Word document ({detail(exc)}): open it in Word or "
                   "LibreOffice, save it as .docx and index that") from exc


def _paragraphs(document: Any) -> tuple[list[tuple[str, str]], list[str]]:
    """(text, style name) of each non-empty paragraph and table row, within the text cap."""
    out: list[tuple[str, str]] = []
    total = 0
    for block in document.iter_inner_content():
        if hasattr(block, "rows"):
            found = [(row, "Table") for row in _table_rows(block)]
        else:
            found = [(block.text.strip(), _style(block))]
        for text, style in found:
            if not text:
                continue
            total += len(text)
            if total > MAX_TEXT_CHARS:
                return out, [f"read only the first {MAX_TEXT_CHARS:,} characters of text: "
                             "split the document to index the rest"]
            out.append((text, style))
    return out, []


def _table_rows(table: Any) -> list[str]:
    """Each row of a table as one line, cells joined by " | " (a merged cell once)."""
    rows = []
    for row in table.rows:
        cells: list[str] = []
        for cell in row.cells:
            text = " ".join(cell.text.split())
            if text and (not cells or cells[-1] != text):
                cells.append(text)
        rows.append(" | ".join(cells))
    return rows


def _style(paragraph: Any) -> str:
    """The paragraph's style name ('' when the styles part does not say)."""
    style = paragraph.style
    return (style.name or "") if style is not None else ""


def _is_heading(style: str) -> bool:
    return style == "Title" or style.startswith("Heading")
