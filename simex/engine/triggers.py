"""When does a trigger fire? One pure predicate over events.

Every trigger form reduces to "this event matches": a world-state condition
becomes true through a `<process>.condition` event the world emits, and a
missed expectation through an `expectation_overdue` event. So injects,
doctrine and world processes all react to the same event stream, and the
journal alone explains why anything fired.
"""
from __future__ import annotations

from collections import defaultdict
from typing import Callable

from simex.events import EVENT_TYPES, Event, WorldEvent, selector
from simex.scenario.model import Trigger


def trigger_selector(trigger: Trigger) -> str:
    """The event selector a trigger listens to (used to index listeners)."""
    if trigger.event:
        return trigger.event
    if trigger.action:
        return "action_taken"
    if trigger.inject:
        return "inject_delivered"
    if trigger.missed:
        return "expectation_overdue"
    process, _, _, _ = trigger.state_parts
    return f"{process}.condition"


def normalise_condition(trigger: Trigger) -> str:
    process, var, op, value = trigger.state_parts
    return f"{process}.{var} {op} {value:g}"


def matches(trigger: Trigger, event: Event) -> bool:
    if selector(event) != trigger_selector(trigger):
        return False
    if trigger.action:
        if event.get("action") != trigger.action:
            return False
        if trigger.by and event.get("agency") != trigger.by:
            return False
    elif trigger.inject:
        if event.get("inject") != trigger.inject:
            return False
    elif trigger.missed:
        if event.get("expectation") != trigger.missed:
            return False
    elif trigger.state:
        if event.get("condition") != normalise_condition(trigger):
            return False
    for name, wanted in trigger.where.items():
        if event.get(name) != wanted:
            return False
    return True


def _index_key(trigger: Trigger) -> str:
    """The selector refined by the name the trigger waits for, where it has one."""
    name = trigger.action or trigger.inject or trigger.missed
    return f"{trigger_selector(trigger)}:{name}" if name else trigger_selector(trigger)


_NAMED = {"action_taken": "action", "inject_delivered": "inject", "expectation_overdue": "expectation"}


# Prepared checks by trigger: a sweep adds the same scenario's triggers once
# per replication. Keyed by id() with the trigger kept alive beside its
# checks, since a trigger with a `where:` mapping is not hashable.
_PREPARED: dict[int, tuple[Trigger, tuple | None]] = {}


def _still_to_check(trigger: Trigger) -> tuple[tuple[str, object], ...] | None:
    """What `matches` checks beyond the index key, as (field, wanted) pairs read
    with `Event.get`; None for a trigger the key does not pin down (more than
    one form given), which dispatch then checks in full."""
    known = _PREPARED.get(id(trigger))
    if known is not None and known[0] is trigger:
        return known[1]
    if len(_PREPARED) > 10_000:      # a long-lived server loading scenario after scenario
        _PREPARED.clear()
    checks = _prepare(trigger)
    _PREPARED[id(trigger)] = (trigger, checks)
    return checks


def _prepare(trigger: Trigger) -> tuple[tuple[str, object], ...] | None:
    forms = [f for f in (trigger.event, trigger.action, trigger.inject, trigger.missed, trigger.state) if f]
    if len(forms) != 1:
        return None
    checks: list[tuple[str, object]] = []
    if trigger.action and trigger.by:
        checks.append(("agency", trigger.by))
    if trigger.state:
        checks.append(("condition", normalise_condition(trigger)))
    checks += trigger.where.items()
    return tuple(checks)


class TriggerIndex:
    """Listeners indexed by selector and, for actions, injects and missed
    expectations, by name: an event only meets the triggers that could match
    it, so the engine's per-event cost stays flat as scenarios grow. What the
    key does not decide (`by`, a condition's text, `where`) is prepared once
    when a listener is added, not worked out again for every event."""

    def __init__(self) -> None:
        self._by_key: dict[str, list[tuple[Trigger, Callable[[Event], None], tuple | None]]] = defaultdict(list)
        # The classes of event some listener waits for (WorldEvent for a
        # `process.name` selector): the engine dispatches an event of any
        # other class not at all. Doctrine's own events, an expectation
        # opened or met, are a third of a busy run and few scenarios listen
        # to them.
        self.heard: set[type] = set()

    def add(self, trigger: Trigger, callback: Callable[[Event], None]) -> None:
        self._by_key[_index_key(trigger)].append((trigger, callback, _still_to_check(trigger)))
        selected = trigger_selector(trigger)
        # A kind no event has (validation refuses one) could match nothing.
        self.heard.add(EVENT_TYPES.get(selected, WorldEvent if "." in selected else Event))

    def dispatch(self, event: Event) -> None:
        by_key = self._by_key
        if type(event) is WorldEvent:
            # Most events: `selector(event)` inlined, and no name refines the key.
            listeners = by_key.get(f"{event.process}.{event.name}")
            if listeners:
                self._call(listeners, event)
            return
        # selector(event) inlined: only a world event (or a subclass) has process.name.
        sel = selector(event) if isinstance(event, WorldEvent) else event.kind
        listeners = by_key.get(sel)
        if listeners:
            self._call(listeners, event)
        field = _NAMED.get(sel)
        if field:
            listeners = by_key.get(f"{sel}:{getattr(event, field)}")
            if listeners:
                self._call(listeners, event)

    @staticmethod
    def _call(listeners: list, event: Event) -> None:
        get = event.get
        for trigger, callback, checks in tuple(listeners):   # a callback may add listeners
            if checks is None:
                fires = matches(trigger, event)
            else:
                fires = True
                for name, wanted in checks:
                    if get(name) != wanted:
                        fires = False
                        break
            if fires:
                callback(event)

    def conditions(self) -> list[Trigger]:
        return [t for key, items in self._by_key.items() if key.endswith(".condition") for t, _, _ in items]
