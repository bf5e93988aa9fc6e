"""Fetch one feed over HTTP(S): http(s) only, conditional, bounded in time and size.

A feed server is a stranger: what it sends is read up to a cap, never past a deadline, and
only ever parsed as a feed. It is asked politely (a User-Agent naming qa, conditional
requests), so a feed that has not changed costs one short exchange.
"""

from __future__ import annotations

import http.client
import ipaddress
import socket
import time
import urllib.request
from dataclasses import dataclass
from typing import Any
from urllib.error import HTTPError, URLError
from urllib.parse import urlsplit

from .. import __version__
from ..errors import FeedError
from ..text import one_line
from ..vocab import DEFAULT_FEED_TIMEOUT, DEFAULT_MAX_BYTES

USER_AGENT = f"qa/{__version__} (+feed reader)"
_ACCEPT = ("application/rss+xml, application/atom+xml, application/xml;q=0.9, "
           "text/xml;q=0.9, */*;q=0.5")
_CHUNK = 64 * 1024
_SCHEMES = ("http", "https")
REMOVE_HINT = "check the URL, or `qa feed remove` it"
"""The next step for a feed that is not there (or is no feed)."""
RETRY_HINT = "the next pull tries again"


@dataclass(frozen=True)
class Fetched:
    """What a feed's server answered."""

    body: bytes | None
    """The feed, or None when it has not changed since the last pull (HTTP 304)."""
    etag: str | None
    last_modified: str | None


def check_url(url: str) -> str:
    """`url` without surrounding blanks when it is an http(s) address with a host; else
    FeedError: `file:`, `javascript:` and the like are never fetched."""
    url = url.strip()
    try:
        parts = urlsplit(url)
        ok = parts.scheme.lower() in _SCHEMES and bool(parts.hostname)
    except ValueError:  # malformed, e.g. an unclosed "[" of an IPv6 host
        ok = False
    if not ok or not url.isprintable() or " " in url:
        raise FeedError(f"{url!r} is not an http(s) address. Give the feed's http:// or "
                        "https:// address.")
    return url


def fetch(url: str, *, etag: str | None = None, last_modified: str | None = None,
          timeout: float = DEFAULT_FEED_TIMEOUT, max_bytes: int = DEFAULT_MAX_BYTES) -> Fetched:
    """Download a feed unless it is unchanged since `etag` / `last_modified`.

    Each wait on the server is at most `timeout` seconds, and the download stops once
    `timeout` has passed; at most `max_bytes + 1` bytes are read. Every failure is a
    FeedError whose one-line message names the next step.
    """
    headers = {"User-Agent": USER_AGENT, "Accept": _ACCEPT}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    request = urllib.request.Request(check_url(url), headers=headers)
    deadline = time.monotonic() + timeout
    try:
        with _opener().open(request, timeout=timeout) as response:
            body = _read(response, max_bytes, deadline, timeout)
            return Fetched(body, _header(response, "ETag"), _header(response, "Last-Modified"))
    except HTTPError as exc:
        exc.close()
        if exc.code == 304:
            return Fetched(None, etag, last_modified)
        raise FeedError(_http_failure(exc.code, str(exc.reason))) from None
    except TimeoutError:
        raise FeedError(_too_slow(timeout)) from None
    except URLError as exc:
        if isinstance(exc.reason, TimeoutError):
            raise FeedError(_too_slow(timeout)) from None
        raise FeedError(f"cannot connect ({_reason(exc.reason)}) — check the URL and the "
                        f"network; {RETRY_HINT}") from None
    except (http.client.HTTPException, OSError, ValueError) as exc:
        raise FeedError(f"the download failed ({_reason(exc)}) — {RETRY_HINT}") from None


def is_internal(host: str | None) -> bool:
    """True for a name or address on this machine or a private network (loopback, private,
    link-local): where a local server (qa serve itself, say) may listen."""
    if not host:
        return False
    if host.lower() == "localhost" or host.lower().endswith(".localhost"):
        return True
    try:
        infos = socket.getaddrinfo(host, None)
    except (OSError, UnicodeError):
        return False
    for info in infos:
        address = ipaddress.ip_address(str(info[4][0]).split("%")[0])
        if address.is_loopback or address.is_private or address.is_link_local:
            return True
    return False


class _Redirects(urllib.request.HTTPRedirectHandler):
    """Follows a feed that moved, but never from a public address to an internal one: a
    hostile feed must not make qa request a local server on its behalf."""

    def redirect_request(self, req: urllib.request.Request, fp: Any, code: int, msg: str,
                         headers: Any, newurl: str) -> urllib.request.Request | None:
        target = urlsplit(newurl).hostname
        if is_internal(target) and not is_internal(urlsplit(req.full_url).hostname):
            raise FeedError(f"the feed redirects to an address on this machine or a private "
                            f"network ({target}); not followed — {REMOVE_HINT}")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def _opener() -> urllib.request.OpenerDirector:
    """An opener that speaks HTTP(S) only: no file:, ftp: or data: handler exists, so no
    address, not even a redirect's, reaches anything else."""
    opener = urllib.request.OpenerDirector()
    for handler in (urllib.request.ProxyHandler(), urllib.request.UnknownHandler(),
                    urllib.request.HTTPHandler(), urllib.request.HTTPSHandler(),
                    urllib.request.HTTPDefaultErrorHandler(),
                    _Redirects(), urllib.request.HTTPErrorProcessor()):
        opener.add_handler(handler)
    return opener


def _read(response: http.client.HTTPResponse, max_bytes: int, deadline: float,
          timeout: float) -> bytes:
    """The body, read in chunks as they arrive: FeedError past the cap or the deadline."""
    length = response.headers.get("Content-Length", "")
    if length.isdigit() and int(length) > max_bytes:
        raise FeedError(_too_large(max_bytes))
    chunks: list[bytes] = []
    size = 0
    while chunk := response.read1(min(_CHUNK, max_bytes + 1 - size)):
        size += len(chunk)
        if size > max_bytes:
            raise FeedError(_too_large(max_bytes))
        if time.monotonic() > deadline:
            raise FeedError(_too_slow(timeout))
        chunks.append(chunk)
    return b"".join(chunks)


def _header(response: http.client.HTTPResponse, name: str) -> str | None:
    """A validator header worth sending back: short and printable, else None."""
    value = response.headers.get(name)
    return value if value and len(value) <= 1024 and value.isprintable() else None


def _http_failure(code: int, reason: str) -> str:
    """The one line for an HTTP error status."""
    status = f"HTTP {code} {one_line(reason)[:60]}".rstrip()
    if code in (408, 429) or code >= 500:
        return f"{status} — the server is busy or failing; {RETRY_HINT}"
    return f"{status} — {REMOVE_HINT}"


def _too_slow(timeout: float) -> str:
    return (f"no complete answer within {timeout:g} s — {RETRY_HINT}; raise --timeout for a "
            "slow server")


def _too_large(max_bytes: int) -> str:
    return (f"larger than the {max_bytes:,}-byte cap, not stored — raise --max-bytes if the "
            "feed is really that large")


def _reason(exc: object) -> str:
    """An exception (or a URLError's reason) in a few words."""
    text = getattr(exc, "strerror", None) or str(exc) or type(exc).__name__
    return one_line(str(text))[:120]
