"""A timed service with a queue: secondary inspection, reachback, a lab
analysis. It starts when its trigger fires (usually an agency's action),
waits for one of `capacity` servers, takes `duration`, and on completion
reveals the ground truth fields listed in `reveals` for the same key (the
same vehicle, the same sample). Queue length is world state, so a trigger
like `state: "secondary.waiting >= 3"` can fire a contingency inject when
the service becomes a bottleneck."""
from __future__ import annotations

import simpy

from simex.engine.world.base import WorldProcess
from simex.events import Event
from simex.scenario.model import Service


class ServiceProcess(WorldProcess):
    spec: Service

    def start(self) -> None:
        self.servers = simpy.Resource(self.ctx.env, capacity=self.spec.capacity)
        self.waiting = 0
        self.served = 0
        self.ctx.triggers.add(self.spec.starts_on, self._requested)

    def _requested(self, event: Event) -> None:
        self.ctx.env.process(self._serve(event))

    def _serve(self, request: Event):
        spec, env = self.spec, self.ctx.env
        if spec.starts_on.delay:
            yield env.timeout(spec.starts_on.delay)
        key = request.get(spec.key) if spec.key else None
        requester = request.get("agency") or spec.performed_by
        facts = {spec.key: key} if spec.key else {}
        self.waiting += 1
        self.ctx.set_state(spec.id, "waiting", self.waiting)
        with self.servers.request() as slot:
            queued_at = env.now
            yield slot
            self.waiting -= 1
            self.ctx.set_state(spec.id, "waiting", self.waiting)
            self.world_event("started", observer=requester,
                             facts={**facts, "waited_s": round(env.now - queued_at, 3)})
            yield env.timeout(spec.duration.sample(self.stream("duration")))
        self.served += 1
        truth = self.ctx.truth.get(str(key), {}) if key is not None else {}
        revealed = {name: truth[name] for name in spec.reveals if name in truth}
        self.world_event("completed", observer=requester, facts={**facts, **revealed}, truth=dict(truth))
