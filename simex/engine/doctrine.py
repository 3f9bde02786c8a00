"""Doctrine expectations as they unfold: opened by a trigger, met by an action
or a delivered notification, overdue at their deadline.

A notification to an office-hours desk counts when it is sent through the
right channel: the sender has done its part, and the desk's hours are not
the sender's failing. Its delivery time is reported apart
(simex.scoring.expectations, `delivered`). Over a 24/7 channel a
notification counts when it is delivered, as the channel's delay is part
of how the sender chose to tell.

The tracker is pure bookkeeping over events (no SimPy), so the engine uses it
live and anything else can run it over a journal. The engine turns its
answers into ExpectationOpened / ExpectationMet / ExpectationOverdue events.
"""
from __future__ import annotations

from dataclasses import dataclass

from simex.events import ActionTaken, Event, EvidenceTransferred, MessageDelivered, MessageSent
from simex.scenario.model import Expectation, OfficeHours, Scenario


class Rule:
    """An expectation as the engine reads it at every step: the scenario
    model's fields copied once onto a plain object (a model's attribute
    costs about three times a plain one's, and most alarms' every step reads
    a dozen), with room for what bots work out once to answer it (`reply`,
    `action`: simex.engine.bots)."""

    __slots__ = ("expectation", "id", "who", "do", "key", "with_", "each", "delay", "within", "reply", "action",
                 "acting")

    def __init__(self, expectation: Expectation):
        self.expectation = expectation
        self.id, self.who, self.do, self.key = expectation.id, expectation.who, expectation.do, expectation.key
        self.with_, self.each, self.within = expectation.with_, expectation.each, expectation.within
        self.delay = expectation.trigger.delay
        self.reply: tuple | None = None
        self.action: tuple | None = None
        # The tracker's open instances of this agency's action (`do`), by key
        # (DoctrineTracker._acting); None for a notification or a hand-over.
        self.acting: dict | None = None


@dataclass(slots=True)
class Instance:
    """One occurrence of an expectation (one alarm, one seizure...). Slotted:
    one is made for most alarms' every step, and read at each answer."""

    expectation: Expectation
    name: str
    opened: float
    due: float
    key: str
    # What the occurrence showed (an action's params): the triggering
    # event's own dict, not a copy; read only, as the event is immutable.
    facts: dict
    # The occurrence itself, for `context` (None: an instance made by hand).
    source: Event | None
    order: int          # how many instances the tracker opened before this one
    rule: Rule          # the expectation as the engine reads it
    met_at: float | None = None
    met_by: int = -1
    overdue: bool = False

    @property
    def open(self) -> bool:
        return self.met_at is None

    @property
    def context(self) -> dict:
        """What the occurrence carried, ground truth included: only the overdue
        event (evaluators' eyes) shows it, for `missed:` triggers' `where:`.
        Worked out when asked: most instances are met and never need it."""
        event = self.source
        if event is None:
            return dict(self.facts)
        shown, params = getattr(event, "facts", None), getattr(event, "params", None)
        context = {**(getattr(event, "truth", None) or {}), **(params or {}), **(shown or {})}
        if self.expectation.key:
            context[self.expectation.key] = self.key
        return context


# The only kinds of event that can meet an expectation (see satisfied).
ANSWERING = frozenset({ActionTaken, MessageDelivered, EvidenceTransferred, MessageSent})


class DoctrineTracker:
    def __init__(self, scenario: Scenario):
        self.expectations = {e.id: e for e in scenario.doctrine}
        self.instances: list[Instance] = []
        self._count: dict[str, int] = {}
        self._media = {c.id: c.medium for c in scenario.channels}
        # Open instances by what can answer them: an agency's message or
        # hand-over (_waiting); an agency's action of one kind (_acting),
        # there further by the key's name and value (None: no key), since an
        # action answers only instances of its own vehicle or case, and a
        # busy crossing has dozens waiting. An event is checked only against
        # the instances it could meet, oldest first.
        self._waiting: dict[tuple, list[Instance]] = {}
        self._acting: dict[tuple, dict[tuple | None, list[Instance]]] = {}
        self._key_names: dict[tuple, list[str | None]] = {}    # per action bucket, the key names in use
        self._opened = 0                                         # instances opened: their order
        self._rules: dict[str, Rule] = {}                        # per expectation id
        self._desks = office_hours_channels(scenario)

    def rule(self, expectation: Expectation) -> Rule:
        """The expectation's Rule, made once per tracker."""
        rule = self._rules.get(expectation.id)
        if rule is None or rule.expectation is not expectation:
            rule = self._rules[expectation.id] = Rule(expectation)
            if rule.do is not None:
                bucket = (rule.who, rule.do)
                rule.acting = self._acting.setdefault(bucket, {})
                names = self._key_names.setdefault(bucket, [])
                if rule.key not in names:
                    names.append(rule.key)
        return rule

    def open(self, expectation: Expectation, event: Event) -> Instance | None:
        """Open an instance for a trigger occurrence; None if only the first counts."""
        return self.open_rule(self.rule(expectation), event)

    def open_rule(self, rule: Rule, event: Event) -> Instance | None:
        """`open`, given the expectation's Rule (the engine keeps it by its trigger)."""
        ident, key_name = rule.id, rule.key
        n = self._count.get(ident, 0)
        if n and not rule.each:
            return None
        self._count[ident] = n + 1
        key = ""
        if key_name:
            value = event.get(key_name)
            key = "" if value is None else str(value)
        opened = event.t + rule.delay
        facts = getattr(event, "facts", None) or getattr(event, "params", None) or {}
        inst = Instance(rule.expectation, f"{ident}#{n + 1}", opened, opened + rule.within, key, facts,
                        event, self._opened, rule)     # by position, as the events are (Exercise.emit)
        self._opened += 1
        self.instances.append(inst)
        acting = rule.acting
        if acting is None:
            self._waiting.setdefault((rule.who, None), []).append(inst)
            return inst
        place = (key_name, key) if key_name else None
        waiting = acting.get(place)
        if waiting is None:
            acting[place] = [inst]     # a vehicle's first instance of this bucket: most openings
        else:
            waiting.append(inst)
        return inst

    def satisfied(self, event: Event, seq: int) -> list[Instance]:
        """Instances this event meets: the oldest open one per expectation."""
        kind = type(event)
        if kind is ActionTaken:
            return self._acted(event, seq)
        if kind is MessageDelivered or kind is EvidenceTransferred or kind is MessageSent:
            waiting = self._waiting.get((event.sender, None))
        else:
            return []
        if not waiting:
            return []
        met: list[Instance] = []
        places: list[int] = []
        seen: set[str] = set()
        for place, inst in enumerate(waiting):
            exp = inst.expectation
            if exp.id in seen or inst.opened > event.t:
                continue
            if self._answers(exp, inst, event):
                inst.met_at, inst.met_by = event.t, seq
                seen.add(exp.id)
                met.append(inst)
                places.append(place)
        _take_out(waiting, places)
        return met

    def _acted(self, event: ActionTaken, seq: int) -> list[Instance]:
        """satisfied for an action: the instances of its agency and kind, of
        its key's value (or with no key). What is left of _answers to check is
        `with:`; an expectation's instances are all in one list, oldest
        first, so the first that qualifies is its oldest."""
        bucket = (event.agency, event.action)
        acting = self._acting.get(bucket)
        if not acting:
            return []
        params, t = event.params, event.t
        met: list[Instance] = []
        seen: set[str] = set()
        for name in self._key_names[bucket]:
            place = (name, str(params.get(name))) if name else None
            waiting = acting.get(place)
            if not waiting:
                continue
            places: list[int] = []
            for at, inst in enumerate(waiting):
                rule = inst.rule
                ident = rule.id
                if ident in seen or inst.opened > t:
                    continue
                with_ = rule.with_
                if with_ and any(params.get(k) != v for k, v in with_.items()):
                    continue
                inst.met_at, inst.met_by = t, seq
                seen.add(ident)
                met.append(inst)
                places.append(at)
            if len(places) == 1:        # most actions meet one instance
                del waiting[places[0]]
            else:
                _take_out(waiting, places)
            if not waiting:
                del acting[place]      # a vehicle's list, once all it waited for is met
        if len(self._key_names[bucket]) > 1:
            met.sort(key=lambda inst: inst.order)    # in the order they were opened, as from one list
        return met

    def _answers(self, exp: Expectation, inst: Instance, event: Event) -> bool:
        if exp.do is not None:
            if not isinstance(event, ActionTaken) or event.action != exp.do:
                return False
            # `with_` is usually empty: test it before building a generator for any().
            if exp.with_ and any(event.params.get(k) != v for k, v in exp.with_.items()):
                return False
            return not exp.key or str(event.params.get(exp.key)) == inst.key
        if exp.transfer is not None:
            # Chain of custody: only a sealed and signed hand-over to the right agency counts.
            return (isinstance(event, EvidenceTransferred) and event.item == exp.transfer
                    and event.recipient == exp.to and event.sealed and event.signed)
        if not self._notifies(event) or event.recipient != exp.notify:
            return False
        if exp.via and self._media.get(event.channel) not in exp.via:
            return False
        if any(event.get(k) != v for k, v in exp.with_.items()):
            return False  # e.g. `classification: confidential` (ICSANT Art. 7(2))
        return not exp.key or str(event.facts.get(exp.key)) == inst.key

    def _notifies(self, event: Event) -> bool:
        """The event that counts as telling: the sending over an office-hours
        channel, the delivery over any other."""
        if isinstance(event, MessageSent):
            return event.channel in self._desks
        return isinstance(event, MessageDelivered) and event.channel not in self._desks

    def mark_overdue(self, inst: Instance) -> bool:
        """At the deadline: True if it is still open (so the engine reports it)."""
        if inst.open and not inst.overdue:
            inst.overdue = True
            return True
        return False


def _take_out(waiting: list[Instance], places: list[int]) -> None:
    """Only open instances stay indexed: scanning every instance ever opened
    made a long exercise quadratic. Taken out by place, not by list.remove,
    which compared each older instance field by field."""
    for place in reversed(places):
        del waiting[place]


def office_hours_channels(scenario: Scenario) -> frozenset[str]:
    """Channels to a desk staffed only in office hours: a notification over
    one counts when sent."""
    return frozenset(c.id for c in scenario.channels if isinstance(c.availability, OfficeHours))
