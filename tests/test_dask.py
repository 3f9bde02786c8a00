"""The Dask path on a real 2-process LocalCluster: same bytes as a serial
sweep, a worker killed mid-sweep loses nothing, and `simex sweep --dask`
ships the scenario to workers that never saw the file."""
from __future__ import annotations

import csv
import os
import subprocess
import sys

import dask
import pytest
from distributed import Client, LocalCluster

from simex.batch.execute import execute
from simex.batch.replicate import KILL_FLAG_ENV
from tests.conftest import BORDER, ROOT
from tests.test_sweep import RADIO, sweep


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    flag = tmp_path_factory.mktemp("dask") / "killed-once"
    mp = pytest.MonkeyPatch()
    # Workers inherit the environment: the first one to run a chunk other
    # than the sweep's first dies (see replicate._test_hooks). With no
    # allowed failures the scheduler reports KilledWorker at once, so the
    # runner's own re-submission is what saves the chunk.
    mp.setenv(KILL_FLAG_ENV, str(flag))
    with dask.config.set({"distributed.scheduler.allowed-failures": 0}):
        with LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                          dashboard_address=":0") as lc:   # any free port: never "8787 in use"
            with Client(lc) as client:
                yield client, flag
    mp.undo()


def test_a_killed_worker_loses_no_replication_and_results_match_serial(cluster, tmp_path):
    client, flag = cluster
    sw = sweep(60, grid=[f"{RADIO}=2m,9m"])
    execute(sw, tmp_path / "serial.csv", workers=1, progress=False)
    rows = execute(sw, tmp_path / "dask.csv", dask=client, workers=2, progress=False)
    assert flag.exists(), "no worker was killed: the test proved nothing"
    pairs = [(int(r[0]), int(r[1])) for r in rows]
    assert sorted(pairs) == [(p, r) for p in (0, 1) for r in range(60)]
    assert (tmp_path / "dask.csv").read_bytes() == (tmp_path / "serial.csv").read_bytes()
    client.wait_for_workers(2, timeout=30)            # the nanny restarted the dead one


def test_cli_ships_the_scenario_to_the_cluster(cluster, tmp_path):
    client, _ = cluster
    out = tmp_path / "cli.csv"
    r = subprocess.run([sys.executable, "-m", "simex.cli", "sweep", str(BORDER), "-n", "30",
                        "--grid", f"{RADIO}=1m,14m", "--dask", client.scheduler.address, "-o", str(out)],
                       cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    with open(out, newline="") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == 60
    execute(sweep(30, grid=[f"{RADIO}=1m,14m"]), tmp_path / "local.csv", workers=1, progress=False)
    assert out.read_bytes() == (tmp_path / "local.csv").read_bytes()


def test_the_cli_fails_clearly_without_a_scheduler(tmp_path):
    env = {**os.environ, "DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT": "1s"}
    r = subprocess.run([sys.executable, "-m", "simex.cli", "sweep", str(BORDER), "-n", "2",
                        "--dask", "tcp://127.0.0.1:9", "-o", str(tmp_path / "x.csv")],
                       cwd=ROOT, capture_output=True, text=True, timeout=120, env=env)
    assert r.returncode == 1 and "Traceback" not in r.stderr
    assert "cannot reach the Dask scheduler at tcp://127.0.0.1:9" in r.stderr


def test_workers_running_other_code_are_refused():
    from simex.batch.runners import RunnerError, check_workers, code_fingerprint

    class Cluster:
        def run(self, fn):
            return {"tcp://a:1": fn(), "tcp://b:2": "0" * 64}

    with pytest.raises(RunnerError, match="tcp://b:2 run a different version of simex"):
        check_workers(Cluster())
    assert len(code_fingerprint()) == 64
