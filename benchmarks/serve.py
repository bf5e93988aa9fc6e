"""Load and fault benchmark of `qa serve` on the bbc folder: POST /ask under 1, 8 and 32
clients, GET /health while 32 clients ask, clients that hang up, and 1,000 bad requests.

    python benchmarks/serve.py [--workers 2] [--requests 200] [--bad 1000] [--quick]
                               [--corpus DIR] [--index DIR]

The real server runs as a subprocess (`python -m qa.cli serve --port 0 --no-refresh`) on an
index built once and kept in --index (a fresh one is only checked, which takes seconds); it is
stopped at the end, also on an error or Ctrl+C.  The questions are the tune split of
tests/data/answers (never heldout).  Each is asked once first: those replies are the reference
every later reply must equal (same answer text, same cited passages), and the first is checked
against `qa -q --json` in a separate process.

Load: --requests POST /ask per level from 1, 8 and 32 client threads (one keep-alive httpx
connection each); GET /health and, as a control that touches no disk, GET /openapi.json every
50 ms while 32 clients ask, against the same when idle.
Faults: clients that hang up mid-request (after the request, with a reset, mid-body,
mid-headers, and a burst of 16 at once), then a check that the server still answers right; then
--bad bad requests, each with the status it must get, shuffled with good ones and sent from 8
clients.  Counted: crashes (the process died, or a 5xx), no replies, wrong answers, wrong
statuses, and the server's resident memory (VmRSS) warm, after the load and after the faults.
Every loop stops at a count and at a time limit.  Exits 1 on any crash, wrong answer or wrong
status.  Timings on a shared machine are noisy: compare runs, not single figures.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import signal
import socket
import struct
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
from _common import ROOT, need_shared, pct, save, table

from qa.serve.app import MAX_BODY
from qa.vocab import MAX_K, MAX_QUESTION_CHARS

QA = [sys.executable, "-m", "qa.cli"]
TUNE = ROOT / "tests" / "data" / "answers" / "tune" / "bbc.jsonl"
BANNER = re.compile(r"qa: serving (http://\S+) ")
TIMEOUT = 60.0
"""Seconds one request may take before it counts as no reply."""
LEVELS = (1, 8, 32)
FAULT_CLIENTS = 8
GOOD_PER_BAD = 0.25
"""Good questions mixed into the bad requests, per bad one."""
HEALTH_EVERY = 0.05
SHOWN = 8
"""Failed requests printed (all are in the results file)."""


# -- the server ------------------------------------------------------------------------------


class Server:
    """`qa serve` in a subprocess: its address, its log, its memory and CPU time."""

    def __init__(self, corpus: Path, index: Path, workers: int) -> None:
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(
            p for p in (str(ROOT), os.environ.get("PYTHONPATH")) if p)}
        cmd = [*QA, "serve", "--port", "0", "--corpus", str(corpus), "--index", str(index),
               "--workers", str(workers), "--no-refresh"]
        self.proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                     stderr=subprocess.PIPE, text=True, env=env, cwd=ROOT,
                                     start_new_session=True, preexec_fn=_die_with_parent)
        self.log: list[str] = []
        self.url = ""
        self._ready = threading.Event()
        threading.Thread(target=self._read_log, daemon=True).start()

    def _read_log(self) -> None:
        assert self.proc.stderr is not None
        for line in self.proc.stderr:  # ends when the server exits
            self.log.append(line.rstrip("\n"))
            found = BANNER.search(line)
            if found and not self.url:
                self.url = found.group(1)
                self._ready.set()
        self._ready.set()

    def wait_ready(self, seconds: float) -> None:
        if not self._ready.wait(seconds) or not self.url:
            tail = "\n".join(self.log[-15:])
            raise RuntimeError(f"qa serve did not start within {seconds:.0f} s:\n{tail}")

    @property
    def address(self) -> tuple[str, int]:
        host, port = self.url.removeprefix("http://").rsplit(":", 1)
        return host, int(port)

    def alive(self) -> bool:
        return self.proc.poll() is None

    def memory_mb(self) -> tuple[float, float]:
        """(VmRSS, VmHWM) in MB: resident now, and the peak (NaN once it is gone)."""
        try:
            status = Path(f"/proc/{self.proc.pid}/status").read_text()
        except OSError:
            return float("nan"), float("nan")
        kb = {k: int(v.split()[0]) for k, v in re.findall(r"^(VmRSS|VmHWM):\s+(.*)$", status,
                                                          re.M)}
        nan = float("nan")  # a zombie (dead, not yet reaped) has no VmRSS
        return kb.get("VmRSS", nan) / 1024, kb.get("VmHWM", nan) / 1024

    def cpu_seconds(self) -> float:
        """User + system CPU time of every thread of the server so far (NaN once gone)."""
        try:
            fields = Path(f"/proc/{self.proc.pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            return float("nan")
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def failures(self) -> list[str]:
        """The log lines of requests the server failed on (its log.exception lines)."""
        return [line for line in self.log if line.startswith("qa serve:") and "failed" in line]

    def stop(self) -> tuple[int | None, float]:
        """Ctrl+C, then SIGKILL after 20 s; (exit code, seconds it took)."""
        t0 = time.monotonic()
        if self.alive():
            self.proc.send_signal(signal.SIGINT)
            try:
                self.proc.wait(20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(20)
        return self.proc.returncode, time.monotonic() - t0


def _die_with_parent() -> None:
    """In the child: SIGTERM when the benchmark dies, even by SIGKILL (Linux only)."""
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(1, int(signal.SIGTERM))  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


# -- requests --------------------------------------------------------------------------------


@dataclass
class Req:
    """One request and what it must get."""

    kind: str
    expected: int
    method: str = "POST"
    path: str = "/ask"
    content_type: str | None = "application/json"
    body: bytes | Callable[[], Iterator[bytes]] = b""
    """Bytes, or a generator function for a chunked body with no Content-Length."""
    raw: bytes = b""
    """Sent as is on a fresh socket instead (malformed HTTP)."""
    ref: str = ""
    """For a good request: the key of its reference answer."""
    json_error: bool = True
    """A 4xx must carry {"error": "..."} (not so for HEAD, nor h11's own 400)."""


@dataclass
class Result:
    req: Req
    status: int | None
    seconds: float
    body: bytes = b""
    error: str = ""
    verdict: str = field(default="")


def ask(question: str, kind: str = "good", **extra: Any) -> Req:
    return Req(kind, 200, body=_json({"question": question, **extra}), ref=question)


def _json(obj: object, ascii_only: bool = True) -> bytes:
    return json.dumps(obj, ensure_ascii=ascii_only).encode("utf-8")


def send(client: httpx.Client, req: Req, address: tuple[str, int]) -> Result:
    t0 = time.perf_counter()
    try:
        if req.raw:
            status, body = _send_raw(address, req.raw)
        else:
            headers = {"content-type": req.content_type} if req.content_type else {}
            content = req.body() if callable(req.body) else req.body
            reply = client.request(req.method, req.path, content=content, headers=headers)
            status, body = reply.status_code, reply.content
    except (httpx.HTTPError, OSError) as exc:
        return Result(req, None, time.perf_counter() - t0, error=type(exc).__name__)
    return Result(req, status, time.perf_counter() - t0, body)


def _send_raw(address: tuple[str, int], data: bytes) -> tuple[int | None, bytes]:
    with socket.create_connection(address, timeout=10) as sock:
        sock.sendall(data)
        sock.shutdown(socket.SHUT_WR)
        reply = b""
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and len(reply) < 1 << 20:
            chunk = sock.recv(65536)
            if not chunk:
                break
            reply += chunk
    head, _, body = reply.partition(b"\r\n\r\n")
    found = re.match(rb"HTTP/1\.[01] (\d{3})", head)
    return (int(found.group(1)) if found else None), body


@dataclass
class Run:
    results: list[Result]
    seconds: float
    """Wall time from the moment every client was connected-ready to the last reply."""
    server_cpu: float
    """CPU seconds the server used meanwhile (all its threads)."""
    bench_cpu: float
    """CPU seconds this process (the clients) used meanwhile."""


def run_clients(server: Server, clients: int, reqs: list[Req], seconds: float) -> Run:
    """Send `reqs` in order from `clients` threads, each on its own keep-alive connection,
    until they are all sent or `seconds` pass.  The clocks start once every client is made
    (an httpx.Client costs milliseconds of CPU: its TLS context)."""
    url, address = server.url, server.address
    results: list[Result] = []
    queue = iter(reqs)
    lock = threading.Lock()
    start = threading.Barrier(clients + 1)
    deadline = [0.0]

    def client() -> None:
        with httpx.Client(base_url=url, timeout=TIMEOUT) as http:
            start.wait()
            while time.monotonic() < deadline[0]:
                with lock:
                    req = next(queue, None)
                if req is None:
                    return
                result = send(http, req, address)
                with lock:
                    results.append(result)

    threads = [threading.Thread(target=client, daemon=True) for _ in range(clients)]
    for t in threads:
        t.start()
    deadline[0] = time.monotonic() + 10 * seconds  # the clients' creation is not counted
    start.wait()
    deadline[0] = time.monotonic() + seconds
    t0, cpu0, mine0 = time.perf_counter(), server.cpu_seconds(), time.process_time()
    for t in threads:
        t.join(seconds + TIMEOUT + 5)
    with lock:
        done = list(results)
    return Run(done, time.perf_counter() - t0, server.cpu_seconds() - cpu0,
               time.process_time() - mine0)


def fingerprint(reply: dict[str, Any]) -> tuple[object, ...]:
    """What must not change between two replies to one question: the answer's text and the
    passages cited (article, paragraph, span), in order."""
    answer = reply.get("answer") or {}
    cited = tuple((p["citation"]["article_id"], p["citation"]["paragraph"],
                   p["citation"]["start"], p["citation"]["end"]) for p in reply["passages"])
    return answer.get("text"), cited


def judge(result: Result, refs: dict[str, dict[str, Any]]) -> str:
    """'ok', 'crash' (5xx), 'no reply', 'wrong answer', 'wrong status', 'bad error body', or
    'ok, other fields differ' (same answer and citations, e.g. a score in its 4th decimal)."""
    req, status = result.req, result.status
    if status is None:
        return "no reply"
    if status >= 500:
        return "crash"
    if status != req.expected:
        return "wrong status"
    if req.ref:
        try:
            reply = json.loads(result.body)
            same = fingerprint(reply) == fingerprint(refs[req.ref])
        except (ValueError, KeyError, TypeError):
            return "wrong answer"
        if not same:
            return "wrong answer"
        return "ok" if reply == refs[req.ref] else "ok, other fields differ"
    if req.json_error and req.method != "HEAD":
        try:
            error = json.loads(result.body)
        except ValueError:
            return "bad error body"
        if not (isinstance(error, dict) and isinstance(error.get("error"), str)):
            return "bad error body"
    return "ok"


# -- the bad requests ------------------------------------------------------------------------


def bad_kinds(rng: random.Random, questions: list[str]
              ) -> list[tuple[str, int, Callable[[], Req]]]:
    """(kind, status it must get, a maker of one such request, varied by `rng`)."""

    def q() -> str:
        return rng.choice(questions)

    def post(kind: str, status: int, body: bytes, content_type: str | None = "application/json",
             path: str = "/ask") -> Req:
        return Req(kind, status, path=path, content_type=content_type, body=body)

    def field_value(kind: str, name: str, values: list[Any], raw: tuple[str, ...] = ()
                    ) -> Req:
        options = [_json({"question": q(), name: v}) for v in values]
        options += [f'{{"question": "x", "{name}": {r}}}'.encode() for r in raw]
        return post(kind, 400, rng.choice(options))

    def malformed() -> Req:
        good = _json({"question": q()})
        return post("malformed JSON", 400, rng.choice([
            good[:rng.randrange(1, len(good))], good + b" trailing", b"", b"{",
            b"{'question': 'x'}", b'{"question": "x",}', b'{"question": x}', b"\x00" * 8]))

    def nested() -> Req:
        depth = rng.randrange(2_000, (MAX_BODY - 16) // 6)  # under MAX_BODY either way
        return post("deeply nested JSON", 400, rng.choice([
            b'{"question": ' + b"[" * depth + b"]" * depth + b"}", b"[" * depth,
            b'{"a":' * depth + b"1" + b"}" * depth]))

    def not_utf8() -> Req:
        text = json.dumps({"question": q() + " café"}, ensure_ascii=False)
        return post("not UTF-8", 400, rng.choice([
            text.encode("latin-1"), text.encode("utf-16"), b"\xef\xbb\xbf" + text.encode(),
            b'{"question": "\xff\xfe\xfd"}']))

    def content_type() -> Req:
        kind, body = rng.choice([
            ("text/plain", _json({"question": q()})), (None, _json({"question": q()})),
            ("application/x-www-form-urlencoded", b"question=Who+won"),
            ("multipart/form-data; boundary=x", b"--x\r\n\r\nWho won\r\n--x--"),
            ("application/jsonp", _json({"question": q()})), ("text/json", b"{}")])
        return post("wrong content type", 415, body, kind)

    def not_object() -> Req:
        return post("body not an object", 400, rng.choice(
            [b"[]", b'"question"', b"5", b"null", b"true", _json([{"question": q()}])]))

    def empty() -> Req:
        return post("empty question", 400, _json(rng.choice([
            {"question": ""}, {"question": "   "}, {"question": "\n\t "},
            {"question": "\u3000\u2003"}, {}, {"question": None}, {"k": 5}])))

    def not_text() -> Req:
        return field_value("question not a string", "question",
                           [5, 1.5, True, [q()], {"text": q()}])

    def too_long() -> Req:
        # Past the limit in characters, under MAX_BODY in bytes (at most 4 bytes a character).
        n = rng.randrange(4 * MAX_QUESTION_CHARS + 1, 4 * MAX_QUESTION_CHARS + 4000)
        unit = rng.choice(["why ", "\U0001f600", "\u6f22", "a\u0301", "\u202e\u200d"])
        return post("question too long (odd unicode)", 400,
                    _json({"question": unit * (n // len(unit) + 1)}, ascii_only=False))

    def k_range() -> Req:
        return field_value("k out of range", "k",
                           [0, -1, MAX_K + 1, 10**9, -(10**18), 1.5, "5", True, None, [5]],
                           ("NaN", "Infinity", "1e999"))

    def mode() -> Req:
        return field_value("bad mode", "mode", ["fast", "", "HYBRID", 1, None, ["hybrid"]])

    def date() -> Req:
        if rng.random() < 0.2:
            return post("bad date", 400, _json({"question": q(), "since": "2005-12-31",
                                                "until": "2005-01-01"}))
        return field_value("bad date", rng.choice(["since", "until", "as_of"]),
                           ["2023-13-01", "2023-02-30", "yesterday", "2023/01/01", "",
                            "01-02-2023", "0000-01-01", "2023-01-01 junk", 20230101, True,
                            ["2023-01-01"]])

    def diversity() -> Req:
        return field_value("bad diversity", "diversity", [-0.1, 1.5, "0.5", True, None, [0.5]],
                           ("NaN",))

    def text_field() -> Req:
        return field_value("bad source or path", rng.choice(["source", "path"]),
                           ["", "  ", 5, ["x"], {}, False])

    def unknown() -> Req:
        return post("unknown field", 400, _json(rng.choice([
            {"question": q(), "foo": 1}, {"Question": q()}, {"question": q(), "session": "s"},
            {"question": q(), "K": 5}, {"question": q(), "top_k": 5},
            {"question": q(), "\u0000": 1}])))

    def over_declared() -> Req:
        size = rng.randrange(MAX_BODY + 1, 4 * MAX_BODY)
        return post("body over 64 KB", 413, _json({"question": "x" * size}))

    def over_chunked() -> Req:
        chunks = rng.randrange(MAX_BODY // 8192 + 1, 4 * MAX_BODY // 8192)

        def body() -> Iterator[bytes]:
            yield b'{"question": "'
            for _ in range(chunks):
                yield b"y" * 8192
            yield b'"}'

        return Req("body over 64 KB, chunked", 413, body=body)

    def method() -> Req:
        verb, path = rng.choice([("GET", "/ask"), ("PUT", "/ask"), ("DELETE", "/ask"),
                                 ("PATCH", "/ask"), ("GET", "/chat"), ("POST", "/health"),
                                 ("DELETE", "/health"), ("HEAD", "/ask"),
                                 ("PUT", "/articles/business/128.txt")])
        return Req("wrong method", 405, verb, path, body=_json({"question": q()}))

    def path() -> Req:
        verb, where = rng.choice([("POST", "/asks"), ("POST", "/v1/ask"), ("POST", "/ASK"),
                                  ("GET", "/health/x"), ("POST", "/ask%00"),
                                  ("GET", f"/{rng.getrandbits(64):x}"),
                                  ("GET", "/assets/nope.js"),
                                  ("GET", "/articles/no-such-article.txt"),
                                  ("GET", "/articles/..%2f..%2fetc%2fpasswd")])
        return Req("unknown path or article", 404, verb, where, body=_json({"question": q()}))

    def session() -> Req:
        return Req("bad chat session", 400, path="/chat", body=_json(
            {"question": q(), "session": rng.choice([5, "", "x" * 65, "a\nb", ["s"], True])}))

    def http() -> Req:
        raw = rng.choice([
            b"HELLO\r\n\r\n",
            b"POST /ask HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n",
            b"POST /ask HTTP/1.1\r\nHost: x\r\nno colon here\r\n\r\n",
            b"GET /health HTTP/1.1\r\n\r\n",
            b"POST /ask HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nContent-Length: 3"
            b"\r\n\r\n{}"])
        return Req("malformed HTTP", 400, raw=raw, json_error=False)

    makers = [malformed, nested, not_utf8, content_type, not_object, empty, not_text,
              too_long, k_range, mode, date, diversity, text_field, unknown, over_declared,
              over_chunked, method, path, session, http]
    out = []
    for make in makers:
        sample = make()
        out.append((sample.kind, sample.expected, make))
    return out


def odd_questions(questions: list[str]) -> list[tuple[str, bytes]]:
    """Valid questions in odd unicode, each with its exact body (a lone surrogate cannot be
    written as UTF-8, only as a JSON escape)."""
    a, b, c, d, e, f = questions[:6]
    odd = [a + " \U0001f600\U0001f914", "\u202e" + b, c.replace(" ", " \u200d"),
           d + "\u0000", "\uff1f" + e + " caf\u0065\u0301 na\u00efve", f + " \ud800"]
    return [(text, _json({"question": text})) for text in odd]


def tune_questions() -> list[str]:
    """The tune split's questions, answerable or not, and the first (standalone) turn of each
    chat; a follow-up needs its chat, so it is left out."""
    out = []
    for line in TUNE.read_text().splitlines():
        item = json.loads(line) if line.strip() else {}
        text = item.get("question") or (item.get("turns") or [{}])[0].get("question")
        if text and text not in out:
            out.append(text)
    return out


# -- the phases ------------------------------------------------------------------------------


def fetch_refs(url: str, questions: list[str], odd: list[tuple[str, bytes]]
               ) -> dict[str, dict[str, Any]]:
    refs = {}
    with httpx.Client(base_url=url, timeout=TIMEOUT) as http:
        for text, body in [(q, _json({"question": q})) for q in questions] + odd:
            reply = http.post("/ask", content=body, headers={"content-type": "application/json"})
            if reply.status_code != 200:
                raise RuntimeError(f"reference {text!r}: {reply.status_code} {reply.text[:200]}")
            refs[text] = reply.json()
    return refs


def cli_matches(corpus: Path, index: Path, question: str, ref: dict[str, Any]) -> bool:
    """Whether `qa -q QUESTION --json` prints the object POST /ask gave."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(
        p for p in (str(ROOT), os.environ.get("PYTHONPATH")) if p)}
    run = subprocess.run([*QA, "-q", question, "--json", "--corpus", str(corpus), "--index",
                          str(index), "--no-refresh"], capture_output=True, text=True,
                         timeout=300, env=env, cwd=ROOT)
    return run.returncode == 0 and json.loads(run.stdout) == ref


POLLED = ("/health", "/openapi.json")
"""Polled while the most clients ask: /health (counts, and a scan of the corpus for its
`stale` field), and /openapi.json, which touches no disk: the event loop's own delay."""


def poll(url: str, path: str, stop: threading.Event, limit: int) -> dict[str, Any]:
    """GET `path` every HEALTH_EVERY s until `stop` or `limit` polls: latencies, failures and,
    for /health, the most questions_waiting it reported."""
    times: list[float] = []
    failures: list[str] = []
    waiting = [0]
    with httpx.Client(base_url=url, timeout=TIMEOUT) as http:
        for _ in range(limit):
            if stop.wait(HEALTH_EVERY):
                break
            t0 = time.perf_counter()
            try:
                reply = http.get(path)
                times.append(time.perf_counter() - t0)
                if reply.status_code != 200:
                    failures.append(str(reply.status_code))
                elif path == "/health":
                    waiting.append(reply.json()["questions_waiting"])
            except (httpx.HTTPError, ValueError, KeyError) as exc:
                failures.append(type(exc).__name__)
    ms = [1000 * t for t in times] or [float("nan")]
    return {"path": path, "polls": len(times), "p50_ms": pct(ms, 50), "p95_ms": pct(ms, 95),
            "max_ms": max(ms), "failures": failures, "max_waiting": max(waiting)}


def load_level(server: Server, clients: int, requests: int, seconds: float,
               questions: list[str], refs: dict[str, dict[str, Any]],
               watch: bool) -> dict[str, Any]:
    """One row of the load table; with `watch`, POLLED are timed meanwhile."""
    reqs = [ask(questions[i % len(questions)]) for i in range(requests)]
    stop = threading.Event()
    polled: list[dict[str, Any]] = []
    pollers = [threading.Thread(target=lambda path=path: polled.append(poll(
        server.url, path, stop, int(seconds / HEALTH_EVERY) + 1)), daemon=True)
        for path in (POLLED if watch else ())]
    for t in pollers:
        t.start()
    run = run_clients(server, clients, reqs, seconds)
    stop.set()
    for t in pollers:
        t.join(TIMEOUT + 5)
    results, wall = run.results, run.seconds
    verdicts = Counter(judge(r, refs) for r in results)
    statuses = Counter(r.status or r.error for r in results if r.status != 200)
    ms = [1000 * r.seconds for r in results]
    return {"clients": clients, "requests": len(results), "seconds": wall,
            "per_second": len(results) / wall, "p50_ms": pct(ms, 50), "p95_ms": pct(ms, 95),
            "max_ms": max(ms), "errors": sum(statuses.values()),
            "wrong_answers": verdicts["wrong answer"],
            "other_fields_differ": verdicts["ok, other fields differ"],
            "non_200": {str(k): v for k, v in statuses.items()},
            "server_cpu": run.server_cpu / wall, "bench_cpu": run.bench_cpu / wall,
            "polled": sorted(polled, key=lambda p: POLLED.index(p["path"]))}


DISCONNECTS = ("after the request", "reset after the request", "mid-body", "mid-headers")


def hang_up(address: tuple[str, int], how: str, body: bytes) -> None:
    """Send (part of) a POST /ask and close the socket before the reply."""
    head = (f"POST /ask HTTP/1.1\r\nHost: {address[0]}:{address[1]}\r\nContent-Type: "
            f"application/json\r\nContent-Length: {len(body)}\r\n\r\n").encode()
    data = {"after the request": head + body, "reset after the request": head + body,
            "mid-body": head + body[:len(body) // 2], "mid-headers": head[:len(head) // 2]}[how]
    sock = socket.create_connection(address, timeout=10)
    try:
        sock.sendall(data)
        time.sleep(0.02)  # the question reaches a worker (or the body read waits)
        if how == "reset after the request":
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    finally:
        sock.close()


def wait_idle(url: str, seconds: float) -> float | None:
    """Seconds until /health reports no question waiting (None: not within `seconds`)."""
    t0 = time.monotonic()
    with httpx.Client(base_url=url, timeout=TIMEOUT) as http:
        while time.monotonic() - t0 < seconds:
            try:
                if http.get("/health").json()["questions_waiting"] == 0:
                    return time.monotonic() - t0
            except (httpx.HTTPError, ValueError, KeyError):
                pass
            time.sleep(0.1)
    return None


def disconnect_faults(server: Server, n: int, questions: list[str],
                      refs: dict[str, dict[str, Any]]) -> dict[str, Any]:
    failures_before = len(server.failures())
    bodies = [_json({"question": q}) for q in questions]
    for i in range(n):
        hang_up(server.address, DISCONNECTS[i % len(DISCONNECTS)], bodies[i % len(bodies)])
    burst = [threading.Thread(target=hang_up, args=(server.address, "after the request",
                                                    bodies[i % len(bodies)]), daemon=True)
             for i in range(16)]
    for t in burst:
        t.start()
    for t in burst:
        t.join(30)
    drained = wait_idle(server.url, 120)
    checks = run_clients(server, 1, [ask(q) for q in questions[:5]], 120).results
    verdicts = Counter(judge(r, refs) for r in checks)
    return {"hang_ups": n + len(burst), "drained_s": drained, "alive": server.alive(),
            "checks": len(checks), "check_verdicts": dict(verdicts),
            "logged_failures": server.failures()[failures_before:]}


def bad_requests(server: Server, n: int, seconds: float, questions: list[str],
                 odd: list[tuple[str, bytes]], refs: dict[str, dict[str, Any]],
                 seed: int) -> Run:
    rng = random.Random(seed)
    kinds = bad_kinds(rng, questions)
    reqs = [kinds[i % len(kinds)][2]() for i in range(n)]
    good = [ask(q) for q in questions] + [Req("good, odd unicode", 200, body=body, ref=text)
                                          for text, body in odd]
    reqs += [good[i % len(good)] for i in range(int(n * GOOD_PER_BAD))]
    rng.shuffle(reqs)
    return run_clients(server, FAULT_CLIENTS, reqs, seconds)


# -- main ------------------------------------------------------------------------------------


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__.splitlines()[0] + " " + __doc__.splitlines()[1],
        epilog="Results are also written to benchmarks/results/serve.json.")
    parser.add_argument("--corpus", type=Path, default=None, metavar="DIR",
                        help="the corpus (default: ../shared/corpora/bbc)")
    parser.add_argument("--index", type=Path, metavar="DIR", default=Path(tempfile.gettempdir())
                        / "qa-bench-bbc", help="its index, built once and reused when fresh "
                                             "(default: %(default)s, as warm.py)")
    parser.add_argument("--workers", type=int, default=2, metavar="N",
                        help="qa serve --workers (default: 2)")
    parser.add_argument("--clients", type=int, nargs="+", default=list(LEVELS), metavar="N",
                        help="client counts of the load table (default: 1 8 32)")
    parser.add_argument("--requests", type=int, default=200, metavar="N",
                        help="POST /ask per load level (default: 200)")
    parser.add_argument("--seconds", type=float, default=120.0, metavar="S",
                        help="time limit of each load level and of the bad requests "
                             "(default: 120)")
    parser.add_argument("--bad", type=int, default=1000, metavar="N",
                        help="bad requests (default: 1000)")
    parser.add_argument("--disconnects", type=int, default=20, metavar="N",
                        help="clients that hang up one by one (a burst of 16 follows)")
    parser.add_argument("--quick", action="store_true",
                        help="a smoke run: 40 requests a level, 200 bad, 4 hang-ups")
    parser.add_argument("--seed", type=int, default=1, help="seed of the bad requests' mix")
    args = parser.parse_args()
    if args.quick:
        args.requests, args.bad, args.disconnects = 40, 200, 4
    corpus = args.corpus or need_shared("corpora", "bbc")
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # so the server is stopped too
    t_start, load_start = time.monotonic(), os.getloadavg()[0]

    t0 = time.monotonic()
    built = subprocess.run([*QA, "index", "--json", "--corpus", str(corpus), "--index",
                            str(args.index)], capture_output=True, text=True, cwd=ROOT)
    if built.returncode != 0:
        sys.exit(f"qa index failed:\n{built.stderr[-2000:]}")
    summary = json.loads(built.stdout)
    print(f"index {args.index}: {summary.get('added', '?')} added, "
          f"{summary.get('updated', '?')} updated, {summary.get('unchanged', '?')} unchanged "
          f"in {time.monotonic() - t0:.1f} s", flush=True)

    questions = tune_questions()
    odd = odd_questions(questions)
    server = Server(corpus, args.index, args.workers)
    results: dict[str, Any] = {"workers": args.workers, "corpus": str(corpus)}
    try:
        t0 = time.monotonic()
        server.wait_ready(300)
        print(f"qa serve --workers {args.workers} up at {server.url} (pid {server.proc.pid}) "
              f"in {time.monotonic() - t0:.1f} s", flush=True)
        t0 = time.monotonic()
        refs = fetch_refs(server.url, questions, odd)
        print(f"{len(refs)} reference answers ({len(questions)} tune questions, {len(odd)} in "
              f"odd unicode) in {time.monotonic() - t0:.1f} s", flush=True)
        same = cli_matches(corpus, args.index, questions[0], refs[questions[0]])
        print(f"qa -q --json prints the same object as POST /ask: {'yes' if same else 'NO'}")
        results["cli_matches"] = same
        idle = [poll(server.url, path, threading.Event(), 40) for path in POLLED]
        rss_warm = server.memory_mb()

        rows = []
        for clients in args.clients:
            row = load_level(server, clients, args.requests, args.seconds, questions, refs,
                             watch=clients == max(args.clients))
            rows.append(row)
            print(f"  {clients} clients: {row['requests']} requests in {row['seconds']:.1f} s",
                  flush=True)
        rss_load = server.memory_mb()
        results["load"] = rows
        table(f"POST /ask on bbc, qa serve --workers {args.workers} "
              f"({os.cpu_count()} cores, shared)",
              ["clients", "requests", "req/s", "p50 ms", "p95 ms", "max ms", "errors",
               "wrong answers", "server CPU (cores)", "bench CPU (cores)"],
              [(row["clients"], row["requests"], row["per_second"], row["p50_ms"],
                row["p95_ms"], row["max_ms"], row["errors"], row["wrong_answers"],
                row["server_cpu"], row["bench_cpu"]) for row in rows])
        for row in rows:
            if row["non_200"]:
                print(f"{row['clients']} clients, replies other than 200: {row['non_200']}")
        busy = rows[-1]["polled"]
        table(f"GET latency (ms), every {1000 * HEALTH_EVERY:.0f} ms: idle, and while "
              f"{rows[-1]['clients']} clients ask",
              ["path", "when", "polls", "p50", "p95", "max", "failures",
               "questions waiting (most seen)"],
              [(p["path"], when, p["polls"], p["p50_ms"], p["p95_ms"], p["max_ms"],
                len(p["failures"]), p["max_waiting"] if p["path"] == "/health" else "-")
               for when, polled in (("idle", idle), ("busy", busy)) for p in polled])
        results["polled_idle"] = idle

        t0 = time.monotonic()
        hung = disconnect_faults(server, args.disconnects, questions, refs)
        print(f"{hung['hang_ups']} clients hung up mid-request in "
              f"{time.monotonic() - t0:.1f} s", flush=True)
        t0 = time.monotonic()
        mix = bad_requests(server, args.bad, args.seconds, questions, odd, refs, args.seed)
        mixed = mix.results
        print(f"{len(mixed)} mixed requests in {mix.seconds:.1f} s", flush=True)
        time.sleep(0.5)
        alive = server.alive()
        rss_end = server.memory_mb()

        verdicts = [(r, judge(r, refs)) for r in mixed]
        by_kind: dict[str, Counter[str]] = {}
        got: dict[str, Counter[str]] = {}
        for r, v in verdicts:
            by_kind.setdefault(r.req.kind, Counter())[v] += 1
            got.setdefault(r.req.kind, Counter())[str(r.status or r.error)] += 1
        expected = {r.req.kind: r.req.expected for r in mixed}
        table(f"{len(mixed)} requests from {FAULT_CLIENTS} clients: bad ones by kind, and the "
              "good ones mixed in",
              ["kind", "sent", "expected", "got", "wrong"],
              [(kind, sum(c.values()), expected[kind],
                ", ".join(f"{s} x{n}" for s, n in sorted(got[kind].items())),
                sum(n for v, n in c.items() if not v.startswith("ok")))
               for kind, c in sorted(by_kind.items())])
        bad = [(r, v) for r, v in verdicts if not r.req.ref]
        good = [(r, v) for r, v in verdicts if r.req.ref]
        count = Counter(v for _, v in verdicts)
        hang_checks = Counter(hung["check_verdicts"])
        crashes = count["crash"] + hang_checks["crash"] + (not alive) + (not hung["alive"])
        wrong_answers = (count["wrong answer"] + hang_checks["wrong answer"]
                         + sum(row["wrong_answers"] for row in rows))
        fault_rows = [
            ("clients that hung up mid-request", f"{hung['hang_ups']} ("
             + ", ".join(DISCONNECTS) + ", a burst of 16)"),
            ("  questions waiting back to 0 after", "never" if hung["drained_s"] is None
             else f"{hung['drained_s']:.1f} s"),
            ("  then answers right", f"{hang_checks['ok'] + hang_checks['ok, other fields differ']}"
             f" of {hung['checks']}"),
            ("  failures the server logged for them", len(hung["logged_failures"])),
            ("bad requests / good ones mixed in", f"{len(bad)} / {len(good)}"),
            ("crashes (process died, or a 5xx)", crashes),
            ("no reply (connection error or timeout)", count["no reply"]
             + hang_checks["no reply"]),
            ("wrong answers (all good replies: load, hang-up checks, mix)", wrong_answers),
            ("  same answer, other fields differ", count["ok, other fields differ"]
             + sum(row["other_fields_differ"] for row in rows)),
            ("wrong statuses", count["wrong status"] + hang_checks["wrong status"]),
            ('4xx without {"error": ...}', count["bad error body"]),
            ("server alive at the end", "yes" if alive else "NO"),
            ("RSS MB: warm / after load / after faults", f"{rss_warm[0]:.0f} / {rss_load[0]:.0f}"
             f" / {rss_end[0]:.0f} (peak {rss_end[1]:.0f})"),
        ]
        table("Faults", ["check", "result"], fault_rows)
        failures = server.failures()
        if failures:
            print(f"the server logged {len(failures)} failed requests; the first traceback "
                  "ends with:")
            first = server.log.index(failures[0])
            tail = next((line for line in server.log[first + 1:first + 40]
                         if re.match(r"^\w+(\.\w+)*(Error|Exception|Disconnect)\b", line)), "")
            print("   ", tail)
        wrong = [(r, v) for r, v in verdicts if not v.startswith("ok")]
        for r, v in wrong[:SHOWN]:
            sent = r.req.raw or (b"(chunked)" if callable(r.req.body) else r.req.body)
            print(f"  {v}: {r.req.kind}: {r.req.method} {r.req.path} {sent[:60]!r} -> "
                  f"{r.status or r.error} {r.body[:100]!r}")
        if len(wrong) > SHOWN:
            print(f"  ... and {len(wrong) - SHOWN} more")
        results["faults"] = {
            "hang_ups": hung, "bad": len(bad), "good": len(good), "crashes": crashes,
            "no_reply": count["no reply"], "wrong_answers": wrong_answers,
            "wrong_statuses": count["wrong status"], "bad_error_bodies": count["bad error body"],
            "by_kind": {k: dict(c) for k, c in by_kind.items()}, "alive": alive,
            "failed": [{"verdict": v, "kind": r.req.kind, "method": r.req.method,
                        "path": r.req.path, "status": r.status or r.error,
                        "reply": r.body[:300].decode("utf-8", "replace")} for r, v in wrong],
            "rss_mb": {"warm": rss_warm[0], "after_load": rss_load[0], "after_faults": rss_end[0],
                       "peak": rss_end[1]}, "server_logged_failures": len(failures)}
        bad_run = (crashes or wrong_answers or count["wrong status"] or count["no reply"]
                   or count["bad error body"] or not same)
    except BaseException:
        if not server.alive():
            print(f"qa serve died (exit code {server.proc.returncode})")
        print("the server's log ends with:", *server.log[-20:], sep="\n    ")
        raise
    finally:
        code, took = server.stop()
        print(f"qa serve stopped (exit code {code}) in {took:.1f} s; the whole run took "
              f"{time.monotonic() - t_start:.0f} s; load average {load_start:.1f} at the "
              f"start, {os.getloadavg()[0]:.1f} at the end ({os.cpu_count()} cores)")
    results["server_exit_code"] = code
    results["load_average"] = [load_start, os.getloadavg()[0]]
    path = save("serve", results)
    log = path.with_name("serve-server.log")
    log.write_text("\n".join(server.log) + "\n")
    print(f"results in {path.relative_to(ROOT)}, the server's log in {log.relative_to(ROOT)}")
    return 1 if bad_run else 0


if __name__ == "__main__":
    sys.exit(main())
