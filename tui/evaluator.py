"""The evaluator's console (`simex join` with an evaluator's code): what
docs/running-a-workshop.md promises. The whole timeline with ground truth;
the MSEL with each inject's state, controller notes and the actions
expected of players; and the scoring as it stands (simex's suggested
P/S/M/U per objective, and each doctrine expectation met, late, missed or
open), from the complete scenario and every event the server sends an
evaluator. `o` and `r` record observations and ratings.
"""
from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Select, Static, TabbedContent, TabPane

from simex.durations import format_clock
from simex.languages import translator
from simex.narrate import clip
from simex.scenario.text import tr
from simex.tui.direction import Footer, Table
from simex.tui.forms import DetailScreen
from simex.tui.panes import recipients
from simex.tui.participant import QUIT
from simex.tui.participant import EvaluatorConsole as TimelineEvaluatorConsole
from simex.tui.timeline import Timeline

SCORING_EVERY = 2.0     # seconds between re-scorings: a long exercise takes a few hundred ms


class EvaluatorConsole(TimelineEvaluatorConsole):
    """The timeline console (observations, ratings) with the MSEL and scoring tabs."""

    BINDINGS = [Binding("o", "observe", "Observation"), Binding("r", "rate", "Rate"),
                Binding("1", "tab('timeline')", "Timeline", show=False),
                Binding("2", "tab('msel')", "MSEL", show=False),
                Binding("3", "tab('scoring')", "Scoring", show=False), QUIT]

    def __init__(self, remote, lang: str = "en", **kwargs):
        super().__init__(remote, lang=lang, **kwargs)
        self._scenario = None
        self._msel_seen = -1
        self._scored_seen = -1

    @property
    def scenario(self):
        """The complete scenario the server sent this evaluator, as the engine reads it."""
        if self._scenario is None:
            from simex.scenario.model import Scenario

            self._scenario = Scenario.model_validate(self.remote.view["scenario"])
        return self._scenario

    def compose(self) -> ComposeResult:
        g = translator(self.lang)
        yield Static(id="header")
        with TabbedContent(initial="timeline"):
            with TabPane(self.t.pgettext("tab", "Timeline") + " 1", id="timeline"):
                agencies = [(f"{a['id']} — {tr(a['name'], self.lang)}", a["id"])
                            for a in self.remote.view.get("agencies", [])]
                yield Select(agencies, prompt=self.t.gettext("all agencies"), id="filter-agency")
                yield Timeline(self.lang, narrator=self.narrator, controller=self.controller, id="timeline-view")
            with TabPane(self.t.pgettext("tab", "MSEL") + " 2", id="msel"):
                table = Table(lang=self.lang, id="msel-table", cursor_type="row", zebra_stripes=True)
                table.add_column(g.gettext("time"), key="time", width=10)
                table.add_column(g.gettext("inject"), key="id", width=8)
                table.add_column(g.gettext("to"), key="to", width=26)
                table.add_column(g.gettext("status"), key="status", width=12)
                table.add_column(g.gettext("synopsis"), key="synopsis", width=60)
                yield table
            with TabPane(self.t.pgettext("tab", "Scoring") + " 3", id="scoring"):
                yield Static(g.gettext("Scoring…"), id="scoring-text", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        super().on_mount()
        self.set_interval(SCORING_EVERY, self._score_if_shown)

    def action_tab(self, tab: str) -> None:
        self.main.query_one(TabbedContent).active = tab
        if tab == "scoring":
            self._score_if_shown()

    def redraw_panes(self) -> None:
        if len(self.remote.events) != self._msel_seen:
            self._msel_seen = len(self.remote.events)
            self._draw_msel()

    # --- MSEL ---------------------------------------------------------------------------

    def _states(self) -> dict[str, str]:
        states: dict[str, str] = {}
        for _, e in self.remote.events:
            if e.kind == "inject_delivered":
                states[e.inject] = "delivered"
            elif e.kind == "inject_acknowledged":
                states[e.inject] = "acknowledged"
            elif e.kind == "inject_skipped":
                states[e.inject] = "skipped"
        return states

    def _draw_msel(self) -> None:
        g = translator(self.lang)
        table = self.main.query_one("#msel-table", DataTable)
        states = self._states()
        selected = table.cursor_row
        table.clear()
        injects = sorted(self.scenario.injects, key=lambda i: (i.at is None, i.at or 0, i.id))
        for inject in injects:
            when = format_clock(inject.at)[1:] if inject.at is not None else g.gettext("triggered")
            status = states.get(inject.id, "pending")
            table.add_row(when, inject.id, recipients(inject.to, 26), g.gettext(status),
                          clip(tr(inject.synopsis, self.lang), 60), key=inject.id)
        if table.row_count:
            table.move_cursor(row=min(selected, table.row_count - 1), animate=False)

    def on_data_table_row_selected(self, message: DataTable.RowSelected) -> None:
        if message.data_table.id != "msel-table":
            return
        inject = next(i for i in self.scenario.injects if i.id == message.row_key.value)
        g = translator(self.lang)
        lines = [f"{inject.id}  {tr(inject.synopsis, self.lang)}", "", tr(inject.text, self.lang), "",
                 f"{g.gettext('Controller notes (never shown to players)')}: {inject.notes or '—'}"]
        expected = [tr(x, self.lang) for x in inject.expected_actions]
        if expected:
            lines += ["", g.gettext("Expected player actions") + ":"] + [f"  - {x}" for x in expected]
        self.push_screen(DetailScreen("\n".join(lines)))

    # --- scoring -------------------------------------------------------------------------

    def _score_if_shown(self) -> None:
        if self.main.query_one(TabbedContent).active != "scoring" or len(self.remote.events) == self._scored_seen:
            return
        self._scored_seen = len(self.remote.events)
        events, now = [e for _, e in self.remote.events], self.remote.now
        self.run_worker(lambda: self._score(events, now), thread=True, exclusive=True, group="scoring")

    def _score(self, events, now: float) -> None:
        from simex.scoring import evaluate

        evaluation = evaluate(self.scenario, events, self.lang, now=now)
        text = scoring_text(evaluation, self.lang)
        self.call_from_thread(lambda: self.main.query_one("#scoring-text", Static).update(text))


def scoring_text(evaluation, lang: str) -> str:
    """Per objective its rating (an evaluator's, else simex's suggestion, marked *)
    and its doctrine expectations with their state."""
    g = translator(lang)
    lines = []
    for o in evaluation.objectives:
        rating = o.rating.final or "—"
        mark = "*" if o.rating.source == "suggested" else ""
        lines.append(f"{o.id}  {rating}{mark}  {o.title}")
        for result in o.expectations:
            lines.append(f"    {g.pgettext('expectation status', result.status):<10} {clip(result.title, 70)}")
    lines += ["", g.gettext("* simex's suggestion, until an evaluator rates it (r).")]
    return "\n".join(lines)
