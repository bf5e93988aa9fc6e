"""The chat's widgets, one module per concern, each class named for what it shows so
`app.tcss` can style it."""

from __future__ import annotations

from .article import ArticleParagraph, ArticleView, SourceHeader, article_paragraphs
from .card import CitationCard
from .interpreted import InterpretedInput, InterpretedRow
from .prompt import PromptInput
from .status import IndexProgress, StatusLine
from .transcript import HelpText, Transcript, WelcomeText
from .turn import (
    AgreementLine,
    AnswerLine,
    FailureLine,
    NoteLine,
    NotFoundLine,
    PendingLine,
    QuestionLine,
    SourcesLabel,
    TurnView,
)

__all__ = [
    "AgreementLine", "AnswerLine", "ArticleParagraph", "ArticleView", "CitationCard",
    "FailureLine", "HelpText", "IndexProgress", "InterpretedInput", "InterpretedRow",
    "NotFoundLine", "NoteLine", "PendingLine", "PromptInput", "QuestionLine", "SourceHeader",
    "SourcesLabel", "StatusLine", "Transcript", "TurnView", "WelcomeText", "article_paragraphs",
]
