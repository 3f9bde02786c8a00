"""The scenario format v1 as an immutable model.

One class per concept an author writes in YAML. Field names are the YAML
keys, so validation messages speak the author's vocabulary. Cross-references
(agency ids, objectives...) are checked in `checks.py`, not here: a model
validates one object; the checks see the whole file.
"""
from __future__ import annotations

import re
from datetime import datetime
from typing import Annotated, Literal, Union
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import BeforeValidator, Field, field_validator, model_validator

from simex.scenario.distributions import Distribution, Duration, duration_between
from simex.scenario.quantities import between
from simex.scenario.text import Lang, Text
from simex.scenario.common import Id, IdList, Model, OptionalDistribution, Trigger, _one_or_many  # noqa: F401
from simex.scenario.processes import (  # noqa: F401 - re-exported: the model's public names live here
    DOSE_RATE, DoseField, InnocentCause, LegalClock, MeasurementPoint, PortalMonitor, Precedence, Process,
    ResponderTeam, Service, Threat,
)

FORMAT_VERSION = 1

# --- exercise ---------------------------------------------------------------

ExerciseType = Literal[
    "seminar", "workshop", "tabletop", "game", "drill", "functional", "full-scale"
]


class CriticalTask(Model):
    id: Id
    title: Text


class Objective(Model):
    """HSEEP chain: objective -> core capability -> capability target -> critical tasks."""

    id: Id
    title: Text
    capability: Text | None = None
    target: Text | None = None
    critical_tasks: list[CriticalTask] = []


class Exercise(Model):
    id: Id
    title: Text
    summary: Text
    type: ExerciseType
    startex: datetime
    duration: Duration
    preroll: duration_between(0, 7 * 86400) = 0.0   # no horizon bounds a run before STARTEX
    seed: between(0, 2**63 - 1, kind=int) = 0   # a 64-bit seed is plenty; no number is unbounded
    languages: list[Lang] = ["en"]
    sponsor: str | None = None
    point_of_contact: str | None = None

    @field_validator("startex")
    @classmethod
    def _aware(cls, value: datetime) -> datetime:
        if value.tzinfo is None:
            raise ValueError("STARTEX needs a UTC offset, e.g. 2026-03-14T08:00:00+01:00")
        # The engine turns scenario times into local dates (office hours): a
        # STARTEX near year 9999 would overflow the calendar mid-exercise.
        if not 1900 <= value.year <= 2200:
            raise ValueError("STARTEX must fall between the years 1900 and 2200")
        return value

    @field_validator("duration")
    @classmethod
    def _positive(cls, value: float) -> float:
        if value <= 0:
            raise ValueError("the exercise must last longer than zero")
        return value


_LONGEST_ZONE = 64   # the longest IANA name is 32 characters


class Jurisdiction(Model):
    id: Id
    name: Text
    timezone: str = "UTC"

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
            raise ValueError(f"unknown time zone {shown!r}; use an IANA name like 'Europe/Paris'") from None
        return value


# --- agencies and their action catalogue -------------------------------------

AgencyKind = Literal[
    "customs", "border_guard", "police", "regulator", "health", "hospital",
    "forensics_lab", "prosecutor", "liaison_point", "international_organisation",
    "platform", "hotline", "emergency_operations", "fire", "ministry",
    "child_protection", "intelligence", "other",
]


def _choice_strings(value: object) -> object:
    # YAML 1.1 reads `no`, `off`, `false` as booleans; a choice is always a word.
    if isinstance(value, list):
        return [str(v).lower() if isinstance(v, bool) else v for v in value]
    return value


class Param(Model):
    name: Id
    title: Text | None = None
    type: Literal["text", "number", "integer", "boolean", "choice", "agency", "evidence"] = "text"
    choices: Annotated[list[str] | None, BeforeValidator(_choice_strings)] = None
    required: bool = True

    @model_validator(mode="after")
    def _choices(self):
        if self.type == "choice" and not self.choices:
            raise ValueError("a 'choice' parameter needs a non-empty 'choices' list")
        return self


class Action(Model):
    id: Id
    title: Text
    params: list[Param] = []
    # How the action reads in a timeline: "{agency} released vehicle {vehicle}"
    # (simex/scenario/sentences.py); without one it reads from the title.
    sentence: Text | None = None


class Agency(Model):
    id: Id
    name: Text
    jurisdiction: Id
    kind: AgencyKind
    played_by: Literal["person", "simulated"] = "person"
    description: Text | None = None
    actions: list[Action] = []


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
    days: list[Weekday] = ["mon", "tue", "wed", "thu", "fri"]

    @field_validator("hours")
    @classmethod
    def _hours(cls, value: str) -> str:
        m = _HOURS.match(value)
        if not m or (int(m[1]), int(m[2])) >= (int(m[3]), int(m[4])):
            raise ValueError("hours look like '08:00-17:00' (opening before closing)")
        return value


def _availability(value: object) -> object:
    if value == "office_hours":
        return {}
    return value


Availability = Union[Literal["24/7"], Annotated[OfficeHours, BeforeValidator(_availability)]]


class Channel(Model):
    id: Id
    between: list[Id] = Field(min_length=2, max_length=2)
    medium: Medium
    delay: Distribution = Field(0.0, validate_default=True)
    availability: Availability = "24/7"
    one_way: bool = False
    description: Text | None = None


# --- MSEL ----------------------------------------------------------------------------

InjectType = Literal["informational", "event", "media", "contingency", "decision", "data"]
DeliveryMethod = Literal[
    "phone", "secure_email", "email", "radio", "in_person", "handout", "fax",
    "tv", "social_media", "walk_in", "secure_portal", "liaison", "video",
]
SENDERS = ("control", "simcell", "media", "public")


class Attachment(Model):
    name: str
    description: Text | None = None
    path: str | None = None


class Inject(Model):
    id: Id
    at: Duration | None = None
    trigger: Trigger | None = None
    from_: Id = Field("simcell", alias="from")
    to: IdList = Field(min_length=1)
    via: DeliveryMethod = "phone"
    type: InjectType = "informational"
    synopsis: Text
    text: Text
    notes: str | None = None
    attachments: list[Attachment] = []
    expected_actions: list[Text] = []
    objectives: IdList = []
    facts: dict[str, str | int | float | bool] = {}

    @model_validator(mode="after")
    def _when(self):
        if (self.at is None) == (self.trigger is None):
            raise ValueError("an inject needs either 'at' (a scenario time) or 'trigger', not both")
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
    title: Text
    objective: Id
    critical_task: Id | None = None
    who: Id
    trigger: Trigger
    within: Duration
    do: Id | None = None
    with_: dict[str, str | int | float | bool] = Field({}, alias="with")
    notify: Id | None = None
    transfer: Id | None = None
    to: Id | None = None
    via: list[Medium] = []
    key: str | None = None
    each: bool = False
    typical: OptionalDistribution = None
    reference: str | None = None

    @model_validator(mode="after")
    def _what(self):
        given = [k for k in ("do", "notify", "transfer") if getattr(self, k) is not None]
        if len(given) != 1:
            raise ValueError("an expectation needs exactly one of 'do' (an action), 'notify' (an agency) "
                             "or 'transfer' (an evidence item)")
        if (self.transfer is None) != (self.to is None):
            raise ValueError("'transfer' (the evidence item) and 'to' (the receiving agency) go together")
        if self.within <= 0:
            raise ValueError("'within' must be longer than zero")
        return self


# --- evidence ----------------------------------------------------------------------------


class EvidenceLabel(Model):
    """Fields of an evidence label for a radiological crime scene (IAEA NSS 22-G
    practice: unique item number, description, where/when/by whom collected,
    seal, and the radiation hazard on the package)."""

    case_number: str
    item_number: str
    collected_by: str | None = None
    collected_at: str | None = None
    location: str | None = None
    seal_number: str | None = None
    dose_rate_contact_uSv_h: DOSE_RATE | None = None
    dose_rate_1m_uSv_h: DOSE_RATE | None = None
    contamination: str | None = None
    radiation_symbol: bool = False


class EvidenceItem(Model):
    id: Id
    description: Text
    found_at: str
    found: Duration = 0.0
    custodian: Id
    label: EvidenceLabel


# --- the file ---------------------------------------------------------------------------------


class Scenario(Model):
    simex: int = Field(description="format version of this file")
    exercise: Exercise
    objectives: list[Objective] = Field(min_length=1)
    jurisdictions: list[Jurisdiction] = Field(min_length=1)
    agencies: list[Agency] = Field(min_length=1)
    channels: list[Channel] = []
    world: list[Process] = []
    injects: list[Inject] = []
    doctrine: list[Expectation] = []
    evidence: list[EvidenceItem] = []

    def agency(self, agency_id: str) -> Agency:
        return next(a for a in self.agencies if a.id == agency_id)
