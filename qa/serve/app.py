"""The HTTP API: `POST /ask`, `POST /chat`, `GET /articles/{id}`, `GET /health`, the chat page,
and the MCP endpoint `/mcp` (qa.serve.mcp).

Questions run in a pool of `workers` threads, never on the event loop, so a slow question
does not hold up `/health` or the page. Each reply is the object `qa -q --json` prints.
"""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import json
import logging
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor
from importlib import resources
from typing import TYPE_CHECKING, Any

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import ClientDisconnect, Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route
from starlette.types import Receive, Scope, Send

from .. import __version__
from ..errors import IndexError_, InputError, QAError
from ..text import one_line, to_json
from .openapi import schema
from .params import CHAT_FIELDS, EXAMPLE_BODY, parse_ask, parse_session
from .replies import article_reply, status_reply
from .sessions import TURNS_KEPT, Sessions

if TYPE_CHECKING:
    from ..bot import Bot

MAX_BODY = 64 * 1024
"""Largest request body read, in bytes."""
QUEUE_PER_WORKER = 64
"""Questions waiting per worker thread before new ones get 503."""
HEALTH_SECONDS = 5.0
"""How long `/health` reuses its reading of the index and corpus."""
PUBLIC = ("/", "/openapi.json")
PUBLIC_PREFIX = "/assets/"
"""Paths served without the token: the page, its files and the schema hold no data."""
PAGE_FILES = {"index.html": "text/html; charset=utf-8",
              "app.js": "text/javascript; charset=utf-8",
              "app.css": "text/css; charset=utf-8"}
PAGE_POLICY = ("default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; "
               "img-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
"""The page runs only qa's own script; article text can never add code to it."""

log = logging.getLogger("qa.serve")


class HTTPError(QAError):
    """A reply other than 200, with the one-line message the CLI gives for the same thing.
    A QAError, so that an MCP tool reports it (a full question pool) like qa's other errors."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


def json_response(obj: object, status: int = 200, **headers: str) -> Response:
    """`obj` as the CLI's JSON (readable UTF-8, control characters escaped)."""
    return Response(to_json(obj), status_code=status, media_type="application/json",
                    headers=headers or None)


def error_response(status: int, message: str, **headers: str) -> Response:
    """`{"error": message}`: one line naming the next step."""
    return json_response({"error": one_line(message)}, status, **headers)


class Questions:
    """The worker pool questions run in, with a bound on how many may wait."""

    def __init__(self, workers: int) -> None:
        self.workers = workers
        self.limit = workers * QUEUE_PER_WORKER
        self.pending = 0
        self._pool: ThreadPoolExecutor | None = None

    def open(self) -> None:
        """A fresh pool each time the app starts (a closed one cannot be reopened)."""
        if self._pool is None:
            self._pool = ThreadPoolExecutor(self.workers, thread_name_prefix="qa-question")

    async def run(self, fn: Callable[[], Any]) -> Any:
        """`fn()` on a worker thread; 503 when too many questions already wait."""
        if self.pending >= self.limit:
            raise HTTPError(503, f"{self.pending} questions are waiting; try again in a "
                                 "moment, or start qa serve with more --workers.")
        self.open()  # an app driven without its lifespan (some test clients) still answers
        self.pending += 1  # only the event loop's thread changes it
        try:
            return await asyncio.get_running_loop().run_in_executor(self._pool, fn)
        finally:
            self.pending -= 1

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = None


async def read_json(request: Request) -> Any:
    """The request's JSON body: 415 for another content type, 413 past MAX_BODY, 400 if bad."""
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if kind != "application/json":
        raise HTTPError(415, f"The body must be JSON: send Content-Type: application/json, "
                             f"not {kind or 'none'!r}.")
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > MAX_BODY:
        raise HTTPError(413, f"The body is {int(declared):,} bytes; the limit is "
                             f"{MAX_BODY:,}. Ask a shorter question.")
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > MAX_BODY:
            raise HTTPError(413, f"The body is over {MAX_BODY:,} bytes. Ask a shorter "
                                 "question.")
    try:
        return json.loads(body.decode("utf-8"))
    except RecursionError:  # e.g. 10,000 nested [ fit well under MAX_BODY
        raise HTTPError(400, f"The body's JSON is nested too deeply. Send e.g. {EXAMPLE_BODY}."
                        ) from None
    except (UnicodeDecodeError, ValueError) as exc:
        raise HTTPError(400, f"The body is not valid JSON ({one_line(str(exc))}). Send e.g. "
                             f"{EXAMPLE_BODY}.") from None


def make_app(bot: Bot, *, token: str | None = None, workers: int = 2,
             hosts: tuple[str, ...] | None = None,
             extra_routes: list[BaseRoute] | None = None) -> Guard:
    """The ASGI app over an open `bot`. With `token`, every API request needs
    `Authorization: Bearer TOKEN`; the page and the schema are public. With `hosts`, a
    request whose Host header names another host is refused (a web page that rebinds its own
    name to 127.0.0.1 cannot reach the API through the reader's browser). The MCP endpoint
    `/mcp` is behind both checks too, and its questions share the pool of `workers`."""
    questions = Questions(workers)
    sessions = Sessions(lambda: bot.chat(keep=TURNS_KEPT))

    async def ask(request: Request) -> Response:
        params = parse_ask(await read_json(request))
        answer = await questions.run(lambda: bot.ask(params.question, **params.options()))
        return json_response(answer.to_dict())

    async def chat(request: Request) -> Response:
        data = await read_json(request)
        params = parse_ask(data, CHAT_FIELDS)
        asked_for = parse_session(data)
        session, conversation = sessions.get(asked_for)
        answer = await questions.run(
            lambda: conversation.ask(params.question, **params.options()))
        reply = {**answer.to_dict(), "session": session}
        if asked_for is not None and asked_for != session:
            # The client's context is gone: say so, so it can tell the user.
            reply["notes"] = [*reply["notes"], "That conversation expired or is unknown: this "
                              "question was taken on its own, in a new session."]
        return json_response(reply)

    async def article(request: Request) -> Response:
        try:
            found = await run_in_threadpool(article_reply, bot,
                                            request.path_params["article_id"])
        except IndexError_ as exc:
            raise HTTPError(404, str(exc)) from None
        return json_response(found)

    checked: list[Any] = [None, -HEALTH_SECONDS]  # the last status and when it was read

    async def health(request: Request) -> Response:
        # Whether the corpus changed takes a walk of the whole folder: once per few seconds,
        # however often a monitor polls.
        if time.monotonic() - checked[1] >= HEALTH_SECONDS:
            checked[:] = [await run_in_threadpool(bot.status), time.monotonic()]
        status = checked[0]
        return json_response({"status": "ok", "version": __version__, **status_reply(status),
                              "sessions": len(sessions), "questions_waiting": questions.pending,
                              "workers": questions.workers})

    async def openapi(request: Request) -> Response:
        return json_response(schema(__version__))

    async def page(request: Request) -> Response:
        return _page_file("index.html")

    async def asset(request: Request) -> Response:
        return _page_file(request.path_params["name"])

    from .mcp import HTTPEndpoint, make_server  # here: the SDK takes a second to import

    mcp = HTTPEndpoint(make_server(bot, run=questions.run), hosts, MAX_BODY)
    routes: list[BaseRoute] = [
        Route("/ask", _json_errors(ask), methods=["POST"]),
        Route("/chat", _json_errors(chat), methods=["POST"]),
        Route("/articles/{article_id:path}", _json_errors(article), methods=["GET"]),
        Route("/health", _json_errors(health), methods=["GET"]),
        Route("/openapi.json", openapi, methods=["GET"]),
        Route("/", page, methods=["GET"]),
        Route("/assets/{name}", _json_errors(asset), methods=["GET"]),
        mcp.route,
        *(extra_routes or []),
    ]

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        questions.open()
        try:
            async with mcp.running():
                yield
        finally:
            questions.close()

    app = Starlette(routes=routes, lifespan=lifespan,
                    exception_handlers={404: _not_found, 405: _not_allowed})
    app.state.questions = questions
    app.state.sessions = sessions
    return Guard(app, token, hosts)


def _json_errors(handler: Callable[[Request], Awaitable[Response]]
             ) -> Callable[[Request], Awaitable[Response]]:
    """`handler` with qa's errors as JSON replies; the server keeps serving after any of them."""

    async def run(request: Request) -> Response:
        try:
            return await handler(request)
        except HTTPError as exc:
            return error_response(exc.status, str(exc))
        except ClientDisconnect:  # it hung up while sending its body: no one to answer
            return error_response(400, "The client closed the connection mid-request.")
        except InputError as exc:
            return error_response(400, str(exc))
        except QAError as exc:
            return error_response(503, str(exc))
        except Exception:
            log.exception("qa serve: %s %s failed", request.method, request.url.path)
            return error_response(500, "The server failed on this request; it is logged. "
                                       "Other requests are unaffected.")

    return run


def _page_file(name: str) -> Response:
    kind = PAGE_FILES.get(name)
    if kind is None:
        return error_response(404, f"No page file {name!r}.")
    data = resources.files("qa.serve").joinpath("page", name).read_bytes()
    headers = {"Cache-Control": "no-cache"}
    if name == "index.html":
        headers["Content-Security-Policy"] = PAGE_POLICY
    return Response(data, media_type=kind, headers=headers)


async def _not_found(request: Request, exc: Exception) -> Response:
    return error_response(404, f"No such endpoint {request.url.path!r}. See /openapi.json.")


async def _not_allowed(request: Request, exc: Exception) -> Response:
    return error_response(405, f"{request.method} is not allowed on {request.url.path}. "
                               "See /openapi.json.")


class Guard:
    """Bearer-token check and safe headers around the whole app (the MCP endpoint too)."""

    def __init__(self, app: Starlette, token: str | None,
                 hosts: tuple[str, ...] | None = None) -> None:
        self.app = app
        self.state = app.state
        self._token = token.encode() if token else None
        self._hosts = {h.lower() for h in hosts} if hosts is not None else None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if self._hosts is not None and _host(scope) not in self._hosts:
            reply = error_response(421, "This server answers only to "
                                        f"{' or '.join(sorted(self._hosts))}; open it by that "
                                        "name.")
            await reply(scope, receive, send)
            return
        path = scope["path"]
        public = path in PUBLIC or path.startswith(PUBLIC_PREFIX)
        if self._token is not None and not public and not self._authorized(scope):
            reply = error_response(401, "Missing or wrong token: send Authorization: Bearer "
                                        "TOKEN, the token qa serve was started with.",
                                   **{"WWW-Authenticate": "Bearer"})
            await reply(scope, receive, send)
            return

        async def send_with_headers(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                headers += [(b"x-content-type-options", b"nosniff"),
                            (b"referrer-policy", b"no-referrer")]
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_headers)

    def _authorized(self, scope: Scope) -> bool:
        assert self._token is not None
        for name, value in scope.get("headers", []):
            if name == b"authorization":
                scheme, _, given = value.partition(b" ")
                return scheme.lower() == b"bearer" and hmac.compare_digest(given.strip(),
                                                                           self._token)
        return False


def _host(scope: Scope) -> str:
    """The Host header's name, without the port, lower-case."""
    for name, value in scope.get("headers", []):
        if name == b"host":
            host = value.decode("latin-1").lower()
            if host.startswith("["):
                return host.split("]")[0] + "]"
            return host.rsplit(":", 1)[0] if host.count(":") == 1 else host
    return ""
