"""What every benchmark in bench/ shares: alternated timing of a model against
its baseline, the machine's load, and the row `bench/all.py` prints.

A ratio is only honest when both sides did the same observable work in the
same process at the same moment: `alternate` runs them in turn (the order
rotating each repeat, so neither is always first after a pause), records CPU
and wall time of each run, and the figures are medians. CPU time is what a
busy shared machine disturbs least; wall time is what a person waits. Both
are reported, with the 1-minute load average, because a figure measured
under load 6 on 2 cores says little without it.
"""
from __future__ import annotations

import gc
import os
import statistics
import time
from dataclasses import dataclass, field
from typing import Callable

COLUMNS = ("bench", "measure", "figure", "goal", "verdict", "load")


def load() -> float:
    """The machine's 1-minute load average."""
    return round(os.getloadavg()[0], 2)


@dataclass
class Timings:
    cpu: list[float] = field(default_factory=list)
    wall: list[float] = field(default_factory=list)
    loads: list[float] = field(default_factory=list)

    @property
    def cpu_s(self) -> float:
        return statistics.median(self.cpu)

    @property
    def wall_s(self) -> float:
        return statistics.median(self.wall)

    @property
    def load(self) -> float:
        return max(self.loads)


def alternate(models: dict[str, Callable[[int], object]], repeats: int) -> dict[str, Timings]:
    """Run each model once per repeat, in rotating order; `fn(k)` gets the repeat
    number (a seed). Returns CPU and wall seconds per run, per model.

    Each run pays for collecting its own cyclic garbage: what was alive before
    the first run is frozen out of the collector's sight, and a collection
    ends every timed run. Otherwise a model that leaves a large object graph
    behind (an exercise) would have it collected during the next model's run."""
    names = list(models)
    out = {name: Timings() for name in names}
    gc.collect()
    gc.freeze()
    try:
        for k in range(repeats):
            for name in names[k % len(names):] + names[:k % len(names)]:
                t, p = time.perf_counter(), time.process_time()
                models[name](k)
                gc.collect()
                out[name].cpu.append(time.process_time() - p)
                out[name].wall.append(time.perf_counter() - t)
                out[name].loads.append(load())
    finally:
        gc.unfreeze()
    return out


def ratio(model: Timings, baseline: Timings) -> tuple[float, float]:
    """(CPU ratio, wall ratio) of medians."""
    return model.cpu_s / baseline.cpu_s, model.wall_s / baseline.wall_s


def row(bench: str, measure: str, figure: str, goal: str, passed: bool, load_avg: float) -> dict:
    """One line of the table, as `results()` returns it."""
    return {"bench": bench, "measure": measure, "figure": figure, "goal": goal,
            "verdict": "PASS" if passed else "MISS", "load": round(float(load_avg), 2)}


def table(rows: list[dict]) -> str:
    """The rows as one Markdown table (the format docs/performance.md describes)."""
    lines = ["| " + " | ".join(COLUMNS) + " |", "|" + "---|" * len(COLUMNS)]
    for r in rows:
        cells = [_cell(r.get(c, "")) for c in COLUMNS]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def _cell(value) -> str:
    if isinstance(value, float):
        return f"{value:.1f}"
    return str(value).replace("|", "\\|").replace("\n", " ")


def machine() -> str:
    """One line saying where the figures were measured."""
    return f"{os.cpu_count()} cores, load {load():.2f} (1 min)"
