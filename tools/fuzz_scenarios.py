"""Fuzz the scenario loader and the engine with mutants of the bundled scenarios.

Every mutant (tools/mutate.py) must either be rejected with located,
one-line problems, or validate and then run headless and journaled (bots
playing every agency, a bounded stretch of scenario time) to the end of
that stretch:
no traceback, no "internal error", no world process fault, no hang, and
every problem located at a line and column, one line of at most 500
characters.

    python tools/fuzz_scenarios.py -n 2000 [--seed 1] [--horizon 2d] [--time-limit 20]

prints the figures (mutants, rejected with a located error, validated and
ran, tracebacks, hangs) and each failure with the seed and index that
reproduce it; exits 1 if there was any. tests/test_scenario_fuzz.py runs a
seeded subset of the same in CI.
"""
from __future__ import annotations

import argparse
import signal
import sys
import tempfile
import time
import traceback
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make the repository importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from simex.durations import parse_duration  # noqa: E402
from simex.engine.exercise import Exercise  # noqa: E402
from simex.journal import Journal, run_meta  # noqa: E402
from simex.narrate import timeline_line  # noqa: E402
from simex.scenario.loader import check_file, check_text  # noqa: E402
from simex.scenario.problems import format_text  # noqa: E402
from simex.scoring import score  # noqa: E402
from tools.mutate import Mutant, mutant  # noqa: E402

REJECTED, RAN, TRACEBACK, HANG, UNCLEAR = "rejected", "ran", "traceback", "hang", "unclear"
MAX_MESSAGE = 500   # a problem is one line a person reads, not a dump of the value


@dataclass
class Outcome:
    kind: str
    detail: str = ""
    seconds: float = 0.0


class _Hang(BaseException):
    """Raised by the watchdog; a BaseException so that the engine's guard
    against failing world processes does not take it for a model error."""


def check(m: Mutant, horizon: float = 2 * 86400.0, time_limit: float = 20.0) -> Outcome:
    """Validate a mutant, and run it if it validates; never raises."""
    start = time.perf_counter()
    outcome = _with_watchdog(lambda: _check(m, horizon), time_limit)
    outcome.seconds = time.perf_counter() - start
    return outcome


def _check(m: Mutant, horizon: float) -> Outcome:
    if m.raw is not None:
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "mutant.yaml"
            path.write_bytes(m.raw)
            scenario, problems = check_file(path)
    else:
        scenario, problems = check_text(m.text, "mutant.yaml")
    source = m.text if m.raw is None else m.raw.decode("utf-8", "replace")
    for p in problems:
        if "internal error" in p.message:
            return Outcome(TRACEBACK, f"validation: {p.message}")
        if p.line < 1 or p.col < 1 or "\n" in p.message or not p.message or len(p.message) > MAX_MESSAGE:
            return Outcome(UNCLEAR, f"{p.line}:{p.col}: {p.path}: {p.message[:300]!r}")
    format_text(problems)  # what `simex validate` prints
    if scenario is None:
        if not any(p.is_error for p in problems):
            return Outcome(UNCLEAR, "no scenario, and no error says why")
        return Outcome(REJECTED)
    return _run(scenario, source, horizon, m.bots)


def _run(scenario, source: str, horizon: float, bots: str) -> Outcome:
    """What `simex run` does (journal included), up to `horizon` of scenario time."""
    agencies = tuple(a.id for a in scenario.agencies)
    try:
        with tempfile.TemporaryDirectory() as folder:
            journal = Journal(Path(folder) / "run.simex",
                              meta=run_meta(source, "mutant.yaml", scenario.exercise.seed, bots, agencies))
            ex = Exercise(scenario, bots=bots, bot_agencies=agencies, sink=journal)
            ex.start()
            ex.advance_to(min(scenario.exercise.duration, horizon), inclusive=True)
            journal.close()
        for event in ex.events:
            timeline_line(event)    # as the consoles show it
        score(scenario, ex.events)
    except _Hang:
        raise
    except Exception:  # noqa: BLE001 - the point: report any failure with its traceback
        return Outcome(TRACEBACK, "run: " + traceback.format_exc(limit=-6))
    faults = [e for e in ex.events if e.kind == "world" and e.name == "fault"]
    if faults:
        return Outcome(TRACEBACK, f"run: world process fault: {timeline_line(faults[0])}")
    return Outcome(RAN)


def _with_watchdog(work, seconds: float) -> Outcome:
    """Stop work that takes longer than `seconds` of wall time (main thread, POSIX only)."""
    if not hasattr(signal, "setitimer"):
        return work()

    def expire(signum, frame):
        raise _Hang()

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        return work()
    except _Hang:
        return Outcome(HANG, f"still running after {seconds:g} s")
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def fuzz(count: int, seed: int = 1, horizon: float = 2 * 86400.0, time_limit: float = 20.0,
         progress=None) -> tuple[Counter, list[tuple[Mutant, Outcome]]]:
    """Check `count` mutants; the tally by outcome and every failure."""
    tally: Counter = Counter()
    failures = []
    for index in range(count):
        m = mutant(seed, index)
        outcome = check(m, horizon, time_limit)
        tally[outcome.kind] += 1
        if outcome.kind not in (REJECTED, RAN):
            failures.append((m, outcome))
        if progress:
            progress(index + 1, m, outcome)
    return tally, failures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=2000, help="number of mutants (default 2000)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--horizon", type=parse_duration, default=2 * 86400.0,
                        help="scenario time each validated mutant runs (default 2d)")
    parser.add_argument("--time-limit", type=float, default=20.0,
                        help="wall-clock seconds after which a mutant counts as a hang (default 20)")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    slowest = [0.0, ""]

    def progress(done: int, m: Mutant, outcome: Outcome) -> None:
        if outcome.seconds > slowest[0]:
            slowest[:] = [outcome.seconds, m.describe()]
        if done % 100 == 0:
            print(f"  {done} mutants, {time.perf_counter() - started:.0f} s", file=sys.stderr)

    tally, failures = fuzz(args.n, args.seed, args.horizon, args.time_limit, progress)
    for m, outcome in failures:
        print(f"\n{outcome.kind.upper()}: {m.describe()}\n  {outcome.detail.strip()}")
    elapsed = time.perf_counter() - started
    print(f"\nmutants:                          {args.n} (seed {args.seed})")
    print(f"rejected with a located error:    {tally[REJECTED]}")
    print(f"validated and ran:                {tally[RAN]}")
    print(f"tracebacks:                       {tally[TRACEBACK]}")
    print(f"hangs:                            {tally[HANG]}")
    print(f"unlocated or unreadable problems: {tally[UNCLEAR]}")
    print(f"time: {elapsed:.0f} s ({elapsed / max(args.n, 1) * 1000:.0f} ms a mutant; "
          f"slowest {slowest[0]:.1f} s: {slowest[1][:100]})")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
