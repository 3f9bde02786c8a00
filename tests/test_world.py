"""Built-in world processes: portal monitors, timed services, legal clocks."""
from __future__ import annotations

from statistics import mean

import pytest

from simex.engine import commands as c
from tests.conftest import make_scenario, run, transcript

RPM = {"id": "rpm", "type": "portal_monitor", "operator": "customs", "lanes": 2,
       "vehicles_per_hour": 600, "p_innocent": 0.05, "p_false": 0.01,
       "innocent_causes": [{"cargo": "tiles", "nuclide": "K-40"}],
       "threats": [{"at": "1h", "vehicle": "BAD-1", "nuclide": "Cs-137", "description": "gauge",
                    "dose_rate_uSv_h": 5}]}


def test_portal_monitor_alarm_rate_matches_its_parameters():
    """600 vehicles/h for 6 h with 6% alarming: about 216 alarms. Over 20 seeds
    the mean must land within 5% of it."""
    s = make_scenario(world=[RPM])
    counts = [sum(1 for e in run(s, seed=seed, bot_agencies=()).events if e.kind == "world" and e.name == "alarm")
              for seed in range(20)]
    assert abs(mean(counts) - (600 * 6 * 0.06 + 1)) / 217 < 0.05


def test_alarm_shows_the_operator_the_reading_but_not_the_cause():
    s = make_scenario(world=[RPM])
    threat = next(e for e in run(s, bot_agencies=()).events if e.kind == "world" and e.get("vehicle") == "BAD-1")
    assert threat.t == 3600 and threat.observer == "customs"
    assert set(threat.facts) == {"vehicle", "conveyance", "lane", "gamma_sigma", "neutron", "channel"}
    assert threat.truth["cause"] == "threat" and threat.truth["nuclide"] == "Cs-137"


def test_undetected_threat_is_recorded_for_controllers_only():
    rpm = {**RPM, "threats": [{**RPM["threats"][0], "p_detect": 0.0}]}
    events = run(make_scenario(world=[rpm]), bot_agencies=()).events
    missed = [e for e in events if e.kind == "world" and e.name == "undetected"]
    assert len(missed) == 1 and missed[0].observer == "" and missed[0].truth["cause"] == "threat"


def test_service_queues_on_capacity_and_reveals_ground_truth():
    s = make_scenario(world=[
        {**RPM, "vehicles_per_hour": 0.001},
        {"id": "sec", "type": "service", "performed_by": "customs", "starts_on": {"action": "inspect"},
         "key": "vehicle", "capacity": 1, "duration": "20m", "reveals": ["nuclide"]}])
    ex = run(s, until=3600)
    ex.advance_to(3600, inclusive=True)   # BAD-1 has alarmed: the world knows it
    ex.apply(c.TakeAction(t=3600, agency="customs", action="inspect", params={"vehicle": "BAD-1"}))
    # A second look at the same truck (a re-scan) queues behind the first.
    ex.apply(c.TakeAction(t=3660, agency="customs", action="inspect", params={"vehicle": "BAD-1"}))
    ex.advance_to(3 * 3600)
    assert transcript(ex, "sec.started", "sec.completed") == [
        (60, "sec.started", "BAD-1"), (80, "sec.completed", "BAD-1"),
        (80, "sec.started", "BAD-1"), (100, "sec.completed", "BAD-1")]
    done = [e for e in ex.events if e.kind == "world" and e.name == "completed"]
    assert [e.facts for e in done] == [{"vehicle": "BAD-1", "nuclide": "Cs-137"}] * 2
    second_start = [e for e in ex.events if e.kind == "world" and e.name == "started"][1]
    assert second_start.facts["waited_s"] == 19 * 60


CLOCK = {"id": "hold", "type": "legal_clock", "title": "Hold limit", "owner": "customs",
         "starts_on": {"action": "hold"}, "deadline": "4h", "warn_before": "30m",
         "stops_on": {"action": "lead", "by": "police"}}


def test_legal_clock_warns_then_expires():
    ex = run(make_scenario(world=[CLOCK]), until=0)
    ex.apply(c.TakeAction(t=600, agency="customs", action="hold", params={"vehicle": "V"}))
    ex.run_to_end()
    assert transcript(ex, "hold.started", "hold.warning", "hold.expired") == [
        (10, "hold.started", ""), (220, "hold.warning", ""), (250, "hold.expired", "")]


def test_legal_clock_stops_when_its_stop_trigger_fires():
    ex = run(make_scenario(world=[CLOCK]), until=0)
    ex.apply(c.TakeAction(t=600, agency="customs", action="hold", params={"vehicle": "V"}))
    ex.apply(c.TakeAction(t=3600, agency="police", action="lead", params={}))
    ex.run_to_end()
    assert transcript(ex, "hold.started", "hold.stopped", "hold.warning", "hold.expired") == [
        (10, "hold.started", ""), (60, "hold.stopped", "")]


def test_preroll_runs_the_world_before_startex_and_nothing_else():
    """A one-hour pre-roll: alarms before STARTEX are history (negative times);
    injects and doctrine start at STARTEX, so no expectation opens before it."""
    doctrine = [{"id": "E1", "title": "inspect", "objective": "O1", "who": "customs",
                 "trigger": {"event": "rpm.alarm"}, "each": True, "key": "vehicle", "do": "inspect", "within": "15m"}]
    s = make_scenario(exercise={"preroll": "1h"}, world=[RPM], doctrine=doctrine,
                      injects=[{"id": "I0", "at": "0m", "to": "customs", "synopsis": "go", "text": "go"}])
    ex = run(s, bot_agencies=("customs",))
    before = [e for e in ex.events if e.t < 0]
    assert before and {e.kind for e in before} == {"world"}
    started = next(e for e in ex.events if e.kind == "exercise_started")
    assert started.t == 0 and transcript(ex, "inject_delivered") == [(0, "inject_delivered", "I0")]
    assert min(e.t for e in ex.events if e.kind == "expectation_opened") >= 0


@pytest.mark.parametrize("preroll", [None, "1h"])
def test_a_world_process_can_start_when_the_exercise_starts(preroll):
    """`starts_on: {event: exercise_started}` validates, so it must fire: the world's
    triggers are in place before STARTEX is announced, with or without a pre-roll."""
    clock = {**CLOCK, "starts_on": {"event": "exercise_started"}, "stops_on": None}
    exercise = {"preroll": preroll} if preroll else {}
    ex = run(make_scenario(exercise=exercise, world=[clock]), until=0)
    ex.run_to_end()
    assert transcript(ex, "hold.started", "hold.expired") == [(0, "hold.started", ""), (240, "hold.expired", "")]
