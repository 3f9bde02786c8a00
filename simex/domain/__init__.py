"""Radiological domain physics and reference data for the nuclear-security families.

Pure Python, no UI, no engine: world models and scenarios call these
functions. Units: activity TBq, dose rates µSv/h, doses mSv, distances m,
durations h, half-lives and decay times days. Every reference value cites the
domain primer and its verification tag; see docs/reference-data.md.
"""
from simex.domain.categories import (
    Classification,
    a_over_d,
    aggregate_a_over_d,
    cat1_threshold_tbq,
    cat2_threshold_tbq,
    category,
    category_for_ratio,
    classify,
    classify_aggregate,
    practice_category,
)
from simex.domain.cordons import (
    initial_inner_cordon_m,
    inner_cordon_m,
    turn_back_dose_mSv,
)
from simex.domain.decay import decay, decay_factor, time_to_decay_below
from simex.domain.detection import (
    Identification,
    PortalMonitor,
    RiidModel,
    alarm_probability,
    alarm_probability_for_dose_rate,
    false_alarm_probability,
    identify,
    portal_alarms,
)
from simex.domain.dose import (
    DoseRate,
    Segment,
    accumulated_dose_mSv,
    activity_from_dose_rate_tbq,
    contour_radius_m,
    dose_mSv,
    dose_rate,
    half_value_layer_cm,
    stay_time_h,
    transmission,
)
from simex.domain.nuclides import NUCLIDES, GammaConstant, Nuclide, nuclide
from simex.domain.oil import OIL_SETS, ProtectiveAction, oils, protective_actions
from simex.domain.units import Quantity, ci_to_tbq, tbq_to_ci

__all__ = [
    "NUCLIDES", "OIL_SETS", "Classification", "DoseRate", "GammaConstant", "Identification",
    "Nuclide", "PortalMonitor", "ProtectiveAction", "Quantity", "RiidModel", "Segment",
    "a_over_d", "accumulated_dose_mSv", "activity_from_dose_rate_tbq", "aggregate_a_over_d",
    "alarm_probability", "alarm_probability_for_dose_rate", "cat1_threshold_tbq",
    "cat2_threshold_tbq", "category", "category_for_ratio", "ci_to_tbq", "classify",
    "classify_aggregate", "contour_radius_m", "decay", "decay_factor", "dose_mSv", "dose_rate",
    "false_alarm_probability", "half_value_layer_cm", "identify", "initial_inner_cordon_m",
    "inner_cordon_m", "nuclide", "oils", "portal_alarms", "practice_category",
    "protective_actions", "stay_time_h", "tbq_to_ci", "time_to_decay_below", "transmission",
    "turn_back_dose_mSv",
]
