"""IAEA source categories 1-5: by A/D ratio and by practice (primer §3.1, §3.2).

RS-G-1.9 ranks a sealed source both ways. They can disagree: an ageing
teletherapy head (a Category 1 practice) may sit in the Category 2 A/D band,
as Goiânia's did in 1987 (primer §5 item 4b). `classify` reports both, and
a scenario decides which one drives the response.

A/D bands, lower bound inclusive (primer §3.2):
    Cat 1: A/D >= 1000 [V]      Cat 2: 1000 > A/D >= 10 [V]
    Cat 3: 10 > A/D >= 1 [R]    Cat 4: 1 > A/D >= 0.01 [R]   Cat 5: A/D < 0.01 [V]
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from simex.domain.nuclides import Nuclide, nuclide as _nuclide
from simex.domain.practices import PRACTICES as _PRACTICES, practice as _practice, practice_names

# (category, lower bound of A/D), highest first.
AD_BANDS: tuple[tuple[int, float], ...] = ((1, 1000.0), (2, 10.0), (3, 1.0), (4, 0.01))

# Practice -> category: RS-G-1.9 Table 1 and its sub-practices (practices.py).
PRACTICES = _PRACTICES


@dataclass(frozen=True)
class Classification:
    """A source's hazard ranking, both ways, and whether the two agree."""

    a_over_d: float
    ad_category: int
    practice: str | None = None
    practice_category: int | None = None

    @property
    def agree(self) -> bool:
        return self.practice_category in (None, self.ad_category)

    @property
    def note(self) -> str:
        if self.agree:
            return f"A/D {self.a_over_d:.3g}: Category {self.ad_category}"
        return (f"A/D {self.a_over_d:.3g} is in the Category {self.ad_category} band, but "
                f"{self.practice} is a Category {self.practice_category} practice")


def _d_value(nuclide: str | Nuclide) -> float:
    n = _nuclide(nuclide)
    if n.d_value_tbq is None:
        raise ValueError(f"no D-value for {n.symbol} in the primer's table (§3.1)")
    return n.d_value_tbq


def a_over_d(activity_tbq: float, nuclide: str | Nuclide) -> float:
    """The ratio A/D of a source's activity to its nuclide's D-value."""
    return activity_tbq / _d_value(nuclide)


def aggregate_a_over_d(sources: Iterable[tuple[float, str | Nuclide]]) -> float:
    """Sum of A/D over co-located (activity_tbq, nuclide) sources (primer §3.2 [V])."""
    return sum(a_over_d(activity, n) for activity, n in sources)


def category_for_ratio(ratio: float) -> int:
    """Category 1-5 for an A/D ratio, lower band bounds inclusive."""
    if ratio < 0:
        raise ValueError(f"A/D cannot be negative, got {ratio!r}")
    for category, lower in AD_BANDS:
        if ratio >= lower:
            return category
    return 5


def category(activity_tbq: float, nuclide: str | Nuclide) -> int:
    """Category 1-5 of one source by its A/D band."""
    return category_for_ratio(a_over_d(activity_tbq, nuclide))


def cat1_threshold_tbq(nuclide: str | Nuclide) -> float:
    """Activity at which a source becomes Category 1: 1000·D (10 CFR 73 App. I [V])."""
    return 1000.0 * _d_value(nuclide)


def cat2_threshold_tbq(nuclide: str | Nuclide) -> float:
    """Activity at which a source becomes Category 2: 10·D (10 CFR 73 App. I [V])."""
    return 10.0 * _d_value(nuclide)


def practice_category(practice: str) -> int:
    """Category RS-G-1.9 assigns to a practice, e.g. 'teletherapy' -> 1."""
    found = _practice(practice)
    if found is None:
        raise KeyError(f"unknown practice {practice!r}; known: {', '.join(practice_names())}")
    return found.category


def classify(activity_tbq: float, nuclide: str | Nuclide, practice: str | None = None) -> Classification:
    """Both rankings of a single source; `practice` is optional."""
    ratio = a_over_d(activity_tbq, nuclide)
    return Classification(ratio, category_for_ratio(ratio), practice,
                          practice_category(practice) if practice else None)


def classify_aggregate(sources: Iterable[tuple[float, str | Nuclide]]) -> Classification:
    """Ranking of co-located sources taken together (sum of A/D)."""
    ratio = aggregate_a_over_d(sources)
    return Classification(ratio, category_for_ratio(ratio))
