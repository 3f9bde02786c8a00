"""The worked example of docs/what-if.md ("What if, from a real exercise"):
the bundled border scenario with the police desk played by a person (every
other agency by bots), who took the case at 03:10, seized the material at
03:25, answered the journalist's call (inject M01) at 03:40 and told
Norvalia's liaison point only at 04:40, an hour after its deadline."""
from __future__ import annotations

from pathlib import Path

from simex.engine import commands as c
from simex.engine.exercise import Exercise
from simex.journal import Journal, run_meta
from simex.scenario.loader import load_scenario
from simex.whatif.grammar import clock
from tests.conftest import BORDER

VEHICLE = "NV-4471-KB"


def police_journal(path: Path, notify_at: str = "04:40", recipient: str = "norvalia-lp",
                   channel: str = "police-norvalia-liaison") -> Path:
    """The journal; `recipient` and `channel` send the last message elsewhere (a mis-route)."""
    scenario = load_scenario(BORDER)
    bots = tuple(a.id for a in scenario.agencies if a.id != "police")
    journal = Journal(path, meta=run_meta(BORDER.read_text(encoding="utf-8"), str(BORDER), 7, "doctrine", bots))
    exercise = Exercise(scenario, seed=7, bots="doctrine", bot_agencies=bots, sink=journal)
    subject = "Stolen Cs-137 gauge held at Kessin"
    for command in (
            c.Resume(t=0.0),
            c.TakeAction(t=clock("03:10"), actor="person", agency="police", action="take_over_case",
                         params={"vehicle": VEHICLE}),
            c.TakeAction(t=clock("03:25"), actor="person", agency="police", action="seize_material",
                         params={"vehicle": VEHICLE}),
            c.AcknowledgeInject(t=clock("03:40"), actor="person", inject="M01", agency="police"),
            c.SendMessage(t=clock(notify_at), actor="person", sender="police", recipient=recipient,
                          channel=channel, subject=subject, body=subject,
                          facts={"vehicle": VEHICLE})):
        exercise.apply(command)
    exercise.run_to_end()
    journal.close()
    return path
