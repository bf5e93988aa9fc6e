"""qa: offline question answering over a folder of articles, with cited passages.

    import qa
    bot = qa.open("corpus", index="embeddings")
    answer = bot.ask("Who is Canada's foreign affairs minister?", k=5)
    print(answer.text, answer.passages[0].citation)
"""

from __future__ import annotations

from . import offline as offline  # first, before anything imports onnxruntime
from .answer import Answer, Citation, Hit
from .articles import Article
from .bot import Bot, IndexStatus
from .bot import open_bot as open
from .errors import QAError
from .indexer import IndexSummary
from .passages import Passage

__version__ = "0.1.0"
__all__ = ["Answer", "Article", "Bot", "Citation", "Hit", "IndexStatus", "IndexSummary",
           "Passage", "QAError", "__version__", "open"]
