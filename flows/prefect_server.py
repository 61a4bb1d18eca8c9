"""A temporary Prefect server for one `docingest run`, launched before Prefect itself is imported.

Prefect's ephemeral mode starts its server as a uvicorn child process (prefect.server.api.server.
SubprocessASGIServer), but only once the flow is called: after the client has imported Prefect
(~1 s of CPU) and Prefect's server package (1.8 s, only to get that class). The child's own boot
(~3.5 s of CPU) is the longest step of a short run, so it is launched here first, as a bare
subprocess with the command Prefect runs, and the flow is pointed at it through PREFECT_API_URL.

The launch is speculative: whether this run uses it is decided afterwards by Prefect's own settings
loader (flows.cli), and a server the user configured wins (the child is stopped at once). The child
inherits the environment and working directory, so it reads the same settings (profile,
prefect.toml, .env) that Prefect's SubprocessASGIServer would hand it explicitly. It runs in a
session of its own (a Ctrl-C in the terminal must not kill it under the running flow; docingest
stops cleanly first) and is stopped when docingest exits, after Prefect's own exit handlers have
flushed their events and logs to it. Its output goes to a log file, not to the user's terminal (a server
stopped under a Ctrl-C prints pages of tracebacks): the file is removed with a server that stopped as
asked, and named in the error of one that failed.
"""
from __future__ import annotations

import atexit
import http.client
import importlib.util
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

HEALTH_POLL = 0.1  # seconds between health checks while the server boots, as Prefect polls
STARTUP_FAILURE = 3  # uvicorn's exit code for any failed start, a port bound by another process among them
PORT_RETRIES = 3  # new ports tried when ours was taken between our probe and uvicorn's bind
STOP_GRACE = 5  # seconds a stopping server gets to finish its requests before it is killed, as Prefect waits
# What SubprocessASGIServer sets for its child (Prefect 3.x): no UI, an ephemeral server that runs its services.
SERVER_ENV = {"PREFECT_UI_ENABLED": "0", "PREFECT__SERVER_EPHEMERAL": "1", "PREFECT__SERVER_FINAL": "1"}


class ServerFailed(RuntimeError):
    """The temporary server stopped while starting or did not answer in time."""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def port_in_use(port: int) -> bool:
    with socket.socket() as probe:
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return True
    return False


class TemporaryServer:
    """Prefect's API server as a child process, booting from the moment this object exists; a daemon
    thread polls its health (and moves it to another port when its own was taken) meanwhile."""

    def __init__(self, port: int | None = None) -> None:
        self.port = port or free_port()
        self._launched = time.monotonic()
        self._lock = threading.Lock()  # spawning and stopping never interleave
        self._stopped = False
        self._answered = threading.Event()
        self._failure: str | None = None
        self.log = Path(tempfile.mkstemp(prefix="docingest-prefect-server-", suffix=".log")[1])
        atexit.register(self._remove_log)  # registered before _spawn's stop, so it runs after it
        self.process = _spawn(self.port, self.log)
        threading.Thread(target=self._watch, name="prefect-server-start", daemon=True).start()

    @property
    def api_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/api"

    def _watch(self) -> None:
        retries = PORT_RETRIES
        while not self._stopped:
            code = self.process.poll()
            if code == STARTUP_FAILURE and retries and port_in_use(self.port):
                retries -= 1
                with self._lock:
                    if self._stopped:
                        break
                    self.port = free_port()
                    self.process = _spawn(self.port, self.log)
                continue
            if code is not None:
                self._failure = f"Prefect's temporary server stopped while starting (exit code {code}); its log: {self.log}"
                break
            if _answers(self.port):
                break
            time.sleep(HEALTH_POLL)
        self._answered.set()

    def wait(self, timeout: float) -> str:
        """Its API URL once it answers; ServerFailed when it stopped, or gave no answer within `timeout`
        seconds of its launch (Prefect's PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS)."""
        if not self._answered.wait(max(0.0, self._launched + timeout - time.monotonic())):
            self._failure = (f"Prefect's temporary server did not answer within {timeout:g} s "
                             f"(PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS); its log: {self.log}")
            raise ServerFailed(self._failure)
        if self._failure or self._stopped:
            raise ServerFailed(self._failure or "Prefect's temporary server was stopped")
        return self.api_url

    def stop(self) -> None:
        """Stop it now (a server the user configured wins); the exit handler would otherwise."""
        with self._lock:
            self._stopped = True
            _stop(self.process)
        self._remove_log()

    def _remove_log(self) -> None:
        if self._failure is None:  # a failed server's log is what the error points to
            self.log.unlink(missing_ok=True)


def _answers(port: int) -> bool:
    """The server's /api/health says 200 (http.client: nothing to import while Prefect is imported beside it)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    try:
        connection.request("GET", "/api/health")
        return connection.getresponse().status == 200
    except OSError:  # not listening yet
        return False
    finally:
        connection.close()


def _spawn(port: int, log: Path) -> subprocess.Popen:
    """The command SubprocessASGIServer runs, found without importing Prefect; its output appended to `log`."""
    app_dir = Path(importlib.util.find_spec("prefect").submodule_search_locations[0]).parent
    with open(log, "ab") as output:
        process = subprocess.Popen(
            [sys.executable, "-m", "uvicorn", "--app-dir", str(app_dir), "--factory", "prefect.server.api.server:create_app",
             "--host", "127.0.0.1", "--port", str(port), "--log-level", "error", "--lifespan", "on"],
            env={**os.environ, **SERVER_ENV}, start_new_session=True, stdout=output, stderr=subprocess.STDOUT)
    atexit.register(_stop, process)  # registered before Prefect's own exit handlers, so it runs after them
    return process


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=STOP_GRACE)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@contextmanager
def pointed_at(api_url: str | None) -> Iterator[None]:
    """Prefect's client, and processes started meanwhile (Dask workers), use the temporary server at `api_url`;
    None: the server configured. It serves no UI, so the flow prints no link to one. The flow sends it no
    heartbeats: they let a server notice a run that crashed, and this one stops with the run (Prefect's
    engine also waits up to a second for its heartbeat thread at the end of every flow run)."""
    if api_url is None:
        yield
        return
    from prefect.settings import PREFECT_API_URL, PREFECT_FLOWS_HEARTBEAT_FREQUENCY, PREFECT_UI_URL, temporary_settings

    before = os.environ.get("PREFECT_API_URL")
    os.environ["PREFECT_API_URL"] = api_url
    try:
        with temporary_settings(updates={PREFECT_API_URL: api_url, PREFECT_UI_URL: "", PREFECT_FLOWS_HEARTBEAT_FREQUENCY: None}):
            yield
    finally:
        if before is None:
            os.environ.pop("PREFECT_API_URL", None)
        else:
            os.environ["PREFECT_API_URL"] = before
