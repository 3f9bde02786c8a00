"""The facilitator changes the world (the `change_world` command): a truck
drives off, a source is shielded, a cordon expands. What can change comes
from the world the exercise holds, so the facilitator picks a conveyance
that is waiting at a portal rather than typing an id."""
from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Input, Select

from simex.scenario.model import CHANGES
from simex.tui.forms import Form, labelled


def waiting(session) -> list[tuple[str, str]]:
    """(label, "process|conveyance") for every alarmed conveyance still at a portal."""
    return [(f"{pid}: {key}", f"{pid}|{key}") for pid, process in session.exercise.world.items()
            for key in sorted(getattr(process, "at_portal", {}))]


class WorldForm(Form):
    def fields(self) -> ComposeResult:
        changes = [(f"{pid} — {verb}", f"{pid}|{verb}") for pid, process in self.session.exercise.world.items()
                   for verb in CHANGES.get(process.spec.type, ())]
        t = self.t
        yield labelled(Select(changes, id="change", prompt=t.gettext("Change")), t.gettext("Change"))
        yield labelled(Select(waiting(self.session), id="conveyance", prompt=t.gettext("none")),
                       t.gettext("Conveyance (remove)"))
        yield labelled(Input(id="number"), t.gettext("Shielding in HVL (shield) or radius in m (cordon)"))

    def collect(self):
        process, do = self.value("#change").split("|")
        if do == "remove":
            owner, key = (self.value("#conveyance").split("|") + [""])[:2]
            if owner != process:
                raise ValueError(self.t.gettext("Choose a conveyance waiting at {process}").format(process=process))
            return {"process": process, "do": do, "params": {"key": key}}
        try:
            number = float(self.value("#number"))
        except ValueError:
            raise ValueError(self.t.gettext("Give a number")) from None
        return {"process": process, "do": do,
                "params": {"shielding_hvl" if do == "shield" else "radius_m": number}}
