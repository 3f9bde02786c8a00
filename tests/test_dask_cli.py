"""`simex sweep --dask ADDRESS` against a real cluster as docs/what-if.md sets
one up: a `dask scheduler` and a `dask worker` started from the command line
on loopback, nothing shared with the sweep but the address."""
from __future__ import annotations

import json
import subprocess
import sys
import time

import pytest

from simex.batch.execute import execute
from tests.conftest import BORDER
from tests.test_sweep import RADIO, sweep

BOUND_S = 120   # start-up on a busy 2-core machine; a wait, not a speed check


def wait_for(condition, what: str, processes):
    """Poll `condition` until it returns something, a dead process or BOUND_S."""
    deadline = time.monotonic() + BOUND_S
    while time.monotonic() < deadline:
        found = condition()
        if found:
            return found
        for p in processes:
            if p.poll() is not None:
                log = (p.log.read_text() if p.log.exists() else "")[-2000:]
                pytest.fail(f"{what}: dask {p.args[3]} exited with {p.returncode}: {log}")
        time.sleep(0.1)
    pytest.fail(f"{what}: not within {BOUND_S} s")


def address_in(path):
    try:
        return json.loads(path.read_text()).get("address")
    except (OSError, ValueError):
        return None   # not written yet, or half written


@pytest.fixture
def scheduler_and_worker(tmp_path):
    info = tmp_path / "scheduler.json"
    started = []

    def dask(*args):
        # Logs go to a file: a pipe nobody reads would fill and stall the process.
        log = tmp_path / f"{args[0]}.log"
        with open(log, "w") as sink:
            p = subprocess.Popen([sys.executable, "-m", "dask", *args], cwd=tmp_path,
                                 stdout=subprocess.DEVNULL, stderr=sink)
        p.log = log
        started.append(p)

    try:
        dask("scheduler", "--host", "127.0.0.1", "--port", "0", "--no-dashboard", "--scheduler-file", str(info))
        address = wait_for(lambda: address_in(info), "the scheduler's address", started)
        dask("worker", address, "--nthreads", "1", "--no-dashboard", "--host", "127.0.0.1",
             "--local-directory", str(tmp_path / "worker"))
        from distributed import Client

        with Client(address, timeout=BOUND_S) as client:
            wait_for(lambda: len(client.scheduler_info()["workers"]) >= 1, "the worker registering", started)
        yield address
    finally:
        for p in reversed(started):
            p.terminate()
        for p in reversed(started):
            try:
                p.wait(timeout=30)
            except subprocess.TimeoutExpired:
                p.kill()
                p.wait()


def test_simex_sweep_runs_on_a_scheduler_and_worker_started_by_hand(scheduler_and_worker, tmp_path):
    out = tmp_path / "dask.csv"
    r = subprocess.run([sys.executable, "-m", "simex.cli", "sweep", str(BORDER), "-n", "12",
                        "--grid", f"{RADIO}=2m,9m", "--dask", scheduler_and_worker, "-o", str(out)],
                       cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    execute(sweep(12, grid=[f"{RADIO}=2m,9m"]), tmp_path / "local.csv", workers=1, progress=False)
    assert out.read_bytes() == (tmp_path / "local.csv").read_bytes()
    assert len(out.read_text().splitlines()) == 1 + 24
