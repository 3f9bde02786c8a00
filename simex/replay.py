"""Rebuild an exercise from its journal: to verify it (`simex replay`) or to
continue it after a stop or a crash (resume).

A journal holds the scenario text, the run settings and every accepted
command with the scenario time it took effect. Re-applying the commands in
order to a fresh Exercise must reproduce every recorded event; the first
difference is named. Events recorded after the last command are reproduced
by running the clock to the last recorded time.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from simex.engine.commands import CommandError, decode_command
from simex.engine.exercise import Exercise
from simex.events import encode
from simex.journal import Journal, JournalError, JournalReader


@dataclass
class ReplayReport:
    ok: bool
    events: int
    commands: int
    message: str


def exercise_from(reader: JournalReader, sink=None) -> Exercise:
    meta = reader.meta
    scenario = reader.scenario()
    preroll = float(meta["preroll"]) if "preroll" in meta else None
    return Exercise(scenario, seed=int(meta["seed"]), bots=meta["bots"],
                    bot_agencies=tuple(json.loads(meta["bot_agencies"])), sink=sink, preroll=preroll)


def _reproduce(reader: JournalReader, exercise: Exercise) -> tuple[list, str | None]:
    """Re-apply the journal's commands; return (entries, first difference or None)."""
    entries = reader.entries()
    recorded = [e for e in entries if e.type == "event"]
    exercise.start()
    for entry in entries:
        if entry.type != "command":
            continue
        command = decode_command(entry.kind, entry.t, entry.payload)
        try:
            exercise.apply(command)
        except CommandError as exc:
            return entries, f"row {entry.row}: recorded command {entry.kind} was refused on replay: {exc}"
    if recorded:
        last_t = recorded[-1].t
        exercise.advance_to(last_t)
        env = exercise.env
        while len(exercise.events) < len(recorded) and not exercise.ended and env.peek() <= last_t:
            env.step()
    for index, entry in enumerate(recorded):
        if index >= len(exercise.events):
            return entries, (f"row {entry.row}: recorded event {entry.kind} at t={entry.t:g} "
                             f"was not reproduced (replay produced {len(exercise.events)} events)")
        event = exercise.events[index]
        if (event.kind, event.t, encode(event)) != (entry.kind, entry.t, entry.payload):
            return entries, (f"row {entry.row}: recorded {entry.kind} at t={entry.t:g} {entry.payload}\n"
                             f"  replay gives {event.kind} at t={event.t:g} {encode(event)}")
    return entries, None


def replay(path: str | Path) -> ReplayReport:
    reader = JournalReader(path)
    try:
        exercise = exercise_from(reader)
        entries, difference = _reproduce(reader, exercise)
        n_events = sum(1 for e in entries if e.type == "event")
        n_commands = len(entries) - n_events
        broken = reader.broken_link()
    finally:
        reader.close()
    if difference is None and broken is not None:
        difference = f"row {broken}: the row was changed after it was written (digest chain broken)"
    if difference is None and len(exercise.events) > n_events and exercise.ended:
        extra = exercise.events[n_events]
        difference = f"replay produced more events than recorded, first: {extra.kind} at t={extra.t:g}"
    if difference:
        return ReplayReport(False, n_events, n_commands, difference)
    return ReplayReport(True, n_events, n_commands,
                        f"verified: {n_events} events and {n_commands} commands reproduced exactly")


def resume(path: str | Path) -> tuple[Exercise, Journal]:
    """Reopen a journal (even one left by a killed process) and return the
    exercise at the point it stopped, paused, appending to the same journal."""
    reader = JournalReader(path)
    try:
        exercise = exercise_from(reader)
        entries, difference = _reproduce(reader, exercise)
    finally:
        reader.close()
    if difference:
        raise JournalError(f"{path}: cannot resume, the journal does not replay: {difference}")
    journal = Journal(path, fresh=False)
    journal.skip_events(0)
    recorded = sum(1 for e in entries if e.type == "event")
    # Events the engine reproduced beyond what was written (lost when the
    # process died between two commits) are appended now.
    for seq, event in enumerate(exercise.events[recorded:], start=recorded):
        journal.record_event(seq, event)
    journal.flush()
    exercise.sink = journal
    exercise.paused = True
    return exercise, journal
