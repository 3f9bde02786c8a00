"""The facilitator console: run a live exercise from one terminal.

The app owns a Session and a timer. Each tick moves scenario time by wall
time x speed, then the new events are handed to the timeline and the panes.
Keys are bindings (so the footer, the command palette and tests all see
them); every command goes through the session, and a refused command is
shown as a notification, never a crash.
"""
from __future__ import annotations

import time
from datetime import timedelta
from zoneinfo import ZoneInfo

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import Select, Static, TabbedContent, TabPane

from simex.durations import format_clock, format_duration
from simex.engine import commands as c
from simex.engine.commands import CommandError
from simex.narrate import Narrator
from simex.reasons import in_language
from simex.scenario.text import tr
from simex.session import SPEEDS
from simex.tui.branch import branch_here
from simex.tui import collector
from simex.tui.codes import CodesScreen
from simex.languages import is_right_to_left, translator
from simex.tui.details import event_details
from simex.tui.filter_select import FilterSelect
from simex.tui.direction import Footer, mirror_app, mirrored, reverse_rows
from simex.tui.keys import KEYS, KeysScreen
from simex.tui.forms import ActForm, ConfirmForm, DetailScreen, InjectForm, ObservationForm, TimeForm
from simex.tui.rating import RatingForm
from simex.tui.script import isolated
from simex.tui.report_notes import ReportNoteForm
from simex.tui.i18n import Localised, Translator, event_kind_words, message_kind_words, status_words
from simex.tui.knob_form import turn_knob
from simex.tui.panes import AgencyBoard, CommsPane, MselPane, ScoringPane
from simex.tui.timeline import Timeline
from simex.tui.script import install as shape_arabic
from simex.tui.world_form import WorldForm

KINDS = ("inject_delivered", "message_sent", "message_delivered", "action_taken", "decision_recorded",
         "evidence_transferred", "observation_recorded", "world", "knob_set", "expectation_overdue", "expectation_met")


class FacilitatorApp(Localised, App):
    CSS_PATH = ["facilitator.tcss", "rtl.tcss"]
    TITLE = "simex"
    BINDINGS = [
        KEYS,     # first: at 80x24 the footer has room for only a few, and this lists them all
        Binding("space", "toggle_run", "Start/pause"),
        Binding("plus,equals_sign", "faster", "Faster", key_display="+"),
        Binding("minus", "slower", "Slower", key_display="-"),
        Binding("n", "next_inject", "Next inject"),
        Binding("j", "jump", "Jump to time"),
        Binding("d", "deliver", "Deliver now"),
        Binding("s", "skip", "Skip inject", show=False),
        Binding("p", "postpone", "Postpone", show=False),
        Binding("i", "new_inject", "New inject"),
        Binding("a", "act", "Act for agency"),
        Binding("o", "observe", "Observation"),
        Binding("W", "change_world", "Change the world", show=False),
        Binding("k", "knob", "Turn a knob", show=False),
        Binding("b", "branch_here", "Branch here", show=False),
        Binding("r", "rate", "Rate P/S/M/U", show=False),
        Binding("w", "report_note", "Write in the report", show=False),
        Binding("e", "end", "End exercise", show=False),
        Binding("c", "codes", "Join codes", show=False),
        Binding("v", "room_view", "Room view"),
        Binding("f", "questionnaires", "Questionnaires", show=False),
        Binding("h", "whatif", "What if (after ENDEX)", show=False),
        Binding("1", "tab('msel')", "MSEL", show=False), Binding("2", "tab('timeline')", "Timeline", show=False),
        Binding("3", "tab('agencies')", "Agencies", show=False),
        Binding("4", "tab('comms')", "Communications", show=False),
        Binding("5", "tab('scoring')", "Scoring", show=False),
        Binding("q", "quit_console", "Quit"),
        # Ctrl+C, what people press to stop a program in a terminal, does what q does.
        Binding("ctrl+c", "quit_console", "Quit", show=False, priority=True),
    ]

    def __init__(self, session, lang: str = "en", tick_seconds: float | None = 0.1, clock=time.monotonic,
                 server=None, feedback_form=None):
        super().__init__()
        self.feedback_form = feedback_form   # knowledge tests and hot wash to open (--feedback)
        self.server = server           # an ExerciseServer when participants join over the network
        self.server_error: str | None = None
        # No sliding underlines or smooth scrolls: calm on a projector, and a
        # key press settles in one frame.
        self.animation_level = "none"
        self.session = session
        self.t = Translator(lang)
        self.translate_bindings()
        shape_arabic()
        mirror_app(self, lang)
        self.narrator = Narrator(session.scenario, lang)
        self.tick_seconds = tick_seconds
        self.clock = clock
        self.seen = 0                  # events already handed to the timeline
        self._last_tick = None
        self._last_panes = 0.0
        self._collecting = False       # tui/collector.py told this console started

    def binding_words(self) -> dict[str, str]:
        t = self.t
        return {"toggle_run": t.gettext("Start/pause"), "faster": t.gettext("Faster"), "slower": t.gettext("Slower"),
                "next_inject": t.gettext("Next inject"), "jump": t.gettext("Jump to time"),
                "deliver": t.gettext("Deliver now"), "skip": t.gettext("Skip inject"),
                "postpone": t.gettext("Postpone"), "new_inject": t.gettext("New inject"),
                "act": t.gettext("Act for agency"), "observe": t.gettext("Observation"),
                "change_world": t.gettext("Change the world"), "rate": t.gettext("Rate P/S/M/U"),
                "report_note": t.gettext("Write in the report"), "end": t.gettext("End exercise"),
                "codes": t.gettext("Join codes"), "room_view": t.gettext("Room view"), "quit_console": t.gettext("Quit"),
                "keys": t.gettext("Keys"), "questionnaires": t.gettext("Questionnaires"),
                "whatif": t.gettext("What if (after ENDEX)"), "knob": t.gettext("Turn a knob"),
                "branch_here": t.gettext("Branch here"), "next_syndicate": t.gettext("Next syndicate"),
                "toggle_all": t.gettext("To all syndicates"),
                "tab('msel')": t.pgettext("tab", "MSEL"), "tab('timeline')": t.pgettext("tab", "Timeline"),
                "tab('agencies')": t.pgettext("tab", "Agencies"), "tab('comms')": t.pgettext("tab", "Communications"),
                "tab('scoring')": t.pgettext("tab", "Scoring")}

    # --- layout ---------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        t, s = self.t, self.session
        yield Static(id="clock")
        with TabbedContent(initial="msel"):
            # Translators: Master Scenario Events List, the exercise's script of injects.
            with TabPane(t.pgettext("tab", "MSEL") + " 1", id="msel"):
                yield MselPane(s, t, id="msel-pane")
            with TabPane(t.pgettext("tab", "Timeline") + " 2", id="timeline"):
                with Horizontal(id="timeline-filters"):
                    yield FilterSelect([(a.id, a.id) for a in s.scenario.agencies],
                                       prompt=t.gettext("all agencies"), id="filter-agency")
                    kinds = event_kind_words(t)
                    yield FilterSelect([(kinds[k], k) for k in KINDS], prompt=t.gettext("all kinds"),
                                       id="filter-kind")
                # The facilitator is the controller: ground truth shows, marked as such.
                yield Timeline(lang=t.lang, narrator=self.narrator, controller=True, id="timeline-view")
            with TabPane(t.pgettext("tab", "Agencies") + " 3", id="agencies"):
                yield AgencyBoard(s, t, id="agency-pane")
            with TabPane(t.pgettext("tab", "Communications") + " 4", id="comms"):
                yield CommsPane(s, t, id="comms-pane")
            with TabPane(t.pgettext("tab", "Scoring") + " 5", id="scoring"):
                yield ScoringPane(s, t, id="scoring-pane")
        yield Footer()

    async def on_mount(self) -> None:
        self.title = f"simex — {tr(self.session.scenario.exercise.title, self.t.lang)}"
        if mirrored(self):
            reverse_rows(self.screen)
        if self.server is not None:
            try:
                await self.server.start()
            except OSError as exc:
                self.server_error = str(exc)
                self.exit()
                return
            self.sub_title = self.server.address
        self.sync(panes=True)
        collector.console_started()
        self._collecting = True
        if self.tick_seconds:
            self.set_interval(self.tick_seconds, self.tick)

    # --- the clock ------------------------------------------------------------------

    def tick(self) -> None:
        if not self.screen_stack:
            return          # the console is closing: the timer fired after its screens went
        now = self.clock()
        elapsed = 0.0 if self._last_tick is None else now - self._last_tick
        self._last_tick = now
        if self.session.status == "running":
            self.session.tick(elapsed)
            if self.session.status == "ended":
                self.sync()     # ENDEX: every pane shows the final record, whatever the throttle
                return
        elif len(self.session.events) == self.seen:
            return          # paused and nothing new (participants can act while paused)
        # Panes other than the timeline redraw at most twice a second while running.
        self.sync(panes=now - self._last_panes >= 0.5)

    def sync(self, panes: bool = True) -> None:
        if self.server is not None:
            self.server.publish()
        events = self.session.events
        if len(events) > self.seen:
            self.query_one(Timeline).append(events[self.seen:], self.seen)
            self.seen = len(events)
        clock, shown = self.clock_text(), self.query_one("#clock", Static)
        if shown.content != clock:
            # The clock's height is fixed (facilitator.tcss): new text needs no new layout.
            shown.update(clock, layout=False)
        if panes:
            self._last_panes = self.clock()
            self.query_one(MselPane).update_from()
            active = self.query_one(TabbedContent).active
            pane = {"agencies": AgencyBoard, "comms": CommsPane, "scoring": ScoringPane}.get(active)
            if pane:
                self.query_one(pane).update_from()

    def clock_text(self) -> str:
        s, t = self.session, self.t
        ex = s.scenario.exercise
        start = ex.startex + timedelta(seconds=s.now)
        zones = "  ".join(f"{j.id} {start.astimezone(ZoneInfo(j.timezone)):%H:%M}" for j in s.scenario.jurisdictions)
        # In a right-to-left line each value is its own run: else ENDEX's time
        # and the jurisdictions' clocks read as one left-to-right run.
        run = isolated if is_right_to_left(t.lang) else str
        state = status_words(t).get(s.status, s.status).upper()
        if s.now < 0 and s.status != "ended":
            # the world runs; play starts at STARTEX
            state = t.gettext("pre-roll ({state})").format(state=state.lower()).upper()
        # Translators: the scheduled end of the exercise, as HSEEP abbreviates it (FINEX in French).
        endex = t.pgettext("HSEEP: end of exercise", "ENDEX")
        return (f"{tr(ex.title, t.lang)}\n{state}  {run(format_clock(s.now))}  {run(f'×{s.speed:g}')}  "
                f"{endex} {run(format_clock(ex.duration))}  │ {run(zones)}")

    # --- commands -------------------------------------------------------------------------

    def run_command(self, fn, *args, **kwargs) -> bool:
        try:
            fn(*args, **kwargs)
        except CommandError as exc:
            self.notify(in_language(exc, self.t.lang), severity="error", timeout=6)
            return False
        self.sync()
        return True

    def action_toggle_run(self) -> None:
        s = self.session
        if s.status == "ended":
            return
        self._last_tick = self.clock()
        if s.status == "running":
            collector.thaw()     # paused: a full collection may walk everything once (tui/collector.py)
        self.run_command(s.pause if s.status == "running" else s.resume)

    def action_faster(self) -> None:
        bigger = [x for x in SPEEDS if x > self.session.speed]
        if bigger:
            self.run_command(self.session.set_speed, bigger[0])

    def action_slower(self) -> None:
        smaller = [x for x in SPEEDS if x < self.session.speed]
        if smaller:
            self.run_command(self.session.set_speed, smaller[-1])

    def action_next_inject(self) -> None:
        try:
            found = self.session.jump_to_next_inject()
        except CommandError as exc:
            self.notify(in_language(exc, self.t.lang), severity="error")
            return
        if found is None:
            self.notify(self.t.gettext("No more pending injects"))
        self.sync()

    def action_jump(self) -> None:
        def done(value):
            if value:
                self.run_command(self.session.jump_to, value["at"])
        self.push_screen(TimeForm(self.session, self.t, self.t.gettext("Jump to time"),
                                  self.t.gettext("Jump to scenario time (e.g. 2h30m)"),
                                  default=format_duration(self.session.now)), done)

    def selected_inject(self) -> str | None:
        inject = self.query_one(MselPane).selected()
        if inject is None or self.query_one(TabbedContent).active != "msel":
            self.notify(self.t.gettext("Select an inject first"), severity="warning")
            return None
        return inject

    def action_deliver(self) -> None:
        inject = self.selected_inject()
        if inject:
            self.run_command(self.session.do, c.DeliverInject, inject=inject)

    def action_skip(self) -> None:
        inject = self.selected_inject()
        if inject:
            self.run_command(self.session.do, c.SkipInject, inject=inject)

    def action_postpone(self) -> None:
        inject = self.selected_inject()
        if not inject:
            return
        state = self.session.exercise.msel.states[inject]
        default = format_duration(state.at) if state.at is not None else ""

        def done(value):
            if value:
                self.run_command(self.session.do, c.RescheduleInject, inject=inject, **value)
        self.push_screen(TimeForm(self.session, self.t, self.t.gettext("Postpone {inject}").format(inject=inject),
                                  self.t.gettext("New time (e.g. 2h30m)"), spacing=True, default=default), done)

    def action_new_inject(self) -> None:
        def done(value):
            if value:
                self.run_command(self.session.do, c.AddInject, **value)
        self.push_screen(InjectForm(self.session, self.t, self.t.gettext("New inject")), done)

    def action_act(self) -> None:
        def done(value):
            if not value:
                return
            kind = value.pop("kind")
            command = {"message": c.SendMessage, "action": c.TakeAction, "decision": c.RecordDecision,
                       "evidence transfer": c.TransferEvidence}[kind]
            self.run_command(self.session.do, command, **value)
        self.push_screen(ActForm(self.session, self.t, self.t.gettext("Act for agency")), done)

    def action_change_world(self) -> None:
        def done(value):
            if value and self.run_command(self.session.do, c.ChangeWorld, **value):
                self.notify(self.t.gettext("Done"))
        self.push_screen(WorldForm(self.session, self.t, self.t.gettext("Change the world")), done)

    def action_knob(self) -> None:
        turn_knob(self)

    def action_branch_here(self) -> None:
        branch_here(self)

    def action_observe(self) -> None:
        def done(value):
            if value and self.run_command(self.session.do, c.RecordObservation, **value):
                self.notify(self.t.gettext("Observation recorded"))
        inject = self.query_one(MselPane).selected() if self.query_one(TabbedContent).active == "msel" else ""
        self.push_screen(ObservationForm(self.session, self.t, self.t.gettext("Observation"), inject=inject or ""), done)

    def action_rate(self) -> None:
        self._evaluator_form(RatingForm, self.t.gettext("Rate P/S/M/U"), c.RecordRating)

    def action_report_note(self) -> None:
        self._evaluator_form(ReportNoteForm, self.t.gettext("Write in the report"), c.RecordAnnotation)

    def _evaluator_form(self, form, title: str, command) -> None:
        """A form that needs the evaluation as it stands now (suggested ratings, areas for improvement)."""
        from simex.scoring import evaluate

        def done(value):
            if value and self.run_command(self.session.do, command, **value):
                self.notify(self.t.gettext("Done"))
        evaluation = evaluate(self.session.scenario, self.session.events, self.t.lang, now=self.session.now)
        self.push_screen(form(self.session, self.t, title, evaluation), done)

    def action_end(self) -> None:
        def done(value):
            if value:
                self.run_command(self.session.do, c.EndExercise)
        self.push_screen(ConfirmForm(self.session, self.t, self.t.gettext("End exercise"),
                                     self.t.gettext("End the exercise now? The journal keeps everything.")), done)

    def action_whatif(self) -> None:
        from simex.tui.whatif import WhatIfScreen, words

        t = words(self.t.lang)
        if self.session.status != "ended":
            self.notify(t.gettext("What if opens after ENDEX, for the hot wash"), severity="warning")
        elif self.session.journal_path is None:
            self.notify(t.gettext("What if needs a journal; this exercise is not recorded"), severity="warning")
        else:
            self.push_screen(WhatIfScreen(self.session.journal_path, self.t.lang))

    def action_tab(self, tab: str) -> None:
        self.query_one(TabbedContent).active = tab  # TabActivated then syncs the pane

    def action_keys(self) -> None:
        self.push_screen(KeysScreen())

    def action_quit_console(self) -> None:
        """Quit. Serving participants, ask first: quitting stops the server for
        everyone (the journal keeps everything, and --resume continues)."""
        if self.server is None:
            self._quit()
            return
        if isinstance(self.screen, ConfirmForm):
            return            # already asking
        g = translator(self.t.lang)
        self.push_screen(ConfirmForm(self.session, self.t, g.gettext("Stop the exercise server"),
                                     g.gettext("Stop the server? Every participant is disconnected; the journal "
                                               "keeps everything and simex serve --resume continues.")),
                         lambda value: self._quit() if value else None)

    def _quit(self) -> None:
        self.session.close()
        self.exit()

    async def on_unmount(self) -> None:
        if self._collecting:
            collector.console_stopped()
        if self.server is not None:
            await self.server.stop()

    def action_room_view(self) -> None:
        """The console on the room's projector: ground truth off (and back on)."""
        timeline = self.query_one(Timeline)
        timeline.show_truth(not timeline.controller, self.session.events)
        self.notify(self.t.gettext("Controller view: ground truth shown") if timeline.controller
                    else self.t.gettext("Room view: ground truth hidden"))

    def action_questionnaires(self) -> None:
        from simex.tui.questionnaire_control import QuestionnaireControl

        self.push_screen(QuestionnaireControl(self.session, self.t, self.feedback_form))

    def action_codes(self) -> None:
        if self.server is None:
            self.notify(self.t.gettext("Join codes exist only when serving: simex serve"), severity="warning")
            return
        self.push_screen(CodesScreen(self.server, self.t))

    # --- reacting to widgets ------------------------------------------------------------------

    def on_tabbed_content_tab_activated(self) -> None:
        self.sync()

    def on_select_changed(self, event: Select.Changed) -> None:
        if event.select.id not in ("filter-agency", "filter-kind"):
            return
        value = lambda sel: None if sel.value is Select.NULL else sel.value
        self.query_one(Timeline).set_filter(value(self.query_one("#filter-agency", Select)),
                                            value(self.query_one("#filter-kind", Select)))

    def on_timeline_opened(self, message: Timeline.Opened) -> None:
        event = self.session.events[message.index]
        controller = self.query_one(Timeline).controller
        text = event_details(event, self.narrator.timeline_line(event, controller=controller), self.t.lang,
                             controller)
        self.push_screen(DetailScreen(text))


def make_app(session, lang: str = "en", **kwargs) -> FacilitatorApp:
    """The one way screens, tests and snapshots build the console."""
    return FacilitatorApp(session, lang=lang, **kwargs)
