"""An order that must hold: preservation before takedown, consultation
before return, survey before collection. The first time `then` happens the
process emits `kept` if `first` had already happened, else `broken`, so a
consequence inject (the suspect is tipped off) and the evaluator see it.
Only the first occurrence of `then` is judged: the damage is done once."""
from __future__ import annotations

from simex.engine.world.base import WorldProcess
from simex.events import Event
from simex.scenario.model import Precedence


class PrecedenceProcess(WorldProcess):
    spec: Precedence

    def start(self) -> None:
        self.first_at: float | None = None
        self.judged = False
        self.on(self.spec.first, self._first)
        self.on(self.spec.then, self._then)

    def _first(self, event: Event) -> None:
        if self.first_at is None:
            self.first_at = event.t

    def _then(self, event: Event) -> None:
        if self.judged:
            return
        self.judged = True
        if self.first_at is not None:
            self.world_event("kept", observer=self.spec.owner,
                             facts={"after_s": round(event.t - self.first_at, 3)})
        else:
            self.world_event("broken", observer=self.spec.owner, truth={"order": "broken"})
        self.ctx.set_state(self.spec.id, "broken", 0 if self.first_at is not None else 1)
