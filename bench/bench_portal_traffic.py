"""Portal traffic: thinned (only alarming conveyances are events) against
one SimPy timeout per conveyance, the way simex generated traffic before.

Both run the same portal in the same process through `Exercise` (no bots,
no journal): 10,000 conveyances an hour for 24 h, 2 % alarming. The
baseline is the portal process with its traffic loop replaced by the
per-vehicle loop (a timeout and a draw per conveyance; the same alarm
code for the ones that alarm), so both produce alarm events of the same
kind at the same rate. Alternated, each run paying for collecting its own
garbage (bench.harness.alternate; until 28 November 2026 one run's garbage
could be collected in the next, either model's), medians of CPU and wall time.

    python bench/bench_portal_traffic.py [--quick]
"""
from __future__ import annotations

import argparse
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.harness import alternate, ratio  # noqa: E402
from simex.engine import world  # noqa: E402
from simex.engine.exercise import Exercise  # noqa: E402
from simex.engine.world.portal import PortalMonitorProcess  # noqa: E402
from simex.scenario.model import PortalMonitor, Scenario  # noqa: E402

PER_HOUR, P_ALARM, HOURS = 10_000, 0.02, 24
# Thinned at least 10x cheaper in CPU than one event per conveyance. At 2 %
# alarming the rest of the cost is per alarm (the event, trigger dispatch,
# the alarm's draws), which thinning does not touch.
GOAL = 10.0


class PerVehicle(PortalMonitorProcess):
    """The baseline: every conveyance is its own timeout and draw."""

    def _traffic(self):
        spec, env = self.spec, self.ctx.env
        gaps, kinds, lanes = self.stream("arrivals"), self.stream("alarms"), self.stream("lanes")
        p, n = self._p_alarm(), 0
        while True:
            yield env.timeout(gaps.expovariate(spec.vehicles_per_hour / 3600.0))
            n += 1
            self.passed += 1
            u = kinds.random()
            if u < p:
                self._ordinary(self._number % n, lanes.randint(1, spec.lanes), u, kinds)


def scenario() -> Scenario:
    return Scenario.model_validate({
        "simex": 1,
        "exercise": {"id": "bench", "title": "Bench", "summary": "Bench", "type": "tabletop",
                     "startex": "2026-03-17T07:00:00+00:00", "duration": f"{HOURS}h"},
        "objectives": [{"id": "O1", "title": "O"}],
        "jurisdictions": [{"id": "A", "name": "A"}],
        "agencies": [{"id": "customs", "name": "Customs", "jurisdiction": "A", "kind": "customs"}],
        "world": [{"id": "rpm", "type": "portal_monitor", "operator": "customs", "lanes": 4,
                   "vehicles_per_hour": PER_HOUR, "p_innocent": P_ALARM,
                   "innocent_causes": [{"cargo": "tiles", "nuclide": "K-40"}]}]})


def one(s: Scenario, baseline: bool) -> tuple[int, int, int]:
    """One 24 h run; (alarms, conveyances, SimPy events scheduled)."""
    if baseline:
        world._TYPES[PortalMonitor] = PerVehicle
    try:
        ex = Exercise(s, bot_agencies=())
        ex.run_to_end()
    finally:
        world._TYPES[PortalMonitor] = PortalMonitorProcess
    alarms = sum(1 for e in ex.events if e.kind == "world" and e.name == "alarm")
    return alarms, ex.world["rpm"].passed, next(ex.env._eid)


def results(quick: bool = False) -> list[dict]:
    s = scenario()
    counts: dict[bool, list[tuple[int, int, int]]] = {True: [], False: []}
    models = {name: (lambda k, b=b: counts[b].append(one(s, b))) for name, b in (("per-vehicle", True),
                                                                               ("thinned", False))}
    # Alternated, each run paying for collecting its own garbage (bench.harness).
    timings = alternate(models, 2 if quick else 5)
    slow, fast = timings["per-vehicle"], timings["thinned"]
    alarms, passed, scheduled = ({b: statistics.median(r[i] for r in counts[b]) for b in counts} for i in range(3))
    ratio_cpu, ratio_wall = ratio(slow, fast)
    load = max(slow.load, fast.load)
    return [{
        "bench": "portal_traffic",
        "measure": (f"CPU per 24 h of {PER_HOUR:,}/h traffic, {P_ALARM:.0%} alarming: per-vehicle timeouts "
                    f"/ thinned (alarms {alarms[True]:.0f} vs {alarms[False]:.0f}, "
                    f"conveyances {passed[True]:.0f} vs {passed[False]:.0f})"),
        "figure": (f"{ratio_cpu:.1f}x CPU ({slow.cpu_s:.2f} s vs {fast.cpu_s:.3f} s), "
                   f"{ratio_wall:.1f}x wall ({slow.wall_s:.2f} s vs {fast.wall_s:.3f} s)"),
        "goal": f">= {GOAL:g}x cheaper",
        "verdict": "PASS" if ratio_cpu >= GOAL else "MISS",
        "load": load,
    }, {
        "bench": "portal_traffic",
        "measure": "SimPy events scheduled per alarm (thinned; the per-vehicle baseline in brackets)",
        "figure": f"{scheduled[False] / alarms[False]:.2f} ({scheduled[True] / alarms[True]:.1f})",
        "goal": "<= 2: only conveyances that alarm become events",
        "verdict": "PASS" if scheduled[False] / alarms[False] <= 2 else "MISS",
        "load": load,
    }]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    for row in results(args.quick):
        for key, value in row.items():
            print(f"{key:8} {value}")


if __name__ == "__main__":
    main()
