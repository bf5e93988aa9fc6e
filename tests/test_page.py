"""The chat page of `qa serve` in a real headless chromium, against the real server.

Each server is the real `qa serve --port 0` in a subprocess (real model, real index). Chromium
is driven over the DevTools protocol on a websocket: pages are loaded, typed into (Enter asks)
and clicked with real input events, and the DOM is read back. Skipped when chromium is not
installed; CI installs it.
"""

from __future__ import annotations

import contextlib
import itertools
import json
import shutil
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import pytest

from .conftest import SEEDS, qa_serve, stop
from .test_trust import ARTICLES, FLED

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (apt-get install "
                                                "chromium): the chat page is tested in it"),
]
ws_client = pytest.importorskip("websockets.sync.client",
                                reason="websockets is missing: pip install -e '.[dev]'")

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--window-size=1000,900", "--remote-debugging-port=0"]
TITLE = "qa: ask the articles"
TOKEN = "page-test-secret"
WAIT = 120.0
"""Seconds to wait for an answer: the machine may be busy."""
LOCAL = urllib.request.build_opener(urllib.request.ProxyHandler({}))
"""Requests to 127.0.0.1, never through a proxy the environment names."""
WATCH_CSP = ("window.violations = [];"
             "document.addEventListener('securitypolicyviolation',"
             " e => window.violations.push(e.violatedDirective + ' ' + e.blockedURI));")
"""Run before the page's own script: records what the Content-Security-Policy blocked."""

HOSTILE = """---
title: "Harbour council <script>window.pwned = 1</script> approves budget"
source: "Valley <b>Herald</b>"
date: 2024-03-02
---

🚢⚓🌊 Port news from the coast. 🌧️ The weather was wet all week, with storms 🌩️ rolling in
from the west and ferries 🛳️ held in port for two days. Fishermen 🎣 said the catch was the
smallest since the winter of 2019, and the market 🐟 closed early on Friday. The lighthouse
keeper 💡 counted eleven ships waiting outside the breakwater, more than at any time this year.
Shops on the quay 🛍️ reported few visitors, and the café by the slipway ☕ ran out of bread by
noon. Volunteers 🙋 cleared seaweed from the beach on Saturday morning, and the lifeboat crew
🚤 trained in the bay on Sunday afternoon.

The harbour council approved a budget of 4 million dollars <img src=x
onerror="document.title='pwned'"> for new piers, said the mayor Anna Berg.
<script>window.pwned = 1</script>

Work on the piers starts in May.
"""
"""Markup in every field, after emoji (two UTF-16 units each): offsets must still line up."""


@contextlib.contextmanager
def serving(*args: str | Path) -> Iterator[str]:
    """`qa serve --port 0 ARGS` in a subprocess for the duration; its base URL."""
    with qa_serve(*map(str, args), timeout=600) as (url, _):
        yield url


class Page:
    """One browser tab over the DevTools protocol."""

    def __init__(self, ws: Any) -> None:
        self.ws = ws
        self.ids = itertools.count(1)
        self.exceptions: list[str] = []
        self.send("Runtime.enable")
        self.send("Page.enable")
        self.send("Page.addScriptToEvaluateOnNewDocument", source=WATCH_CSP)

    def send(self, method: str, **params: Any) -> dict[str, Any]:
        """Call `method` and return its result; events met on the way are recorded."""
        call = next(self.ids)
        self.ws.send(json.dumps({"id": call, "method": method, "params": params}))
        while True:
            msg = json.loads(self.ws.recv(timeout=WAIT))
            if msg.get("method") == "Runtime.exceptionThrown":
                details = msg["params"]["exceptionDetails"]
                self.exceptions.append(details.get("exception", {}).get("description")
                                       or details["text"])
            if msg.get("id") == call:
                assert "error" not in msg, f"{method}: {msg['error']}"
                return msg["result"]

    def js(self, expression: str) -> Any:
        """The value of a JavaScript expression in the page."""
        result = self.send("Runtime.evaluate", expression=expression, returnByValue=True,
                           awaitPromise=True)
        assert "exceptionDetails" not in result, f"{expression}: {result['exceptionDetails']}"
        return result["result"].get("value")

    def wait(self, expression: str) -> Any:
        """Poll `expression` until it is truthy; its value."""
        deadline = time.monotonic() + WAIT
        while not (value := self.js(expression)):
            if time.monotonic() > deadline:
                shown = self.js("[...document.querySelectorAll('#status, #error')]"
                                ".map(e => e.textContent)")
                raise AssertionError(f"still false after {WAIT:.0f} s: {expression} "
                                     f"(status and error: {shown})")
            time.sleep(0.1)
        return value

    def goto(self, url: str) -> None:
        self.send("Page.navigate", url=url)
        self.wait("document.readyState === 'complete' && !!document.getElementById('log')")

    def text(self, selector: str) -> str:
        return self.js(f"document.querySelector({json.dumps(selector)}).textContent")

    def texts(self, selector: str) -> list[str]:
        return self.js(f"[...document.querySelectorAll({json.dumps(selector)})]"
                       ".map(e => e.textContent)")

    def type(self, selector: str, text: str) -> None:
        """Focus the field and type `text`, as a keyboard would."""
        self.js(f"document.querySelector({json.dumps(selector)}).focus()")
        self.send("Input.insertText", text=text)

    def press(self, key: str, code: int) -> None:
        event = {"key": key, "code": key, "windowsVirtualKeyCode": code}
        self.send("Input.dispatchKeyEvent", type="keyDown", **event,
                  **({"text": "\r"} if key == "Enter" else {}))
        self.send("Input.dispatchKeyEvent", type="keyUp", **event)

    def click(self, selector: str) -> None:
        """A mouse click in the middle of the element, which must be the one there (not
        covered by anything)."""
        x, y, hit = self.js(f"""(() => {{
            const el = document.querySelector({json.dumps(selector)});
            el.scrollIntoView({{block: "center"}});
            const r = el.getBoundingClientRect();
            const x = r.x + r.width / 2, y = r.y + r.height / 2;
            return [x, y, el.contains(document.elementFromPoint(x, y))];
        }})()""")
        assert hit, f"{selector} is covered"
        for kind in ("mousePressed", "mouseReleased"):
            self.send("Input.dispatchMouseEvent", type=kind, x=x, y=y, button="left",
                      clickCount=1)


class Browser:
    """A headless chromium listening for the DevTools protocol on a free port."""

    def __init__(self, profile: Path) -> None:
        assert CHROMIUM is not None
        self.proc = subprocess.Popen([CHROMIUM, *FLAGS, f"--user-data-dir={profile}",
                                      "about:blank"], stdin=subprocess.DEVNULL,
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        active = profile / "DevToolsActivePort"  # chromium writes its port there
        deadline = time.monotonic() + 60
        while len(lines := active.read_text().splitlines() if active.exists() else []) < 2:
            assert self.proc.poll() is None, f"chromium exited with {self.proc.returncode}"
            assert time.monotonic() < deadline, "chromium did not open its DevTools port"
            time.sleep(0.1)
        self.endpoint = f"http://127.0.0.1:{lines[0]}/json"

    def _call(self, path: str) -> bytes:
        request = urllib.request.Request(self.endpoint + path, method="PUT")
        with LOCAL.open(request, timeout=30) as reply:
            return reply.read()

    @contextlib.contextmanager
    def tab(self) -> Iterator[Page]:
        """A new tab (its own sessionStorage), closed afterwards."""
        target = json.loads(self._call("/new?about:blank"))
        try:
            with ws_client.connect(target["webSocketDebuggerUrl"], max_size=None, proxy=None,
                                   open_timeout=30) as ws:
                yield Page(ws)
        finally:
            self._call(f"/close/{target['id']}")

    def quit(self) -> None:
        stop(self.proc, timeout=30)


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Browser]:
    b = Browser(tmp_path_factory.mktemp("chromium"))
    yield b
    b.quit()


@pytest.fixture()
def page(browser: Browser) -> Iterator[Page]:
    """A fresh tab; afterwards, no script error and nothing the page's own policy blocked."""
    with browser.tab() as p:
        yield p
        assert p.exceptions == []
        assert p.js("window.violations") in ([], None)


@pytest.fixture(scope="module")
def seeds(seed_index: Path) -> Iterator[str]:
    """`qa serve` over the three seed articles."""
    with serving("--corpus", SEEDS, "--index", seed_index, "--no-refresh") as url:
        yield url


@pytest.fixture(scope="module")
def town(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`qa serve --token` over a town's news, indexed as the server starts: one article full
    of markup, and three on a flood that disagree on how many fled (as in test_trust)."""
    root = tmp_path_factory.mktemp("town")
    corpus = root / "corpus"
    corpus.mkdir()
    (corpus / "harbour.md").write_text(HOSTILE, encoding="utf-8")
    for name, (title, day, source, body) in ARTICLES.items():
        if name.startswith("flood"):
            (corpus / name).write_text(f"---\ntitle: {title}\ndate: {day}\nsource: {source}\n"
                                       f"---\n{body}\n")
    with serving("--corpus", corpus, "--index", root / "index", "--token", TOKEN) as url:
        yield url


def with_token(page: Page, url: str) -> None:
    """Open the page at `url` with the town's token already given in this tab."""
    page.goto(f"{url}/")
    page.js(f"sessionStorage.setItem('qa-token', {json.dumps(TOKEN)})")


def answer_shown(page: Page, turn: int = 1) -> str:
    """The answering sentence of the `turn`th reply, once it is on the page."""
    page.wait(f"document.querySelectorAll('#log .turn').length >= {turn}")
    return page.js(f"document.querySelector('#log .turn:nth-child({turn}) .answer')"
                   ".childNodes[1].textContent")


def test_a_link_asks_on_load(page: Page, seeds: str) -> None:
    page.goto(f"{seeds}/?q=Who+is+Canada%27s+foreign+affairs+minister%3F")
    answer = answer_shown(page)
    assert "Joly" in answer
    assert page.text(".passage.answers mark") == answer  # highlighted in its passage
    assert page.text(".answer button") == "[1]"
    assert "The Canadian Press — 2023-07-21 — ¶ 1" in page.text(".passage .meta")
    assert page.js("location.search") == "?q=Who+is+Canada%27s+foreign+affairs+minister%3F"
    assert page.js("document.activeElement.id") == "question"


def test_not_found_is_said(page: Page, seeds: str) -> None:
    page.goto(f"{seeds}/?q=How+old+is+Melanie+Joly%3F")
    page.wait("!!document.querySelector('#log .turn')")
    assert page.text(".answer") == ("Not found: the articles do not answer this question "
                                    "well.")
    assert page.text(".turn h3") == "Closest passages (they may not answer it)"
    assert page.js("document.querySelectorAll('.passage').length") > 0


def test_words_that_ask_nothing_are_said_to_ask_nothing(page: Page, seeds: str) -> None:
    page.goto(f"{seeds}/?q=drone+exports+Turkey")
    page.wait("!!document.querySelector('#log .turn')")
    assert "asks nothing" in page.text(".note")
    assert page.text(".answer") == "Not found: nothing was asked, so nothing is answered."


def test_a_follow_up_is_read_in_its_conversation(page: Page, seeds: str) -> None:
    page.goto(f"{seeds}/")
    page.type("#question", "Who is Canada's foreign affairs minister?")
    page.press("Enter", 13)
    assert "Joly" in answer_shown(page)
    page.type("#question", "What did she announce?")
    page.press("Enter", 13)
    answer_shown(page, 2)
    searched = page.text(".turn:nth-child(2) .interpreted")
    assert searched.startswith("Interpreted as: ") and "Joly" in searched
    shared = urlencode({"q": searched.removeprefix("Interpreted as: ")})
    assert page.js("location.search") == f"?{shared}"  # the link asks what was searched

    page.click("#new-conversation")
    assert page.js("document.querySelectorAll('#log .turn').length") == 0
    assert page.js("location.search") == ""
    page.type("#question", "What did she announce?")
    page.press("Enter", 13)
    answer_shown(page)
    assert page.js("document.querySelector('.interpreted')") is None  # asked as typed


def test_a_citation_opens_the_article_at_the_passage(page: Page, seeds: str) -> None:
    page.goto(f"{seeds}/?q=Why+did+Canada+suspend+export+permits+to+Turkey%3F")
    answer_shown(page)
    passage = page.text(".passage:nth-child(2) blockquote")
    page.click(".passage:nth-child(2) .cite")
    page.wait("document.getElementById('article').open")
    assert page.text("#article-body mark") == passage
    assert page.text("#article-title")
    in_view = page.js("""(() => {
        const box = document.getElementById('article').getBoundingClientRect();
        const mark = document.querySelector('#article-body mark').getBoundingClientRect();
        return mark.top >= box.top && mark.top < box.bottom;
    })()""")
    assert in_view
    page.press("Escape", 27)
    assert page.js("document.getElementById('article').open") is False


def test_the_token_is_asked_for_and_kept_for_the_tab(page: Page, town: str) -> None:
    page.goto(f"{town}/")
    page.type("#question", "How much was the harbour budget?")
    page.press("Enter", 13)
    page.wait("!document.getElementById('token-form').hidden")
    assert page.js("document.activeElement.id") == "token"
    page.type("#token", "wrong")
    page.press("Enter", 13)
    page.wait("document.getElementById('error').textContent.includes('refused')")
    page.type("#token", TOKEN)
    page.press("Enter", 13)
    assert "4 million" in answer_shown(page)
    assert page.js("sessionStorage.getItem('qa-token')") == TOKEN
    assert page.js("document.getElementById('error').hidden")


def assert_inert(page: Page) -> None:
    """No element came from article text, and none of its script ran."""
    assert page.js("document.querySelectorAll('script').length") == 1  # app.js alone
    assert page.js("document.querySelectorAll('img, b').length") == 0
    assert page.js("typeof window.pwned") == "undefined"
    assert page.js("document.title") == TITLE


def test_article_text_is_shown_never_run(page: Page, town: str) -> None:
    page.send("Page.setBypassCSP", enabled=True)  # the escaping alone must stop it
    with_token(page, town)
    page.goto(f"{town}/?q=How+much+was+the+harbour+budget%3F")
    answer = answer_shown(page)
    assert_inert(page)
    assert answer.startswith("The harbour council approved a budget of 4 million dollars "
                             "<img src=x")
    assert answer.endswith("<script>window.pwned = 1</script>")
    assert "Harbour council <script>window.pwned = 1</script> approves budget" in page.text(
        ".passage.answers .title")
    assert page.text(".passage.answers .meta").startswith("Valley <b>Herald</b> — 2024-03-02")

    # Every highlight is the sentence the server marked, though emoji come before it.
    request = urllib.request.Request(
        f"{town}/ask", data=json.dumps({"question": "How much was the harbour budget?"})
        .encode(), headers={"Content-Type": "application/json",
                            "Authorization": f"Bearer {TOKEN}"})
    with LOCAL.open(request, timeout=WAIT) as reply:
        asked = json.load(reply)
    passages = asked["passages"]
    assert page.texts(".passage mark") == [
        p["text"][p["highlight"]["start"]:p["highlight"]["end"]] for p in passages]

    page.click(".passage.answers .cite")
    page.wait("document.getElementById('article').open")
    assert page.text("#article-body mark") == passages[asked["answer"]["rank"] - 1]["text"]
    assert "<script>" in page.text("#article-title")
    assert_inert(page)


def test_other_sources_are_shown(page: Page, town: str) -> None:
    with_token(page, town)
    page.goto(f"{town}/?{urlencode({'q': FLED})}")
    assert "6,500" in answer_shown(page)
    supported, differ = page.texts(".agreement")
    assert supported.startswith("Also reported by: ") and "2024-03-0" in supported
    assert differ == "Sources differ: the answer above / 28,000 in National Wire 2024-03-05"


def test_what_a_date_preferred_is_shown(page: Page, seeds: str) -> None:
    page.goto(f"{seeds}/?q=What+did+Canada+suspend+in+2020%3F")
    answer_shown(page)
    assert page.text(".dates") == ("Searched: all articles, preferring those dated or "
                                   "mentioning 2020-01-01 to 2020-12-31")
