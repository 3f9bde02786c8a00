"""Checks on the physics a scenario's world relies on: every nuclide is one
simex.domain knows, a source whose dose rate is computed has a gamma
constant, a practice (IAEA RS-G-1.9) or OIL set named is a known one. Without these, a typo
would surface as a crash in the middle of an exercise instead of a line
number in `simex validate`.

The tables load when a scenario names what they hold (a nuclide, a
practice, an OIL set): a scenario without radiation pays nothing for them,
and each costs a fresh `simex validate` milliseconds (frozen dataclasses and
their rows)."""
from __future__ import annotations

from typing import TYPE_CHECKING

from simex.scenario.problems import some_of, suggest
from simex.words import N_, Say

if TYPE_CHECKING:
    from simex.scenario.checks import Findings


def _known(f: "Findings", name: str, path: tuple) -> bool:
    from simex.domain import NUCLIDES, nuclide

    try:
        nuclide(name)
        return True
    except KeyError:
        f.error(path, Say(N_("unknown nuclide '{name}'{hint}; known: {known}"),
                          name=name, hint=suggest(name, list(NUCLIDES)), known=list(NUCLIDES)))
        return False


def _has_gamma(f: "Findings", name: str, path: tuple, why: Say) -> None:
    from simex.domain import nuclide

    n = nuclide(name)
    if n.exposure_constant is None and not n.published_gammas:
        # Translators: {note} is simex.domain's English note on the nuclide (reference data, not translated)
        f.error(path, Say(N_("{nuclide} has no gamma constant in simex.domain ({note}), so {why}"),
                          nuclide=n.symbol, note=n.note or Say(N_("not modelled")), why=why))


def check_physics(f: "Findings") -> None:
    for i, p in enumerate(f.s.world):
        path = ("world", i)
        if p.type == "portal_monitor":
            for j, cause in enumerate(p.innocent_causes):
                _known(f, cause.nuclide, path + ("innocent_causes", j, "nuclide"))
            for key, j, threat in [("threats", j, t) for j, t in enumerate(p.threats)] + \
                    [("shipments", j, t) for j, t in enumerate(p.shipments)]:
                where = path + (key, j)
                if not _known(f, threat.nuclide, where + ("nuclide",)):
                    continue
                if threat.dose_rate_uSv_h is None and threat.activity_tbq is not None:
                    _has_gamma(f, threat.nuclide, where + ("nuclide",),
                               Say(N_("give 'dose_rate_uSv_h' (the reading at 1 m) instead of deriving it")))
                if threat.practice:
                    _known_practice(f, threat.practice, where + ("practice",))
        elif p.type == "dose_field":
            if _known(f, p.nuclide, path + ("nuclide",)):
                _has_gamma(f, p.nuclide, path + ("nuclide",), Say(N_("its dose field cannot be computed")))
            if p.oil_set is not None:
                _known_oil_set(f, p.oil_set, path + ("oil_set",))


def _known_practice(f: "Findings", name: str, path: tuple) -> None:
    from simex.domain.practices import practice, practice_names

    if practice(name) is None:
        f.error(path, Say(N_("'{practice}' is not an IAEA RS-G-1.9 practice "
                             "(docs/reference-data.md lists them; or leave it out); "
                             "practices are: {practices}{hint}"),
                          practice=name, practices=some_of(practice_names(), 8),
                          hint=suggest(name, practice_names())))


def _known_oil_set(f: "Findings", name: str, path: tuple) -> None:
    from simex.domain import OIL_SETS

    if name not in OIL_SETS:
        f.error(path, Say(N_("unknown OIL set '{name}'{hint}; known: {known}, or null for none"),
                          name=name, hint=suggest(name, list(OIL_SETS)), known=list(OIL_SETS)))
