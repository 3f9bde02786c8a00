"""The decisions that most changed the outcome, which the console's what-if
screen offers:

- for each notification missed because it went to the wrong agency, the
  message that went there, with the fix (the right recipient, over the
  fastest channel to it);
- for each expectation met late, the recorded command whose timing set its
  delay (the action that met it, or the message whose delivery did), with
  the latest time that would have met the deadline had the rest (a
  channel's delay) stayed the same.

Missed ones first, then the latest."""
from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

from simex.engine import commands as c
from simex.events import ActionTaken, EvidenceTransferred, MessageDelivered, MessageSent
from simex.scoring.expectations import LATE, MISSED
from simex.whatif.changes import describe_command, numbered

MARGIN = 60.0   # suggest a minute before the last moment that would have done


@dataclass(frozen=True)
class Decision:
    command: str          # its number, C5
    what: str             # the command in one line
    t: float
    expectation: str
    title: str
    late_by: float
    lag: float            # from the decision to the event that met the expectation
    suggested: float      # move it here and, with the same lag, it is on time
    fix: str = ""         # a mis-route: the fields that send it right ("recipient=... channel=...")
    missed: bool = False


def _made_by(cmd: c.Command, event) -> bool:
    """Is `event` what `cmd` did (the first such event after it in the journal)?"""
    if event.t != cmd.t:
        return False
    if isinstance(cmd, c.TakeAction):
        return isinstance(event, ActionTaken) and (event.agency, event.action) == (cmd.agency, cmd.action)
    if isinstance(cmd, c.SendMessage):
        return isinstance(event, MessageSent) and (event.sender, event.recipient) == (cmd.sender, cmd.recipient)
    if isinstance(cmd, c.TransferEvidence):
        return isinstance(event, EvidenceTransferred) and event.item == cmd.item
    return False


def causes(entries) -> tuple[dict[int, str], list]:
    """Event index -> the number of the command that made it; and the events."""
    made, events, pending = {}, [], None
    commands = numbered([e.decoded() for e in entries if e.type == "command"])
    next_command = iter(commands)
    for entry in entries:
        if entry.type == "command":
            pending = next(next_command)
            continue
        event = entry.decoded()
        if pending is not None and _made_by(pending.command, event):
            made[len(events)] = pending.id
            pending = None
        events.append(event)
    return made, events


def decisions(journal: str | Path) -> list[Decision]:
    """Late expectations and the decisions behind them, latest first. Raises JournalError."""
    from simex.journal import JournalReader
    from simex.scoring.expectations import score

    reader = JournalReader(journal)
    try:
        scenario, entries = reader.scenario(), reader.entries()
        made, events = causes(entries)
        commands = {n.id: n.command for n in numbered(reader.commands())}
    finally:
        reader.close()
    from simex.scoring.routing import attempts
    from simex.whatif.grammar import fastest_channel

    sent = {e.message: i for i, e in enumerate(events) if isinstance(e, MessageSent)}
    results = score(scenario, events).results
    out = []
    for a in attempts(scenario, events):
        r = next((r for r in results if r.instance == a.charged and r.status == MISSED), None)
        number = made.get(sent.get(a.message, -1))
        if r is None or number is None:
            continue
        cmd = commands[number]
        channel = fastest_channel(scenario, cmd.sender, a.expected)
        fix = f"recipient={a.expected}" + (f" channel={channel}" if channel else "")
        out.append(Decision(number, describe_command(cmd), cmd.t, r.expectation, r.title, 0.0, 0.0, cmd.t,
                            fix=fix, missed=True))
    for r in results:
        if r.status != LATE or r.met_event < 0:
            continue
        index = r.met_event
        if isinstance(events[index], MessageDelivered):
            index = sent.get(events[index].message, -1)
        number = made.get(index)
        if number is None:
            continue
        cmd = commands[number]
        lag = events[r.met_event].t - cmd.t
        latest = r.due - lag - MARGIN
        suggested = max(r.opened, math.floor(latest / 60) * 60)
        out.append(Decision(number, describe_command(cmd), cmd.t, r.expectation, r.title, r.late_by or 0.0,
                            lag, min(suggested, cmd.t)))
    return sorted(out, key=lambda d: (not d.missed, -d.late_by, d.command))
