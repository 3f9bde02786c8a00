"""Unit conversions: the one place dose-constant units change (primer §0)."""
import ast
import pathlib
import sys

import pytest

from simex.domain import units
from simex.domain.units import Quantity, ci_to_tbq, exposure_constant_to, tbq_to_ci


def test_roentgen_is_8_76_mGy_air_kerma():
    """1 R = 2.58e-4 C/kg x 33.97 J/C = 8.76 mGy air kerma (definition) [primer §0]."""
    assert units.MGY_AIR_KERMA_PER_R == pytest.approx(8.76, abs=0.005)


def test_exposure_constant_to_air_kerma_is_0_2369():
    """1 R·m²/(Ci·h) = 0.2369 mGy·m²/(GBq·h) air kerma [primer §0, D]."""
    assert exposure_constant_to(Quantity.AIR_KERMA, 1.0) == pytest.approx(0.2369, abs=5e-5)


def test_exposure_constant_to_rule_of_thumb_h10_is_0_27():
    """With "1 R ~ 10 mSv", 1 R·m²/(Ci·h) ~ 0.27 mSv·m²/(GBq·h) [primer §0, D]."""
    assert units.RULE_OF_THUMB_PER_EXPOSURE_CONSTANT == pytest.approx(0.27, abs=0.001)


def test_h10_needs_the_photon_energy():
    """H*(10)/Ka depends on energy (ICRP 74): 1.20 at 662 keV, 1.31 at 300 keV."""
    assert exposure_constant_to(Quantity.H10, 1.0, energy_MeV=0.662) == pytest.approx(0.2369 * 1.20, rel=0.005)
    assert exposure_constant_to(Quantity.H10, 1.0, energy_MeV=0.3) == pytest.approx(0.2369 * 1.31, rel=0.005)
    with pytest.raises(ValueError, match="energy"):
        exposure_constant_to(Quantity.H10, 1.0)


def test_curie_is_37_GBq():
    """1 Ci = 37 GBq by definition; 3,000 Ci = 111 TBq (Mexico 2013, primer §5 item 4a)."""
    assert ci_to_tbq(3000) == pytest.approx(111.0)
    assert tbq_to_ci(3.7) == pytest.approx(100.0)


def test_elapsed_time_adds_days_years_and_seconds():
    """Years are Julian (365.25 d); seconds are 1/86400 d."""
    assert units.elapsed_days(days=1, years=1, seconds=43200) == pytest.approx(366.75)


def test_domain_imports_only_the_standard_library():
    """simex.domain is pure Python: stdlib and its own modules only (no numpy, no UI)."""
    allowed = set(sys.stdlib_module_names) | {"simex", "__future__"}
    package = pathlib.Path(units.__file__).parent
    for path in package.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0:
                names = [node.module or ""]
            else:
                continue
            for name in names:
                top = name.split(".")[0]
                assert top in allowed, f"{path.name} imports {name}"
                if top == "simex":
                    assert name.startswith("simex.domain"), f"{path.name} imports {name}"
