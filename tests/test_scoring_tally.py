"""A sweep's numbers (tally) are the scored numbers (score) without the words:
same statuses, delays, lateness and totals, ended or still running."""
from __future__ import annotations

from pathlib import Path

import pytest

from simex.engine.exercise import Exercise
from simex.scenario.loader import load_scenario
from simex.scoring.expectations import OVERDUE, score, tally

SCENARIOS = sorted((Path(__file__).resolve().parent.parent / "scenarios").glob("*.yaml"))


def numbers(result):
    return [(r.expectation, r.instance, r.status, r.delay, r.late_by) for r in result.results]


@pytest.mark.parametrize("path", SCENARIOS, ids=lambda p: p.stem)
@pytest.mark.parametrize("bots", ["doctrine", "weak"])
def test_tally_gives_the_numbers_score_explains(path, bots):
    scenario = load_scenario(path)
    ex = Exercise(scenario, seed=5, bots=bots)
    ex.run_to_end()
    explained, bare = score(scenario, ex.events), tally(scenario, ex.events)
    assert explained.results, "a bundled scenario opens expectations"
    assert numbers(bare) == numbers(explained)
    assert bare.totals() == explained.totals() and bare.ended == explained.ended
    assert bare.percent_on_time == explained.percent_on_time


def test_tally_agrees_while_an_exercise_runs_overdue_included():
    scenario = load_scenario(SCENARIOS[0])
    ex = Exercise(scenario, seed=5, bots="weak", bot_agencies=())   # nobody acts: deadlines pass
    ex.advance_to(ex.duration / 2)
    now = ex.now + 60.0
    explained, bare = score(scenario, ex.events, now=now), tally(scenario, ex.events, now=now)
    assert any(r.status == OVERDUE for r in explained.results)
    assert numbers(bare) == numbers(explained) and not bare.ended
