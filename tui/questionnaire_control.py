"""The facilitator's questionnaires (`f`): open the test before or after the
exercise and the hot wash from the form given with `--feedback`, start a
live poll, close what is open, let someone in the room answer at this
screen, and watch the answers come in (poll results as bars, for the
projector: counts only, never who answered what).
"""
from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from simex.engine import commands as c
from simex.engine.commands import CommandError
from simex.engine.questionnaires import form_text, poll_form
from simex.feedback.journaled import poll_results
from simex.languages import translator
from simex.reasons import in_language
from simex.scenario.text import tr
from simex.tui.forms import Form, labelled
from simex.tui.questionnaire import QuestionnaireForm, new_code, open_questionnaires, title_of

BAR = 30     # characters for the largest count in a poll's bars


class PollForm(Form):
    def fields(self) -> ComposeResult:
        g = translator(self.t.lang)
        yield labelled(Input(id="question", max_length=300), g.gettext("Question"))
        yield labelled(Input(id="choices", placeholder="yes, no, ask the police"),
                       g.gettext("Choices, separated by commas"))

    def collect(self) -> dict:
        return {"question": self.value("#question"), "choices": self.value("#choices").split(",")}


def results_text(events, lang: str) -> str:
    """Each questionnaire opened, newest first: open or closed, how many people
    answered, and for a poll the count per choice."""
    g = translator(lang)
    opened = {}
    for e in events:
        if e.kind == "questionnaire_opened":
            opened[e.questionnaire] = e
    now_open = open_questionnaires(events)
    lines = []
    for qid, e in reversed(opened.items()):
        people = {(a.agency, a.person) for a in events
                  if a.kind == "questionnaire_answered" and a.questionnaire == qid}
        state = g.gettext("open") if qid in now_open else g.gettext("closed")
        lines.append(f"{title_of(e, lang)}  [{state}]  "
                     + g.ngettext("{n} person answered", "{n} people answered", len(people)).format(n=len(people)))
        if e.phase == "poll":
            counts = poll_results(events, qid)
            top = max(counts.values(), default=0) or 1
            width = max((len(k) for k in counts), default=0)
            for choice, n in counts.items():
                lines.append(f"   {choice:<{width}}  {'█' * round(BAR * n / top):<{BAR}}  {n}")
    return "\n".join(lines) or g.gettext("No questionnaire opened yet.")


class QuestionnaireControl(ModalScreen):
    BINDINGS = [Binding("escape", "close", "Close")]
    DEFAULT_CSS = """
    QuestionnaireControl { align: center middle; }
    QuestionnaireControl > Vertical { width: 90%; max-width: 110; height: auto; max-height: 95%;
                                      border: round $accent; background: $surface; padding: 0 1; }
    QuestionnaireControl #results { height: auto; max-height: 14; margin-bottom: 1; }
    QuestionnaireControl OptionList { height: auto; max-height: 10; }
    """

    def __init__(self, session, t, form=None):
        super().__init__()
        self.session, self.t, self.form = session, t, form
        self.lang = t.lang

    def compose(self) -> ComposeResult:
        g = translator(self.lang)
        with Vertical():
            yield Label(g.gettext("Questionnaires and polls") + "   [dim]Esc[/]", classes="title")
            yield Static(results_text(self.session.events, self.lang), id="results", markup=False)
            yield OptionList(*self.options(), id="choices")

    def on_mount(self) -> None:
        self.set_interval(0.5, self.refresh_results)

    def refresh_results(self) -> None:
        self.query_one("#results", Static).update(results_text(self.session.events, self.lang))

    def options(self) -> list[Option]:
        g = translator(self.lang)
        form, options = self.form, []
        missing = "  " + g.gettext("(start with --feedback FORM.yaml)")
        for phase, text, wanted in (("pre", g.gettext("Open the test before the exercise"), "knowledge"),
                                    ("post", g.gettext("Open the test after the exercise"), "knowledge"),
                                    ("hotwash", g.gettext("Open the hot wash"), "hotwash")):
            usable = form is not None and bool(getattr(form, wanted))
            options.append(Option(text + ("" if usable else missing), id=f"open:{phase}", disabled=not usable))
        options.append(Option(g.gettext("Start a poll"), id="poll"))
        for qid, opened in open_questionnaires(self.session.events).items():
            title = title_of(opened, self.lang)
            options.append(Option(g.gettext("Answer here, for someone in the room: {title}").format(title=title),
                                  id=f"answer:{qid}"))
            options.append(Option(g.gettext("Close: {title}").format(title=title), id=f"close:{qid}"))
        return options

    def rebuild(self) -> None:
        choices = self.query_one("#choices", OptionList)
        choices.clear_options()
        choices.add_options(self.options())
        self.refresh_results()

    def run(self, command_type, **fields) -> bool:
        try:
            self.session.do(command_type, **fields)
        except CommandError as exc:
            self.notify(in_language(exc, self.lang), severity="error", timeout=8)
            return False
        self.rebuild()
        return True

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        what, _, arg = (event.option.id or "").partition(":")
        if what == "open":
            self.run(c.OpenQuestionnaire, questionnaire=arg, phase=arg, form=form_text(self.form))
        elif what == "close":
            self.run(c.CloseQuestionnaire, questionnaire=arg)
        elif what == "poll":
            self.app.push_screen(PollForm(self.session, self.t, translator(self.lang).gettext("Start a poll")),
                                 self.start_poll)
        elif what == "answer":
            opened = open_questionnaires(self.session.events)[arg]
            agencies = [(f"{a.id} — {tr(a.name, self.lang)}", a.id) for a in self.session.scenario.agencies]
            self.app.push_screen(QuestionnaireForm(self.session, self.t, title_of(opened, self.lang), opened,
                                                   new_code(), agencies=agencies), self.answer)

    def start_poll(self, value) -> None:
        if not value:
            return
        polls = sum(1 for e in self.session.events if e.kind == "questionnaire_opened" and e.phase == "poll")
        poll_id = f"poll-{polls + 1}"
        try:
            form = poll_form(poll_id, value["question"], value["choices"])
        except CommandError as exc:
            self.notify(in_language(exc, self.lang), severity="error")
            return
        self.run(c.OpenQuestionnaire, questionnaire=poll_id, phase="poll", form=form_text(form))

    def answer(self, value) -> None:
        if value and self.run(c.AnswerQuestionnaire, actor=f"participant:{value['agency']}", **value):
            self.notify(translator(self.lang).gettext("Answers recorded"))

    def action_close(self) -> None:
        self.dismiss(None)
