"""A/D categories, practice categories, thresholds and aggregation (primer §3.1, §3.2, §5 items 4-6)."""
import pytest

from simex.domain import (
    a_over_d,
    cat1_threshold_tbq,
    cat2_threshold_tbq,
    category,
    category_for_ratio,
    ci_to_tbq,
    classify,
    classify_aggregate,
    practice_category,
    tbq_to_ci,
)


def test_mexico_2013_co60_is_category_1():
    """3,000 Ci Co-60 = 111 TBq; A/D = 111/0.03 = 3,700: Category 1 [primer §5.4a; IAEA S]."""
    c = classify(ci_to_tbq(3000), "Co-60")
    assert c.a_over_d == pytest.approx(3700)
    assert c.ad_category == 1


def test_goiania_is_category_2_by_band_but_a_category_1_practice():
    """50.9 TBq Cs-137: A/D 509, Category 2 by band; teletherapy is a Category 1 practice.
    The engine reports both [primer §5.4b]."""
    c = classify(50.9, "Cs-137", practice="teletherapy")
    assert c.a_over_d == pytest.approx(509)
    assert (c.ad_category, c.practice_category) == (2, 1)
    assert not c.agree
    assert c.note == "A/D 509 is in the Category 2 band, but teletherapy is a Category 1 practice"


def test_ir192_radiography_source_is_category_2():
    """3.7 TBq (100 Ci) Ir-192: A/D 46, Category 2 [primer §5.4c]."""
    c = classify(3.7, "Ir-192", practice="industrial radiography")
    assert c.a_over_d == pytest.approx(46, abs=0.5)
    assert c.ad_category == 2 and c.agree


def test_ambe_logging_source_is_category_2_by_band():
    """0.74 TBq (20 Ci) Am-Be: A/D 12.3, Category 2 by band, near the 2/3 boundary
    [primer §5.4d]. Well logging is listed as a Category 3 practice [R]."""
    c = classify(0.74, "Am-Be", practice="well logging")
    assert c.a_over_d == pytest.approx(12.3, abs=0.05)
    assert c.ad_category == 2
    assert c.practice_category == 3


def test_aggregate_store_is_category_2_while_each_source_is_category_3():
    """0.5 TBq Cs-137 + 0.2 TBq Co-60: 5 + 6.67 = 11.7, Category 2 together;
    each alone is Category 3 [primer §5.6, D; sum-of-ratios rule V]."""
    assert category(0.5, "Cs-137") == 3
    assert category(0.2, "Co-60") == 3
    agg = classify_aggregate([(0.5, "Cs-137"), (0.2, "Co-60")])
    assert agg.a_over_d == pytest.approx(11.7, abs=0.05)
    assert agg.ad_category == 2


# 10 CFR 73 App. I thresholds as the primer's §3.1 table gives them:
# (nuclide, Cat 1 TBq, Cat 1 Ci, Cat 2 TBq, Cat 2 Ci) [V].
CFR_73_APP_I = [
    ("Co-60", 30, 810, 0.3, 8.1),
    ("Cs-137", 100, 2700, 1, 27),
    ("Ir-192", 80, 2200, 0.8, 22),
    ("Se-75", 200, 5400, 2, 54),
    ("Am-241", 60, 1600, 0.6, 16),
    ("Am-Be", 60, 1600, 0.6, 16),
    ("Sr-90", 1000, 27000, 10, 270),
    ("Ra-226", 40, 1100, 0.4, 11),
    ("Pu-239/Be", 60, 1600, 0.6, 16),
    ("Cf-252", 20, 540, 0.2, 5.4),
    ("Pu-238", 60, 1600, 0.6, 16),
]


@pytest.mark.parametrize("symbol, cat1_tbq, cat1_ci, cat2_tbq, cat2_ci", CFR_73_APP_I)
def test_category_thresholds_are_1000D_and_10D(symbol, cat1_tbq, cat1_ci, cat2_tbq, cat2_ci):
    """Cat 1 = 1000·D and Cat 2 = 10·D match 10 CFR 73 App. I [primer §5.5, V].
    The regulation's curie values are rounded, hence 2%."""
    assert cat1_threshold_tbq(symbol) == pytest.approx(cat1_tbq)
    assert cat2_threshold_tbq(symbol) == pytest.approx(cat2_tbq)
    assert tbq_to_ci(cat1_threshold_tbq(symbol)) == pytest.approx(cat1_ci, rel=0.02)
    assert tbq_to_ci(cat2_threshold_tbq(symbol)) == pytest.approx(cat2_ci, rel=0.02)


@pytest.mark.parametrize("ratio, expected", [
    (1000, 1), (999.99, 2), (10, 2), (9.99, 3), (1, 3), (0.99, 4), (0.01, 4), (0.00999, 5), (0, 5),
])
def test_band_boundaries_are_lower_inclusive(ratio, expected):
    """Cat 1 A/D >= 1000; Cat 2 1000 > A/D >= 10; Cat 3 10 > A/D >= 1 [R];
    Cat 4 1 > A/D >= 0.01 [R]; Cat 5 A/D < 0.01 [V] (primer §3.2)."""
    assert category_for_ratio(ratio) == expected


def test_cs137_at_exactly_the_cat2_threshold_is_category_2():
    """1 TBq Cs-137 is 10·D: the first Category 2 activity (10 CFR 73 App. I)."""
    assert a_over_d(1.0, "Cs-137") == pytest.approx(10)
    assert category(1.0, "Cs-137") == 2


@pytest.mark.parametrize("practice, expected", [
    ("teletherapy", 1), ("Irradiator", 1), ("industrial radiography", 2),
    ("HDR brachytherapy", 2), ("well-logging", 3), ("fixed industrial gauge", 3),
    ("LDR brachytherapy", 4), ("XRF", 5),
])
def test_practice_categories(practice, expected):
    """Practice -> category [primer §3.2: Cat 1-2 and 5 V, Cat 3-4 R]."""
    assert practice_category(practice) == expected


def test_nuclide_without_d_value_is_refused():
    """The primer has no D-value for Tc-99m: no A/D rather than a guess."""
    with pytest.raises(ValueError, match="D-value"):
        a_over_d(1.0, "Tc-99m")
