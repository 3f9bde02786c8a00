"""Pre/post knowledge change and hot-wash results, disaggregated by gender
where participants gave it, with small groups suppressed.

A participant's knowledge score in a phase is the share of the knowledge
questions they answered correctly. The overall change is the mean post score
minus the mean pre score over participants who took both tests (paired); per
question it is the post share correct minus the pre share correct (all who
answered). A group (a gender, or everyone) with fewer than `min_group`
participants is suppressed; when exactly one gender group is suppressed, the
next smallest is suppressed too, so it cannot be recovered by subtraction
from the total. Answers without a gender are counted in the totals only.
"""
from __future__ import annotations

from dataclasses import dataclass

from simex.feedback.form import FeedbackForm
from simex.feedback.responses import Response


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
    group: str                     # "all" or a gender as described by participants
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


def _scores(form: FeedbackForm, responses: list[Response], phase: str) -> dict[str, float]:
    questions = {q.id: q for q in form.knowledge}
    right: dict[str, list[bool]] = {}
    for r in responses:
        if r.phase == phase and r.question in questions:
            right.setdefault(r.code, []).append(questions[r.question].correct(r.answer))
    # Unanswered questions count as wrong: the score is out of every question.
    return {code: sum(v) / len(questions) for code, v in right.items()}


def _mean(values: list[float]) -> float | None:
    return sum(values) / len(values) if values else None


def _suppress(sizes: dict[str, int], minimum: int) -> set[str]:
    hidden = {g for g, n in sizes.items() if n < minimum}
    if len(hidden) == 1 and len(sizes) > 1:
        rest = sorted((n, g) for g, n in sizes.items() if g not in hidden)
        hidden.add(rest[0][1])
    return hidden


def analyse(form: FeedbackForm, responses: list[Response]) -> Analysis:
    m = form.min_group
    gender = {}
    roles: dict[str, str] = {}
    for r in responses:
        if r.gender:
            gender[r.code] = r.gender.strip().lower()
        roles.setdefault(r.code, r.role)
    codes = sorted({r.code for r in responses})
    total_ok = len(codes) >= m
    pre, post = _scores(form, responses, "pre"), _scores(form, responses, "post")
    paired = sorted(set(pre) & set(post))

    questions = []
    for q in form.knowledge:
        shares = {}
        for phase in ("pre", "post"):
            answers = [q.correct(r.answer) for r in responses if r.question == q.id and r.phase == phase]
            shares[phase] = (sum(answers) / len(answers) if answers and len(answers) >= m else None, len(answers))
        questions.append(QuestionChange(q.id, shares["pre"][0], shares["post"][0], shares["pre"][1], shares["post"][1]))

    sizes: dict[str, int] = {}
    for code in paired:
        if code in gender:
            sizes[gender[code]] = sizes.get(gender[code], 0) + 1
    hidden = _suppress(sizes, m)
    groups = [GroupChange("all", len(paired), _mean([pre[c] for c in paired]) if len(paired) >= m else None,
                          _mean([post[c] for c in paired]) if len(paired) >= m else None, len(paired) < m)]
    for g in sorted(sizes):
        members = [c for c in paired if gender.get(c) == g]
        show = g not in hidden
        groups.append(GroupChange(g, len(members), _mean([pre[c] for c in members]) if show else None,
                                  _mean([post[c] for c in members]) if show else None, not show))

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
            scales.append(ScaleResult(q.id, "all", len(values), _mean(list(values.values())) if len(values) >= m else None,
                                      len(values) < m))
            by = {}
            for code, v in values.items():
                if code in gender:
                    by.setdefault(gender[code], []).append(v)
            hid = _suppress({g: len(v) for g, v in by.items()}, m)
            for g in sorted(by):
                scales.append(ScaleResult(q.id, g, len(by[g]), None if g in hid else _mean(by[g]), g in hid))
        elif q.type == "choice":
            counts = {c: sum(1 for r in answers if r.answer == c) for c in q.choices}
            choices.append((q.id, tuple(counts.items()) if len(answers) >= m else ()))
        else:
            # Free text is shown without code, role or gender, in a fixed (sorted) order.
            comments.append((q.id, tuple(sorted(r.answer for r in answers if r.answer)) if total_ok else ()))

    role_counts: dict[str, int] = {}
    for code in codes:
        role_counts[roles[code]] = role_counts.get(roles[code], 0) + 1
    suppressed = (not total_ok or any(g.suppressed for g in groups) or any(s.suppressed for s in scales)
                  or any(q.pre_correct is None and q.pre_n or q.post_correct is None and q.post_n for q in questions))
    return Analysis(form, m, len(codes), tuple(sorted(role_counts.items())), tuple(questions), tuple(groups),
                    tuple(scales), tuple(choices), tuple(comments), suppressed)
