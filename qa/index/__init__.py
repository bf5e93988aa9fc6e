"""The index on disk: one SQLite database (articles, passages, sentence vectors, FTS5,
manifest), one FAISS file per generation and the model's ONNX export.

schema.py     layout, format version, checksums     connect.py   connections, error mapping
integrity.py  digests, the manifest                 columns.py   filter columns in memory
queries.py    the SQL that reads rows and FTS5      reads.py     one question's snapshot view
writer.py     lock, atomic generations, orphans     store.py     `Store`: the open folder
api.py        the interfaces search, answer and the CLI use (a Milvus backend meets them too)
"""

from __future__ import annotations

from .api import Described, IndexReader, IndexView, LexicalIndex, PassageStore, VectorSearch
from .connect import cannot_write, rebuild_hint
from .reads import View
from .schema import (
    DB_NAME,
    FORMAT_VERSION,
    LOCK_NAME,
    ONNX_PREFIX,
    checksum,
    manifest_checksum,
    row_checksum,
)
from .store import Store
from .writer import discard, drop_stub, write_lock

__all__ = ["DB_NAME", "FORMAT_VERSION", "LOCK_NAME", "ONNX_PREFIX", "Described", "IndexReader",
           "IndexView", "LexicalIndex", "PassageStore", "Store", "VectorSearch", "View",
           "cannot_write", "checksum", "discard", "drop_stub", "manifest_checksum", "rebuild_hint",
           "row_checksum", "write_lock"]
