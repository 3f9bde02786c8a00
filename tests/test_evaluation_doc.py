"""docs/evaluation.md's worked example stays true: its scenario fragment is
taken from the page, played with the commands the page lists, and every
number and rating the page works out by hand is checked, including the two
"had customs..." variants."""
from __future__ import annotations

import re
from pathlib import Path

from simex.engine import commands as c
from simex.engine.exercise import Exercise
from simex.scenario.loader import check_text
from simex.scoring import evaluate
from simex.scoring.expectations import LATE, MISSED, ON_TIME

DOC = Path(__file__).resolve().parent.parent / "docs" / "evaluation.md"


def fragment() -> str:
    text = DOC.read_text(encoding="utf-8").split("## A worked example", 1)[1]
    match = re.search(r"^```yaml\n(.*?)^```", text, re.S | re.M)
    assert match, "the worked example has no ```yaml block"
    return match[1]


def play(police_at: float | None):
    """The page's commands: hold at T+10m, lab at T+12m, inspect at T+20m,
    police at `police_at` minutes (None: never), ENDEX at T+2h."""
    scenario, problems = check_text(fragment(), "docs/evaluation.md")
    assert scenario is not None and problems == []
    x = Exercise(scenario, seed=1)
    x.apply(c.TakeAction(t=600.0, agency="customs", action="hold", params={"vehicle": "V1"}))
    x.apply(c.SendMessage(t=720.0, sender="customs", recipient="lab", channel="customs-lab", subject="Truck V1 held"))
    x.apply(c.TakeAction(t=1200.0, agency="customs", action="inspect", params={"vehicle": "V1"}))
    if police_at is not None:
        x.apply(c.SendMessage(t=police_at * 60, sender="customs", recipient="police", channel="customs-police",
                              subject="Truck V1 held"))
    x.apply(c.EndExercise(t=7200.0))
    return evaluate(scenario, x.events)


def _ratings(ev) -> dict[str, str]:
    out = {o.id: o.rating.final for o in ev.objectives}
    out.update({t.id: t.rating.final for o in ev.objectives for t in o.tasks})
    return out


def test_every_number_of_the_worked_example():
    ev = play(police_at=40)
    results = {r.instance: r for r in ev.score.results}
    assert results["EXP-INSPECT#1"].status == ON_TIME and results["EXP-INSPECT#1"].delay == 600
    assert results["EXP-TELL#1"].status == LATE and results["EXP-TELL#1"].delay == 32 * 60
    assert results["EXP-TELL#1"].late_by == 12 * 60
    summary = ev.summary()
    assert (summary["on_time"], summary["late"], summary["missed"], summary["open"]) == (1, 1, 0, 0)
    assert summary["percent_on_time"] == 50.0 and summary["mean_delay_s"] == 21 * 60
    routing = ev.coordination.routing
    assert (routing.recall, len(routing.delivered), len(routing.required)) == (1.0, 1, 1)
    assert routing.precision == 0.5 and len(routing.correct_messages) == 1
    assert [m.message for m in routing.misrouted] == ["M0001"]
    assert (routing.state_recall, routing.states_required, routing.states_notified) == (1.0, ("A",), ("A",))
    assert _ratings(ev) == {"OBJ1": "S", "CT1": "P", "CT2": "S"}
    (objective,) = ev.objectives
    assert len(objective.improvements) == 2 and "first sent to lab instead of police" in objective.improvements[1]
    assert [p.capability_element for p in ev.plan] == ["training", "planning"]


def test_had_customs_never_phoned_the_police():
    ev = play(police_at=None)
    assert {r.instance: r.status for r in ev.score.results}["EXP-TELL#1"] == MISSED
    assert (ev.coordination.routing.recall, ev.coordination.routing.precision) == (0.0, 0.0)
    assert _ratings(ev) == {"OBJ1": "M", "CT1": "P", "CT2": "U"}


def test_had_customs_phoned_more_than_its_deadline_again_late():
    ev = play(police_at=60)
    tell = {r.instance: r for r in ev.score.results}["EXP-TELL#1"]
    assert tell.status == LATE and tell.late_by == 32 * 60
    assert _ratings(ev) == {"OBJ1": "M", "CT1": "P", "CT2": "M"}
