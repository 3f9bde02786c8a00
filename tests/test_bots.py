"""Simulated agencies follow doctrine; the weak profile fails in explainable ways."""
from __future__ import annotations

from simex.engine import commands as c
from simex.scoring import score
from tests.conftest import make_scenario, run, transcript

DOCTRINE = [
    {"id": "E-HOLD", "title": "hold", "objective": "O1", "who": "customs", "trigger": {"inject": "I1"},
     "do": "hold", "key": "vehicle", "within": "10m"},
    {"id": "E-TELL", "title": "tell police", "objective": "O1", "who": "customs",
     "trigger": {"action": "hold", "by": "customs"}, "notify": "police", "key": "vehicle", "within": "20m"},
    {"id": "E-LEAD", "title": "lead", "objective": "O1", "who": "police",
     "trigger": {"event": "message_delivered", "where": {"recipient": "police"}}, "do": "lead", "within": "30m"},
]
INJECTS = [{"id": "I1", "at": "10m", "to": "customs", "synopsis": "truck", "text": "truck",
            "facts": {"vehicle": "V9"}}]


def scenario():
    return make_scenario(doctrine=DOCTRINE, injects=INJECTS)


def test_doctrine_bots_meet_every_expectation_in_causal_order():
    s = scenario()
    ex = run(s, bots="doctrine", bot_agencies=("customs", "police", "lab"))
    assert [r.status for r in score(s, ex.events).results] == ["on_time"] * 3
    assert [k for _, k, _ in transcript(ex, "action_taken", "message_sent", "message_delivered")] == [
        "action_taken", "message_sent", "message_delivered", "action_taken"]
    hold = next(e for e in ex.events if e.kind == "action_taken")
    assert hold.params == {"vehicle": "V9"} and hold.actor == "bot"


def test_people_are_not_played_by_bots():
    s = scenario()
    ex = run(s, bots="doctrine", bot_agencies=("police",))
    assert not [e for e in ex.events if e.kind == "action_taken"]


def test_a_human_answer_meets_the_expectation_and_bots_react_to_it():
    s = scenario()
    ex = run(s, until=600, bot_agencies=("police",))
    ex.apply(c.TakeAction(t=900, agency="customs", action="hold", params={"vehicle": "V9"}))
    ex.apply(c.SendMessage(t=1000, sender="customs", recipient="police", channel="c-p", subject="held",
                           facts={"vehicle": "V9"}))
    ex.run_to_end()
    assert [r.status for r in score(s, ex.events).results] == ["on_time"] * 3


def test_wrong_key_does_not_meet_the_expectation():
    s = scenario()
    ex = run(s, until=600, bot_agencies=())
    ex.apply(c.TakeAction(t=700, agency="customs", action="hold", params={"vehicle": "OTHER"}))
    ex.run_to_end()
    first = score(s, ex.events).results[0]
    assert (first.expectation, first.status) == ("E-HOLD", "missed")
    assert "no “Hold” by Customs before ENDEX" in first.why


def test_late_answer_is_late_by_the_right_amount():
    s = scenario()
    ex = run(s, until=600, bot_agencies=())
    ex.apply(c.TakeAction(t=600 + 25 * 60, agency="customs", action="hold", params={"vehicle": "V9"}))
    ex.run_to_end()
    first = score(s, ex.events).results[0]
    assert first.status == "late" and first.late_by == 15 * 60 and "15 min after the 10 min deadline" in first.why


def test_weak_bots_score_worse_across_seeds_and_say_why():
    s = scenario()
    agencies = ("customs", "police", "lab")
    doctrine = [score(s, run(s, seed=k, bots="doctrine", bot_agencies=agencies).events) for k in range(30)]
    weak = [score(s, run(s, seed=k, bots="weak", bot_agencies=agencies).events) for k in range(30)]
    assert sum(x.percent_on_time for x in weak) < sum(x.percent_on_time for x in doctrine)
    whys = " ".join(r.why for sc in weak for r in sc.results if r.status != "on_time")
    assert "mis-routed" in whys and "deadline" in whys


def test_misrouted_notification_is_named():
    s = scenario()
    ex = run(s, until=600, bot_agencies=())
    ex.apply(c.TakeAction(t=700, agency="customs", action="hold", params={"vehicle": "V9"}))
    ex.apply(c.SendMessage(t=800, sender="customs", recipient="lab", channel="c-l", subject="held",
                           facts={"vehicle": "V9"}))
    ex.run_to_end()
    tell = score(s, ex.events).results[1]
    assert tell.status == "missed" and "sent it to lab instead (mis-routed)" in tell.why


def test_bots_acknowledge_injects_sent_to_their_agency():
    s = scenario()
    ex = run(s, bot_agencies=("customs",))
    assert [e.agency for e in ex.events if e.kind == "inject_acknowledged"] == ["customs"]


def test_an_opened_expectation_names_the_event_that_triggered_it():
    s = scenario()
    ex = run(s, bots="doctrine", bot_agencies=("customs", "police", "lab"))
    for index, event in enumerate(ex.events):
        if event.kind == "expectation_opened":
            trigger = ex.events[event.trigger_event]
            assert 0 <= event.trigger_event < index and trigger.t == event.t
            expected = {"E-HOLD": "inject_delivered", "E-TELL": "action_taken", "E-LEAD": "message_delivered"}
            assert trigger.kind == expected[event.expectation]
