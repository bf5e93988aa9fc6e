"""Run the `qa` command under audit hooks that block the network and record what it touches.

    python tests/guarded.py LOG.json WATCH[:WATCH...] -- qa arguments...
    python tests/guarded.py LOG.json WATCH[:WATCH...] -- -c PYTHON-CODE

Every socket creation for the internet, connect, bind and name lookup raises (so an attempt
fails as it would offline) and is recorded; so is any unpickling (`pickle.find_class`) and every
file opened or folder listed under one of the WATCH paths.  The record is written to LOG.json at
exit.  Python's audit hooks cannot be removed once added, so the code under test cannot undo
them.
"""

from __future__ import annotations

import atexit
import json
import os
import socket
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

log_path, watch_arg = sys.argv[1], sys.argv[2]
argv = sys.argv[sys.argv.index("--") + 1:]
watched = [os.path.realpath(w) for w in watch_arg.split(":") if w]
record: dict[str, list[str]] = {"network": [], "unpickle": [], "touched": []}
NETWORK = {"socket.connect", "socket.bind", "socket.getaddrinfo", "socket.gethostbyname",
           "socket.gethostbyname_ex", "socket.gethostbyaddr", "socket.sendto",
           "urllib.Request", "http.client.connect"}


def hook(event: str, args: tuple) -> None:
    if event == "socket.__new__":
        family = args[1] if len(args) > 1 else None
        if family in (socket.AF_INET, socket.AF_INET6):
            record["network"].append(f"{event} {family}")
            raise OSError("network blocked by tests/guarded.py")
    elif event in NETWORK:
        record["network"].append(f"{event} {args[1:2]!r}")
        raise OSError("network blocked by tests/guarded.py")
    elif event == "pickle.find_class":
        record["unpickle"].append(f"{args[0]}.{args[1]}")
    elif event in ("open", "os.listdir", "os.scandir") and args and isinstance(
            args[0], (str, bytes, os.PathLike)):
        path = os.fsdecode(args[0])
        real = os.path.realpath(path)
        if any(real == w or real.startswith(w + os.sep) for w in watched):
            record["touched"].append(f"{event} {real}")


def save() -> None:
    with open(log_path, "w") as f:
        json.dump(record, f)


atexit.register(save)
sys.addaudithook(hook)

if argv[:1] == ["-c"]:
    exec(argv[1])
else:
    from qa.cli import main  # after the hooks, so they see everything

    sys.exit(main(argv))
