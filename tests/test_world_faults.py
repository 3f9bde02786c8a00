"""A world process that fails stops; the exercise goes on.

Validation keeps out the numbers the models cannot compute with, but a bug
in a world model must not end a live exercise in `simex serve` or `play`.
The exception becomes a `fault` event of that process, journaled like any
other and shown on the facilitator's timeline; that process stops, and
everything else carries on. The fault is a function of the run, so a replay
of the journal still verifies.
"""
from __future__ import annotations

import copy
import json

from simex.engine import commands as c
from simex.engine.exercise import Exercise
from simex.engine.world import dose_field, portal, service
from simex.journal import Journal, run_meta
from simex.narrate import timeline_line
from simex.replay import replay
from tests.conftest import BASE, make_scenario, run, transcript

FIELD = {"id": "field", "type": "dose_field", "title": "scene", "owner": "customs", "site": "S1",
         "nuclide": "Ir-192", "activity_tbq": 3.7, "survey_on": {"action": "hold"}, "survey_time": "30m",
         "teams": [{"id": "photo", "title": "photographers", "agency": "police", "distance_m": 5,
                    "enters_on": {"action": "inspect"}}]}
CLOCK = {"id": "custody", "type": "legal_clock", "title": "Detention", "owner": "police",
         "starts_on": {"action": "hold"}, "deadline": "1h"}
RPM = {"id": "rpm", "type": "portal_monitor", "operator": "customs", "vehicles_per_hour": 600, "p_innocent": 0.05,
       "threats": [{"at": "1h", "vehicle": "BAD-1", "nuclide": "Cs-137", "description": "gauge",
                    "activity_tbq": 0.1}]}
INJECT = {"id": "I1", "at": "2h", "to": "customs", "synopsis": "Later news", "text": "Still going"}


def overflow(*args, **kwargs):
    raise OverflowError("Numerical result out of range")


def inspect(t: float) -> c.TakeAction:
    return c.TakeAction(t=t, agency="customs", action="inspect", params={"vehicle": "X"})


def test_a_failing_reaction_to_an_action_becomes_a_fault_and_the_exercise_goes_on(monkeypatch):
    monkeypatch.setattr(dose_field, "dose_rate", overflow)
    ex = run(make_scenario(world=[FIELD, CLOCK], injects=[INJECT]), until=0, bot_agencies=())
    ex.apply(inspect(60))            # the team enters: its dose rate cannot be computed
    ex.apply(inspect(120))           # the stopped process no longer reacts
    ex.apply(c.TakeAction(t=180, agency="customs", action="hold", params={"vehicle": "X"}))
    ex.run_to_end()
    assert transcript(ex, "field.fault", "custody.started", "custody.expired", "inject_delivered",
                      "exercise_ended") == [
        (1.0, "field.fault", ""), (3.0, "custody.started", ""), (63.0, "custody.expired", ""),
        (120.0, "inject_delivered", "I1"), (360.0, "exercise_ended", "")]
    fault = next(e for e in ex.events if e.kind == "world" and e.name == "fault")
    assert fault.observer == "" and fault.facts == {"error": "OverflowError: Numerical result out of range",
                                                    "during": "rate_at"}
    assert timeline_line(fault) == ("T+00:01:00  field FAULT in rate_at: OverflowError: Numerical result "
                                    "out of range (field stopped; the exercise goes on)")


def test_a_failing_timed_process_stops_alone(monkeypatch):
    """The portal's threat fails when it reaches the monitor; its traffic stops
    with it, while a second portal keeps counting vehicles."""
    monkeypatch.setattr(portal, "alarm_probability_for_dose_rate", overflow)
    other = {**RPM, "id": "rpm2", "threats": []}
    ex = run(make_scenario(world=[RPM, other]), bot_agencies=())
    fault = [(e.t, e.process, e.facts["during"]) for e in ex.events if e.kind == "world" and e.name == "fault"]
    assert fault == [(3600.0, "rpm", "_consignment")]
    after = {e.process for e in ex.events if e.kind == "world" and e.t > 3600}
    assert after == {"rpm2"} and ex.ended


def test_a_process_that_fails_to_start_is_a_fault_at_startex(monkeypatch):
    monkeypatch.setattr(dose_field, "contour_radius_m", overflow)
    ex = run(make_scenario(world=[FIELD, CLOCK]), until=0, bot_agencies=())
    ex.apply(c.TakeAction(t=60, agency="customs", action="hold", params={"vehicle": "X"}))
    ex.run_to_end()
    # The world is launched before STARTEX is announced (as with a pre-roll), so
    # a world trigger on exercise_started can fire: the fault comes first.
    assert transcript(ex, "exercise_started", "field.fault", "field.measured", "custody.started") == [
        (0.0, "field.fault", ""), (0.0, "exercise_started", ""), (1.0, "custody.started", "")]


def test_a_journaled_fault_replays(monkeypatch, tmp_path):
    monkeypatch.setattr(dose_field, "dose_rate", overflow)
    data = copy.deepcopy(BASE) | {"world": [FIELD], "injects": [INJECT]}
    text = json.dumps(data)  # JSON is YAML: the journal keeps the scenario's text
    journal = Journal(tmp_path / "j.simex", meta=run_meta(text, "faulty.yaml", 1, "doctrine", ()))
    ex = Exercise(make_scenario(world=[FIELD], injects=[INJECT]), seed=1, bot_agencies=(), sink=journal)
    ex.start()
    ex.apply(inspect(60))
    ex.run_to_end()
    journal.close()
    report = replay(tmp_path / "j.simex")
    assert report.ok, report.message
    assert [e.name for e in ex.events if e.kind == "world"] == ["fault"]


def test_a_job_that_yields_something_other_than_an_event_is_a_fault(monkeypatch):
    """A model bug of another kind: a world process's job yields a number
    where SimPy needs an event. The process stops with a fault; the clock
    that another process keeps, and the exercise, go on."""
    from simex.engine.world import legal_clock

    def broken(self):
        yield 42
    monkeypatch.setattr(legal_clock.LegalClockProcess, "_run", broken)
    ex = run(make_scenario(world=[CLOCK, FIELD], injects=[INJECT]), until=0, bot_agencies=())
    ex.apply(c.TakeAction(t=60, agency="customs", action="hold", params={"vehicle": "X"}))
    ex.run_to_end()
    fault = next(e for e in ex.events if e.kind == "world" and e.name == "fault")
    assert (fault.process, fault.facts["error"]) == ("custody", "TypeError: a world process yielded int, "
                                                                "not a SimPy event")
    assert transcript(ex, "inject_delivered", "exercise_ended") == [
        (120.0, "inject_delivered", "I1"), (360.0, "exercise_ended", "")]


SURVEY = {"id": "survey", "type": "service", "performed_by": "customs", "starts_on": {"action": "inspect"},
          "key": "vehicle", "capacity": 1, "duration": "10m", "reveals": ["nuclide"], "riid": True}


def test_a_service_job_that_fails_stops_its_service_and_gives_nothing_more(monkeypatch):
    """The RIID's identification fails in the first job. The survey service
    stops with a fault naming where; the job queued behind it never starts;
    a portal's traffic and the injects go on."""
    from simex.engine.world import service

    monkeypatch.setattr(service, "identify", overflow)
    ex = run(make_scenario(world=[RPM, SURVEY], injects=[INJECT]), until=0, bot_agencies=())
    ex.advance_to(3700)                  # BAD-1 has alarmed at 1 h: it has a truth to measure
    ex.apply(c.TakeAction(t=3700, agency="customs", action="inspect", params={"vehicle": "BAD-1"}))
    ex.apply(c.TakeAction(t=3710, agency="customs", action="inspect", params={"vehicle": "BAD-1"}))
    ex.run_to_end()
    survey = [(e.t, e.name, e.facts.get("during")) for e in ex.events if e.kind == "world" and e.process == "survey"]
    assert survey == [(3700.0, "started", None), (4300.0, "fault", "_measure")]
    assert any(e.kind == "world" and e.process == "rpm" and e.t > 4300 for e in ex.events)
    assert ex.ended and transcript(ex, "inject_delivered") == [(120.0, "inject_delivered", "I1")]



def test_a_queue_condition_follows_the_action_that_lengthened_the_queue():
    """A service queues a job the moment it is asked for, inside the action's
    reaction: a condition on its queue (a contingency inject's trigger) comes
    right after that action, before the expectation the action meets. (Jobs
    used to start one step later, so the condition came after it.)"""
    queue = {"id": "sec", "type": "service", "performed_by": "customs", "starts_on": {"action": "inspect"},
             "capacity": 1, "duration": "1h"}
    expected = {"id": "E", "title": "inspect when held", "objective": "O1", "who": "customs",
                "trigger": {"action": "hold"}, "do": "inspect", "each": True, "within": "1h"}
    contingency = {"id": "Q", "to": "customs", "synopsis": "Queue", "text": "Two wait",
                   "trigger": {"state": "sec.waiting >= 2"}}
    ex = run(make_scenario(world=[queue], doctrine=[expected], injects=[contingency]), until=0, bot_agencies=())
    for t in (30, 31, 32):
        ex.apply(c.TakeAction(t=t, agency="customs", action="hold", params={"vehicle": "X"}))
    for t in (60, 120, 180):
        ex.apply(c.TakeAction(t=t, agency="customs", action="inspect", params={"vehicle": "X"}))
    at_180 = [e.selector if e.kind == "world" else e.kind for e in ex.events if e.t == 180.0]
    assert at_180[:3] == ["action_taken", "sec.condition", "expectation_met"], at_180


def test_a_service_that_fails_to_queue_a_job_stops_and_queues_no_more(monkeypatch):
    """A service's job queueing is called straight from the trigger (it guards
    itself: `WorldProcess.on(..., guards_itself=True)`): a failure is the
    service's fault, and the stopped service takes no further job."""
    monkeypatch.setattr(service, "_JobRequest", overflow)
    inspection = {"id": "sec", "type": "service", "performed_by": "customs", "starts_on": {"action": "inspect"},
                  "capacity": 1, "duration": {"dist": "fixed", "value": "20m"}, "key": "vehicle"}
    ex = run(make_scenario(world=[inspection, CLOCK]), until=0, bot_agencies=())
    ex.apply(inspect(60))
    ex.apply(inspect(120))           # stopped: no second fault, no job
    ex.apply(c.TakeAction(t=180, agency="customs", action="hold", params={"vehicle": "X"}))
    ex.run_to_end()
    faults = [(e.t, e.process, e.facts["during"]) for e in ex.events if e.kind == "world" and e.name == "fault"]
    assert faults == [(60.0, "sec", "_queue")]
    assert not any(e.kind == "world" and e.process == "sec" and e.name != "fault" for e in ex.events)
    assert transcript(ex, "custody.started") == [(3.0, "custody.started", "")]    # the rest goes on
