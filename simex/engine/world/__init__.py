"""Built-in world processes: stochastic, seeded models that generate events
and react to actions. One module per process type; `build` picks the class."""
from __future__ import annotations

from simex.engine.world.base import WorldContext, WorldProcess
from simex.engine.world.changes import apply as apply_changes, watch
from simex.engine.world.dose_field import DoseFieldProcess
from simex.engine.world.legal_clock import LegalClockProcess
from simex.engine.world.portal import PortalMonitorProcess
from simex.engine.world.precedence import PrecedenceProcess
from simex.engine.world.service import ServiceProcess
from simex.scenario.model import DoseField, LegalClock, PortalMonitor, Precedence, Service

_TYPES = {PortalMonitor: PortalMonitorProcess, Service: ServiceProcess, LegalClock: LegalClockProcess,
          Precedence: PrecedenceProcess, DoseField: DoseFieldProcess}

# What each type can emit: scenario checks use it to validate `event:` names.
EMITS = {
    "portal_monitor": ("alarm", "undetected", "left", "condition"),
    "service": ("started", "completed", "absent", "late", "condition"),
    "legal_clock": ("started", "warning", "expired", "stopped", "condition"),
    "precedence": ("kept", "broken", "condition"),
    "dose_field": ("measured", "contour", "entered", "dose", "turn_back", "exceeded", "withdrawn",
                   "changed", "moved", "condition"),
}


def build(spec, ctx: WorldContext) -> WorldProcess:
    return _TYPES[type(spec)](spec, ctx)


__all__ = ["EMITS", "WorldContext", "WorldProcess", "apply_changes", "build", "watch"]
