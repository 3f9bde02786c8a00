"""Scenario semantics that used to validate and then silently do nothing.

A file `simex validate` accepts must run as written: a `missed:` trigger
filtered with `where:` fires for the occurrence it names; a `key:` the
trigger's event does not carry is refused, located, instead of leaving bots
to act with an empty parameter; and a command's parameters are held to the
types the scenario declares and to the entities the world has produced, so
a typed vehicle id that does not exist cannot hold an inspection lane.
"""
from __future__ import annotations

import pytest

from simex.engine import commands as c
from simex.engine.commands import CommandError
from simex.scenario.checks import check_scenario
from tests.conftest import make_scenario, run

THREAT = {"at": "1h", "vehicle": "BAD-1", "nuclide": "Cs-137", "description": "gauge", "p_detect": 1.0,
          "dose_rate_uSv_h": 5}
RPM = {"id": "rpm", "type": "portal_monitor", "operator": "customs", "vehicles_per_hour": 0.001,
       "threats": [THREAT, {**THREAT, "at": "1h10m", "vehicle": "BAD-2"}]}
SECONDARY = {"id": "secondary", "type": "service", "performed_by": "customs", "starts_on": {"action": "inspect"},
             "key": "vehicle", "duration": "20m", "reveals": ["nuclide"]}
INSPECT = {"id": "INSPECT", "title": "inspect", "objective": "O1", "who": "customs",
           "trigger": {"event": "rpm.alarm"}, "do": "inspect", "key": "vehicle", "each": True, "within": "15m"}


def _problems(scenario) -> list[tuple[str, str]]:
    return [(p.path, p.severity) for p in check_scenario(scenario)]


def test_a_missed_trigger_filtered_by_where_fires_for_the_occurrence_it_names():
    """Each alarm opens its own INSPECT; nobody inspects. The contingency
    filtered on BAD-2 fires at BAD-2's deadline (1h10m + 15m), not BAD-1's."""
    inject = {"id": "C1", "trigger": {"missed": "INSPECT", "where": {"vehicle": "BAD-2"}}, "to": "customs",
              "synopsis": "reminder", "text": "Inspect BAD-2"}
    s = make_scenario(world=[RPM], doctrine=[INSPECT], injects=[inject])
    assert _problems(s) == []
    ex = run(s, bot_agencies=())
    assert [(e.t, e.inject) for e in ex.events if e.kind == "inject_delivered"] == [(85 * 60.0, "C1")]
    overdue = [e for e in ex.events if e.kind == "expectation_overdue"]
    assert [(e.instance, e.key) for e in overdue] == [("INSPECT#1", "BAD-1"), ("INSPECT#2", "BAD-2")]


def test_a_missed_trigger_can_filter_on_the_ground_truth_of_the_occurrence():
    inject = {"id": "C1", "trigger": {"missed": "INSPECT", "where": {"cause": "threat"}}, "to": "customs",
              "synopsis": "reminder", "text": "Inspect"}
    ex = run(make_scenario(world=[RPM], doctrine=[INSPECT], injects=[inject]), bot_agencies=())
    assert [e.t for e in ex.events if e.kind == "inject_delivered"] == [75 * 60.0]


@pytest.mark.parametrize("edit, path, words", [
    # The police's 'lead' carries no vehicle: bots would inspect vehicle ''.
    (lambda s: s["doctrine"][0].update(trigger={"action": "lead"}), "doctrine[0].key",
     "action 'lead' carries no 'vehicle'"),
    (lambda s: s["doctrine"][0].update(trigger={"event": "custody.started"}), "doctrine[0].key",
     "custody.started carries no 'vehicle'"),
    (lambda s: s["world"][1].update(starts_on={"action": "lead"}), "world[1].key",
     "action 'lead' carries no 'vehicle'"),
    (lambda s: s["doctrine"][0].update(trigger={"state": "secondary.waiting >= 2"}), "doctrine[0].key",
     "carries no 'vehicle'"),
])
def test_a_key_the_trigger_event_does_not_carry_is_a_located_error(edit, path, words):
    clock = {"id": "custody", "type": "legal_clock", "title": "custody", "owner": "police",
             "starts_on": {"action": "hold"}, "deadline": "2h"}
    sections = {"world": [RPM, dict(SECONDARY), clock], "doctrine": [dict(INSPECT)]}
    edit(sections)
    problems = [p for p in check_scenario(make_scenario(**sections)) if p.path == path]
    assert [p.severity for p in problems] == ["error"], problems
    assert words in problems[0].message


def test_keys_the_trigger_event_carries_are_accepted():
    """Alarm facts and truth, action parameters, inject facts, a service's own
    key, and a missed expectation's occurrence all carry their names."""
    doctrine = [
        dict(INSPECT),
        {**INSPECT, "id": "HOLD", "trigger": {"event": "secondary.completed", "where": {"cause": "threat"}},
         "do": "hold"},
        {**INSPECT, "id": "AGAIN", "trigger": {"missed": "INSPECT"}},
        {**INSPECT, "id": "TOLD", "trigger": {"inject": "I1"}},
        {**INSPECT, "id": "HELD", "trigger": {"action": "hold"}, "do": "inspect"},
        {**INSPECT, "id": "MSG", "trigger": {"event": "message_delivered"}},   # message facts are free
    ]
    injects = [{"id": "I1", "at": "2h", "to": "customs", "synopsis": "s", "text": "t", "facts": {"vehicle": "BAD-1"}}]
    assert _problems(make_scenario(world=[RPM, SECONDARY], doctrine=doctrine, injects=injects)) == []


TYPED = {"id": "customs", "name": "Customs", "jurisdiction": "A", "kind": "customs",
         "actions": [{"id": "inspect", "title": "Inspect", "params": [{"name": "vehicle"}]},
                     {"id": "count", "title": "Count", "params": [
                         {"name": "n", "type": "integer"}, {"name": "x", "type": "number", "required": False},
                         {"name": "ok", "type": "boolean", "required": False},
                         {"name": "who", "type": "agency", "required": False},
                         {"name": "item", "type": "evidence", "required": False}]}]}
EVIDENCE = [{"id": "EV1", "description": "box", "found_at": "lane", "custodian": "customs",
             "label": {"case_number": "C1", "item_number": "001"}}]


def _typed_exercise():
    from tests.conftest import BASE
    agencies = [TYPED] + BASE["agencies"][1:]
    return run(make_scenario(agencies=agencies, evidence=EVIDENCE), until=60, bot_agencies=())


@pytest.mark.parametrize("params, words", [
    ({"n": "three"}, "count.n must be a whole number, not text"),
    ({"n": 2.5}, "count.n must be a whole number"),
    ({"n": True}, "count.n must be a whole number, not true/false"),
    ({"n": 1, "x": "far"}, "count.x must be a number, not text"),
    ({"n": 1, "ok": "yes"}, "count.ok must be true or false, not text"),
    ({"n": 1, "who": "polise"}, "count.who must be an agency: no agency 'polise'; did you mean 'police'?"),
    ({"n": 1, "item": "EV9"}, "count.item must be an evidence item: no evidence item 'EV9'"),
])
def test_an_action_parameter_of_the_wrong_type_is_refused(params, words):
    ex = _typed_exercise()
    before = len(ex.events)
    with pytest.raises(CommandError) as refused:
        ex.apply(c.TakeAction(t=120, agency="customs", action="count", params=params))
    assert words in str(refused.value)
    assert len(ex.events) == before


def test_well_typed_action_parameters_are_accepted():
    ex = _typed_exercise()
    ex.apply(c.TakeAction(t=120, agency="customs", action="count",
                          params={"n": 3, "x": 2, "ok": False, "who": "police", "item": "EV1"}))
    assert ex.events[-1].kind == "action_taken"


def test_a_vehicle_that_does_not_exist_cannot_hold_an_inspection_lane():
    """`inspect` starts the secondary inspection for its vehicle. RPM-99999
    never passed the portal: refused, naming the vehicles that did, and the
    real threat is inspected without waiting behind it."""
    ex = run(make_scenario(world=[RPM, {**SECONDARY, "capacity": 1}]), until=3600 + 60, bot_agencies=())
    with pytest.raises(CommandError) as refused:
        ex.apply(c.TakeAction(t=3660, agency="customs", action="inspect", params={"vehicle": "RPM-99999"}))
    assert "no vehicle 'RPM-99999' is known to the world (yet); known: BAD-1" in str(refused.value)
    ex.apply(c.TakeAction(t=3700, agency="customs", action="inspect", params={"vehicle": "BAD-1"}))
    ex.advance_to(3700 + 1)
    started = [e for e in ex.events if e.kind == "world" and e.selector == "secondary.started"]
    assert [(e.t, e.facts["vehicle"], e.facts["waited_s"]) for e in started] == [(3700.0, "BAD-1", 0.0)]


def test_the_exercise_lists_the_entities_a_parameter_may_name():
    ex = run(make_scenario(world=[RPM, SECONDARY]), until=2 * 3600, bot_agencies=())
    assert ex.entities("customs", "inspect", "vehicle") == ["BAD-1", "BAD-2"]
    assert ex.entities("customs", "hold", "vehicle") is None   # no service is keyed on it: free text


def test_a_player_refused_an_unknown_vehicle_is_not_told_which_vehicles_exist():
    ex = run(make_scenario(world=[RPM, SECONDARY]), until=2 * 3600, bot_agencies=())
    with pytest.raises(CommandError) as refused:
        ex.apply(c.TakeAction(t=2 * 3600, agency="customs", action="inspect", params={"vehicle": "BAD-3"}))
    assert refused.value.public == "no vehicle 'BAD-3' is known to the world (yet)"
    assert "BAD-2" in str(refused.value)


@pytest.mark.parametrize("trigger, path", [
    ({"missed": "INSPECT", "where": {"truck": "BAD-2"}}, "injects[0].trigger.where.truck"),
    ({"action": "hold", "where": {"vehicel": "BAD-1"}}, "injects[0].trigger.where.vehicel"),
    ({"event": "rpm.alarm", "where": {"colour": "red"}}, "injects[0].trigger.where.colour"),
])
def test_a_where_name_the_event_never_carries_is_a_warning_that_it_never_fires(trigger, path):
    inject = {"id": "C1", "trigger": trigger, "to": "customs", "synopsis": "s", "text": "t"}
    problems = [p for p in check_scenario(make_scenario(world=[RPM], doctrine=[INSPECT], injects=[inject]))]
    assert [(p.path, p.severity) for p in problems] == [(path, "warning")]
    assert "never fires" in problems[0].message
