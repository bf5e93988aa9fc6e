"""The chat's screens: the conversation and the article viewer."""

from __future__ import annotations

from .chat import ChatScreen
from .source import SourceScreen

__all__ = ["ChatScreen", "SourceScreen"]
