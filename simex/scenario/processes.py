"""World processes an author can put in `world:` (built-in types; their
engines are in simex/engine/world/). Split from model.py to keep modules small."""
from __future__ import annotations

from typing import Annotated, Literal, Union

from pydantic import Field

from simex.scenario.distributions import Distribution, Duration
from simex.scenario.text import Text
from simex.scenario.common import Id, Model, Trigger

# --- world processes (built-in types, see simex/engine/world/) --------------------------


class Threat(Model):
    """A conveyance carrying material out of regulatory control.

    Give the source (`activity_tbq` behind `shielding_hvl` half-value layers)
    and the portal's chance to alarm comes from the counting model in
    simex.domain.detection; `p_detect` overrides it. `dose_rate_uSv_h` is the
    reading at 1 m from the package; derived from the activity if omitted."""

    at: Duration
    vehicle: str
    nuclide: str
    description: Text
    manifest: Text | None = None
    neutron: bool = False
    activity_tbq: float | None = Field(None, gt=0)
    shielding_hvl: float = Field(0.0, ge=0, le=40)
    distance_m: float = Field(2.0, gt=0, le=20)
    norm_masking: bool = False
    dose_rate_uSv_h: float | None = Field(None, ge=0)
    p_detect: float | None = Field(None, ge=0, le=1)
    licence: str | None = None
    practice: str | None = None


class InnocentCause(Model):
    cargo: Text
    nuclide: str
    weight: float = Field(1.0, gt=0)


class PortalMonitor(Model):
    id: Id
    type: Literal["portal_monitor"]
    title: Text | None = None
    operator: Id
    lanes: int = Field(1, ge=1, le=50)
    vehicles_per_hour: float = Field(gt=0, le=10000)
    p_innocent: float = Field(0.0, ge=0, le=1)
    p_false: float = Field(0.0, ge=0, le=1)
    innocent_causes: list[InnocentCause] = []
    threats: list[Threat] = []
    # Counting model of a threat's alarm (simex.domain.detection.PortalMonitor).
    background_uSv_h: float = Field(0.085, gt=0)
    count_time_s: float = Field(2.0, gt=0, le=60)
    threshold_sigma: float = Field(4.0, gt=0, le=20)


class Service(Model):
    id: Id
    type: Literal["service"]
    title: Text | None = None
    performed_by: Id
    starts_on: Trigger
    key: str | None = None
    capacity: int = Field(1, ge=1, le=1000)
    duration: Distribution
    reveals: list[str] = []
    # A handheld survey and RIID: the revealed `nuclide` is what the RIID
    # reports (simex.domain.detection.identify), the dose rate carries the
    # meter's relative error, and the officer's dose is reported.
    riid: bool = False
    reading_error: float = Field(0.1, ge=0, le=1)
    officer_distance_m: float = Field(1.0, gt=0)


class LegalClock(Model):
    id: Id
    type: Literal["legal_clock"]
    title: Text
    owner: Id
    starts_on: Trigger
    deadline: Duration
    stops_on: Trigger | None = None
    warn_before: Duration | None = None
    reference: str | None = None


class Precedence(Model):
    """One thing must happen before another: preservation before takedown,
    consultation before return, survey before collection. Emits `kept` or
    `broken` when `then` first happens, so injects and scoring can react."""

    id: Id
    type: Literal["precedence"]
    title: Text
    owner: Id
    first: Trigger
    then: Trigger
    reference: str | None = None


class MeasurementPoint(Model):
    id: Id
    title: Text
    distance_m: float = Field(gt=0)
    deposition_uSv_h: float = Field(0.0, ge=0)


class ResponderTeam(Model):
    id: Id
    title: Text
    agency: Id
    distance_m: float = Field(gt=0)
    enters_on: Trigger
    leaves_on: Trigger | None = None
    task: Literal["avert_collective_dose", "prevent_severe_effects", "life_saving"] = "prevent_severe_effects"


class DoseField(Model):
    """The radiation field around a source after an incident: the residual
    point source (inverse square, shielding) plus scenario-given ground
    deposition at named points. A survey reports each point's ambient dose
    rate and the OILs it exceeds; teams working at a distance accumulate
    dose until their turn-back dose (simex.domain.cordons)."""

    id: Id
    type: Literal["dose_field"]
    title: Text
    owner: Id
    site: str
    nuclide: str
    activity_tbq: float = Field(gt=0)
    shielding_hvl: float = Field(0.0, ge=0)
    survey_on: Trigger
    survey_time: Distribution = Field(1800.0, validate_default=True)
    reading_error: float = Field(0.15, ge=0, le=1)
    points: list[MeasurementPoint] = []
    teams: list[ResponderTeam] = []
    dosimetry_on: Trigger | None = None
    guidance: Literal["IAEA-2006", "GSR-Part-7"] = "IAEA-2006"
    oil_set: str | None = "IAEA-GSG-2"
    report_every: Duration = 1800.0


Process = Annotated[Union[PortalMonitor, Service, LegalClock, Precedence, DoseField],
                    Field(discriminator="type")]


