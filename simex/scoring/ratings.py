"""Suggested P/S/M/U ratings, and the evaluators' ratings consolidated.

simex only *suggests* (HSEEP: the evaluator decides). A critical task's
suggestion comes from the doctrine expectations linked to it, judged on the
instances whose deadline fell before ENDEX (open ones are not judged):

- P  every instance met on time;
- S  all met, some late, none later than its own deadline again (late_by <= within);
- M  at least one missed, or late by more than its deadline, but at least one met;
- U  every instance missed (the task was not performed);
- no suggestion when no expectation of the task was triggered.

An expectation never triggered because a step it waited on was missed
(simex.scoring.blocked: no police lead when nobody told the police) counts as
not performed: M beside a met one, U on its own.

While the exercise runs, an instance past its deadline and not yet met
(*overdue*) counts at once, as late by the time elapsed so far: the rating is
the best the record still allows (S, or M once it is later than its deadline
again). It is never U: it may still be met. At ENDEX it is late or missed.

An objective's suggestion is the worst of its critical tasks' (and of its
expectations that name no task), except that it is U only when every task is U.

Evaluators confirm or override with `record_rating` (a RatingRecorded event);
an override keeps its reason. The latest rating of each evaluator counts. With
several evaluators the consolidated rating is the most frequent one, ties going
to the worse rating, and the disagreement is shown.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from simex.events import Event, RatingRecorded
from simex.languages import translator
from simex.localized import duration
from simex.scoring.expectations import LATE, MISSED, ON_TIME, OPEN, OVERDUE, ExpectationResult

RATINGS = ("P", "S", "M", "U")
MAX_NOTES = 4   # findings spelled out in a reason; the rest are named
_RANK = {r: i for i, r in enumerate(RATINGS)}

@lru_cache(maxsize=None)
def text(lang: str) -> dict[str, str]:
    """The fixed wording in `lang`, from the catalogs (simex.languages)."""
    _ = translator(lang).gettext
    return {
        "none": _("no expectation of this task was triggered; the evaluator rates it from observations"),
        "late": _("{inst} met {late} after its {within} deadline"),
        "very_late": _("{inst} met {late} after its {within} deadline (more than the deadline again)"),
        "missed": _("{inst} missed"),
        "overdue": _("{inst} overdue by {late} against its {within} deadline, not met yet"),
        "very_overdue": _("{inst} overdue by {late} against its {within} deadline (more than the deadline again), not met yet"),
        "misrouted": _("{inst}: notification first sent to {wrong} instead"),
        "not_triggered": "{why}",   # the reason, already in the reader's words
        "P": _("P: performed without challenges: {what}"),
        "S": _("S: performed with some challenges: {what}"),
        "M": _("M: performed with major challenges: {what}"),
        "U": _("U: not performed: {what}"),
        "objective": _("worst of its critical tasks: {what}"),
        "more": _("and {n} more ({names})"),
    }



@dataclass(frozen=True)
class Suggestion:
    target: str
    rating: str | None
    reason: str
    instances: tuple[str, ...]     # the expectation instances behind it
    headline: str = ""             # the most serious finding, with its events


def worse(a: str | None, b: str | None) -> str | None:
    if a is None:
        return b
    if b is None:
        return a
    return a if _RANK[a] >= _RANK[b] else b


def _evidence(r: ExpectationResult) -> str:
    if r.status in (MISSED, OVERDUE):
        return f"{r.instance}: {r.trigger}; {r.why}"
    if r.met_by:
        return f"{r.instance}: {r.trigger} -> {r.met_by}"
    return f"{r.instance}: {r.why}"


def _still_open(n: int, lang: str) -> str:
    return translator(lang).ngettext("{n} expectation still open at the end of the record; not judged yet",
                                     "{n} expectations still open at the end of the record; not judged yet",
                                     n).format(n=n)


def suggest_task(target: str, results: list[ExpectationResult], lang: str = "en",
                 blocked: tuple = ()) -> Suggestion:
    """`blocked`: the task's expectations never triggered because one they
    waited on failed (simex.scoring.blocked); each counts as not performed."""
    t = text(lang)
    judged = [r for r in results if r.status != OPEN]
    still_open = len(results) - len(judged)
    names = tuple(r.instance for r in results) + tuple(b.expectation for b in blocked)
    if not judged and not blocked:
        reason = _still_open(still_open, lang) if still_open else t["none"]
        return Suggestion(target, None, reason, names)
    missed = [r for r in judged if r.status == MISSED]
    late = [r for r in judged if r.status in (LATE, OVERDUE)]   # overdue: late so far
    very_late = [r for r in late if r.late_by is not None and r.within and r.late_by > r.within]
    ranked = []   # (seriousness, note): missed, then later relative to the deadline, then mis-routes
    for r in judged:
        if r.status in (LATE, OVERDUE):
            key = ("very_" if r in very_late else "") + ("late" if r.status == LATE else "overdue")
            ranked.append((1 - (r.late_by or 0) / (r.within or 1), t[key].format(
                inst=r.instance, late=duration(round(r.late_by or 0), lang),
                within=duration(r.within, lang)) + f" ({_evidence(r)})", r.instance))
        elif r.status == MISSED:
            ranked.append((-1e9, t["missed"].format(inst=r.instance) + f" ({_evidence(r)})", r.instance))
        if r.misrouted:
            ranked.append((2, t["misrouted"].format(inst=r.instance, wrong=", ".join(r.misrouted)), r.instance))
    for b in blocked:   # after the missed ones: the failure that caused it is named there
        ranked.append((-1e8, t["not_triggered"].format(why=b.why, exp=b.expectation, causes=", ".join(b.because)),
                       b.expectation))
    ranked.sort(key=lambda x: x[0])
    notes = [note for _, note, _ in ranked[:MAX_NOTES]]
    if len(ranked) > MAX_NOTES:
        rest = dict.fromkeys(inst for _, _, inst in ranked[MAX_NOTES:])
        notes.append(t["more"].format(n=len(ranked) - MAX_NOTES, names=", ".join(rest)))
    if len(missed) == len(judged):      # nothing performed (blocked steps were not either)
        rating = "U"
    elif missed or very_late or blocked:
        rating = "M"
    elif late or any(r.misrouted for r in judged):
        rating = "S"
    else:
        rating = "P"
        shown = "; ".join(_evidence(r) for r in judged[:3]) + ("; ..." if len(judged) > 3 else "")
        notes = [translator(lang).ngettext("the {n} expectation met on time", "all {n} expectations met on time",
                                            len(judged)).format(n=len(judged)) + f" ({shown})"]
    headline = notes[0]
    if still_open:
        notes.append(_still_open(still_open, lang))
    return Suggestion(target, rating, t[rating].format(what="; ".join(notes)), names, headline)


def suggest_objective(target: str, parts: list[Suggestion], lang: str = "en") -> Suggestion:
    t = text(lang)
    rated = [p for p in parts if p.rating is not None]
    names = tuple(n for p in parts for n in p.instances)
    if not rated:
        return Suggestion(target, None, t["none"], names)
    rating = None
    for p in rated:
        rating = worse(rating, p.rating)
    if rating == "U" and any(p.rating != "U" for p in rated):
        rating = "M"
    what = ", ".join(f"{p.target} {p.rating}" for p in rated)
    worst = max(rated, key=lambda p: _RANK[p.rating])      # the first of the most severe
    if worst.headline:
        what += f"; {worst.target}: {worst.headline}"
    return Suggestion(target, rating, t[rating].format(what=t["objective"].format(what=what)), names,
                      worst.headline)


@dataclass(frozen=True)
class EvaluatorRating:
    evaluator: str
    rating: str
    reason: str
    suggested: str
    t: float

    @property
    def override(self) -> bool:
        return bool(self.suggested) and self.suggested != self.rating


@dataclass(frozen=True)
class Rating:
    """One objective or critical task: the suggestion, what evaluators said, the result."""
    target: str
    suggested: Suggestion
    evaluators: tuple[EvaluatorRating, ...]
    consolidated: str | None       # from the evaluators, None if nobody rated
    final: str | None              # consolidated, else the suggestion
    source: str                    # "evaluators", "suggested" or "none"
    disagreement: str              # "" when evaluators agree

    @property
    def overrides(self) -> tuple[EvaluatorRating, ...]:
        return tuple(e for e in self.evaluators if e.override)


def evaluator_ratings(events: list[Event]) -> dict[str, tuple[EvaluatorRating, ...]]:
    """The latest rating of each evaluator per target."""
    latest: dict[str, dict[str, EvaluatorRating]] = {}
    for e in events:
        if isinstance(e, RatingRecorded):
            latest.setdefault(e.target, {})[e.evaluator] = EvaluatorRating(
                e.evaluator, e.rating, e.reason, e.suggested, e.t)
    return {target: tuple(sorted(by.values(), key=lambda r: r.evaluator)) for target, by in latest.items()}


def consolidate(suggestion: Suggestion, ratings: tuple[EvaluatorRating, ...]) -> Rating:
    if not ratings:
        source = "suggested" if suggestion.rating else "none"
        return Rating(suggestion.target, suggestion, (), None, suggestion.rating, source, "")
    counts = Counter(r.rating for r in ratings)
    best = max(counts.items(), key=lambda kv: (kv[1], _RANK[kv[0]]))[0]
    disagreement = ""
    if len(counts) > 1:
        disagreement = ", ".join(f"{r.evaluator}: {r.rating}" for r in ratings)
    return Rating(suggestion.target, suggestion, ratings, best, best, "evaluators", disagreement)


def score_value(rating: str | None) -> int | None:
    """P=3, S=2, M=1, U=0, for averages and comparisons."""
    return None if rating is None else 3 - _RANK[rating]


__all__ = ["RATINGS", "Rating", "Suggestion", "EvaluatorRating", "suggest_task", "suggest_objective",
           "evaluator_ratings", "consolidate", "score_value", "worse", "ON_TIME"]
