"""The bundled scenarios' stated physics holds together.

A dose field's ground deposition is a scenario assumption (simex has no
dispersion model), so nothing in the engine stops an author from stating a
deposit that needs more activity than the source ever had. These tests redo
the author's arithmetic: the activity on the ground, integrated over the
plume the scenario describes, must fit inside what the source released.

Ground shine of Cs-137 (with Ba-137m) at 1 m above a plane deposit:
2.0 µSv/h per MBq/m² (US EPA Federal Guidance Report 12, ground-surface
coefficient, effective dose [R]) to 2.4 µSv/h per MBq/m² (planar-source
coefficient 0.089 µSv/h per Ci/km² [S]); see docs/reference-data.md,
"Ground deposition". The lower coefficient gives the most activity for a
reading, so it is the one that must still fit the source.
"""
from __future__ import annotations

import math

from simex.scenario.loader import load_scenario
from tests.conftest import ROOT

RDD = ROOT / "scenarios" / "rdd-response.yaml"
CS137_uSv_h_PER_MBq_m2 = (2.0, 2.4)
# The plume the scenario's comment on world.rdd describes.
PLUME_SECTOR_DEG = 20.0
PLUME_END_M = 1500.0


def deposited_tbq(points, uSv_h_per_MBq_m2: float) -> float:
    """Activity on the ground in the plume sector: each downwind point stands
    for the band half-way to its neighbours (the last band ends at
    PLUME_END_M); density = deposition dose rate / ground-shine coefficient."""
    downwind = sorted(points, key=lambda p: p.distance_m)
    half_angle = math.radians(PLUME_SECTOR_DEG) / 2
    total_bq = 0.0
    for i, p in enumerate(downwind):
        inner = 0.0 if i == 0 else (downwind[i - 1].distance_m + p.distance_m) / 2
        outer = PLUME_END_M if i == len(downwind) - 1 else (p.distance_m + downwind[i + 1].distance_m) / 2
        area_m2 = half_angle * (outer ** 2 - inner ** 2)
        total_bq += p.deposition_uSv_h / uSv_h_per_MBq_m2 * 1e6 * area_m2
    return total_bq / 1e12


def _rdd():
    scenario = load_scenario(RDD)
    field = next(w for w in scenario.world if w.id == "rdd")
    register = next(i for i in scenario.injects if i.facts.get("site") == field.site and "activity_tbq" in i.facts)
    # Upwind points (a tenth of a µSv/h, background) are not part of the plume.
    plume = [p for p in field.points if p.deposition_uSv_h >= 1.0]
    return field, float(register.facts["activity_tbq"]), plume


def test_the_rdd_deposit_fits_inside_what_the_source_released():
    field, source_tbq, plume = _rdd()
    released = source_tbq - field.activity_tbq
    most = deposited_tbq(plume, CS137_uSv_h_PER_MBq_m2[0])
    least = deposited_tbq(plume, CS137_uSv_h_PER_MBq_m2[1])
    assert field.nuclide == "Cs-137" and released > 0
    assert most <= released, f"the deposit needs {most:.1f} TBq; the source released {released:.1f} TBq"
    # Most of an RDD's release lands within a kilometre or two: a deposit far
    # below the release would under-state the hazard the exercise is about.
    assert least >= released / 2, f"only {least:.1f} of {released:.1f} TBq released is on the ground"


def test_the_check_catches_a_deposit_the_source_cannot_supply():
    """Linden Market before it was corrected: a 37 TBq source with 30 TBq left
    at the seat released 7 TBq, but its deposit (1,200 µSv/h at 150 m, 240 at
    400 m) needed more than twice that. The arithmetic must say so."""
    _, _, plume = _rdd()
    old = {150: 1200.0, 400: 240.0}
    before = [p.model_copy(update={"deposition_uSv_h": old.get(int(p.distance_m), p.deposition_uSv_h)})
              for p in plume]
    assert deposited_tbq(before, CS137_uSv_h_PER_MBq_m2[0]) > 2 * (37.0 - 30.0)
