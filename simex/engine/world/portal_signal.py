"""What a portal's detectors read for one occupancy: the counting model
(simex.domain.detection) turned into an alarm level in sigma, for a real
source, a harmless one (NORM, a nuclear-medicine patient) or background
alone. One model for all, so alarm levels overlap as they do at real
crossings: a weak or shielded threat can read lower than a load of tiles,
and a patient after a scan far higher than either (docs/reference-data.md,
"Portal statistics")."""
from __future__ import annotations

import math
import random

from simex.domain import classify, dose_rate
from simex.domain.categories import PRACTICES
from simex.domain.detection import DEFAULT_CPS_PER_uSv_h, PortalMonitor as RpmModel
from simex.domain.nuclides import NUCLIDES, nuclide
from simex.scenario.model import PortalMonitor
from simex.scenario.text import tr

# Distance from a conveyance's load to the detector panel, m (assumption: a
# lane is about 4 m wide; a pedestrian or a bag passes close to the pillar).
PANEL_DISTANCE_M = {"vehicle": 2.0, "container": 2.0, "rail_wagon": 2.5, "pedestrian": 0.5, "baggage": 0.3}
# Median net dose rate at 1 m of a harmless load, µSv/h, by the nuclide's
# class (assumption, docs/reference-data.md): bulk NORM cargo tens of nSv/h
# above background; a nuclear-medicine patient microsieverts per hour.
DEFAULT_INNOCENT_uSv_h = {"NORM": 0.05, "medical": 5.0}
_TRIES = 64   # draws of a harmless load's strength before settling on a threshold alarm


def monitor(spec: PortalMonitor) -> RpmModel:
    return RpmModel(background_cps=spec.background_uSv_h * DEFAULT_CPS_PER_uSv_h,
                    count_time_s=spec.count_time_s, threshold_sigma=spec.threshold_sigma)


def sigma_for(net_at_panel_uSv_h: float, noise: float, m: RpmModel) -> float:
    """Net counts over sqrt(background), with one Gaussian draw of Poisson noise."""
    b = m.background_cps * m.count_time_s
    s = max(0.0, net_at_panel_uSv_h) * m.cps_per_uSv_h * m.count_time_s
    return (s + noise * math.sqrt(b + s)) / math.sqrt(b)


def sigma_over(net_at_panel_uSv_h: float, noise: float, m, gamma: bool) -> float:
    """A consignment's gamma reading: at least the threshold when the gamma
    channel alarmed, below it when only the neutron channel did."""
    sigma = sigma_for(net_at_panel_uSv_h, noise, m)
    if gamma:
        return max(m.threshold_sigma + 0.1, sigma)
    return min(sigma, m.threshold_sigma - 0.1)


def innocent_median(cause) -> float:
    if cause.dose_rate_uSv_h is not None:
        return cause.dose_rate_uSv_h
    known = NUCLIDES.get(cause.nuclide)
    return DEFAULT_INNOCENT_uSv_h["medical" if known and known.category == "medical" else "NORM"]


def innocent_draw_args(cause, spec: PortalMonitor) -> tuple[float, float, float, float]:
    """What an innocent alarm's reading needs of its cause and portal, read
    once per cause by its caller (the portal, at every alarm): (median net
    dose rate at 1 m, log-normal spread, the panel distance squared, the
    alarm threshold in sigma)."""
    return innocent_median(cause), cause.spread, PANEL_DISTANCE_M[spec.conveyance] ** 2, spec.threshold_sigma


def innocent_draw(median: float, spread: float, square: float, threshold: float, rng: random.Random,
                  m: RpmModel) -> tuple[float, float]:
    """(net dose rate at 1 m, gamma sigma) of a harmless load that alarmed,
    from innocent_draw_args: the load's strength drawn log-normal, kept when
    its reading crosses the threshold (the alarm is given; its level is
    not). `m`: the portal's counting model (monitor(spec))."""
    gauss = rng.gauss
    for _ in range(_TRIES):
        rate = median * math.exp(gauss(0.0, spread))
        sigma = sigma_for(rate / square, gauss(0.0, 1.0), m)
        if sigma >= threshold:
            return rate, sigma
    # A load too weak to alarm more than once in 64 draws: it alarms just over.
    b = m.background_cps * m.count_time_s
    rate = threshold * math.sqrt(b) / (m.cps_per_uSv_h * m.count_time_s) * square
    return rate, threshold + 0.1


def background_sigma(rng: random.Random) -> float:
    """A reading with nothing but background: standard normal, below any threshold that matters."""
    return rng.gauss(0.0, 1.0)


def false_alarm_sigma(threshold: float, rng: random.Random) -> float:
    """Background alone over the threshold: the Gaussian tail beyond k is
    close to k + Exp(k) (Mills ratio), so statistical alarms sit just over it."""
    return threshold + rng.expovariate(max(threshold, 0.5))


def source_rate_at_1m(threat) -> float:
    """The source's own dose rate (µSv/h, H*(10)) at 1 m, above background."""
    if threat.dose_rate_uSv_h is not None:
        return threat.dose_rate_uSv_h
    if threat.activity_tbq:
        return dose_rate(threat.activity_tbq, 1.0, nuclide=threat.nuclide, hvl=threat.shielding_hvl).uSv_h
    return 1.0


def consignment_truth(item, cause: str, background_uSv_h: float) -> dict:
    """What is really in the conveyance: cause (`threat` or `licensed`),
    nuclide, the reading at 1 m (source plus background, as a meter shows
    it), and, when the activity is known, its A/D category (what reachback
    estimates)."""
    rate = source_rate_at_1m(item) + background_uSv_h
    truth = {"cause": cause, "nuclide": item.nuclide, "cargo": tr(item.description),
             "dose_rate_uSv_h": round(rate, 3), "background_uSv_h": background_uSv_h,
             "shielding_hvl": item.shielding_hvl,
             "norm_masking": item.norm_masking}
    if item.activity_tbq:
        truth["activity_tbq"] = item.activity_tbq
        n = nuclide(item.nuclide)
        if n.d_value_tbq:
            known = item.practice and item.practice.strip().lower() in PRACTICES
            c = classify(item.activity_tbq, n, item.practice if known else None)
            # Both rankings (RS-G-1.9): an A/D band can sit below the practice's category.
            truth["category"] = c.ad_category
            truth["category_note"] = c.note
    if item.licence:
        truth["licence"] = item.licence
    return {**item.truth, **truth}      # the author's fields add to the engine's, never replace them


def threat_truth(threat, background_uSv_h: float) -> dict:
    return consignment_truth(threat, "threat", background_uSv_h)
