"""The terminal chat. Importing it imports Textual, so the CLI imports it only for `qa chat`."""

from __future__ import annotations

from .app import QAApp, make_app

__all__ = ["QAApp", "make_app"]
