"""Units and conversions for the radiological domain: the one place that converts.

Conventions used by every module in `simex.domain`:

- activity in TBq (the unit of the D-values), except where a gamma constant
  is per GBq;
- dose *rates* in µSv/h, always: parameters and attributes say so with a
  ``_uSv_h`` suffix;
- accumulated doses in mSv (turn-back guidance and generic criteria are in mSv);
- time in days for half-lives and decay, hours for exposure durations.

Gamma dose-rate constants come in two quantities, and a constant always says
which one it is (`Quantity`). H*(10), ambient dose equivalent, is what survey
meters read and what cordons, OILs and turn-back doses are defined in, so it
is the default everywhere a reading, cordon, OIL or dose budget is computed.
H*(10) is air kerma times the ICRP 74 ratio h*(10)/Ka at the photon energy:
1.16 for Co-60, 1.20 for Cs-137, 1.30 for Ir-192. Counting 1 Gy of air kerma
as 1 Sv (as the primer's worked numbers do) under-states every reading, so
air kerma is kept only on request and always labelled.
"""
from __future__ import annotations

import math
from enum import Enum

# Definitions (primer §0 "Conversions used throughout").
GBQ_PER_CI = 37.0  # 1 Ci = 3.7e10 Bq, by definition
GBQ_PER_TBQ = 1000.0
ROENTGEN_C_PER_KG = 2.58e-4  # definition of the roentgen
W_OVER_E_AIR_J_PER_C = 33.97  # mean energy per ion pair in air
# 1 R = 2.58e-4 C/kg x 33.97 J/C = 8.76 mGy air kerma [primer §0].
MGY_AIR_KERMA_PER_R = ROENTGEN_C_PER_KG * W_OVER_E_AIR_J_PER_C * 1000.0
# Field rule of thumb "1 R ~ 10 mSv" [primer §0]: conservative, H*(10)-like.
MSV_PER_R_RULE_OF_THUMB = 10.0

# 1 R·m²/(Ci·h) = 8.76 mGy / 37 GBq = 0.2369 mGy·m²/(GBq·h) air kerma [D].
AIR_KERMA_PER_EXPOSURE_CONSTANT = MGY_AIR_KERMA_PER_R / GBQ_PER_CI
# 1 R·m²/(Ci·h) ~ 10 mSv / 37 GBq = 0.27 mSv·m²/(GBq·h) (rule of thumb) [D].
# A field rule only: it is 1.14 x air kerma for every energy, below ICRP 74
# for anything softer than Cs-137 (Ir-192 needs 1.30), so no constant uses it.
RULE_OF_THUMB_PER_EXPOSURE_CONSTANT = MSV_PER_R_RULE_OF_THUMB / GBQ_PER_CI

# H*(10)/Ka in Sv/Gy for photons, by energy in MeV: ICRP Publication 74 (1996),
# Table A.21 [R: the primer does not carry it; the values agree within 2 % with
# the ICRU Report 57 analytic fit, checked in tests/domain]. Below 30 keV the
# ratio falls steeply; no modelled nuclide is that soft.
H10_PER_AIR_KERMA_ICRP74: dict[float, float] = {
    0.03: 1.10, 0.04: 1.47, 0.05: 1.67, 0.06: 1.74, 0.08: 1.72, 0.1: 1.65,
    0.15: 1.49, 0.2: 1.40, 0.3: 1.31, 0.4: 1.26, 0.5: 1.23, 0.6: 1.21,
    0.8: 1.19, 1.0: 1.17, 1.5: 1.15, 2.0: 1.14, 3.0: 1.13, 4.0: 1.12,
    5.0: 1.11, 6.0: 1.11, 8.0: 1.11, 10.0: 1.10,
}
ICRP74 = "ICRP 74 (Publication 74, 1996) Table A.21 H*(10)/Ka [R]"
# Tables often print R·cm²/(mCi·h); 1 R·cm²/(mCi·h) = 0.1 R·m²/(Ci·h) [primer §3.4].
R_M2_PER_CI_H_PER_R_CM2_PER_MCI_H = 0.1

DAYS_PER_YEAR = 365.25  # Julian year; the primer's decay examples use years directly
SECONDS_PER_DAY = 86400.0
USV_PER_MSV = 1000.0


class Quantity(str, Enum):
    """Which dose quantity a gamma constant (and a dose rate computed from it) is."""

    AIR_KERMA = "air kerma"  # constant in mGy·m²/(GBq·h)
    H10 = "ambient dose equivalent H*(10)"  # constant in mSv·m²/(GBq·h)

    @property
    def constant_unit(self) -> str:
        return "mGy·m²/(GBq·h)" if self is Quantity.AIR_KERMA else "mSv·m²/(GBq·h)"


def ci_to_tbq(curies: float) -> float:
    return curies * GBQ_PER_CI / GBQ_PER_TBQ


def tbq_to_ci(tbq: float) -> float:
    return tbq * GBQ_PER_TBQ / GBQ_PER_CI


def h10_per_air_kerma(energy_MeV: float) -> float:
    """ICRP 74 H*(10)/Ka (Sv/Gy) at a photon energy, interpolated linearly in ln E."""
    points = sorted(H10_PER_AIR_KERMA_ICRP74.items())
    if not points[0][0] <= energy_MeV <= points[-1][0]:
        raise ValueError(f"{energy_MeV} MeV is outside the ICRP 74 table "
                         f"({points[0][0]}-{points[-1][0]} MeV)")
    for (e0, r0), (e1, r1) in zip(points, points[1:]):
        if energy_MeV <= e1:
            f = math.log(energy_MeV / e0) / math.log(e1 / e0)
            return r0 + f * (r1 - r0)
    return points[-1][1]


def exposure_constant_to(quantity: Quantity, r_m2_per_ci_h: float, *,
                         energy_MeV: float | None = None) -> float:
    """Convert an exposure-rate constant in R·m²/(Ci·h) to `quantity`'s unit.

    H*(10) depends on the photon energy, so it needs `energy_MeV`.
    """
    kerma = r_m2_per_ci_h * AIR_KERMA_PER_EXPOSURE_CONSTANT
    if quantity is Quantity.AIR_KERMA:
        return kerma
    if energy_MeV is None:
        raise ValueError("H*(10) depends on the photon energy: pass energy_MeV")
    return kerma * h10_per_air_kerma(energy_MeV)


def elapsed_days(*, days: float = 0.0, years: float = 0.0, seconds: float = 0.0) -> float:
    """Total elapsed time in days from any mix of days, years and seconds."""
    return days + years * DAYS_PER_YEAR + seconds / SECONDS_PER_DAY
