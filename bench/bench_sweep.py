"""What-if sweep throughput: replications per second of the border scenario
serially, on local worker processes and on a Dask LocalCluster, with
parallel efficiency against the serial rate measured in the same process.

Every run goes through the same code as `simex sweep` (simex.batch.execute:
chunking, CSV written as chunks finish, final sort), so the figures include
the bookkeeping, not just the simulation. Cluster start-up is reported apart
from the sweep itself: a cluster is started once and used for many sweeps.
Figures vary with the machine (and with whatever else it is doing); the
ratios are what to compare. Goal: 10,000 replications in under 60 s on
2 cores, parallel efficiency >= 80 % at 2 workers.

    python bench/bench_sweep.py [--replications 2000] [--workers 2] [--goal 10000] [--no-dask]
"""
from __future__ import annotations

import argparse
import os
import resource
import statistics
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from simex.batch.execute import execute  # noqa: E402
from simex.batch.plan import Sweep, build  # noqa: E402
from simex.batch.replicate import layout_of, replicate  # noqa: E402

BORDER = ROOT / "scenarios" / "border-detection.yaml"


def sweep(n: int, seed: int = 1) -> Sweep:
    return Sweep(BORDER.read_text(encoding="utf-8"), n, seed, scenario_name="border-detection.yaml")


CPU: dict[str, list[float]] = {}


def _cpu() -> float:
    """CPU seconds of this process and its finished children (local workers)."""
    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def timed(n: int, folder: Path, name: str, seed: int, **where) -> float:
    """Seconds to run `n` replications to a CSV (progress bar off)."""
    out = folder / f"{name}-{seed}.csv"
    start, cpu = time.perf_counter(), _cpu()
    rows = execute(sweep(n, seed), out, progress=False, **where)
    elapsed = time.perf_counter() - start
    CPU.setdefault(name, []).append((_cpu() - cpu) / n)
    assert len(rows) == n
    return elapsed


def best_rate(n: int, folder: Path, name: str, repeats: int, **where) -> float:
    """Median replications/s over `repeats` runs (different seeds, same work size)."""
    return statistics.median(n / timed(n, folder, name, seed, **where) for seed in range(1, repeats + 1))


def cpu_ms(name: str) -> str:
    """CPU per replication, all processes: unlike wall time, other load on the
    machine barely changes it, so serial vs local shows the pure overhead."""
    return f"{1000 * statistics.median(CPU[name]):.2f} ms" if name in CPU else "-"


def _spin(n: int) -> int:
    x = 0
    for i in range(n):
        x += i * i
    return x


def machine_ceiling(k: int, repeats: int = 3) -> float:
    """Speed-up k processes get on a pure-Python loop with no I/O and no
    data: what this machine gives right now. On a shared or noisy machine it
    is well under k, and no runner can beat it."""
    from concurrent.futures import ProcessPoolExecutor

    n = 4_000_000
    out = []
    with ProcessPoolExecutor(k) as pool:
        list(pool.map(_spin, [1000] * k))   # start the workers first
        for _ in range(repeats):
            t = time.perf_counter()
            for _ in range(k):
                _spin(n)
            serial = time.perf_counter() - t
            t = time.perf_counter()
            list(pool.map(_spin, [n] * k))
            out.append(serial / (time.perf_counter() - t))
    return statistics.median(out)


def memory_per_replication(samples: int = 20) -> tuple[float, float]:
    """(tracemalloc peak of one replication in KB, CSV bytes per row)."""
    sw = sweep(samples)
    scenario, layout = build(sw, 0), layout_of(sw)
    replicate(scenario, layout, 0)   # warm caches outside the measurement
    peaks = []
    for seed in range(samples):
        tracemalloc.start()
        replicate(scenario, layout, seed)
        peaks.append(tracemalloc.get_traced_memory()[1])
        tracemalloc.stop()
    with tempfile.TemporaryDirectory() as d:
        out = Path(d) / "m.csv"
        execute(sw, out, workers=1, progress=False)
        row_bytes = (out.stat().st_size - len(out.read_text().splitlines()[0]) - 1) / samples
    return statistics.median(peaks) / 1024, row_bytes


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--replications", type=int, default=2000, help="per measured run (default 2000)")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--repeats", type=int, default=3, help="runs per figure; the median is kept")
    ap.add_argument("--goal", type=int, default=10_000, help="also time this many on local processes (0: skip)")
    ap.add_argument("--no-dask", action="store_true", help="skip the Dask LocalCluster")
    args = ap.parse_args()
    n, k = args.replications, args.workers
    load_before = os.getloadavg()[0]
    rows: list[tuple[str, float, float | None, str]] = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        ceiling = machine_ceiling(k)
        timed(200, folder, "warm", 99, workers=1)          # imports, caches, page cache
        serial = best_rate(n, folder, "serial", args.repeats, workers=1)
        rows.append(("serial (1 process)", serial, None, cpu_ms("serial")))
        local = best_rate(n, folder, "local", args.repeats, workers=k)
        rows.append((f"local processes ({k})", local, local / (k * serial), cpu_ms("local")))
        dask_start = None
        if not args.no_dask:
            from distributed import Client, LocalCluster

            t0 = time.perf_counter()
            with LocalCluster(n_workers=k, threads_per_worker=1, processes=True, dashboard_address=":0") as lc, \
                    Client(lc) as client:
                client.wait_for_workers(k)
                dask_start = time.perf_counter() - t0
                timed(200, folder, "dask-warm", 98, dask=client, workers=k)   # workers import simex
                rate = best_rate(n, folder, "dask", args.repeats, dask=client, workers=k)
                rows.append((f"Dask LocalCluster ({k})", rate, rate / (k * serial), "-"))
        goal_s = timed(args.goal, folder, "goal", 1, workers=k) if args.goal else None
    kb, row_bytes = memory_per_replication()

    print(f"border-detection sweep, {n} replications per run, median of {args.repeats}")
    print(f"{'runner':<24} {'repl/s':>8} {'vs serial':>10} {'efficiency':>11} {'CPU/repl':>10}")
    for name, rate, eff, cpu in rows:
        print(f"{name:<24} {rate:>8.0f} {rate / serial:>9.2f}x "
              f"{'' if eff is None else f'{100 * eff:.0f}%':>11} {cpu:>10}")
    print(f"\nmachine ceiling: {k} processes of pure Python run {ceiling:.2f}x faster than 1 here and now "
          f"(efficiency vs that ceiling: "
          + ", ".join(f"{name.split(' (')[0]} {rate / (ceiling * serial):.0%}" for name, rate, eff, _ in rows[1:])
          + ")")
    print(f"serial: {1000 / serial:.2f} ms per replication")
    if dask_start is not None:
        print(f"Dask LocalCluster start-up: {dask_start:.2f} s (not in the rate)")
    print(f"memory per replication: {kb:.0f} KB peak (tracemalloc), {row_bytes:.0f} bytes per CSV row")
    load_after = os.getloadavg()[0]
    print(f"load average (1 min) before/after: {load_before:.1f} / {load_after:.1f} on {os.cpu_count()} cores"
          + ("  <- other processes competed for the cores: wall-clock figures are pessimistic"
             if max(load_before, load_after) > k + 0.5 else ""))
    if goal_s is not None:
        verdict = "meets" if goal_s < 60 else "MISSES"
        print(f"{args.goal} replications on {k} local processes: {goal_s:.1f} s "
              f"({args.goal / goal_s:.0f}/s) — {verdict} the 60 s goal")
    return 0


if __name__ == "__main__":
    sys.exit(main())
