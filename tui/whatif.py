"""The hot wash's "what if": after ENDEX, the decisions that most changed the
outcome (simex.whatif.critical), and the chosen counterfactual run in a
worker with its progress, its answer shown large enough to project.

Only what the after-action report shows appears here (ratings, expectations,
their delays): no ground truth. The engine work is simex.whatif's; this
screen only asks and shows, and every word goes through simex.languages.
"""
from __future__ import annotations

from dataclasses import dataclass

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Button, DataTable, Footer, Input, Label, ProgressBar, Select, Static

from simex.durations import format_clock
from simex.localized import duration
from simex.languages import available, translator
from simex.reasons import in_language
from simex.whatif.grammar import clock


def words(lang: str):
    """The console's language once simex has its catalog; English until then
    (the console itself may run in a language whose catalog is not built yet)."""
    return translator(lang if lang in available() else "en")


@dataclass
class Progressed(Message):
    done: int
    total: int


@dataclass
class Answered(Message):
    model: dict | None
    problem: str = ""


def answer_text(model: dict, lang: str = "en") -> str:
    """The summary and the objectives' ratings, side by side, in plain lines."""
    from simex.whatif.render import _rating_cell

    t = words(lang)
    n = model["replications"]
    lines = [*model["summary"], ""]
    lines.append(t.gettext("Objective      exercise   what if"))
    for o in model["objectives"]:
        lines.append(f"{o['id']:<14} {o['exercise']['suggested'] or '—':<10} {_rating_cell(o['whatif'], n)}")
    for s in model["skipped"]:
        lines.append(t.gettext("Skipped: {id} {what} ({reason})").format(id=s["command"], what=s["what"],
                                                                         reason=s["reason"]))
    return "\n".join(lines)


class WhatIfScreen(Screen):
    """Pick a decision, a change (move it, drop it) and run the counterfactual."""

    BINDINGS = [Binding("escape,q", "close", "Close"), Binding("ctrl+r", "run", "Run what if")]
    DEFAULT_CSS = """
    WhatIfScreen { padding: 0 1; }
    WhatIfScreen #decisions { height: auto; max-height: 12; }
    WhatIfScreen #change-row { height: auto; }
    WhatIfScreen #change-row > * { width: auto; margin-right: 1; }
    WhatIfScreen #change { width: 34; }
    WhatIfScreen #when { width: 14; }
    WhatIfScreen #runs { width: 8; }
    WhatIfScreen #answer { text-style: bold; }
    """

    def __init__(self, journal_path, lang: str = "en"):
        super().__init__()
        self.journal_path = journal_path
        self.lang = lang
        self.t = words(lang)
        self.decisions = []
        self.model: dict | None = None

    def compose(self) -> ComposeResult:
        t = self.t
        with Vertical():
            yield Label(t.gettext("What if: the decisions that most changed the outcome"), classes="title")
            yield DataTable(id="decisions", cursor_type="row")
            yield Static("", id="none")
            with Horizontal(id="change-row"):
                yield Select([(t.gettext("move it to"), "move"), (t.gettext("drop it"), "drop"),
                              (t.gettext("send it to the right agency"), "replace")],
                             value="move", allow_blank=False, id="change")
                yield Input(placeholder="HH:MM", id="when")
                yield Label(t.gettext("runs"))
                yield Input("1", id="runs", type="integer")
                yield Button(t.gettext("Run"), id="run", variant="primary")
            yield ProgressBar(id="progress", show_eta=False)
            with VerticalScroll():
                yield Static("", id="answer", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        from simex.whatif.critical import decisions

        t = self.t
        table = self.query_one("#decisions", DataTable)
        table.add_columns(t.gettext("command"), t.gettext("when"), t.gettext("decision"),
                          t.gettext("expectation"), t.gettext("outcome"), t.gettext("instead"))
        self.decisions = decisions(self.journal_path)
        for d in self.decisions:
            outcome = t.gettext("missed") if d.missed else t.gettext("late by {late}").format(
                late=duration(d.late_by, self.lang))
            table.add_row(d.command, format_clock(d.t), d.what.split(" ", 1)[1], f"{d.expectation} {d.title}",
                          outcome, d.fix or format_clock(d.suggested))
        if self.decisions:
            self.offer(self.decisions[0])
        else:
            self.query_one("#none", Static).update(t.gettext("No recorded decision made an expectation late."))
        table.focus()

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if 0 <= event.cursor_row < len(self.decisions):
            self.offer(self.decisions[event.cursor_row])

    def offer(self, decision) -> None:
        """The change that answers this decision: send a mis-routed message
        right, or move a late one to the time that would have been on time."""
        self.query_one("#change", Select).value = "replace" if decision.fix else "move"
        self.query_one("#when", Input).value = format_clock(decision.suggested)[2:]

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "run":
            self.action_run()

    def chosen(self):
        row = self.query_one("#decisions", DataTable).cursor_row
        return self.decisions[row] if 0 <= row < len(self.decisions) else None

    def action_run(self) -> None:
        decision = self.chosen()
        if decision is None:
            return
        op = self.query_one("#change", Select).value
        if op == "move":
            when = self.query_one("#when", Input).value.strip()
            try:
                clock(when)
            except ValueError as exc:
                self.notify(str(exc), severity="error")
                return
            spec = [("move", (f"{decision.command}={when}",))]
        elif op == "replace":
            if not decision.fix:
                self.notify(self.t.gettext("This message went to the right agency; move it or drop it"),
                            severity="warning")
                return
            spec = [("replace", (decision.command, decision.fix))]
        else:
            spec = [("drop", (decision.command,))]
        runs = max(1, int(self.query_one("#runs", Input).value or 1))
        self.query_one("#answer", Static).update(self.t.gettext("Running…"))
        bar = self.query_one("#progress", ProgressBar)
        bar.update(total=runs, progress=0)
        self.counterfactual(spec, runs)

    @work(thread=True, exclusive=True)
    def counterfactual(self, spec, runs: int) -> None:
        from simex.journal import JournalError
        from simex.whatif import ChangeError, counterfactual

        try:
            model = counterfactual(self.journal_path, spec, replications=runs,
                                   progress=lambda done, total: self.post_message(Progressed(done, total)))
        except (JournalError, ChangeError) as exc:
            self.post_message(Answered(None, in_language(exc, self.lang)))
            return
        self.post_message(Answered(model))

    def on_progressed(self, message: Progressed) -> None:
        self.query_one("#progress", ProgressBar).update(total=message.total, progress=message.done)

    def on_answered(self, message: Answered) -> None:
        self.model = message.model
        text = message.problem if message.model is None else answer_text(message.model, self.lang)
        self.query_one("#answer", Static).update(text)

    def action_close(self) -> None:
        self.dismiss(None)
