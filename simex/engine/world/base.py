"""What a world process may use from the exercise: the SimPy environment,
its own random streams, the event emitter, the trigger index, and the shared
ground truth ("what is really in truck TRK-0042"). Processes never see the UI
or the journal.

A process runs its timers through `spawn` and its reactions through `on`, so
an exception in either (a model bug, physics nobody anticipated) does not end
a live exercise: it becomes one `fault` event of that process, the process
stops, and everything else carries on. The event is built from the exception
alone (no traceback paths, no memory addresses), so a replay gets the same.
"""
from __future__ import annotations

import os
import random
import re
import traceback
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Generator

import simpy
from simpy.events import URGENT

from simex.events import Event, WorldEvent
from simex.engine.triggers import TriggerIndex
from simex.scenario.model import Trigger

if TYPE_CHECKING:
    from simex.reasons import Reason

_SIMEX = str(Path(__file__).resolve().parents[2]) + os.sep
_ADDRESS = re.compile(r" at 0x[0-9A-Fa-f]+")


@dataclass
class WorldContext:
    env: simpy.Environment
    emit: Callable[[Event], None]
    stream: Callable[[str], random.Random]
    triggers: TriggerIndex
    truth: dict[str, dict]          # key value (e.g. a vehicle id) -> ground truth
    set_state: Callable[[str, str, float], None]
    # The earliest time >= t at which something with these opening hours, run
    # by this agency, is open (its jurisdiction's local time).
    open_from: Callable[[object, str, float], float] = lambda hours, agency, t: t


make_world_event = WorldEvent.make      # without the class call (simex.events): most events are world events


class WorldProcess:
    def __init__(self, spec, ctx: WorldContext):
        self.spec = spec
        self.ctx = ctx
        # Read for every event the process emits: kept as plain attributes (a
        # scenario model's attribute costs about twice a plain object's).
        self._id, self._env, self._emit = spec.id, ctx.env, ctx.emit
        self.stopped = False
        self._streams: dict[str, random.Random] = {}

    def start(self) -> None:
        raise NotImplementedError

    def launch(self) -> None:
        """Start the process; a failure to start is a fault like any other."""
        try:
            self.start()
        except Exception as exc:  # noqa: BLE001 - any model error becomes a fault event, by design
            self.fault(exc)

    def spawn(self, steps: Generator) -> "_Job":
        """Run a SimPy generator of this process, guarded (see `_Job`). The
        handle can be interrupted (the portal's traffic, which a knob
        redraws) and says whether it is still alive."""
        return _Job(self, steps, self.ctx.env)

    def on(self, trigger: Trigger, react: Callable[[Event], None], guards_itself: bool = False) -> None:
        """React to a trigger, guarded; a stopped process no longer reacts.
        `guards_itself`: `react` already does both (returns once stopped,
        turns an exception into the fault), so it is called with no wrapper
        (a service's job queueing, twice in most alarms' every step)."""
        if guards_itself:
            self.ctx.triggers.add(trigger, react)
            return

        def guarded(event: Event) -> None:
            if self.stopped:
                return
            try:
                react(event)
            except Exception as exc:  # noqa: BLE001 - as in launch
                self.fault(exc)
        self.ctx.triggers.add(trigger, guarded)

    def apply_change(self, change) -> None:
        """Apply a WorldChange (scenario `changes:` or `change_world`), guarded like `on`."""
        if self.stopped:
            return
        try:
            self.change(change)
        except Exception as exc:  # noqa: BLE001 - as in launch
            self.fault(exc)

    def check_change(self, change) -> Reason | None:
        """Why this change cannot apply now (it names an entity the world does
        not hold), or None: a Reason (simex.reasons), so each console tells it
        in its reader's language."""
        return None

    def change(self, change) -> None:
        """What this process does with a change; the scenario checks allow only
        the changes its type declares (simex.scenario.processes.CHANGES)."""
        raise NotImplementedError(f"{self.spec.type} cannot '{change.do}'")

    def set_knob(self, knob: str, value: float) -> None:
        """Turn a live knob (simex/engine/knobs.py checked it is this type's)."""
        raise NotImplementedError(f"{self.spec.type} has no knob {knob!r}")

    def fault(self, exc: Exception) -> None:
        """Stop this process and say why, on the timeline and in the journal."""
        if self.stopped:
            return
        self.stopped = True
        frames = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename.startswith(_SIMEX)]
        error = _ADDRESS.sub("", f"{type(exc).__name__}: {exc}")
        self.world_event("fault", facts={"error": error[:300], "during": frames[-1].name if frames else ""})

    def world_event(self, name: str, observer: str = "", facts=None, truth=None) -> None:
        # t, process, name, observer, facts, truth (by position: see Exercise.emit)
        self._emit(make_world_event(self._env.now, self._id, name, observer, facts or {}, truth or {}))

    def stream(self, part: str) -> random.Random:
        # Kept by part: a service asks for its `duration` stream for every job.
        # The exercise's Streams keep the same object (a fork reseeds it in place).
        rng = self._streams.get(part)
        if rng is None:
            rng = self._streams[part] = self.ctx.stream(f"world/{self.spec.id}/{part}")
        return rng


class _Job:
    """A world process's generator, driven by callbacks as simpy.Process
    drives one (Process._resume, whose loop this follows), without the
    Process event, its end event, or a second generator to guard it.

    It starts at an event of urgent priority scheduled now, as Process's
    Initialize is, so it runs at the same place among what is due, and is
    resumed by each event it yields. An interrupt is thrown in at an urgent
    event too, as simpy.Interruption does. Guarded: a job of a process that
    stopped is closed at its next wake-up, and an exception out of it, or a
    yield of something that is not an event, becomes the process's fault."""

    __slots__ = ("owner", "steps", "target")

    def __init__(self, owner: WorldProcess, steps: Generator, env: simpy.Environment):
        self.owner, self.steps = owner, steps
        self.target: simpy.Event | None = simpy.Event(env)     # what it waits on; None once it has ended
        self.target._ok, self.target._value = True, None
        self.target.callbacks.append(self._resume)
        env.schedule(self.target, URGENT)

    @property
    def is_alive(self) -> bool:
        return self.target is not None

    def interrupt(self, cause: object = None) -> None:
        """Throw simpy.Interrupt(cause) into the job, as Process.interrupt does."""
        if self.target is None:
            raise RuntimeError("a world process's job that has ended cannot be interrupted")
        env = self.target.env
        event = simpy.Event(env)
        event._ok, event._value, event._defused = False, simpy.Interrupt(cause), True
        event.callbacks.append(self._interrupted)
        env.schedule(event, URGENT)

    def _interrupted(self, event: simpy.Event) -> None:
        if self.target is None:       # it ended meanwhile
            return
        self.target.callbacks.remove(self._resume)
        self._resume(event)

    def _resume(self, event: simpy.Event) -> None:
        owner, steps = self.owner, self.steps
        while True:
            if owner.stopped:
                self.target = None
                steps.close()
                return
            try:
                if event._ok:
                    event = steps.send(event._value)
                else:
                    # As Process does: the job handles the failed event, with a copy of its exception.
                    event._defused = True
                    error = type(event._value)(*event._value.args)
                    error.__cause__ = event._value
                    event = steps.throw(error)
            except StopIteration:
                self.target = None
                return
            except Exception as exc:  # noqa: BLE001 - as in launch
                self.target = None
                owner.fault(exc)
                return
            try:
                waiting = event.callbacks is not None     # not processed yet: wake when it is
            except AttributeError:
                self.target = None
                owner.fault(TypeError(f"a world process yielded {type(event).__name__}, not a SimPy event"))
                steps.close()
                return
            if waiting:
                self.target = event
                event.callbacks.append(self._resume)
                return
