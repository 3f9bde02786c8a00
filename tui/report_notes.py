"""A facilitator or evaluator writes into the after-action report from the
console: an overview field (venue, dates, scope...), the conclusion, or the
root cause of an area for improvement. Each is journaled (record_annotation),
as when the same text comes from a notes file (`simex report --annotations`)."""
from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Input, Select, Static

from simex.engine.commands import OVERVIEW_ENTRIES
from simex.report.hseep import areas, scenario_defaults, text
from simex.report.notes import CONCLUSION, ROOT_CAUSE, from_events
from simex.tui.forms import Form, labelled
from simex.tui.participant_forms import SendsItself


class ReportNoteForm(Form):
    """One field at a time: choosing it shows what the report says now."""

    def __init__(self, session, t, title, evaluation, *, events=None, scenario=None, author: str = ""):
        """`events` and `scenario`: the record written into, when `session`
        has none (an evaluator's console over the network); `author`: the
        name a join code gave, then not asked."""
        super().__init__(session, t, title)
        words = text(t.lang)
        self.author = author
        self.notes = from_events(session.events if events is None else events)
        defaults = scenario_defaults(session.scenario if scenario is None else scenario)
        # value in the Select -> (label, entry, target, current text, what it is about)
        self.fields_by_key = {key: (words[key], key, "", self.notes.overview.get(key, defaults.get(key, "")), "")
                              for key in OVERVIEW_ENTRIES}
        self.fields_by_key[CONCLUSION] = (words["conclusion"], CONCLUSION, "", self.notes.conclusion, "")
        for key, area, _ in areas(evaluation):
            self.fields_by_key[f"{ROOT_CAUSE}:{key}"] = (f"{words['root_cause'].strip(' :')} {key}", ROOT_CAUSE,
                                                         key, self.notes.root_causes.get(key, ""), area)

    def fields(self) -> ComposeResult:
        t = self.t
        if not self.author:
            yield labelled(Input(t.gettext("lead evaluator"), id="author"), t.gettext("Evaluator"))
        choices = [(label, key) for key, (label, *_) in self.fields_by_key.items()]
        yield labelled(Select(choices, id="field", prompt=t.gettext("Report field")), t.gettext("Report field"))
        yield Static("", id="about")
        yield labelled(Input(id="text"), t.gettext("Text"))

    def on_select_changed(self, event: Select.Changed) -> None:
        if event.select.id == "field" and event.value is not Select.NULL:
            _, _, _, current, about = self.fields_by_key[event.value]
            self.query_one("#about", Static).update(about)
            self.query_one("#text", Input).value = current

    def collect(self):
        _, entry, target, current, _ = self.fields_by_key[self.value("#field")]
        new = self.value("#text", required=False)
        if new == current:
            raise ValueError(self.t.gettext("Unchanged: nothing to record"))
        return {"author": self.author or self.value("#author"), "entry": entry, "target": target, "text": new}


class RemoteReportNoteForm(SendsItself, ReportNoteForm):
    """The same fields from an evaluator's console over the network, sent to
    the server: refused, it stays open with the reason and the draft."""

    BINDINGS = [*Form.BINDINGS, Binding("ctrl+s", "save", "Send")]

    def verb(self) -> str:
        return self.t.gettext("Send")
