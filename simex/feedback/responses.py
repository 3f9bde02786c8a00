"""Participants' answers, from the participant console or a CSV file with
the columns role, code, sex (optional; older files call it gender), phase
(pre, post or hotwash), question, answer. A participant is an anonymous code
(and a role); sex is the fixed field of simex.feedback.sex, and what older
files hold as free typing (F, femme, woman...) is normalised to it; names are
never asked."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from simex.csvtable import CsvError, read_csv
from simex.feedback.form import FeedbackError, FeedbackForm
from simex.feedback.sex import SEXES, normalise
from simex.scenario.problems import did_you_mean

PHASES = ("pre", "post", "hotwash")
REQUIRED = ("role", "code", "phase", "question", "answer")


@dataclass(frozen=True)
class Response:
    role: str
    code: str
    sex: str         # female, male, another or undisclosed (simex.feedback.sex)
    phase: str
    question: str
    answer: str


def check(responses: list[Response], form: FeedbackForm) -> None:
    knowledge = {q.id for q in form.knowledge}
    hotwash = {q.id for q in form.hotwash}
    for n, r in enumerate(responses, start=1):
        if r.phase not in PHASES:
            raise FeedbackError(f"response {n}: phase must be pre, post or hotwash, not {r.phase!r}")
        if r.question not in knowledge | hotwash:
            raise FeedbackError(f"response {n}: no question {r.question!r} in form {form.id}")
        if r.question in knowledge and r.phase == "hotwash":
            raise FeedbackError(f"response {n}: knowledge question {r.question} is asked pre or post")
        if not r.code:
            raise FeedbackError(f"response {n}: every answer needs the participant's anonymous code")


def load_responses(path: str | Path, form: FeedbackForm) -> list[Response]:
    try:
        table = read_csv(path)
    except CsvError as exc:
        raise FeedbackError(str(exc)) from None
    missing = [c for c in REQUIRED if c not in table.header]
    if missing:
        raise FeedbackError(f"{path}: missing {'column' if len(missing) == 1 else 'columns'} {', '.join(missing)}; expected "
                            "role, code, sex (optional), phase, question, answer")
    column = "sex" if "sex" in table.header else "gender"
    rows, unknown = [], []
    for row in table.rows:
        sex = normalise(row[column])
        if sex is None:
            unknown.append(f"row {row.row}, column {column}: {row[column]!r}{did_you_mean(row[column], SEXES)}")
        rows.append(Response(row["role"], row["code"], sex or "", row["phase"].lower(), row["question"],
                             row["answer"]))
    if unknown:
        raise FeedbackError(f"{path}: " + "; ".join(unknown[:20]) + (f" and {len(unknown) - 20} more" if
                            len(unknown) > 20 else "") + ": sex is one of female, male, another, prefer not to say "
                            "(or blank)")
    check(rows, form)
    return rows
