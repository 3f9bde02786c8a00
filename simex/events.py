"""Everything that happens in an exercise is one of these immutable events.

The engine emits them; the journal stores them; scoring, reports, screens and
the network read them. Nothing else reads SimPy internals. `t` is scenario
time in seconds since STARTEX. Payloads are plain JSON values so the journal
row is the event.
"""
from __future__ import annotations

import json
from dataclasses import MISSING, dataclass, field, fields
from functools import cache
from typing import Any, ClassVar

Facts = dict[str, Any]


@dataclass(frozen=True, slots=True)
class Event:
    kind: ClassVar[str] = "event"
    t: float

    def payload(self) -> dict[str, Any]:
        # Field names are cached per class: dataclasses.fields() on every event
        # was a tenth of a journaled run's time.
        return {name: getattr(self, name) for name in _PAYLOAD[type(self)]}

    def get(self, name: str, default: Any = None) -> Any:
        """A field, or a fact/truth entry, by name: what trigger `where:` filters see."""
        if name in _FIELDS[type(self)]:
            return getattr(self, name)
        for bag in ("facts", "params", "truth"):
            values = getattr(self, bag, None)
            if values and name in values:
                return values[name]
        return default


@dataclass(frozen=True, slots=True)
class ExerciseStarted(Event):
    kind: ClassVar[str] = "exercise_started"
    scenario: str
    seed: int | None      # None in a participant's or observer's view (net/roles.py)
    bots: str
    bot_agencies: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ExerciseEnded(Event):
    kind: ClassVar[str] = "exercise_ended"
    reason: str


@dataclass(frozen=True, slots=True)
class InjectDelivered(Event):
    kind: ClassVar[str] = "inject_delivered"
    inject: str
    to: tuple[str, ...]
    sender: str
    via: str
    manual: bool = False
    synopsis: str = ""
    text: str = ""
    facts: Facts = field(default_factory=dict)
    # Players read injects in their own language: {"fr": {"synopsis": ..., "text": ...}}.
    translations: dict = field(default_factory=dict)
    # [{"name": ..., "description": {lang: text}, "path": ...}]
    attachments: tuple = ()


@dataclass(frozen=True, slots=True)
class InjectSkipped(Event):
    kind: ClassVar[str] = "inject_skipped"
    inject: str


@dataclass(frozen=True, slots=True)
class InjectRescheduled(Event):
    kind: ClassVar[str] = "inject_rescheduled"
    inject: str
    at: float


@dataclass(frozen=True, slots=True)
class InjectAcknowledged(Event):
    kind: ClassVar[str] = "inject_acknowledged"
    inject: str
    agency: str


@dataclass(frozen=True, slots=True)
class MessageSent(Event):
    kind: ClassVar[str] = "message_sent"
    message: str
    sender: str
    recipient: str
    channel: str
    subject: str
    body: str = ""
    classification: str = "unclassified"
    facts: Facts = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class MessageDelivered(Event):
    kind: ClassVar[str] = "message_delivered"
    message: str
    sender: str
    recipient: str
    channel: str
    subject: str
    classification: str = "unclassified"
    facts: Facts = field(default_factory=dict)
    body: str = ""          # what the recipient reads (MessageSent goes to the sender only)


@dataclass(frozen=True, slots=True)
class ActionTaken(Event):
    kind: ClassVar[str] = "action_taken"
    agency: str
    action: str
    params: Facts = field(default_factory=dict)
    actor: str = "person"

    def get(self, name: str, default: Any = None) -> Any:
        """Event.get for an action: a field, else a parameter."""
        if name in _ACTION_FIELDS:
            return getattr(self, name)
        params = self.params
        if params and name in params:
            return params[name]
        return default


@dataclass(frozen=True, slots=True)
class DecisionRecorded(Event):
    kind: ClassVar[str] = "decision_recorded"
    agency: str
    decision: str
    rationale: str = ""
    actor: str = "person"


@dataclass(frozen=True, slots=True)
class EvidenceTransferred(Event):
    kind: ClassVar[str] = "evidence_transferred"
    item: str
    sender: str
    recipient: str
    sealed: bool
    signed: bool
    seal_number: str = ""
    note: str = ""


@dataclass(frozen=True, slots=True)
class ObservationRecorded(Event):
    kind: ClassVar[str] = "observation_recorded"
    evaluator: str
    text: str
    objective: str = ""
    inject: str = ""
    task: str = ""          # a critical task id, when the evaluator names one


@dataclass(frozen=True, slots=True)
class RatingRecorded(Event):
    """An evaluator's P/S/M/U rating of an objective or critical task. When it
    differs from the rating simex suggested, `reason` says why (HSEEP: the
    evaluator decides; the software only suggests)."""

    kind: ClassVar[str] = "rating_recorded"
    evaluator: str
    target: str          # an objective id or a critical task id
    rating: str          # P, S, M or U
    reason: str = ""
    suggested: str = ""  # what simex suggested when the evaluator rated, if anything


@dataclass(frozen=True, slots=True)
class AnnotationRecorded(Event):
    """What a facilitator or evaluator wrote into the after-action report
    (simex.report.notes): the latest one per entry and target counts."""

    kind: ClassVar[str] = "annotation_recorded"
    author: str
    entry: str
    target: str = ""
    text: str = ""


@dataclass(frozen=True, slots=True)
class QuestionnaireOpened(Event):
    """A questionnaire put on participants' screens (simex.engine.questionnaires)."""

    kind: ClassVar[str] = "questionnaire_opened"
    questionnaire: str
    phase: str
    form: str            # JSON; without the correct answers in a player's view


@dataclass(frozen=True, slots=True)
class QuestionnaireClosed(Event):
    kind: ClassVar[str] = "questionnaire_closed"
    questionnaire: str


@dataclass(frozen=True, slots=True)
class QuestionnaireAnswered(Event):
    """One person's answers; only their own screen's role and evaluators see them."""

    kind: ClassVar[str] = "questionnaire_answered"
    questionnaire: str
    phase: str
    agency: str
    person: str
    sex: str = ""
    answers: dict = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class WorldEvent(Event):
    """Something the simulated world did: an alarm, a finished analysis, a
    legal deadline. `facts` are what the `observer` agency can see; `truth`
    is ground truth for controllers, triggers and scoring only."""

    kind: ClassVar[str] = "world"
    process: str
    name: str
    observer: str = ""
    facts: Facts = field(default_factory=dict)
    truth: Facts = field(default_factory=dict)

    @property
    def selector(self) -> str:
        return f"{self.process}.{self.name}"

    def get(self, name: str, default: Any = None) -> Any:
        """Event.get for the commonest event: a field, else facts, else truth
        (it has no params), without walking the bags by name."""
        if name in _WORLD_FIELDS:
            return getattr(self, name)
        facts = self.facts
        if facts and name in facts:
            return facts[name]
        truth = self.truth
        if truth and name in truth:
            return truth[name]
        return default


@dataclass(frozen=True, slots=True)
class KnobSet(Event):
    """The facilitator turned a live knob (simex/knobs.py): traffic at a
    portal, staff at a service, a channel's outage or delay."""
    kind: ClassVar[str] = "knob_set"
    knob: str
    target: str
    value: float
    actor: str = "facilitator"


@dataclass(frozen=True, slots=True)
class ExpectationOpened(Event):
    kind: ClassVar[str] = "expectation_opened"
    expectation: str
    instance: str
    who: str
    due: float
    key: str = ""
    trigger_event: int = -1   # position of the event that opened it in the event list


@dataclass(frozen=True, slots=True)
class ExpectationMet(Event):
    kind: ClassVar[str] = "expectation_met"
    expectation: str
    instance: str
    delay: float
    late: bool
    by_event: int


@dataclass(frozen=True, slots=True)
class ExpectationOverdue(Event):
    """An expectation still open at its deadline. `key` and `facts` are those
    of the occurrence that opened it (its facts, parameters and ground truth),
    so a `missed:` trigger's `where:` can pick one occurrence out."""
    kind: ClassVar[str] = "expectation_overdue"
    expectation: str
    instance: str
    who: str
    key: str = ""
    facts: Facts = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Unreadable(Event):
    """Stands in for a journal row that could not be read (a damaged journal),
    so positions in the event list (`by_event`, `trigger_event`) still point at
    the right events. The engine never emits it and no row decodes to it.
    `reason` is a simex.words.Say: str() gives the English, a report or a
    timeline tells it in its reader's language (simex.words.said)."""
    kind: ClassVar[str] = "unreadable"
    row: int
    reason: Any


EVENT_TYPES: dict[str, type[Event]] = {
    cls.kind: cls
    for cls in (
        ExerciseStarted, ExerciseEnded, InjectDelivered, InjectSkipped, InjectRescheduled,
        InjectAcknowledged, MessageSent, MessageDelivered, ActionTaken, DecisionRecorded,
        EvidenceTransferred, ObservationRecorded, RatingRecorded, AnnotationRecorded,
        QuestionnaireOpened, QuestionnaireClosed, QuestionnaireAnswered, WorldEvent, KnobSet,
        ExpectationOpened, ExpectationMet, ExpectationOverdue,
    )
}
_FIELDS = {cls: frozenset(f.name for f in fields(cls)) for cls in (*EVENT_TYPES.values(), Unreadable)}
_WORLD_FIELDS, _ACTION_FIELDS = _FIELDS[WorldEvent], _FIELDS[ActionTaken]
_PAYLOAD = {cls: tuple(f.name for f in fields(cls) if f.name != "t") for cls in (*EVENT_TYPES.values(), Unreadable)}


def _quick_init(cls: type) -> None:
    """Give a frozen event class a constructor that stores its fields as
    plainly as Python can. The __init__ dataclasses writes calls
    object.__setattr__ by name for every field (a frozen class forbids plain
    assignment); calling each slot's descriptor instead was a third cheaper,
    and still a call per field. This one builds the event as an instance of
    a twin class with the same slots and ordinary assignment, which the
    interpreter turns into a direct slot store, then makes it the frozen
    class (the same layout: `__class__` may change between them). It takes
    the same arguments, defaults and factories; the event is frozen from the
    moment it is returned. A 6-field world event: about 456 -> 298 ns."""
    being = type(f"_{cls.__name__}Being", (cls,), {
        "__slots__": (), "__module__": cls.__module__,
        # object's own: an ordinary assignment is a slot store again.
        "__setattr__": object.__setattr__, "__delattr__": object.__delattr__})
    names: dict[str, object] = {"_FACTORY": _FACTORY, "_new": object.__new__, "_being": being}
    params, body = [], []
    for f in fields(cls):
        if f.default is not MISSING:
            names[f"_default_{f.name}"] = f.default
            params.append(f"{f.name}=_default_{f.name}")
        elif f.default_factory is not MISSING:
            names[f"_factory_{f.name}"] = f.default_factory
            params.append(f"{f.name}=_FACTORY")
            body.append(f" if {f.name} is _FACTORY: {f.name} = _factory_{f.name}()")
        else:
            params.append(f.name)
        body.append(f" self.{f.name} = {f.name}")
    source = (f"def __new__(cls, {', '.join(params)}):\n self = _new(_being)\n" + "\n".join(body)
              + "\n self.__class__ = cls\n return self\n")
    # `make`: the same without the class call around it (type.__call__ looks
    # __new__ up, packs the arguments and then calls object.__init__ with
    # them: about 70 ns of a 260 ns event). The engine's commonest events
    # are built with it.
    names["_cls"] = cls
    source += (f"def make({', '.join(params)}):\n self = _new(_being)\n" + "\n".join(body)
               + "\n self.__class__ = _cls\n return self\n")
    exec(source, names)   # noqa: S102 - source built above from the class's own field names
    new, make = names["__new__"], names["make"]
    new.__qualname__, make.__qualname__ = f"{cls.__qualname__}.__new__", f"{cls.__qualname__}.make"
    cls.__new__ = new
    cls.make = staticmethod(make)
    cls.__init__ = object.__init__     # all is done in __new__; object's takes the arguments and ignores them
    cls.__reduce__ = _reduce           # pickle and copy call the constructor with the fields (not __new__ bare)


def _reduce(event: Event) -> tuple:
    # t first, then the payload's fields: the constructor's order.
    return type(event), (event.t, *(getattr(event, name) for name in _PAYLOAD[type(event)]))


_FACTORY = object()     # "no value given: call the field's default factory"
for _cls in (*EVENT_TYPES.values(), Unreadable):
    _quick_init(_cls)


def selector(event: Event) -> str:
    """The name a trigger's `event:` uses: the kind, or `process.name` for world events."""
    # `type() is` first: this runs for every event and most are world events.
    if type(event) is WorldEvent or isinstance(event, WorldEvent):
        return f"{event.process}.{event.name}"
    return event.kind


def encode(event: Event) -> str:
    """The event's canonical JSON: exactly `canonical(event.payload())`, made
    by an encoder written for its class (`_EventEncoders`)."""
    return _ENCODERS[type(event)](event)


# One encoder for every record: json.dumps with options builds a new encoder
# per call, which was a fifth of the cost of encoding an event. And
# JSONEncoder.encode itself builds its C encoder on every call (a quarter of
# what encoding a small event costs): the C encoder is made once here, with
# the same options (sorted keys, no spaces, UTF-8 kept, NaN allowed); without
# circular-reference markers, as a payload is a tree of plain values.
_CANONICAL = json.JSONEncoder(sort_keys=True, separators=(",", ":"), ensure_ascii=False)
_C_CANONICAL = (json.encoder.c_make_encoder(None, _CANONICAL.default, json.encoder.encode_basestring, None,
                                            ":", ",", True, False, True)
                if json.encoder.c_make_encoder is not None else None)


def _canonical_chunks(value: Any, _level: int) -> list[str]:
    """canonical() of any value as a list of pieces, the C encoder's way: a
    stand-in for it on a Python without the C accelerator."""
    return [_CANONICAL.encode(value)]


def canonical(payload: dict[str, Any]) -> str:
    """Canonical JSON: sorted keys, no spaces, so equal records give equal bytes."""
    if _C_CANONICAL is None:       # a Python without the C accelerator
        return _CANONICAL.encode(payload)
    return "".join(_C_CANONICAL(payload, 0))


class _EventEncoders(dict):
    """An encoder per event class, written when first needed. Replay encodes
    every event it re-runs, and this is its largest cost after the engine:
    `canonical(event.payload())` builds a dict and has the C encoder list,
    sort and escape its keys, when an event's keys are its field names,
    known in order beforehand. The encoder puts each field's value into a
    template of those keys: a text through the C encoder's own string
    escaper, a finite float or an int through `float.__repr__` or
    `int.__repr__` (what the C encoder calls for them), anything else
    (a bool, NaN, a dict, a tuple...) through `canonical`. 24 h busy border
    replay: 64 -> 43 ms for its 20,493 events. tests/test_event_encoding.py
    checks it gives what `canonical(event.payload())` gives for every event class."""

    def __missing__(self, cls: type) -> Any:
        names = sorted(f.name for f in fields(cls) if f.name != "t")   # identifiers: JSON keys as they are
        lines = "".join(f"    v_{name} = event.{name}\n" for name in names)
        items = ",".join(f'"{name}":{{_text(v_{name}) if type(v_{name}) is str else _float(v_{name}) '
                         f'if type(v_{name}) is float and v_{name} - v_{name} == 0 else _int(v_{name}) '
                         f"if type(v_{name}) is int else _true if v_{name} is True else _false "
                         f"if v_{name} is False else _join(_value(v_{name}, 0))}}"
                         for name in names)
        # A bool (`late`, `sealed`, `neutron`) is written as the C encoder
        # writes it, without a call; anything else (a dict, a tuple, NaN,
        # None) by the C encoder itself, without canonical()'s Python frame.
        scope = {"_text": json.encoder.encode_basestring, "_float": float.__repr__, "_int": int.__repr__,
                 "_true": "true", "_false": "false", "_join": "".join, "_value": _C_CANONICAL or _canonical_chunks}
        exec(f"def encode(event):\n{lines}    return f'{{{{{items}}}}}'\n", scope)
        self[cls] = scope["encode"]
        return self[cls]


_ENCODERS = _EventEncoders()


def rebuild(cls: type, t: float, payload: str, strings: dict[str, str] | None = None):
    """A frozen dataclass (event or command) from its canonical JSON: JSON has no
    tuples, so fields declared as tuples are turned back into tuples. With
    `strings`, texts already met through it are shared (see `_shared`)."""
    data = json.loads(payload)
    if strings is not None and type(data) is dict:
        data = {name: _shared(value, strings) for name, value in data.items()}
    for name in _tuple_fields(cls):
        if name in data:
            data[name] = tuple(data[name])
    return cls(t=t, **data)


@cache
def _tuple_fields(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in fields(cls) if str(f.type).startswith("tuple"))


def _shared(value: Any, strings: dict[str, str]) -> Any:
    """`value` with every text (a key or a value) replaced by the equal one met
    first through `strings`. A journal's events repeat the same few texts
    (agencies, expectation ids, the keys and words of world facts) thousands
    of times, and each row's JSON gives them as new strings: a report reading
    a 48 h journal held 18 MB of them (bench/bench_report.py)."""
    kind = type(value)
    if kind is str:
        return strings.setdefault(value, value)
    if kind is dict:
        return {strings.setdefault(key, key): _shared(item, strings) for key, item in value.items()}
    if kind is list:
        return [_shared(item, strings) for item in value]
    return value


def decode(kind: str, t: float, payload: str, strings: dict[str, str] | None = None) -> Event:
    """The event a journal row holds. Raises KeyError/TypeError/ValueError on a
    row that is not a valid event (the journal reports it with its row number).
    `strings`: shared by the events decoded with it (see `rebuild`)."""
    return rebuild(EVENT_TYPES[kind], t, payload, strings)
