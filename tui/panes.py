"""The facilitator's views of the exercise: MSEL, agency board, communications
and live scoring. Each pane reads the session and redraws itself; none of
them changes the exercise (commands go through the app's actions)."""
from __future__ import annotations

from collections import Counter

from rich.cells import cell_len
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import DataTable, Static

from simex import events as ev
from simex.durations import format_clock
from simex.localized import duration
from simex.narrate import Narrator
from simex.scenario.text import tr
from simex.tui.direction import Table
from simex.tui.i18n import medium_words, status_words
from simex.tui.rowtable import RowTable
from simex.tui.scorekeeper import ScoreKeeper
from simex.languages import is_right_to_left
from simex.tui.script import clip, column_width, read_from_the_right


class Pane(Vertical):
    """A tab's content; `update_from` is called when new events arrive."""

    def __init__(self, session, t, **kwargs):
        super().__init__(**kwargs)
        self.session = session
        self.t = t

    @property
    def lang(self) -> str:
        return self.t.lang

    def update_from(self) -> None:  # pragma: no cover - each pane overrides
        raise NotImplementedError


STATUS_STYLE = {"pending": "", "delivered": "bold", "acknowledged": "green", "skipped": "dim strike"}


def recipients(to, width: int) -> str:
    """Every recipient if they fit, else the first ones and how many more
    ("customs, regulator +1"): never a name cut so that one seems missing."""
    to = list(to)
    for shown in range(len(to), 0, -1):
        text = ", ".join(to[:shown]) + (f" +{len(to) - shown}" if shown < len(to) else "")
        if len(text) <= width:
            return text
    return clip(f"{to[0]} +{len(to) - 1}" if len(to) > 1 else to[0], width) if to else ""


class MselPane(Pane):
    TO_WIDTH = 26     # three agency ids side by side ("customs, regulator, police")

    def compose(self) -> ComposeResult:
        t = self.t
        table = Table(lang=t.lang, id="msel-table", cursor_type="row", zebra_stripes=True)
        self._statuses = {k: v for k, v in status_words(t).items() if k in STATUS_STYLE}
        # Translators: in the time column, for an inject sent when a condition is met rather than at a time.
        self._triggered = t.pgettext("inject time", "triggered")
        columns = ((t.pgettext("column", "time"), "time", max(10, cell_len(self._triggered))),
                   (t.pgettext("column", "inject"), "id", 8), (t.pgettext("column", "to"), "to", self.TO_WIDTH),
                   (t.pgettext("column", "status"), "status", max(12, *(cell_len(w) for w in self._statuses.values()))),
                   (t.pgettext("column", "synopsis"), "synopsis", 70))
        for label, key, width in columns:
            table.add_column(label, key=key, width=column_width(label, width))
        yield table
        yield Static(id="msel-detail")

    def on_mount(self) -> None:
        self._shown: dict[str, str] = {}
        self.update_from()

    def _when(self, state) -> str:
        if state.at is None:
            return self._triggered
        return format_clock(state.at)[1:]

    def update_from(self) -> None:
        table = self.query_one("#msel-table", DataTable)
        states = self.session.exercise.msel.states
        ordered = sorted(states.items(), key=lambda kv: (kv[1].at is None, kv[1].at or 0, kv[0]))
        for inject_id, state in ordered:
            status = Text(self._statuses.get(state.status, state.status), style=STATUS_STYLE.get(state.status, ""))
            when = self._when(state)
            signature = f"{state.status}|{when}"
            if inject_id not in self._shown:
                inject = state.inject
                synopsis = tr(inject.synopsis, self.lang) if inject else self._adhoc_synopsis(inject_id)
                to = inject.to if inject else self._adhoc_to(inject_id)
                table.add_row(when, inject_id, recipients(to, self.TO_WIDTH), status, clip(synopsis, 70),
                              key=inject_id)
            elif self._shown[inject_id] != signature:
                table.update_cell(inject_id, "status", status)
                table.update_cell(inject_id, "time", when)
            self._shown[inject_id] = signature
        self.show_detail(self.selected())

    def _adhoc_event(self, inject_id: str):
        return next((e for e in reversed(self.session.events)
                     if isinstance(e, ev.InjectDelivered) and e.inject == inject_id), None)

    def _adhoc_synopsis(self, inject_id: str) -> str:
        event = self._adhoc_event(inject_id)
        return event.synopsis if event else ""

    def _adhoc_to(self, inject_id: str) -> tuple[str, ...]:
        event = self._adhoc_event(inject_id)
        return tuple(event.to) if event else ()

    def selected(self) -> str | None:
        table = self.query_one("#msel-table", DataTable)
        if table.row_count == 0:
            return None
        return table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value

    def on_data_table_row_highlighted(self, message: DataTable.RowHighlighted) -> None:
        self.show_detail(message.row_key.value if message.row_key else None)

    def show_detail(self, inject_id: str | None) -> None:
        text, detail = self._detail(inject_id), self.query_one("#msel-detail", Static)
        if detail.content != text:    # each sync asks; redraw only a change
            detail.update(text)

    def _detail(self, inject_id: str | None) -> Text:
        state = self.session.exercise.msel.states.get(inject_id) if inject_id else None
        if state is None or state.inject is None:
            event = self._adhoc_event(inject_id) if inject_id else None
            return Text(event.text if event else "")
        inject = state.inject
        text = Text()
        via = medium_words(self.t).get(inject.via, inject.via)
        text.append(f"{inject.id} · {via} · {inject.from_} → {', '.join(inject.to)}\n", style="bold")
        text.append(tr(inject.text, self.lang) + "\n")
        if inject.expected_actions:
            text.append(self.t.gettext("Expected player actions:") + " ", style="italic")
            text.append("; ".join(tr(a, self.lang) for a in inject.expected_actions) + "\n")
        if inject.notes:
            text.append(self.t.gettext("Controller notes (never shown to players):") + " ", style="bold magenta")
            text.append(inject.notes)
        return text


class AgencyBoard(Pane):
    def compose(self) -> ComposeResult:
        t = self.t
        table = Table(lang=t.lang, id="agency-table", cursor_type="row", zebra_stripes=True)
        self._who = {"bot": t.gettext("simulated"), "person": t.gettext("person")}
        for label, width in ((t.pgettext("column", "agency"), 14),
                             (t.pgettext("column", "played by"), max(10, *(cell_len(w) for w in self._who.values()))),
                             (t.pgettext("column", "open items"), 10), (t.pgettext("column", "sent"), 5),
                             (t.pgettext("column", "received"), 8), (t.pgettext("column", "last action"), 40)):
            table.add_column(label, width=column_width(label, width))
        yield table

    def on_mount(self) -> None:
        # Counted as events arrive (a tab switch on a long exercise reads none again).
        self._read = 0
        self._narrator = Narrator(self.session.scenario, self.lang)
        self._last: dict[str, str] = {}
        self._sent, self._received = Counter(), Counter()
        self._shown: list[tuple] | None = None
        self.update_from()

    def update_from(self) -> None:
        session = self.session
        bots = set(session.exercise.bot_agencies)
        narrator, last, sent, received = self._narrator, self._last, self._sent, self._received
        events = session.events
        for event in events[self._read:]:
            if isinstance(event, (ev.ActionTaken, ev.DecisionRecorded)):
                what = narrator.action_title(event) if isinstance(event, ev.ActionTaken) else event.decision
                last[event.agency] = clip(f"{format_clock(event.t)[1:]} {what}", 40)
            elif isinstance(event, ev.MessageSent):
                sent[event.sender] += 1
            elif isinstance(event, ev.MessageDelivered):
                received[event.recipient] += 1
        self._read = len(events)
        unacked = Counter()
        for state in session.exercise.msel.states.values():
            if state.status == "delivered" and state.inject is not None:
                for agency in state.inject.to:
                    if agency not in state.acknowledged_by:
                        unacked[agency] += 1
        open_items = Counter(i.expectation.who for i in session.exercise.tracker.instances if i.open)
        rows = []
        for agency in session.scenario.agencies:
            who = self._who["bot" if agency.id in bots else "person"]
            pending = open_items[agency.id] + unacked[agency.id]
            rows.append((clip(agency.id, 14), who, str(pending) if pending else "", str(sent[agency.id] or ""),
                         str(received[agency.id] or ""), last.get(agency.id, ""), agency.id))
        if rows == self._shown:
            return                  # nothing to redraw
        self._shown = rows
        table = self.query_one("#agency-table", DataTable)
        table.clear()
        for *cells, key in rows:
            table.add_row(*cells, key=key)


class CommsPane(Pane):
    """Expected channels and doctrine notifications against messages actually sent."""

    def compose(self) -> ComposeResult:
        t = self.t
        table = Table(lang=t.lang, id="comms-table", cursor_type="row", zebra_stripes=True)
        for label, width in ((t.pgettext("column", "from"), 12), (t.pgettext("column", "to"), 12),
                             (t.pgettext("column", "channel"), 24), (t.pgettext("column", "messages"), 8),
                             (t.pgettext("column", "status"), 30)):
            table.add_column(label, width=column_width(label, width))
        yield table

    def on_mount(self) -> None:
        self._read = 0
        self._used: Counter = Counter()     # (sender, recipient) -> messages, counted as events arrive
        self._shown: list[tuple] | None = None
        self.update_from()

    def update_from(self) -> None:
        scenario, events = self.session.scenario, self.session.events
        used = self._used
        used.update((e.sender, e.recipient) for e in events[self._read:] if isinstance(e, ev.MessageSent))
        self._read = len(events)
        required = {(x.who, x.notify) for x in scenario.doctrine if x.notify}
        opened = {i.expectation.id for i in self.session.exercise.tracker.instances}
        due_now = {(x.who, x.notify) for x in scenario.doctrine if x.notify and x.id in opened}
        rows = []
        channels: dict[tuple[str, str], list[str]] = {}
        for ch in scenario.channels:
            a, b = ch.between
            channels.setdefault((a, b), []).append(ch.medium)
            if not ch.one_way:
                channels.setdefault((b, a), []).append(ch.medium)
        words = medium_words(self.t)
        for (a, b), media in sorted(channels.items()):
            n = used[(a, b)]
            t = self.t
            if n:
                status = Text(t.pgettext("channel", "used"), style="green")
            elif (a, b) in due_now:
                status = Text(t.gettext("MISSING (required)"), style="bold red")
            elif (a, b) in required:
                status = Text(t.gettext("not used yet (required)"), style="yellow")
            else:
                status = Text(t.gettext("not used yet"), style="dim")
            rows.append((clip(a, 12), clip(b, 12), clip(", ".join(sorted({words.get(m, m) for m in media})), 24), str(n or ""), status))
        for (a, b), n in sorted(used.items()):
            if (a, b) not in channels:
                rows.append((clip(a, 12), clip(b, 12), "—", str(n), Text(self.t.gettext("unexpected"), style="magenta")))
        if rows == self._shown:
            return                  # nothing to redraw
        self._shown = rows
        table = self.query_one("#comms-table", DataTable)
        table.clear()
        table.add_rows(rows)


class ScoringPane(Pane):
    """Expectations open / on time / late / missed, with countdowns, and the
    P/S/M/U rating per objective. A long exercise has thousands of
    expectation instances: a worker thread keeps the score up to date from
    the events that arrived since its last turn (tui/scorekeeper.py: one
    computation at a time, the newest asked wins), words only the rows that
    changed (and the countdowns), rates the objectives from that score, and
    hands the rows to a table that draws only those on screen. Neither a
    tick nor a key waits for it."""

    STYLES = {"on_time": "green", "late": "yellow", "missed": "bold red", "open": "", "overdue": "bold red"}

    def marks(self) -> dict[str, str]:
        t = self.t
        return {"on_time": t.pgettext("expectation", "on time"), "late": t.pgettext("expectation", "late"),
                "missed": t.pgettext("expectation", "missed"), "open": t.pgettext("expectation", "open"),
                "overdue": t.pgettext("expectation", "overdue")}

    def compose(self) -> ComposeResult:
        t = self.t
        self._marks = self.marks()
        yield Static(id="score-summary")
        yield Static(id="eeg-summary")
        yield RowTable([(key, label, column_width(label, width)) for key, label, width in (
            ("expectation", t.pgettext("column", "expectation"), 20), ("who", t.pgettext("column", "who"), 10),
            ("status", t.pgettext("column", "status"), max(9, *(cell_len(w) for w in self._marks.values()))),
            ("due", t.pgettext("column", "due"), 20), ("why", "", 120))],
            right_to_left=is_right_to_left(self.lang), id="score-table")

    def on_mount(self) -> None:
        self._keeper = ScoreKeeper(self.session.scenario, self.lang, self._compute)
        self._right_to_left = is_right_to_left(self.lang)
        self._rows: dict[str, tuple] = {}
        self._scored: tuple | None = None   # (events, now, status) of the latest score asked
        self._eeg_seen: tuple | None = None  # the same, for the ratings (computed with the score)
        self._eeg_timer = None               # no refresh is ever held back for later
        self.update_from()

    def _row(self, r, now: float) -> tuple:
        label, style = self._marks[r.status], self.STYLES[r.status]
        if r.status in ("open", "overdue"):
            # In the reader's units (CLDR): in Arabic "4 د 38 ث", which reads
            # from the right with the sentence around it.
            left = r.due - now
            due = (self.t.gettext("due in {time}").format(time=duration(left, self.lang)) if left >= 0
                   else self.t.gettext("overdue by {time}").format(time=duration(-left, self.lang)))
            style = "bold red" if left < 0 else ("yellow" if left < 300 else "")
        else:
            due = format_clock(r.due)[1:]
        why = f"{r.title} — {r.why}"
        if self._right_to_left:
            due, why = read_from_the_right(due), read_from_the_right(why)
        # Uncut: the table cuts a cell to its column when it draws it, and it
        # draws only the rows on screen. Cutting here measured every character
        # of every row a tick changed (about 0.1 ms each, 300 rows a tick).
        return (r.instance, r.who, Text(label, style=style), due, why)

    def update_from(self) -> None:
        # The score is a function of the events, the clock and the status: with
        # none of them changed (a tab switch, a key), the rows shown are current.
        state = (len(self.session.events), self.session.now, self.session.status)
        if state == self._scored:
            return
        self._scored = self._eeg_seen = state
        events = list(self.session.events)   # append-only list: a snapshot is a copy of references
        self._keeper.ask(self, events, self.session.now)

    def _compute(self, events, now: float, result, changed: set) -> None:
        """In the keeper's worker thread, with the score brought up to date:
        the rows that differ from those shown, and the ratings."""
        from simex.scoring.eeg import eeg

        # Countdowns ("due in 4m") follow the clock even when the result did not move.
        rows = [(r.instance, self._row(r, now)) for r in result.results
                if r.instance in changed or r.status in ("open", "overdue")]
        # `now`: an expectation past its deadline counts as soon as it is overdue.
        parts = [f"{o.id} {o.rating.final or '–'}{'*' if o.rating.source == 'suggested' else ''}"
                 for o in eeg(self.session.scenario, events, result, self.lang)]
        ratings = "P/S/M/U: " + "  ".join(parts) + "   " + self.t.gettext("(* suggested by simex; r: rate)")
        self.app.call_from_thread(self._show, rows, result.totals(), ratings)

    def _show(self, rows: list[tuple[str, tuple]], t: dict, ratings: str) -> None:
        if not self.is_attached:
            return          # the console closed while the score was worked out
        table = self.query_one("#score-table", RowTable)
        new_rows, changed_rows = [], []
        for key, row in rows:
            previous = self._rows.get(key)
            if previous is None:
                new_rows.append((key, row))
            elif previous != row:
                changed_rows.append((key, row))
            self._rows[key] = row
        if changed_rows:
            table.update_rows(changed_rows)
        if new_rows:
            table.add_rows(new_rows)
        marks = self._marks
        # One line each, fixed in facilitator.tcss: new words need no new layout.
        self.query_one("#score-summary", Static).update(Text(" · ".join(
            f"{marks[key]} {t[key]}" for key in ("on_time", "late", "missed", "overdue", "open"))), layout=False)
        self.query_one("#eeg-summary", Static).update(ratings, layout=False)
