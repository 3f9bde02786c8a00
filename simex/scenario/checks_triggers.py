"""Checks on triggers: what each one listens to exists, and no group of
injects or expectations waits only on itself.

A trigger that names an unknown event or action is not an error the engine
would notice: it would just never fire, and the exercise would quietly lose
an inject. So every name is checked here, with "did you mean".
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Iterator

from pydantic import BaseModel

from simex.event_kinds import FIELDS
from simex.scenario.model import Trigger
from simex.scenario.processes import EMITS as _ENGINE_EMITS
from simex.scenario.problems import some_of, suggest
from simex.words import N_, Say

if TYPE_CHECKING:
    from simex.scenario.checks import Findings

# Engine events a trigger can name. `world` is the kind of every world event,
# but triggers name those as `<process>.<event>`, so `world` alone never fires.
# Questionnaires (tests, hot wash, polls) are about the people, not the play:
# nothing in a scenario starts on them.
ENGINE_EVENTS = tuple(kind for kind in FIELDS if kind != "world" and not kind.startswith("questionnaire_"))
# What each world process type emits: the engine's own list, so the checks
# follow new process types. `condition` is internal (it is how `state:`
# triggers fire), so authors write `state:` rather than `event: x.condition`.
EMITS = {kind: tuple(e for e in names if e != "condition") for kind, names in _ENGINE_EMITS.items()}
# The variables each type publishes for `state:` conditions (its set_state
# calls). A type missing here is not checked.
STATES = {"portal_monitor": ("alarms",), "service": ("waiting",), "legal_clock": ("running",),
          "precedence": ("broken",), "dose_field": ("turn_backs",)}
# An alarm's ground-truth cause, which `where: {cause: ...}` filters on.
CAUSES = ("innocent", "false", "threat", "licensed")
# Evidence found on a trigger is announced as `evidence.found` (simex/evidence.py).
EVIDENCE_FOUND = "evidence.found"


def walk_models(model: BaseModel, path: tuple) -> Iterator[tuple[tuple, BaseModel]]:
    """`model` and every model inside it (a portal's threats, a dose field's
    teams, triggers), with their paths: world process types keep growing, and
    this finds their triggers and agency ids without a list to keep in step."""
    yield path, model
    for name, info in type(model).model_fields.items():
        value = getattr(model, name)
        key = info.alias or name
        if isinstance(value, BaseModel):
            yield from walk_models(value, path + (key,))
        elif isinstance(value, list):
            for i, item in enumerate(value):
                if isinstance(item, BaseModel):
                    yield from walk_models(item, path + (key, i))


def triggers(f: "Findings") -> Iterator[tuple[tuple, Trigger]]:
    """Every trigger in the file with its path."""
    for i, inject in enumerate(f.s.injects):
        if inject.trigger is not None:
            yield ("injects", i, "trigger"), inject.trigger
    for i, e in enumerate(f.s.doctrine):
        yield ("doctrine", i, "trigger"), e.trigger
    for i, p in enumerate(f.s.world):
        for path, model in walk_models(p, ("world", i)):
            if isinstance(model, Trigger):
                yield path, model
    for i, item in enumerate(f.s.evidence):
        if item.found_on is not None:
            yield ("evidence", i, "found_on"), item.found_on


def check_triggers(f: "Findings") -> None:
    all_actions = sorted({a for actions in f.actions.values() for a in actions})
    known_actions = set(all_actions)
    names: list[str] = []   # every event name, built on the first unknown one
    for path, t in triggers(f):
        if t.event:
            _event(f, t, path, names)
        elif t.action:
            if t.by:
                if f.agency(t.by, path + ("by",)):
                    f.has_action(t.by, t.action, path + ("action",))
            elif t.action not in known_actions:
                hint = f.hint(t.action, all_actions) or Say(N_("; actions are: {actions}"),
                                                            actions=some_of(all_actions))
                f.error(path + ("action",), Say(N_("no agency has an action '{action}'{hint}"),
                                                action=t.action, hint=hint))
        elif t.inject:
            f.known("inject", t.inject, f.injects, path + ("inject",))
        elif t.missed:
            f.known("expectation", t.missed, f.expectations, path + ("missed",))
        elif t.state:
            _state(f, t, path)
        if t.by and not t.action:
            f.warn(path + ("by",), Say(N_("'by' only applies to an 'action' trigger; it is ignored here")))


def _event(f: "Findings", t: Trigger, path: tuple, names: list[str]) -> None:
    name = t.event
    process_id, dot, emitted = name.partition(".")
    if not dot:
        if name not in ENGINE_EVENTS:
            if not names:   # the engine's events, then every '<process>.<event>'
                names += list(ENGINE_EVENTS) + [f"{p.id}.{e}" for p in f.s.world for e in EMITS.get(p.type, ())]
            hint = f.hint(name, names)
            example = names[len(ENGINE_EVENTS)] if len(names) > len(ENGINE_EVENTS) else None
            such = Say(N_(" such as {example}"), example=example) if example else ""
            # Translators: {such} is "" or " such as portal.alarm"; keep '<process>.<event>' as it is
            f.error(path + ("event",), Say(N_("unknown event '{name}'; an event is one of: {events}, or "
                                              "'<process>.<event>' from a world process{such}{hint}"),
                                           name=name, events=some_of(ENGINE_EVENTS, 20), such=such, hint=hint))
        elif name == "inject_delivered" and "inject" in t.where:
            f.known("inject", str(t.where["inject"]), f.injects, path + ("where", "inject"))
        return
    process = f.processes.get(process_id)
    if process is None and name == EVIDENCE_FOUND:
        if not any(item.found_on for item in f.s.evidence):
            f.error(path + ("event",), Say(N_("no evidence item is found on a trigger ('found_on'), so "
                                              "'evidence.found' never happens")))
        elif "item" in t.where:
            f.known("evidence item", str(t.where["item"]), f.evidence, path + ("where", "item"))
        return
    if process is None:
        f.known("world process", process_id, f.processes, path + ("event",))
        return
    emits = EMITS.get(process.type)
    cause = t.where.get("cause")
    if process.type in ("portal_monitor", "service") and cause is not None and cause not in CAUSES:
        # A warning, not an error: the file is consistent, but the trigger can never fire.
        quoted = Say(N_(" (unquoted, YAML reads it as true/false: write 'false' in quotes)")) \
            if isinstance(cause, bool) else ""
        # Translators: {causes} are the format's words innocent, false, threat, licensed: keep them as they are
        f.warn(path + ("where", "cause"), Say(N_("an alarm's cause is one of: {causes}, never {cause}{quoted}, "
                                                 "so this trigger never fires{hint}"),
                                              causes=list(CAUSES), cause=repr(cause), quoted=quoted,
                                              hint=f.hint(cause, CAUSES)))
    if emits is not None and emitted not in emits:
        f.error(path + ("event",), Say(N_("world process '{process}' (a {type}) emits no '{event}' event; "
                                          "it emits: {events}{hint}"),
                                       process=process_id, type=process.type, event=emitted,
                                       events=[f"{process_id}.{e}" for e in emits],
                                       hint=_prefixed(f.hint(emitted, emits), process_id)))


def _state(f: "Findings", t: Trigger, path: tuple) -> None:
    process_id, variable, _, _ = t.state_parts
    process = f.processes.get(process_id)
    if process is None:
        f.known("world process", process_id, f.processes, path + ("state",))
        return
    states = STATES.get(process.type)
    if states is not None and variable not in states:
        f.error(path + ("state",), Say(N_("world process '{process}' (a {type}) has no state '{variable}'; "
                                          "its state is: {states}{hint}"),
                                       process=process_id, type=process.type, variable=variable,
                                       states=[f"{process_id}.{v}" for v in states],
                                       hint=_prefixed(f.hint(variable, states), process_id)))


def _prefixed(hint, process_id: str):
    """'did you mean 'alarm'' as 'did you mean 'portal.alarm''."""
    return suggest(f"{process_id}.{hint.params['word']}", [f"{process_id}.{hint.params['word']}"]) if hint else ""


def check_cycles(f: "Findings") -> None:
    """Injects and expectations that can only be started by each other never start.

    Each triggered inject or expectation has one trigger, so it has at most
    one predecessor in the graph "X's delivery/miss starts Y": following
    predecessors from any node either ends (something timed or external
    starts the chain) or loops. A loop is dead.
    """
    nodes: dict[tuple[str, str], tuple[tuple, tuple[str, str] | None]] = {}
    for i, inject in enumerate(f.s.injects):
        nodes[("inject", inject.id)] = (("injects", i, "trigger"), _predecessor(inject.trigger))
    for i, e in enumerate(f.s.doctrine):
        nodes[("expectation", e.id)] = (("doctrine", i, "trigger"), _predecessor(e.trigger))
    reported: set = set()
    for start in nodes:
        seen: dict = {}   # insertion-ordered, and `in` is O(1) along a long chain
        node = start
        while node in nodes and node not in seen and node not in reported:
            seen[node] = None
            node = nodes[node][1]
        if node in seen:  # a loop, not a chain into an already-reported one
            seen = list(seen)
            loop = seen[seen.index(node):]
            reported.update(loop)
            loop.reverse()  # predecessors were followed; show the direction things fire
            first = min(loop, key=lambda n: (n[0] != "inject", nodes[n][0]))
            order = loop[loop.index(first):] + loop[: loop.index(first)]
            names = " -> ".join(n[1] for n in order + [order[0]])
            f.error(nodes[first][0], Say(N_("trigger cycle: {names}: each one only starts after another in "
                                            "the cycle, so none of them ever happens"), names=names))
        reported.update(seen)


def _predecessor(t: Trigger | None) -> tuple[str, str] | None:
    if t is None:
        return None
    if t.inject:
        return ("inject", t.inject)
    if t.event == "inject_delivered" and "inject" in t.where:
        return ("inject", str(t.where["inject"]))
    if t.missed:
        return ("expectation", t.missed)
    return None

