"""The objects the HTTP API and the MCP tools both reply with, built in one place so the two
never drift apart. Article text in them is data from the corpus, passed on as it is."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..errors import IndexError_

if TYPE_CHECKING:
    from ..bot import Bot, IndexStatus

ARTICLE_IDS = "Article ids are in each citation's article_id."
"""The next step for an unknown article id, in place of the CLI's `qa index`."""


def article_reply(bot: Bot, article_id: str) -> dict[str, Any]:
    """The clean article a citation's `article_id` points to (`GET /articles/{id}`, the
    `get_article` tool): its body is the text the citation's start and end count in.

    An unknown id raises IndexError_ naming where ids come from. Blocking: call it off the
    event loop."""
    try:
        found = bot.article(article_id)
    except IndexError_ as exc:
        raise IndexError_(str(exc).replace("Run `qa index`.", ARTICLE_IDS)) from None
    return {"article_id": found.id, "title": found.headline, "source": found.source,
            "date": found.date, "path": found.path, "body": found.body}


def status_reply(status: IndexStatus) -> dict[str, Any]:
    """What the index holds and whether it matches the corpus (`GET /health`, the
    `index_status` tool)."""
    return {"articles": status.articles, "passages": status.passages,
            "built_at": status.built_at, "stale": status.stale is not None,
            "stale_reason": status.stale, "corpus": status.corpus, "index": status.index}
