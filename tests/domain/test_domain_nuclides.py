"""The nuclide table: every nuclide the families need, each value with its source."""
import pytest

from simex.domain import NUCLIDES, Quantity, nuclide

REQUIRED = ["Cs-137", "Co-60", "Ir-192", "Se-75", "Am-241", "Am-Be", "Sr-90", "Ra-226",
            "Pu-239", "Cf-252", "K-40", "Th-232", "U-238", "Tc-99m", "I-131", "F-18", "Tl-201"]


@pytest.mark.parametrize("symbol", REQUIRED)
def test_required_nuclide_is_present_and_cited(symbol):
    """Each required nuclide has a half-life with a source and a tag, and a category."""
    n = nuclide(symbol)
    assert n.half_life_days > 0
    assert any(tag in n.half_life_source for tag in ("[V]", "[D]", "[R]", "[S]"))
    assert n.category in ("industrial", "medical", "NORM", "SNM")


def test_categories_follow_the_primer_decision_points():
    """NORM: K-40, Ra-226, Th-232; medical: Tc-99m, I-131, F-18, Tl-201; industrial:
    Cs-137, Co-60, Ir-192, Se-75, Am-241, Am-Be; SNM: U-235, Pu-239 [primer §2 family 1]."""
    expected = {"NORM": ["K-40", "Ra-226", "Th-232"],
                "medical": ["Tc-99m", "I-131", "F-18", "Tl-201"],
                "industrial": ["Cs-137", "Co-60", "Ir-192", "Se-75", "Am-241", "Am-Be"],
                "SNM": ["U-235", "Pu-239"]}
    got = {cat: [s for s in symbols if nuclide(s).category == cat]
           for cat, symbols in expected.items()}
    assert got == expected


@pytest.mark.parametrize("symbol, r_m2_ci_h, air_kerma", [
    ("Cs-137", 0.33, 0.078),
    ("Co-60", 1.32, 0.313),
    ("Ir-192", 0.48, 0.114),
    ("Se-75", 0.20, 0.047),
    ("Ra-226", 0.825, 0.195),
])
def test_gamma_constants_match_primer_table(symbol, r_m2_ci_h, air_kerma):
    """Γ exposure [V Ahmed Table 11.2.3] and its air-kerma column [D] (primer §3.4).
    The primer's rule-of-thumb H column is not H*(10): see test_domain_reference_constants."""
    n = nuclide(symbol)
    assert n.exposure_constant == r_m2_ci_h
    assert n.gamma(Quantity.AIR_KERMA).value == pytest.approx(air_kerma, abs=0.001)


def test_every_gamma_constant_states_its_quantity_and_unit():
    """A constant is meaningless without its quantity (primer §3.4 recommendation)."""
    for n in NUCLIDES.values():
        for g in n.gamma_constants:
            assert g.unit in ("mGy·m²/(GBq·h)", "mSv·m²/(GBq·h)")
            assert g.source


def test_cs137_published_constant_is_76():
    """Cs-137: 76 µSv/h per GBq at 1 m [V ionactive] (primer §3.4), an air-kerma value."""
    assert nuclide("Cs-137").gamma(Quantity.AIR_KERMA, published=True).value == 0.076


def test_nuclides_without_gamma_constant_say_why():
    """Sr-90 (beta) and Am-Be (neutron) have no gamma constant; asking explains why."""
    with pytest.raises(ValueError, match="beta"):
        nuclide("Sr-90").gamma()
    with pytest.raises(ValueError, match="neutron"):
        nuclide("Am-Be").gamma()


def test_neutron_emitters_are_flagged():
    """A neutron alarm calls for escalation: Pu, Am-Be, Cf-252 [primer §2, R]."""
    flagged = {s for s, n in NUCLIDES.items() if n.neutron_emitter}
    assert {"Am-Be", "Cf-252", "Pu-239"} <= flagged
    assert "Cs-137" not in flagged


def test_riid_reports_and_typical_misidentifications():
    """A RIID may call Ra-226 "U-238", I-131 "Xe-133", shielded Cs-137 "NORM" (brief)."""
    assert "U-238" in nuclide("Ra-226").riid_confusions
    assert "Xe-133" in nuclide("I-131").riid_confusions
    assert "NORM" in nuclide("Cs-137").riid_confusions
    assert nuclide("Am-Be").riid_reports == "Am-241"


def test_lookup_is_forgiving_and_suggests_near_misses():
    """Scenario authors write "cs137" or "Am-241/Be"; a typo gets a suggestion."""
    assert nuclide("cs137").symbol == "Cs-137"
    assert nuclide("Am-241/Be").symbol == "Am-Be"
    with pytest.raises(KeyError, match="Cs-137"):
        nuclide("Cs-173")


@pytest.mark.parametrize("symbol, days", [
    ("Cs-137", 30.08 * 365.25), ("Co-60", 5.271 * 365.25), ("Ir-192", 73.8), ("Se-75", 119.8),
    ("Am-241", 432.2 * 365.25), ("Sr-90", 28.8 * 365.25), ("Ra-226", 1600 * 365.25),
    ("Pu-239", 24065 * 365.25), ("Cf-252", 2.65 * 365.25),
])
def test_half_lives_match_primer_table(symbol, days):
    """Half-lives of primer §3.3 [V, except Cs-137's 30.08 y, R NNDC]."""
    assert nuclide(symbol).half_life_days == pytest.approx(days)


@pytest.mark.parametrize("symbol, d_tbq", [
    ("Co-60", 0.03), ("Cs-137", 0.1), ("Ir-192", 0.08), ("Se-75", 0.2), ("Am-241", 0.06),
    ("Am-Be", 0.06), ("Sr-90", 1.0), ("Ra-226", 0.04), ("Pu-239/Be", 0.06), ("Pu-239", 0.06),
    ("Cf-252", 0.02), ("Pu-238", 0.06),
])
def test_d_values_match_primer_table(symbol, d_tbq):
    """D-values of EPR-D-VALUES 2006 = EU BSS Annex III [V]; Pu-239 alone [R] (primer §3.1)."""
    assert nuclide(symbol).d_value_tbq == d_tbq
