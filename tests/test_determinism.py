"""Same scenario + seed + bots + commands -> the same events, byte for byte."""
from __future__ import annotations

from simex.engine import commands as c
from simex.events import encode
from tests.conftest import make_scenario, run

RPM = {"id": "rpm", "type": "portal_monitor", "operator": "customs", "vehicles_per_hour": 300,
       "p_innocent": 0.05, "innocent_causes": [{"cargo": "tiles", "nuclide": "K-40"}]}
SEC = {"id": "sec", "type": "service", "performed_by": "customs", "starts_on": {"action": "inspect"},
       "key": "vehicle", "duration": {"dist": "lognormal", "median": "10m", "sigma": 0.5}}
DOCTRINE = [{"id": "E1", "title": "inspect", "objective": "O1", "who": "customs",
             "trigger": {"event": "rpm.alarm"}, "each": True, "key": "vehicle", "do": "inspect", "within": "15m"}]


def rows(ex):
    return [(e.kind, e.t, encode(e)) for e in ex.events]


def test_same_seed_same_events(border):
    agencies = tuple(a.id for a in border.agencies)
    a = run(border, seed=11, bots="weak", bot_agencies=agencies)
    b = run(border, seed=11, bots="weak", bot_agencies=agencies)
    assert rows(a) == rows(b) and len(a.events) > 50


def test_different_seed_different_events(border):
    agencies = tuple(a.id for a in border.agencies)
    assert rows(run(border, seed=1, bot_agencies=agencies)) != rows(run(border, seed=2, bot_agencies=agencies))


def test_advancing_in_small_steps_gives_the_same_events_as_one_jump():
    """A UI ticking 10 times a second and a headless run see the same exercise."""
    s = make_scenario(world=[RPM, SEC], doctrine=DOCTRINE)
    whole = run(s, bot_agencies=("customs",))
    ticked = run(s, until=0, bot_agencies=("customs",))
    t = 0.0
    while not ticked.ended:
        t += 37.3
        ticked.advance_to(t)
    assert rows(whole) == rows(ticked)


def test_a_new_process_does_not_shift_the_others_random_numbers():
    """Each process draws from its own named stream: adding a legal clock does
    not change when the portal monitor alarms."""
    clock = {"id": "clk", "type": "legal_clock", "title": "clock", "owner": "police",
             "starts_on": {"event": "rpm.alarm"}, "deadline": "1h"}
    alarms = lambda ex: [(e.t, e.facts["vehicle"]) for e in ex.events if e.kind == "world" and e.name == "alarm"]
    base = run(make_scenario(world=[RPM]), bot_agencies=())
    more = run(make_scenario(world=[RPM, clock]), bot_agencies=())
    assert alarms(base) == alarms(more) and alarms(base)


def test_commands_replayed_in_order_reproduce_the_run():
    s = make_scenario(world=[RPM, SEC], doctrine=DOCTRINE)
    cmds = [c.TakeAction(t=100, agency="police", action="lead"),
            c.SendMessage(t=200, sender="police", recipient="customs", channel="c-p", subject="hi")]

    def play():
        ex = run(s, until=0, bot_agencies=("customs",))
        for cmd in cmds:
            ex.apply(cmd)
        ex.run_to_end()
        return rows(ex)

    assert play() == play()
