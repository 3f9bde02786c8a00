"""Radioactive decay A(t) = A0·2^(-t/T½) (primer §5 items 1 and 7)."""
import pytest
from hypothesis import given
from hypothesis import strategies as st

from simex.domain import NUCLIDES, decay, decay_factor, time_to_decay_below


def test_goiania_source_decayed_from_1971_to_1987():
    """74 TBq Cs-137 (1971) [S] x 2^(-16/30.08) = 51.2 TBq in 1987 [primer §5.1, D]."""
    assert decay(74, years=16, nuclide="Cs-137") == pytest.approx(51.2, abs=0.5)


def test_ir192_weekly_decay_factor():
    """2^(-7/73.83) = 0.9364: 100 Ci -> 93.64 Ci after 7 days [primer §5.7, V chart]."""
    assert decay_factor(nuclide="Ir-192", days=7) == pytest.approx(0.9364, abs=5e-5)


def test_ir192_after_30_days():
    """3.7 TBq Ir-192 -> 2.79 TBq after 30 d [primer §5.7, D]."""
    assert decay(3.7, days=30, nuclide="Ir-192") == pytest.approx(2.79, abs=0.005)


def test_ir192_leaves_category_2_after_163_days():
    """3.7 TBq Ir-192 falls below 10·D = 0.8 TBq after 163 d [primer §5.7, D]."""
    days = time_to_decay_below(3.7, 0.8, "Ir-192")
    assert days == pytest.approx(163, abs=0.5)
    assert decay(3.7, days=days + 0.01, nuclide="Ir-192") < 0.8


def test_ir192_falls_below_d_after_408_days():
    """3.7 TBq Ir-192 falls below D = 0.08 TBq after 408 d [primer §5.7, D]."""
    assert time_to_decay_below(3.7, 0.08, "Ir-192") == pytest.approx(408, abs=0.5)


def test_time_units_add_up():
    """One half-life expressed in seconds, days or years gives the same factor."""
    t_days = NUCLIDES["Co-60"].half_life_days
    assert decay_factor(nuclide="Co-60", days=t_days) == pytest.approx(0.5)
    assert decay_factor(nuclide="Co-60", seconds=t_days * 86400) == pytest.approx(0.5)
    assert decay_factor(nuclide="Co-60", years=5.271) == pytest.approx(0.5)


def test_already_below_threshold_takes_no_time():
    assert time_to_decay_below(0.05, 0.08, "Ir-192") == 0.0


symbols = st.sampled_from(sorted(NUCLIDES))
days = st.floats(min_value=0, max_value=1e7, allow_nan=False)


@given(symbols, days, days)
def test_decay_is_monotone(symbol, t1, t2):
    """Activity never grows with time."""
    early, late = sorted((t1, t2))
    assert decay(1.0, days=late, nuclide=symbol) <= decay(1.0, days=early, nuclide=symbol)


@given(symbols, st.floats(min_value=0, max_value=1e4), st.floats(min_value=0, max_value=1e4))
def test_decay_composes(symbol, t1, t2):
    """Decaying for t1 then t2 equals decaying for t1 + t2."""
    two_steps = decay(decay(1.0, days=t1, nuclide=symbol), days=t2, nuclide=symbol)
    assert two_steps == pytest.approx(decay(1.0, days=t1 + t2, nuclide=symbol), rel=1e-9)


@given(symbols, st.floats(min_value=1e-3, max_value=1e3), st.floats(min_value=1.001, max_value=1e6))
def test_time_to_decay_below_inverts_decay(symbol, threshold, ratio):
    """Decaying for time_to_decay_below(A, X) lands on X."""
    t = time_to_decay_below(threshold * ratio, threshold, symbol)
    assert decay(threshold * ratio, days=t, nuclide=symbol) == pytest.approx(threshold, rel=1e-9)
