"""The participant console: one agency's inbox, timeline and tasks.

Inbox 1: injects and messages delivered to the agency, newest first; ● marks
unread (read state is kept on this laptop only), Enter opens an item and
marks it read, `k` acknowledges the selected inject. Timeline 2: everything
the agency has seen. Tasks 3: legal clocks it owns with their deadlines,
injects still to acknowledge, the evidence it holds.
"""
from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import DataTable, Static, TabbedContent, TabPane

from simex.durations import format_clock
from simex.scenario.text import tr
from simex.languages import translator
from simex.tui.attachments import AttachmentScreen, attachment_lines
from simex.tui.questionnaire import (
    QuestionnaireForm, open_questionnaires, remember_code, remembered_code, title_of,
)
from simex.tui.direction import Footer, Table
from simex.tui.forms import DetailScreen
from simex.tui.i18n import classification_words, medium_words
from simex.tui.inbox import agency_name, inject_text, task_line
from simex.tui.participant import QUIT, RemoteConsole
from simex.tui.participant_forms import ActionForm, DecisionForm, MessageForm, SendsItself, TransferForm
from simex.tui.script import clip, column_width
from simex.tui.timeline import Timeline


class SentQuestionnaireForm(SendsItself, QuestionnaireForm):
    """The questionnaire at a participant's laptop: sent by the form itself, so
    answers refused while disconnected stay on screen to send again."""


class AgencyConsole(RemoteConsole):
    BINDINGS = [
        Binding("m", "message", "Message"),
        Binding("a", "act", "Action"),
        Binding("d", "decide", "Decision"),
        Binding("t", "transfer", "Evidence"),
        Binding("k", "acknowledge", "Acknowledge"),
        Binding("f", "questionnaire", "Questionnaire"),
        Binding("1", "tab('inbox')", "Inbox", show=False), Binding("2", "tab('timeline')", "Timeline", show=False),
        Binding("3", "tab('tasks')", "Tasks", show=False),
        QUIT,
    ]

    def __init__(self, remote, lang: str = "en", **kwargs):
        super().__init__(remote, lang=lang, **kwargs)
        self._inbox_version = -1
        self._answered: set[str] = set()      # questionnaires answered at this screen
        self._waiting = False                 # one is open and not answered here yet

    @property
    def me(self) -> str:
        return self.remote.role.get("agency", "")

    def who(self) -> str:
        return agency_name(self.remote.view, self.me, self.lang)

    def header_text(self) -> str:
        # The unread count lives here, not in the tab label: relabelling a tab
        # re-measures the tab bar a frame late (a lagging underline).
        unread = self.digest.unread()
        if not unread:
            return super().header_text() + self.questionnaire_hint()
        return (super().header_text() + "  │ " + self.t.ngettext("{n} unread", "{n} unread", unread).format(n=unread)
                + self.questionnaire_hint())

    # --- questionnaires (simex.tui.questionnaire) ---------------------------------------------

    def open_questionnaires(self) -> dict:
        return open_questionnaires(e for _, e in self.remote.events)

    def questionnaire_hint(self) -> str:
        """Told in the header while a test, the hot wash or a poll waits for answers here."""
        waiting = any(q not in self._answered for q in self.open_questionnaires())
        if waiting != self._waiting:
            self._waiting = waiting
            self.refresh_bindings()      # `f` in the footer only while there is something to answer
        if not waiting:
            return ""
        return "  │ ✎ " + translator(self.lang).gettext("questionnaire open: press f")

    def check_action(self, action: str, parameters) -> bool | None:
        if action == "questionnaire":
            return self._waiting
        return super().check_action(action, parameters)

    def action_questionnaire(self) -> None:
        g = translator(self.lang)
        opened = list(self.open_questionnaires().values())
        if not opened:
            self.notify(g.gettext("No questionnaire is open"), severity="warning")
            return
        latest = opened[-1]
        folder = getattr(getattr(self.remote, "media", None), "folder", None)
        folder = folder.parent if folder is not None else None

        def answered(value):
            if value:      # the server has it (a refusal keeps the form open, with the answers)
                remember_code(folder, value["person"])
                self._answered.add(latest.questionnaire)
        form = SentQuestionnaireForm(self.remote, self.t, title_of(latest, self.lang), latest,
                                     remembered_code(folder), agency=self.me)
        form.sends = ("answer_questionnaire", g.gettext("Answers sent"))
        self.push_screen(form, answered)

    def zones(self) -> list[dict]:
        """Local time where the agency works (the time its duty officers live by)."""
        mine = next((a for a in self.remote.view.get("agencies", []) if a["id"] == self.me), {})
        return [j for j in self.remote.view.get("jurisdictions", []) if j["id"] == mine.get("jurisdiction")]

    def compose(self) -> ComposeResult:
        t = self.t
        yield Static(id="header")
        with TabbedContent(initial="inbox"):
            with TabPane(t.pgettext("tab", "Inbox") + " 1", id="inbox"):
                table = Table(lang=t.lang, id="inbox-table", cursor_type="row", zebra_stripes=True)
                table.add_column(" ", key="mark", width=2)
                self._markings = {**classification_words(t), "inject": t.pgettext("inbox item", "inject")}
                self._media = medium_words(t)
                for label, key, width in ((t.pgettext("column", "time"), "time", 10),
                                          (t.pgettext("column", "from"), "from", 12),
                                          (t.pgettext("column", "type"), "marking", 12),
                                          (t.pgettext("column", "subject"), "subject", 60)):
                    table.add_column(label, key=key, width=column_width(label, width))
                yield table
            with TabPane(t.pgettext("tab", "Timeline") + " 2", id="timeline"):
                yield Timeline(self.lang, narrator=self.narrator, id="timeline-view")
            with TabPane(t.pgettext("tab", "Tasks") + " 3", id="tasks"):
                with VerticalScroll():
                    yield Static(id="tasks-text", markup=False)
        yield Footer()

    def on_ready(self) -> None:
        self.main.query_one("#inbox-table", DataTable).focus()

    # --- drawing -----------------------------------------------------------------------

    def redraw_panes(self) -> None:
        if self.digest.version != self._inbox_version:
            self._inbox_version = self.digest.version
            self._draw_inbox()
        self._draw_tasks()      # deadlines count down with the clock: cheap, so always

    def _draw_inbox(self) -> None:
        table = self.main.query_one("#inbox-table", DataTable)
        selected = self.selected_key()
        table.clear()
        for item in self.digest.inbox():
            unread = item.key not in self.digest.read
            mark = ("●" if unread else " ") + ("✓" if item.acknowledged else " ")
            # A message shows its classification marking; an inject is marked as one.
            kind = (self._markings.get(item.marking, item.marking).upper() if item.kind == "message"
                    else self._markings["inject"])
            table.add_row(mark, format_clock(item.t), clip(item.sender, 12), clip(kind, 12),
                          Text(clip(item.subject, 60), style="bold" if unread else ""), key=item.key)
        if selected is not None and selected in table.rows:
            table.move_cursor(row=table.get_row_index(selected), animate=False)

    def _draw_tasks(self) -> None:
        t, now = self.t, self.remote.now
        nothing = "  " + t.gettext("nothing")
        lines = [t.gettext("Open tasks").upper()]
        lines += [task_line(task, now, t) for task in self.digest.tasks()] or [nothing]
        lines += ["", t.gettext("Evidence you hold").upper()]
        held = self.remote.view.get("evidence", [])
        lines += [f"  {item['id']}  {tr(item.get('description'), self.lang)}" for item in held] or [nothing]
        # A Text, not a str: markup-free and with the indentation kept.
        self.main.query_one("#tasks-text", Static).update(Text("\n".join(lines)))

    # --- the inbox ------------------------------------------------------------------------

    def selected_key(self) -> str | None:
        table = self.main.query_one("#inbox-table", DataTable)
        if not table.row_count:
            return None
        return table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value

    def on_data_table_row_selected(self, message: DataTable.RowSelected) -> None:
        key = message.row_key.value
        item = self.digest.items.get(key)
        if item is None:
            return
        self.digest.mark_read(key)
        self.dirty = True
        _, event = self.remote.events[item.index]
        if item.kind != "message" and event.attachments:
            self.push_screen(AttachmentScreen(self.item_text(item), event, getattr(self.remote, "media", None), self.lang))
        else:
            self.push_screen(DetailScreen(self.item_text(item)))

    def item_text(self, item) -> str:
        """An inject or message as the agency reads it, in its language, with marking and attachments."""
        t = self.t
        _, event = self.remote.events[item.index]
        if item.kind == "message":
            marking = self._markings.get(item.marking, item.marking).upper()
            facts = ", ".join(self.narrator.fact(k, v) for k, v in event.facts.items())
            how = self._media.get(self.narrator.channels.get(event.channel, ""), event.channel)
            sent = t.gettext("{time}  from {sender} · {medium}").format(
                time=format_clock(event.t), sender=self.narrator.a(event.sender), medium=how)
            return (f"{marking}\n\n{sent}\n" + t.gettext("Subject: {subject}").format(subject=event.subject)
                    + ("\n" + t.gettext("Concerning: {facts}").format(facts=facts) if facts else "")
                    + (f"\n\n{event.body}" if event.body else "") + f"\n\n{marking}")
        synopsis, text = inject_text(event, self.lang)
        head = t.gettext("inject {inject}  {time}  from {sender} · {medium}").format(
            inject=event.inject, time=format_clock(event.t), sender=event.sender, medium=self._media.get(event.via, event.via))
        lines = [head + ("  ✓ " + t.pgettext("inject status", "acknowledged") if item.acknowledged else ""),
                 "", synopsis, "", text]
        if event.attachments:
            lines += ["", t.gettext("Attachments")] + attachment_lines(event, getattr(self.remote, "media", None), self.lang)
        return "\n".join(lines)

    # --- actions -----------------------------------------------------------------------------

    def action_tab(self, tab: str) -> None:
        self.main.query_one(TabbedContent).active = tab

    def on_tabbed_content_tab_activated(self, message: TabbedContent.TabActivated) -> None:
        # Keys go where the eyes are: the inbox table or the timeline of the shown tab.
        target = {"inbox": "#inbox-table", "timeline": "#timeline-view"}.get(message.pane.id or "")
        if target:
            self.main.query_one(target).focus()

    def action_acknowledge(self) -> None:
        key = self.selected_key() if self.main.query_one(TabbedContent).active == "inbox" else None
        item = self.digest.items.get(key) if key else None
        if item is None or item.kind != "inject":
            self.notify(self.t.gettext("Select an inject in the inbox"), severity="warning")
            return
        if item.acknowledged:
            self.notify(self.t.gettext("Already acknowledged"))
            return
        self.submit("acknowledge_inject", {"inject": item.inject, "agency": self.me}, self.t.gettext("Inject acknowledged"))

    def action_message(self) -> None:
        self.ask(MessageForm, self.t.gettext("Send a message"), "send_message", self.t.gettext("Message sent"))

    def action_act(self) -> None:
        self.ask(ActionForm, self.t.gettext("Take an action"), "take_action", self.t.gettext("Action recorded"))

    def action_decide(self) -> None:
        self.ask(DecisionForm, self.t.gettext("Record a decision"), "record_decision",
                 self.t.gettext("Decision recorded"))

    def action_transfer(self) -> None:
        if not self.remote.view.get("evidence"):
            self.notify(self.t.gettext("You hold no evidence"), severity="warning")
            return
        self.ask(TransferForm, self.t.gettext("Hand over evidence"), "transfer_evidence",
                 self.t.gettext("Evidence handed over"))
