"""Checks that a `key:` names something its trigger's event carries.

A doctrine expectation's `key: vehicle` ties the response to the occurrence
that opened it; a service's `key` names the item it serves. If the event the
trigger listens to has no such field, the engine reads nothing: simulated
agencies then act with an empty parameter nobody can match, and the service
serves "nothing". `carried` says what an event carries where the format
fixes it, and None where it is open (a message's facts are whatever the
sender attached), which is never refused.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from simex.event_kinds import FIELDS
from simex.scenario.checks_triggers import EMITS, STATES, triggers
from simex.scenario.model import Trigger
from simex.scenario.problems import some_of
from simex.words import N_, Say

if TYPE_CHECKING:
    from simex.scenario.checks import Findings

_BAGS = ("facts", "params", "truth")


def _fields(kind: str) -> set[str]:
    return {name for name in FIELDS[kind] if name not in ("t", *_BAGS)}


_WORLD = _fields("world")
# What the portal's alarm shows the operator, and the ground truth it carries
# (simex/engine/world/portal.py): a new fact there belongs here too.
_PORTAL_FACTS = ("vehicle", "lane", "gamma_sigma", "neutron", "manifest")
_PORTAL_TRUTH = ("cause", "nuclide", "cargo", "dose_rate_uSv_h", "background_uSv_h", "shielding_hvl",
                 "norm_masking", "activity_tbq", "category", "category_note", "licence", "p_alarm")
# Facts (and truth) of the world events whose contents the format fixes;
# a (type, event) not listed here carries an open set.
_WORLD_CARRIES: dict[tuple[str, str], tuple[str, ...]] = {
    ("portal_monitor", "alarm"): _PORTAL_FACTS + _PORTAL_TRUTH,
    ("portal_monitor", "undetected"): ("vehicle", "lane") + _PORTAL_TRUTH,
    ("legal_clock", "started"): ("deadline_s",),
    ("legal_clock", "warning"): ("remaining_s",),
    ("legal_clock", "expired"): ("deadline_s",),
    ("legal_clock", "stopped"): ("elapsed_s",),
    ("precedence", "kept"): ("after_s",),
    ("precedence", "broken"): ("order",),
}


def carried(f: "Findings", trigger: Trigger, _seen: frozenset = frozenset()) -> tuple[object, set[str] | None]:
    """(what the trigger listens to, in words; the names its event carries, or None if open)."""
    if trigger.action:
        owners = [trigger.by] if trigger.by else f.owners.get(trigger.action, [])
        names = _fields("action_taken")
        for owner in owners:
            action = f.actions.get(owner, {}).get(trigger.action)
            if action is not None:
                names |= {p.name for p in action.params}
        return Say(N_("action '{action}'"), action=trigger.action), names
    if trigger.inject:
        inject = f.injects.get(trigger.inject)
        return (Say(N_("inject '{inject}'"), inject=trigger.inject),
                _fields("inject_delivered") | set(inject.facts if inject else ()))
    if trigger.missed:
        # Translators: a trigger on a missed expectation, as the YAML writes it: "missed: notify_police"
        missed = Say(N_("missed '{expectation}'"), expectation=trigger.missed)
        exp = f.expectations.get(trigger.missed)
        if exp is None or trigger.missed in _seen:
            return missed, None
        _, opening = carried(f, exp.trigger, _seen | {trigger.missed})
        if opening is None:
            return missed, None
        return missed, _fields("expectation_overdue") | opening | ({exp.key} if exp.key else set())
    if trigger.state:
        process, variable, _, _ = trigger.state_parts
        return Say(N_("state '{state}'"), state=trigger.state.strip()), _WORLD | {"condition", variable}
    return trigger.event, _event(f, trigger.event or "")


def _event(f: "Findings", name: str) -> set[str] | None:
    process_id, dot, emitted = name.partition(".")
    if not dot:
        names = FIELDS.get(name)
        if names is None or any(bag in names for bag in _BAGS):
            return None
        return _fields(name)
    process = f.processes.get(process_id)
    if process is None:
        return None
    if process.type == "service":
        if emitted == "started":
            return _WORLD | {"waited_s"} | ({process.key} if process.key else set())
        # A completion carries the ground truth of the item served: open if it serves one.
        return None if process.key else set(_WORLD)
    names = _WORLD_CARRIES.get((process.type, emitted))
    return None if names is None else _WORLD | set(names)


def check_keys(f: "Findings") -> None:
    """Only where the rest resolves: an unknown action, process or state, or a
    key the expected action lacks, is reported once, by its own check."""
    for i, e in enumerate(f.s.doctrine):
        if e.key and _resolves(f, e.trigger) and (e.do is None or e.key in _params(f, e.who, e.do)):
            _check(f, e.trigger, e.key, ("doctrine", i, "key"),
                   Say(N_("simulated agencies would act with it empty and no response could match it")))
    for i, p in enumerate(f.s.world):
        if p.type == "service" and p.key and _resolves(f, p.starts_on):
            _check(f, p.starts_on, p.key, ("world", i, "key"), Say(N_("the service would not know what it serves")))
    for path, trigger in triggers(f):
        if trigger.where and _resolves(f, trigger):
            _where(f, trigger, path)


def _where(f: "Findings", trigger: Trigger, path: tuple) -> None:
    """A `where:` name the event never carries: the trigger can never fire.
    A warning, like an alarm cause that never occurs: the file is consistent."""
    what, names = carried(f, trigger)
    if names is None:
        return
    for name in trigger.where:
        if name not in names:
            # Translators: {what} is e.g. "action 'detain'" or an event name as written
            f.warn(path + ("where", name), Say(N_("{what} carries no '{name}', so this trigger never fires; "
                                                  "it carries: {names}{hint}"),
                                               what=what, name=name, names=sorted(names),
                                               hint=f.hint(name, sorted(names))))


def _params(f: "Findings", agency: str, action: str) -> set[str]:
    found = f.actions.get(agency, {}).get(action)
    return {p.name for p in found.params} if found else set()


def _resolves(f: "Findings", trigger: Trigger) -> bool:
    if trigger.action:
        return trigger.action in f.actions.get(trigger.by, {}) if trigger.by else trigger.action in f.owners
    if trigger.state:
        process, variable, _, _ = trigger.state_parts
        spec = f.processes.get(process)
        return spec is not None and variable in STATES.get(spec.type, (variable,))
    if trigger.event and "." in trigger.event:
        process, _, emitted = trigger.event.partition(".")
        spec = f.processes.get(process)
        return spec is not None and emitted in EMITS.get(spec.type, (emitted,))
    return True


def _check(f: "Findings", trigger: Trigger, key: str, path: tuple, consequence: Say) -> None:
    what, names = carried(f, trigger)
    if names is None or key in names:
        return
    shown = sorted(names - _WORLD - {"agency", "action", "actor"}) or sorted(names)
    f.error(path, Say(N_("{what} carries no '{name}', so {consequence}; it carries: {names}{hint}"),
                      what=what, name=key, consequence=consequence, names=shown, hint=f.hint(key, sorted(names))))
