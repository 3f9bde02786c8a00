"""A timed service with a queue: secondary inspection, reachback, a lab
analysis. It starts when its trigger fires (usually an agency's action),
waits for one of `capacity` servers, takes `duration`, and on completion
reveals the ground truth fields listed in `reveals` for the same key (the
same vehicle, the same sample). Queue length is world state, so a trigger
like `state: "secondary.waiting >= 3"` can fire a contingency inject when
the service becomes a bottleneck.

With `riid: true` the service is a handheld survey: what it reveals is what
the instruments say, not the truth. The nuclide is the RIID's answer
(simex.domain.detection.identify: shielding and NORM cargo cause realistic
misidentifications), the dose rate carries the meter's error, and the
officer's dose for the time spent at `officer_distance_m` is reported."""
from __future__ import annotations

from functools import partial

import simpy
from simpy.resources.resource import Request

from simex.domain import identify
# Truth without a background (a dose field's site) falls back to Madrid's
# 0.085 µSv/h (primer §3.6 [V]).
from simex.domain.detection import MADRID_BACKGROUND_uSv_h
from simex.engine.world.base import WorldProcess
from simex.events import Event
from simex.scenario.model import Service


class _JobRequest(Request):
    """A job's request for a server, carrying what the job's later steps
    need, so one bound method per service serves every job's steps (a busy
    crossing ends with hundreds of jobs queued, each with what waits for
    it: no partial of five values and its bound method per job)."""

    def __init__(self, servers: simpy.Resource, key, requester: str, facts: dict, queued_at: float):
        self.key, self.requester, self.facts, self.queued_at = key, requester, facts, queued_at
        self.took = 0.0
        super().__init__(servers)    # may be granted at once: what it carries is set first


class ServiceProcess(WorldProcess):
    spec: Service

    def start(self) -> None:
        self.servers = simpy.Resource(self.ctx.env, capacity=self.spec.capacity)
        self._on_granted, self._on_done = self._granted, self._done    # bound once, for every job
        # Read from the model once: every job reads them (a model's attribute
        # costs about three times a plain one's).
        self._delay, self._key_name = self.spec.starts_on.delay, self.spec.key
        self.waiting = 0
        self.served = 0
        self.fixed_duration: float | None = None    # the `duration` knob
        if self._delay:
            self.on(self.spec.starts_on, self._requested)
        else:       # queued within the action's dispatch, as a hand-written model's job would be
            self.on(self.spec.starts_on, self._queue, guards_itself=True)
        if self.spec.routine_per_hour:
            self.spawn(self._routine())

    def _routine(self):
        """Other work arriving at random; it holds a server, it emits nothing."""
        env, gaps, took = self.ctx.env, self.stream("routine"), self.stream("routine_duration")
        while True:
            yield env.timeout(gaps.expovariate(self.spec.routine_per_hour / 3600.0))
            self.spawn(self._routine_job(self._duration(took)))

    def _routine_job(self, seconds: float):
        with self.servers.request() as slot:
            yield slot
            yield self.ctx.env.timeout(seconds)

    def _requested(self, event: Event) -> None:
        """A job asked for with a delay (`starts_on.delay`) queues when it has passed."""
        self.ctx.env.timeout(self._delay).callbacks.append(partial(self._queue, event))

    # A job is a chain of callbacks, one per wake-up (the optional delay,
    # the server granted, the work done), not a generator driven by a job.
    # Each step is guarded as a spawned generator is (base._Job): a process
    # that stopped gives its server back and does nothing more, and an
    # exception gives the server back (as `with servers.request()` did) and
    # becomes the fault.

    def _queue(self, request: Event, _event=None) -> None:
        if self.stopped:
            return
        try:
            key_name = self._key_name
            key = request.get(key_name) if key_name else None
            requester = request.get("agency") or self.spec.performed_by
            facts = {key_name: key} if key_name else {}
            self.waiting += 1
            self.ctx.set_state(self._id, "waiting", self.waiting)
            _JobRequest(self.servers, key, requester, facts, self._env.now).callbacks.append(self._on_granted)
        except Exception as exc:  # noqa: BLE001 - as in base.WorldProcess.launch
            self.fault(exc)

    def _granted(self, slot: _JobRequest) -> None:
        if self.stopped:
            slot.resource.release(slot)
            return
        try:
            env = self._env
            self.waiting -= 1
            self.ctx.set_state(self._id, "waiting", self.waiting)
            self.world_event("started", observer=slot.requester,
                             facts={**slot.facts, "waited_s": round(env.now - slot.queued_at, 3)})
            slot.took = self._duration(self.stream("duration"))
            env.timeout(slot.took, slot).callbacks.append(self._on_done)
        except Exception as exc:  # noqa: BLE001 - as in base.WorldProcess.launch
            slot.resource.release(slot)
            self.fault(exc)

    def _done(self, timeout: simpy.Timeout) -> None:
        slot = timeout.value
        slot.resource.release(slot)
        if self.stopped:
            return
        try:
            self._completed(slot)
        except Exception as exc:  # noqa: BLE001 - as in base.WorldProcess.launch
            self.fault(exc)

    def _completed(self, job: _JobRequest) -> None:
        key, requester, facts, queued_at, took = job.key, job.requester, job.facts, job.queued_at, job.took
        spec, env = self.spec, self.ctx.env
        self.served += 1
        truth = self.ctx.truth.get(str(key), {}) if key is not None else {}
        if spec.on_site and truth.get("present") is False:
            self.world_event("absent", observer=requester, facts=facts, truth=dict(truth))
            return
        revealed = {name: truth[name] for name in spec.reveals if name in truth}
        if spec.riid and truth:
            revealed.update(self._measure(truth, took))
        wrong = self._mislead(revealed)
        self.world_event("completed", observer=requester, facts={**facts, **revealed},
                         truth={**truth, "wrong": wrong} if wrong else dict(truth))
        if spec.turnaround is not None and env.now - queued_at > spec.turnaround:
            self.world_event("late", observer=requester,
                             facts={**facts, "turnaround_s": spec.turnaround,
                                    "took_s": round(env.now - queued_at, 3)})

    def _duration(self, rng) -> float:
        """How long a job takes: drawn as always (so the stream stays aligned
        whatever the knobs), unless the `duration` knob fixed it."""
        took = self.spec.duration.sample(rng)
        return took if self.fixed_duration is None else self.fixed_duration

    def set_knob(self, knob: str, value: float) -> None:
        """`inspectors`: servers on duty; `backlog`: more jobs queue now;
        `duration`: each job started from now takes this long."""
        if knob == "inspectors":
            # SimPy has no public way to resize a Resource. Fewer servers: jobs
            # under way finish, new ones wait; more: waiting jobs start now.
            self.servers._capacity = int(value)
            self.servers._trigger_put(None)
        elif knob == "backlog":
            rng = self.stream("backlog")
            for _ in range(int(value)):
                self.spawn(self._routine_job(self._duration(rng)))
        elif knob == "duration":
            self.fixed_duration = value
        else:
            super().set_knob(knob, value)

    def _mislead(self, revealed: dict) -> list[str]:
        """Make each revealed field wrong with `p_wrong`; return the fields made wrong.
        One draw per field whatever the outcome, so the stream stays aligned."""
        spec = self.spec
        if not spec.p_wrong:
            return []
        rng, wrong = self.stream("wrong"), []
        for name in list(revealed):
            u, pick = rng.random(), rng.random()
            if u >= spec.p_wrong:
                continue
            others = [v for v in spec.wrong_values.get(name, []) if str(v) != str(revealed[name])]
            revealed[name] = others[int(pick * len(others))] if others else "inconclusive"
            wrong.append(name)
        return wrong

    def _measure(self, truth: dict, seconds: float) -> dict:
        """What the survey meter and RIID show, drawn from this service's own streams."""
        spec = self.spec
        rate = float(truth.get("dose_rate_uSv_h") or 0.0)
        # Meter error: one Gaussian draw per measurement, relative to the true reading.
        reading = max(0.0, rate * (1.0 + self.stream("survey").gauss(0.0, spec.reading_error)))
        # The reading is gross; the scenario's background (carried in the truth by
        # the world process that made it) comes off once, for the officer's dose
        # above background and the RIID's signal over background.
        background = float(truth.get("background_uSv_h") or MADRID_BACKGROUND_uSv_h)
        net = max(rate - background, 0.0)
        out = {"dose_rate_uSv_h": round(reading, 2),
               "officer_dose_uSv": round(net / spec.officer_distance_m ** 2 * seconds / 3600.0, 3)}
        if "nuclide" in spec.reveals:
            if truth.get("nuclide"):
                ident = identify(truth["nuclide"], float(truth.get("shielding_hvl", 0.0)), self.stream("riid"),
                                 norm_masking=bool(truth.get("norm_masking")),
                                 signal_to_background=net / background)
                out["nuclide"], out["riid_class"] = ident.reported, ident.category or "unknown"
            else:
                out["nuclide"], out["riid_class"] = "none", "background"
        return out
