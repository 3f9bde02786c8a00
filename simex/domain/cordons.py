"""First-responder cordons and turn-back doses (IAEA EPR-First Responders 2006, primer §3.8).

The incident commander sets an initial inner cordon from the situation alone,
then expands it to wherever 100 µSv/h is measured. `inner_cordon_m` does both:
the table radius, widened to a measured or modelled 100 µSv/h contour.

Turn-back doses: a scenario picks one labelled guidance set ("IAEA-2006" or
"GSR-Part-7") and keeps it; the primer warns against mixing them.
"""
from __future__ import annotations

from dataclasses import dataclass

from simex.domain.dose import DEFAULT_QUANTITY, contour_radius_m
from simex.domain.nuclides import Nuclide
from simex.domain.units import Quantity

_TI1 = ("IAEA EPR-First Responders 2006, ti1-inner-cordoned-area.htm "
        "(primer §3.8) [V]")
_TI2 = "IAEA EPR-First Responders 2006, ti2.htm (primer §3.8) [V]"

# Expand the inner cordon to where this ambient dose rate is measured [V].
EXPANSION_DOSE_RATE_uSv_h = 100.0
# Personnel rules [V ti2]: only life-saving actions within 1 m of a suspected
# dangerous source, or within 100 m of a fire or explosion without respiratory
# protection; minimise time spent within 10 m.
LIFE_SAVING_ONLY_WITHIN_M = 1.0
NO_RESPIRATOR_FIRE_LIMIT_M = 100.0
MINIMISE_TIME_WITHIN_M = 10.0


@dataclass(frozen=True)
class CordonRule:
    situation: str
    radius_m: float | None  # None: defined by the building, not a distance
    description: str
    source: str = _TI1


INNER_CORDON: dict[str, CordonRule] = {r.situation: r for r in (
    CordonRule("unshielded_source_outdoors", 30.0,
               "unshielded or damaged potentially dangerous source, outdoors: 30 m around"),
    CordonRule("major_spill", 100.0,
               "major spill from a potentially dangerous source: 100 m around"),
    CordonRule("fire_explosion", 300.0,
               "fire, explosion or fumes involving a potentially dangerous source: 300 m radius"),
    # The table says "400 m or more": 400 is the minimum.
    CordonRule("suspected_rdd", 400.0,
               "suspected bomb (potential RDD), exploded or not: 400 m or more"),
    CordonRule("building_damage", None,
               "inside a building, damage, loss of shielding or spill: affected and adjacent "
               "areas, including floors above and below"),
    CordonRule("building_fire", 300.0,
               "inside a building, fire or ventilation spread: the entire building plus the "
               "outdoor fire distance (300 m)"),
)}


def initial_inner_cordon_m(situation: str) -> float:
    """The table's initial inner-cordon radius in metres for `situation`."""
    rule = INNER_CORDON.get(situation)
    if rule is None:
        raise KeyError(f"unknown situation {situation!r}; known: {', '.join(INNER_CORDON)}")
    if rule.radius_m is None:
        raise ValueError(f"{situation}: the cordon is {rule.description}, not a radius")
    return rule.radius_m


def inner_cordon_m(situation: str, *, measured_contour_m: float | None = None,
                   activity_tbq: float | None = None, nuclide: str | Nuclide | None = None,
                   quantity: Quantity = DEFAULT_QUANTITY) -> float:
    """Initial radius, widened to the 100 µSv/h contour if that lies further out.

    The contour comes from a measurement (`measured_contour_m`) or, if the
    activity and nuclide are known, from the point-source model. Never shrinks
    below the table value: the table is a minimum until measurements say more.
    """
    radius = initial_inner_cordon_m(situation)
    if measured_contour_m is not None:
        radius = max(radius, measured_contour_m)
    if activity_tbq is not None and nuclide is not None:
        radius = max(radius, contour_radius_m(activity_tbq, EXPANSION_DOSE_RATE_uSv_h,
                                              nuclide=nuclide, quantity=quantity))
    return radius


@dataclass(frozen=True)
class TurnBack:
    task: str
    dose_mSv: float
    description: str
    source: str
    may_be_exceeded: bool = False


_REMM = "remm.hhs.gov/IAEA_guidelines.htm reproducing IAEA 2006 (primer §3.8) [V]"
_GSR7 = "IAEA GSR Part 7 (2015) (primer §3.8) [R]"

# Integrated external dose not to be exceeded without the incident commander's approval.
TURN_BACK_GUIDANCE: dict[str, dict[str, TurnBack]] = {
    "IAEA-2006": {t.task: t for t in (
        TurnBack("avert_collective_dose", 50.0,
                 "avert a large collective dose: sampling, localized decontamination", _REMM),
        TurnBack("prevent_severe_effects", 500.0,
                 "prevent severe health effects, evacuation, rescue from potential threats, "
                 "prevent catastrophic conditions, apprehend terrorist suspects", _REMM),
        TurnBack("life_saving", 1000.0, "life-saving, by informed volunteers", _REMM),
    )},
    "GSR-Part-7": {t.task: t for t in (
        TurnBack("avert_collective_dose", 100.0, "avert a large collective dose", _GSR7),
        TurnBack("prevent_severe_effects", 500.0, "prevent severe deterministic effects", _GSR7),
        TurnBack("life_saving", 500.0, "life-saving; may be exceeded", _GSR7,
                 may_be_exceeded=True),
    )},
}


def turn_back_dose_mSv(task: str, guidance: str = "IAEA-2006") -> float:
    """Turn-back dose (mSv) for a task under one labelled guidance set."""
    if guidance not in TURN_BACK_GUIDANCE:
        raise KeyError(f"unknown guidance {guidance!r}; known: {', '.join(TURN_BACK_GUIDANCE)}")
    tasks = TURN_BACK_GUIDANCE[guidance]
    if task not in tasks:
        raise KeyError(f"unknown task {task!r}; known: {', '.join(tasks)}")
    return tasks[task].dose_mSv
