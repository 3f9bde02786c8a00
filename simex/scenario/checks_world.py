"""Whole-file checks on what the world does: a portal's statistics against
what RPM specifications allow, and the changes injects make to world
processes (each names a process of a type that can make it). Split from
checks.py to keep each module one idea."""
from __future__ import annotations

from typing import TYPE_CHECKING

from simex.scenario.model import CHANGES
from simex.words import NOTHING, N_, Say

if TYPE_CHECKING:
    from simex.scenario.checks import Findings


# The most statistical false alarms an RPM specification allows per
# occupancy (IEC 62244, docs/reference-data.md "Portal statistics").
MAX_P_FALSE = 0.001


def check_portal(f: "Findings", p, path: tuple) -> None:
    if p.p_innocent + (p.p_false or 0.0) + p.p_neutron_false > 1:
        f.error(path + ("p_false",), Say(N_("p_innocent + p_false + p_neutron_false is more than 1: "
                                            "a conveyance cannot alarm more than always")))
    if p.p_false is not None and p.p_false > MAX_P_FALSE:
        f.warn(path + ("p_false",), Say(N_("a statistical false-alarm rate of {rate} per occupancy is more than "
                                           "RPM specifications allow ({allowed}, IEC 62244); harmless alarms "
                                           "belong in p_innocent, or leave p_false out to use the counting model's"),
                                        rate=f"{p.p_false:g}", allowed=f"{MAX_P_FALSE:g}"))


    for j, cause in enumerate(p.innocent_causes):
        if not cause.gamma and not cause.neutron:
            f.error(path + ("innocent_causes", j), Say(N_("a cause that alarms neither the gamma nor the neutron "
                                                          "channel never alarms: set 'gamma' or 'neutron' true")))


def check_service(f: "Findings", p, path: tuple) -> None:
    for name in p.wrong_values:
        if name not in p.reveals:
            f.warn(path + ("wrong_values", name), Say(N_("'{name}' is not revealed by this service, so it is never "
                                                         "wrong; it reveals: {reveals}"),
                                                      name=name, reveals=list(p.reveals) or NOTHING))


def check_changes(f: "Findings") -> None:
    """Each change names a process of a type that can make it; a conveyance
    removed from a portal is one the scenario declares (a warning otherwise:
    generated traffic ids exist only at run time)."""
    for i, inject in enumerate(f.s.injects):
        for j, change in enumerate(inject.changes):
            path = ("injects", i, "changes", j)
            if not f.known("world process", change.process, f.processes, path + ("process",)):
                continue
            process = f.processes[change.process]
            allowed = CHANGES.get(process.type, ())
            if change.do not in allowed:
                f.error(path + ("do",), Say(N_("a {type} cannot '{change}'; it can: {allowed}"),
                                            type=process.type, change=change.do, allowed=list(allowed) or NOTHING))
            elif change.do == "remove":
                declared = [c.vehicle for c in (*process.threats, *process.shipments)]
                if change.key not in declared:
                    f.warn(path + ("key",), Say(N_("'{key}' is not a threat or shipment of '{process}'; it is "
                                                   "removed only if it is waiting there when the inject is "
                                                   "delivered{hint}"),
                                                key=change.key, process=process.id, hint=f.hint(change.key, declared)))
