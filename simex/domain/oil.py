"""Operational intervention levels (OILs) and the protective actions they trigger.

An OIL is a measurable proxy for a dose-based generic criterion (primer §1,
§3.7). OIL sets are national parameters, so they are data here: a scenario
names one. Rates are µSv/h of ambient dose equivalent at 1 m above ground,
unless an OIL says it is measured otherwise (OIL4 at 10 cm from skin), in
which case `protective_actions` does not apply it to an ambient reading.

`day` is days since the start of the emergency; "the first 10 days" means
day < 10. An OIL is triggered when the measurement exceeds it (strictly).
"""
from __future__ import annotations

import math
from dataclasses import dataclass

AMBIENT = "ambient dose equivalent rate at 1 m above ground"
SKIN = "dose rate at 10 cm from the skin (gamma)"


@dataclass(frozen=True)
class OIL:
    name: str
    uSv_h: float
    actions: tuple[str, ...]
    source: str
    from_day: float = 0.0  # inclusive
    until_day: float = math.inf  # exclusive
    measured: str = AMBIENT

    def applies_on(self, day: float) -> bool:
        return self.from_day <= day < self.until_day


@dataclass(frozen=True)
class ProtectiveAction:
    action: str
    oil: str
    threshold_uSv_h: float
    reason: str


# Iodine thyroid blocking belongs to OIL1 only for releases with radioiodine
# (GSG-2's OIL1 is set for reactor releases); `protective_actions` drops it
# otherwise, since for an RDD of Cs-137 it would be wrong advice.
ITB = "iodine thyroid blocking"
_EVACUATE = ("evacuate (shelter in place if evacuation is impossible)", "decontaminate", ITB)
_RELOCATE = ("temporary relocation",)
_FOOD = ("restrict local produce, rainwater and milk",)
_SKIN = ("skin decontamination", "medical check")

_POLAND = "Polish 2020 regulation implementing IAEA defaults (primer §3.7) [V]"
_ARPANSA = "ARPANSA RPS G-3 amended tables (primer §3.7) [V]"

OIL_SETS: dict[str, tuple[OIL, ...]] = {
    # IAEA defaults as the primer's §3.7 table gives them: GSG-2 values [R],
    # corroborated by the Polish regulation [V], with the EPR-NPP-OILs (2017)
    # late-phase OIL2 of 25 µSv/h after day 10.
    "IAEA-GSG-2": (
        OIL("OIL1", 1000.0, _EVACUATE, _POLAND + "; GSG-2 [R]"),
        OIL("OIL2", 100.0, _RELOCATE, _POLAND + "; GSG-2 [R]", until_day=10.0),
        OIL("OIL2", 25.0, _RELOCATE, "EPR-NPP-OILs 2017 split; " + _POLAND, from_day=10.0),
        OIL("OIL3", 1.0, _FOOD, _ARPANSA + " (aligned with international practice)"),
        OIL("OIL4", 1.0, _SKIN, _ARPANSA, measured=SKIN),
    ),
    # Australia's national variants: OIL1 500, OIL2 50/10 µSv/h [V]. The primer
    # does not say when 50 gives way to 10; day 10 (as in EPR-NPP-OILs) is an
    # assumption.
    "ARPANSA": (
        OIL("OIL1", 500.0, _EVACUATE, _ARPANSA),
        OIL("OIL2", 50.0, _RELOCATE, _ARPANSA, until_day=10.0),
        OIL("OIL2", 10.0, _RELOCATE, _ARPANSA + "; change at day 10 assumed", from_day=10.0),
        OIL("OIL3", 1.0, _FOOD, _ARPANSA),
        OIL("OIL4", 1.0, _SKIN, _ARPANSA, measured=SKIN),
    ),
    # Poland, reactor releases: the IAEA values with the day-10 split [V].
    "Poland": (
        OIL("OIL1", 1000.0, _EVACUATE, _POLAND),
        OIL("OIL2", 100.0, _RELOCATE, _POLAND, until_day=10.0),
        OIL("OIL2", 25.0, _RELOCATE, _POLAND, from_day=10.0),
    ),
    # Poland, non-reactor releases (e.g. an RDD): OIL2 is 25 µSv/h throughout [V].
    "Poland-non-reactor": (
        OIL("OIL1", 1000.0, _EVACUATE, _POLAND),
        OIL("OIL2", 25.0, _RELOCATE, _POLAND + " (non-reactor releases)"),
    ),
}


@dataclass(frozen=True)
class GenericCriterion:
    dose_mSv: float
    quantity: str
    period_days: float
    actions: tuple[str, ...]
    source: str


# GSR Part 7 / GSG-2 generic criteria: [R] (primer §3.7 and §6). The 1996 BSS
# levels are superseded and deliberately absent.
GENERIC_CRITERIA: tuple[GenericCriterion, ...] = (
    GenericCriterion(50.0, "thyroid equivalent dose", 7, ("iodine thyroid blocking",),
                     "GSR Part 7 / GSG-2 [R]"),
    GenericCriterion(100.0, "effective dose", 7,
                     ("shelter", "evacuate", "decontaminate", "restrict food"),
                     "GSR Part 7 / GSG-2 [R]; Germany NDWV §4 uses it for evacuation [V]"),
    GenericCriterion(100.0, "effective dose", 365, ("temporary relocation",),
                     "GSR Part 7 / GSG-2 [R]"),
    GenericCriterion(100.0, "effective dose", 30, ("medical screening", "registration"),
                     "GSR Part 7 / GSG-2 [R]"),
)


def oils(name: str) -> tuple[OIL, ...]:
    """The OILs of a named set, e.g. oils("ARPANSA")."""
    try:
        return OIL_SETS[name]
    except KeyError:
        raise KeyError(f"unknown OIL set {name!r}; known: {', '.join(OIL_SETS)}") from None


def protective_actions(dose_rate_uSv_h: float, day: float, oil_set: str = "IAEA-GSG-2", *,
                       radioiodine: bool = False) -> list[ProtectiveAction]:
    """Actions recommended for an ambient dose rate at 1 m on `day`, most urgent first.

    Every OIL the reading exceeds contributes its actions, with the OIL that
    triggered them and the reason in words. An empty list means no OIL is
    exceeded. Iodine thyroid blocking is included only if the release
    contains `radioiodine`.
    """
    if day < 0:
        raise ValueError(f"day counts from the start of the emergency, got {day!r}")
    rate = float(dose_rate_uSv_h)
    out: list[ProtectiveAction] = []
    for oil in oils(oil_set):
        if oil.measured != AMBIENT or not oil.applies_on(day) or rate <= oil.uSv_h:
            continue
        if math.isinf(oil.until_day):
            window = f", value from day {oil.from_day:g}" if oil.from_day else ""
        else:
            window = f", value before day {oil.until_day:g}"
        reason = (f"{rate:g} µSv/h at 1 m on day {day:g} exceeds {oil.name} = "
                  f"{oil.uSv_h:g} µSv/h ({oil_set}{window})")
        out.extend(ProtectiveAction(a, oil.name, oil.uSv_h, reason) for a in oil.actions
                   if a != ITB or radioiodine)
    return out
