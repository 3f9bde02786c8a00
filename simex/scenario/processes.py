"""World processes an author can put in `world:` (built-in types; their
engines are in simex/engine/world/). Split from model.py to keep modules small."""

# No `from __future__ import annotations` here: pydantic would compile each
# field's annotation string at every class it builds (a fresh `simex validate`
# spent 19M instructions on it; docs/performance.md).
from typing import Annotated, Literal, Union

from pydantic import Field, model_validator

from simex.words import N_, Say

from simex.scenario.distributions import Distribution, Duration, duration_between
from simex.scenario.quantities import between
from simex.scenario.text import Text
from simex.scenario.common import Id, Model, Trigger

# --- world processes (built-in types, see simex/engine/world/) --------------------------

# What each type's engine (simex/engine/world/) can emit: scenario checks use it to
# validate `event:` names. Kept here, beside the types, so `simex validate` loads
# no engine (and no SimPy); the engine re-exports it as simex.engine.world.EMITS.
EMITS = {
    "portal_monitor": ("alarm", "undetected", "left", "condition"),
    "service": ("started", "completed", "absent", "late", "condition"),
    "legal_clock": ("started", "warning", "expired", "stopped", "condition"),
    "precedence": ("kept", "broken", "condition"),
    "dose_field": ("measured", "contour", "entered", "dose", "turn_back", "exceeded", "withdrawn",
                   "changed", "moved", "condition"),
}

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


Conveyance = Literal["vehicle", "container", "rail_wagon", "pedestrian", "baggage"]


class Consignment(Model):
    """A conveyance whose radioactive content the scenario states: a threat or
    a declared shipment. Give the source (`activity_tbq` behind
    `shielding_hvl` half-value layers) and the portal's chance to alarm comes
    from the counting model in simex.domain.detection; `p_detect` overrides
    it. `dose_rate_uSv_h` is the source's own dose rate at 1 m from the
    package, above background (a meter reads it plus the portal's
    `background_uSv_h`); derived from the activity if omitted."""

    at: Duration
    """When it reaches the portal (a closed portal holds it until it opens)."""
    vehicle: str
    """Its id, as the operator sees it (a plate, a container or wagon number, a name)."""
    nuclide: str
    """What is really inside, e.g. `Cs-137`."""
    description: Text
    """What it really is, for controllers (ground truth `cargo`)."""
    manifest: Text | None = None
    """What its papers declare, shown to the operator with the alarm."""
    neutron: bool = False
    """It emits neutrons (also implied by a neutron-emitting nuclide): the neutron channel alarms."""
    activity_tbq: ACTIVITY | None = None
    """Activity of the source, TBq."""
    shielding_hvl: HVL = 0.0
    """Shielding around it, in half-value layers."""
    distance_m: between(0.1, 20, "m") = 2.0
    """Distance from the source to the detector panel."""
    norm_masking: bool = False
    """It hides among naturally radioactive cargo (the RIID reads NORM more often)."""
    dose_rate_uSv_h: DOSE_RATE | None = None
    """Its own dose rate at 1 m above background, µSv/h H*(10); from the activity if omitted."""
    p_detect: PROBABILITY | None = None
    """Fix the chance the portal alarms instead of the counting model."""
    licence: str | None = None
    """A licence number it carries (genuine or forged)."""
    practice: str | None = Field(None, examples=["industrial radiography", "fixed industrial gauge"])
    """RS-G-1.9 practice of the source, for its category."""
    truth: dict[str, str | int | float | bool] = {}
    """More ground truth a service can reveal (`reveals`), e.g. `{driver: "known smuggler",
    contamination: "door handle"}`; the engine's own fields (cause, nuclide...) cannot be overridden."""


class Threat(Consignment):
    """A conveyance carrying material out of regulatory control (ground truth `cause: threat`)."""


class Shipment(Consignment):
    """A declared, licensed shipment of radioactive material (ground truth
    `cause: licensed`): it alarms like a threat and is cleared by checking
    its papers, which is what an exercise probes."""

    licence: str
    """The licence or consignment number its transport documents carry."""


class InnocentCause(Model):
    """A harmless reason for an alarm: naturally radioactive cargo (NORM) or a
    nuclear-medicine patient. Its strength is the net dose rate at 1 m,
    drawn from a log-normal around `dose_rate_uSv_h` (default by the
    nuclide's class, docs/reference-data.md), so innocent alarms span the
    same range of sigma as real sources do."""

    cargo: Text
    """What it is, e.g. "ceramic tiles" or "patient after a thyroid scan"."""
    nuclide: str
    """What the RIID should find, e.g. `K-40`, `Tc-99m`."""
    weight: between(0, 1e6, above=True) = 1.0
    """Relative share among the innocent causes."""
    dose_rate_uSv_h: DOSE_RATE | None = None
    """Median net dose rate at 1 m, µSv/h; default 0.05 for NORM, 5 for a medical nuclide."""
    spread: between(0, 5) = 1.0
    """Log-normal spread (sigma of the natural log) of the dose rate."""
    gamma: bool = True
    """It alarms the gamma channel."""
    neutron: bool = False
    """It alarms the neutron channel (e.g. the cosmic-ray "ship effect" of heavy steel cargo)."""


class PortalMonitor(Model):
    """Radiation portal monitors at a crossing, a port, a rail border or an
    event gate (simex/engine/world/portal.py). Conveyances arrive as a
    Poisson stream while the portal is open; only those that alarm become
    events."""

    id: Id
    """The process id; its events are '<id>.alarm' and '<id>.undetected'."""
    type: Literal["portal_monitor"]
    """`portal_monitor`: radiation portal monitors at a crossing."""
    title: Text | None = None
    """Its name on screens."""
    operator: Id
    """The agency that sees the alarms."""
    conveyance: Conveyance = "vehicle"
    """What passes: vehicle, container, rail_wagon, pedestrian or baggage (shown with each alarm)."""
    lanes: int = Field(1, ge=1, le=50)
    """Lanes or gates, numbered from 1."""
    opening_hours: "Availability" = "24/7"
    """When the lanes are open, in the operator's local time (`24/7`, `office_hours` or `{hours, days}`)."""
    vehicles_per_hour: between(0.001, 10000, "per hour")
    """Traffic while open, conveyances per hour."""
    p_innocent: PROBABILITY = 0.0
    """Chance a conveyance alarms on harmless radioactivity (NORM cargo, a patient)."""
    p_false: PROBABILITY | None = None
    """Chance an occupancy alarms on background statistics alone; default the counting model's
    Gaussian tail at `threshold_sigma` (RPM specifications allow at most 1 in 1,000)."""
    p_neutron_false: between(0, 0.01) = 0.0
    """Chance an occupancy alarms the neutron channel on statistics alone."""
    innocent_causes: list[InnocentCause] = []
    """Harmless causes, drawn in proportion to their weight."""
    threats: list[Threat] = []
    """Conveyances really carrying material out of regulatory control."""
    shipments: list[Shipment] = []
    """Declared, licensed shipments of radioactive material."""
    background_uSv_h: between(0.01, 10, "µSv/h") = 0.085
    """Natural background at the portal, µSv/h."""
    count_time_s: between(0.1, 60, "s") = 2.0
    """Counting time of one occupancy."""
    threshold_sigma: between(0, 20, above=True) = 4.0
    """Gamma alarm threshold, standard deviations of the background count."""
    sentences: Sentences = {}
    """How each of its events reads in a timeline, per event name, e.g. `{alarm: "{vehicle} set off the
    portal on lane {lane}"}`; placeholders are the event's facts (simex/scenario/sentences.py)."""


class Service(Model):
    """A timed service with a queue: secondary inspection, reachback, a
    laboratory, a hospital (simex/engine/world/service.py)."""

    id: Id
    """The process id; its events are '<id>.started' and '<id>.completed'."""
    type: Literal["service"]
    """`service`: a timed service with a queue (inspection, reachback, a laboratory)."""
    title: Text | None = None
    """Its name on screens."""
    performed_by: Id
    """The agency that performs it."""
    starts_on: Trigger
    """What requests it (usually an agency's action)."""
    key: str | None = None
    """The request's field naming what is served (a vehicle, a sample): its ground truth is revealed."""
    capacity: int = Field(1, ge=1, le=1000)
    """How many requests are served at once; the rest queue."""
    duration: Distribution = Field(examples=["15m", {"dist": "triangular", "low": "10m", "mode": "15m",
                                                     "high": "30m"}])
    """How long one request takes."""
    reveals: list[str] = []
    """Ground-truth fields the result reports (e.g. `cause`, `nuclide`, `category`)."""
    p_wrong: PROBABILITY = 0.0
    """Chance each revealed field is reported wrong (reachback and laboratories are not omniscient)."""
    wrong_values: dict[str, list[str]] = {}
    """Plausible wrong answers per revealed field; a field without any reads `inconclusive` when wrong."""
    routine_per_hour: between(0, 10000, "per hour") = 0.0
    """Other work (a laboratory's routine samples) arriving at random, each taking `duration`
    and a server, so the exercise's requests queue behind it."""
    turnaround: Duration | None = None
    """The promised turnaround: a result later than this after the request emits `late`."""
    on_site: bool = True
    """It works on the conveyance itself (an inspection), so one that has left emits `absent`;
    false for reachback and laboratories, which work on data and samples."""
    # A handheld survey and RIID: the revealed `nuclide` is what the RIID
    # reports (simex.domain.detection.identify), the dose rate carries the
    # meter's relative error, and the officer's dose is reported.
    riid: bool = False
    """A handheld survey with a RIID: it reveals what the instruments read, not the truth."""
    reading_error: PROBABILITY = 0.1
    """Relative error of the survey meter."""
    officer_distance_m: between(0.1, 100, "m") = 1.0
    """Where the officer stands while surveying, for the officer's dose."""
    sentences: Sentences = {}
    """How each of its events reads in a timeline, per event name, e.g. `{alarm: "{vehicle} set off the
    portal on lane {lane}"}`; placeholders are the event's facts (simex/scenario/sentences.py)."""


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
    sentences: Sentences = {}
    """How each of its events reads in a timeline, per event name, e.g. `{alarm: "{vehicle} set off the
    portal on lane {lane}"}`; placeholders are the event's facts (simex/scenario/sentences.py)."""


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
    sentences: Sentences = {}
    """How each of its events reads in a timeline, per event name, e.g. `{alarm: "{vehicle} set off the
    portal on lane {lane}"}`; placeholders are the event's facts (simex/scenario/sentences.py)."""


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
    truth: dict[str, str | int | float | bool] = {}
    """More ground truth about the site a service keyed to it can reveal (a hospital: a patient's
    contamination; a laboratory: a sample's result)."""
    sentences: Sentences = {}
    """How each of its events reads in a timeline, per event name, e.g. `{alarm: "{vehicle} set off the
    portal on lane {lane}"}`; placeholders are the event's facts (simex/scenario/sentences.py)."""


# What an inject or the facilitator can change in each kind of world process
# (simex/engine/world/changes.py applies them).
CHANGES = {"portal_monitor": ("remove",), "dose_field": ("shield", "cordon")}


class WorldChange(Model):
    """A change to world state, applied when its inject is delivered or when
    the facilitator orders it (`change_world`): journaled, so a replay
    changes the world the same way. `remove` takes a conveyance off a
    portal's lanes ("the truck drove off"); `shield` puts a dose field's
    source behind `shielding_hvl` half-value layers (recovered into a
    shielded container); `cordon` pushes every team closer than `radius_m`
    out to it (the cordon expanded)."""

    process: Id
    """The world process changed."""
    do: Literal["remove", "shield", "cordon"]
    """What changes: `remove` (portal), `shield` or `cordon` (dose field)."""
    key: str | None = None
    """`remove`: the conveyance that leaves."""
    shielding_hvl: HVL | None = None
    """`shield`: the source's new shielding, half-value layers."""
    radius_m: DISTANCE | None = None
    """`cordon`: the new cordon radius; teams inside it move out to it."""

    @model_validator(mode="after")
    def _needs(self):
        need = {"remove": "key", "shield": "shielding_hvl", "cordon": "radius_m"}[self.do]
        if getattr(self, need) is None:
            raise ValueError(Say(N_("'{change}' needs '{key}'"), change=self.do, key=need))
        return self


Process = Annotated[Union[PortalMonitor, Service, LegalClock, Precedence, DoseField],
                    Field(discriminator="type")]


