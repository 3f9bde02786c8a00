"""What a world process may use from the exercise: the SimPy environment,
its own random streams, the event emitter, the trigger index, and the shared
ground truth ("what is really in truck TRK-0042"). Processes never see the UI
or the journal."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import random
import simpy

from simex.events import Event, WorldEvent
from simex.engine.triggers import TriggerIndex


@dataclass
class WorldContext:
    env: simpy.Environment
    emit: Callable[[Event], None]
    stream: Callable[[str], random.Random]
    triggers: TriggerIndex
    truth: dict[str, dict]          # key value (e.g. a vehicle id) -> ground truth
    set_state: Callable[[str, str, float], None]


class WorldProcess:
    def __init__(self, spec, ctx: WorldContext):
        self.spec = spec
        self.ctx = ctx

    def start(self) -> None:
        raise NotImplementedError

    def world_event(self, name: str, observer: str = "", facts=None, truth=None) -> None:
        self.ctx.emit(WorldEvent(t=self.ctx.env.now, process=self.spec.id, name=name,
                                 observer=observer, facts=facts or {}, truth=truth or {}))

    def stream(self, part: str) -> random.Random:
        return self.ctx.stream(f"world/{self.spec.id}/{part}")
