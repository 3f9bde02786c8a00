"""How long a commit behind takes while the event loop's thread is busy.

A journal committing behind (simex.journal, Journal.commit_behind) commits
on its own thread; every SQLite call there lets go of the GIL and takes it
back. While the main thread runs Python (a server's fan-out to hundreds of
clients), each taking back waits up to the interpreter's switch interval.
This applies N ad-hoc injects, and after each either waits idle for its
commit or keeps the main thread busy until it is done, and prints p50, p99
and the slowest in ms, for the switch interval given (default: the one
commit_behind sets) and Python's default of 5 ms, alternated.

    python tools/commit_behind_gil.py [--injects 200] [--rounds 2]
"""
from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if __package__ in (None, ""):  # run as a script: make the repository importable
    sys.path.insert(0, str(ROOT))


def one(interval: float | None, busy: bool, injects: int) -> list[float]:
    from simex.engine import commands as c
    from simex.journal import SWITCH_INTERVAL
    from simex.session import LocalSession

    with tempfile.TemporaryDirectory() as tmp:
        session = LocalSession.new(ROOT / "scenarios" / "border-detection.yaml", journal_path=Path(tmp) / "j.simex")
        journal = session.journal
        journal.commit_behind()
        sys.setswitchinterval(SWITCH_INTERVAL if interval is None else interval)   # after commit_behind's own
        agencies = tuple(a.id for a in session.scenario.agencies if a.played_by == "person")
        times = []
        for n in range(injects):
            t0 = time.perf_counter()
            session.exercise.apply(c.AddInject(t=session.now, to=agencies, synopsis=f"probe {n}", text="probe"))
            done = journal.committing()
            if busy:
                while not done.done():      # Python work meanwhile, as a loop fanning out
                    sum(range(2000))
            else:
                done.result()
            times.append((time.perf_counter() - t0) * 1000)
            time.sleep(0.01)
        session.close()
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--injects", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:        # one measurement, in a fresh process: the interval is the process's
        interval = None if args.child[0] == "set" else float(args.child[0])
        times = sorted(one(interval, args.child[1] == "busy", args.injects))
        pick = lambda q: times[min(len(times) - 1, int(q * len(times)))]   # noqa: E731
        print(f"p50 {pick(0.5):6.2f}  p99 {pick(0.99):6.2f}  slowest {times[-1]:6.1f} ms")
        return
    for round_ in range(args.rounds):
        for interval, label in (("set", "commit_behind's interval"), ("0.005", "Python's default 5 ms")):
            for loop in ("idle", "busy"):
                out = subprocess.run([sys.executable, __file__, "--injects", str(args.injects), "--child", interval, loop],
                                     capture_output=True, text=True, check=True).stdout.strip()
                print(f"round {round_ + 1}  {label:25}  loop {loop:4}  {out}", flush=True)


if __name__ == "__main__":
    main()
