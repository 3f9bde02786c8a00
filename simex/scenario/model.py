"""The scenario format v1 as an immutable model.

One class per concept an author writes in YAML. Field names are the YAML
keys, so validation messages speak the author's vocabulary. Cross-references
(agency ids, objectives...) are checked in `checks.py`, not here: a model
validates one object; the checks see the whole file.
"""

# No `from __future__ import annotations` here: pydantic would compile each
# field's annotation string at every class it builds (a fresh `simex validate`
# spent 19M instructions on it; docs/performance.md).
import re
from datetime import datetime
from typing import Annotated, Literal, Union
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import BeforeValidator, Field, PrivateAttr, field_validator, model_validator

from simex.words import N_, Say

from simex.scenario.distributions import Distribution, Duration, duration_between
from simex.scenario.quantities import between
from simex.scenario.text import Lang, Text
from simex.scenario.common import Id, IdList, Model, OptionalDistribution, Trigger, _one_or_many  # noqa: F401
from simex.scenario.processes import (  # noqa: F401 - re-exported: the model's public names live here
    CHANGES, DOSE_RATE, Consignment, DoseField, InnocentCause, LegalClock, MeasurementPoint, PortalMonitor,
    Precedence, Process, ResponderTeam, Service, Shipment, Threat, WorldChange,
)

FORMAT_VERSION = 1

# --- exercise ---------------------------------------------------------------

ExerciseType = Literal[
    "seminar", "workshop", "tabletop", "game", "drill", "functional", "full-scale"
]


class CriticalTask(Model):
    id: Id
    """The task's id, unique in the whole file: doctrine cites it alone (`critical_task: CT2`)."""
    title: Text
    """What the task is, as evaluators read it."""


class Objective(Model):
    """HSEEP chain: objective -> core capability -> capability target -> critical tasks."""

    id: Id
    """The objective's id, e.g. 'OBJ1'."""
    title: Text
    """What the exercise evaluates."""
    capability: Text | None = None
    """The core capability it exercises (HSEEP)."""
    target: Text | None = None
    """The capability target, a threshold such as 'within 15 minutes'."""
    critical_tasks: list[CriticalTask] = []
    """The tasks that evidence it: doctrine expectations name one, and scores roll up to it."""


class Exercise(Model):
    id: Id
    """The exercise's id, used in journals and reports."""
    title: Text
    """The exercise's name."""
    summary: Text
    """A paragraph on what happens and what is evaluated."""
    type: ExerciseType
    """The HSEEP exercise type."""
    startex: datetime = Field(examples=["2026-05-12T09:00:00+02:00"])
    """Date and time of STARTEX with its UTC offset (years 1900 to 2200)."""
    duration: Duration = Field(examples=["4h", "2d"])
    """How long until ENDEX (at most 366d)."""
    preroll: duration_between(0, 7 * 86400) = 0.0   # no horizon bounds a run before STARTEX
    """How long the simulated world runs before STARTEX (traffic, queues, dose fields); injects, doctrine
    and simulated agencies start at STARTEX. At most 7d."""
    seed: between(0, 2**63 - 1, kind=int) = 0   # a 64-bit seed is plenty; no number is unbounded
    """The random seed: the same seed gives the same simulated traffic and delays."""
    languages: list[Lang] = ["en"]
    """Languages the exercise is run in: every player-facing text should exist in each (missing ones are
    warnings)."""
    sponsor: str | None = None
    """The sponsoring organisation, for the after-action report."""
    point_of_contact: str | None = None
    """Who to contact about the exercise, for the after-action report."""

    @field_validator("startex")
    @classmethod
    def _aware(cls, value: datetime) -> datetime:
        if value.tzinfo is None:
            raise ValueError(Say(N_("STARTEX needs a UTC offset, e.g. 2026-03-14T08:00:00+01:00")))
        # The engine turns scenario times into local dates (office hours): a
        # STARTEX near year 9999 would overflow the calendar mid-exercise.
        if not 1900 <= value.year <= 2200:
            raise ValueError(Say(N_("STARTEX must fall between the years 1900 and 2200")))
        return value

    @field_validator("duration")
    @classmethod
    def _positive(cls, value: float) -> float:
        if value <= 0:
            raise ValueError(Say(N_("the exercise must last longer than zero")))
        return value


_LONGEST_ZONE = 64   # the longest IANA name is 32 characters


class Jurisdiction(Model):
    id: Id
    """The jurisdiction's id."""
    name: Text
    """A country or organisation."""
    timezone: str = Field("UTC", examples=["Europe/Paris", "America/New_York"])
    """An IANA time-zone name: office hours of its agencies are in this local time."""

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            # A name longer than any zone's is not looked up: it would reach the
            # file system as a path ("File name too long").
            if len(value) > _LONGEST_ZONE:
                raise ValueError
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError, OSError):
            shown = value if len(value) <= 60 else value[:57] + "..."
            raise ValueError(Say(N_("unknown time zone {zone}; use an IANA name like 'Europe/Paris'"),
                                 zone=repr(shown))) from None
        return value


# --- agencies and their action catalogue -------------------------------------

# Agency kinds are an open vocabulary: an author may add a port authority, a
# rail operator or a scrap dealer. These are the kinds simex knows (the
# consoles and reports may give them icons; `simex lint` suggests one of them
# for a kind that looks like a misspelling).
KNOWN_AGENCY_KINDS = (
    "customs", "border_guard", "police", "regulator", "health", "hospital",
    "forensics_lab", "prosecutor", "liaison_point", "international_organisation",
    "platform", "hotline", "emergency_operations", "fire", "ministry",
    "child_protection", "intelligence", "other",
)
AgencyKind = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$", max_length=60,
                                  examples=["customs", "port_authority", "rail_operator"])]


def _choice_strings(value: object) -> object:
    # YAML 1.1 reads `no`, `off`, `false` as booleans; a choice is always a word.
    if isinstance(value, list):
        return [str(v).lower() if isinstance(v, bool) else v for v in value]
    return value


class Param(Model):
    name: Id
    """The parameter's name (an id); doctrine `key:` and `with:` match on it."""
    title: Text | None = None
    """What the player is asked for."""
    type: Literal["text", "number", "integer", "boolean", "choice", "agency", "evidence"] = "text"
    """What it holds; checked whenever the action is taken: text, a number, a whole number (integer),
    true/false (boolean), one of `choices`, an agency id, or an evidence item id."""
    choices: Annotated[list[str] | None, BeforeValidator(_choice_strings)] = None
    """The allowed values of a `choice` parameter."""
    required: bool = True
    """Whether the action needs it."""

    @model_validator(mode="after")
    def _choices(self):
        if self.type == "choice" and not self.choices:
            raise ValueError(Say(N_("a 'choice' parameter needs a non-empty 'choices' list")))
        return self


class Action(Model):
    id: Id
    """The action's id, unique within its agency; doctrine `do:` and triggers name it."""
    title: Text
    """What the action is, as players read it."""
    params: list[Param] = []
    """The details a player fills in."""
    sentence: Text | None = None
    """How the action reads in a timeline, e.g. `"{agency} released vehicle {vehicle}"`; placeholders are
    `agency` and the action's parameters (simex/scenario/sentences.py). Without one it reads from the title."""


class Agency(Model):
    id: Id
    """The agency's id."""
    name: Text
    """The agency's name."""
    jurisdiction: Id
    """The jurisdiction it belongs to (its time zone)."""
    kind: AgencyKind
    """What kind of body it is (icons, reports and simulated agencies use it)."""
    played_by: Literal["person", "simulated"] = "person"
    """`person`: someone plays it at a console; `simulated`: simex plays it, following doctrine."""
    description: Text | None = None
    """A sentence on its role."""
    actions: list[Action] = []
    """Its catalogue: what its players can do."""


# --- channels ------------------------------------------------------------------

Medium = Literal[
    "phone", "secure_email", "email", "liaison", "radio", "in_person", "fax",
    "video", "secure_portal", "diplomatic", "handout",
]
_HOURS = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)-([01]\d|2[0-4]):([0-5]\d)$")
Weekday = Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"]


class OfficeHours(Model):
    """When a channel is staffed, in the receiving agency's local time.
    Messages sent outside these hours wait for the next opening."""

    hours: str = "08:00-17:00"
    """Opening and closing time, in the receiving agency's local time."""
    days: list[Weekday] = ["mon", "tue", "wed", "thu", "fri"]
    """Open days."""

    @field_validator("hours")
    @classmethod
    def _hours(cls, value: str) -> str:
        m = _HOURS.match(value)
        if not m or (int(m[1]), int(m[2])) >= (int(m[3]), int(m[4])):
            raise ValueError(Say(N_("hours look like '08:00-17:00' (opening before closing)")))
        return value


def _availability(value: object) -> object:
    if value == "office_hours":
        return {}
    return value


Availability = Union[Literal["24/7"], Annotated[OfficeHours, BeforeValidator(_availability)]]
# A portal's opening hours use the same vocabulary as a desk's (processes.py
# is imported before this module defines it).
PortalMonitor.model_rebuild(_types_namespace={"Availability": Availability})


class Channel(Model):
    id: Id
    """The channel's id."""
    between: list[Id] = Field(min_length=2, max_length=2)
    """The two agencies it connects."""
    medium: Medium
    """How messages travel; doctrine `via:` can require a medium."""
    delay: Distribution = Field(0.0, validate_default=True,
                                examples=["30s", {"dist": "uniform", "low": "1m", "high": "5m"}])
    """How long a message takes: a duration or a distribution."""
    availability: Availability = Field("24/7", examples=["office_hours",
                                                         {"hours": "08:00-18:00", "days": ["mon", "tue", "wed"]}])
    """When the receiving desk is staffed ('24/7', 'office_hours' or your own hours); a message sent while
    it is closed waits for the next opening."""
    one_way: bool = False
    """Messages go only from the first agency in `between` to the second."""
    description: Text | None = None
    """What the channel is (a hotline, a liaison officer...)."""


# --- MSEL ----------------------------------------------------------------------------

InjectType = Literal["informational", "event", "media", "contingency", "decision", "data"]
DeliveryMethod = Literal[
    "phone", "secure_email", "email", "radio", "in_person", "handout", "fax",
    "tv", "social_media", "walk_in", "secure_portal", "liaison", "video",
]
SENDERS = ("control", "simcell", "media", "public")


class Attachment(Model):
    name: str
    """The document's name as players see it."""
    description: Text | None = None
    """What the document is."""
    path: str | None = None
    """The file, relative to the scenario."""


class Inject(Model):
    id: Id
    """The inject number, e.g. 'I01'."""
    at: Duration | None = Field(None, examples=["45m", "1h30m"])
    """A scenario time since STARTEX: a timed inject. Give `at` or `trigger`, not both."""
    trigger: Trigger | None = Field(None, examples=[{"event": "gate.alarm", "where": {"cause": "threat"},
                                                     "delay": "2m"}, {"missed": "NOTIFY-REG"}])
    """What delivers it (the first time it fires, after its delay). Give `at` or `trigger`, not both."""
    from_: Id = Field("simcell", alias="from")
    """The sender: an agency id, or control, simcell, media or public."""
    to: IdList = Field(min_length=1)
    """The recipient agency or agencies."""
    via: DeliveryMethod = "phone"
    """How it is delivered."""
    type: InjectType = "informational"
    """What kind of inject it is; `contingency` redirects play when expected actions do not happen."""
    synopsis: Text
    """One line for the MSEL view."""
    text: Text
    """What the players receive."""
    notes: str | None = None
    """Controller notes, never shown to players."""
    attachments: list[Attachment] = []
    """Documents handed out with the inject."""
    expected_actions: list[Text] = []
    """The evaluator's cue: what players should do."""
    objectives: IdList = []
    """The objectives this inject exercises."""
    facts: dict[str, str | int | float | bool] = {}
    """Names and values delivered with it, e.g. {vehicle: TRK-7}; `where:` filters and doctrine `key:` can
    match on them."""
    changes: list[WorldChange] = []
    """Changes to world state applied when the inject is delivered ("the truck drove off")."""

    @model_validator(mode="after")
    def _when(self):
        if (self.at is None) == (self.trigger is None):
            raise ValueError(Say(N_("an inject needs either 'at' (a scenario time) or 'trigger', not both")))
        return self


# --- doctrine --------------------------------------------------------------------------


class Expectation(Model):
    """Who must do what (a catalogue action) or notify whom, within what time
    of which trigger. `key` ties the response to the trigger occurrence: the
    action's parameter of that name must equal the trigger's fact of that name
    (e.g. the same vehicle). `with` lists parameter values the action must
    carry (e.g. `outcome: anomalous`); for `notify`, message fields such as
    `classification: confidential`. `transfer: EV1` with `to: lab` expects
    the evidence item handed over sealed and signed (chain of custody).
    `each: true` opens one expectation per occurrence; otherwise only the
    first occurrence counts."""

    id: Id
    """The expectation's id; `missed:` triggers name it."""
    title: Text
    """What is expected, as evaluators read it."""
    objective: Id
    """The objective it evidences."""
    critical_task: Id | None = None
    """A critical task of that objective."""
    who: Id
    """The agency expected to act."""
    trigger: Trigger
    """When the expectation opens (plus the trigger's delay)."""
    within: Duration = Field(examples=["15m", "1h"])
    """How long `who` has; met later counts as late."""
    do: Id | None = None
    """A catalogue action of `who` that meets it. Give one of do, notify or transfer."""
    with_: dict[str, str | int | float | bool] = Field({}, alias="with")
    """Values the response must carry: action parameters for `do`, message fields for `notify`."""
    notify: Id | None = None
    """An agency `who` must message (met on delivery, not on sending)."""
    transfer: Id | None = None
    """An evidence item `who` must hand over, sealed and signed, to `to`."""
    to: Id | None = None
    """With `transfer`: the agency that must receive the item."""
    via: list[Medium] = []
    """With `notify`: the channel media that count."""
    key: str | None = Field(None, examples=["vehicle"])
    """The fact that ties the response to the occurrence that opened it (the same vehicle); the trigger's
    event must carry it."""
    each: bool = False
    """One expectation per occurrence of the trigger (every alarm); otherwise only the first counts."""
    typical: OptionalDistribution = None
    """How long a competent agency usually takes; simulated agencies draw their delay from it."""
    reference: str | None = None
    """The procedure or standard it comes from."""

    @model_validator(mode="after")
    def _what(self):
        given = [k for k in ("do", "notify", "transfer") if getattr(self, k) is not None]
        if len(given) != 1:
            raise ValueError(Say(N_("an expectation needs exactly one of 'do' (an action), 'notify' (an agency) "
                                    "or 'transfer' (an evidence item)")))
        if (self.transfer is None) != (self.to is None):
            raise ValueError(Say(N_("'transfer' (the evidence item) and 'to' (the receiving agency) go together")))
        if self.within <= 0:
            raise ValueError(Say(N_("'within' must be longer than zero")))
        return self


# --- evidence ----------------------------------------------------------------------------


class EvidenceLabel(Model):
    """Fields of an evidence label for a radiological crime scene (IAEA NSS 22-G
    practice: unique item number, description, where/when/by whom collected,
    seal, and the radiation hazard on the package)."""

    case_number: str
    """The case number."""
    item_number: str
    """The item's number within the case (quote it: '001')."""
    collected_by: str | None = None
    """Who collected it."""
    collected_at: str | None = None
    """When it was collected, as written on the label."""
    location: str | None = None
    """Where it was collected."""
    seal_number: str | None = None
    """The number of the tamper-evident seal."""
    dose_rate_contact_uSv_h: DOSE_RATE | None = None
    """Dose rate on contact with the package, µSv/h."""
    dose_rate_1m_uSv_h: DOSE_RATE | None = None
    """Dose rate at 1 m from the package, µSv/h."""
    contamination: str | None = None
    """Contamination found on the package, as written on the label."""
    radiation_symbol: bool = False
    """Whether the package carries the trefoil."""


class EvidenceItem(Model):
    id: Id
    """The item's id."""
    description: Text
    """What the item is."""
    found_at: str
    """Where it is found."""
    found: Duration = 0.0
    """The scenario time it is found (0: known from the start)."""
    found_on: Trigger | None = None
    """Found when this happens (e.g. a search action completes) instead of at `found`."""
    custodian: Id
    """The agency holding it at first."""
    label: EvidenceLabel
    """Its evidence label."""


# --- the file ---------------------------------------------------------------------------------


class Scenario(Model):
    simex: int
    """The format version of this file: always 1, and first."""
    exercise: Exercise
    """What the exercise is, when it starts and how long it lasts."""
    objectives: list[Objective] = Field(min_length=1)
    """What the exercise evaluates (HSEEP: objective, then critical tasks)."""
    jurisdictions: list[Jurisdiction] = Field(min_length=1)
    """Countries or organisations, each with its own clock for office hours."""
    agencies: list[Agency] = Field(min_length=1)
    """Who takes part, and what each can do."""
    channels: list[Channel] = []
    """How agencies can message each other."""
    world: list[Process] = []
    """Simulated processes: portal monitors, services, legal clocks, precedence rules, dose fields."""
    injects: list[Inject] = []
    """The MSEL: what controllers send, and when."""
    doctrine: list[Expectation] = []
    """Who must do what, by when: scored, and followed by simulated agencies."""
    evidence: list[EvidenceItem] = []
    """Physical evidence items and their labels."""

    # Attachment files as checked when read from disk (simex.scenario.attachments),
    # by the path written; empty for a scenario built in memory.
    _attachment_files: dict = PrivateAttr(default_factory=dict)

    def attachment_file(self, written: str):
        """The checked file an attachment's `path:` names, or None."""
        return self._attachment_files.get(written)

    def agency(self, agency_id: str) -> Agency:
        return next(a for a in self.agencies if a.id == agency_id)
