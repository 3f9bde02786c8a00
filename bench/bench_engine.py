"""Engine throughput: simex against an equivalent hand-written SimPy model.

Both run the border crossing in the same process: Poisson traffic through
portal monitors, innocent/false alarms, a secondary inspection queue (one
inspector), release after inspection. The hand-written model appends the
same domain happenings to a list as tuples; simex emits its frozen events,
matches triggers, tracks doctrine and plays bots. The ratio of time per
domain event is the overhead simex adds. Figures vary with the machine;
the ratio is what to compare.

    python bench/bench_engine.py [--repeats 5]
"""
from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

import simpy

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from simex.engine.exercise import Exercise  # noqa: E402
from simex.journal import Journal  # noqa: E402
from simex.scenario.loader import load_scenario  # noqa: E402

VEHICLES_PER_HOUR = 3000
P_ALARM = 0.05


def busy_border(vehicles_per_hour: float = VEHICLES_PER_HOUR):
    """The bundled scenario with 50x the traffic, so per-event cost dominates start-up."""
    s = load_scenario(ROOT / "scenarios" / "border-detection.yaml")
    rpm = s.world[0].model_copy(update={"vehicles_per_hour": vehicles_per_hour, "p_innocent": P_ALARM,
                                        "p_false": 0.0})
    secondary = s.world[1].model_copy(update={"capacity": 8})
    return s.model_copy(update={"world": [rpm, secondary, *s.world[2:]]})


def raw_simpy(seed: int, duration: float) -> int:
    """The same crossing written directly in SimPy: alarm -> inspector queue -> release."""
    env = simpy.Environment()
    log: list[tuple] = []
    inspectors = simpy.Resource(env, capacity=8)
    rng = random.Random(seed)

    def inspect(vehicle):
        yield env.timeout(rng.triangular(120, 720, 300))   # officer reacts
        log.append((env.now, "action", "secondary_inspection", vehicle))
        with inspectors.request() as slot:
            yield slot
            log.append((env.now, "started", vehicle))
            yield env.timeout(rng.triangular(480, 1800, 840))
        log.append((env.now, "completed", vehicle))
        yield env.timeout(rng.triangular(60, 600, 240))
        log.append((env.now, "action", "release_vehicle", vehicle))

    def traffic():
        n = 0
        while True:
            yield env.timeout(rng.expovariate(VEHICLES_PER_HOUR / 3600))
            n += 1
            if rng.random() < P_ALARM:
                log.append((env.now, "alarm", n))
                env.process(inspect(n))

    env.process(traffic())
    env.run(until=duration)
    return len(log)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    scenario = busy_border()
    agencies = tuple(a.id for a in scenario.agencies)

    def simex_run(seed):
        ex = Exercise(scenario, seed=seed, bots="doctrine", bot_agencies=agencies)
        ex.run_to_end()
        return len(ex.events)

    def simex_journal(seed):
        with tempfile.TemporaryDirectory() as tmp:
            journal = Journal(Path(tmp) / "j.simex", meta={"seed": str(seed)})
            ex = Exercise(scenario, seed=seed, bots="doctrine", bot_agencies=agencies, sink=journal)
            ex.run_to_end()
            journal.close()
            return len(ex.events)

    # Interleaved: each repeat runs all three, so a busy moment on a shared
    # machine slows them alike instead of skewing one model's median.
    models = {"raw": lambda k: raw_simpy(k, scenario.exercise.duration), "simex": simex_run,
              "journal": simex_journal}
    times = {name: [] for name in models}
    counts = {}
    for k in range(args.repeats):
        for name, fn in models.items():
            start = time.perf_counter()
            counts[name] = fn(k)
            times[name].append(time.perf_counter() - start)
    raw_s, raw_n = statistics.median(times["raw"]), counts["raw"]
    sim_s, sim_n = statistics.median(times["simex"]), counts["simex"]
    jou_s, jou_n = statistics.median(times["journal"]), counts["journal"]
    raw_per = raw_s / raw_n
    print(f"border crossing at {VEHICLES_PER_HOUR} vehicles/h, {P_ALARM:.0%} alarming, 6 h, median of {args.repeats}")
    print(f"{'model':<26}{'events':>8}{'seconds':>9}{'events/s':>11}{'us/event':>9}"
          f"{'per-event':>10}{'same-run':>9}")
    for name, s, n in (("hand-written SimPy", raw_s, raw_n), ("simex (no journal)", sim_s, sim_n),
                       ("simex + SQLite journal", jou_s, jou_n)):
        print(f"{name:<26}{n:>8}{s:>9.4f}{n / s:>11,.0f}{s / n * 1e6:>9.1f}"
              f"{(s / n) / raw_per:>10.2f}{s / raw_s:>9.2f}")
    print("per-event: time per domain event relative to the hand-written model (target <= 1.5)")
    print("same-run: whole-run time for the same crossing; simex also records doctrine")
    print("          expectations, acknowledgements and bot decisions, so it emits more events")


if __name__ == "__main__":
    main()
