"""The evaluator's console (`simex join` with an evaluator's code): what
docs/running-a-workshop.md promises. The whole timeline with ground truth;
the MSEL with each inject's state, controller notes and the actions
expected of players; and the scoring as it stands (simex's suggested
P/S/M/U per objective, and each doctrine expectation met, late, missed or
open), from the complete scenario and every event the server sends an
evaluator. `o` and `r` record observations and ratings; `w` writes in the
after-action report (overview, conclusion, root causes).
"""
from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
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
from simex.tui.scorekeeper import ScoreKeeper
from simex.tui.timeline import Timeline


class EvaluatorConsole(TimelineEvaluatorConsole):
    """The timeline console (observations, ratings) with the MSEL and scoring tabs."""

    BINDINGS = [Binding("o", "observe", "Observation"), Binding("r", "rate", "Rate"),
                Binding("1", "tab('timeline')", "Timeline", show=False),
                Binding("2", "tab('msel')", "MSEL", show=False),
                Binding("3", "tab('scoring')", "Scoring", show=False), QUIT]

    def __init__(self, remote, lang: str = "en", **kwargs):
        super().__init__(remote, lang=lang, **kwargs)
        self._msel_seen = -1
        self._events: list = []          # the record so far, without the server's sequence numbers
        self._scored: tuple | None = None   # (events, now) of the latest score asked
        self._keeper: ScoreKeeper | None = None

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
                with VerticalScroll(id="scoring-scroll"):     # focusable: keys scroll a long score
                    yield Static(g.gettext("Scoring…"), id="scoring-text", markup=False)
        yield Footer()

    def action_tab(self, tab: str) -> None:
        tabs = self.main.query_one(TabbedContent)
        tabs.active = tab          # TabActivated then scores
        # Focus goes with the tab: left on a widget of the pane just hidden, it
        # would bring that pane back (the Scoring tab answered "3" with the Timeline).
        target = next((w for w in tabs.get_pane(tab).query("*") if w.focusable), None)
        if target is not None:
            target.focus()

    def on_tabbed_content_tab_activated(self, message: TabbedContent.TabActivated) -> None:
        # A key or a click: the events that arrived while another tab was shown are scored now.
        self._score_if_shown()

    def redraw_panes(self) -> None:
        if len(self.remote.events) != self._msel_seen:
            self._msel_seen = len(self.remote.events)
            self._draw_msel()
        self._score_if_shown()

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
        """Ask for the score when events arrived or the clock moved (each
        redraw, each switch to the tab) while the tab is shown. The keeper
        reads only the events new since its last turn, in a worker thread,
        one computation at a time, the newest asked winning (tui/scorekeeper.py)."""
        if self.main.query_one(TabbedContent).active != "scoring":
            return
        received, events = self.remote.events, self._events
        if len(received) < len(events):      # a record read again from its start
            events = self._events = []
        events.extend(e for _, e in received[len(events):])
        state = (len(events), self.remote.now)
        if state == self._scored:
            return
        self._scored = state
        if self._keeper is None:
            self._keeper = ScoreKeeper(self.scenario, self.lang, self._show_score)
        self._keeper.ask(self, list(events), self.remote.now)   # a snapshot: a copy of references

    def _show_score(self, events, now: float, result, changed) -> None:
        """In the keeper's worker thread: the objectives rated from the score
        brought up to date, worded, and handed to the screen."""
        from simex.scoring.eeg import eeg

        text = scoring_text(eeg(self.scenario, events, result, self.lang), self.lang)
        self.call_from_thread(self._put_score, text)

    def _put_score(self, text: str) -> None:
        if not self.screen_stack:
            return          # the console closed while the score was worked out
        self.main.query_one("#scoring-text", Static).update(text)


def scoring_text(objectives, lang: str) -> str:
    """Per objective (an evaluation's `objectives`, or `eeg` of a score) its
    rating (an evaluator's, else simex's suggestion, marked *) and its
    doctrine expectations with their state."""
    g = translator(lang)
    lines = []
    for o in objectives:
        rating = o.rating.final or "—"
        mark = "*" if o.rating.source == "suggested" else ""
        lines.append(f"{o.id}  {rating}{mark}  {o.title}")
        for result in o.expectations:
            lines.append(f"    {g.pgettext('expectation status', result.status):<10} {clip(result.title, 70)}")
    lines += ["", g.gettext("* simex's suggestion, until an evaluator rates it (r).")]
    return "\n".join(lines)
