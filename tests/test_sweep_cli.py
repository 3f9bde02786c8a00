"""`simex sweep` as a planner uses it: outputs, refusals, Ctrl-C and --resume,
and a worker process dying mid-sweep."""
from __future__ import annotations

import csv
import os
import signal
import subprocess
import sys
import time

from simex.batch.execute import execute
from simex.batch.plan import chunk_size
from simex.batch.replicate import HOLD_FLAG_ENV, KILL_FLAG_ENV
from tests.conftest import BORDER, ROOT
from tests.test_sweep import RADIO, sweep


def simex(*args, cwd=ROOT):
    return subprocess.run([sys.executable, "-m", "simex.cli", *map(str, args)], cwd=cwd,
                          capture_output=True, text=True)


def rows_of(path):
    with open(path, newline="") as f:
        return list(csv.DictReader(f))


def test_sweep_writes_results_summary_and_plots(tmp_path):
    out = tmp_path / "radio.csv"
    r = simex("sweep", BORDER, "-n", 20, "--grid", f"{RADIO}=1m,14m", "--set", "world.rpm.vehicles_per_hour=90",
              "--workers", 2, "-o", out, "--plot")
    assert r.returncode == 0, r.stderr
    assert "Grid point 0: channels.customs-police-radio.delay=1m (20 runs)" in r.stdout
    assert "EXP-NOTIFY-POLICE" in r.stdout and "objective met" in r.stdout
    assert "40 replications in" in r.stderr          # not a terminal: only the final line
    assert len(rows_of(out)) == 40
    summary = rows_of(tmp_path / "radio.summary.csv")
    notify = {s[RADIO]: float(s["p"]) for s in summary if s["quantity"] == "EXP-NOTIFY-POLICE"}
    assert notify["1m"] > notify["14m"]
    assert (tmp_path / "radio-plots" / "EXP-NOTIFY-POLICE.png").read_bytes()[:4] == b"\x89PNG"

    again = simex("sweep", BORDER, "-n", 20, "-o", out)
    assert again.returncode == 2 and "--resume" in again.stderr and "--force" in again.stderr


def test_bad_override_fails_before_any_work(tmp_path):
    r = simex("sweep", BORDER, "-n", 5, "--grid", "doctrine.EXP-NOTIFY-POLIC.within=5m,10m", "-o", tmp_path / "x.csv")
    assert r.returncode == 2
    assert "did you mean 'EXP-NOTIFY-POLICE'?" in r.stderr
    assert not (tmp_path / "x.csv").exists()
    r = simex("sweep", BORDER, "-n", 5, "--grid", "doctrine.EXP-HOLD.within=5m,0", "-o", tmp_path / "x.csv")
    assert r.returncode == 2 and "doctrine.EXP-HOLD.within=0" in r.stderr
    r = simex("sweep", BORDER, "-o", tmp_path / "x.parquet")
    assert r.returncode == 2 and "pyarrow" in r.stderr


def lines_in(path) -> int:
    return path.read_text().count("\n") if path.exists() else 0


def start_foreground(command, env=None) -> subprocess.Popen:
    """Start `command` as a terminal runs a foreground job: in its own process
    group, with Ctrl-C (SIGINT) not ignored. A shell without job control
    ignores SIGINT for `pytest &`, and a child would inherit that."""
    inherited = signal.getsignal(signal.SIGINT)
    if inherited == signal.SIG_IGN:       # a handled signal is reset to default across exec
        signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        return subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                start_new_session=True, env=env)
    finally:
        signal.signal(signal.SIGINT, inherited)


def test_ctrl_c_keeps_finished_rows_and_resume_completes_them(tmp_path):
    """Ctrl-C while chunks are in flight keeps the finished chunk's rows, says
    how to resume, and --resume completes the rest. The workers hold every
    chunk but the first (HOLD_FLAG_ENV) until the interrupt, so it finds work
    in flight however fast the sweep or however slow this test on a busy
    machine; a race against the sweep's end otherwise."""
    out, total, workers = tmp_path / "long.csv", 1200, 2
    first = chunk_size(total, workers)                        # 19 rows, one chunk
    hold = tmp_path / "hold"
    hold.touch()
    proc = start_foreground([sys.executable, "-m", "simex.cli", "sweep", str(BORDER), "-n", str(total),
                             "--workers", str(workers), "-o", str(out), "--quiet"],
                            env={**os.environ, HOLD_FLAG_ENV: str(hold)})
    try:
        deadline = time.monotonic() + 300                     # a safety net: it takes seconds
        while lines_in(out) < 1 + first and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        assert proc.poll() is None and lines_in(out) == 1 + first, \
            f"the sweep ended (exit {proc.poll()}) or never wrote its first chunk"
        os.killpg(proc.pid, signal.SIGINT)                    # what a terminal's Ctrl-C does
        _, err = proc.communicate(timeout=120)                # a safety net: it stops at once
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
    assert proc.returncode == 130, err
    assert "--resume" in err and "Traceback" not in err
    kept = len(rows_of(out))
    assert kept == first                                      # the held chunks are not written

    r = simex("sweep", "--resume", out)                       # no hold: the flag is only in the first run's env
    assert r.returncode == 0, r.stderr
    assert f"{kept} already done" in r.stderr
    pairs = [(row["point"], int(row["replication"])) for row in rows_of(out)]
    assert pairs == [("0", i) for i in range(total)]


def test_resume_refuses_a_changed_plan(tmp_path):
    out = tmp_path / "r.csv"
    assert simex("sweep", BORDER, "-n", 3, "-o", out, "--quiet").returncode == 0
    r = simex("sweep", "--resume", out, "--seed", 9)
    assert r.returncode == 2 and "takes the scenario, seed" in r.stderr
    r = simex("sweep", "--resume", tmp_path / "nothing.csv")
    assert r.returncode == 2 and "cannot be resumed" in r.stderr


def test_a_dying_worker_process_loses_no_replication(tmp_path, monkeypatch):
    sw = sweep(40, grid=[f"{RADIO}=2m,9m"])
    execute(sw, tmp_path / "calm.csv", workers=1, progress=False)
    monkeypatch.setenv(KILL_FLAG_ENV, str(tmp_path / "killed-once"))
    execute(sw, tmp_path / "hit.csv", workers=2, progress=False)
    assert (tmp_path / "killed-once").exists()       # a worker really died
    assert (tmp_path / "hit.csv").read_bytes() == (tmp_path / "calm.csv").read_bytes()
