"""Radioactive decay: A(t) = A0 · 2^(-t/T½) (primer §5 item 1).

Activities keep whatever unit they came in (TBq, GBq, Ci); times may be given
in days, years (365.25 d) or seconds and are added together. A negative time
back-calculates an earlier activity, e.g. the activity at manufacture.
"""
from __future__ import annotations

import math

from simex.domain.nuclides import Nuclide, nuclide as _nuclide
from simex.domain.units import elapsed_days


def decay_factor(*, nuclide: str | Nuclide, days: float = 0.0, years: float = 0.0,
                 seconds: float = 0.0) -> float:
    """Fraction of the activity left after the elapsed time (1.0 at t = 0)."""
    half_life = _nuclide(nuclide).half_life_days
    return 2.0 ** (-elapsed_days(days=days, years=years, seconds=seconds) / half_life)


def decay(activity: float, *, nuclide: str | Nuclide, days: float = 0.0, years: float = 0.0,
          seconds: float = 0.0) -> float:
    """Activity after the elapsed time, in the unit of `activity`."""
    return activity * decay_factor(nuclide=nuclide, days=days, years=years, seconds=seconds)


def time_to_decay_below(activity: float, threshold: float, nuclide: str | Nuclide) -> float:
    """Days until `activity` falls to `threshold` (same unit); 0 if it already has.

    Used for "when does this source drop out of Category 2" (threshold 10·D)
    or "when is it no longer dangerous" (threshold D), primer §5 item 7.
    """
    if threshold <= 0:
        raise ValueError(f"threshold must be positive, got {threshold!r}")
    if activity <= threshold:
        return 0.0
    return _nuclide(nuclide).half_life_days * math.log2(activity / threshold)
