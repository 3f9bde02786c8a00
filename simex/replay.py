"""Rebuild an exercise from its journal: to verify it (`simex replay`) or to
continue it after a stop or a crash (resume).

A journal holds the scenario text, the run settings and every accepted
command with the scenario time it took effect. Re-applying the commands in
order to a fresh Exercise must reproduce every recorded event; the first
difference is named. Events recorded after the last command are reproduced
by running the clock to the last recorded time.

The first problem found, by position, is reported: a difference, a broken
digest chain or an end that is not where the journal was sealed, with how
many entries before it are verified. A command an older simex accepted but
that the engine cannot apply (it failed live too) is skipped with a warning,
provided its row is as simex wrote it; everything after it is recovered.
"""
from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from operator import attrgetter
from pathlib import Path

from simex.branch import parent_of
from simex.engine.bots import PROFILES
from simex.engine.collector import collector_paused
from simex.engine.exercise import Exercise
from simex.events import encode
from simex.journal import LOSS_ACCEPTED, Entry, Journal, JournalError, JournalReader
from simex.journal_checks import Finding, chain_break, missing_wal, seal_break, sealed
from simex.reasons import Reason
from simex.words import N_, NN_, Say


@dataclass
class ReplayReport:
    ok: bool
    events: int
    commands: int
    said: Say | str        # the verdict; a Say told in the reader's language (simex replay)
    verified: int = 0      # entries, from the first, that are verified
    total: int = 0         # entries the journal holds, or was sealed with if more
    said_warnings: list[Say] = field(default_factory=list)   # each told in the reader's language by said(w, t)

    @property
    def message(self) -> str:
        """The verdict in English, as scripts and tests read it."""
        return str(self.said)

    @property
    def warnings(self) -> list[str]:
        """The warnings in English, as scripts and tests read them."""
        return [str(w) for w in self.said_warnings]


def _setting(reader: JournalReader, key: str, parse, expected: Reason):
    value = reader.meta.get(key)
    if value is None:
        raise JournalError(Reason(N_("{path}: meta has no '{key}', which replay needs"), path=str(reader.path),
                                  key=key))
    try:
        return parse(value)
    except (ValueError, TypeError):
        shown = value if len(value) <= 40 else value[:40] + "…"   # the line stays one readable line
        raise JournalError(Reason(N_("{path}: meta '{key}' is {value}, not {expected}"), path=str(reader.path),
                                  key=key, value=repr(shown), expected=expected)) from None


def _bots(value: str) -> str:
    if value not in PROFILES:
        raise ValueError(value)
    return value


def _agencies(value: str) -> tuple[str, ...]:
    agencies = json.loads(value)
    if not isinstance(agencies, list) or not all(isinstance(a, str) for a in agencies):
        raise ValueError(value)
    return tuple(agencies)


def _preroll(value: str) -> float:
    seconds = float(value)
    if not math.isfinite(seconds) or seconds < 0:
        raise ValueError(value)
    return seconds


def exercise_from(reader: JournalReader, sink=None) -> Exercise:
    """The exercise as the journal's meta describes it, not yet started.
    Raises JournalError naming the meta entry that is missing or wrong."""
    seed = _setting(reader, "seed", int, Reason(N_("a whole number")))
    bots = _setting(reader, "bots", _bots, Reason(N_("a bot profile ({profiles})"), profiles=", ".join(PROFILES)))
    agencies = _setting(reader, "bot_agencies", _agencies, Reason(N_("a JSON list of agency ids")))
    preroll = (_setting(reader, "preroll", _preroll, Reason(N_("a number of seconds >= 0")))
               if "preroll" in reader.meta else None)
    scenario = reader.scenario()
    unknown = sorted(set(agencies) - {a.id for a in scenario.agencies})
    if unknown:
        raise JournalError(Reason(N_("{path}: meta 'bot_agencies' names agencies the scenario does not have: "
                                     "{agencies}"), path=str(reader.path), agencies=", ".join(unknown)))
    return Exercise(scenario, seed=seed, bots=bots, bot_agencies=agencies, sink=sink, preroll=preroll)


def _when(t) -> str:
    return f"{t:g}" if type(t) in (int, float) else repr(t)


# Recorded events are compared as the replay produces them, a chunk at a
# time, so a journal that differs early stops there instead of after the
# whole run; the chunk is large enough that the extra stops cost nothing.
CHUNK = 2000


def _reproduce(entries: list[Entry], exercise: Exercise, trusted: int, warnings: list[Say]) -> Finding | None:
    """Re-apply the commands; the first difference, or None.
    Rows before `trusted` are as simex wrote them (their digest chain holds)."""
    recorded = [(index, e) for index, e in enumerate(entries) if e.type == "event"]
    compare = _Comparison(recorded, exercise)
    exercise.start()
    events_before = 0
    for index, entry in enumerate(entries):
        if entry.type == "event":
            events_before += 1
            continue
        try:
            command = entry.decoded()
            difference = compare.run_to(command.t, events_before)
            if difference:
                return difference
            exercise.apply(command)
        except JournalError as exc:
            reason = getattr(exc, "reason", None) or str(exc)
            if index >= trusted:
                return Finding(index, reason)
            warnings.append(Reason(N_("{problem}; skipped"), problem=reason))
        # A command an older simex journaled and then failed to run fails here
        # in the same way (CommandError is a ValueError); skipping it is what
        # happened live. Which exception depends on the command.
        except (ValueError, TypeError, LookupError, AttributeError) as exc:
            what = Say(N_("row {row}: recorded command {kind} cannot be applied ({problem})"),
                       row=entry.row, kind=entry.kind, problem=exc)
            if index >= trusted:
                return Finding(index, what)
            warnings.append(Reason(N_("{problem}; skipped"), problem=what))
    last = next((e.t for _, e in reversed(recorded) if not e.damage()), None)
    if last is not None:   # events after the last command: run the clock to the last recorded time
        difference = compare.run_to(last, len(recorded))
        if difference:
            return difference
    return compare.upto(len(recorded))


class _Comparison:
    """Recorded events against the replay's, from where the last call stopped."""

    def __init__(self, recorded: list[tuple[int, Entry]], exercise: Exercise):
        self.recorded, self.exercise, self.checked = recorded, exercise, 0
        # The recorded side's columns, taken once for the whole journal (each
        # chunk compares slices of them): the kinds, times and payloads to
        # compare with, and whether any row up to a position was unreadable.
        entries = [entry for _, entry in recorded]
        self._kinds = list(map(_kind, entries))
        self._times = list(map(_time, entries))
        self._payloads = list(map(_payload, entries))
        self._flawed = [at for at, flaw in enumerate(map(_flaw, entries)) if flaw is not None]

    def run_to(self, t: float, recorded: int) -> Finding | None:
        """Catch the replay up to `t` (see _catch_up), comparing a chunk of
        recorded events at a time on the way; the first difference, or None."""
        for number in range(self.checked + CHUNK, recorded, CHUNK):
            at = self.recorded[number][1].t
            if type(at) in (int, float):     # a damaged time is reported by upto, in its place
                self.exercise.advance_to(min(at, t))
                difference = self.upto(number)
                if difference:
                    return difference
        _catch_up(self.exercise, t, recorded)
        return self.upto(recorded)

    def upto(self, count: int) -> Finding | None:
        """The first difference among the first `count` recorded events (those the
        replay has produced so far), or None; a missing one only at the end."""
        produced = self.exercise.events
        stop = count if count == len(self.recorded) else min(count, len(produced))
        if stop <= len(produced) and self._same(self.checked, stop):
            self.checked = max(self.checked, stop)
            return None
        for number in range(self.checked, stop):   # there is a difference: find and name the first
            index, entry = self.recorded[number]
            if number >= len(produced):
                return Finding(index, Say(NN_("row {row}: recorded event {kind} at t={t} was not reproduced "
                                              "(replay produced {n} event)",
                                              "row {row}: recorded event {kind} at t={t} was not reproduced "
                                              "(replay produced {n} events)"),
                                          row=entry.row, kind=entry.kind, t=_when(entry.t), n=len(produced)))
            if entry.flaw:   # its stored payload is not what was recorded: say why, not how it differs
                return Finding(index, f"row {entry.row}: {entry.damage()}")
            event = produced[number]
            if event.kind != entry.kind or event.t != entry.t or encode(event) != entry.payload:
                return Finding(index, Say(N_("row {row}: recorded {kind} at t={t} {recorded}\n"
                                             "  replay gives {replayed_kind} at t={replayed_t} {replayed}"),
                                          row=entry.row, kind=entry.kind, t=_when(entry.t), recorded=entry.payload,
                                          replayed_kind=event.kind, replayed_t=f"{event.t:g}",
                                          replayed=encode(event)))
        self.checked = max(self.checked, stop)
        return None

    def _same(self, start: int, stop: int) -> bool:
        """Are recorded events start..stop exactly the replay's, all readable?
        The test `upto` makes one event at a time, made on whole lists (the
        loops run in C, over columns taken once): a journal that verifies
        costs little more than encoding its events."""
        produced = self.exercise.events[start:stop]
        return (list(map(encode, produced)) == self._payloads[start:stop]
                and list(map(_kind, produced)) == self._kinds[start:stop]
                and list(map(_time, produced)) == self._times[start:stop]
                and not any(start <= at < stop for at in self._flawed))


_payload, _flaw, _kind, _time = attrgetter("payload"), attrgetter("flaw"), attrgetter("kind"), attrgetter("t")


def _catch_up(exercise: Exercise, t: float, recorded: int) -> None:
    """Run to `t` and then through the events at exactly `t` that the record has
    before this command. A command at `t` normally comes before them, but not
    after a jump that showed them or after a resume, which stops the clock
    with every event at the last recorded time done."""
    exercise.advance_to(t)
    env = exercise.env
    while len(exercise.events) < recorded and not exercise.ended and env.peek() <= t:
        env.step()


@dataclass
class _Verdict:
    exercise: Exercise
    entries: list[Entry]
    problem: Finding | None
    warnings: list[Say]


def _verify(reader: JournalReader) -> _Verdict:
    """Check the whole journal: is it complete, sealed, chained, and does it replay?
    Raises JournalError for a journal that cannot be replayed at all."""
    lost = missing_wal(reader)
    if lost:
        raise JournalError(Reason(N_("{path}: {problem}"), path=str(reader.path), problem=lost))
    exercise = exercise_from(reader)
    entries = reader.entries()
    chain, seal = chain_break(reader), seal_break(reader)
    warnings: list[Say] = []
    if LOSS_ACCEPTED in reader.meta:
        warnings.append(Reason(N_("this copy was resealed after a loss: {what}"), what=reader.meta[LOSS_ACCEPTED]))
    difference = _reproduce(entries, exercise, chain.at if chain else len(entries), warnings)
    recorded = sum(1 for e in entries if e.type == "event")
    if difference is None and seal is None and exercise.ended and len(exercise.events) > recorded:
        extra = exercise.events[recorded]
        difference = Finding(len(entries), Say(N_("replay produced more events than recorded, first: "
                                                  "{kind} at t={t}"), kind=extra.kind, t=f"{extra.t:g}"))
    # The earliest problem wins. At the same row a removed row says most,
    # then the difference (recorded and replayed side by side).
    removed = chain if chain and chain.removed else None
    problems = [p for p in (removed, difference, chain, seal) if p]
    return _Verdict(exercise, entries, min(problems, key=lambda p: p.at) if problems else None, warnings)


def replay(path: str | Path) -> ReplayReport:
    """Verify a journal: its rows, digest chain and seal, and that its commands
    reproduce every recorded event."""
    # The collector is paused for the whole verification, not only while the
    # engine runs (simex.engine.collector): reading and comparing the rows
    # build tens of thousands of tuples and lists that live to the end, and
    # each pass of the collector re-walked them and the growing exercise,
    # freeing nothing. It is switched back on only once the rebuilt exercise
    # is garbage (the report keeps none of it): switched on while the
    # exercise is still held, its next pass would walk all of it once more
    # for nothing (measured: 40 ms slower than not pausing at all).
    # 24 h busy journal: 387 -> 368 ms CPU, the closing collection included.
    with collector_paused():
        return _replay(path)


def _replay(path: str | Path) -> ReplayReport:
    reader = JournalReader(path)
    try:
        verdict = _verify(reader)
        expected = sealed(reader) or 0
    finally:
        reader.close()
    entries = verdict.entries
    n_events = sum(1 for e in entries if e.type == "event")
    n_commands = len(entries) - n_events
    total = max(len(entries), expected)
    if verdict.problem:
        at, message, _ = verdict.problem
        return ReplayReport(False, n_events, n_commands, message, at, total, verdict.warnings)
    counts = {"events": Say(NN_("{n} event", "{n} events"), n=n_events),
              "commands": Say(NN_("{n} command", "{n} commands"), n=n_commands)}
    if not expected and entries:
        # Translators: {events} is "N events", {commands} "N commands"
        said = Say(N_("verified: {events} and {commands} reproduced exactly "
                      "(an older journal without a seal: a missing end would not show)"), **counts)
    else:
        # Translators: {events} is "N events", {commands} "N commands"
        said = Say(N_("verified: {events} and {commands} reproduced exactly"), **counts)
    return ReplayReport(True, n_events, n_commands, said, len(entries), total, verdict.warnings)


def resume(path: str | Path, warnings: list | None = None) -> tuple[Exercise, Journal]:
    """Reopen a journal (even one left by a killed process) and return the
    exercise at the point it stopped, paused, appending to the same journal.
    Only a journal that replay verifies is continued; what replay warns
    about is added to `warnings`."""
    reader = JournalReader(path)
    try:
        verdict = _verify(reader)
        branched = parent_of(reader.meta)
    finally:
        reader.close()
    if verdict.problem:
        problem = verdict.problem.message
        if "\n " in str(problem):    # recorded and replayed side by side: one line here
            problem = str(problem).replace("\n ", ";")
        raise JournalError(Reason(N_("{path}: cannot resume: {problem}"), path=str(path), problem=problem))
    if warnings is not None:
        warnings.extend(verdict.warnings)
    exercise, entries = verdict.exercise, verdict.entries
    if branched and exercise.now < branched.at and not exercise.ended:
        # A branch holds everything before its branch time; play resumes there,
        # not at its last event (the events at exactly that time are still to come).
        exercise.advance_to(branched.at)
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
