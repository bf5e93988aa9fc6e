"""`qa serve`: the HTTP API over the real model and index, its errors, token and sessions."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from starlette.testclient import TestClient

import qa
from qa.serve import make_app
from qa.serve.server import allowed_hosts
from qa.serve.sessions import Sessions
from qa.text import to_json
from tests.conftest import SEEDS, qa_serve, run_qa

QUESTION = "Who is Canada's foreign affairs minister?"


@pytest.fixture(scope="module")
def client(bot: qa.Bot) -> Iterator[TestClient]:
    with TestClient(make_app(bot)) as c:
        yield c


def ask(client: TestClient, body: Any, path: str = "/ask", **kw: Any) -> httpx.Response:
    return client.post(path, content=json.dumps(body),
                       headers={"content-type": "application/json", **kw})


def test_ask_replies_with_the_object_the_cli_prints(client: TestClient, bot: qa.Bot) -> None:
    r = ask(client, {"question": QUESTION, "k": 3})
    assert r.status_code == 200
    assert r.headers["content-type"] == "application/json"
    assert r.json() == json.loads(to_json(bot.ask(QUESTION, k=3).to_dict()))
    assert "Joly" in r.json()["answer"]["text"]


def test_filters_reach_the_search(client: TestClient) -> None:
    r = ask(client, {"question": QUESTION, "source": "no such source"})
    assert r.status_code == 200 and r.json()["passages"] == []
    r = ask(client, {"question": QUESTION, "until": "2023-07-20", "k": 10})
    assert all(p["citation"]["date"] is None or p["citation"]["date"] <= "2023-07-20"
               for p in r.json()["passages"])
    assert r.json()["answer"] is None or "Joly" not in r.json()["answer"]["text"]


@pytest.mark.parametrize(("body", "status", "message"), [
    ({"question": ""}, 400, "The question is empty. Ask one"),
    ({"question": "   "}, 400, "The question is empty. Ask one"),
    ({}, 400, "The question is empty. Ask one"),
    ({"question": 5}, 400, "question must be a string, not a number."),
    ({"question": QUESTION, "k": 0}, 400, "k must be a whole number from 1 to 100, not 0."),
    ({"question": QUESTION, "k": 101}, 400, "k must be a whole number from 1 to 100"),
    ({"question": QUESTION, "k": "5"}, 400, "k must be a whole number from 1 to 100"),
    ({"question": QUESTION, "k": True}, 400, "k must be a whole number from 1 to 100"),
    ({"question": QUESTION, "mode": "magic"}, 400, "Unknown search mode 'magic'"),
    ({"question": QUESTION, "since": "2023-13-01"}, 400, "since: '2023-13-01' is not a date"),
    ({"question": QUESTION, "as_of": 20230101}, 400, "as_of: 20230101 is not a date"),
    ({"question": QUESTION, "since": "2024-01-01", "until": "2023-01-01"}, 400,
     "The date range is empty"),
    ({"question": QUESTION, "diversity": 2}, 400, "diversity must be between 0 and 1"),
    ({"question": QUESTION, "colour": "red"}, 400, "Unknown field 'colour'"),
    ([QUESTION], 400, "The body must be a JSON object"),
])
def test_bad_fields_get_400_with_one_line(client: TestClient, body: Any, status: int,
                                          message: str) -> None:
    r = ask(client, body)
    assert r.status_code == status
    error = r.json()["error"]
    assert error.startswith(message) and "\n" not in error


def test_the_messages_are_the_clis(client: TestClient, seed_index: Path) -> None:
    for flag, field in ((["-q", ""], {"question": ""}),
                        (["-q", QUESTION, "--k", "1000"], {"question": QUESTION, "k": 1000})):
        cli = run_qa(*flag, "--no-refresh", "--corpus", str(SEEDS), "--index", str(seed_index))
        assert cli.returncode == 2
        assert cli.stderr.strip() == f"qa: error: {ask(client, field).json()['error']}"


def test_bad_bodies_get_4xx_and_the_server_keeps_serving(client: TestClient) -> None:
    r = client.post("/ask", content="question=x",
                    headers={"content-type": "application/x-www-form-urlencoded"})
    assert r.status_code == 415 and "Content-Type: application/json" in r.json()["error"]
    r = client.post("/ask", content=json.dumps({"question": QUESTION}))
    assert r.status_code == 415
    r = client.post("/ask", content="{not json", headers={"content-type": "application/json"})
    assert r.status_code == 400 and "not valid JSON" in r.json()["error"]
    r = client.post("/ask", content=b"\xff\xfe{}", headers={"content-type": "application/json"})
    assert r.status_code == 400
    nested = "[" * 5000 + "]" * 5000  # past json's recursion limit, well under 64 KB
    r = client.post("/ask", content=nested, headers={"content-type": "application/json"})
    assert r.status_code == 400 and "\n" not in r.json()["error"]
    big = json.dumps({"question": "x" * 70_000})
    r = client.post("/ask", content=big, headers={"content-type": "application/json"})
    assert r.status_code == 413 and "65,536" in r.json()["error"]
    # Without a Content-Length (chunked), the body is still cut at the limit.
    r = client.post("/ask", content=iter([big.encode()[i:i + 8192]
                                          for i in range(0, len(big), 8192)]),
                    headers={"content-type": "application/json"})
    assert r.status_code == 413
    assert client.get("/ask").status_code == 405
    assert client.get("/nope").status_code == 404 and "openapi" in client.get("/nope").text
    r = client.get("/articles/nope.txt")
    assert r.status_code == 404 and "No article 'nope.txt'" in r.json()["error"]
    r = ask(client, {"question": QUESTION})
    assert r.status_code == 200 and r.json()["answer"] is not None


def test_articles_and_health(client: TestClient) -> None:
    first = ask(client, {"question": QUESTION}).json()["passages"][0]["citation"]
    r = client.get(f"/articles/{first['article_id']}")
    assert r.status_code == 200
    article = r.json()
    assert article["title"] == first["title"] and article["source"] == "The Canadian Press"
    assert article["body"][first["start"]:first["end"]] == \
        ask(client, {"question": QUESTION}).json()["passages"][0]["text"]
    health = client.get("/health").json()
    assert health["articles"] == 3 and health["passages"] > 3 and health["stale"] is False
    schema = client.get("/openapi.json").json()
    assert {"/ask", "/chat", "/articles/{article_id}", "/health"} <= set(schema["paths"])


def test_chat_sessions_keep_follow_ups_apart(client: TestClient) -> None:
    first = ask(client, {"question": QUESTION}, "/chat").json()
    session = first["session"]
    assert "Joly" in first["answer"]["text"] and first["interpreted_as"] is None
    follow = ask(client, {"question": "What did she announce?", "session": session},
                 "/chat").json()
    assert follow["session"] == session
    assert follow["interpreted_as"] and "Joly" in follow["interpreted_as"]
    # Another session has no previous turn: the same words are asked as they are.
    other = ask(client, {"question": "What did she announce?"}, "/chat").json()
    assert other["session"] != session and other["interpreted_as"] is None
    # An unknown id starts a new conversation under a new id, never the one guessed.
    guessed = ask(client, {"question": QUESTION, "session": "guessed"}, "/chat").json()
    assert guessed["session"] != "guessed"
    assert any("expired or is unknown" in note for note in guessed["notes"])
    assert not any("expired" in note for note in follow["notes"])
    r = ask(client, {"question": QUESTION, "session": 7}, "/chat")
    assert r.status_code == 400 and "session must be" in r.json()["error"]


def test_sessions_are_bounded_and_expire() -> None:
    now = [0.0]
    made: list[object] = []

    def chat() -> Any:
        made.append(object())
        return made[-1]

    sessions = Sessions(chat, limit=3, ttl=60, clock=lambda: now[0])  # type: ignore[arg-type]
    ids = [sessions.get(None)[0] for _ in range(4)]
    assert len(sessions) == 3
    assert sessions.get(ids[0])[0] != ids[0]  # the oldest was forgotten
    assert sessions.get(ids[3]) == (ids[3], made[3])
    now[0] = 61
    assert len(sessions) == 0
    assert sessions.get(ids[3])[0] != ids[3]


def test_token_guards_the_api_not_the_page(bot: qa.Bot) -> None:
    with TestClient(make_app(bot, token="s3cret")) as c:
        body = {"question": QUESTION}
        r = ask(c, body)
        assert r.status_code == 401 and r.headers["www-authenticate"] == "Bearer"
        assert ask(c, body, authorization="Bearer wrong").status_code == 401
        assert ask(c, body, authorization="Basic s3cret").status_code == 401
        assert c.get("/health").status_code == 401
        assert ask(c, body, authorization="Bearer s3cret").status_code == 200
        assert c.get("/health", headers={"authorization": "Bearer s3cret"}).status_code == 200
        page = c.get("/")
        assert page.status_code == 200 and "default-src 'none'" in \
            page.headers["content-security-policy"]
        assert page.headers["x-content-type-options"] == "nosniff"


def test_an_exposed_host_without_a_token_is_refused() -> None:
    r = run_qa("serve", "--host", "0.0.0.0", "--corpus", str(SEEDS), timeout=60)
    assert r.returncode == 2
    assert r.stderr.startswith("qa: error: Refusing to serve on 0.0.0.0 without a token")
    assert "--token" in r.stderr and r.stderr.count("\n") == 1


def test_a_busy_port_is_refused(seed_index: Path) -> None:
    with qa_serve("--corpus", str(SEEDS), "--index", str(seed_index), "--no-refresh") as (
            url, _):
        port = url.rsplit(":", 1)[1]
        r = run_qa("serve", "--port", port, "--corpus", str(SEEDS), "--index",
                   str(seed_index), timeout=60)
    assert r.returncode == 2 and f"Port {port} on 127.0.0.1 is in use" in r.stderr


def test_the_real_server_answers_as_the_cli_does(seed_index: Path) -> None:
    """The issue's check: curl POST /ask gives what `qa -q --json` prints; /health says 3."""
    args = ("--corpus", str(SEEDS), "--index", str(seed_index), "--no-refresh")
    cli = run_qa("-q", QUESTION, "--json", *args)
    assert cli.returncode == 0, cli.stderr
    with qa_serve(*args) as (url, lines):
        r = httpx.post(f"{url}/ask", json={"question": QUESTION}, timeout=60)
        health = httpx.get(f"{url}/health", timeout=60).json()
    assert r.status_code == 200
    assert r.json() == json.loads(cli.stdout)
    assert r.json()["passages"][0]["citation"]["source"] == "The Canadian Press"
    assert health["articles"] == 3
    assert any("3 articles" in line for line in lines)


class SlowBot:
    """The real bot, whose questions wait until released: a slow question."""

    def __init__(self, bot: qa.Bot) -> None:
        self.bot = bot
        self.release = threading.Event()

    def ask(self, question: str, **options: Any) -> qa.Answer:
        self.release.wait(30)
        return self.bot.ask(question, **options)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.bot, name)


def test_slow_questions_do_not_hold_up_health(bot: qa.Bot) -> None:
    import uvicorn

    from qa.serve.server import bind, url_of

    slow = SlowBot(bot)
    sock = bind("127.0.0.1", 0)
    server = uvicorn.Server(uvicorn.Config(make_app(slow, workers=1),  # type: ignore[arg-type]
                                           log_level="warning"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    url = url_of(sock)
    try:
        while not server.started:
            time.sleep(0.05)
        with httpx.Client(timeout=60) as http:
            asking = [threading.Thread(target=http.post, args=(f"{url}/ask",),
                                       kwargs={"json": {"question": QUESTION}})
                      for _ in range(3)]
            for t in asking:
                t.start()
            time.sleep(0.5)
            start = time.monotonic()
            health = http.get(f"{url}/health")
            took = time.monotonic() - start
            assert health.status_code == 200 and health.json()["questions_waiting"] == 3
            assert took < 5, f"/health waited {took:.1f} s behind the questions"
            slow.release.set()
            for t in asking:
                t.join(60)
            assert http.get(f"{url}/health").json()["questions_waiting"] == 0
    finally:
        slow.release.set()
        server.should_exit = True
        thread.join(30)


def test_on_loopback_only_loopback_host_names_are_answered(bot: qa.Bot) -> None:
    """A page on another site that rebinds its name to 127.0.0.1 sends its own Host."""
    app = make_app(bot, hosts=allowed_hosts("127.0.0.1"))
    with TestClient(app, base_url="http://localhost:8000") as c:
        assert c.get("/health").status_code == 200
    with TestClient(app, base_url="http://127.0.0.1:8000") as c:
        assert c.get("/health").status_code == 200
    with TestClient(app, base_url="http://attacker.example:8000") as c:
        r = c.get("/health")
        assert r.status_code == 421 and "127.0.0.1" in r.json()["error"]
    assert allowed_hosts("0.0.0.0") is None
    # The address bound is a name it answers to as well.
    with TestClient(make_app(bot, hosts=allowed_hosts("127.0.0.2")),
                    base_url="http://127.0.0.2:8000") as c:
        assert c.get("/health").status_code == 200
    assert "[::1]" in allowed_hosts("0:0:0:0:0:0:0:1")  # type: ignore[operator]


def test_an_app_started_twice_answers_both_times(bot: qa.Bot) -> None:
    app = make_app(bot)
    for _ in range(2):
        with TestClient(app) as c:
            assert ask(c, {"question": QUESTION}).status_code == 200


def test_serving_a_stale_index_says_so_at_start(corpus_copy: Path, tmp_path: Path) -> None:
    index = tmp_path / "index"
    assert run_qa("index", "--corpus", str(corpus_copy), "--index", str(index)).returncode == 0
    (corpus_copy / "new.txt").write_text("Harbour news\n\nThe harbour reopened on Monday.\n")
    with qa_serve("--no-refresh", "--corpus", str(corpus_copy), "--index", str(index)) as (
            url, lines):
        assert httpx.get(f"{url}/health", timeout=60).json()["stale"] is True
    said = "".join(lines)
    assert "the index is stale (the corpus changed since the index was built)" in said
    assert f"qa index --corpus {corpus_copy} --index {index}" in said
