"""Participants' answers, from the participant console or a CSV file with
the columns role, code, gender (optional), phase (pre, post or hotwash),
question, answer. A participant is an anonymous code (and a role); gender is
self-described and optional; names are never asked."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from simex.csvtable import CsvError, read_csv
from simex.feedback.form import FeedbackError, FeedbackForm

PHASES = ("pre", "post", "hotwash")
REQUIRED = ("role", "code", "phase", "question", "answer")


@dataclass(frozen=True)
class Response:
    role: str
    code: str
    gender: str      # "" when not given
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
        raise FeedbackError(f"{path}: missing column(s) {', '.join(missing)}; expected "
                            "role, code, gender (optional), phase, question, answer")
    rows = [Response(row["role"], row["code"], row["gender"], row["phase"].lower(), row["question"], row["answer"])
            for row in table.rows]
    check(rows, form)
    return rows
