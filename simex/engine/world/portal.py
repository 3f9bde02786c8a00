"""Radiation portal monitors at a crossing, a seaport, a rail border or an
event gate: traffic, innocent and false alarms, declared shipments, and the
conveyances that really carry material out of regulatory control.

Traffic is a Poisson stream at `vehicles_per_hour` while the portal is open
(`opening_hours`, in the operator's local time). Each ordinary conveyance
alarms innocently (NORM cargo, a nuclear-medicine patient) with
`p_innocent`, falsely on background statistics with `p_false` (gamma) or
`p_neutron_false` (neutron). Only the conveyances that alarm become events:
the alarming ones form a thinned Poisson stream at rate
`vehicles_per_hour x p`, and the quiet ones in between are counted with one
Poisson draw (at rate `vehicles_per_hour x (1 - p)` over the gap), so a
conveyance's number (`RPM-00042`) is still its place in the traffic. The
draw is exact at every mean and costs a few uniforms whatever the mean
(poisson.py: inversion below a mean of 10, Hörmann's PTRS from 10 up), not
one per quiet vehicle: innocent traffic costs nothing per vehicle.

The operator sees what the RPM shows (conveyance, lane, gamma sigma, the
neutron channel), never the cause; the cause is ground truth that a
secondary inspection or a reachback service can reveal. Alarm levels come
from one counting model for all causes (portal_signal.py), so a harmless
load can read higher than a shielded threat.

A threat's or a declared shipment's chance to alarm is physics
(simex.domain.detection): the dose rate its source gives at the panel
against the background counted over one occupancy, unless the scenario
fixes `p_detect`. A neutron emitter alarms the neutron channel (assumption:
always, unless `p_detect` is fixed). One background, the scenario's, applied
once: every ground-truth reading at 1 m is gross, background included.

An alarmed conveyance waits at the portal until it is cleared; the change
`remove` ("the truck drove off") takes it off the lanes: the operator sees
`left`, and a service keyed to it finds nothing there.
"""
from __future__ import annotations

from bisect import bisect
from itertools import accumulate

import simpy

from simex.domain import alarm_probability_for_dose_rate, nuclide
from simex.engine.world.base import WorldProcess, make_world_event
from simex.engine.world.poisson import poisson
from simex.engine.world.portal_signal import (
    background_sigma, consignment_truth, false_alarm_sigma, innocent_draw, innocent_draw_args, monitor,
    sigma_over, source_rate_at_1m, threat_truth,
)
from simex.domain.detection import false_alarm_probability
from simex.languages import N_
from simex.reasons import Listed, Reason
from simex.scenario.model import PortalMonitor
from simex.scenario.text import tr

__all__ = ["PortalMonitorProcess", "source_rate_at_1m", "threat_truth"]


class PortalMonitorProcess(WorldProcess):
    spec: PortalMonitor

    def start(self) -> None:
        spec = self.spec
        self.t0 = self.ctx.env.now              # a consignment's `at` counts from here (pre-roll included)
        self.passed = 0
        self.alarms = 0
        self.at_portal: dict[str, int] = {}    # alarmed conveyance -> its lane, until it leaves
        self.monitor = monitor(spec)
        # A conveyance's number follows it: RPM-00042. %-formatting with the
        # prefix in the template is a third cheaper than an f-string's `:05d`.
        self._number = spec.id.upper().replace("%", "%%") + "-%05d"
        self.p_false = false_alarm_probability(self.monitor) if spec.p_false is None else spec.p_false
        # random.choices with these cumulative weights draws exactly as with the
        # weights themselves, which it would otherwise add up for every alarm.
        self._cause_weights = list(accumulate(c.weight for c in spec.innocent_causes))
        self._always_open = spec.opening_hours == "24/7"   # no clock to consult for each alarm
        # Read at every alarm: plain attributes, not the scenario model's.
        self._background, self._p_innocent = spec.background_uSv_h, spec.p_innocent
        self._threshold, self._conveyance, self._operator = spec.threshold_sigma, spec.conveyance, spec.operator
        # Per innocent cause, in the scenario's order (the weights'), what an
        # alarm of it reads: gamma, neutron, nuclide, cargo as the truth words
        # it (English), and the reading's parameters (innocent_draw_args).
        self._innocent = [(c.gamma, c.neutron, c.nuclide, tr(c.cargo), innocent_draw_args(c, spec))
                          for c in spec.innocent_causes]
        self._norm = innocent_draw_args(_NORM, spec)    # the cause when a scenario lists none
        self.vehicles_per_hour = spec.vehicles_per_hour    # the `traffic` knob turns it
        self._traffic_process = self.spawn(self._traffic()) if self._p_alarm() > 0 else None
        for number, threat in enumerate(spec.threats, start=1):
            self.spawn(self._consignment(f"threat{number}", threat, "threat"))
        for number, shipment in enumerate(spec.shipments, start=1):
            self.spawn(self._consignment(f"shipment{number}", shipment, "licensed"))

    def _p_alarm(self) -> float:
        return min(1.0, self.spec.p_innocent + self.p_false + self.spec.p_neutron_false)

    def _open_from(self, t: float) -> float:
        if self._always_open:
            return t
        return self.ctx.open_from(self.spec.opening_hours, self.spec.operator, t)

    def _traffic(self):
        spec, env = self.spec, self.ctx.env
        gaps, kinds, lanes = self.stream("arrivals"), self.stream("alarms"), self.stream("lanes")
        quiet = self.stream("quiet")
        p = self._p_alarm()
        n = 0
        t = last = self._open_from(env.now)
        lane_end, number = spec.lanes + 1, self._number      # read once: the model's attributes cost
        while True:
            rate = self.vehicles_per_hour * p / 3600.0
            if rate <= 0:     # no traffic (the knob): wait until it is turned again
                try:
                    yield env.event()
                except simpy.Interrupt:
                    t = last = self._open_from(env.now)
                continue
            t += gaps.expovariate(rate)
            opens = self._open_from(t)
            if opens > t:
                # Closed at t: no alarm came before closing, and a Poisson
                # stream has no memory, so the next one is drawn from opening.
                # (The quiet traffic of the open time before closing is not
                # counted: a small undercount, on the side of fewer vehicles.)
                t = last = opens
                continue
            # The quiet conveyances since the last alarm: an independent Poisson
            # stream at rate x (1 - p), counted over the open time that passed.
            quiet_rate = self.vehicles_per_hour * (1.0 - p) / 3600.0
            skipped = poisson(quiet, quiet_rate * (t - last))
            since, last = last, t
            try:
                yield env.timeout(t - env.now)
            except simpy.Interrupt:
                # The traffic knob turned. A Poisson stream has no memory, so the
                # next alarm is drawn afresh at the new rate from now; the quiet
                # traffic so far is counted at the old rate (a fresh draw, since
                # the one above covered time that did not pass).
                passed = poisson(quiet, quiet_rate * max(0.0, env.now - since))
                n += passed
                self.passed += passed
                t = last = self._open_from(env.now)
                continue
            n += skipped + 1
            self.passed += skipped + 1
            # randrange(1, lanes + 1) is what randint(1, lanes) calls: the same draw, a call fewer.
            self._ordinary(number % n, lanes.randrange(1, lane_end), kinds.random() * p, kinds)

    def _ordinary(self, vehicle: str, lane: int, u: float, kinds) -> None:
        """An ordinary conveyance that alarmed; `u` in [0, p) picks the cause."""
        background, p_innocent = self._background, self._p_innocent
        if u < p_innocent:
            if self._innocent:
                gamma, neutron, nuclide, cargo, reading = _choice(self._innocent, self._cause_weights, kinds)
            else:
                gamma, neutron, nuclide, cargo, reading = True, False, "K-40", "NORM cargo", self._norm
            if gamma:
                net, sigma = innocent_draw(*reading, kinds, self.monitor)
            else:
                net, sigma = 0.0, background_sigma(kinds)
            truth = {"cause": "innocent", "nuclide": nuclide, "cargo": cargo,
                     "dose_rate_uSv_h": round(background + net, 3), "background_uSv_h": background}
            self._alarm(vehicle, lane, sigma, bool(neutron), truth)
            return
        # Statistics: nothing but background is there to measure.
        truth = {"cause": "false", "nuclide": "", "cargo": "", "dose_rate_uSv_h": background,
                 "background_uSv_h": background}
        if u < p_innocent + self.p_false:
            self._alarm(vehicle, lane, false_alarm_sigma(self._threshold, kinds), False, truth)
        else:
            self._alarm(vehicle, lane, background_sigma(kinds), True, truth)

    def _consignment(self, stream: str, item, cause: str):
        env = self.ctx.env
        arrives = self._open_from(self.t0 + item.at)
        yield env.timeout(max(0.0, arrives - env.now))
        rng = self.stream(stream)
        lane = self.stream("lanes").randint(1, self.spec.lanes)
        self.passed += 1
        truth = consignment_truth(item, cause, self.spec.background_uSv_h)
        m = self.monitor
        # The monitor counts the source over its background: only the net rate alarms.
        at_detector = source_rate_at_1m(item) / item.distance_m ** 2
        p_gamma = (item.p_detect if item.p_detect is not None
                   else alarm_probability_for_dose_rate(at_detector, m))
        neutron = item.neutron or nuclide(item.nuclide).neutron_emitter
        truth["p_alarm"] = round(p_gamma if item.p_detect is not None or not neutron else 1.0, 4)
        # Two draws whatever the branch, so the stream stays aligned across outcomes.
        u, noise = rng.random(), rng.gauss(0.0, 1.0)
        gamma = u < p_gamma
        if gamma or (neutron and item.p_detect is None):
            sigma = sigma_over(at_detector, noise, m, gamma)
            self._alarm(item.vehicle, lane, sigma, neutron, truth, item.manifest)
        else:
            self.ctx.truth[item.vehicle] = truth
            self.world_event("undetected", observer="", facts={"vehicle": item.vehicle, "lane": lane},
                             truth=truth)

    def _alarm(self, vehicle: str, lane: int, sigma: float, neutron: bool, truth: dict,
               manifest=None) -> None:
        self.alarms += 1
        self.ctx.truth[vehicle] = truth
        self.at_portal[vehicle] = lane
        gamma = sigma >= self._threshold
        channel = "gamma+neutron" if gamma and neutron else ("neutron" if neutron else "gamma")
        facts = {"vehicle": vehicle, "conveyance": self._conveyance, "lane": lane,
                 "gamma_sigma": round(sigma, 1), "neutron": neutron, "channel": channel}
        if manifest is not None:
            facts["manifest"] = tr(manifest)
        # world_event inlined, by position (t, process, name, observer, facts, truth): every alarm.
        self._emit(make_world_event(self._env.now, self._id, "alarm", self._operator, facts, truth))
        self.ctx.set_state(self._id, "alarms", self.alarms)

    # --- changes --------------------------------------------------------------

    def set_knob(self, knob: str, value: float) -> None:
        """`traffic`: conveyances per hour from now."""
        self.vehicles_per_hour = value
        if self._traffic_process is not None and self._traffic_process.is_alive:
            self._traffic_process.interrupt("traffic")

    def check_change(self, change) -> Reason | None:
        if change.key not in self.at_portal:
            return Reason(N_("no conveyance {key!r} waits at {process}; waiting there: {held}"), key=change.key,
                          process=self.spec.id, held=Listed(sorted(self.at_portal)) or Reason(N_("none")))
        return None

    def change(self, change) -> None:
        """`remove`: the conveyance leaves the lanes (an inject naming one that
        is not there, not yet arrived or already gone, changes nothing)."""
        lane = self.at_portal.pop(change.key, None)
        if lane is None:
            return
        self.ctx.truth[change.key] = {**self.ctx.truth[change.key], "present": False}
        self.world_event("left", observer=self.spec.operator,
                         facts={"vehicle": change.key, "conveyance": self.spec.conveyance, "lane": lane})


def _choice(population: list, cum_weights: list[float], rng):
    """`rng.choices(population, cum_weights=cum_weights)[0]`, the same draw
    and the same pick, without building a list for one item."""
    return population[bisect(cum_weights, rng.random() * (cum_weights[-1] + 0.0), 0, len(population) - 1)]


class _Norm:
    """The innocent cause when a scenario lists none: NORM cargo."""
    nuclide, cargo, dose_rate_uSv_h, spread, gamma, neutron = "K-40", "NORM cargo", None, 1.0, True, False


_NORM = _Norm()
