"""What-if sweep throughput: replications of the border scenario serially,
on local worker processes and on a Dask LocalCluster, with parallel
efficiency against the serial rate measured in the same process.

Every run goes through the same code as `simex sweep` (simex.batch.execute:
chunking, CSV written as chunks finish, final sort), so the figures include
the bookkeeping, not just the simulation. The runners are alternated (serial,
local, Dask in rotating order, each with its own seeds), medians kept, and
the machine's load recorded with every run: on a shared machine a parallel
figure means little without it. Cluster start-up is reported apart from the
sweep: a cluster is started once and used for many sweeps.

Goals (issue 15): 10,000 border-detection replications in < 30 s on 2 cores;
parallel efficiency at 2 workers >= 90 % on local processes, >= 70 % on Dask.
Efficiency is rate(k workers) / (k x serial rate), wall clock.

    python bench/bench_sweep.py [--replications 2000] [--workers 2] [--goal 10000] [--no-dask] [--quick]
"""
from __future__ import annotations

import argparse
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


def run(n: int, folder: Path, name: str, seed: int, **where) -> None:
    """`n` replications to a CSV (progress bar off), as `simex sweep` runs them."""
    rows = execute(sweep(n, seed), folder / f"{name}-{seed}.csv", progress=False, **where)
    assert len(rows) == n


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


def measure(n: int, k: int, repeats: int, dask: bool, goal: int) -> dict:
    """Alternated serial / local / Dask runs of `n` replications; the goal run."""
    from bench.harness import alternate, load

    out: dict = {"n": n, "k": k}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        run(200, folder, "warm", 99, workers=1)          # imports, caches, page cache
        models = {"serial": lambda s: run(n, folder, "serial", s + 1, workers=1),
                  "local": lambda s: run(n, folder, "local", s + 1, workers=k)}
        client = cluster = None
        if dask:
            from distributed import Client, LocalCluster

            t0, load0 = time.perf_counter(), load()
            cluster = LocalCluster(n_workers=k, threads_per_worker=1, processes=True, dashboard_address=":0")
            client = Client(cluster)
            client.wait_for_workers(k)
            out["dask_start"], out["dask_start_load"] = time.perf_counter() - t0, max(load0, load())
            run(200, folder, "dask-warm", 98, dask=client, workers=k)   # workers import simex
            models["dask"] = lambda s: run(n, folder, "dask", s + 1, dask=client, workers=k)
        try:
            out["times"] = alternate(models, repeats)
        finally:
            if client is not None:
                client.close()
                cluster.close()
        if goal:
            t, l0 = time.perf_counter(), load()
            run(goal, folder, "goal", 1, workers=k)
            out["goal_s"], out["goal_load"] = time.perf_counter() - t, max(l0, load())
    return out


def results(quick: bool = False, replications: int | None = None, workers: int = 2,
            repeats: int | None = None, dask: bool = True, goal: int | None = None) -> list[dict]:
    from bench.harness import row

    n = replications or (500 if quick else 2000)
    goal = (2000 if quick else 10_000) if goal is None else goal
    m = measure(n, workers, repeats or (3 if quick else 5), dask, goal)
    times = m["times"]
    serial = times["serial"]
    rate_serial = n / serial.wall_s
    rows = []
    if goal:
        projected = m["goal_s"] * 10_000 / goal
        how = f"{m['goal_s']:.1f} s for 10,000" if goal == 10_000 else \
            f"{projected:.1f} s for 10,000, projected from {goal:,} ({m['goal_s']:.1f} s)"
        rows.append(row("sweep", f"10,000 border-detection replications on {workers} local processes",
                        f"{how}; serial CPU {1000 * serial.cpu_s / n:.2f} ms/replication",
                        "< 30 s", projected < 30, m["goal_load"]))
    for name, label, goal_eff in (("local", "local processes", 0.90), ("dask", "Dask LocalCluster", 0.70)):
        if name not in times:
            continue
        t = times[name]
        eff = serial.wall_s / (workers * t.wall_s)
        figure = f"{eff:.0%} ({n / t.wall_s:.0f} vs {rate_serial:.0f} repl/s serial)"
        if name == "dask":
            figure += f"; cluster start-up {m['dask_start']:.2f} s, not in the rate"
        rows.append(row("sweep", f"parallel efficiency at {workers} workers, {label}, {n} replications",
                        figure, f">= {goal_eff:.0%}", eff >= goal_eff, max(t.load, serial.load)))
    return rows


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--replications", type=int, default=2000, help="per measured run (default 2000)")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--repeats", type=int, default=5, help="runs per runner, alternated; medians are kept")
    ap.add_argument("--goal", type=int, default=10_000, help="also time this many on local processes (0: skip)")
    ap.add_argument("--no-dask", action="store_true", help="skip the Dask LocalCluster")
    ap.add_argument("--quick", action="store_true", help="short runs (500 replications, goal projected from 2,000)")
    args = ap.parse_args()
    from bench.harness import table

    if args.quick:
        rows = results(quick=True, workers=args.workers, dask=not args.no_dask)
    else:
        rows = results(replications=args.replications, workers=args.workers, repeats=args.repeats,
                       dask=not args.no_dask, goal=args.goal)
    print(table(rows))
    kb, row_bytes = memory_per_replication()
    print(f"\nmemory per replication: {kb:.0f} KB peak (tracemalloc), {row_bytes:.0f} bytes per CSV row")
    return 0


if __name__ == "__main__":
    sys.exit(main())
