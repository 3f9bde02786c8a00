"""The room's big screen (`simex join ADDRESS --code OBSERVER-CODE --projector`):
what everyone in the room may see at once, large enough to read from the
back. The exercise clock, the local time in each jurisdiction, the public
information released so far (injects delivered by TV or social media: what
the public sees too) and the results of the current poll.

It joins with an observer's code, so the server sends it no ground truth,
no controller or evaluator material and poll answers without who gave them
(simex.net.roles); it sends nothing.
"""
from __future__ import annotations

import json
from datetime import datetime, timedelta

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Digits, Label, Static

from simex.durations import format_clock
from simex.feedback.journaled import poll_results
from simex.languages import translator
from simex.scenario.text import tr
from simex.tui.direction import Footer
from simex.tui.inbox import inject_text
from simex.tui.participant import QUIT, RemoteConsole, _local

# Injects the public sees: those that go out through a public medium. A
# journalist's call to the police (from: media, via: phone) is not public.
PUBLIC_MEDIA = ("tv", "social_media")
SHOWN = 4          # public items on screen, newest first
BAR = 40


def is_public(event) -> bool:
    return event.kind == "inject_delivered" and event.via in PUBLIC_MEDIA


class ProjectorConsole(RemoteConsole):
    BINDINGS = [QUIT]
    CSS = """
    #clocks { height: 5; }
    #clocks Vertical { width: auto; height: auto; margin: 0 4 0 1; }
    #clocks Label { color: $text-muted; width: auto; }
    #exercise-clock { width: auto; color: $accent; }
    .zone-clock { width: auto; }
    #public { height: 1fr; padding: 0 1; border-top: solid $panel-lighten-2; }
    #poll { height: auto; max-height: 12; padding: 0 1; border-top: solid $panel-lighten-2; }
    """

    def compose(self) -> ComposeResult:
        g = translator(self.lang)
        yield Static(id="header")
        with Horizontal(id="clocks"):
            with Vertical():
                yield Label(g.gettext("Exercise T+"))
                yield Digits("00:00", id="exercise-clock")
            for zone in self.remote.view.get("jurisdictions", []):
                with Vertical():
                    yield Label(zone["id"])
                    yield Digits("--:--", id=f"zone-{zone['id']}", classes="zone-clock")
        yield Static(id="public", markup=False)
        yield Static(id="poll", markup=False)
        yield Footer()

    def redraw(self) -> None:
        self.dirty = False
        r = self.remote
        events = [e for _, e in r.events]
        self.main.query_one("#header", Static).update(self.header_text())
        minutes = int(r.now // 60)
        self.main.query_one("#exercise-clock", Digits).update(f"{minutes // 60:02d}:{minutes % 60:02d}")
        startex = r.view.get("exercise", {}).get("startex")
        if startex:
            at = datetime.fromisoformat(startex) + timedelta(seconds=r.now)
            for zone in r.view.get("jurisdictions", []):
                self.main.query_one(f"#zone-{zone['id']}", Digits).update(_local(at, zone["timezone"]))
        self.main.query_one("#public", Static).update(self.public_text(events))
        self.main.query_one("#poll", Static).update(self.poll_text(events))
        self.tell_notice()

    def public_text(self, events) -> str:
        g = translator(self.lang)
        public = [e for e in events if is_public(e)][-SHOWN:]
        if not public:
            return g.gettext("No public information released yet.")
        blocks = []
        for e in reversed(public):
            synopsis, text = inject_text(e, self.lang)
            blocks.append(f"{format_clock(e.t)}  {synopsis}\n{text}")
        return "\n\n".join(blocks)

    def poll_text(self, events) -> str:
        polls = [e for e in events if e.kind == "questionnaire_opened" and e.phase == "poll"]
        if not polls:
            return ""
        g = translator(self.lang)
        latest = polls[-1]
        closed = any(e.kind == "questionnaire_closed" and e.questionnaire == latest.questionnaire
                     and e.t >= latest.t for e in events)
        counts = poll_results(events, latest.questionnaire)
        total = sum(counts.values())
        top = max(counts.values(), default=0) or 1
        width = max((len(c) for c in counts), default=0)
        question = tr(json.loads(latest.form)["hotwash"][0]["text"], self.lang)
        lines = [f"{g.gettext('Poll')}: {question}  ("
                 + (g.gettext("closed") if closed else g.gettext("open")) + ", "
                 + g.ngettext("{n} vote", "{n} votes", total).format(n=total) + ")"]
        for choice, n in counts.items():
            lines.append(f"  {choice:<{width}}  {'█' * round(BAR * n / top):<{BAR}}  {n}")
        return "\n".join(lines)
