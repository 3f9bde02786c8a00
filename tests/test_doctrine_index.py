"""Doctrine finds the instances an action meets through an index (by
agency and action, then by the key's name and value). It must meet exactly
the instances, in exactly the order, that checking every open instance
oldest first would: the oldest open one per expectation whose agency,
action, `with:` and key the action matches."""
from __future__ import annotations

from hypothesis import given, settings, strategies as st

from simex.engine.doctrine import DoctrineTracker
from simex.events import ActionTaken, WorldEvent
from tests.conftest import make_scenario

ALARM = {"event": "rpm.alarm"}
DOCTRINE = [
    {"id": "BY-VEHICLE", "title": "t", "objective": "O1", "who": "customs", "trigger": ALARM, "do": "inspect",
     "key": "vehicle", "each": True, "within": "15m"},
    {"id": "ANY", "title": "t", "objective": "O1", "who": "customs", "trigger": ALARM, "do": "inspect",
     "each": True, "within": "15m"},
    {"id": "BY-LANE", "title": "t", "objective": "O1", "who": "customs", "trigger": ALARM, "do": "inspect",
     "key": "lane", "each": True, "within": "15m"},
    {"id": "ONLY-V1", "title": "t", "objective": "O1", "who": "customs", "trigger": ALARM, "do": "inspect",
     "with": {"vehicle": "V1"}, "each": True, "within": "15m"},
    {"id": "HOLD", "title": "t", "objective": "O1", "who": "customs", "trigger": ALARM, "do": "hold",
     "key": "vehicle", "each": True, "within": "15m"},
    {"id": "ONCE", "title": "t", "objective": "O1", "who": "customs", "trigger": ALARM, "do": "inspect",
     "key": "vehicle", "within": "15m"},
]
VEHICLES = ["V1", "V2", "V3"]
step = st.one_of(
    st.tuples(st.just("alarm"), st.sampled_from(VEHICLES), st.sampled_from([1, 2])),
    st.tuples(st.just("act"), st.sampled_from(["inspect", "hold"]),
              st.fixed_dictionaries({}, optional={"vehicle": st.sampled_from(VEHICLES),
                                                  "lane": st.sampled_from([1, 2, "1"])})),
)


def _reference(instances, event, seq):
    """Every open instance, oldest first, checked in full."""
    met, seen = [], set()
    for inst in instances:
        exp = inst.expectation
        if inst.met_at is not None or exp.id in seen or inst.opened > event.t:
            continue
        if (exp.who, exp.do) != (event.agency, event.action):
            continue
        if any(event.params.get(k) != v for k, v in exp.with_.items()):
            continue
        if exp.key and str(event.params.get(exp.key)) != inst.key:
            continue
        seen.add(exp.id)
        met.append(inst)
    for inst in met:
        inst.met_at, inst.met_by = event.t, seq
    return met


@settings(max_examples=150, deadline=None)
@given(st.lists(step, max_size=40))
def test_an_action_meets_what_a_full_scan_would(steps):
    scenario = make_scenario(doctrine=DOCTRINE)
    tracked, reference = DoctrineTracker(scenario), DoctrineTracker(scenario)
    for seq, (what, a, b) in enumerate(steps):
        t = 10.0 * seq
        if what == "alarm":
            alarm = WorldEvent(t=t, process="rpm", name="alarm", observer="customs", facts={"vehicle": a, "lane": b})
            for exp in scenario.doctrine:
                tracked.open(exp, alarm)
                reference.open(exp, alarm)
            continue
        action = ActionTaken(t=t, agency="customs", action=a, params=b)
        ours = [inst.name for inst in tracked.satisfied(action, seq)]
        theirs = [inst.name for inst in _reference(reference.instances, action, seq)]
        assert ours == theirs, (steps[:seq + 1], ours, theirs)
