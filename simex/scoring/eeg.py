"""The Exercise Evaluation Guide as a tree: objective -> capability target ->
critical tasks, each with its doctrine expectations, the evaluators'
observations, a suggested P/S/M/U rating and the evaluators' ratings.

Observations are linked to an objective by their `objective` field, or
through the inject they are about (the inject's objectives); to a critical
task when their text names the task id (e.g. "CT2.3: radio message late").
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
import re

from simex.durations import format_clock
from simex.events import Event, ObservationRecorded
from simex.languages import translator
from simex.localized import duration
from simex.scenario.model import Scenario
from simex.scenario.text import tr
from simex.scoring.expectations import LATE, MISSED, ON_TIME, OVERDUE, ExpectationResult, Score
from simex.scoring.ratings import (
    Rating, consolidate, evaluator_ratings, suggest_objective, suggest_task,
)


@dataclass(frozen=True)
class Observation:
    t: float
    evaluator: str
    text: str
    objective: str
    critical_task: str
    inject: str

    def describe(self) -> str:
        return f"{format_clock(self.t)} {self.evaluator}: {self.text}"


@dataclass(frozen=True)
class TaskEval:
    id: str
    title: str
    expectations: tuple[ExpectationResult, ...]
    observations: tuple[Observation, ...]
    rating: Rating


@dataclass(frozen=True)
class ObjectiveEval:
    id: str
    title: str
    capability: str
    target: str
    tasks: tuple[TaskEval, ...]
    expectations: tuple[ExpectationResult, ...]   # all, including those naming no task
    observations: tuple[Observation, ...]
    rating: Rating
    strengths: tuple[str, ...]
    improvements: tuple[str, ...]
    not_triggered: tuple = ()      # expectations never triggered because an earlier one failed
    # The doctrine reference behind each area for improvement, in the same
    # order ("" when the scenario gives none): HSEEP lists it beside each one.
    references: tuple[str, ...] = ()


def observations(scenario: Scenario, events: list[Event]) -> tuple[Observation, ...]:
    inject_objectives = {i.id: i.objectives for i in scenario.injects}
    tasks = {t.id: o.id for o in scenario.objectives for t in o.critical_tasks}
    # Longest ids first, so "CT1.10" is not read as "CT1.1".
    pattern = re.compile("|".join(re.escape(t) for t in sorted(tasks, key=len, reverse=True))) if tasks else None
    out = []
    for e in events:
        if not isinstance(e, ObservationRecorded):
            continue
        task = e.task if e.task in tasks else ""
        if not task and pattern is not None:   # older journals: a task named in the text
            m = pattern.search(e.text)
            task = m.group(0) if m else ""
        objective = e.objective or (tasks.get(task) or "")
        if not objective and e.inject in inject_objectives and inject_objectives[e.inject]:
            objective = inject_objectives[e.inject][0]
        out.append(Observation(e.t, e.evaluator, e.text, objective, task, e.inject))
    return tuple(out)


@lru_cache(maxsize=None)
def _text(lang: str) -> dict[str, str]:
    """The fixed wording in `lang`, from the catalogs (simex.languages)."""
    _ = translator(lang).gettext
    return {
        "strength": _("{title} ({exp}): {n}/{total} on time, {span} after the trigger (deadline {within}); e.g. {example}"),
        "span": _("{a} to {b}"),
        "late": _("{title} ({inst}): {late} late against {within}. Trigger: {trigger}. Done: {done}"),
        "missed": _("{title} ({inst}): missed. Trigger: {trigger}. {why}"),
        "overdue": _("{title} ({inst}): overdue by {late} against {within}, not met yet. Trigger: {trigger}"),
        "misrouted": _("{title} ({inst}): first sent to {wrong} instead of {notify}"),
        "override": _("{who} rated {target} {rating} (suggested {suggested}): {reason}"),
        "not_triggered": _("{title} ({why})"),
    }


def _strengths_and_improvements(results: tuple[ExpectationResult, ...], notify: dict[str, str],
                                lang: str, references: dict[str, str] | None = None
                                ) -> tuple[tuple[str, ...], tuple[tuple[str, str], ...]]:
    """(strengths, areas for improvement as (text, doctrine reference or ""))."""
    t = _text(lang)
    refs = references or {}

    def ref(r: ExpectationResult) -> str:
        return refs.get(r.expectation) or ""

    by_exp: dict[str, list[ExpectationResult]] = {}
    for r in results:
        by_exp.setdefault(r.expectation, []).append(r)
    strengths, missed, late, other = [], [], [], []
    for exp_id, rs in by_exp.items():
        judged = [r for r in rs if r.status in (ON_TIME, LATE, MISSED, OVERDUE)]
        on_time = [r for r in judged if r.status == ON_TIME]
        if on_time and len(on_time) == len(judged) and not any(r.misrouted for r in rs):
            delays = [r.delay for r in on_time if r.delay is not None]
            a, b = duration(min(delays or [0]), lang), duration(max(delays or [0]), lang)
            strengths.append(t["strength"].format(
                title=rs[0].title, exp=exp_id, n=len(on_time), total=len(judged),
                span=a if a == b else t["span"].format(a=a, b=b), within=duration(rs[0].within, lang),
                example=on_time[0].met_by or on_time[0].why))
        for r in rs:
            inst = r.instance + (f", {r.key}" if r.key else "")
            if r.status == LATE:
                late.append((-(r.late_by or 0) / (r.within or 1), t["late"].format(
                    title=r.title, inst=inst, late=duration(round(r.late_by or 0), lang),
                    within=duration(r.within, lang), trigger=r.trigger, done=r.met_by or r.why), ref(r)))
            elif r.status == OVERDUE:     # while the exercise runs: late so far
                late.append((-(r.late_by or 0) / (r.within or 1), t["overdue"].format(
                    title=r.title, inst=inst, late=duration(round(r.late_by or 0), lang),
                    within=duration(r.within, lang), trigger=r.trigger), ref(r)))
            elif r.status == MISSED:
                missed.append((t["missed"].format(title=r.title, inst=inst, trigger=r.trigger,
                                                  why=r.why[0].upper() + r.why[1:]), ref(r)))
            if r.misrouted and r.status != MISSED:
                other.append((t["misrouted"].format(title=r.title, inst=inst, wrong=", ".join(r.misrouted),
                                                    notify=notify.get(r.expectation, "")), ref(r)))
    # Most serious first: missed, then the latest relative to the deadline, then mis-routes.
    return tuple(strengths), tuple(missed + [(text, r) for _, text, r in sorted(late, key=lambda x: x[0])] + other)


def eeg(scenario: Scenario, events: list[Event], score: Score, lang: str = "en") -> tuple[ObjectiveEval, ...]:
    obs = observations(scenario, events)
    rated = evaluator_ratings(events)
    notify = {e.id: e.notify for e in scenario.doctrine if e.notify}
    references = {e.id: e.reference for e in scenario.doctrine if e.reference}
    out = []
    for o in scenario.objectives:
        results = tuple(r for r in score.results if r.objective == o.id)
        blocked = tuple(b for b in score.not_triggered if b.objective == o.id)
        tasks, parts = [], []
        for t in o.critical_tasks:
            mine = [r for r in results if r.critical_task == t.id]
            suggestion = suggest_task(t.id, mine, lang, tuple(b for b in blocked if b.critical_task == t.id))
            parts.append(suggestion)
            tasks.append(TaskEval(t.id, tr(t.title, lang), tuple(mine),
                                  tuple(x for x in obs if x.critical_task == t.id),
                                  consolidate(suggestion, rated.get(t.id, ()))))
        task_ids = {t.id for t in o.critical_tasks}
        loose = [r for r in results if not r.critical_task or r.critical_task not in task_ids]
        loose_blocked = tuple(b for b in blocked if b.critical_task not in task_ids)
        if loose or loose_blocked:
            parts.append(suggest_task(o.id, loose, lang, loose_blocked))
        suggestion = suggest_objective(o.id, parts, lang)
        strengths, areas = _strengths_and_improvements(results, notify, lang, references)
        improvements, refs = tuple(text for text, _ in areas), tuple(r for _, r in areas)
        improvements += tuple(_text(lang)["not_triggered"].format(
            title=b.title, exp=b.expectation, causes=", ".join(b.because), roots=", ".join(b.roots), why=b.why)
            for b in blocked)
        refs += tuple(references.get(b.expectation, "") for b in blocked)
        t = _text(lang)
        for rating in [task.rating for task in tasks]:
            overrides = [e for e in rating.overrides if e.rating in ("M", "U")]
            improvements += tuple(t["override"].format(who=e.evaluator, target=rating.target, rating=e.rating,
                                                       suggested=e.suggested, reason=e.reason) for e in overrides)
            refs += ("",) * len(overrides)
        out.append(ObjectiveEval(o.id, tr(o.title, lang), tr(o.capability, lang), tr(o.target, lang),
                                 tuple(tasks), results, tuple(x for x in obs if x.objective == o.id),
                                 consolidate(suggestion, rated.get(o.id, ())), strengths, improvements,
                                 blocked, refs))
    return tuple(out)
