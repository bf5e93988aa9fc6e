"""News feeds as articles: feed files in the corpus, and `qa feed add|list|remove|pull` against
a feed server on 127.0.0.1 started by the tests (never the internet), the real model and the
real index."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

import pytest

import qa.feeds
from qa.articles import parse_text
from qa.errors import FeedError
from qa.feeds import items, state
from qa.feeds.download import fetch
from qa.formats import Doc
from qa.formats import feeds as feed_format

from .conftest import run_qa

Item = dict[str, str]

GAZETTE = "Harbour Gazette"
FERRY = {"id": "gazette-ferry", "title": "Port Elspeth council approves ferry terminal",
         "link": "https://gazette.example/ferry", "date": "Tue, 05 Mar 2024 23:30:00 -0500",
         "html": "<p>The town council of Port Elspeth voted on Tuesday to approve a new ferry "
                 "terminal costing 42 million dollars.</p><script>alert('pwned')</script>"
                 "<p>Construction is expected to begin in the spring and to take two years."
                 "</p>"}
BAKERY = {"id": "gazette-bakery", "title": "Quay Street bakery wins national sourdough award",
          "link": "https://gazette.example/bakery", "date": "Wed, 06 Mar 2024 08:00:00 GMT",
          "html": "<p>The Crumb and Kettle bakery won the national sourdough prize for its rye "
                  "loaf, the judges announced in Halifax.</p>"}
STORM = {"id": "gazette-storm", "title": "Winter storm closes the coastal highway",
         "link": "https://gazette.example/storm", "date": "Thu, 07 Mar 2024 06:15:00 GMT",
         "html": "<p>Route 9 along the coast was closed overnight after a winter storm sent "
                 "waves over the road.</p>"}
LIGHTHOUSE = {"id": "gazette-lighthouse", "title": "Old lighthouse reopens as a museum",
              "link": "https://gazette.example/lighthouse",
              "date": "Fri, 08 Mar 2024 10:00:00 GMT",
              "html": "<p>The Cape Morrow lighthouse reopened as a maritime museum, with a "
                      "restored lens that was made in Paris in 1871.</p>"}

JOURNAL = "Valley Science Journal"
SCIENCE = [
    {"id": "urn:vsj:frog", "title": "New glass frog species found in the cloud forest",
     "link": "https://vsj.example/frog", "date": "2024-02-10T09:00:00-08:00",
     "html": "<p>Biologists from Northfield University described a new species of glass "
             "frog, whose transparent skin shows its beating heart.</p>"},
    {"id": "urn:vsj:telescope", "title": "Ridgeback Observatory finishes telescope upgrade",
     "link": "https://vsj.example/telescope", "date": "2024-02-11T09:00:00Z",
     "html": "<p>The Ridgeback Observatory finished installing adaptive optics on its main "
             "telescope, sharpening its images of distant galaxies.</p>"},
    {"id": "urn:vsj:bees", "title": "Wild bee decline slows in apple orchards",
     "link": "https://vsj.example/bees", "date": "2024-02-12T09:00:00Z",
     "html": "<p>A five-year survey found that wild bee numbers in apple orchards fell more "
             "slowly once farmers planted strips of wildflowers.</p>"},
]


def rss(title: str, entries: list[Item]) -> bytes:
    body = "".join(
        f"<item><title>{escape(e['title'])}</title><link>{escape(e['link'])}</link>"
        + (f"<guid isPermaLink=\"false\">{escape(e['id'])}</guid>" if e["id"] else "")
        + f"<pubDate>{e['date']}</pubDate>"
        f"<description>{escape(e['html'])}</description></item>" for e in entries)
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
            f"<title>{escape(title)}</title><link>https://gazette.example/</link>"
            f"<description>News</description>{body}</channel></rss>").encode()


def atom(title: str, entries: list[Item]) -> bytes:
    body = "".join(
        f"<entry><title>{escape(e['title'])}</title><id>{escape(e['id'])}</id>"
        f"<link href={quoteattr(e['link'])}/><published>{e['date']}</published>"
        f"<updated>{e['date']}</updated><content type=\"html\">{escape(e['html'])}</content>"
        f"</entry>" for e in entries)
    return (f'<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
            f"<title>{escape(title)}</title><id>urn:vsj</id><updated>2024-02-12T09:00:00Z"
            f"</updated>{body}</feed>").encode()


# --- a feed server on 127.0.0.1 ----------------------------------------------------------------

Route = Callable[[BaseHTTPRequestHandler], None]


class FeedServer:
    """An HTTP server on a free port of 127.0.0.1: routes by path, every request recorded."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.seen: list[tuple[str, dict[str, str], int]] = []
        """(path, request headers, status answered) of each request."""
        self.release = threading.Event()
        """Set on the way out: a deliberately slow answer stops waiting."""
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 -- http.server's name
                route = server.routes.get(self.path)
                if route is None:
                    self.send_error(404)
                    server.seen.append((self.path, dict(self.headers), 404))
                    return
                route(self)

            def log_message(self, *args: object) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.httpd.serve_forever, args=(0.05,),
                                       daemon=True)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.httpd.server_port}{path}"

    def note(self, handler: BaseHTTPRequestHandler, status: int) -> None:
        self.seen.append((handler.path, dict(handler.headers), status))

    def feed(self, body: bytes, etag: str) -> Route:
        """A feed that answers 304 to a request naming its current ETag."""
        def route(h: BaseHTTPRequestHandler) -> None:
            if h.headers.get("If-None-Match") == etag:
                h.send_response(304)
                h.send_header("ETag", etag)
                h.end_headers()
                self.note(h, 304)
                return
            h.send_response(200)
            h.send_header("Content-Type", "application/rss+xml")
            h.send_header("ETag", etag)
            h.send_header("Content-Length", str(len(body)))
            h.end_headers()
            h.wfile.write(body)
            self.note(h, 200)
        return route

    def slow(self, h: BaseHTTPRequestHandler) -> None:
        """Says nothing for 10 s (or until the test ends)."""
        self.note(h, 0)
        self.release.wait(10)

    def huge(self, h: BaseHTTPRequestHandler, size: int = 50 * 1024 * 1024) -> None:
        """50 MB of a feed-looking body, streamed without a Content-Length."""
        h.send_response(200)
        h.send_header("Content-Type", "application/rss+xml")
        h.end_headers()
        chunk = b"<!-- padding -->" * 4096
        sent = 0
        try:
            h.wfile.write(b'<rss version="2.0"><channel><title>Huge</title>')
            while sent < size:
                h.wfile.write(chunk)
                sent += len(chunk)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the reader stopped at its cap, as it should
        self.note(h, sent)

    def broken(self, h: BaseHTTPRequestHandler) -> None:
        body = b'<rss version="2.0"><channel><title>Broken</title><item><title>Half'
        h.send_response(200)
        h.send_header("Content-Length", str(len(body)))
        h.end_headers()
        h.wfile.write(body)
        self.note(h, 200)


@pytest.fixture()
def server() -> Iterator[FeedServer]:
    s = FeedServer()
    s.thread.start()
    yield s
    s.release.set()
    s.httpd.shutdown()
    s.httpd.server_close()


def article_files(corpus: Path) -> dict[Path, int]:
    """Every file an index reads (not hidden), with its mtime."""
    return {p: p.stat().st_mtime_ns for p in corpus.rglob("*")
            if p.is_file() and not any(part.startswith(".") for part in p.parts)}


def pull(corpus: Path, index: Path, *more: str) -> tuple[int, dict, str]:
    r = run_qa("feed", "pull", "--corpus", str(corpus), "--index", str(index), "--json", *more)
    assert "Traceback" not in r.stderr, r.stderr
    return r.returncode, json.loads(r.stdout), r.stderr


def ask(corpus: Path, index: Path, question: str) -> dict:
    r = run_qa("-q", question, "--corpus", str(corpus), "--index", str(index), "--json",
               "--no-refresh")
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout)


# --- feed files in the corpus --------------------------------------------------------------------


def test_feed_files_are_articles_cited_with_title_feed_date_and_link(tmp_path: Path) -> None:
    corpus, index = tmp_path / "corpus", tmp_path / "index"
    corpus.mkdir()
    (corpus / "gazette.xml").write_bytes(rss(GAZETTE, [FERRY, BAKERY, STORM]))
    (corpus / "science.atom").write_bytes(atom(JOURNAL, SCIENCE))
    (corpus / "sitemap.xml").write_text('<?xml version="1.0"?><urlset><url><loc>https://a.example/'
                                        "</loc></url></urlset>")
    qa.feeds.add(corpus, "https://gazette.example/rss")  # feeds.opml: a list, not an article
    r = run_qa("index", "--corpus", str(corpus), "--index", str(index), "--json")
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["articles"] == 6
    assert r.stderr.splitlines() == ["qa: sitemap.xml: skipped: not an RSS or Atom feed"]

    out = ask(corpus, index, "How much will the Port Elspeth ferry terminal cost?")
    cited = out["passages"][0]["citation"]
    assert cited["title"] == FERRY["title"] and cited["source"] == GAZETTE
    assert cited["date"] == "2024-03-05"  # the publisher's day, not UTC's (03-06)
    assert cited["link"] == FERRY["link"]
    assert cited["article_id"] == "gazette.xml#gazette-ferry"
    assert "alert" not in out["passages"][0]["text"]
    frog = ask(corpus, index, "What did Northfield University biologists describe?")
    cited = frog["passages"][0]["citation"]
    assert (cited["title"], cited["source"], cited["date"], cited["link"]) == (
        SCIENCE[0]["title"], JOURNAL, "2024-02-10", SCIENCE[0]["link"])
    assert cited["article_id"] == "science.atom#urn:vsj:frog"


def test_item_fields_html_and_ids() -> None:
    raw = rss("Feed", [
        {**FERRY, "html": "<div>One<br>line<br><br>Two &amp; <b>bold</b><style>p{}</style>"
                          "<ul><li>a</li><li>b</li></ul><!-- note --></div>"},
        {**BAKERY, "id": ""},  # no guid: the link is its id
    ])
    feed = feed_format.parse(raw)
    first, second = feed.docs
    assert feed.title == "Feed" and first.source == "Feed"
    assert first.text == "One line\n\nTwo & bold\n\na\n\nb"
    assert (first.key, first.date, first.link) == (FERRY["id"], "2024-03-05", FERRY["link"])
    assert second.key == BAKERY["link"]
    relative = rss("Feed", [{**STORM, "link": "/storm"}])
    assert feed_format.parse(relative).docs[0].link == "/storm"  # dropped when cleaned
    assert feed_format.parse(relative, base="https://g.example/rss").docs[0].link == (
        "https://g.example/storm")
    bare = (b'<rss version="2.0"><channel><title>F</title><item><description>Only text.'
            b"</description></item></channel></rss>")
    (doc,) = feed_format.parse(bare).docs
    assert (doc.headline, doc.text, doc.link) == (None, "Only text.", None)
    assert doc.key == feed_format.parse(bare).docs[0].key and len(doc.key or "") == 16


def test_not_a_feed_is_one_problem_never_a_crash(tmp_path: Path) -> None:
    elsewhere = tmp_path / "secret.xml"
    elsewhere.write_bytes(rss("Secret", [FERRY]))
    cases = {
        b"<urlset><url/></urlset>": "skipped: not an RSS or Atom feed",
        b"plain words, no XML": "skipped: not an RSS or Atom feed (syntax error)",
        b'<rss version="2.0"><channel><item><title>Half': "skipped: malformed feed",
        b'<opml version="2.0"><body/></opml>': "skipped: an OPML list of feeds",
        # feedparser opens bytes that name a file: the reader never lets it.
        str(elsewhere).encode(): "skipped: not an RSS or Atom feed",
    }
    for raw, problem in cases.items():
        docs, problems = feed_format.read(raw)
        assert docs == [] and len(problems) == 1 and problems[0].startswith(problem), raw


def test_stored_item_reads_back_as_itself() -> None:
    nasty = "---\nkey: 'x' # \"y\" ... : [z] {w} &a *b !c %d @e `f` 2024-01-01"
    doc = Doc(text="First paragraph.\n\n---\n\nSecond: paragraph.", headline=nasty,
              date="2024-03-05", source="yes", link="javascript:alert(1)", key="k")
    raw = items.render(doc, "https://feed.example/rss").decode()
    article = parse_text("f.md", raw, "h", markdown=True)
    assert article is not None
    assert article.headline == " ".join(nasty.split()) and article.source == "yes"
    assert article.date == "2024-03-05" and article.link is None
    assert article.body == "First paragraph.\n\n---\n\nSecond: paragraph."


# --- qa feed ---------------------------------------------------------------------------------


def test_pull_stores_and_indexes_and_a_second_pull_writes_nothing(
        tmp_path: Path, server: FeedServer) -> None:
    corpus, index = tmp_path / "corpus", tmp_path / "index"
    server.routes["/gazette.xml"] = server.feed(rss(GAZETTE, [FERRY, BAKERY, STORM]), '"g1"')
    url = server.url("/gazette.xml")
    r = run_qa("feed", "add", url, "--corpus", str(corpus))
    assert r.returncode == 0 and r.stdout.startswith(f"Added {url}\n"), r.stderr
    assert server.seen == []  # adding fetches nothing

    code, out, err = pull(corpus, index)
    assert code == 0 and err == "", err
    assert (out["added"], out["failed"], out["feeds"][0]["title"]) == (3, 0, GAZETTE)
    assert out["index"]["articles"] == 3 and out["index"]["notices"] == []
    stored = sorted((corpus / "feeds").rglob("*.md"))
    assert len(stored) == 3 and all(p.parent == stored[0].parent for p in stored)
    ferry = next(p for p in stored if p.name.startswith("port-elspeth"))
    assert 'link: https://gazette.example/ferry' in ferry.read_text()
    assert "alert" not in ferry.read_text() and "<p>" not in ferry.read_text()
    before = article_files(corpus)

    code, out, err = pull(corpus, index)
    assert code == 0 and out["feeds"][0]["not_modified"] and out["added"] == 0, err
    assert (out["index"]["added"], out["index"]["updated"], out["index"]["unchanged"]) == (0, 0, 3)
    assert server.seen[-1][1].get("If-None-Match") == '"g1"' and server.seen[-1][2] == 304
    assert "qa/" in server.seen[-1][1]["User-Agent"]
    assert article_files(corpus) == before  # not one file written or touched

    # The item is edited, one is new, one left the feed: stored files follow, none is lost.
    edited = {**FERRY, "html": FERRY["html"].replace("42 million", "57 million")}
    server.routes["/gazette.xml"] = server.feed(rss(GAZETTE, [edited, BAKERY, LIGHTHOUSE]),
                                                '"g2"')
    code, out, err = pull(corpus, index)
    assert code == 0, err
    assert [out["feeds"][0][k] for k in ("added", "updated", "unchanged")] == [1, 1, 1]
    assert (out["index"]["articles"], out["index"]["added"], out["index"]["updated"]) == (4, 1, 1)
    assert "57 million" in ferry.read_text()
    answer = ask(corpus, index, "Where was the restored lighthouse lens made?")
    cited = answer["passages"][0]["citation"]
    assert (cited["title"], cited["source"], cited["link"]) == (
        LIGHTHOUSE["title"], GAZETTE, LIGHTHOUSE["link"])

    r = run_qa("feed", "list", "--corpus", str(corpus), "--json")
    (listed,) = json.loads(r.stdout)["feeds"]
    assert (listed["title"], listed["items"], listed["error"]) == (GAZETTE, 4, None)
    assert listed["pulled_at"]


def test_failing_feeds_are_one_line_each_and_the_rest_is_stored(
        tmp_path: Path, server: FeedServer) -> None:
    corpus, index = tmp_path / "corpus", tmp_path / "index"
    server.routes.update({"/gazette.xml": server.feed(rss(GAZETTE, [FERRY, BAKERY, STORM]),
                                                      '"g"'),
                          "/slow.xml": server.slow, "/huge.xml": server.huge,
                          "/broken.xml": server.broken})
    bad = {"/missing.xml": "HTTP 404", "/slow.xml": "no complete answer within 1 s",
           "/huge.xml": "larger than the 10,485,760-byte cap",
           "/broken.xml": "malformed feed ("}
    for path in ["/gazette.xml", *bad]:
        qa.feeds.add(corpus, server.url(path))

    code, out, err = pull(corpus, index, "--timeout", "1")
    assert code == 1
    lines = err.splitlines()
    assert len(lines) == len(bad), err
    for line, (path, reason) in zip(lines, bad.items(), strict=True):
        assert line.startswith(f"qa: feed {server.url(path)}: {reason}"), line
    assert "`qa feed remove` it" in lines[0] and "--timeout" in lines[1]
    assert out["added"] == 3 and out["failed"] == 4 and out["index"]["articles"] == 3
    huge_sent = next(status for path, _, status in server.seen if path == "/huge.xml")
    assert huge_sent < 50 * 1024 * 1024  # the reader hung up at its cap
    cited = ask(corpus, index, "Which bakery won the sourdough prize?")["passages"][0]
    assert cited["citation"]["title"] == BAKERY["title"]
    errors = {f.url: f.error for f in qa.feeds.list_feeds(corpus)}
    assert errors[server.url("/gazette.xml")] is None
    assert errors[server.url("/missing.xml")].startswith("HTTP 404")


def test_only_http_feeds_and_one_line_errors(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    for target in ("file:///etc/passwd", "javascript:alert(1)", "ftp://a.example/f.xml",
                   "http://", "not a url"):
        r = run_qa("feed", "add", target, "--corpus", str(corpus))
        assert r.returncode == 2 and r.stdout == "", target
        assert r.stderr.startswith("qa: error: ") and r.stderr.count("\n") == 1, r.stderr
        assert "http(s) address" in r.stderr
    r = run_qa("feed", "pull", "--corpus", str(corpus))
    assert r.returncode == 2 and "qa feed add URL" in r.stderr
    r = run_qa("feed", "remove", "https://a.example/rss", "--corpus", str(corpus))
    assert r.returncode == 2 and "qa feed list" in r.stderr
    r = run_qa("feed", "pull", "--bogus", "--corpus", str(corpus))
    assert r.returncode == 2 and "See `qa feed pull --help`" in r.stderr


def test_opml_import_list_and_remove(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    exported = tmp_path / "reader.opml"
    exported.write_text(
        '<?xml version="1.0"?><opml version="1.0"><body><outline text="News">'
        '<outline text="Gazette &amp; Co" xmlUrl="https://gazette.example/rss"/>'
        '<outline text="Local" xmlUrl="file:///etc/passwd"/></outline>'
        '<outline title="Journal" xmlUrl="https://vsj.example/atom"/>'
        '<outline xmlUrl="https://x.example/rss"/></body></opml>')
    r = run_qa("feed", "add", str(exported), "--corpus", str(corpus))
    assert r.returncode == 0, r.stderr
    assert r.stderr.count("\n") == 1 and "file:///etc/passwd" in r.stderr
    assert r.stdout.splitlines()[-1].startswith("3 feeds in ")
    again = qa.feeds.add(corpus, str(exported))
    assert again.added == () and len(again.already) == 3
    listed = qa.feeds.list_feeds(corpus)
    assert [(f.title, f.items, f.pulled_at) for f in listed] == [
        ("Gazette & Co", 0, None), ("Journal", 0, None), (None, 0, None)]
    removed = qa.feeds.remove(corpus, "https://vsj.example/atom")
    assert removed.items == 0
    assert [f.url for f in qa.feeds.list_feeds(corpus)] == [
        "https://gazette.example/rss", "https://x.example/rss"]


def test_an_opml_file_never_reads_an_entity(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET")
    hostile = tmp_path / "hostile.opml"
    hostile.write_text(
        f'<?xml version="1.0"?><!DOCTYPE opml [<!ENTITY x SYSTEM "file://{secret}">]>'
        '<opml version="1.0"><body><outline xmlUrl="https://x.example/rss">&x;</outline>'
        '<outline text="&x;" xmlUrl="https://y.example/rss"/></body></opml>')
    with pytest.raises(FeedError) as caught:
        qa.feeds.add(tmp_path / "corpus", str(hostile))
    assert "TOP-SECRET" not in str(caught.value) and "\n" not in str(caught.value)


def test_a_second_pull_at_once_is_refused(tmp_path: Path) -> None:
    qa.feeds.add(tmp_path, "https://gazette.example/rss")
    with state.pulling(tmp_path), pytest.raises(FeedError, match="Another `qa feed pull`"):
        qa.feeds.pull(tmp_path)


def test_fetch_redirects_to_other_schemes_are_refused(server: FeedServer) -> None:
    def redirect(h: BaseHTTPRequestHandler) -> None:
        h.send_response(302)
        h.send_header("Location", "file:///etc/passwd")
        h.end_headers()
    server.routes["/moved.xml"] = redirect
    with pytest.raises(FeedError, match="HTTP 302"):
        fetch(server.url("/moved.xml"), timeout=5)


def test_watch_pulls_feeds_on_a_schedule_and_indexes_their_items(
        tmp_path: Path, server: FeedServer) -> None:
    """`qa index --watch --pull-every 10s`: the first pull comes at once, its items are
    indexed, and a question about one is answered from the feed's item."""
    import signal
    import subprocess
    import time

    from tests.conftest import QA_CTRL_C, ROOT

    corpus, index = tmp_path / "corpus", tmp_path / "index"
    (corpus / "notes").mkdir(parents=True)
    (corpus / "notes" / "desk.txt").write_text("Desk notes\n\nThe newsroom moved floors.\n")
    server.routes["/gazette.xml"] = server.feed(rss(GAZETTE, [FERRY, LIGHTHOUSE]), '"g1"')
    assert run_qa("feed", "add", server.url("/gazette.xml"), "--corpus",
                  str(corpus)).returncode == 0
    proc = subprocess.Popen([*QA_CTRL_C, "index", "--watch", "--pull-every", "10s",
                             "--corpus", str(corpus), "--index", str(index)], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            r = run_qa("-q", "Where was the restored lighthouse lens made?", "--corpus",
                       str(corpus), "--index", str(index), "--json", "--no-refresh")
            if r.returncode == 0 and "Paris" in r.stdout:
                break
            time.sleep(0.5)
        citation = json.loads(r.stdout)["passages"][0]["citation"]
        assert citation["link"] == LIGHTHOUSE["link"] and citation["source"] == GAZETTE
    finally:
        proc.send_signal(signal.SIGINT)
        out = proc.communicate(timeout=30)[0]
    assert proc.returncode == 0, out
    assert "pulling feeds every 10 s" in out and "pulled 1 feed: 2 new items" in out


def test_a_feeds_folder_that_cannot_be_written_is_one_line(tmp_path: Path,
                                                           server: FeedServer) -> None:
    corpus = tmp_path / "corpus"
    server.routes["/gazette.xml"] = server.feed(rss(GAZETTE, [FERRY]), '"g1"')
    assert run_qa("feed", "add", server.url("/gazette.xml"), "--corpus",
                  str(corpus)).returncode == 0
    (corpus / "feeds").write_text("a file where the feeds folder goes")
    r = run_qa("feed", "pull", "--corpus", str(corpus), "--no-index")
    assert r.returncode == 2 and "Traceback" not in r.stderr
    assert r.stderr.startswith(f"qa: error: Cannot write the feeds of {corpus}")
    assert r.stderr.count("\n") == 1


def test_a_public_feed_never_redirects_qa_to_this_machine() -> None:
    """A hostile feed's redirect to a local server (qa serve itself) is not followed; one
    between two public addresses, or two local ones (a test server), is. No request is sent:
    the handler is asked directly, with address literals (no name lookup)."""
    import urllib.request

    from qa.feeds.download import _Redirects, is_internal

    handler = _Redirects()

    def follow(start: str, target: str) -> object:
        return handler.redirect_request(urllib.request.Request(start), None, 302, "Found",
                                        {}, target)

    with pytest.raises(FeedError, match="redirects to an address on this machine"):
        follow("http://8.8.8.8/feed.xml", "http://127.0.0.1:8000/ask")
    with pytest.raises(FeedError):
        follow("http://8.8.8.8/feed.xml", "http://localhost/feed.xml")
    with pytest.raises(FeedError):
        follow("http://8.8.8.8/feed.xml", "http://[::1]:8000/")
    assert follow("http://8.8.8.8/feed.xml", "http://8.8.4.4/feed.xml") is not None
    assert follow("http://127.0.0.1:9/a.xml", "http://127.0.0.1:9/b.xml") is not None
    assert is_internal("10.1.2.3") and is_internal("169.254.1.1") and not is_internal("1.1.1.1")
