"""Answering a knowledge test, the hot wash or a poll at an agency's screen.

The form asks for the person's anonymous code (kept on this laptop, so the
same person finds the same code at the post-test and the two are paired;
never a name), their sex from the fixed list in their language, then each
question: a choice or a scale as a list to pick from, free text as a line.
Several people may answer in turn at one screen: each gives their own code.
"""
from __future__ import annotations

import json
import secrets
from pathlib import Path

from textual.app import ComposeResult
from textual.widgets import Input, Select

from simex.feedback.sex import SEXES, label
from simex.languages import translator
from simex.scenario.text import tr
from simex.tui.forms import Form, labelled

# Codes people can read out and copy: no 0/O or 1/I/L.
_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"


def new_code() -> str:
    return "".join(secrets.choice(_ALPHABET) for _ in range(4))


def remembered_code(folder: Path | None) -> str:
    """This laptop's last anonymous code, or a new one (kept for the post-test)."""
    if folder is None:
        return new_code()
    path = folder / "questionnaire-code"
    try:
        code = path.read_text(encoding="utf-8").strip()
        if 0 < len(code) <= 40:
            return code
    except OSError:
        pass
    return new_code()


def remember_code(folder: Path | None, code: str) -> None:
    if folder is None:
        return
    try:
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "questionnaire-code").write_text(code, encoding="utf-8")
    except OSError:
        pass      # a read-only profile: the person writes the code down instead


def open_questionnaires(events) -> dict[str, object]:
    """The questionnaires open now (their opening events), by id."""
    open_now: dict[str, object] = {}
    for e in events:
        if e.kind == "questionnaire_opened":
            open_now[e.questionnaire] = e
        elif e.kind == "questionnaire_closed":
            open_now.pop(e.questionnaire, None)
    return open_now


def questions_of(opened) -> list[dict]:
    form = json.loads(opened.form)
    return form.get("knowledge", []) if opened.phase in ("pre", "post") else form.get("hotwash", [])


class QuestionnaireForm(Form):
    """Returns the fields of one answer_questionnaire command."""

    def __init__(self, session, t, title: str, opened, person: str, agencies: list[tuple[str, str]] | None = None,
                 agency: str = ""):
        super().__init__(session, t, title)
        self.opened, self.person, self.agencies, self.agency = opened, person, agencies, agency
        self.lang = t.lang

    def fields(self) -> ComposeResult:
        g = translator(self.lang)
        if self.agencies:      # one screen for the room (simex play): who is answering
            yield labelled(Select(self.agencies, id="agency", prompt=g.gettext("agency")), g.gettext("Your agency"))
        yield labelled(Input(self.person, id="person", max_length=40),
                       g.gettext("Your anonymous code (keep it for the test after the exercise; never your name)"))
        yield labelled(Select([(label(s, self.lang), s) for s in SEXES], id="sex", value="undisclosed",
                              allow_blank=False), g.gettext("Sex"))
        for n, q in enumerate(questions_of(self.opened), 1):
            title = f"{n}. {tr(q.get('text'), self.lang)}"
            kind = q.get("type", "choice" if q.get("choices") else "text")
            if kind == "scale":
                low, high = int(q.get("min", 1)), int(q.get("max", 5))
                yield labelled(Select([(str(v), str(v)) for v in range(low, high + 1)], id=f"q-{q['id']}",
                                      prompt=f"{low}–{high}"), title)
            elif q.get("choices"):
                yield labelled(Select([(str(c), str(c)) for c in q["choices"]], id=f"q-{q['id']}"), title)
            else:
                yield labelled(Input(id=f"q-{q['id']}", max_length=2000), title)

    def collect(self) -> dict:
        agency = self.value("#agency") if self.agencies else self.agency
        answers = {}
        for q in questions_of(self.opened):
            given = self.value(f"#q-{q['id']}", required=False)
            if given:
                answers[q["id"]] = given
        if not answers:
            raise ValueError(translator(self.lang).gettext("Answer at least one question"))
        return {"questionnaire": self.opened.questionnaire, "agency": agency, "person": self.value("#person"),
                "sex": self.value("#sex"), "answers": answers}


def title_of(opened, lang: str) -> str:
    g = translator(lang)
    form = json.loads(opened.form)
    heading = {"pre": g.gettext("Test before the exercise"), "post": g.gettext("Test after the exercise"),
               "hotwash": g.gettext("Hot wash"), "poll": g.gettext("Poll")}.get(opened.phase, opened.phase)
    return f"{heading}: {tr(form.get('title'), lang)}"
