"""Built-in world processes: stochastic, seeded models that generate events
and react to actions. One module per process type; `build` picks the class."""
from __future__ import annotations

from simex.engine.world.base import WorldContext, WorldProcess
from simex.engine.world.legal_clock import LegalClockProcess
from simex.engine.world.portal import PortalMonitorProcess
from simex.engine.world.service import ServiceProcess
from simex.scenario.model import LegalClock, PortalMonitor, Service

_TYPES = {PortalMonitor: PortalMonitorProcess, Service: ServiceProcess, LegalClock: LegalClockProcess}

# What each type can emit: scenario checks use it to validate `event:` names.
EMITS = {
    "portal_monitor": ("alarm", "undetected", "condition"),
    "service": ("started", "completed", "condition"),
    "legal_clock": ("started", "warning", "expired", "stopped", "condition"),
}


def build(spec, ctx: WorldContext) -> WorldProcess:
    return _TYPES[type(spec)](spec, ctx)


__all__ = ["EMITS", "WorldContext", "WorldProcess", "build"]
