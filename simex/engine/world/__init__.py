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
from simex.scenario.processes import EMITS  # what each type emits; kept beside the types so validate needs no engine

_TYPES = {PortalMonitor: PortalMonitorProcess, Service: ServiceProcess, LegalClock: LegalClockProcess,
          Precedence: PrecedenceProcess, DoseField: DoseFieldProcess}



def build(spec, ctx: WorldContext) -> WorldProcess:
    return _TYPES[type(spec)](spec, ctx)


__all__ = ["EMITS", "WorldContext", "WorldProcess", "apply_changes", "build", "watch"]
