"""The consoles of people who join an exercise over the network: a
participant playing one agency, an evaluator, an observer.

They talk only to a RemoteSession (simex.net.client), never to the engine:
what is on screen is what the server sent this role, and every change is a
command the server checks. RemoteSession calls `on_change` from its network
task for every frame; the console only sets a dirty flag there and redraws
from a 0.1 s timer, so a burst of events costs one redraw, not one per frame.
A refused command or a lost connection is a notification or a header state,
never a crash; RemoteSession reconnects and catches up by itself.
"""
from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.css.query import NoMatches
from textual.widgets import Select, Static

from simex.durations import format_clock
from simex.narrate import Narrator
from simex.reasons import in_language, shown
from simex.net.client import Refused
from simex.scenario.text import tr
from simex.tui.details import event_details
from simex.tui.direction import Footer, mirror_app, mirrored, reverse_rows
from simex.tui.keys import KEYS, KeysScreen
from simex.tui.forms import DetailScreen
from simex.tui.i18n import Localised, Translator, status_words
from simex.tui.inbox import Digest
from simex.tui.participant_forms import EvaluatorObservationForm, RatingForm
from simex.tui.script import install as shape_arabic
from simex.tui.timeline import Timeline


class RemoteConsole(Localised, App):
    """What every remote console shares: header, timeline, batched redraws, sending."""

    CSS_PATH = ["participant.tcss", "rtl.tcss"]
    TITLE = "simex"
    BINDINGS = [KEYS]    # first in every remote console's footer: it lists the keys the footer cannot

    def __init__(self, remote, lang: str = "en", redraw_seconds: float | None = 0.1):
        super().__init__()
        # Calm: no sliding tabs or smooth scrolling; a key press settles in one frame.
        self.animation_level = "none"
        self.remote = remote
        self.t = Translator(lang)
        self.translate_bindings()
        shape_arabic()
        mirror_app(self, lang)
        self.redraw_seconds = redraw_seconds
        self.digest = Digest(agency=remote.role.get("agency", "") if self.kind == "participant" else "", lang=lang,
                             titles=remote.view.get("clocks", {}))
        self.seen = 0            # client events already handed to the timeline
        self.dirty = True
        previous = remote.on_change

        def changed() -> None:   # runs in the network task: flag only, no widget work
            previous()
            self.dirty = True
        remote.on_change = changed

    @property
    def kind(self) -> str:
        return self.remote.role.get("kind", "observer")

    @property
    def lang(self) -> str:
        return self.t.lang

    @property
    def controller(self) -> bool:
        """Only an evaluator sees ground truth; any other console may be on the room's screen."""
        return self.kind == "evaluator"

    @property
    def narrator(self) -> Narrator:
        """Sentences from what the server told this role (its agency's actions; all for an evaluator)."""
        if getattr(self, "_narrator", None) is None:
            self._narrator = Narrator.for_view(self.remote.view, self.lang)
        return self._narrator

    @property
    def main(self):
        """The console's own screen. App.query_one asks the active screen, which is
        a dialog while one is open; the redraw timer keeps running under it."""
        return self.screen_stack[0]

    # --- drawing ---------------------------------------------------------------------

    def on_mount(self) -> None:
        self.title = f"simex — {tr(self.remote.view.get('exercise', {}).get('title'), self.lang)}"
        if mirrored(self):
            reverse_rows(self.screen)
        self.redraw()
        if self.redraw_seconds:
            self.set_interval(self.redraw_seconds, self._tick)

    def _tick(self) -> None:
        if not self.screen_stack:
            return          # the console is closing: the timer fired after its screens went
        # While disconnected the header is redrawn every tick: a final refusal
        # (revoked code) ends the client without calling on_change.
        if self.dirty or not self.remote.connected:
            try:
                self.redraw()
            except NoMatches:
                pass        # the console is closing: its widgets are already gone

    def redraw(self) -> None:
        self.dirty = False
        events = self.remote.events
        if len(events) > self.seen:
            self.main.query_one(Timeline).append([e for _, e in events[self.seen:]], self.seen)
            self.seen = len(events)
        self.digest.feed(events)
        self.main.query_one("#header", Static).update(self.header_text())
        self.redraw_panes()
        self.tell_notice()

    def tell_notice(self) -> None:
        """Why the server let this screen go (a laptop that slept), told once
        per rejoin: the console rejoined by itself, the person should know why."""
        notice = self.remote.notice
        if notice and notice is not getattr(self, "_told", None):
            self._told = notice
            why = shown(notice, getattr(self.remote, "notice_reason", None), self.lang)
            self.notify(self.t.gettext("rejoined: {why}").format(why=why), severity="warning", timeout=15)

    def redraw_panes(self) -> None:
        """Role-specific panes; the base console has only the timeline."""

    def binding_words(self) -> dict[str, str]:
        t = self.t
        return {"message": t.gettext("Message"), "act": t.gettext("Action"), "decide": t.gettext("Decision"),
                "transfer": t.pgettext("action", "Evidence"), "acknowledge": t.gettext("Acknowledge"),
                "observe": t.gettext("Observation"), "rate": t.gettext("Rate"), "quit_console": t.gettext("Quit"),
                "report_note": t.pgettext("key", "Report"),
                "keys": t.gettext("Keys"), "questionnaire": t.gettext("Questionnaire"),
                "tab('inbox')": t.pgettext("tab", "Inbox"), "tab('timeline')": t.pgettext("tab", "Timeline"),
                "tab('tasks')": t.pgettext("tab", "Tasks"), "tab('msel')": t.pgettext("tab", "MSEL"),
                "tab('scoring')": t.pgettext("tab", "Scoring")}

    def who(self) -> str:
        name = self.remote.role.get("name", "")
        if self.kind == "observer":
            return self.t.gettext("observer {name}  (read-only)").format(name=name)
        return self.t.gettext("evaluator {name}").format(name=name)

    def zones(self) -> list[dict]:
        return self.remote.view.get("jurisdictions", [])

    def header_text(self) -> str:
        r, t = self.remote, self.t
        exercise = r.view.get("exercise", {})
        link = "● " + t.gettext("connected") if r.connected else "○ " + t.gettext("reconnecting…").upper()
        gave_up = self.gave_up()
        if gave_up:
            link = "✕ " + t.gettext("disconnected").upper() + ": " + gave_up
        clock = ""
        if exercise.get("startex"):
            at = datetime.fromisoformat(exercise["startex"]) + timedelta(seconds=r.now)
            clock = "  ".join(f"{j['id']} {_local(at, j['timezone'])}" for j in self.zones())
        # Who you are first: the exercise title is long and is cut at 80 columns.
        return (f"{self.who()} — {tr(exercise.get('title'), self.lang)}\n"
                f"{link}  {status_words(t).get(r.status, r.status).upper()}  {format_clock(r.now)}  ×{r.speed:g}  │ {clock}")

    def gave_up(self) -> str:
        """Why the client stopped reconnecting (a revoked code), or ''."""
        error = self.remote.stopped_by
        return in_language(error, self.lang) if error else ""

    # --- commands ------------------------------------------------------------------------

    def submit(self, kind: str, fields: dict, done: str) -> None:
        """Send in a worker: the screen stays live while the server answers."""
        self.run_worker(self._send(kind, fields, done), group="commands", exit_on_error=False)

    async def _send(self, kind: str, fields: dict, done: str) -> None:
        try:
            await self.remote.send(kind, **fields)
        except Refused as exc:
            self.notify(in_language(exc, self.t.lang), severity="error", timeout=8)
            return
        except Exception as exc:   # noqa: BLE001 - a network hiccup must not end the console
            self.notify(self.t.gettext("not sent: {error}").format(error=exc or type(exc).__name__),
                        severity="error", timeout=8)
            return
        self.notify(done)
        self.dirty = True

    def ask(self, form_class, title: str, kind: str, done: str) -> None:
        """A form that sends its command itself and closes once the server has
        it: refused, it stays open with the reason and the draft."""
        form = form_class(self.remote, self.t, title, self.digest)
        form.sends = (kind, done)
        self.push_screen(form)

    # --- reacting ------------------------------------------------------------------------

    def on_timeline_opened(self, message: Timeline.Opened) -> None:
        _, event = self.remote.events[message.index]
        line = self.narrator.timeline_line(event, controller=self.controller)
        self.push_screen(DetailScreen(event_details(event, line, self.lang, self.controller)))

    def action_keys(self) -> None:
        self.push_screen(KeysScreen())

    def action_quit_console(self) -> None:
        self.exit()


def _local(at: datetime, zone: str) -> str:
    """Wall-clock time in a zone; a laptop without time-zone data (Windows
    without the tzdata package) shows --:-- rather than losing the console."""
    try:
        return f"{at.astimezone(ZoneInfo(zone)):%H:%M}"
    except (ZoneInfoNotFoundError, ValueError):
        return "--:--"


# Each console lists it last, so the footer reads left to right: what you do, then leave.
# (Textual merges BINDINGS along the class hierarchy, base class first.)
QUIT = Binding("q", "quit_console", "Quit")


class TimelineConsole(RemoteConsole):
    """The whole exercise as one timeline, with the facilitator's agency filter:
    an evaluator usually follows one agency at a time."""

    def compose(self) -> ComposeResult:
        yield Static(id="header")
        agencies = [(f"{a['id']} — {tr(a['name'], self.lang)}", a["id"]) for a in self.remote.view.get("agencies", [])]
        yield Select(agencies, prompt=self.t.gettext("all agencies"), id="filter-agency")
        yield Timeline(self.lang, narrator=self.narrator, controller=self.controller, id="timeline-view")
        yield Footer()

    def on_ready(self) -> None:
        self.main.query_one(Timeline).focus()

    def on_select_changed(self, event: Select.Changed) -> None:
        if event.select.id == "filter-agency":
            agency = None if event.value is Select.NULL else event.value
            self.main.query_one(Timeline).set_filter(agency, None)


class ObserverConsole(TimelineConsole):
    """Watches play: the timeline and nothing that changes the exercise."""

    BINDINGS = [QUIT]


class EvaluatorConsole(TimelineConsole):
    """Everything that happens, ground truth included, plus observations,
    ratings and what the evaluator writes in the after-action report."""

    BINDINGS = [Binding("o", "observe", "Observation"), Binding("r", "rate", "Rate"),
                Binding("w", "report_note", "Report"), QUIT]

    _scenario = None

    @property
    def scenario(self):
        """The complete scenario the server sent this evaluator, as the engine reads it."""
        if self._scenario is None:
            from simex.scenario.model import Scenario

            self._scenario = Scenario.model_validate(self.remote.view["scenario"])
        return self._scenario

    def action_report_note(self) -> None:
        """Write in the after-action report (an overview field, the conclusion,
        an area's root cause) under the name the join code gave, seeing first
        what the report says now."""
        from simex.scoring import evaluate
        from simex.tui.report_notes import RemoteReportNoteForm

        events = [e for _, e in self.remote.events]
        evaluation = evaluate(self.scenario, events, self.lang, now=self.remote.now)
        form = RemoteReportNoteForm(self.remote, self.t, self.t.gettext("Write in the report"), evaluation,
                                    events=events, scenario=self.scenario, author=self.remote.role.get("name", ""))
        form.sends = ("record_annotation", self.t.gettext("Written in the report"))
        self.push_screen(form)

    def action_observe(self) -> None:
        self.ask(EvaluatorObservationForm, self.t.gettext("Observation"), "record_observation",
                 self.t.gettext("Observation recorded"))

    def action_rate(self) -> None:
        self.ask(RatingForm, self.t.gettext("Rate"), "record_rating", self.t.gettext("Rating recorded"))


def make_participant_app(remote, lang: str = "en", **kwargs) -> RemoteConsole:
    """The console for the role the join code gave (call after `await remote.join()`)."""
    from simex.tui.agency import AgencyConsole
    from simex.tui.evaluator import EvaluatorConsole

    consoles = {"participant": AgencyConsole, "evaluator": EvaluatorConsole, "observer": ObserverConsole}
    return consoles.get(remote.role.get("kind"), ObserverConsole)(remote, lang=lang, **kwargs)
