"""A sweep: everything that determines its results, and nothing else.

A Sweep is plain, immutable and picklable: the scenario travels as its YAML
text (not a path, not a model), so a worker on another machine needs only
simex installed. Its grid points and the work split into chunks follow from
it deterministically; the results are a function of it.
"""
from __future__ import annotations

import hashlib
import itertools
import json
from dataclasses import asdict, dataclass, field
from functools import lru_cache

from simex.batch.overrides import Override, apply, read_data
from simex.scenario.model import Scenario


@dataclass(frozen=True)
class Sweep:
    scenario_text: str
    replications: int
    seed: int = 0
    bots: str = "doctrine"
    sets: tuple[Override, ...] = ()
    grid: tuple[tuple[str, tuple[str, ...]], ...] = ()   # (path, values), first varies slowest
    scenario_name: str = field(default="<scenario>", compare=False)

    @property
    def points(self) -> list[tuple[str, ...]]:
        """Every combination of grid values; one empty point without a grid."""
        return list(itertools.product(*(values for _, values in self.grid)))

    @property
    def grid_paths(self) -> tuple[str, ...]:
        return tuple(path for path, _ in self.grid)

    def overrides(self, point: int) -> list[Override]:
        values = self.points[point]
        return [*self.sets, *(Override(path, v) for path, v in zip(self.grid_paths, values))]

    def to_dict(self) -> dict:
        """What results.py saves beside the CSV, so --resume needs nothing else."""
        return {"scenario_name": self.scenario_name, "scenario_sha256": self.digest,
                "replications": self.replications, "seed": self.seed, "bots": self.bots,
                "sets": [str(s) for s in self.sets], "grid": [[p, list(v)] for p, v in self.grid]}

    @property
    def digest(self) -> str:
        return hashlib.sha256(self.scenario_text.encode("utf-8")).hexdigest()

    def identity(self) -> str:
        """Fingerprint of what the results depend on, replications aside (a
        resumed sweep may ask for more)."""
        d = asdict(self)
        d.pop("replications"), d.pop("scenario_name"), d.pop("scenario_text")
        d["scenario"] = self.digest
        return json.dumps(d, sort_keys=True, default=str)


@dataclass(frozen=True)
class Chunk:
    """One task: some replications of one grid point."""

    point: int
    replications: tuple[int, ...]


def chunks(todo: dict[int, list[int]], size: int) -> list[Chunk]:
    """Split the replications to run (per grid point) into chunks of at most `size`."""
    out = []
    for point in sorted(todo):
        reps = sorted(todo[point])
        out += [Chunk(point, tuple(reps[i:i + size])) for i in range(0, len(reps), size)]
    return out


def chunk_size(total: int, workers: int, per_worker: int = 32) -> int:
    """Replications per chunk, so each worker gets about `per_worker` chunks.

    Big enough that per-task overhead is noise next to ~3 ms replications;
    small enough that the progress bar moves, an interrupt loses little, and
    the sweep's end does not wait long on the last chunk while the other
    workers idle. A local task costs about 4 µs, so local workers get 32
    chunks each: at 8 (chunks of 125 border replications, 0.4 s), waiting
    for the last one cost about 5 % of a 2-worker sweep of 2,000. A Dask
    task costs about 1.5 ms, so Dask passes fewer (bench/bench_sweep.py)."""
    return max(5, min(200, -(-total // (workers * per_worker))))


# Built once per worker process and grid point: validating the scenario costs
# a few ms, a replication about as much.
@lru_cache(maxsize=16)
def _data(text: str) -> dict:
    return read_data(text)


@lru_cache(maxsize=64)
def build(sweep: Sweep, point: int) -> Scenario:
    scenario, _ = apply(_data(sweep.scenario_text), sweep.overrides(point))
    return scenario
