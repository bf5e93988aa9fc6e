"""`qa serve`: the HTTP API, the MCP endpoint and the chat page over one warm bot.

    from qa.serve import make_app
    app = make_app(qa.open("corpus"))      # any ASGI server can run it
"""

from __future__ import annotations

from .app import make_app
from .server import check_host, serve

__all__ = ["check_host", "make_app", "serve"]
