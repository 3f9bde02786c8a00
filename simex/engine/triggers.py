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

from simex.events import Event, selector
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


class TriggerIndex:
    """Listeners indexed by selector and, for actions, injects and missed
    expectations, by name: an event only meets the triggers that could match
    it, so the engine's per-event cost stays flat as scenarios grow."""

    def __init__(self) -> None:
        self._by_key: dict[str, list[tuple[Trigger, Callable[[Event], None]]]] = defaultdict(list)

    def add(self, trigger: Trigger, callback: Callable[[Event], None]) -> None:
        self._by_key[_index_key(trigger)].append((trigger, callback))

    def dispatch(self, event: Event) -> None:
        sel = selector(event)
        field = _NAMED.get(sel)
        keys = (sel, f"{sel}:{getattr(event, field)}") if field else (sel,)
        for key in keys:
            listeners = self._by_key.get(key)
            if listeners:
                for trigger, callback in tuple(listeners):
                    if matches(trigger, event):
                        callback(event)

    def conditions(self) -> list[Trigger]:
        return [t for key, items in self._by_key.items() if key.endswith(".condition") for t, _ in items]
