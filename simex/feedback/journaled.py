"""Knowledge tests and hot-wash answers taken in the consoles, read back from
the journal (simex.engine.questionnaires): the form the facilitator opened
and every person's answers, as the report's feedback section reads them
from files (`--feedback form.yaml --responses answers.csv`)."""
from __future__ import annotations

import json

from simex.events import Event, QuestionnaireAnswered, QuestionnaireOpened
from simex.feedback.form import FeedbackForm
from simex.feedback.responses import Response


def from_events(events: list[Event]) -> tuple[FeedbackForm, list[Response]] | None:
    """The form and responses the journal holds, or None if no knowledge test
    or hot wash was answered in the consoles. Polls are not part of it. The
    knowledge questions are those of the last pre- or post-test opened, the
    hot-wash questions those of the last hot wash; a person's later answer
    to a question replaces their earlier one."""
    forms: dict[str, dict] = {}
    answers: dict[tuple[str, str, str, str], Response] = {}
    for e in events:
        if isinstance(e, QuestionnaireOpened) and e.phase != "poll":
            forms["knowledge" if e.phase in ("pre", "post") else "hotwash"] = json.loads(e.form)
        elif isinstance(e, QuestionnaireAnswered) and e.phase != "poll":
            for question, given in e.answers.items():
                # A code is the person's only within their agency: two people at
                # different agencies may have picked the same one.
                answers[(e.phase, e.agency, e.person, question)] = Response(
                    e.agency, f"{e.agency}/{e.person}", e.sex, e.phase, question, str(given))
    if not answers:
        return None
    knowledge, hotwash = forms.get("knowledge", {}), forms.get("hotwash", {})
    base = knowledge or hotwash
    form = FeedbackForm.model_validate({**base, "knowledge": knowledge.get("knowledge", []),
                                        "hotwash": hotwash.get("hotwash", [])})
    return form, list(answers.values())


def poll_results(events: list[Event], poll: str) -> dict[str, int]:
    """How many people chose each choice in a poll. Each person votes once (the
    engine refuses a second vote), so counting answers is exact even in the
    room's view, which does not say who voted."""
    choices: list[str] = []
    counts: dict[str, int] = {}
    for e in events:
        if isinstance(e, QuestionnaireOpened) and e.questionnaire == poll:
            choices = json.loads(e.form)["hotwash"][0]["choices"]
            counts = dict.fromkeys(choices, 0)
        elif isinstance(e, QuestionnaireAnswered) and e.questionnaire == poll and "Q1" in e.answers:
            counts[e.answers["Q1"]] = counts.get(e.answers["Q1"], 0) + 1
    return counts
