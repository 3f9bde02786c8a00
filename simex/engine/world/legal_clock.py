"""A legal or procedural clock: detention limits, IHR's 24 h, an e-Evidence
order's 10 days. It starts on a trigger, warns `warn_before` the deadline,
and expires at the deadline unless its `stops_on` trigger fired first. Only
the first start counts: a clock is one obligation, not one per event."""
from __future__ import annotations

from simex.engine.world.base import WorldProcess
from simex.events import Event
from simex.scenario.model import LegalClock


class LegalClockProcess(WorldProcess):
    spec: LegalClock

    def start(self) -> None:
        self.running = False
        self.done = False
        self.on(self.spec.starts_on, self._start)
        if self.spec.stops_on is not None:
            self.on(self.spec.stops_on, self._stop)

    def _start(self, event: Event) -> None:
        if self.running or self.done:
            return
        self.running = True
        self.started_at = self.ctx.env.now + self.spec.starts_on.delay
        self.spawn(self._run())

    def _run(self):
        spec, env = self.spec, self.ctx.env
        if spec.starts_on.delay:
            yield env.timeout(spec.starts_on.delay)
        self.world_event("started", observer=spec.owner, facts={"deadline_s": spec.deadline})
        self.ctx.set_state(spec.id, "running", 1)
        if spec.warn_before and spec.warn_before < spec.deadline:
            yield env.timeout(spec.deadline - spec.warn_before)
            if self.done:
                return
            self.world_event("warning", observer=spec.owner, facts={"remaining_s": spec.warn_before})
            yield env.timeout(spec.warn_before)
        else:
            yield env.timeout(spec.deadline)
        if not self.done:
            self.done = True
            self.ctx.set_state(spec.id, "running", 0)
            self.world_event("expired", observer=spec.owner, facts={"deadline_s": spec.deadline})

    def _stop(self, event: Event) -> None:
        if self.running and not self.done:
            self.done = True
            self.ctx.set_state(self.spec.id, "running", 0)
            self.world_event("stopped", observer=self.spec.owner,
                             facts={"elapsed_s": round(self.ctx.env.now - self.started_at, 3)})
