"""Detection physics for world models: portal-monitor alarms and RIID identifications.

These are *models*, not facts. Every default below is a stated assumption,
kept as an explicit parameter so a scenario can change it; only the
calibration constants at the end come from the primer (§3.6, §5 item 9).
Randomness comes from a `random.Random` the caller passes in, so a seeded run
is reproducible.

Portal monitor (gamma channel of a plastic-scintillator RPM):
    B = background_cps · t            background counts in one occupancy
    S = cps_per_uSv_h · Ḋ_net · t     net counts from the source
    alarm if gross counts > B + k·sqrt(B)
    gross ~ Normal(B + S, sqrt(B + S))  (Poisson, Gaussian approximation)
    => P(alarm) = Φ((S - k·sqrt(B)) / sqrt(B + S)),  P(false alarm) = 1 - Φ(k)
Assumptions: background known exactly (long count between occupancies); no
shadowing of background by the vehicle; dose rate constant during the
occupancy (no speed profile); no energy-window or NORM-rejection algorithm,
so NORM alarms like any other gamma source; neutron channel not modelled.
"""
from __future__ import annotations

import math
import random
from dataclasses import dataclass

from simex.domain.dose import DEFAULT_QUANTITY, dose_rate
from simex.domain.nuclides import NUCLIDES, Nuclide, nuclide as _nuclide
from simex.domain.units import Quantity

# Madrid airport pedestrian portal: background 85 nSv/h (primer §3.6) [V].
MADRID_BACKGROUND_uSv_h = 0.085
# Assumption: a large PVT portal gives ~10,000 cps per µSv/h, i.e. ~850 cps
# of background at Madrid's level. Order of magnitude only.
DEFAULT_CPS_PER_uSv_h = 10_000.0


@dataclass(frozen=True)
class PortalMonitor:
    """Parameters of the counting model; all defaults are assumptions."""

    background_cps: float = MADRID_BACKGROUND_uSv_h * DEFAULT_CPS_PER_uSv_h
    cps_per_uSv_h: float = DEFAULT_CPS_PER_uSv_h
    count_time_s: float = 1.0  # a walking pedestrian's occupancy
    threshold_sigma: float = 4.0


def normal_cdf(x: float) -> float:
    return 0.5 * (1.0 + math.erf(x / math.sqrt(2.0)))


def false_alarm_probability(monitor: PortalMonitor = PortalMonitor()) -> float:
    """Chance per occupancy that background alone crosses the threshold."""
    return 1.0 - normal_cdf(monitor.threshold_sigma)


def alarm_probability_for_dose_rate(net_uSv_h: float,
                                    monitor: PortalMonitor = PortalMonitor()) -> float:
    """Chance one occupancy alarms, given the source's net dose rate (µSv/h) at the detector."""
    if monitor.background_cps <= 0 or monitor.count_time_s <= 0:
        raise ValueError("background count rate and count time must be positive")
    b = monitor.background_cps * monitor.count_time_s
    s = max(0.0, float(net_uSv_h)) * monitor.cps_per_uSv_h * monitor.count_time_s
    return normal_cdf((s - monitor.threshold_sigma * math.sqrt(b)) / math.sqrt(b + s))


def alarm_probability(activity_tbq: float, nuclide: str | Nuclide, distance_m: float, *,
                      shielding_hvl: float = 0.0, monitor: PortalMonitor = PortalMonitor(),
                      quantity: Quantity = DEFAULT_QUANTITY) -> float:
    """Chance one occupancy alarms for a source at `distance_m` behind `shielding_hvl` HVLs.

    Raises for nuclides without a gamma constant (pure beta, alpha or neutron
    sources): their gamma signal is not modelled, and the neutron channel is not.
    """
    rate = dose_rate(activity_tbq, distance_m, nuclide=nuclide, quantity=quantity,
                     hvl=shielding_hvl)
    return alarm_probability_for_dose_rate(rate.uSv_h, monitor)


def portal_alarms(net_uSv_h: float, rng: random.Random,
                  monitor: PortalMonitor = PortalMonitor()) -> bool:
    """Draw whether one occupancy alarms."""
    return rng.random() < alarm_probability_for_dose_rate(net_uSv_h, monitor)


@dataclass(frozen=True)
class RiidModel:
    """How likely a RIID is to name a nuclide right; all values are assumptions."""

    p_correct_unshielded: float = 0.95  # strong, unshielded, single nuclide
    hvl_halving: float = 3.0  # every 3 HVLs of shielding halves the chance of a right ID
    heavy_shielding_hvl: float = 5.0  # beyond this, the spectrum is mostly down-scatter
    p_norm_when_heavy: float = 0.7  # a down-scattered spectrum is read as NORM, else unknown
    p_masked_by_norm: float = 0.6  # a NORM load hides the source's lines
    snr_half: float = 1.0  # net/background ratio at which a weak source's chance halves


@dataclass(frozen=True)
class Identification:
    reported: str
    correct: bool
    reason: str

    @property
    def category(self) -> str | None:
        """The class an officer would infer: industrial, medical, NORM, SNM, or None."""
        if self.reported == "NORM":
            return "NORM"
        n = NUCLIDES.get(self.reported)
        return n.category if n else None


def identify(nuclide: str | Nuclide, shielding_hvl: float, rng: random.Random, *,
             norm_masking: bool = False, signal_to_background: float = math.inf,
             model: RiidModel = RiidModel()) -> Identification:
    """What a RIID reports for a source, with realistic error modes.

    Correct with probability p = p0 · 2^(-hvl/hvl_halving) · (1 - p_masked if
    NORM is present) · s/(s + snr_half). Otherwise: a NORM load or heavy
    shielding reads as "NORM" (or "unknown"); lighter shielding gives one of
    the nuclide's neighbour misidentifications (`Nuclide.riid_confusions`).
    Exactly three numbers are drawn from `rng` per call, whatever the branch,
    so one identification never shifts the stream for the rest of a run.
    """
    n = _nuclide(nuclide)
    u, v, w = rng.random(), rng.random(), rng.random()
    if n.riid_reports is None:
        return Identification("unknown", False, f"{n.symbol} has no gamma lines to identify")
    p = model.p_correct_unshielded * 0.5 ** (max(0.0, shielding_hvl) / model.hvl_halving)
    if norm_masking:
        p *= 1.0 - model.p_masked_by_norm
    if math.isfinite(signal_to_background):
        s = max(0.0, signal_to_background)
        p *= s / (s + model.snr_half)
    if u < p:
        return Identification(n.riid_reports, True, f"photopeaks of {n.symbol} resolved")
    if norm_masking or shielding_hvl >= model.heavy_shielding_hvl:
        why = "NORM lines dominate the spectrum" if norm_masking else (
            f"{shielding_hvl:g} HVLs of shielding leave mostly down-scattered photons")
        reported = "NORM" if w < model.p_norm_when_heavy else "unknown"
        return Identification(reported, reported == n.riid_reports, why)
    confusions = n.riid_confusions or ("unknown",)
    reported = confusions[min(int(v * len(confusions)), len(confusions) - 1)]
    return Identification(reported, reported == n.riid_reports,
                          f"lines of {n.symbol} matched a neighbouring library entry")


# --- Calibration from real programmes (primer §3.6, §5 item 9) -------------
# Madrid pedestrian portal, 2002: 39 alarms in 1,339,931 passengers over 108 days [V].
MADRID_ALARMS, MADRID_PASSENGERS, MADRID_DAYS = 39, 1_339_931, 108
PEDESTRIAN_ALARMS_PER_PASSENGER = MADRID_ALARMS / MADRID_PASSENGERS  # 2.9e-5 [D]
PEDESTRIAN_ALARMS_PER_DAY = MADRID_ALARMS / MADRID_DAYS  # 0.36 [D]
# PNNL re-tuning of CBP's RPMs removed >230,000 alarms/yr and >57,000 h/yr (FCW 2016) [V].
ALARMS_REMOVED_PER_YEAR, OFFICER_HOURS_SAVED_PER_YEAR = 230_000, 57_000
MINUTES_PER_ALARM = OFFICER_HOURS_SAVED_PER_YEAR * 60 / ALARMS_REMOVED_PER_YEAR  # ~15 [D]
# Reachback reply "about 10 minutes" (AP 2006 repost) [S].
REACHBACK_REPLY_MINUTES = 10.0
