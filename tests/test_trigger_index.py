"""The trigger index calls exactly the listeners whose trigger `matches` the
event: indexing and preparing the checks once changes speed, not meaning."""
from __future__ import annotations

from pathlib import Path

from simex.engine.exercise import Exercise
from simex.engine.triggers import TriggerIndex, matches
from simex.events import (
    ActionTaken, ExpectationMet, ExpectationOpened, ExpectationOverdue, InjectDelivered, WorldEvent,
)
from simex.scenario.common import Trigger
from simex.scenario.loader import load_scenario

ROOT = Path(__file__).resolve().parent.parent

TRIGGERS = [
    Trigger(event="rpm.alarm"),
    Trigger(event="rpm.alarm", where={"lane": 2}),
    Trigger(event="rpm.alarm", where={"lane": 2, "cause": "innocent"}),
    Trigger(event="action_taken", where={"vehicle": "T1"}),
    Trigger(action="inspect"),
    Trigger(action="inspect", by="customs"),
    Trigger(action="inspect", by="police", where={"vehicle": "T1"}),
    Trigger(inject="I01"),
    Trigger(missed="E1"),
    Trigger(state="rpm.alarms >= 3"),
]

EVENTS = [
    WorldEvent(t=1.0, process="rpm", name="alarm", facts={"lane": 2}, truth={"cause": "innocent"}),
    WorldEvent(t=1.0, process="rpm", name="alarm", facts={"lane": 1}),
    WorldEvent(t=1.0, process="rpm", name="condition", facts={"condition": "rpm.alarms >= 3", "alarms": 3}),
    WorldEvent(t=1.0, process="rpm", name="condition", facts={"condition": "rpm.alarms >= 4", "alarms": 4}),
    ActionTaken(t=2.0, agency="customs", action="inspect", params={"vehicle": "T1"}),
    ActionTaken(t=2.0, agency="police", action="inspect", params={"vehicle": "T1"}),
    ActionTaken(t=2.0, agency="police", action="inspect", params={"vehicle": "T2"}),
    ActionTaken(t=2.0, agency="customs", action="release", params={"vehicle": "T1"}),
    InjectDelivered(t=3.0, inject="I01", to=("customs",), sender="simcell", via="email"),
    InjectDelivered(t=3.0, inject="I02", to=("customs",), sender="simcell", via="email"),
    ExpectationOverdue(t=4.0, expectation="E1", instance="E1#1", who="customs"),
    ExpectationOverdue(t=4.0, expectation="E2", instance="E2#1", who="customs"),
]


def test_dispatch_calls_exactly_the_matching_listeners():
    index, fired = TriggerIndex(), []
    for number, trigger in enumerate(TRIGGERS):
        index.add(trigger, lambda event, n=number: fired.append(n))
    for event in EVENTS:
        fired.clear()
        index.dispatch(event)
        assert sorted(fired) == [n for n, t in enumerate(TRIGGERS) if matches(t, event)], event


def test_every_trigger_form_fires_on_some_event_and_not_on_others():
    """The table above is a real test: each trigger both fires and stays quiet."""
    for trigger in TRIGGERS:
        outcomes = {matches(trigger, event) for event in EVENTS}
        assert outcomes == {True, False}, trigger


def test_a_listener_added_while_dispatching_waits_for_the_next_event():
    index, fired = TriggerIndex(), []

    def first(event):
        fired.append("first")
        index.add(Trigger(event="rpm.alarm"), lambda e: fired.append("added"))
    index.add(Trigger(event="rpm.alarm"), first)
    alarm = EVENTS[1]
    index.dispatch(alarm)
    assert fired == ["first"]
    index.dispatch(alarm)        # the one added before it runs; the one added now waits
    assert fired == ["first", "first", "added"]


def test_an_event_of_a_kind_nobody_heard_is_one_no_trigger_matches():
    """The engine skips dispatch for a kind not in `heard` (doctrine's own
    events, mostly): that is safe only if no trigger could match it."""
    index = TriggerIndex()
    for trigger in TRIGGERS:
        index.add(trigger, lambda event: None)
    others = [ExpectationOpened(5.0, "E1", "E1#1", "customs", 600.0),
              ExpectationMet(6.0, "E1", "E1#1", 60.0, False, 3)]
    for event in EVENTS + others:
        if type(event) not in index.heard:
            assert not any(matches(t, event) for t in TRIGGERS), event
    assert {type(e) for e in others}.isdisjoint(index.heard)
    assert {type(e) for e in EVENTS} <= index.heard


def test_an_exercise_hears_an_expectation_met_when_a_trigger_waits_for_it():
    """A trigger on doctrine's own event still fires though most runs skip
    dispatching them: icsant-article7's EXP-A18-AGREE opens when the Art. 18
    consultation (EXP-A18-CONSULT) is met."""
    scenario = load_scenario(ROOT / "scenarios" / "icsant-article7.yaml")
    agree = next(e for e in scenario.doctrine if e.id == "EXP-A18-AGREE")
    assert agree.trigger.event == "expectation_met"
    ex = Exercise(scenario, seed=1, bots="doctrine", bot_agencies=tuple(a.id for a in scenario.agencies))
    ex.run_to_end()
    met = [i for i, e in enumerate(ex.events) if isinstance(e, ExpectationMet) and e.expectation == "EXP-A18-CONSULT"]
    opened = [e for e in ex.events if isinstance(e, ExpectationOpened) and e.expectation == "EXP-A18-AGREE"]
    assert met and opened and opened[0].trigger_event == met[0]
