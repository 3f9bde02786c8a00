"""A session: one exercise, its journal and its clock, as the consoles see it.

The facilitator console talks to a Session, never to the engine directly, so
the same screens work in one terminal (this in-process LocalSession) and
over the network later. The clock is driven from outside: the UI calls
`tick(wall_seconds)` from a timer and the session advances scenario time by
wall time x speed while running. Pause is simply not advancing.
"""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from simex.engine import commands as c
from simex.engine.exercise import Exercise
from simex.journal import Journal, finished, run_meta
from simex.paths import default_journal
from simex.replay import resume as resume_journal
from simex.scenario.attachments import fingerprints
from simex.scenario.loader import load_scenario
from simex.scenario.model import Scenario

SPEEDS = (1.0, 5.0, 30.0, 60.0, 300.0)

if TYPE_CHECKING:
    from concurrent.futures import Future


class LocalSession:
    def __init__(self, exercise: Exercise, journal: Journal | None):
        self.exercise = exercise
        self.journal = journal
        self.journal_path = journal.path if journal else None

    # --- opening ----------------------------------------------------------------

    @classmethod
    def new(cls, scenario_path: str | Path, *, seed: int | None = None, bots: str = "doctrine",
            journal_path: str | Path | None = None, record: bool = True,
            preroll: float | None = None) -> "LocalSession":
        """A fresh exercise; agencies marked `simulated` are played by bots.
        Raises ScenarioError (with every located problem) for a broken file."""
        path = Path(scenario_path)
        scenario = load_scenario(path)
        seed = scenario.exercise.seed if seed is None else seed
        bot_agencies = tuple(a.id for a in scenario.agencies if a.played_by == "simulated")
        journal = None
        if record:
            target = journal_path or default_journal(scenario.exercise.id, "live")
            journal = Journal(target, meta=run_meta(path.read_text(encoding="utf-8"), str(path), seed,
                                                    bots, bot_agencies, preroll, fingerprints(scenario)))
        return cls(Exercise(scenario, seed=seed, bots=bots, bot_agencies=bot_agencies, sink=journal,
                            preroll=preroll), journal)

    @classmethod
    def reopen(cls, journal_path: str | Path, warnings: list | None = None) -> "LocalSession":
        """Continue an exercise where its journal stops (even after a crash), paused.
        What replay warns about (a command an older simex could not run) is added
        to `warnings`. Raises JournalError for a journal that does not replay."""
        exercise, journal = resume_journal(journal_path, warnings)
        return cls(exercise, journal)

    # --- what screens read --------------------------------------------------------

    @property
    def scenario(self) -> Scenario:
        return self.exercise.scenario

    @property
    def now(self) -> float:
        return self.exercise.now

    @property
    def status(self) -> str:
        return self.exercise.status

    @property
    def speed(self) -> float:
        return self.exercise.speed

    @property
    def events(self) -> list:
        return self.exercise.events

    @property
    def committed_events(self) -> int:
        """How many of `events` are committed to the journal: what a server
        may publish (all of them unless the journal commits behind)."""
        if self.journal is None or not self.journal.behind:
            return len(self.events)
        return self.journal.committed_events

    @property
    def committed_clock(self) -> tuple[float, str, float]:
        """(now, status, speed) as of what is committed: what a server may tell
        screens. A pause or a speed change is a command, applied at once and
        durable later; until its commit it is not said. `now` is the time of
        the last flush before the first commit still under way: every event
        before it is committed (and so published), and a crash then loses
        nothing a screen was told. With nothing under way it is the present:
        the journal then holds everything that happened before `now` (time
        passing with nothing happening writes no row), so even the live time
        is one the journal agrees with."""
        if self.journal is not None:
            settled = self.journal.settled()
            if settled is not None:
                return settled
        return self._clock()

    def _clock(self) -> tuple[float, str, float]:
        exercise = self.exercise
        return exercise.now, exercise.status, exercise.speed

    def commit_behind(self, committed=None) -> None:
        """Commit the journal on a thread of its own (simex.journal), as a
        server does; `committed()` is called there after each commit. The
        journal keeps the clock of each flush until it is committed
        (committed_clock)."""
        if self.journal is not None:
            self.journal.commit_behind(committed, stamp=self._clock)

    def committing(self) -> "Future":
        """Done once everything the exercise has recorded is committed."""
        return finished() if self.journal is None else self.journal.committing()

    def next_inject_time(self) -> float | None:
        """When the next pending inject is due (timed or already triggered)."""
        due = [s.at for s in self.exercise.msel.states.values()
               if s.status == "pending" and s.at is not None and s.at >= self.now]
        return min(due) if due else None

    # --- the clock --------------------------------------------------------------------

    def tick(self, wall_seconds: float) -> None:
        if self.status == "running":
            self.exercise.advance_to(self.now + wall_seconds * self.speed)

    def start(self) -> None:
        self.do(c.Resume)

    def pause(self) -> None:
        self.do(c.Pause)

    def resume(self) -> None:
        self.do(c.Resume)

    def set_speed(self, speed: float) -> None:
        self.do(c.SetSpeed, speed=speed)

    def jump_to(self, t: float) -> None:
        self.exercise.apply(c.JumpTo(t=max(t, self.now)))
        self._settle()

    def jump_to_next_inject(self) -> float | None:
        """Jump to the next pending inject and deliver it; None if there is none."""
        t = self.next_inject_time()
        if t is not None:
            self.jump_to(t)
        return t

    # --- commands ----------------------------------------------------------------------

    def do(self, command_type: type[c.Command], **fields) -> c.Command:
        """Apply a command as of the time the person saw now; return once it is
        durable, as a console shows it done. Raises CommandError."""
        applied = self.exercise.apply(command_type(t=self.now, **fields))
        self._settle()
        return applied

    def _settle(self) -> None:
        # With a journal committing behind (a server's: simex.journal), the
        # console in this process still waits for its own command's commit.
        if self.journal:
            self.journal.wait()

    def close(self) -> None:
        if self.journal:
            self.journal.close()
            self.journal = None
