"""The one exception family: every message names the next step."""

from __future__ import annotations

INSTALL_SCALE = "pip install -e '.[scale]'"
"""The command that installs what --milvus and --engine ray need."""


class QAError(Exception):
    """Base of every error qa raises on purpose; its message says what to do next."""


class InputError(QAError):
    """A question, flag or argument that cannot be used as given."""


class CorpusError(QAError):
    """The corpus folder is missing, empty or unreadable."""


class CorpusUnreadableError(CorpusError):
    """Every file of the corpus was skipped (empty, binary, too large); the index is unchanged."""


class IndexError_(QAError):
    """The index is missing, damaged, busy or built with other settings."""


class IndexDamagedError(IndexError_):
    """An index file fails its checksums or SQLite's checks: it must be rebuilt."""


class IndexBusyError(IndexError_):
    """Another `qa index` holds the write lock; the last complete index still answers."""


class IndexWriteError(IndexError_):
    """The index folder cannot be written (disk full, read-only); the old index is unchanged."""


class ModelError(QAError):
    """The embedding model cannot be loaded from the given directory."""


class FeedError(QAError):
    """A feed that cannot be subscribed to, fetched or read; or feeds already being pulled."""
