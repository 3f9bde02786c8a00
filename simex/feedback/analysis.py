"""Pre/post knowledge change and hot-wash results, disaggregated by sex,
with small groups suppressed.

A participant's knowledge score in a phase is the share of the knowledge
questions they answered correctly. The overall change is the mean post score
minus the mean pre score over participants who took both tests (paired); per
question it is the post share correct minus the pre share correct (all who
answered).

Results by sex use the fixed field (simex.feedback.sex): female, male,
another, prefer not to say (a blank counts there too, so the groups add up
to the total). A group with fewer than `min_group` participants is
suppressed (the facilitator chooses the threshold; the form's `min_group`,
5 by default). Suppression is complementary: while the suppressed groups
together number fewer than the threshold, the next smallest group is
suppressed too, so that no small group's count or mean can be worked out
from the total and the groups shown. `internal` shows everything, for the
facilitator's own eyes; the report then says it is not for publication.
"""
from __future__ import annotations

from dataclasses import dataclass

from simex.feedback.form import FeedbackError, FeedbackForm
from simex.feedback.responses import Response
from simex.feedback.sex import SEXES, normalise


@dataclass(frozen=True)
class QuestionChange:
    question: str
    pre_correct: float | None      # share correct, None if suppressed or unanswered
    post_correct: float | None
    pre_n: int
    post_n: int

    @property
    def change(self) -> float | None:
        if self.pre_correct is None or self.post_correct is None:
            return None
        return self.post_correct - self.pre_correct


@dataclass(frozen=True)
class GroupChange:
    group: str                     # "all" or a sex (simex.feedback.sex.SEXES)
    participants: int              # paired participants (pre and post)
    pre: float | None              # mean score
    post: float | None
    suppressed: bool

    @property
    def change(self) -> float | None:
        return None if self.pre is None or self.post is None else self.post - self.pre


@dataclass(frozen=True)
class ScaleResult:
    question: str
    group: str
    n: int
    mean: float | None
    suppressed: bool


@dataclass(frozen=True)
class Analysis:
    form: FeedbackForm
    min_group: int
    participants: int
    roles: tuple[tuple[str, int], ...]
    questions: tuple[QuestionChange, ...]
    groups: tuple[GroupChange, ...]
    scales: tuple[ScaleResult, ...]
    choices: tuple[tuple[str, tuple[tuple[str, int], ...]], ...]
    comments: tuple[tuple[str, tuple[str, ...]], ...]
    suppressed_note: bool          # something was suppressed
    sexes: tuple[tuple[str, int, bool], ...] = ()   # (sex, participants, suppressed), in SEXES order
    internal: bool = False         # nothing suppressed: not for publication
    roles_suppressed: frozenset[str] = frozenset()   # role counts hidden (complementary, as groups by sex)


def knowledge_scores(form: FeedbackForm, responses: list[Response], phase: str) -> dict[str, float]:
    """Each participant's (by code) share of the form's knowledge questions
    answered right in one phase ("pre" or "post"); the programme pools them
    across workshops."""
    questions = {q.id: q for q in form.knowledge}
    right: dict[str, list[bool]] = {}
    for r in responses:
        if r.phase == phase and r.question in questions:
            right.setdefault(r.code, []).append(questions[r.question].correct(r.answer))
    # Unanswered questions count as wrong: the score is out of every question.
    return {code: sum(v) / len(questions) for code, v in right.items()}


def _mean(values: list[float]) -> float | None:
    return sum(values) / len(values) if values else None


def suppressed_groups(sizes: dict[str, int], minimum: int) -> set[str]:
    """The groups to hide: every one smaller than `minimum`, then, while the
    hidden ones together are fewer than `minimum` (one alone, or two that
    add up to a small group), the smallest shown one too. The total minus
    the shown groups is then always a group of at least `minimum`, or
    everything by group is hidden."""
    hidden = {g for g, n in sizes.items() if n < minimum}
    order = {g: i for i, g in enumerate(SEXES)}
    while hidden and sum(sizes[g] for g in hidden) < minimum and len(hidden) < len(sizes):
        shown = sorted((n, order.get(g, len(order)), g) for g, n in sizes.items() if g not in hidden)
        hidden.add(shown[0][2])
    return hidden


def _sex_of(response: Response) -> str:
    sex = normalise(response.sex)
    if sex is None:
        raise FeedbackError(f"participant {response.code}: {response.sex!r} is not one of "
                            "female, male, another, prefer not to say")
    return sex


def analyse(form: FeedbackForm, responses: list[Response], *, suppress_below: int | None = None,
            internal: bool = False) -> Analysis:
    """The results; groups below `suppress_below` (default: the form's
    min_group) suppressed, unless `internal`."""
    if suppress_below is not None and suppress_below < 2:
        raise ValueError("the suppression threshold must be at least 2 (use internal mode to show everything)")
    m = suppress_below or form.min_group
    _suppress = (lambda sizes, minimum: set()) if internal else suppressed_groups  # noqa: E731
    floor = 0 if internal else m                    # a group this small is shown
    sex = {}
    roles: dict[str, str] = {}
    for r in responses:
        if normalise(r.sex) != "undisclosed" or r.code not in sex:
            sex[r.code] = _sex_of(r)
        roles.setdefault(r.code, r.role)
    codes = sorted({r.code for r in responses})
    total_ok = len(codes) >= floor
    pre, post = knowledge_scores(form, responses, "pre"), knowledge_scores(form, responses, "post")
    paired = sorted(set(pre) & set(post))

    questions = []
    for q in form.knowledge:
        shares = {}
        for phase in ("pre", "post"):
            answers = [q.correct(r.answer) for r in responses if r.question == q.id and r.phase == phase]
            shares[phase] = (sum(answers) / len(answers) if answers and len(answers) >= floor else None, len(answers))
        questions.append(QuestionChange(q.id, shares["pre"][0], shares["post"][0], shares["pre"][1], shares["post"][1]))

    sizes: dict[str, int] = {}
    for code in paired:
        sizes[sex[code]] = sizes.get(sex[code], 0) + 1
    hidden = _suppress(sizes, m)
    everyone = len(paired) >= floor
    groups = [GroupChange("all", len(paired), _mean([pre[c] for c in paired]) if everyone else None,
                          _mean([post[c] for c in paired]) if everyone else None, not everyone)]
    for g in (s for s in SEXES if s in sizes):
        members = [c for c in paired if sex[c] == g]
        show = g not in hidden
        groups.append(GroupChange(g, len(members), _mean([pre[c] for c in members]) if show else None,
                                  _mean([post[c] for c in members]) if show else None, not show))
    headcount = {g: sum(1 for c in codes if sex[c] == g) for g in SEXES}
    headcount = {g: n for g, n in headcount.items() if n}
    hid = _suppress(headcount, m) if total_ok else set(headcount)
    sexes = tuple((g, n, g in hid) for g, n in headcount.items())

    scales, choices, comments = [], [], []
    for q in form.hotwash:
        answers = [r for r in responses if r.question == q.id and r.phase in ("hotwash", "post")]
        if q.type == "scale":
            values = {}
            for r in answers:
                try:
                    v = float(r.answer)
                except ValueError:
                    continue
                if q.min <= v <= q.max:
                    values[r.code] = v
            scales.append(ScaleResult(q.id, "all", len(values), _mean(list(values.values()))
                                      if len(values) >= floor else None, len(values) < floor))
            by: dict[str, list[float]] = {}
            for code, v in values.items():
                by.setdefault(sex[code], []).append(v)
            hid = _suppress({g: len(v) for g, v in by.items()}, m)
            for g in (s for s in SEXES if s in by):
                scales.append(ScaleResult(q.id, g, len(by[g]), None if g in hid else _mean(by[g]), g in hid))
        elif q.type == "choice":
            counts = {c: sum(1 for r in answers if r.answer == c) for c in q.choices}
            choices.append((q.id, tuple(counts.items()) if len(answers) >= floor else ()))
        else:
            # Free text is shown without code, role or sex, in a fixed (sorted) order.
            comments.append((q.id, tuple(sorted(r.answer for r in answers if r.answer)) if total_ok else ()))

    role_counts: dict[str, int] = {}
    for code in codes:
        role_counts[roles[code]] = role_counts.get(roles[code], 0) + 1
    roles_hidden = frozenset(_suppress(role_counts, m))
    suppressed = (not total_ok or any(g.suppressed for g in groups) or any(s.suppressed for s in scales)
                  or any(q.pre_correct is None and q.pre_n or q.post_correct is None and q.post_n for q in questions)
                  or any(hidden for _, _, hidden in sexes) or bool(roles_hidden))
    return Analysis(form, m, len(codes), tuple(sorted(role_counts.items())), tuple(questions), tuple(groups),
                    tuple(scales), tuple(choices), tuple(comments), suppressed, sexes, internal, roles_hidden)
