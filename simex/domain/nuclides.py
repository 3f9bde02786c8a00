"""The nuclide table: half-lives, gamma constants, D-values and what a RIID says.

Every value cites its source and the primer's verification tag
(docs: /work/shared/docs/domain-primer.md, §0 legend):
[V] checked against the cited source, [D] derived from [V] inputs,
[R] attributed but not confirmed here, [S] secondary source.
Values not in the primer are marked [R] and name the table to verify them
against.

Gamma constants are stored as the exposure-rate constant the source printed
(R·m²/(Ci·h)); `Nuclide.gamma_constants` converts it to air kerma, and to
H*(10) with the ICRP 74 ratio at the nuclide's representative photon energy
(`h10_energy_MeV`), through `units`, so every constant carries its quantity
and the conversion lives in one place. The representative energy is the
dominant line, or a kerma-weighted mean taken at its low end where lines
spread: a lower energy gives a higher ratio, so the choice errs on the safe
side. Constants published directly in SI (Cs-137, 76 µSv/h per GBq at 1 m,
which is numerically air kerma) are kept as they were published.
"""
from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import Literal

from simex.domain.units import (
    AIR_KERMA_PER_EXPOSURE_CONSTANT,
    DAYS_PER_YEAR,
    ICRP74,
    Quantity,
    exposure_constant_to,
    h10_per_air_kerma,
)

Category = Literal["industrial", "medical", "NORM", "SNM"]

# Short names for the sources the table cites over and over.
D_VALUES = "EPR-D-VALUES 2006 = EU BSS 2013/59/Euratom Annex III; 10 CFR 73 App. I (primer §3.1) [V]"
AHMED = "Ahmed, Physics & Engineering of Radiation Detection, Table 11.2.3 (primer §3.4) [V]"
TABULATED = ("commonly tabulated exposure-rate constant, not in the primer; verify against "
             "Smith & Stabin 2012, Health Phys 102(3):271-291 [R]")
NUDAT = "NNDC NuDat, not in the primer and not checked here [R]"
ABR = ("American Board of Radiology 'Constants and Physical Values' table "
       "(theabr.org), not in the primer [R]")


@dataclass(frozen=True)
class GammaConstant:
    """Dose rate at 1 m from 1 GBq of an unshielded point source, in `quantity`."""

    value: float  # mGy·m²/(GBq·h) for air kerma, mSv·m²/(GBq·h) for H*(10)
    quantity: Quantity
    source: str
    basis: str = "published"

    @property
    def unit(self) -> str:
        return self.quantity.constant_unit


@dataclass(frozen=True)
class Nuclide:
    symbol: str
    half_life_days: float
    half_life_source: str
    category: Category
    d_value_tbq: float | None = None  # D = min(D1, D2); None where the primer has none
    d_value_source: str = ""
    exposure_constant: float | None = None  # R·m²/(Ci·h), as the source printed it
    exposure_source: str = ""
    h10_energy_MeV: float | None = None  # where the ICRP 74 H*(10)/Ka ratio is read
    published_gammas: tuple[GammaConstant, ...] = ()
    riid_reports: str | None = None  # what a RIID says when it identifies it right
    riid_confusions: tuple[str, ...] = ()  # modelled misidentifications (assumptions)
    neutron_emitter: bool = False
    note: str = ""

    @property
    def gamma_constants(self) -> tuple[GammaConstant, ...]:
        """Every gamma constant known for this nuclide, each with its quantity."""
        derived: tuple[GammaConstant, ...] = ()
        if self.exposure_constant is not None:
            derived = (
                GammaConstant(exposure_constant_to(Quantity.AIR_KERMA, self.exposure_constant),
                              Quantity.AIR_KERMA, self.exposure_source,
                              f"exposure constant x {AIR_KERMA_PER_EXPOSURE_CONSTANT:.4f} [D]"),
            )
            if self.h10_energy_MeV is not None:
                e = self.h10_energy_MeV
                derived += (GammaConstant(
                    exposure_constant_to(Quantity.H10, self.exposure_constant, energy_MeV=e),
                    Quantity.H10, self.exposure_source,
                    f"air kerma x {h10_per_air_kerma(e):.3f} at {e:g} MeV, {ICRP74} [D]"),)
        return derived + self.published_gammas

    def gamma(self, quantity: Quantity = Quantity.H10, *, published: bool = False) -> GammaConstant:
        """The gamma constant in `quantity`; `published=True` picks a directly published one.

        H*(10) by default: it is what meters read and what cordons, OILs and
        turn-back doses are defined in. Derived constants come first so that
        every nuclide is treated alike (the primer recommends one quantity, §3.4).
        """
        for constant in self.gamma_constants:
            if constant.quantity is quantity and (constant.basis == "published") == published:
                return constant
        kind = "published " if published else ""
        raise ValueError(f"no {kind}{quantity.value} gamma constant for {self.symbol}"
                         + (f": {self.note}" if self.note else ""))


def _y(years: float) -> float:
    return years * DAYS_PER_YEAR


_TABLE: tuple[Nuclide, ...] = (
    # --- industrial -------------------------------------------------------
    Nuclide("Cs-137", _y(30.08), "30.08 y, NNDC [R]; '30 years' UAB list [V] (primer §3.3)",
            "industrial", 0.1, D_VALUES, 0.33, AHMED, h10_energy_MeV=0.662,  # Ba-137m line
            # ionactive prints 76 µSv/h per GBq at 1 m [V]; numerically it is the
            # air-kerma constant (0.078), not H*(10) (0.094): labelled air kerma.
            published_gammas=(GammaConstant(0.076, Quantity.AIR_KERMA,
                              "ionactive.co.uk glossary 'gamma ray constant' (primer §3.4) [V]"),),
            # Heavy shielding leaves mostly down-scattered photons: looks like NORM.
            riid_reports="Cs-137", riid_confusions=("NORM", "unknown")),
    Nuclide("Co-60", _y(5.271), "5.271 y, UAB list; OpenStax (primer §3.3) [V]",
            "industrial", 0.03, D_VALUES, 1.32, AHMED, h10_energy_MeV=1.25,  # 1.173 and 1.332 MeV
            riid_reports="Co-60", riid_confusions=("NORM", "unknown")),
    Nuclide("Ir-192", 73.8, "73.8 d, MMR Table 1 [V]; 73.84 d from the 0.9364 weekly factor [D] (primer §3.3)",
            "industrial", 0.08, D_VALUES, 0.48, AHMED,
            h10_energy_MeV=0.317,  # dominant 296-317 keV group (kerma mean ~0.37 MeV)
            # 296-317 keV lines sit next to Pb-214's 295 keV (Ra-226 chain).
            riid_reports="Ir-192", riid_confusions=("Ra-226", "unknown")),
    Nuclide("Se-75", 119.8, "119.8 d, UAB list [V]; 118.5 d OpenStax (primer §3.3)",
            "industrial", 0.2, D_VALUES, 0.20, AHMED,
            h10_energy_MeV=0.22,  # kerma-weighted over 121-401 keV lines [D]
            # 136 keV line next to Tc-99m's 140.5 keV.
            riid_reports="Se-75", riid_confusions=("Tc-99m", "unknown")),
    Nuclide("Am-241", _y(432.2), "432.2 y, UAB list [V]; 432.7 y MMR (primer §3.3)",
            "industrial", 0.06, D_VALUES, 0.013,
            "59.5 keV line only: rough physics estimate, primer §3.4 [D, unverified]",
            h10_energy_MeV=0.0595,
            riid_reports="Am-241", riid_confusions=("unknown",)),
    Nuclide("Am-Be", _y(432.2), "that of Am-241 (primer §3.3) [V]",
            "industrial", 0.06, D_VALUES + "; D applies to the Am activity (EU footnote)",
            riid_reports="Am-241", riid_confusions=("unknown",), neutron_emitter=True,
            note="gamma (4.4 MeV from Be(a,n)) and neutron dose not modelled: primer §3.4 [U]"),
    Nuclide("Sr-90", _y(28.8), "28.8 y, OpenStax [V]; 29.12 y UAB, 28.2 y MMR (primer §3.3)",
            "industrial", 1.0, D_VALUES + " (Sr-90 with Y-90)",
            # No gamma lines: a RIID sees only a bremsstrahlung continuum.
            riid_reports=None, riid_confusions=("unknown",),
            note="beta emitter: hazard is bremsstrahlung and contamination (primer §3.4)"),
    Nuclide("Cf-252", _y(2.65), "2.65 y, MMR Table 1 (primer §3.3) [V]",
            "industrial", 0.02, D_VALUES,
            riid_reports="Cf-252", riid_confusions=("neutron source", "unknown"),
            neutron_emitter=True, note="neutron dose not modelled (primer §3.4 [U])"),
    # --- special nuclear material ------------------------------------------
    Nuclide("Pu-239", _y(24065), "24,065 y, UAB list (primer §3.3) [V]",
            "SNM", 0.06, "EPR-D-VALUES, unsealed or alone (primer §3.1) [R]",
            # Weapons/reactor Pu carries in-grown Am-241, whose 59.5 keV line dominates.
            riid_reports="Pu-239", riid_confusions=("Am-241", "unknown"), neutron_emitter=True,
            note="alpha emitter; weak gammas; spontaneous-fission neutrons from Pu-240"),
    Nuclide("Pu-239/Be", _y(24065), "that of Pu-239 (primer §3.3) [V]",
            "SNM", 0.06, D_VALUES,
            riid_reports="Pu-239", riid_confusions=("Am-241", "unknown"), neutron_emitter=True,
            note="neutron source; neutron dose not modelled"),
    Nuclide("Pu-238", _y(87.7), "87.7 y, " + NUDAT,
            "SNM", 0.06, D_VALUES,
            riid_reports="Pu-238", riid_confusions=("unknown",), neutron_emitter=True,
            note="alpha emitter used in RTGs and Pu-Be sources; gamma not modelled"),
    Nuclide("U-235", _y(7.04e8), "7.04e8 y, " + NUDAT,
            "SNM", riid_reports="U-235", riid_confusions=("NORM", "unknown"),
            note="185.7 keV line is easily shielded; no D-value in the primer"),
    # --- naturally occurring (NORM) -----------------------------------------
    Nuclide("Ra-226", _y(1600), "1,600 y, UAB list; OpenStax (primer §3.3) [V]",
            "NORM", 0.04, D_VALUES, 0.825, AHMED + " (in equilibrium with progeny)",
            # Pb-214 (242-352 keV) and Bi-214 (609-1764 keV): 0.5 MeV is below the
            # kerma-weighted mean, so the ratio errs high.
            h10_energy_MeV=0.5,
            # Same Pb-214/Bi-214 lines as the U-238 chain: RIIDs may say either.
            riid_reports="Ra-226", riid_confusions=("U-238", "NORM")),
    Nuclide("U-238", _y(4.468e9), "4.468e9 y, " + NUDAT,
            "NORM", riid_reports="U-238", riid_confusions=("Ra-226", "NORM"),
            note="chain in equilibrium in ores; gamma dose comes from Ra-226 progeny"),
    Nuclide("Th-232", _y(1.40e10), "1.40e10 y, " + NUDAT,
            "NORM", riid_reports="Th-232", riid_confusions=("NORM",),
            note="chain (Ac-228, Tl-208 2614 keV) in granite, sands and ceramics"),
    Nuclide("K-40", _y(1.248e9), "1.248e9 y, " + NUDAT,
            "NORM", riid_reports="K-40", riid_confusions=("NORM",),
            note="1461 keV line; fertiliser, cat litter, bananas (primer §2 family 1)"),
    # --- medical (gamma constants not in the primer: [R]) -------------------
    Nuclide("Tc-99m", 6.00 / 24, "6.00 h, " + ABR,
            "medical", exposure_constant=0.078, exposure_source=TABULATED, h10_energy_MeV=0.1405,
            # 140 keV; RIIDs also see it next to Se-75 (136 keV) and Co-57 (122 keV).
            riid_reports="Tc-99m", riid_confusions=("Se-75", "Co-57", "unknown")),
    Nuclide("I-131", 8.02, "8.02 d, " + ABR,
            "medical", exposure_constant=0.22, exposure_source=TABULATED, h10_energy_MeV=0.364,
            # I-131's 80 keV line is close to Xe-133's 81 keV.
            riid_reports="I-131", riid_confusions=("Xe-133", "unknown")),
    Nuclide("F-18", 110 / 1440, "110 min, " + ABR,
            "medical", exposure_constant=0.57, exposure_source=TABULATED, h10_energy_MeV=0.511,
            # Only 511 keV annihilation photons: any positron emitter looks alike.
            riid_reports="F-18", riid_confusions=("Na-22", "positron emitter", "unknown")),
    Nuclide("Tl-201", 3.04, "3.04 d (73.0 h), " + ABR,
            "medical", exposure_constant=0.045, exposure_source=TABULATED, h10_energy_MeV=0.075,
            # Mostly 69-80 keV Hg X-rays, the region of I-131's and Xe-133's low lines.
            riid_reports="Tl-201", riid_confusions=("Xe-133", "unknown")),
)

NUCLIDES: dict[str, Nuclide] = {n.symbol: n for n in _TABLE}
_ALIASES = {"AM-241/BE": "Am-Be", "AMBE": "Am-Be", "PU-BE": "Pu-239/Be", "PUBE": "Pu-239/Be"}


def _key(name: str) -> str:
    return name.replace(" ", "").upper()


_BY_KEY = {_key(s): s for s in NUCLIDES} | {_key(s).replace("-", ""): s for s in NUCLIDES}


def nuclide(name: str | Nuclide) -> Nuclide:
    """Look a nuclide up by symbol ("Cs-137", "cs137", "Am-241/Be"); passes a Nuclide through."""
    if isinstance(name, Nuclide):
        return name
    key = _key(name)
    symbol = _ALIASES.get(key) or _BY_KEY.get(key)
    if symbol is None:
        near = difflib.get_close_matches(name, list(NUCLIDES), n=3)
        hint = f"; did you mean {', '.join(near)}?" if near else ""
        raise KeyError(f"unknown nuclide {name!r}{hint}")
    return NUCLIDES[symbol]
