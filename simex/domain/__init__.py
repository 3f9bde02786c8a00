"""Radiological domain physics and reference data for the nuclear-security families.

Pure Python, no UI, no engine: world models and scenarios call these
functions. Units: activity TBq, dose rates µSv/h, doses mSv, distances m,
durations h, half-lives and decay times days. Every reference value cites the
domain primer and its verification tag; see docs/reference-data.md.
"""

import importlib

# `decay` is both a module and its function: bound here, so the name is the
# function whichever was imported first (decay loads only nuclides and units).
from simex.domain.decay import decay, decay_factor, time_to_decay_below

# What each other module offers, loaded on first use (PEP 562): a caller that
# needs one table does not pay for every model. `simex validate` reads the
# nuclides, practices and OIL sets, not the detection, dose or cordon models.
_MODULES = {
    "categories": ("Classification", "a_over_d", "aggregate_a_over_d", "cat1_threshold_tbq",
                   "cat2_threshold_tbq", "category", "category_for_ratio", "classify", "classify_aggregate",
                   "practice_category"),
    "cordons": ("initial_inner_cordon_m", "inner_cordon_m", "turn_back_dose_mSv"),
    "detection": ("Identification", "PortalMonitor", "RiidModel", "alarm_probability",
                  "alarm_probability_for_dose_rate", "false_alarm_probability", "identify", "portal_alarms"),
    "dose": ("DoseRate", "Segment", "accumulated_dose_mSv", "activity_from_dose_rate_tbq", "contour_radius_m",
             "dose_mSv", "dose_rate", "half_value_layer_cm", "stay_time_h", "transmission"),
    "nuclides": ("NUCLIDES", "GammaConstant", "Nuclide", "nuclide"),
    "oil": ("OIL_SETS", "ProtectiveAction", "oils", "protective_actions"),
    "units": ("Quantity", "ci_to_tbq", "tbq_to_ci"),
}
_WHERE = {name: module for module, names in _MODULES.items() for name in names}
__all__ = sorted([*_WHERE, "decay", "decay_factor", "time_to_decay_below"])


def __getattr__(name: str):
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
