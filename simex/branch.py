"""Branch (rewind): a new journal that is an exercise's journal up to a
moment, to play on from there differently ("what if customs had called the
police at 00:10?").

A run is a function of scenario, seed and commands, so the branch is made by
replaying: the parent must replay exactly (a damaged journal is refused);
its header is copied, its commands before `at` are applied to a fresh
exercise writing the new journal, and the events that gives must equal the
parent's events before `at`, row for row (same digests, since the chain
starts the same). The parent is only ever opened read-only.

The new journal names its parent in its header (meta): the file name, the
parent's head digest (it covers every entry the parent held when branched)
and the branch time. Resuming it (simex.replay.resume) puts the clock at
the branch time, not at its last event, so play carries on from there.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from simex.durations import format_clock
from simex.events import encode
from simex.journal import LOSS_ACCEPTED, SEALED_ENTRIES, SEALED_HEAD, WRITER, Journal, JournalError, JournalReader
from simex.languages import translator
from simex.words import said

# meta keys of a branch
PARENT, PARENT_HEAD, PARENT_ENTRIES, AT = "branch_parent", "branch_parent_head", "branch_parent_entries", "branch_at"
_NOT_COPIED = {SEALED_ENTRIES, SEALED_HEAD, WRITER, LOSS_ACCEPTED, PARENT, PARENT_HEAD, PARENT_ENTRIES, AT}


@dataclass(frozen=True)
class Branch:
    """What `branch` wrote."""
    path: Path
    parent: Path
    at: float
    events: int       # events the branch holds (the parent's before `at`)
    commands: int     # commands it holds
    left_out: int     # the parent's commands at or after `at`


@dataclass(frozen=True)
class Parent:
    """Where a journal was branched from, as its header says (None: not a branch)."""
    name: str
    head: str
    entries: int
    at: float


def parent_of(meta: dict[str, str]) -> Parent | None:
    if PARENT not in meta:
        return None
    try:
        return Parent(meta[PARENT], meta.get(PARENT_HEAD, ""), int(meta.get(PARENT_ENTRIES, "0")), float(meta[AT]))
    except (KeyError, ValueError):
        return None


def lineage(name: str, meta: dict[str, str], lang: str = "en") -> str:
    """For a report's overview: which journal a branch was rewound from ("" if not a branch)."""
    parent = parent_of(meta)
    if parent is None:
        return ""
    return translator(lang).gettext(
        "Journal {name} is a branch of {parent} (parent head {head}): everything before {at} happened in "
        "the parent exercise; from {at} on, play went another way.").format(
        name=name, parent=parent.name, head=parent.head[:12], at=format_clock(parent.at))


def command_time(source: str | Path, number: int, lang: str = "en") -> float:
    """When command C<number> (the journal's commands counted from 1) took effect."""
    t = translator(lang)
    reader = JournalReader(source)
    try:
        times = [e.t for e in reader.rows() if e.type == "command"]
    finally:
        reader.close()
    if not 1 <= number <= len(times):
        held = t.ngettext("the journal holds {n} command", "the journal holds {n} commands", len(times))
        raise JournalError(t.gettext("{path}: there is no command C{number}; {held}")
                           .format(path=source, number=number, held=held.format(n=len(times))))
    return float(times[number - 1])


def branch(source: str | Path, at: float, target: str | Path, lang: str = "en") -> Branch:
    """Write `target`: the journal `source` up to scenario time `at` (every
    entry before it). Raises JournalError, leaving no `target`, if `source`
    does not replay, `at` is outside what it recorded, or the replay up to
    `at` differs from what it recorded."""
    from simex.replay import _catch_up, _verify, exercise_from

    _ = translator(lang).gettext
    source, target = Path(source), Path(target)
    if target.exists():
        raise JournalError(_("{path} already exists; choose another file").format(path=target))
    reader = JournalReader(source)
    partial = target.with_name(f".{target.name}.part")
    journal = None
    try:
        verdict = _verify(reader)
        if verdict.problem:
            problem = str(said(verdict.problem.message, translator(lang))).split("\n")[0]
            raise JournalError(_("{path}: cannot branch: the journal does not replay ({problem}); "
                                 "`simex replay {path}` says more")
                               .format(path=source, problem=problem))
        entries = verdict.entries
        last = max((e.t for e in entries), default=0.0)
        duration = verdict.exercise.duration
        if not 0 <= at <= last or at >= duration:
            raise JournalError(_("{path}: cannot branch at {at}: the journal covers {start} to {end}")
                               .format(path=source, at=format_clock(at), start=format_clock(0),
                                       end=format_clock(min(last, duration))))
        kept = [e for e in entries if e.t < at]
        header = {k: v for k, v in reader.meta.items() if k not in _NOT_COPIED}
        header.update({PARENT: source.name, PARENT_HEAD: entries[-1].digest if entries else "",
                       PARENT_ENTRIES: str(len(entries)), AT: repr(float(at))})
        schema = header.pop("schema", "2")
        partial.unlink(missing_ok=True)
        journal = Journal(partial, meta=header, schema=int(schema))
        exercise = exercise_from(reader, sink=journal)
        exercise.start()
        events_before = 0
        for entry in kept:
            if entry.type == "event":
                events_before += 1
                continue
            _catch_up(exercise, entry.t, events_before)
            try:
                exercise.apply(entry.decoded())
            # What replay skips with a warning (a command an older simex journaled and
            # could not run); were anything else to fail, the comparison below says so.
            except (JournalError, ValueError, TypeError, LookupError, AttributeError):
                pass
        exercise.advance_to(at)
        journal.close()
        recorded = [e for e in kept if e.type == "event"]
        produced = exercise.events
        difference = next((n for n, (e, p) in enumerate(zip(recorded, produced))
                           if (e.kind, e.t, e.payload) != (p.kind, p.t, encode(p))), None)
        if difference is None and len(produced) != len(recorded):
            difference = min(len(produced), len(recorded))
        if difference is not None:
            raise JournalError(_("{path}: cannot branch at {at}: replaying up to it differs from the journal "
                                 "at event {number}").format(path=source, at=format_clock(at), number=difference + 1))
        partial.replace(target)
    except OSError as exc:
        raise JournalError(_("cannot write {path}: {error}").format(path=target, error=exc)) from None
    finally:
        reader.close()
        if journal is not None:
            journal.close()
        partial.unlink(missing_ok=True)
    commands = len(kept) - len(recorded)
    return Branch(target, source, float(at), len(recorded), commands,
                  sum(1 for e in entries if e.type == "command") - commands)


def describe(result: Branch, lang: str = "en") -> str:
    """One paragraph for the person who asked for the branch."""
    t = translator(lang)
    held = t.ngettext("{n} command", "{n} commands", result.commands).format(n=result.commands)
    left = t.ngettext("{n} later command left out", "{n} later commands left out", result.left_out) \
        .format(n=result.left_out)
    return t.gettext("{path}: branch of {parent} at {at}, verified by replay ({held}; {left}).\n"
                     "Continue it with: simex play --resume {path}   (or: simex serve --resume {path})") \
        .format(path=result.path, parent=result.parent.name, at=format_clock(result.at), held=held, left=left)
