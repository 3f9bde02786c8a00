"""Knowledge tests, the hot-wash form and live polls, taken in the consoles.

The facilitator opens a questionnaire (its questions travel in the journal
with it, so a report or a resumed exercise needs no other file); people at
each agency's screen answer under an anonymous code they keep from the
pre-test to the post-test, with their sex from the fixed list; the
facilitator closes it. Answers are checked here, before they are journaled:
a choice among the choices, a scale within its range, text of a sensible
length. None of this moves the exercise clock: the pre-test comes before
STARTEX and the post-test and hot wash after ENDEX.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field

from pydantic import ValidationError

from simex.engine.commands import QUESTIONNAIRE_PHASES, CommandError
from simex.feedback.form import FeedbackForm
from simex.feedback.sex import SEXES
from simex.languages import N_
from simex.reasons import Listed

ANSWER_LIMIT = 2_000       # characters in one free-text answer: a paragraph or two
PERSON_LIMIT = 40


@dataclass
class Questionnaire:
    id: str
    phase: str
    form: FeedbackForm
    open: bool = True
    answered: set = field(default_factory=set)     # (agency, person) who answered


    def questions(self) -> dict:
        """The questions this phase asks, by id."""
        asked = self.form.knowledge if self.phase in ("pre", "post") else self.form.hotwash
        return {q.id: q for q in asked}


def read_form(text: str, phase: str) -> FeedbackForm:
    """The form an open_questionnaire carries, checked for its phase."""
    if phase not in QUESTIONNAIRE_PHASES:
        raise CommandError(N_("a questionnaire's phase is one of {phases}, not {phase!r}"),
                           phases=Listed(QUESTIONNAIRE_PHASES), phase=phase)
    try:
        form = FeedbackForm.model_validate(json.loads(text))
    except (ValueError, ValidationError) as exc:
        first = exc.errors()[0] if isinstance(exc, ValidationError) else None
        where = ".".join(str(p) for p in first["loc"]) + ": " + first["msg"] if first else str(exc)
        raise CommandError(N_("open_questionnaire.form is not a feedback form: {problem}"), problem=where) from None
    if phase in ("pre", "post") and not form.knowledge:
        raise CommandError(N_("a pre-test needs knowledge questions; the form has none") if phase == "pre" else
                           N_("a post-test needs knowledge questions; the form has none"))
    if phase == "hotwash" and not form.hotwash:
        raise CommandError(N_("the hot wash needs hot-wash questions; the form has none"))
    if phase == "poll" and (len(form.hotwash) != 1 or form.hotwash[0].type != "choice" or form.knowledge):
        raise CommandError(N_("a poll is one question with choices"))
    return form


def check_answers(questionnaire: Questionnaire, agency: str, person: str, sex: str, answers: dict) -> None:
    if not questionnaire.open:
        raise CommandError(N_("the questionnaire {questionnaire!r} is closed"), questionnaire=questionnaire.id)
    # One vote per person in a poll, so the room's count (which cannot tell
    # who voted) is exact; a test or the hot wash may be answered again.
    if questionnaire.phase == "poll" and (agency, person.strip()) in questionnaire.answered:
        raise CommandError(N_("{person} at {agency} has already answered this poll"), person=person.strip(),
                           agency=agency)
    if not person.strip() or len(person) > PERSON_LIMIT:
        raise CommandError(N_("give your anonymous code (1 to {limit} characters), never your name"), limit=PERSON_LIMIT)
    if sex not in ("", *SEXES):
        raise CommandError(N_("sex is one of {sexes}, or left empty"), sexes=Listed(SEXES))
    asked = questionnaire.questions()
    for qid, given in answers.items():
        question = asked.get(qid)
        if question is None:
            raise CommandError(N_("{questionnaire!r} has no question {question!r}"), questionnaire=questionnaire.id,
                               question=qid)
        if not isinstance(given, str) or len(given) > ANSWER_LIMIT:
            raise CommandError(N_("the answer to {question} is text of at most {limit} characters"), question=qid,
                               limit=ANSWER_LIMIT)
        kind = getattr(question, "type", "choice" if question.choices else "text")
        if kind == "choice" and question.choices and given not in question.choices:
            raise CommandError(N_("the answer to {question} is one of: {choices}"), question=qid,
                               choices=Listed(question.choices))
        if kind == "scale" and not (given.isdigit() and question.min <= int(given) <= question.max):
            raise CommandError(N_("the answer to {question} is a whole number from {low} to {high}"), question=qid,
                               low=question.min, high=question.max)


def for_players(form_json: str) -> str:
    """The form without the knowledge questions' correct answers."""
    data = json.loads(form_json)
    for question in data.get("knowledge", []):
        question.pop("answer", None)
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def form_text(form: FeedbackForm) -> str:
    """A form as an open_questionnaire carries it (canonical JSON)."""
    return json.dumps(form.model_dump(mode="json", exclude_defaults=False), ensure_ascii=False, sort_keys=True,
                      separators=(",", ":"))


def poll_form(poll_id: str, question: str, choices: list[str]) -> FeedbackForm:
    """A live poll: one question, its choices, as a form of one hot-wash question."""
    choices = [c.strip() for c in choices if c.strip()]
    if not question.strip() or len(choices) < 2:
        raise CommandError(N_("a poll needs a question and at least two choices"))
    return FeedbackForm(id=poll_id, title=question.strip(),
                        hotwash=[{"id": "Q1", "text": question.strip(), "type": "choice", "choices": choices}])
