"""`qa index --engine ray`: passages embedded by a pool of Ray actors, written here as always.

Scanning, parsing and chunking stay in this process (cheap); only the model runs fan out. Each
actor owns one CPU and loads the encoder once: the model folder is found on its own node (the
bundled package, or the --model path, which must exist there too) and the int8 passage export
comes once through Ray's object store, so nodes need no shared disk. An actor runs the same
`Encoder.encode_passages` as `qa index` (one passage per single-threaded run), so its vectors
are the ones this process would compute. The results come back in order to the caller, which
commits them with the same writer and atomicity as a local run.

Ray is imported only here, and only for `--engine ray`.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from .encoder import DEFAULT_MODEL_NAME, Encoder
from .errors import INSTALL_SCALE, QAError
from .indexer import Progress

LOCAL_NODE_ADDRESS = "127.0.0.2"
"""Where a local Ray runtime's processes listen, on Linux."""
LOCAL_START_ATTEMPTS = 2
"""Starts of a local runtime before giving up: one more after a node that did not come up."""
BATCH = 32
"""Passages per actor call: small enough to balance the actors, large enough to amortise."""
IN_FLIGHT = 2
"""Calls queued per actor, so none waits for the driver between two batches."""
START_TIMEOUT = 300.0
"""Seconds the actors may take to start and load the model."""


_OFFLINE = {"HOME": "", "RAY_USAGE_STATS_ENABLED": "0",
            "RAY_USAGE_STATS_REPORT_URL": "http://127.0.0.1:9/"}
"""What `offline_start` sets while Ray's processes start (HOME: the folder it is given)."""


def offline_home() -> str:
    """A home folder for the Ray processes qa starts, that keeps them off the network.

    Ray's usage reporting is on by default (`RAY_USAGE_STATS_ENABLED=0` turns it off), and
    whatever that says, the usage module of the dashboard process Ray always starts asks the
    cloud's metadata address (169.254.169.254, metadata.google.internal) what machine this is,
    unless `~/ray_bootstrap_config.yaml` names the provider: this folder holds that file
    ("local"). Remove it (`shutil.rmtree`) once the runtime has stopped."""
    home = tempfile.mkdtemp(prefix="qa-ray-home-")
    with open(os.path.join(home, "ray_bootstrap_config.yaml"), "w") as f:
        f.write("provider:\n  type: local\n")
    return home


@contextlib.contextmanager
def offline_start(home: str) -> Iterator[None]:
    """Start Ray's processes in here: they take `home` (`offline_home`), no usage reporting,
    and a report address on the loopback where nothing listens (a cluster not started by
    `ray.init` still reports that reporting is off); this process gets its own home and
    settings back on leaving."""
    saved = {k: os.environ.get(k) for k in _OFFLINE}
    os.environ.update(_OFFLINE, HOME=home)
    try:
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def descendants() -> set[int]:
    """Pids of this process's children, theirs and so on (none where /proc is not there)."""
    parent: dict[int, int] = {}
    for proc in Path("/proc").glob("[0-9]*"):
        try:  # "pid (name) state ppid …"
            parent[int(proc.name)] = int((proc / "stat").read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            pass
    found, todo = set(), [os.getpid()]
    while todo:
        pid = todo.pop()
        kids = {child for child, ppid in parent.items() if ppid == pid} - found
        found |= kids
        todo.extend(kids)
    return found


def stop_pids(pids: set[int]) -> None:
    """Kill these processes, and reap those that are this process's children."""
    for pid in pids:
        with contextlib.suppress(OSError):
            os.kill(pid, signal.SIGKILL)
    for pid in pids:
        with contextlib.suppress(OSError):  # (ChildProcessError for a grandchild)
            os.waitpid(pid, 0)


class ScaleExtraMissing(QAError):
    """`--engine ray` without ray installed."""

    def __init__(self) -> None:
        super().__init__(f"--engine ray needs the scale extra: {INSTALL_SCALE}")


class RayUnreachable(QAError):
    """The cluster at --ray-address cannot be reached or joined."""


class RayEngine:
    """An `indexer.Embedder` over a Ray cluster; a context manager that connects and leaves.

    `address` None starts a local Ray runtime with `workers` CPUs (default: this machine's);
    otherwise it joins that cluster. `workers` actors are started at the first embedding
    (default: the cluster's CPUs) and kept for later updates (`qa index --watch`).
    """

    def __init__(self, address: str | None = None, workers: int | None = None,
                 batch: int = BATCH) -> None:
        try:
            import ray
        except ImportError as exc:
            raise ScaleExtraMissing() from exc
        self._ray = ray
        self.address = address
        self.workers = workers
        self.batch = batch
        self._started = False
        self._actors: list[Any] = []
        self._model: tuple[tuple[str | None, bytes], Any] | None = None
        self._home: str | None = None
        """The home of the local runtime's processes (`offline_home`), while it runs."""

    # connection ----------------------------------------------------------------------------

    def __enter__(self) -> RayEngine:
        self.connect()
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def connect(self) -> None:
        """Join the cluster (or start a local one); an unreachable address fails in seconds."""
        ray = self._ray
        if ray.is_initialized():  # the caller's own cluster (a test, a notebook): use it
            return
        options: dict[str, Any] = {"include_dashboard": False, "logging_level": "ERROR",
                                   "log_to_driver": False, "configure_logging": True}
        if self.address is None:  # a runtime of our own, never another one on this machine
            options.update(address="local", num_cpus=self.workers or os.cpu_count() or 1)
            if sys.platform.startswith("linux"):
                # on the loopback: Ray turns 127.0.0.1 into the machine's network address for
                # a node, but Linux gives all of 127/8 to the loopback
                options["_node_ip_address"] = LOCAL_NODE_ADDRESS
            self._home = offline_home()
        else:
            _check_reachable(self.address)
            options["address"] = self.address
        # A local runtime that does not come up in time (Ray gives a node 30 s, and a busy
        # machine may need more) is stopped and started once more.
        attempts = LOCAL_START_ATTEMPTS if self.address is None else 1
        for attempt in range(1, attempts + 1):
            starting = offline_start(self._home) if self._home else contextlib.nullcontext()
            before = descendants()
            try:
                with _quiet_stderr(), starting:  # Ray's C++ side logs failed attempts on fd 2
                    ray.init(**options)
                break
            except Exception as exc:  # a node that timed out starting is a bare Exception
                with contextlib.suppress(Exception):
                    ray.shutdown()
                stop_pids(descendants() - before)  # Ray does not stop a node it gave up on
                if attempt < attempts:
                    continue
                self._remove_home()
                where = f"the Ray cluster at {self.address}" if self.address else "a local Ray"
                raise RayUnreachable(f"Cannot start or join {where} ({_first_line(exc)}). "
                                     "Check the address (`ray status` on the head node) or "
                                     "leave out --ray-address for a local runtime; the index "
                                     "is unchanged.") from exc
        self._started = True

    def stats(self) -> list[tuple[int, int, float]]:
        """(pid, calls, CPU seconds encoding) of each actor, for benchmarks and tests."""
        return list(self._ray.get([a.ready.remote() for a in self._actors]))

    def close(self) -> None:
        """Stop the actors, and the Ray runtime when this engine started it."""
        for actor in self._actors:
            self._ray.kill(actor)
        self._actors, self._model = [], None
        if self._started:
            self._ray.shutdown()
            self._started = False
        self._remove_home()

    def _remove_home(self) -> None:
        if self._home is not None:
            shutil.rmtree(self._home, ignore_errors=True)
            self._home = None

    # embedding -----------------------------------------------------------------------------

    def __call__(self, encoder: Encoder, texts: list[str],
                 spans: list[list[tuple[int, int]]], progress: Progress | None
                 ) -> tuple[Any, list[Any]]:
        """What `Encoder.encode_passages(texts, spans)` returns, computed by the actors."""
        import numpy as np

        ray = self._ray
        actors = self._pool(encoder)
        batches = [range(i, min(i + self.batch, len(texts)))
                   for i in range(0, len(texts), self.batch)]
        vectors = np.empty((len(texts), encoder.dimension), dtype=np.float32)
        pooled: list[Any] = [None] * len(texts)
        queued: dict[Any, tuple[int, range]] = {}  # call -> (actor, rows)
        load = [0] * len(actors)
        todo = iter(batches)
        done = 0
        if progress:
            progress(0, len(texts))

        def submit() -> bool:
            rows = next(todo, None)
            if rows is None:
                return False
            n = min(range(len(actors)), key=load.__getitem__)
            call = actors[n].encode.remote([texts[r] for r in rows], [spans[r] for r in rows])
            queued[call] = (n, rows)
            load[n] += 1
            return True

        for _ in range(IN_FLIGHT * len(actors)):
            if not submit():
                break
        try:
            while queued:
                ready, _ = ray.wait(list(queued), num_returns=1)
                n, rows = queued.pop(ready[0])
                load[n] -= 1
                v, s = ray.get(ready[0])
                vectors[rows.start:rows.stop] = v
                pooled[rows.start:rows.stop] = s
                done += len(rows)
                if progress:
                    progress(done, len(texts))
                submit()
        except ray.exceptions.RayError as exc:
            for call in queued:
                ray.cancel(call, force=True)
            raise QAError(f"A Ray worker failed while embedding ({_first_line(exc)}); the "
                          "index is unchanged. Run the same `qa index` again.") from exc
        return vectors, pooled

    def _pool(self, encoder: Encoder) -> list[Any]:
        """The actors, started once with this encoder's model (again if it changed)."""
        ray = self._ray
        model = encoder.passage_model()
        if model is None:
            raise QAError(f"--engine ray needs a model qa can export to ONNX; {encoder.dir} "
                          "cannot be. Leave out --engine ray for this model.")
        key = (None if encoder.name == DEFAULT_MODEL_NAME else str(encoder.dir), model)
        if self._model is not None and self._model[0] == key and self._actors:
            return self._actors
        for actor in self._actors:
            ray.kill(actor)
        cpus = int(ray.cluster_resources().get("CPU", 0))
        n = self.workers or max(1, cpus)
        if n > cpus:
            raise QAError(f"--ray-workers {n} needs {n} CPUs; the Ray cluster has {cpus}. Pass "
                          f"--ray-workers {max(1, cpus)} or fewer, or add nodes.")
        ref = ray.put(model)  # once; each actor reads it from its node's object store
        worker = ray.remote(num_cpus=1)(PassageWorker)
        self._actors = [worker.remote(key[0], ref) for _ in range(n)]
        self._model = (key, ref)
        try:
            ray.get([a.ready.remote() for a in self._actors], timeout=START_TIMEOUT)
        except ray.exceptions.GetTimeoutError as exc:
            raise QAError(f"{n} Ray workers did not start within {START_TIMEOUT:.0f} s (their CPUs "
                          "are busy with other work?). Pass fewer --ray-workers, or try again."
                          ) from exc
        except ray.exceptions.RayError as exc:
            raise QAError(f"The Ray workers cannot load the model ({_first_line(exc)}). Every "
                          "node needs qa with the scale extra installed (and --model's folder "
                          "at the same path).") from exc
        return self._actors


class PassageWorker:
    """One Ray actor: the encoder, loaded once, encoding batches of passages on one core."""

    def __init__(self, model_dir: str | None, passage_model: bytes) -> None:
        self.encoder = Encoder(model_dir)
        self.encoder.threads = 1  # Ray gave this actor one CPU
        self.encoder.use_passage_onnx(passage_model)
        self.calls = 0
        self.cpu_seconds = 0.0

    def ready(self) -> tuple[int, int, float]:
        """(pid, calls so far, CPU seconds spent in them): loaded and answering."""
        return os.getpid(), self.calls, self.cpu_seconds

    def encode(self, texts: Sequence[str], spans: Sequence[Sequence[tuple[int, int]]]
               ) -> tuple[Any, list[Any]]:
        t0 = time.process_time()
        self.calls += 1
        vectors, pooled = self.encoder.encode_passages(texts, spans)
        # The index keeps sentence vectors as float16: sent back so, half the bytes.
        pooled = [p.astype("float16") for p in pooled]
        self.cpu_seconds += time.process_time() - t0
        return vectors, pooled


def _check_reachable(address: str, timeout: float = 5.0) -> None:
    """Fail fast when nothing listens at host:port (ray.init would retry for minutes)."""
    if address == "auto":
        return
    target = address.removeprefix("ray://")
    host, sep, port = target.rpartition(":")
    if not sep or not port.isdigit():
        raise RayUnreachable(f"--ray-address {address} is not HOST:PORT (the head node's GCS "
                             "address, e.g. 10.0.0.5:6379).")
    try:
        with socket.create_connection((host.strip("[]"), int(port)), timeout=timeout):
            pass
    except OSError as exc:
        raise RayUnreachable(f"Cannot reach the Ray cluster at {address} ({exc.strerror or exc})"
                             ". Start it with `ray start --head` there, or leave out "
                             "--ray-address for a local runtime; the index is unchanged.") from exc


@contextlib.contextmanager
def _quiet_stderr() -> Iterator[None]:
    """File descriptor 2 sent to a scratch file meanwhile: what qa says stays one line."""
    sys.stderr.flush()
    try:
        saved = os.dup(2)
    except OSError:  # no stderr at all
        yield
        return
    try:
        with tempfile.TemporaryFile() as sink:
            os.dup2(sink.fileno(), 2)
            yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__
