"""The MCP server, driven by the SDK's own client over the real model and index: `qa mcp` as a
real subprocess over stdio, and `/mcp` of the app `qa serve` runs, over streamable HTTP."""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import threading
import time
from collections.abc import Awaitable, Callable, Iterator
from pathlib import Path
from typing import Any

import anyio
import httpx
import httpx2
import pytest
from mcp import Client, MCPError, StdioServerParameters
from mcp.client.stdio import stdio_client
from mcp.client.streamable_http import streamable_http_client
from mcp_types import CallToolResult

import qa
from qa.errors import InputError
from qa.serve import make_app
from qa.serve.app import Questions
from qa.serve.mcp import make_server
from qa.serve.params import parse_ask
from qa.serve.server import allowed_hosts, bind, url_of
from qa.text import to_json
from tests.conftest import QA, ROOT, SEEDS, run_qa

QUESTION = "Who is Canada's foreign affairs minister?"
TOOLS = ["ask", "get_article", "index_status", "search"]
INITIALIZE = {"jsonrpc": "2.0", "id": 1, "method": "initialize",
              "params": {"protocolVersion": "2025-06-18", "capabilities": {},
                         "clientInfo": {"name": "test", "version": "0"}}}
"""A client's first message, sent by hand to see how the endpoint answers a bare request."""
ACCEPT = {"accept": "application/json, text/event-stream"}
TIMEOUT = 180
"""Seconds a whole client session may take (the subprocess loads the model) before it fails."""


def data(result: CallToolResult) -> dict[str, Any]:
    """A tool's object: its text is the CLI's JSON, its structured content the same object."""
    assert not result.is_error, result.content
    text = result.content[0].text  # type: ignore[union-attr]
    assert json.loads(text) == result.structured_content
    return result.structured_content  # type: ignore[return-value]


def error(result: CallToolResult) -> str:
    """A tool error's message."""
    assert result.is_error
    return result.content[0].text  # type: ignore[union-attr]


def run_session(client: Client, session: Callable[[Client], Awaitable[None]]) -> None:
    """`session(client)` on a connected client, failing instead of hanging past TIMEOUT."""

    async def main() -> None:
        with anyio.fail_after(TIMEOUT):
            async with client:
                await session(client)

    anyio.run(main)


def test_qa_mcp_over_stdio(seed_index: Path, bot: qa.Bot, tmp_path: Path) -> None:
    """The issue's check, through the real command: the four tools, an answer cited to The
    Canadian Press, its article, the counts, and an empty question refused as the CLI refuses
    it, after which the server still answers. Nothing but protocol reaches stdout."""
    cli = run_qa("-q", "", "--no-refresh", "--corpus", str(SEEDS), "--index", str(seed_index))
    assert cli.returncode == 2
    cli_refusal = cli.stderr.strip().removeprefix("qa: error: ")
    not_protocol: list[Exception] = []

    async def on_message(message: object) -> None:
        if isinstance(message, Exception):  # a stdout line that is not a JSON-RPC message
            not_protocol.append(message)

    async def session(client: Client) -> None:
        tools = (await client.list_tools()).tools
        assert sorted(t.name for t in tools) == TOOLS
        described = {t.name: t.description or "" for t in tools}
        for name in ("ask", "search"):
            assert all(field in described[name]
                       for field in ("title", "source", "date", "path", "paragraph"))
        answer = data(await client.call_tool("ask", {"question": QUESTION}))
        assert answer == json.loads(to_json(bot.ask(QUESTION).to_dict()))
        assert "Melanie Joly" in answer["answer"]["text"]
        hit = answer["passages"][answer["answer"]["rank"] - 1]
        cited = hit["citation"]
        assert cited["source"] == "The Canadian Press"
        article = data(await client.call_tool("get_article",
                                              {"article_id": cited["article_id"]}))
        assert article["article_id"] == cited["article_id"]
        assert article["source"] == "The Canadian Press" and article["title"] == cited["title"]
        assert article["body"][cited["start"]:cited["end"]] == hit["text"]
        status = data(await client.call_tool("index_status", {}))
        assert status["articles"] == 3 and status["stale"] is False
        refused = error(await client.call_tool("ask", {"question": ""}))
        assert refused == f"Error executing tool ask: {cli_refusal}"
        found = data(await client.call_tool("search", {"question": QUESTION, "k": 2}))
        assert list(found) == ["passages"] and len(found["passages"]) == 2

    command = [*QA, "mcp", "--corpus", str(SEEDS), "--index", str(seed_index), "--no-refresh"]
    # The whole environment, as run_qa gives it: the SDK passes only a few variables itself.
    server = StdioServerParameters(command=command[0], args=command[1:], cwd=ROOT,
                                   env=dict(os.environ))
    stderr = tmp_path / "stderr"
    with stderr.open("w") as errlog:
        try:
            run_session(Client(stdio_client(server, errlog), message_handler=on_message),
                        session)
        finally:
            print(stderr.read_text())  # shown with a failure
    assert not not_protocol


def test_qa_mcp_writes_nothing_but_protocol_and_ends_with_stdin(corpus_copy: Path,
                                                                tmp_path: Path) -> None:
    """Opening a corpus it must index first writes nothing to stdout, which is the
    protocol's; closing stdin ends the server with status 0."""
    r = subprocess.run([*QA, "mcp", "--corpus", str(corpus_copy), "--index",
                        str(tmp_path / "index")], input="", capture_output=True, text=True,
                       cwd=ROOT, timeout=300)
    assert r.returncode == 0, r.stderr
    assert r.stdout == ""
    assert (tmp_path / "index").is_dir()


@pytest.mark.parametrize("arguments", [
    {"question": ""},
    {"question": QUESTION, "k": 0},
    {"question": QUESTION, "k": "5"},
    {"question": QUESTION, "k": True},
    {"question": QUESTION, "mode": "magic"},
    {"question": QUESTION, "since": "2023-13-01"},
    {"question": QUESTION, "as_of": 20230101},
    {"question": QUESTION, "since": "2024-01-01", "until": "2023-01-01"},
    {"question": QUESTION, "source": ""},
])
def test_bad_arguments_get_the_http_apis_message(bot: qa.Bot, arguments: dict[str, Any]
                                                  ) -> None:
    """Each tool error is the one line POST /ask gives for the same field, and the server
    answers on after it."""
    with pytest.raises(InputError) as expected:
        parse_ask(arguments)

    async def session(client: Client) -> None:
        for tool in ("ask", "search"):
            message = error(await client.call_tool(tool, arguments))
            assert message == f"Error executing tool {tool}: {expected.value}"
            assert "\n" not in message
        assert data(await client.call_tool("index_status", {}))["articles"] == 3

    run_session(Client(make_server(bot)), session)


def test_an_unknown_article_says_where_ids_come_from(bot: qa.Bot) -> None:
    async def session(client: Client) -> None:
        message = error(await client.call_tool("get_article", {"article_id": "nope.txt"}))
        assert "No article 'nope.txt'" in message
        assert "each citation's article_id" in message
        assert data(await client.call_tool("index_status", {}))["articles"] == 3

    run_session(Client(make_server(bot)), session)


def test_a_full_question_pool_is_a_tool_error(bot: qa.Bot) -> None:
    """qa serve's 503 for too many waiting questions reaches an agent as a tool error."""
    pool = Questions(1)
    pool.limit = 0  # as if the pool were full

    async def session(client: Client) -> None:
        message = error(await client.call_tool("ask", {"question": QUESTION}))
        assert "questions are waiting" in message and "--workers" in message

    try:
        run_session(Client(make_server(bot, run=pool.run)), session)
    finally:
        pool.close()


@contextlib.contextmanager
def serving(app: Any) -> Iterator[str]:
    """`app` under uvicorn on a free port of 127.0.0.1, in a thread: its URL. Stopped, and
    its lifespan (the MCP session manager) ended, on the way out."""
    import uvicorn

    sock = bind("127.0.0.1", 0)
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="on"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    try:
        deadline = time.monotonic() + 60
        while not server.started:
            assert thread.is_alive() and time.monotonic() < deadline, "uvicorn did not start"
            time.sleep(0.05)
        yield url_of(sock)
    finally:
        server.should_exit = True
        thread.join(30)
        sock.close()
    assert not thread.is_alive(), "the server did not stop"


def test_qa_serve_answers_mcp_at_slash_mcp(bot: qa.Bot) -> None:
    with serving(make_app(bot, hosts=allowed_hosts("127.0.0.1"))) as url:

        async def session(client: Client) -> None:
            assert sorted(t.name for t in (await client.list_tools()).tools) == TOOLS
            answer = data(await client.call_tool("ask", {"question": QUESTION, "k": 3}))
            assert answer == json.loads(to_json(bot.ask(QUESTION, k=3).to_dict()))
            assert answer["passages"][0]["citation"]["source"] == "The Canadian Press"
            assert error(await client.call_tool("ask", {"question": ""})).endswith(
                "The question is empty. Ask one, e.g. qa -q \"" + QUESTION + "\"")
            assert data(await client.call_tool("index_status", {}))["articles"] == 3

        run_session(Client(f"{url}/mcp"), session)
        port = url.rsplit(":", 1)[1]
        for host in (f"127.0.0.1:{port}", f"localhost:{port}"):
            r = httpx.post(f"{url}/mcp", json=INITIALIZE, headers={**ACCEPT, "host": host})
            assert r.status_code == 200, (host, r.text)
        r = httpx.post(f"{url}/mcp", json=INITIALIZE,
                       headers={**ACCEPT, "origin": f"http://localhost:{port}"})
        assert r.status_code == 200
        # A page of another site, even one that rebinds its name to 127.0.0.1, is refused.
        r = httpx.post(f"{url}/mcp", json=INITIALIZE,
                       headers={**ACCEPT, "host": f"attacker.example:{port}"})
        assert r.status_code == 421
        r = httpx.post(f"{url}/mcp", json=INITIALIZE,
                       headers={**ACCEPT, "origin": "http://attacker.example"})
        assert r.status_code == 403


def test_with_a_token_slash_mcp_needs_it(bot: qa.Bot) -> None:
    with serving(make_app(bot, token="s3cret", hosts=allowed_hosts("127.0.0.1"))) as url:
        r = httpx.post(f"{url}/mcp", json=INITIALIZE, headers=ACCEPT)
        assert r.status_code == 401 and r.headers["www-authenticate"] == "Bearer"
        r = httpx.post(f"{url}/mcp", json=INITIALIZE,
                       headers={**ACCEPT, "authorization": "Bearer wrong"})
        assert r.status_code == 401
        failures: list[BaseException] = []

        async def without_token() -> None:
            try:
                with anyio.fail_after(TIMEOUT):
                    async with Client(f"{url}/mcp"):
                        pass
            except Exception as exc:  # the SDK raises the refusal inside exception groups
                failures.extend(_leaves(exc))

        anyio.run(without_token)
        assert any(isinstance(f, MCPError) for f in failures), failures

        async def with_token() -> None:
            with anyio.fail_after(TIMEOUT):
                async with (
                    httpx2.AsyncClient(headers={"authorization": "Bearer s3cret"}) as http,
                    Client(streamable_http_client(f"{url}/mcp", http_client=http)) as c,
                ):
                    answer = data(await c.call_tool("ask", {"question": QUESTION}))
                    assert "Melanie Joly" in answer["answer"]["text"]

        anyio.run(with_token)


class SlowBot:
    """The real bot, whose questions wait until released: a slow question."""

    def __init__(self, bot: qa.Bot) -> None:
        self.bot = bot
        self.release = threading.Event()

    def ask(self, question: str, **options: Any) -> qa.Answer:
        self.release.wait(TIMEOUT)
        return self.bot.ask(question, **options)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.bot, name)


def test_mcp_questions_share_the_pool_and_spare_the_event_loop(bot: qa.Bot) -> None:
    """An MCP question waits in qa serve's question pool (it counts in /health), and /health
    answers meanwhile: the event loop is free."""
    slow = SlowBot(bot)

    def waiting(url: str) -> int:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            count = httpx.get(f"{url}/health", timeout=10).json()["questions_waiting"]
            if count:
                return int(count)
            time.sleep(0.05)
        return 0

    with serving(make_app(slow, workers=1)) as url:  # type: ignore[arg-type]
        results: list[CallToolResult] = []

        async def session(client: Client) -> None:
            async def ask() -> None:
                results.append(await client.call_tool("ask", {"question": QUESTION}))

            try:
                async with anyio.create_task_group() as tg:
                    tg.start_soon(ask)
                    assert await anyio.to_thread.run_sync(waiting, url) == 1
                    slow.release.set()
            finally:
                slow.release.set()

        run_session(Client(f"{url}/mcp"), session)
    assert "Melanie Joly" in data(results[0])["answer"]["text"]


def _leaves(exc: BaseException) -> list[BaseException]:
    """The exceptions inside (nested) exception groups."""
    inner = getattr(exc, "exceptions", None)
    return [leaf for e in inner for leaf in _leaves(e)] if inner else [exc]
