"""Point-source dose rates, contours, stay times and accumulated dose (primer §5 items 2, 3, 8).

Dose rates are µSv/h of H*(10) unless air kerma is asked for; doses are mSv.
"""
import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from simex.domain import (
    Quantity,
    Segment,
    accumulated_dose_mSv,
    activity_from_dose_rate_tbq,
    contour_radius_m,
    dose_mSv,
    dose_rate,
    half_value_layer_cm,
    nuclide,
    stay_time_h,
    transmission,
)


def test_goiania_dose_rate_at_1m():
    """51.2 TBq x 0.078 mGy·m²/(GBq·h) = 4.0 Gy/h at 1 m [primer §5.2, D from V]."""
    rate = dose_rate(51.2, 1.0, nuclide="Cs-137", quantity=Quantity.AIR_KERMA)
    assert rate.quantity is Quantity.AIR_KERMA
    assert rate.mSv_h / 1000 == pytest.approx(4.0, abs=0.05)


def test_goiania_within_15_percent_of_reported():
    """Reported 4.56 Gy/h at 1 m [S]: the model lands within ~15% (primer §5.2)."""
    gy_h = dose_rate(51.2, 1.0, nuclide="Cs-137").mSv_h / 1000
    assert abs(gy_h - 4.56) / 4.56 < 0.15


def test_goiania_reported_value_lies_between_air_kerma_and_h10():
    """4.0 Gy/h air kerma, 4.8 Sv/h H*(10) (x 1.20, ICRP 74): the reported 4.56 lies
    between, so the gap is the dose quantity (primer §5.2)."""
    kerma = dose_rate(51.2, 1.0, nuclide="Cs-137", quantity=Quantity.AIR_KERMA).mSv_h / 1000
    h10 = dose_rate(51.2, 1.0, nuclide="Cs-137", quantity=Quantity.H10).mSv_h / 1000
    assert kerma < 4.56 < h10
    assert h10 == pytest.approx(4.81, abs=0.02)


def test_cs137_100uSv_contour_for_1TBq():
    """r = sqrt(76,000/100) = 27.6 m with Γ = 76 µGy·m²/(GBq·h) [V ionactive] (primer §5.3),
    an air-kerma constant; in H*(10), which the 100 µSv/h is defined in, 30.7 m."""
    gamma = nuclide("Cs-137").gamma(Quantity.AIR_KERMA, published=True)
    r = contour_radius_m(1.0, 100.0, nuclide="Cs-137", gamma=gamma)
    assert r == pytest.approx(27.6, abs=0.05)
    assert contour_radius_m(1.0, 100.0, nuclide="Cs-137") == pytest.approx(30.7, abs=0.1)


def test_co60_100uSv_contour_for_1TBq():
    """1 TBq Co-60, Γ ~ 313 µGy·m²/(GBq·h): 56 m in air kerma [primer §5.3, D];
    60 m in H*(10) (x 1.16, ICRP 74)."""
    assert contour_radius_m(1.0, 100.0, nuclide="Co-60",
                            quantity=Quantity.AIR_KERMA) == pytest.approx(56, abs=0.5)
    assert contour_radius_m(1.0, 100.0, nuclide="Co-60") == pytest.approx(60.2, abs=0.5)


def test_ir192_radiography_source_at_5m():
    """3.7 TBq Ir-192 at 5 m: 16.8 mGy/h air kerma [primer §5.8, D]; H*(10) is 1.30 times
    that at 300 keV (ICRP 74), 21.9 mSv/h, above the primer's rule-of-thumb 19.2."""
    h = dose_rate(3.7, 5.0, nuclide="Ir-192", quantity=Quantity.H10)
    k = dose_rate(3.7, 5.0, nuclide="Ir-192", quantity=Quantity.AIR_KERMA)
    assert h.mSv_h == pytest.approx(21.9, abs=0.1)
    assert k.mSv_h == pytest.approx(16.8, abs=0.1)


def test_stay_time_to_50_mSv_turn_back():
    """t = D/Ḣ: 50 mSv at 3.7 TBq Ir-192, 5 m takes 2.3 h in H*(10); air kerma would
    allow 3.0 h, 30 % too long [primer §5.8 gives 2.6-3.0 h with the rule of thumb]."""
    h = dose_rate(3.7, 5.0, nuclide="Ir-192")
    k = dose_rate(3.7, 5.0, nuclide="Ir-192", quantity=Quantity.AIR_KERMA)
    assert stay_time_h(50, h) == pytest.approx(2.28, abs=0.05)
    assert stay_time_h(50, k) == pytest.approx(3.0, abs=0.05)


def test_constant_1000uSv_for_a_week_is_168_mSv():
    """1,000 µSv/h x 7 d = 168 mSv, above the 100 mSv / 7 d generic criterion
    [primer §5.10, D; GC R]."""
    assert dose_mSv(1000, 7 * 24) == pytest.approx(168)


def test_accumulated_dose_over_segments():
    """A responder: 0.5 h at 10 m, then 0.1 h at 2 m behind 2 HVLs, from 1 TBq Cs-137.
    Each segment adds Γ·A·T/r² x hours."""
    per_1m = dose_rate(1.0, 1.0, nuclide="Cs-137").uSv_h
    expected = (per_1m / 100 * 0.5 + per_1m / 4 * 0.25 * 0.1) / 1000
    got = accumulated_dose_mSv([(10, 0.5), Segment(2, 0.1, hvl=2)], activity_tbq=1.0,
                               nuclide="Cs-137")
    assert got == pytest.approx(expected)


def test_shielding_by_material_uses_the_hvl_table():
    """One lead HVL for Cs-137 (0.65 cm [R NCRP 49]) halves the dose rate."""
    hvl = half_value_layer_cm("Cs-137", "lead")
    assert hvl == 0.65
    assert transmission(nuclide="Cs-137", material="lead", thickness_cm=2 * hvl) == pytest.approx(0.25)
    shielded = dose_rate(1.0, 1.0, nuclide="Cs-137", material="lead", thickness_cm=hvl)
    assert shielded.uSv_h == pytest.approx(dose_rate(1.0, 1.0, nuclide="Cs-137").uSv_h / 2)


def test_missing_hvl_says_what_is_tabulated():
    with pytest.raises(KeyError, match="lead"):
        half_value_layer_cm("Ir-192", "steel")


def test_activity_estimate_inverts_the_model():
    """A 21.9 mSv/h H*(10) reading at 5 m from Ir-192 implies 3.7 TBq."""
    a = activity_from_dose_rate_tbq(21_880, 5.0, nuclide="Ir-192")
    assert a == pytest.approx(3.7, abs=0.001)


def test_distance_zero_is_refused():
    with pytest.raises(ValueError, match="positive"):
        dose_rate(1.0, 0.0, nuclide="Cs-137")


gamma_nuclides = st.sampled_from(["Cs-137", "Co-60", "Ir-192", "Se-75", "Ra-226", "I-131"])
activity = st.floats(min_value=1e-6, max_value=1e4)
distance = st.floats(min_value=0.1, max_value=1e4)


@given(gamma_nuclides, activity, distance, st.floats(min_value=1.01, max_value=100))
def test_dose_rate_falls_with_distance_squared(symbol, a, r, k):
    """Ḋ(k·r) = Ḋ(r)/k² for a point source."""
    near = dose_rate(a, r, nuclide=symbol).uSv_h
    far = dose_rate(a, k * r, nuclide=symbol).uSv_h
    assert far == pytest.approx(near / k**2, rel=1e-9)


@given(gamma_nuclides, activity, st.floats(min_value=0.1, max_value=1e4),
       st.floats(min_value=0, max_value=10))
def test_contour_is_where_dose_rate_equals_the_limit(symbol, a, limit, hvl):
    """dose_rate at contour_radius_m(limit) is the limit."""
    r = contour_radius_m(a, limit, nuclide=symbol, hvl=hvl)
    assert dose_rate(a, r, nuclide=symbol, hvl=hvl).uSv_h == pytest.approx(limit, rel=1e-9)


@given(gamma_nuclides, st.floats(min_value=0, max_value=20), st.floats(min_value=0, max_value=20))
def test_more_shielding_never_raises_the_dose_rate(symbol, h1, h2):
    lo, hi = sorted((h1, h2))
    assert (dose_rate(1.0, 1.0, nuclide=symbol, hvl=hi).uSv_h
            <= dose_rate(1.0, 1.0, nuclide=symbol, hvl=lo).uSv_h)


def test_stay_time_with_no_dose_rate_is_unbounded():
    assert math.isinf(stay_time_h(50, 0.0))
