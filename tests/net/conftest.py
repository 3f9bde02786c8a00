"""A real server on loopback (ephemeral port) with real websocket clients, in this
process or as `simex serve` in its own."""
from __future__ import annotations

import asyncio
import contextlib
import os
import re
import signal
import subprocess
import sys
import threading
import time

import pytest

from simex.net.codes import CodeBook
from simex.net.server import ExerciseServer
from simex.session import LocalSession
from tests.conftest import BORDER, ROOT
from tools.kill9_trials import running_processes


async def until(condition, timeout: float = 60.0) -> None:
    """Wait on a condition (never a fixed time), failing after `timeout` s:
    generous, since a busy 2-core machine serves and reconnects slowly."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not condition():
        assert loop.time() < deadline, "condition not met in time"
        await asyncio.sleep(0.02)


@contextlib.asynccontextmanager
async def serving(scenario, folder):
    """An ExerciseServer on loopback running `scenario`, its journal in `folder`."""
    session = LocalSession.new(scenario, journal_path=folder / "j.simex")
    codes = CodeBook.for_scenario(session.scenario, folder / "j.codes")
    server = ExerciseServer(session, codes, port=0)
    await server.start()
    try:
        yield server
    finally:
        await server.stop()
        session.close()


@pytest.fixture
async def served(tmp_path):
    async with serving(BORDER, tmp_path) as server:
        yield server


def code_for(server, label: str) -> str:
    return dict(server.codes.pretty())[label]


class ServerProcess:
    """`simex serve ... --no-console` in its own process, as a facilitator runs it.

    Threads read its output as it comes, so neither pipe can fill up and block
    the server, and the test waits on what it printed, never on a fixed time."""

    def __init__(self, *args, sigint_ignored: bool = False):
        command = [sys.executable, "-m", "simex.cli", "serve", *map(str, args), "--no-console"]
        if sigint_ignored:   # as for `simex serve ... &` in a script: the shell ignores Ctrl-C for it
            command = ["sh", "-c", 'trap "" INT; exec "$@"', "sh", *command]
        # Its own process group, so that kill() takes anything it started with it.
        self.proc = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                     start_new_session=True)
        self.out: list[str] = []
        self.err: list[str] = []
        self.serving = threading.Event()
        for stream, lines in ((self.proc.stdout, self.out), (self.proc.stderr, self.err)):
            threading.Thread(target=self._read, args=(stream, lines), daemon=True).start()

    def _read(self, stream, lines: list[str]) -> None:
        for line in stream:
            lines.append(line)
            if line.startswith("serving on"):
                self.serving.set()
        self.serving.set()      # exited: stop waiting, ready() tells which

    def ready(self, timeout: float = 60.0) -> "ServerProcess":
        """Wait until it says it is serving; fail with what it said otherwise."""
        self.serving.wait(timeout)
        if not any(line.startswith("serving on") for line in self.out):
            raise AssertionError(f"server did not start within {timeout} s:\n{''.join(self.out + self.err)}")
        return self

    @property
    def codes(self) -> dict[str, str]:
        found = (re.match(r"\s+(\S+:\S+)\s+(\w{4}-\w{4}-\w{4})", line) for line in self.out)
        return {m[1]: m[2] for m in found if m}

    @property
    def address(self) -> str:
        return next(line.split()[2] for line in self.out if line.startswith("serving on"))

    def kill(self, timeout: float = 60.0) -> None:
        """SIGKILL it and whatever it started (its process group); wait for it,
        failing with what it printed if it has not exited within `timeout` s."""
        with contextlib.suppress(ProcessLookupError):   # the group is gone already
            os.killpg(self.proc.pid, signal.SIGKILL)
        try:
            self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            raise AssertionError(f"server {self.proc.pid} still running {timeout} s after SIGKILL:\n"
                                 f"{''.join(self.out + self.err)}") from None

    async def stop(self, sig=signal.SIGINT, timeout: float = 10.0) -> float:
        """Send `sig`; the seconds it took to exit (the event loop keeps running
        meanwhile, so clients answer the server's goodbye)."""
        sent = time.monotonic()
        self.proc.send_signal(sig)
        while self.proc.poll() is None:
            if time.monotonic() - sent > timeout:
                raise AssertionError(f"server still running {timeout} s after signal {sig!r}")
            await asyncio.sleep(0.02)
        return time.monotonic() - sent


@pytest.fixture
def serve_process():
    """Start servers with `serve_process(*args)`; whatever still runs at the end
    is killed, so a failing test leaves no server behind."""
    started: list[ServerProcess] = []

    def start(*args, **options) -> ServerProcess:
        started.append(ServerProcess(*args, **options))
        return started[-1]

    yield start
    for server in started:
        server.kill()


def children() -> set[int]:
    """This process's children still running (not zombies)."""
    return {pid for pid, parent, _ in running_processes() or [] if parent == os.getpid()}


@pytest.fixture(autouse=True)
def no_process_left_behind():
    """Every network test ends with no process it started still running: a
    server or client left behind holds a port and a pipe, and can keep a CI
    run from ending. Killed ones get a generous minute to go."""
    before = children()
    yield
    deadline = time.monotonic() + 60
    while (left := children() - before) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not left, f"processes left running by this test: {sorted(left)}"
