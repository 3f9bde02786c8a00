"""Injects: timed, triggered, contingency, and the facilitator's controls
(fire now, skip, postpone keeping the spacing, ad-hoc)."""
from __future__ import annotations

import pytest

from simex.engine import commands as c
from simex.engine.commands import CommandError
from tests.conftest import make_scenario, run, transcript


def inject(id, to="customs", **kw):
    return {"id": id, "to": to, "synopsis": f"syn {id}", "text": f"text {id}", **kw}


def test_timed_injects_fire_at_their_time_in_order():
    s = make_scenario(injects=[inject("I2", at="30m"), inject("I1", at="10m"), inject("I3", at="1h")])
    ex = run(s, bots="doctrine", bot_agencies=())
    assert transcript(ex, "inject_delivered") == [(10, "inject_delivered", "I1"),
                                                  (30, "inject_delivered", "I2"),
                                                  (60, "inject_delivered", "I3")]


def test_inject_triggered_by_an_action_fires_after_its_delay_once():
    s = make_scenario(injects=[inject("R", to="police", trigger={"action": "hold", "by": "customs", "delay": "5m"})])
    ex = run(s, until=0)
    ex.apply(c.TakeAction(t=600, agency="customs", action="hold", params={"vehicle": "V1"}))
    ex.apply(c.TakeAction(t=900, agency="customs", action="hold", params={"vehicle": "V2"}))
    ex.advance_to(3600)
    assert transcript(ex, "inject_delivered") == [(15, "inject_delivered", "R")]


def test_contingency_inject_fires_when_an_expectation_is_missed():
    s = make_scenario(
        injects=[inject("I1", at="10m"), inject("C1", trigger={"missed": "E1"}, type="contingency")],
        doctrine=[{"id": "E1", "title": "inspect", "objective": "O1", "who": "customs",
                   "trigger": {"inject": "I1"}, "do": "inspect", "within": "15m"}])
    ex = run(s, bot_agencies=())
    assert transcript(ex, "inject_delivered", "expectation_overdue") == [
        (10, "inject_delivered", "I1"), (25, "expectation_overdue", "E1#1"), (25, "inject_delivered", "C1")]


def test_contingency_inject_does_not_fire_when_the_expectation_is_met():
    s = make_scenario(
        injects=[inject("I1", at="10m"), inject("C1", trigger={"missed": "E1"}, type="contingency")],
        doctrine=[{"id": "E1", "title": "inspect", "objective": "O1", "who": "customs",
                   "trigger": {"inject": "I1"}, "do": "inspect", "within": "15m"}])
    ex = run(s, until=0, bot_agencies=())
    ex.apply(c.TakeAction(t=1200, agency="customs", action="inspect", params={"vehicle": "x"}))
    ex.run_to_end()
    assert [e for e in transcript(ex, "inject_delivered")] == [(10, "inject_delivered", "I1")]


def test_state_trigger_fires_once_when_the_condition_becomes_true():
    s = make_scenario(
        world=[{"id": "q", "type": "service", "performed_by": "customs", "starts_on": {"action": "inspect"},
                "key": "vehicle", "capacity": 1, "duration": "1h"}],
        injects=[inject("Q", trigger={"state": "q.waiting >= 2"})])
    ex = run(s, until=0)
    for minute, vehicle in ((1, "a"), (2, "b"), (3, "c"), (4, "d")):
        ex.apply(c.TakeAction(t=minute * 60, agency="customs", action="inspect", params={"vehicle": vehicle}))
    ex.run_to_end()
    # a is served at once; b waits (1), c waits (2) -> condition true at minute 3
    assert transcript(ex, "inject_delivered") == [(3, "inject_delivered", "Q")]


def test_fire_now_skip_and_no_double_delivery():
    s = make_scenario(injects=[inject("I1", at="1h"), inject("I2", at="2h")])
    ex = run(s, until=600)
    ex.apply(c.DeliverInject(t=600, inject="I1"))
    ex.apply(c.SkipInject(t=700, inject="I2"))
    ex.run_to_end()
    assert transcript(ex, "inject_delivered", "inject_skipped") == [
        (10, "inject_delivered", "I1"), (11.67, "inject_skipped", "I2")]
    with pytest.raises(CommandError, match="already delivered"):
        ex.msel.deliver("I1", manual=True)


def test_postpone_keeps_relative_spacing_of_later_injects():
    s = make_scenario(injects=[inject("I1", at="1h"), inject("I2", at="1h30m"), inject("I3", at="2h"),
                               inject("I0", at="30m")])
    ex = run(s, until=1800 + 60)
    ex.apply(c.RescheduleInject(t=1860, inject="I1", at=5400, shift_following=True))
    ex.run_to_end()
    assert transcript(ex, "inject_delivered") == [(30, "inject_delivered", "I0"), (90, "inject_delivered", "I1"),
                                                  (120, "inject_delivered", "I2"), (150, "inject_delivered", "I3")]


def test_postpone_one_inject_leaves_the_rest():
    s = make_scenario(injects=[inject("I1", at="1h"), inject("I2", at="1h30m")])
    ex = run(s, until=60)
    ex.apply(c.RescheduleInject(t=60, inject="I1", at=7200))
    ex.run_to_end()
    assert transcript(ex, "inject_delivered") == [(90, "inject_delivered", "I2"), (120, "inject_delivered", "I1")]


def test_refused_commands_change_nothing():
    s = make_scenario(injects=[inject("I1", at="1h")])
    ex = run(s, until=60)
    before = list(ex.events)
    for bad in (c.DeliverInject(t=60, inject="nope"),
                c.RescheduleInject(t=60, inject="I1", at=0),
                c.TakeAction(t=60, agency="customs", action="fly", params={}),
                c.TakeAction(t=60, agency="customs", action="inspect", params={}),
                c.SendMessage(t=60, sender="police", recipient="lab", channel="c-l", subject="x"),
                c.TransferEvidence(t=60, item="nope", sender="customs", recipient="police"),
                c.AcknowledgeInject(t=60, inject="I1", agency="customs")):
        with pytest.raises(CommandError):
            ex.apply(bad)
    assert ex.events == before


def test_adhoc_inject_is_delivered_at_once():
    s = make_scenario()
    ex = run(s, until=0)
    ex.apply(c.AddInject(t=300, to=("police",), synopsis="Phone call", text="Where is the truck?"))
    assert transcript(ex, "inject_delivered") == [(5, "inject_delivered", "ADHOC-1")]
    assert ex.msel.states["ADHOC-1"].status == "delivered"


def test_commands_stamped_in_the_past_take_effect_now():
    """A screen that lagged behind the engine: the command is journaled at the
    time it really took effect, never in the past."""
    s = make_scenario()
    ex = run(s, until=600)
    applied = ex.apply(c.RecordDecision(t=300, agency="police", decision="Take the lead"))
    assert applied.t == 600
    assert ex.events[-1].t == 600


def test_evaluator_rating_override_needs_a_reason_and_is_kept():
    s = make_scenario()
    ex = run(s)  # runs to ENDEX: evaluators rate after the exercise
    with pytest.raises(CommandError, match="needs a reason"):
        ex.apply(c.RecordRating(t=0, evaluator="eva", target="CT1", rating="M", suggested="S"))
    with pytest.raises(CommandError, match="P, S, M, U"):
        ex.apply(c.RecordRating(t=0, evaluator="eva", target="O1", rating="X"))
    ex.apply(c.RecordRating(t=0, evaluator="eva", target="CT1", rating="M", suggested="S",
                            reason="Police were told by radio only"))
    rating = ex.events[-1]
    assert (rating.kind, rating.rating, rating.suggested, rating.reason) == (
        "rating_recorded", "M", "S", "Police were told by radio only")


def test_observation_tied_to_a_critical_task_knows_its_objective():
    s = make_scenario()
    ex = run(s, until=60)
    ex.apply(c.RecordObservation(t=60, evaluator="eva", text="Calm and quick", task="CT1"))
    obs = ex.events[-1]
    assert (obs.task, obs.objective) == ("CT1", "O1")
    with pytest.raises(CommandError, match="no critical task"):
        ex.apply(c.RecordObservation(t=60, evaluator="eva", text="x", task="CT9"))
