"""One replication: a full headless run with every agency played by bots,
turned into one flat row of the results table.

The columns follow from the scenario alone (its expectations, objectives,
injects, agencies and world processes), never from what a run happened to
produce, so every row of a sweep has the same header and rows can be
appended as chunks finish. Values are formatted here, once, as text: the
same run gives the same bytes whichever process or machine ran it.

Per expectation (several instances when `each: true`):
  status    worst judged instance: missed > late > on_time; `open` when the
            only instances were still within their deadline at ENDEX; empty
            when it was never triggered
  delay     mean seconds from trigger to fulfilment over fulfilled instances
  late_by   largest lateness in seconds
  opened    instances opened
Per objective: `met` is 1 when every judged expectation of it was on time,
0 when one was late or missed, empty when none was judged (not exercised).
"""
from __future__ import annotations

import multiprocessing
import os
import time
from collections import Counter
from dataclasses import dataclass

from simex.batch.plan import Chunk, Sweep, build
from simex.batch.seeds import derive
from simex.engine.exercise import Exercise
from simex.events import (
    ActionTaken, ExerciseEnded, InjectDelivered, MessageDelivered, MessageSent, WorldEvent,
)
from simex.scenario.model import Scenario
from simex.scoring.expectations import LATE, MISSED, ON_TIME, OPEN, tally

# World event names by process type (simex/engine/world/); a process type not
# listed here still gets its total event count.
WORLD_EVENTS = {
    "portal_monitor": ("alarm", "undetected"),
    "service": ("started", "completed"),
    "legal_clock": ("started", "warning", "expired", "stopped"),
    "precedence": ("kept", "broken"),
    "dose_field": ("measured", "entered", "withdrawn", "exceeded", "turn_back"),
}
# One extreme value per process type, from a fact or truth field of its events:
# the longest queue wait of a service, the highest dose anyone in a field got.
WORLD_MAX = {"service": ("wait_max", "waited_s"), "dose_field": ("dose_max_mSv", "dose_mSv")}
_RANK = {MISSED: 3, LATE: 2, ON_TIME: 1}

# Test hook for worker death: the first worker process that finds this file
# missing creates it and dies while running a chunk other than the sweep's first.
KILL_FLAG_ENV = "SIMEX_SWEEP_TEST_KILL_FLAG"
# Test hook for Ctrl-C: while this file exists, worker processes hold every
# chunk but the sweep's first, so an interrupt finds work in flight however
# fast the sweep runs and however late the interrupt comes.
HOLD_FLAG_ENV = "SIMEX_SWEEP_TEST_HOLD"


@dataclass(frozen=True)
class Layout:
    """The columns of the results table for one scenario and grid."""

    grid_paths: tuple[str, ...]
    expectations: tuple[str, ...]
    each: frozenset[str]
    objectives: tuple[str, ...]
    objective_of: dict
    injects: tuple[str, ...]
    agencies: tuple[str, ...]
    world: tuple[tuple[str, tuple[str, ...], str], ...]   # (id, event names, process type)

    @classmethod
    def of(cls, scenario: Scenario, grid_paths: tuple[str, ...] = ()) -> "Layout":
        return cls(
            grid_paths=tuple(grid_paths),
            expectations=tuple(e.id for e in scenario.doctrine),
            each=frozenset(e.id for e in scenario.doctrine if e.each),
            objectives=tuple(o.id for o in scenario.objectives),
            objective_of={e.id: e.objective for e in scenario.doctrine},
            injects=tuple(i.id for i in scenario.injects),
            agencies=tuple(a.id for a in scenario.agencies),
            world=tuple((p.id, WORLD_EVENTS.get(p.type, ()), p.type) for p in scenario.world),
        )

    @property
    def columns(self) -> list[str]:
        cols = ["point", "replication", "seed", *self.grid_paths,
                "events", "end", "on_time", "late", "missed", "open", "percent_on_time"]
        for e in self.expectations:
            cols += [f"{e}.status", f"{e}.delay", f"{e}.late_by", f"{e}.opened"]
        cols += [f"{o}.met" for o in self.objectives]
        cols += [f"inject.{i}.fired" for i in self.injects]
        for a in self.agencies:
            cols += [f"agency.{a}.acts", f"agency.{a}.sends", f"agency.{a}.receives"]
        for pid, names, kind in self.world:
            cols += [f"world.{pid}.{n}" for n in names] + [f"world.{pid}.events"]
            cols += [f"world.{pid}.{WORLD_MAX[kind][0]}"] if kind in WORLD_MAX else []
        return cols


def fmt(value: object) -> str:
    """One canonical text per value: floats to the millisecond, no float noise."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float):
        value = round(value, 3)
        return str(int(value)) if value.is_integer() else repr(value)
    return str(value)


def replicate(scenario: Scenario, layout: Layout, seed: int, bots: str = "doctrine") -> dict[str, object]:
    """Run once with every agency played by bots; the row's measured values."""
    ex = Exercise(scenario, seed=seed, bots=bots, bot_agencies=layout.agencies)
    ex.run_to_end()
    return measure(scenario, layout, ex.events)


def measure(scenario: Scenario, layout: Layout, events: list, result=None) -> dict[str, object]:
    """A finished run's measured values, however it was played (bots, a
    journal's commands, a counterfactual); `result` is its score if known."""
    result = result or tally(scenario, events)     # numbers only: a sweep never reads the explanations
    row: dict[str, object] = {"events": len(events)}
    row["end"] = next((e.t for e in events if isinstance(e, ExerciseEnded)), None)
    row.update(result.totals())
    row["percent_on_time"] = result.percent_on_time

    by_exp: dict[str, list] = {}
    for r in result.results:
        by_exp.setdefault(r.expectation, []).append(r)
    judged_by_obj: dict[str, list[bool]] = {}
    for exp_id in layout.expectations:
        found = by_exp.get(exp_id, [])
        judged = [r for r in found if r.status != OPEN]
        status = max((r.status for r in judged), key=_RANK.__getitem__) if judged else (OPEN if found else None)
        delays = [r.delay for r in found if r.delay is not None]
        late = [r.late_by for r in found if r.late_by is not None]
        row[f"{exp_id}.status"] = status
        row[f"{exp_id}.delay"] = sum(delays) / len(delays) if delays else None
        row[f"{exp_id}.late_by"] = max(late) if late else None
        row[f"{exp_id}.opened"] = len(found)
        if judged:
            judged_by_obj.setdefault(layout.objective_of[exp_id], []).extend(r.status == ON_TIME for r in judged)
    for obj in layout.objectives:
        marks = judged_by_obj.get(obj)
        row[f"{obj}.met"] = all(marks) if marks else None

    fired, acts, sends, receives, world = Counter(), Counter(), Counter(), Counter(), Counter()
    peaks: dict[str, float] = {}
    watched = {pid: WORLD_MAX[kind][1] for pid, _, kind in layout.world if kind in WORLD_MAX}
    for e in events:
        if isinstance(e, WorldEvent):
            world[e.process] += 1
            world[(e.process, e.name)] += 1
            field = watched.get(e.process)
            if field:
                value = e.truth.get(field, e.facts.get(field))
                if isinstance(value, (int, float)) and not isinstance(value, bool):
                    peaks[e.process] = max(peaks.get(e.process, 0.0), float(value))
        elif isinstance(e, ActionTaken):
            acts[e.agency] += 1
        elif isinstance(e, MessageSent):
            sends[e.sender] += 1
        elif isinstance(e, MessageDelivered):
            receives[e.recipient] += 1
        elif isinstance(e, InjectDelivered):
            fired[e.inject] += 1
            sends[e.sender] += 1     # an inject "from" an agency is that agency speaking
            for agency in e.to:
                receives[agency] += 1
    for i in layout.injects:
        row[f"inject.{i}.fired"] = fired[i]
    for a in layout.agencies:
        row[f"agency.{a}.acts"], row[f"agency.{a}.sends"], row[f"agency.{a}.receives"] = acts[a], sends[a], receives[a]
    for pid, names, kind in layout.world:
        for n in names:
            row[f"world.{pid}.{n}"] = world[(pid, n)]
        row[f"world.{pid}.events"] = world[pid]
        if kind in WORLD_MAX:
            row[f"world.{pid}.{WORLD_MAX[kind][0]}"] = peaks.get(pid, 0.0)
    return row


def layout_of(sweep: Sweep) -> Layout:
    """Columns come from the first grid point: overrides change values, not ids."""
    return Layout.of(build(sweep, 0), sweep.grid_paths)


def run_chunk(sweep: Sweep, chunk: Chunk) -> list[list[str]]:
    """The rows (as text, in column order) of one chunk: what a worker returns."""
    _test_hooks(chunk)
    scenario = build(sweep, chunk.point)
    layout = layout_of(sweep)
    columns = layout.columns
    values = sweep.points[chunk.point]
    rows = []
    for rep in chunk.replications:
        seed = derive(sweep.seed, chunk.point, rep)
        row = replicate(scenario, layout, seed, sweep.bots)
        row.update({"point": chunk.point, "replication": rep, "seed": seed})
        row.update(zip(layout.grid_paths, values))
        rows.append([fmt(row.get(c)) for c in columns])
    return rows


def _test_hooks(chunk: Chunk) -> None:
    """KILL_FLAG_ENV and HOLD_FLAG_ENV: in worker processes only (never in the
    process driving the sweep), and never on the sweep's first chunk."""
    hold, flag = os.environ.get(HOLD_FLAG_ENV), os.environ.get(KILL_FLAG_ENV)
    if not (hold or flag) or (chunk.point == 0 and 0 in chunk.replications):
        return
    if multiprocessing.parent_process() is None:
        return
    while hold and os.path.exists(hold):
        time.sleep(0.05)
    if flag:
        try:
            os.close(os.open(flag, os.O_CREAT | os.O_EXCL | os.O_WRONLY))
        except FileExistsError:
            return
        os._exit(70)   # a hard death, as a killed or OOM-killed worker would die
