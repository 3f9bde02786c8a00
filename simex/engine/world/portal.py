"""Radiation portal monitors at a crossing: traffic, innocent and false
alarms, and the conveyances that really carry material out of regulatory
control.

Traffic is a Poisson stream (exponential gaps at `vehicles_per_hour`). Each
ordinary vehicle alarms innocently (NORM cargo, a nuclear-medicine patient)
with `p_innocent` or falsely (statistics, equipment) with `p_false`. The
operator sees what the RPM shows (lane, gamma sigma, neutron flag), never
the cause; the cause is ground truth that a secondary inspection or a
reachback service can reveal.
"""
from __future__ import annotations

import math

from simex.engine.world.base import WorldProcess
from simex.scenario.model import PortalMonitor
from simex.scenario.text import tr


class PortalMonitorProcess(WorldProcess):
    spec: PortalMonitor

    def start(self) -> None:
        self.passed = 0
        self.alarms = 0
        env = self.ctx.env
        env.process(self._traffic())
        for number, threat in enumerate(self.spec.threats, start=1):
            env.process(self._threat(number, threat))

    def _vehicle_id(self, n: int) -> str:
        return f"{self.spec.id.upper()}-{n:05d}"

    def _traffic(self):
        spec = self.spec
        gaps, kinds, lanes = self.stream("arrivals"), self.stream("alarms"), self.stream("lanes")
        mean_gap = 3600.0 / spec.vehicles_per_hour
        causes = [c for c in spec.innocent_causes]
        weights = [c.weight for c in causes]
        n = 0
        while True:
            yield self.ctx.env.timeout(gaps.expovariate(1.0 / mean_gap))
            n += 1
            self.passed += 1
            u = kinds.random()
            if u < spec.p_innocent:
                cause = kinds.choices(causes, weights)[0] if causes else None
                truth = {"cause": "innocent", "nuclide": cause.nuclide if cause else "K-40",
                         "cargo": tr(cause.cargo) if cause else "NORM cargo",
                         "dose_rate_uSv_h": round(kinds.uniform(0.15, 0.6), 3)}
                self._alarm(self._vehicle_id(n), lanes.randint(1, spec.lanes),
                            round(kinds.uniform(3.2, 9.0), 1), False, truth)
            elif u < spec.p_innocent + spec.p_false:
                truth = {"cause": "false_alarm", "nuclide": "", "cargo": "", "dose_rate_uSv_h": 0.0}
                self._alarm(self._vehicle_id(n), lanes.randint(1, spec.lanes),
                            round(kinds.uniform(3.0, 4.2), 1), False, truth)

    def _threat(self, number: int, threat):
        yield self.ctx.env.timeout(threat.at)
        rng = self.stream(f"threat{number}")
        lane = self.stream("lanes").randint(1, self.spec.lanes)
        self.passed += 1
        truth = {"cause": "threat", "nuclide": threat.nuclide, "cargo": tr(threat.description),
                 "dose_rate_uSv_h": threat.dose_rate_uSv_h}
        if rng.random() < threat.p_detect:
            # Placeholder signal model until the physics-based one: the alarm
            # strength grows with the log of the dose rate at the monitor.
            sigma = round(4.0 + 6.0 * math.log10(1.0 + 10.0 * threat.dose_rate_uSv_h), 1)
            self._alarm(threat.vehicle, lane, sigma, threat.neutron, truth)
        else:
            self.ctx.truth[threat.vehicle] = truth
            self.world_event("undetected", observer="", facts={"vehicle": threat.vehicle, "lane": lane},
                             truth=truth)

    def _alarm(self, vehicle: str, lane: int, sigma: float, neutron: bool, truth: dict) -> None:
        self.alarms += 1
        self.ctx.truth[vehicle] = truth
        self.world_event("alarm", observer=self.spec.operator,
                         facts={"vehicle": vehicle, "lane": lane, "gamma_sigma": sigma, "neutron": neutron},
                         truth=truth)
        self.ctx.set_state(self.spec.id, "alarms", self.alarms)
