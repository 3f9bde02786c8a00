"""One entry point for everything an evaluator reads: `evaluate(scenario, events)`.

A pure function of the scenario and the event list, so the facilitator
console can call it live on the in-memory events, `simex report` on a
journal, and a sweep on thousands of runs, and all get the same answer. The
result is a tree of frozen dataclasses; nothing in it is rendered text except
the explanations ("why", "reason"), which name the events behind them.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass

from simex.events import (
    Event, ExerciseEnded, ExerciseStarted, MessageSent, ObservationRecorded, RatingRecorded,
)
from simex.scenario.model import Scenario
from simex.scenario.text import tr
from simex.scoring.custody import CustodyChain, custody
from simex.scoring.eeg import ObjectiveEval, Observation, eeg, observations
from simex.scoring.expectations import Score, score
from simex.scoring.improvement import PlanItem, improvement_plan
from simex.scoring.metrics import Coordination, coordination
from simex.scoring.network import Network, network
from simex.scoring.ratings import score_value


@dataclass(frozen=True)
class Participant:
    agency: str
    name: str
    jurisdiction: str
    kind: str
    played_by: str          # "person" or "simulated"


@dataclass(frozen=True)
class Evaluation:
    scenario: str
    title: str
    lang: str
    ended: bool
    end_t: float | None          # ENDEX, or the last event's time while running
    seed: int | None
    bots: str
    events: int
    score: Score
    coordination: Coordination
    network: Network
    custody: tuple[CustodyChain, ...]
    objectives: tuple[ObjectiveEval, ...]
    plan: tuple[PlanItem, ...]
    participants: tuple[Participant, ...]
    evaluators: tuple[str, ...]
    observations: tuple[Observation, ...]

    def ratings(self) -> dict[str, str | None]:
        """Final rating per objective and critical task (evaluators', else suggested)."""
        out = {}
        for o in self.objectives:
            out[o.id] = o.rating.final
            for t in o.tasks:
                out[t.id] = t.rating.final
        return out

    def rating_points(self) -> float | None:
        """Mean of the objectives' final ratings on P=3 ... U=0 (None if none rated)."""
        values = [score_value(o.rating.final) for o in self.objectives if o.rating.final]
        return sum(values) / len(values) if values else None

    def task_points(self) -> float | None:
        values = [score_value(t.rating.final) for o in self.objectives for t in o.tasks if t.rating.final]
        return sum(values) / len(values) if values else None

    def to_dict(self) -> dict:
        """The whole tree as plain JSON values (for `simex report --format json`)."""
        return asdict(self)

    def summary(self) -> dict:
        """Headline numbers (for `simex compare`, sweeps and the console)."""
        totals = self.score.totals()
        routing = self.coordination.routing
        first = [r.after for r in self.network.reach if r.after is not None and r.agency != self.network.source]
        return {
            "expectations": len(self.score.results), **totals,
            "percent_on_time": round(self.score.percent_on_time, 1),
            "mean_delay_s": _mean([r.delay for r in self.score.results if r.delay is not None]),
            "notification_recall": routing.recall, "notification_precision": routing.precision,
            "misrouted": len(routing.misrouted),
            "custody_breaks": sum(len(c.breaks) for c in self.custody),
            "inconsistencies": len(self.coordination.inconsistencies),
            "missing_links": len(self.network.missing),
            "time_to_reach_all_s": max(first) if first else None,
            "unreached": sum(1 for r in self.network.reach if r.t is None),
            "rating_points": self.rating_points(),
            **{f"rating_{o.id}": o.rating.final for o in self.objectives},
        }


def _mean(values: list[float]) -> float | None:
    return round(sum(values) / len(values), 1) if values else None


def participants(scenario: Scenario, events: list[Event], lang: str = "en") -> tuple[Participant, ...]:
    started = next((e for e in events if isinstance(e, ExerciseStarted)), None)
    bots = set(started.bot_agencies) if started else {a.id for a in scenario.agencies if a.played_by == "simulated"}
    return tuple(Participant(a.id, tr(a.name, lang), a.jurisdiction, a.kind,
                             "simulated" if a.id in bots else "person") for a in scenario.agencies)


def evaluate(scenario: Scenario, events: list[Event], lang: str | None = None,
             now: float | None = None) -> Evaluation:
    """Everything an after-action report needs, from the scenario and its events.

    `lang` defaults to the exercise's first language. Works on a partial record
    (live): expectations whose deadline has not passed are "open", not missed;
    those past it are "overdue" and already count. `now` is how far the record
    is known to reach (the console's clock; by default the last event).
    """
    lang = lang or scenario.exercise.languages[0]
    events = list(events)
    end = next((e.t for e in events if isinstance(e, ExerciseEnded)), None)
    if end is None and now is None and events:
        now = events[-1].t
    result = score(scenario, events, lang, now=now)
    chains = custody(scenario, events, lang)
    started = next((e for e in events if isinstance(e, ExerciseStarted)), None)
    people = sorted({e.evaluator for e in events if isinstance(e, (ObservationRecorded, RatingRecorded))})
    coord = coordination(scenario, events, result)
    senders = {e.message: e.sender for e in events if isinstance(e, MessageSent)}
    return Evaluation(
        scenario=scenario.exercise.id, title=tr(scenario.exercise.title, lang), lang=lang,
        ended=end is not None, end_t=end if end is not None else now,
        seed=started.seed if started else None, bots=started.bots if started else "",
        events=len(events), score=result, coordination=coord,
        network=network(scenario, events, result, lang), custody=chains,
        objectives=eeg(scenario, events, result, lang),
        plan=improvement_plan(scenario, result, chains, lang, coord.inconsistencies, senders),
        participants=participants(scenario, events, lang), evaluators=tuple(people),
        observations=observations(scenario, events))
