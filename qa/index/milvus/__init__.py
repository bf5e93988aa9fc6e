"""The index in Milvus: `qa --milvus URI` (Milvus Lite in a local file, or a Milvus server).

Meets the same interfaces as `Store` (api.py), so search, answer and the bot run unchanged:
dense search, BM25 full-text search and every filter run inside Milvus, as search requests
with filter expressions.  pymilvus is imported only here, and this module only for --milvus.

Three collections per corpus (named from the corpus's full path):

    qa_<key>_passages  one row per passage: text, article fields, dates it mentions, its
                       vector, its sentences' spans and vectors, and `terms` (the text stemmed
                       as the local FTS5 index stems it) with a BM25 function that makes the
                       sparse vector full-text search reads
    qa_<key>_articles  one row per article (the body in parts when it is long)
    qa_<key>_meta      the manifest (model, dimension, chunker, generation) and file stamps

Milvus has no transaction across requests: each insert, upsert or delete is durable once it
returns, and an upsert replaces an entity whole.  So every row carries the generation that
wrote it (`born`) and the one that retired it (`died`), and readers see a row only when
`floor <= born <= generation < died` for the generation the manifest row names.  An update
writes its new rows and retires the old ones first, all invisible, then switches the one
manifest row (a single upsert): a run killed before that leaves the previous generation
answering.  The next writer deletes what a killed run wrote and un-retires what it retired,
and rows no generation since the previous one can see are deleted after each commit.
"""

from __future__ import annotations

from .common import (
    EXTRA,
    FilteredIds,
    collection_key,
    connect,
    discard,
    literal,
    release,
    require,
    stems,
    visible,
)
from .reads import MilvusVectors, MilvusView
from .store import MilvusStore

__all__ = ["EXTRA", "FilteredIds", "MilvusStore", "MilvusVectors", "MilvusView",
           "collection_key", "connect", "discard", "literal", "release",
           "require", "stems", "visible"]
