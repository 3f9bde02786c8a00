"""The live score (what the console's Scoring tab shows while the exercise
runs) is `score` of the record so far, at every step, however the events
arrive; and it names exactly the instances whose result changed, since the
console redraws only those rows."""
from __future__ import annotations

import random
from dataclasses import replace
from pathlib import Path

import pytest

from simex import events as ev
from simex.engine.exercise import Exercise
from simex.scenario.loader import load_scenario
from simex.scoring.expectations import score
from simex.scoring.live import LiveScore
from tests.test_scoring_metrics import journal, scenario as metrics_scenario

SCENARIOS = sorted((Path(__file__).resolve().parent.parent / "scenarios").glob("*.yaml"))


def follow(scenario, events, cuts, lang="en", clock=lambda t: t):
    """Feed events[:k] for each k in `cuts`; at each step the live score must be
    `score` of that prefix, and `changed` the instances whose result moved."""
    live, before = LiveScore(scenario, lang), {}
    for k in cuts:
        prefix = events[:k]
        now = clock(prefix[-1].t) if prefix else 0.0
        got, changed = live.update(prefix, now)
        expected = score(scenario, prefix, lang, now=now)
        assert got == expected, f"after {k} events"
        now_results = {r.instance: r for r in expected.results}
        assert changed == {i for i, r in now_results.items() if before.get(i) != r}, f"after {k} events"
        before = now_results
    return live


@pytest.mark.parametrize("path", SCENARIOS, ids=lambda p: p.stem)
@pytest.mark.parametrize("bots", ["doctrine", "weak"])
def test_the_live_score_is_the_score_of_the_record_so_far(path, bots):
    scenario = load_scenario(path)
    ex = Exercise(scenario, seed=5, bots=bots)
    ex.run_to_end()
    events = list(ex.events)
    draw = random.Random(path.stem)
    cuts, k = [], 0
    while k < len(events):
        k = min(len(events), k + draw.choice([1, 2, 7, 40, 300]))
        cuts.append(k)
    # the console's clock runs ahead of the last event (overdue counts at once)
    follow(scenario, events, cuts, clock=lambda t: t + draw.choice([0.0, 30.0, 900.0]))


def test_the_live_score_speaks_the_console_language():
    scenario = load_scenario(SCENARIOS[0])
    ex = Exercise(scenario, seed=5, bots="weak", bot_agencies=())   # nobody acts: deadlines pass
    ex.advance_to(ex.duration / 2)
    events = list(ex.events)
    follow(scenario, events, range(0, len(events) + 1, 5), lang="fr", clock=lambda t: t + 600.0)


def test_mis_routing_overdue_and_a_clock_out_of_order_one_event_at_a_time():
    """The hand-built journal: a message to the lab charged to the police's
    notification, an overdue written after a later message, ENDEX."""
    events = journal()
    follow(metrics_scenario(), events, range(len(events) + 1))


def test_a_message_met_on_sending_is_worded_again_when_it_is_delivered():
    """An office-hours desk: the notification counts when sent (met by the
    MessageSent); its `why` says when it reached the desk once it has."""
    events = journal()
    sent = next(i for i, e in enumerate(events) if getattr(e, "message", "") == "M0002" and e.kind == "message_sent")
    met = next(i for i, e in enumerate(events) if e.kind == "expectation_met" and e.instance == "EXP-TELL#1")
    events[met] = replace(events[met], t=events[sent].t, by_event=sent)
    events.insert(sent + 1, events.pop(met))
    live = follow(metrics_scenario(), events, range(len(events) + 1))
    tell = next(r for r in live.update(events)[0].results if r.instance == "EXP-TELL#1")
    assert tell.delivered == 1800.0 and "delivered at" in tell.why


def test_another_record_starts_the_reading_again():
    events = journal()
    live = LiveScore(metrics_scenario())
    live.update(events)
    shorter = [e for e in events if not isinstance(e, ev.ExerciseEnded)]
    assert live.update(shorter, 3000.0)[0] == score(metrics_scenario(), shorter, now=3000.0)
