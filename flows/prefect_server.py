"""A temporary Prefect server for one `docingest run`, started without importing Prefect's server package.

Prefect's ephemeral mode starts its server as a uvicorn child process (prefect.server.api.server.
SubprocessASGIServer), but the client has to import that module, and with it the whole server
package, to get the class: 1.8 s of CPU in the CLI process for code that only the child runs. Here
the same command is started directly and the flow is pointed at it through PREFECT_API_URL, so the
client never takes the ephemeral path. The child gets the same environment and settings as Prefect
gives it, runs in a session of its own (a Ctrl-C in the terminal must not kill it under the running
flow; docingest stops cleanly first) and is stopped when docingest exits.
"""
from __future__ import annotations

import atexit
import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

HEALTH_POLL = 0.1  # seconds between health checks while the server boots, as Prefect polls
PORT_TAKEN = 3  # uvicorn's exit code when another process bound the port between our probe and its start
# What SubprocessASGIServer sets for its child (Prefect 3.x): no UI, an ephemeral server that runs its services.
SERVER_ENV = {"PREFECT_UI_ENABLED": "0", "PREFECT__SERVER_EPHEMERAL": "1", "PREFECT__SERVER_FINAL": "1"}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start(port: int | None = None) -> Callable[[], str]:
    """Boot the server on a thread (docingest imports its own modules meanwhile); the returned function
    waits until it answers and gives its API URL, or raises what went wrong."""
    import prefect
    from prefect.settings import get_current_settings

    settings = get_current_settings()
    env = {**os.environ, **SERVER_ENV, **settings.to_environment_variables(exclude_unset=True)}
    checks = int(settings.server.ephemeral.startup_timeout_seconds / HEALTH_POLL)
    app_dir = str(prefect.__module_path__.parent)
    outcome: dict = {}

    def boot() -> None:
        try:
            outcome["url"] = _boot(port or free_port(), env, app_dir, checks)
        except BaseException as exc:  # handed to the waiting thread, which reports it
            outcome["error"] = exc

    thread = threading.Thread(target=boot, name="prefect-server-start", daemon=True)
    thread.start()

    def wait() -> str:
        thread.join()
        if "error" in outcome:
            raise outcome["error"]
        return outcome["url"]

    return wait


def _boot(port: int, env: dict, app_dir: str, checks: int) -> str:
    import httpx

    process = _spawn(port, env, app_dir)
    with httpx.Client() as client:
        for _ in range(checks):  # counted in polls, as Prefect counts its start-up timeout
            code = process.poll()
            if code == PORT_TAKEN:
                port = free_port()
                process = _spawn(port, env, app_dir)
                continue
            if code is not None:
                raise RuntimeError(f"Prefect's temporary server stopped while starting (exit code {code})")
            try:
                if client.get(f"http://127.0.0.1:{port}/api/health").status_code == 200:
                    return f"http://127.0.0.1:{port}/api"
            except httpx.TransportError:  # not listening yet
                pass
            time.sleep(HEALTH_POLL)
    raise RuntimeError(f"Prefect's temporary server did not answer within {checks * HEALTH_POLL:g} s "
                       "(PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS)")


def _spawn(port: int, env: dict, app_dir: str) -> subprocess.Popen:
    """The command SubprocessASGIServer runs."""
    process = subprocess.Popen(
        [sys.executable, "-m", "uvicorn", "--app-dir", app_dir, "--factory", "prefect.server.api.server:create_app",
         "--host", "127.0.0.1", "--port", str(port), "--log-level", "error", "--lifespan", "on"],
        env=env, start_new_session=True)
    atexit.register(_stop, process)  # registered before the flow's own exit handlers, so it runs after them
    return process


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@contextmanager
def pointed_at(api_url: str | None) -> Iterator[None]:
    """Prefect's client, and processes started meanwhile (Dask workers), use the temporary server at `api_url`;
    None: the server configured. It serves no UI, so the flow prints no link to one."""
    if api_url is None:
        yield
        return
    from prefect.settings import PREFECT_API_URL, PREFECT_UI_URL, temporary_settings

    before = os.environ.get("PREFECT_API_URL")
    os.environ["PREFECT_API_URL"] = api_url
    try:
        with temporary_settings(updates={PREFECT_API_URL: api_url, PREFECT_UI_URL: ""}):
            yield
    finally:
        if before is None:
            os.environ.pop("PREFECT_API_URL", None)
        else:
            os.environ["PREFECT_API_URL"] = before
