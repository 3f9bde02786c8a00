"""World processes an author can put in `world:` (built-in types; their
engines are in simex/engine/world/). Split from model.py to keep modules small."""
from __future__ import annotations

from typing import Annotated, Literal, Union

from pydantic import Field

from simex.scenario.distributions import Distribution, Duration, duration_between
from simex.scenario.quantities import between
from simex.scenario.text import Text
from simex.scenario.common import Id, Model, Trigger

# --- world processes (built-in types, see simex/engine/world/) --------------------------

# Event name -> how that event reads in a timeline (simex/scenario/sentences.py).
Sentences = dict[str, Text]

# Ranges of the physics (quantities.py): the strongest sealed sources are
# about 10^5 TBq (irradiators); 10^9 µSv/h is 1,000 Sv/h; 100 km is beyond any
# cordon. Below 0.1 m the point-source model means nothing.
ACTIVITY = between(0, 1e6, "TBq", above=True)
DOSE_RATE = between(0, 1e9, "µSv/h")
DISTANCE = between(0.1, 100000, "m")
HVL = between(0, 40, "half-value layers")
PROBABILITY = between(0, 1)


class Threat(Model):
    """A conveyance carrying material out of regulatory control.

    Give the source (`activity_tbq` behind `shielding_hvl` half-value layers)
    and the portal's chance to alarm comes from the counting model in
    simex.domain.detection; `p_detect` overrides it. `dose_rate_uSv_h` is the
    source's own dose rate at 1 m from the package, above background (a meter
    reads it plus the portal's `background_uSv_h`); derived from the activity
    if omitted."""

    at: Duration
    vehicle: str
    nuclide: str
    description: Text
    manifest: Text | None = None
    neutron: bool = False
    activity_tbq: ACTIVITY | None = None
    shielding_hvl: HVL = 0.0
    distance_m: between(0.1, 20, "m") = 2.0
    norm_masking: bool = False
    dose_rate_uSv_h: DOSE_RATE | None = None
    p_detect: PROBABILITY | None = None
    licence: str | None = None
    practice: str | None = None


class InnocentCause(Model):
    cargo: Text
    nuclide: str
    weight: between(0, 1e6, above=True) = 1.0


class PortalMonitor(Model):
    id: Id
    type: Literal["portal_monitor"]
    title: Text | None = None
    operator: Id
    lanes: int = Field(1, ge=1, le=50)
    vehicles_per_hour: between(0.001, 10000, "per hour")
    p_innocent: PROBABILITY = 0.0
    p_false: PROBABILITY = 0.0
    innocent_causes: list[InnocentCause] = []
    threats: list[Threat] = []
    # Counting model of a threat's alarm (simex.domain.detection.PortalMonitor).
    background_uSv_h: between(0.01, 10, "µSv/h") = 0.085
    count_time_s: between(0.1, 60, "s") = 2.0
    threshold_sigma: between(0, 20, above=True) = 4.0
    sentences: Sentences = {}


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
    reading_error: PROBABILITY = 0.1
    officer_distance_m: between(0.1, 100, "m") = 1.0
    sentences: Sentences = {}


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
    sentences: Sentences = {}


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
    sentences: Sentences = {}


class MeasurementPoint(Model):
    id: Id
    title: Text
    distance_m: DISTANCE
    deposition_uSv_h: DOSE_RATE = 0.0


class ResponderTeam(Model):
    id: Id
    title: Text
    agency: Id
    distance_m: DISTANCE
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
    activity_tbq: ACTIVITY
    shielding_hvl: HVL = 0.0
    survey_on: Trigger
    survey_time: Distribution = Field(1800.0, validate_default=True)
    reading_error: PROBABILITY = 0.15
    points: list[MeasurementPoint] = []
    teams: list[ResponderTeam] = []
    dosimetry_on: Trigger | None = None
    guidance: Literal["IAEA-2006", "GSR-Part-7"] = "IAEA-2006"
    oil_set: str | None = "IAEA-GSG-2"
    report_every: duration_between(60, 86400) = 1800.0
    sentences: Sentences = {}


Process = Annotated[Union[PortalMonitor, Service, LegalClock, Precedence, DoseField],
                    Field(discriminator="type")]


