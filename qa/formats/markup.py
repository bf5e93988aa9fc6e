"""Text out of HTML, one walk for feed items and EPUB chapters: scripts, styles, forms and
embedded objects dropped with their text, each block element a paragraph. lxml parses; it
renders, fetches and runs nothing."""

from __future__ import annotations

from typing import Any

DROP = ("head", "script", "style", "noscript", "template", "iframe", "object", "embed", "svg",
        "math", "form", "button", "select", "textarea")
"""Elements dropped with their text: none of it is the article's."""
BLOCKS = frozenset((
    "p", "div", "section", "article", "header", "footer", "aside", "blockquote", "pre",
    "ul", "ol", "li", "dl", "dt", "dd", "table", "tr", "td", "th", "figure", "figcaption",
    "hr", "h1", "h2", "h3", "h4", "h5", "h6", "address", "main", "nav", "details", "summary",
    "body",
))
"""Elements whose content is a paragraph of its own."""


def strip(root: Any) -> None:
    """Drop comments, processing instructions and the elements of DROP, in place."""
    from lxml import etree

    etree.strip_elements(root, etree.Comment, etree.ProcessingInstruction, *DROP,
                         with_tail=False)


def paragraphs(root: Any) -> list[str]:
    """The text of each block element, on one line each, in order (walked without recursion:
    nesting depth is the file's to choose). Call `strip` first."""
    from lxml import etree

    out: list[str] = []
    words: list[str] = []

    def flush() -> None:
        text = " ".join("".join(words).split())
        if text:
            out.append(text)
        words.clear()

    breaks = 0  # <br>s in a row: one is a space, two end a paragraph
    for event, el in etree.iterwalk(root, events=("start", "end")):
        tag = el.tag.lower() if isinstance(el.tag, str) else ""
        if tag in BLOCKS:
            flush()
        if event == "start" and tag == "br":
            breaks += 1
            if breaks == 2:
                flush()
            words.append(" ")
            continue
        text = el.text if event == "start" else (el.tail if el is not root else None)
        if text and text.strip():
            breaks = 0
        words.append(text or "")
    flush()
    return out
