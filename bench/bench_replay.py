"""Replay speed: `simex replay` verifying a long, busy journal, in recorded
events per second of CPU, against running the same exercise in the engine
alone (no journal, nothing compared) in the same process, alternated.

The journal is the border crossing with 50x its traffic (3,000 vehicles/h,
5 % alarming, eight inspectors, doctrine bots) over 24 h: about 18,000
events. Replay reads and checks the journal (digest chain, seal), re-runs the
exercise and compares every event, a chunk at a time, stopping at the first
difference. The engine row shows how much of replay's time is the engine.

Goal (issue 15): replay verifies >= 50,000 events/s.

    python bench/bench_replay.py [--repeats 7] [--hours 24] [--quick]
"""
from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.bench_engine import INSPECTORS, P_ALARM, VEHICLES_PER_HOUR  # noqa: E402
from bench.harness import alternate, ratio, row, table  # noqa: E402
from simex.engine.exercise import Exercise  # noqa: E402
from simex.journal import Journal, run_meta  # noqa: E402
from simex.replay import replay  # noqa: E402
from simex.scenario.loader import check_text  # noqa: E402

GOAL = 50_000
BORDER = ROOT / "scenarios" / "border-detection.yaml"


def busy_text(hours: float) -> str:
    """The border scenario's text with the busy crossing's traffic: a journal
    stores its scenario text, so the change is made in the text."""
    data = yaml.safe_load(BORDER.read_text(encoding="utf-8"))
    data["exercise"]["duration"] = f"{hours:g}h"
    data["world"][0].update(vehicles_per_hour=VEHICLES_PER_HOUR, p_innocent=P_ALARM, p_false=0.0)
    data["world"][1]["capacity"] = INSPECTORS
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def results(quick: bool = False, repeats: int | None = None, hours: float = 24) -> list[dict]:
    text = busy_text(hours)
    scenario, problems = check_text(text, "busy-border.yaml")
    assert scenario is not None, problems
    agencies = tuple(a.id for a in scenario.agencies)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "busy.simex"
        journal = Journal(path, meta=run_meta(text, "busy-border.yaml", 3, "doctrine", agencies))
        ex = Exercise(scenario, seed=3, bots="doctrine", bot_agencies=agencies, sink=journal)
        ex.run_to_end()
        journal.close()
        events = len(ex.events)
        verdicts = []

        def engine(_):
            Exercise(scenario, seed=3, bots="doctrine", bot_agencies=agencies).run_to_end()

        def verify(_):
            verdicts.append(replay(path).ok)

        times = alternate({"engine": engine, "replay": verify}, repeats or (3 if quick else 7))
    assert all(verdicts), "the benchmark's own journal did not verify"
    rep, eng = times["replay"], times["engine"]
    cpu, wall = ratio(rep, eng)
    rate = events / rep.cpu_s
    return [row("replay", f"`simex replay` of a {hours:g} h busy border journal ({events:,} events), per CPU second",
                f"{rate:,.0f} events/s CPU ({events / rep.wall_s:,.0f} wall); {cpu:.2f}x CPU, {wall:.2f}x wall "
                f"the engine alone ({events / eng.cpu_s:,.0f} events/s)", f">= {GOAL:,} events/s",
                rate >= GOAL, max(rep.load, eng.load))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=7)
    parser.add_argument("--hours", type=float, default=24)
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    print(table(results(args.quick, None if args.quick else args.repeats, args.hours)))


if __name__ == "__main__":
    main()
