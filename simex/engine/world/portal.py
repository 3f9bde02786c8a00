"""Radiation portal monitors at a crossing: traffic, innocent and false
alarms, and the conveyances that really carry material out of regulatory
control.

Traffic is a Poisson stream (exponential gaps at `vehicles_per_hour`). Each
ordinary vehicle alarms innocently (NORM cargo, a nuclear-medicine patient)
with `p_innocent` or falsely (statistics, equipment) with `p_false`. The
operator sees what the RPM shows (lane, gamma sigma, neutron flag), never
the cause; the cause is ground truth that a secondary inspection or a
reachback service can reveal.

A threat's chance to alarm is physics (simex.domain.detection): the dose
rate its source gives at the detector panel, against the background counted
over one occupancy, unless the scenario fixes `p_detect`.

One background, the scenario's `background_uSv_h`, applied once: every
ground-truth reading (`dose_rate_uSv_h`, what a meter at 1 m shows) is gross,
background included, for a real source as for NORM or a false alarm, and the
truth carries `background_uSv_h` so a survey can take it off again.
"""
from __future__ import annotations

import math

from simex.domain import alarm_probability_for_dose_rate, classify, dose_rate, nuclide
from simex.domain.categories import PRACTICES
from simex.domain.detection import DEFAULT_CPS_PER_uSv_h, PortalMonitor as RpmModel
from simex.engine.world.base import WorldProcess
from simex.scenario.model import PortalMonitor
from simex.scenario.text import tr


class PortalMonitorProcess(WorldProcess):
    spec: PortalMonitor

    def start(self) -> None:
        self.passed = 0
        self.alarms = 0
        self.spawn(self._traffic())
        for number, threat in enumerate(self.spec.threats, start=1):
            self.spawn(self._threat(number, threat))

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
                # Innocent alarms sit just above the threshold (NORM, patients);
                # the dose rate at 1 m a survey meter would read follows from the
                # alarm strength through the same counting model.
                sigma = kinds.uniform(spec.threshold_sigma + 0.2, 2.25 * spec.threshold_sigma)
                truth = {"cause": "innocent", "nuclide": cause.nuclide if cause else "K-40",
                         "cargo": tr(cause.cargo) if cause else "NORM cargo",
                         "dose_rate_uSv_h": self._reading_at_1m(sigma),
                         "background_uSv_h": spec.background_uSv_h}
                self._alarm(self._vehicle_id(n), lanes.randint(1, spec.lanes), round(sigma, 1), False, truth)
            elif u < spec.p_innocent + spec.p_false:
                # Statistics or equipment: nothing but background is there to measure.
                truth = {"cause": "false", "nuclide": "", "cargo": "", "dose_rate_uSv_h": spec.background_uSv_h,
                         "background_uSv_h": spec.background_uSv_h}
                self._alarm(self._vehicle_id(n), lanes.randint(1, spec.lanes),
                            round(kinds.uniform(spec.threshold_sigma, spec.threshold_sigma + 0.8), 1), False, truth)

    def _reading_at_1m(self, sigma: float, distance_m: float = 2.0) -> float:
        """Gross dose rate at 1 m from a load whose net signal gave `sigma` at the panel."""
        m = self._monitor()
        b = m.background_cps * m.count_time_s
        net_at_panel = sigma * math.sqrt(b) / (m.cps_per_uSv_h * m.count_time_s)
        return round(self.spec.background_uSv_h + net_at_panel * distance_m ** 2, 3)

    def _threat(self, number: int, threat):
        yield self.ctx.env.timeout(threat.at)
        rng = self.stream(f"threat{number}")
        lane = self.stream("lanes").randint(1, self.spec.lanes)
        self.passed += 1
        truth = threat_truth(threat, self.spec.background_uSv_h)
        monitor = self._monitor()
        # The monitor counts the source over its background: only the net rate alarms.
        at_detector = source_rate_at_1m(threat) / threat.distance_m ** 2
        p_alarm = (threat.p_detect if threat.p_detect is not None
                   else alarm_probability_for_dose_rate(at_detector, monitor))
        truth["p_alarm"] = round(p_alarm, 4)
        # Two draws whatever the branch, so the stream stays aligned across outcomes.
        u, noise = rng.random(), rng.gauss(0.0, 1.0)
        neutron = threat.neutron or nuclide(threat.nuclide).neutron_emitter
        if u < p_alarm:
            b = monitor.background_cps * monitor.count_time_s
            s = at_detector * monitor.cps_per_uSv_h * monitor.count_time_s
            # Reported sigma: net counts over sqrt(background), with Poisson noise,
            # and at least the threshold since the monitor did alarm.
            sigma = max(monitor.threshold_sigma + 0.1, (s + noise * math.sqrt(b + s)) / math.sqrt(b))
            self._alarm(threat.vehicle, lane, round(sigma, 1), neutron, truth, threat.manifest)
        else:
            self.ctx.truth[threat.vehicle] = truth
            self.world_event("undetected", observer="", facts={"vehicle": threat.vehicle, "lane": lane},
                             truth=truth)

    def _monitor(self) -> RpmModel:
        spec = self.spec
        return RpmModel(background_cps=spec.background_uSv_h * DEFAULT_CPS_PER_uSv_h,
                        count_time_s=spec.count_time_s, threshold_sigma=spec.threshold_sigma)

    def _alarm(self, vehicle: str, lane: int, sigma: float, neutron: bool, truth: dict,
               manifest=None) -> None:
        self.alarms += 1
        self.ctx.truth[vehicle] = truth
        facts = {"vehicle": vehicle, "lane": lane, "gamma_sigma": sigma, "neutron": neutron}
        if manifest is not None:
            facts["manifest"] = tr(manifest)
        self.world_event("alarm", observer=self.spec.operator, facts=facts, truth=truth)
        self.ctx.set_state(self.spec.id, "alarms", self.alarms)


def source_rate_at_1m(threat) -> float:
    """The source's own dose rate (µSv/h, H*(10)) at 1 m, above background."""
    if threat.dose_rate_uSv_h is not None:
        return threat.dose_rate_uSv_h
    if threat.activity_tbq:
        return dose_rate(threat.activity_tbq, 1.0, nuclide=threat.nuclide, hvl=threat.shielding_hvl).uSv_h
    return 1.0


def threat_truth(threat, background_uSv_h: float) -> dict:
    """What is really in the conveyance: cause, nuclide, the reading at 1 m
    (source plus background, as a meter shows it), and, when the activity is
    known, its A/D category (what reachback estimates)."""
    rate = source_rate_at_1m(threat) + background_uSv_h
    truth = {"cause": "threat", "nuclide": threat.nuclide, "cargo": tr(threat.description),
             "dose_rate_uSv_h": round(rate, 3), "background_uSv_h": background_uSv_h,
             "shielding_hvl": threat.shielding_hvl,
             "norm_masking": threat.norm_masking}
    if threat.activity_tbq:
        truth["activity_tbq"] = threat.activity_tbq
        n = nuclide(threat.nuclide)
        if n.d_value_tbq:
            known = threat.practice and threat.practice.strip().lower() in PRACTICES
            c = classify(threat.activity_tbq, n, threat.practice if known else None)
            # Both rankings (RS-G-1.9): an A/D band can sit below the practice's category.
            truth["category"] = c.ad_category
            truth["category_note"] = c.note
    if threat.licence:
        truth["licence"] = threat.licence
    return truth
