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

# What each type's engine (simex/engine/world/) can emit: scenario checks use it to
# validate `event:` names. Kept here, beside the types, so `simex validate` loads
# no engine (and no SimPy); the engine re-exports it as simex.engine.world.EMITS.
EMITS = {
    "portal_monitor": ("alarm", "undetected", "condition"),
    "service": ("started", "completed", "condition"),
    "legal_clock": ("started", "warning", "expired", "stopped", "condition"),
    "precedence": ("kept", "broken", "condition"),
    "dose_field": ("measured", "contour", "entered", "dose", "turn_back", "exceeded", "withdrawn",
                   "condition"),
}

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
    """The scenario time it reaches the portal."""
    vehicle: str
    """The conveyance's id, e.g. 'TRK-7'."""
    nuclide: str
    """The radionuclide, e.g. 'Cs-137'."""
    description: Text
    """What it really is (ground truth: controllers and reachback)."""
    manifest: Text | None = None
    """What its papers declare, shown with the alarm."""
    neutron: bool = False
    """Whether it also sets off the neutron channel (always for a neutron emitter)."""
    activity_tbq: ACTIVITY | None = None
    """The source's activity, TBq: gives its dose rate, its chance to alarm and its A/D category."""
    shielding_hvl: HVL = 0.0
    """Shielding around the source, in half-value layers."""
    distance_m: between(0.1, 20, "m") = 2.0
    """Its distance from the detector panel, m."""
    norm_masking: bool = False
    """Whether NORM cargo (tiles, fertiliser) is loaded around it to mask it."""
    dose_rate_uSv_h: DOSE_RATE | None = None
    """The source's own dose rate at 1 m from the package, above background, µSv/h; derived from the
    activity if left out."""
    p_detect: PROBABILITY | None = None
    """The chance the portal alarms, overriding the counting model."""
    licence: str | None = None
    """The licence the source was registered under, for a licence check."""
    practice: str | None = Field(None, examples=["industrial radiography", "fixed industrial gauge"])
    """The IAEA RS-G-1.9 practice the source comes from (simex.domain.practices): its category is reported
    beside the A/D band."""


class InnocentCause(Model):
    cargo: Text
    """The harmless load that alarms, e.g. fertiliser."""
    nuclide: str
    """Its radionuclide, e.g. 'K-40'."""
    weight: between(0, 1e6, above=True) = 1.0
    """How often it is the cause, relative to the other causes."""


class PortalMonitor(Model):
    id: Id
    """The process id; its events are '<id>.alarm' and '<id>.undetected'."""
    type: Literal["portal_monitor"]
    """`portal_monitor`: radiation portal monitors at a crossing."""
    title: Text | None = None
    """Its name on screens."""
    operator: Id
    """The agency that sees the alarms."""
    lanes: int = Field(1, ge=1, le=50)
    """Lanes with a monitor."""
    vehicles_per_hour: between(0.001, 10000, "per hour")
    """Traffic through the portal."""
    p_innocent: PROBABILITY = 0.0
    """The chance an ordinary vehicle alarms on harmless cargo (NORM, a patient)."""
    p_false: PROBABILITY = 0.0
    """The chance an ordinary vehicle alarms on nothing (statistics, equipment)."""
    innocent_causes: list[InnocentCause] = []
    """What innocent alarms are, and how often each."""
    threats: list[Threat] = []
    """Conveyances really carrying material out of regulatory control."""
    # Counting model of a threat's alarm (simex.domain.detection.PortalMonitor).
    background_uSv_h: between(0.01, 10, "µSv/h") = 0.085
    """Natural background at the portal, µSv/h."""
    count_time_s: between(0.1, 60, "s") = 2.0
    """How long the monitor counts one vehicle, s."""
    threshold_sigma: between(0, 20, above=True) = 4.0
    """The alarm threshold, in standard deviations of the background count."""


class Service(Model):
    id: Id
    """The process id; its events are '<id>.started' and '<id>.completed'."""
    type: Literal["service"]
    """`service`: a timed service with a queue (inspection, reachback, a laboratory)."""
    title: Text | None = None
    """Its name on screens."""
    performed_by: Id
    """The agency that runs it."""
    starts_on: Trigger
    """What starts one (usually an agency's action)."""
    key: str | None = None
    """The fact naming the item served (usually 'vehicle'); its trigger's event must carry it, and a player
    may only name items the world knows."""
    capacity: int = Field(1, ge=1, le=1000)
    """Servers working in parallel; others queue."""
    duration: Distribution = Field(examples=["15m", {"dist": "triangular", "low": "10m", "mode": "15m",
                                                     "high": "30m"}])
    """How long one takes: a duration or a distribution."""
    reveals: list[str] = []
    """Ground-truth fields made known on completion, e.g. [nuclide]."""
    # A handheld survey and RIID: the revealed `nuclide` is what the RIID
    # reports (simex.domain.detection.identify), the dose rate carries the
    # meter's relative error, and the officer's dose is reported.
    riid: bool = False
    """A handheld survey with an identifier (RIID): it reports what the instruments show, which may be
    wrong."""
    reading_error: PROBABILITY = 0.1
    """The meter's relative error (0.1 = 10%)."""
    officer_distance_m: between(0.1, 100, "m") = 1.0
    """How close the officer works to the source, m, for the officer's dose."""


class LegalClock(Model):
    id: Id
    """The process id; its events are '<id>.started', '.warning', '.expired' and '.stopped'."""
    type: Literal["legal_clock"]
    """`legal_clock`: a deadline, such as a detention limit."""
    title: Text
    """What the deadline is."""
    owner: Id
    """The agency the deadline binds."""
    starts_on: Trigger
    """What starts the clock (only the first time)."""
    deadline: Duration
    """How long after the start it expires."""
    stops_on: Trigger | None = None
    """What stops it in time."""
    warn_before: Duration | None = None
    """How long before the deadline to warn; shorter than the deadline."""
    reference: str | None = None
    """The legal basis."""


class Precedence(Model):
    """One thing must happen before another: preservation before takedown,
    consultation before return, survey before collection. Emits `kept` or
    `broken` when `then` first happens, so injects and scoring can react."""

    id: Id
    """The process id; its events are '<id>.kept' and '<id>.broken'."""
    type: Literal["precedence"]
    """`precedence`: one thing must happen before another."""
    title: Text
    """The rule, e.g. preservation before takedown."""
    owner: Id
    """The agency responsible for the order."""
    first: Trigger
    """What must come first."""
    then: Trigger
    """What must come after."""
    reference: str | None = None
    """The rule it comes from."""


class MeasurementPoint(Model):
    id: Id
    """The point's id."""
    title: Text
    """Where it is."""
    distance_m: DISTANCE
    """Its distance from the source, m."""
    deposition_uSv_h: DOSE_RATE = 0.0
    """Dose rate from ground deposition there, µSv/h."""


class ResponderTeam(Model):
    id: Id
    """The team's id."""
    title: Text
    """Who the team is."""
    agency: Id
    """The agency it belongs to."""
    distance_m: DISTANCE
    """Where it works, as a distance from the source, m."""
    enters_on: Trigger
    """What sends it in."""
    leaves_on: Trigger | None = None
    """What withdraws it."""
    task: Literal["avert_collective_dose", "prevent_severe_effects", "life_saving"] = "prevent_severe_effects"
    """What it is doing, which sets its turn-back dose."""


class DoseField(Model):
    """The radiation field around a source after an incident: the residual
    point source (inverse square, shielding) plus scenario-given ground
    deposition at named points. A survey reports each point's ambient dose
    rate and the OILs it exceeds; teams working at a distance accumulate
    dose until their turn-back dose (simex.domain.cordons)."""

    id: Id
    """The process id; its events are '<id>.measured', '.contour', '.entered', '.dose', '.turn_back',
    '.exceeded' and '.withdrawn'."""
    type: Literal["dose_field"]
    """`dose_field`: the radiation field at an incident site."""
    title: Text
    """Its name on screens."""
    owner: Id
    """The agency leading the scene."""
    site: str
    """The site's name."""
    nuclide: str
    """The source's radionuclide."""
    activity_tbq: ACTIVITY
    """The residual source's activity, TBq."""
    shielding_hvl: HVL = 0.0
    """Shielding left around it, in half-value layers."""
    survey_on: Trigger
    """What starts the survey (once)."""
    survey_time: Distribution = Field(1800.0, validate_default=True)
    """How long the survey takes: a duration or a distribution."""
    reading_error: PROBABILITY = 0.15
    """The survey meter's relative error."""
    points: list[MeasurementPoint] = []
    """Measurement points."""
    teams: list[ResponderTeam] = []
    """Responder teams working in the field."""
    dosimetry_on: Trigger | None = None
    """What issues dosimeters (left out: teams have them from the start)."""
    guidance: Literal["IAEA-2006", "GSR-Part-7"] = "IAEA-2006"
    """The turn-back dose guidance; pick one and keep it."""
    oil_set: str | None = "IAEA-GSG-2"
    """The operational intervention levels used; null for a sealed source with nothing dispersed."""
    report_every: duration_between(60, 86400) = 1800.0
    """How often a team's dose is reported."""


Process = Annotated[Union[PortalMonitor, Service, LegalClock, Precedence, DoseField],
                    Field(discriminator="type")]


