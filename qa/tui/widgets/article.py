"""The article viewer's parts: its header and its paragraphs, the cited passage marked.

Article text is untrusted: shown as `rich.text.Text` with control characters replaced.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.containers import VerticalScroll
from textual.widget import Widget
from textual.widgets import Static

from ...text import paragraph_spans
from .card import safe

if TYPE_CHECKING:
    from ...articles import Article


class SourceHeader(Static):
    """The article's headline, source, date and file, and which passage is marked."""


class ArticleParagraph(Widget):
    """One paragraph of an article; the cited passage's part of it is marked."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {"article-paragraph--passage",
                                             "article-paragraph--answer"}

    def __init__(self, text: str, marked: tuple[int, int] | None,
                 answer: tuple[int, int] | None = None) -> None:
        super().__init__(classes="-passage" if marked else "")
        self.text = text
        self.marked = marked
        self.answer = answer
        """The answering sentence's part of this paragraph, if any."""

    def render(self) -> Text:
        # strip_controls replaces character for character, so offsets still hold.
        out = Text(safe(self.text))
        if self.marked is not None:
            out.stylize(self.get_component_rich_style("article-paragraph--passage"),
                        *self.marked)
        if self.answer is not None:
            out.stylize(self.get_component_rich_style("article-paragraph--answer"),
                        *self.answer)
        return out


class ArticleView(VerticalScroll):
    """The whole clean article, paragraph by paragraph."""


def article_paragraphs(article: Article, start: int, end: int,
                       answer: tuple[int, int] | None = None) -> list[ArticleParagraph]:
    """The article's paragraphs, the part of each inside [start, end) marked.

    `answer` is the answering sentence's span in the body, marked more strongly.
    """
    out = []
    for a, z in paragraph_spans(article.body):
        lo, hi = max(a, start), min(z, end)
        marked = (lo - a, hi - a) if lo < hi else None
        sentence = None
        if answer is not None:
            lo, hi = max(a, answer[0]), min(z, answer[1])
            sentence = (lo - a, hi - a) if lo < hi else None
        out.append(ArticleParagraph(article.body[a:z], marked, sentence))
    return out
