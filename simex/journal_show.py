"""`simex journal show`: what a journal holds, for a person deciding where
to branch or what to change: the exercise, the parent of a branch, and every
command numbered as `simex branch --at-command` counts them (C1, C2...)."""
from __future__ import annotations

from pathlib import Path

from simex.branch import parent_of
from simex.durations import format_clock
from simex.journal import JournalReader
from simex.languages import translator


def show(path: str | Path, lang: str = "en") -> str:
    t = translator(lang)
    reader = JournalReader(path)
    try:
        meta = reader.meta
        commands = [e for e in reader.rows() if e.type == "command"]
        events = sum(1 for e in reader.rows() if e.type == "event")
    finally:
        reader.close()
    lines = [t.gettext("{path}: scenario {scenario}, seed {seed}").format(
        path=path, scenario=meta.get("scenario_path", "?"), seed=meta.get("seed", "?"))]
    parent = parent_of(meta)
    if parent:
        lines.append(t.gettext("branch of {parent} at {at} (parent head {head}, {entries} entries)").format(
            parent=parent.name, at=format_clock(parent.at), head=parent.head[:12], entries=parent.entries))
    lines.append(t.ngettext("{n} event", "{n} events", events).format(n=events) + "; " +
                 t.ngettext("{n} command", "{n} commands", len(commands)).format(n=len(commands)))
    for number, entry in enumerate(commands, start=1):
        lines.append(f"  C{number:<4} {format_clock(entry.t) if type(entry.t) in (int, float) else entry.t}  "
                     f"{entry.kind}  {entry.payload}")
    return "\n".join(lines)
