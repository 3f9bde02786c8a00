"""Turn a live knob (simex/knobs.py): traffic at a portal, staff at a
service, a channel's outage or delay. The facilitator picks what to turn
and types the value as the knob line writes it ("120/h", "3", "30m"), so
what the console accepts is what `simex whatif --change` accepts."""
from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Input, Select

from simex.engine import commands as c
from simex.knobs import KNOBS, parse_knob
from simex.languages import translator
from simex.tui.forms import Form, labelled


def choices(session) -> list[tuple[str, str]]:
    """(label, "knob|target") for every knob this exercise's world and channels have."""
    exercise = session.exercise
    out = []
    for knob in KNOBS.values():
        if knob.target == "channel":
            targets = list(exercise.messaging.channels)
        else:
            targets = [pid for pid, p in exercise.world.items() if p.spec.type == knob.target]
        out += [(f"{knob.name} — {target}", f"{knob.name}|{target}") for target in targets]
    return out


class KnobForm(Form):
    def __init__(self, session, t, title: str):
        super().__init__(session, t, title)
        self.words = translator(t.lang).gettext

    def fields(self) -> ComposeResult:
        yield labelled(Select(choices(self.session), id="knob", prompt=self.words("Knob")), self.words("Knob"))
        yield labelled(Input(id="knob-value", placeholder="120/h · 3 · 30m"),
                       self.words("Value (traffic 120/h, inspectors 3, backlog 5, duration 45m, outage 30m, "
                                  "delay 10m)"))

    def collect(self):
        knob, target = self.value("#knob").split("|")
        change = parse_knob(f"{knob} {target} {self.value('#knob-value')}", lang=self.t.lang)
        return {"knob": change.knob, "target": change.target, "value": change.value}


def turn_knob(app) -> None:
    """The `k` key of the facilitator console."""
    words = translator(app.t.lang).gettext

    def done(value):
        if value and app.run_command(app.session.do, c.SetKnob, **value):
            app.notify(words("Done"))
    app.push_screen(KnobForm(app.session, app.t, words("Turn a knob")), done)
