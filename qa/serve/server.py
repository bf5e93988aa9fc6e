"""Run the app with uvicorn on a socket qa binds itself, so that a busy port or an exposed
address is refused with the next step before anything loads."""

from __future__ import annotations

import errno
import ipaddress
import socket
import sys
from typing import TYPE_CHECKING

from ..errors import InputError

if TYPE_CHECKING:
    from starlette.types import ASGIApp

TOKEN_ENV = "QA_TOKEN"
"""The token may come from the environment instead of --token, out of `ps`'s sight."""


def is_loopback(host: str) -> bool:
    """True for an address only this machine can reach (127.0.0.0/8, ::1, localhost)."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


LOOPBACK_NAMES = ("127.0.0.1", "localhost", "[::1]")


def allowed_hosts(host: str) -> tuple[str, ...] | None:
    """The Host headers to answer on a loopback address: the usual names and the address
    bound (127.0.0.2, a spelled-out ::1); None (any, behind the token) elsewhere."""
    if not is_loopback(host):
        return None
    bound = host.strip("[]").lower()
    if ":" in bound:
        bound = f"[{ipaddress.ip_address(bound).compressed}]"
    return tuple(dict.fromkeys((*LOOPBACK_NAMES, bound)))


def check_host(host: str, token: str | None) -> None:
    """Refuse to expose the archive to the network without a token."""
    if token is not None and not token.strip():
        raise InputError("The token is empty. Give a secret with --token T (or QA_TOKEN).")
    if not is_loopback(host) and token is None:
        raise InputError(f"Refusing to serve on {host} without a token: anyone who can reach "
                         f"it could query the archive. Add --token SECRET (or set "
                         f"{TOKEN_ENV}), or leave --host at 127.0.0.1.")


def bind(host: str, port: int) -> socket.socket:
    """A listening socket on host:port (port 0: any free one)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    try:
        infos = socket.getaddrinfo(host.strip("[]"), port, family, socket.SOCK_STREAM)
    except socket.gaierror:
        raise InputError(f"Cannot bind {host!r}: no such address on this machine. Use "
                         "--host 127.0.0.1.") from None
    sock = socket.socket(infos[0][0], socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind(infos[0][4])
        sock.listen(2048)
    except OSError as exc:
        sock.close()
        if exc.errno == errno.EADDRINUSE:
            raise InputError(f"Port {port} on {host} is in use. Pick another with --port, "
                             "or stop what holds it.") from None
        raise InputError(f"Cannot listen on {host}:{port} ({exc.strerror}). Use another "
                         "--host or --port.") from None
    sock.set_inheritable(True)
    return sock


def url_of(sock: socket.socket) -> str:
    """http://host:port of a bound socket."""
    host, port = sock.getsockname()[:2]
    return f"http://[{host}]:{port}" if ":" in host else f"http://{host}:{port}"


def serve(app: ASGIApp, sock: socket.socket, banner: str = "") -> None:
    """Serve `app` on `sock` until Ctrl+C or SIGTERM."""
    import uvicorn

    config = uvicorn.Config(app, log_level="warning", access_log=False, lifespan="on",
                            timeout_graceful_shutdown=5, server_header=False)
    if banner:
        print(banner, file=sys.stderr, flush=True)
    uvicorn.Server(config).run(sockets=[sock])
