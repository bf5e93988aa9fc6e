"""The article viewer: the whole clean article behind a citation, the passage marked."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import Footer

from ...text import one_line
from ..widgets import ArticleView, SourceHeader, article_paragraphs

if TYPE_CHECKING:
    from ...answer import Hit
    from ...articles import Article


class SourceScreen(Screen[None]):
    """The whole article behind a citation, the passage marked and scrolled into view.

    It is given the article, already read (in a worker): the screen never reads the index.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "app.pop_screen", "Back"),
        Binding("c", "copy", "Copy passage"),
    ]

    def __init__(self, hit: Hit, article: Article) -> None:
        super().__init__()
        self.hit = hit
        self.article = article

    def compose(self) -> ComposeResult:
        c = self.hit.citation
        head = Text()
        head.append(one_line(self.article.headline) + "\n", style="bold")
        head.append(" — ".join([one_line(self.article.source or "source unknown"),
                                self.article.date or "undated", one_line(self.article.path)]))
        head.append(f"\npassage [{self.hit.rank}]: ¶ {c.paragraph}, characters "
                    f"{c.start}–{c.end}")
        yield SourceHeader(head)
        answer = None
        if self.hit.highlight is not None:
            answer = (c.start + self.hit.highlight[0], c.start + self.hit.highlight[1])
        with ArticleView():
            yield from article_paragraphs(self.article, c.start, c.end, answer)
        yield Footer()

    def on_mount(self) -> None:
        self.call_after_refresh(self._scroll_to_passage)

    def _scroll_to_passage(self) -> None:
        view = self.query_one(ArticleView)
        marked = view.query(".-passage")
        if marked:
            view.scroll_to_widget(marked.first(), animate=False, top=True)
        view.focus()

    def action_copy(self) -> None:
        """Copy the passage with its citation."""
        copy_passage(self.app, self.hit)


def copy_passage(app: App[None], hit: Hit) -> None:
    """Put a passage and its citation on the clipboard."""
    app.copy_to_clipboard(f"“{hit.text.strip()}”\n— {one_line(str(hit.citation))}")
    app.notify(f"Copied passage [{hit.rank}] with its citation.", markup=False)
