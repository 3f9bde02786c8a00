"""Units and conversions for the radiological domain: the one place that converts.

Conventions used by every module in `simex.domain`:

- activity in TBq (the unit of the D-values), except where a gamma constant
  is per GBq;
- dose *rates* in µSv/h, always: parameters and attributes say so with a
  ``_uSv_h`` suffix;
- accumulated doses in mSv (turn-back guidance and generic criteria are in mSv);
- time in days for half-lives and decay, hours for exposure durations.

Gamma dose-rate constants come in two quantities, and a constant always says
which one it is (`Quantity`). To report both in µSv/h we take 1 Gy of air
kerma as 1 Sv, as the primer does in its worked numbers (§5.2, §5.3, §5.8).
That is a modelling assumption: for Cs-137 H*(10) is about 1.2 times the air
kerma (ICRP Publication 74 conversion coefficients) [R].
"""
from __future__ import annotations

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
H10_PER_EXPOSURE_CONSTANT = MSV_PER_R_RULE_OF_THUMB / GBQ_PER_CI
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


def exposure_constant_to(quantity: Quantity, r_m2_per_ci_h: float) -> float:
    """Convert an exposure-rate constant in R·m²/(Ci·h) to `quantity`'s unit."""
    if quantity is Quantity.AIR_KERMA:
        return r_m2_per_ci_h * AIR_KERMA_PER_EXPOSURE_CONSTANT
    return r_m2_per_ci_h * H10_PER_EXPOSURE_CONSTANT


def elapsed_days(*, days: float = 0.0, years: float = 0.0, seconds: float = 0.0) -> float:
    """Total elapsed time in days from any mix of days, years and seconds."""
    return days + years * DAYS_PER_YEAR + seconds / SECONDS_PER_DAY
