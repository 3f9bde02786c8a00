"""Per doctrine expectation: met on time, late (by how much) or missed, and
why, in words that name the events behind it.

A pure function of the scenario and the event list, so it gives the same
answer live, after the fact from a journal, or inside a sweep.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass

from simex.durations import format_clock, format_duration
from simex.events import (
    ActionTaken, Event, ExerciseEnded, ExpectationMet, ExpectationOpened, MessageSent,
)
from simex.scenario.model import Scenario
from simex.scenario.text import tr

ON_TIME, LATE, MISSED, OPEN = "on_time", "late", "missed", "open"


@dataclass(frozen=True)
class ExpectationResult:
    expectation: str
    instance: str
    title: str
    objective: str
    critical_task: str
    who: str
    key: str
    opened: float
    due: float
    status: str
    delay: float | None      # seconds from trigger to fulfilment, if fulfilled
    late_by: float | None    # seconds past the deadline, if late
    why: str


@dataclass(frozen=True)
class Score:
    results: tuple[ExpectationResult, ...]
    ended: bool

    def totals(self) -> dict[str, int]:
        counts = {ON_TIME: 0, LATE: 0, MISSED: 0, OPEN: 0}
        for r in self.results:
            counts[r.status] += 1
        return counts

    @property
    def percent_on_time(self) -> float:
        return 100.0 * self.totals()[ON_TIME] / len(self.results) if self.results else 100.0

    def to_dict(self) -> dict:
        return {"totals": self.totals(), "percent_on_time": round(self.percent_on_time, 1),
                "expectations": [asdict(r) for r in self.results]}


def _describe(event: Event) -> str:
    if isinstance(event, ActionTaken):
        return f"{event.agency} took action {event.action} at {format_clock(event.t)}"
    return f"{event.sender}'s message reached {event.recipient} at {format_clock(event.t)}"


def score(scenario: Scenario, events: list[Event], lang: str = "en") -> Score:
    expectations = {e.id: e for e in scenario.doctrine}
    met = {e.instance: e for e in events if isinstance(e, ExpectationMet)}
    end = next((e.t for e in events if isinstance(e, ExerciseEnded)), None)
    ended = end is not None
    results = []
    for opened in (e for e in events if isinstance(e, ExpectationOpened)):
        exp = expectations.get(opened.expectation)
        if exp is None:
            continue  # the scenario changed since the run; nothing to judge against
        what = f"action {exp.do}" if exp.do else f"notification of {exp.notify}"
        hit = met.get(opened.instance)
        start = opened.due - exp.within
        if hit is not None:
            by = events[hit.by_event] if 0 <= hit.by_event < len(events) else None
            source = _describe(by) if by is not None else "a recorded event"
            if hit.late:
                late_by = hit.t - opened.due
                status, why = LATE, (f"{source}, {format_duration(late_by)} after the "
                                     f"{format_duration(exp.within)} deadline")
            else:
                late_by = None
                status, why = ON_TIME, f"{source}, {format_duration(hit.delay)} after the trigger"
            delay = hit.delay
        else:
            delay = late_by = None
            if ended and opened.due <= end:
                status, why = MISSED, f"no {what} by {exp.who} before ENDEX"
            elif ended:
                # Triggered too close to ENDEX to be judged: not a failure.
                status, why = OPEN, f"still within its deadline at ENDEX; no {what} by {exp.who} yet"
            else:
                status, why = OPEN, f"no {what} by {exp.who} yet"
            if exp.notify:
                wrong = _misrouted(events, exp, opened)
                if wrong:
                    why += f"; {exp.who} sent it to {', '.join(wrong)} instead (mis-routed)"
        results.append(ExpectationResult(
            expectation=exp.id, instance=opened.instance, title=tr(exp.title, lang),
            objective=exp.objective, critical_task=exp.critical_task or "", who=exp.who,
            key=opened.key, opened=start, due=opened.due, status=status, delay=delay,
            late_by=late_by, why=why))
    return Score(tuple(results), ended)


def _misrouted(events: list[Event], exp, opened: ExpectationOpened) -> list[str]:
    """Recipients of messages `who` sent after the trigger that carried the
    same key but went to someone other than the agency to notify."""
    wrong = []
    for e in events:
        if (isinstance(e, MessageSent) and e.sender == exp.who and e.t >= opened.t
                and e.recipient != exp.notify and e.recipient not in wrong
                and (not exp.key or str(e.facts.get(exp.key)) == opened.key)):
            wrong.append(e.recipient)
    return wrong
