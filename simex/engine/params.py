"""An action's parameters, held to what the scenario declares.

`orders.check_types` makes sure a parameter is a plain value; here it must
also be the kind of value its `Param.type` says (a whole number, an agency
id...), and a parameter a service uses as its `key` must name something the
world has produced (a vehicle that passed the portal): a mistyped id would
otherwise occupy the service's servers and delay the real work. Whoever
sends the action (a console, a remote player, a bot), the same rules apply.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from simex.engine.commands import CommandError
from simex.engine.orders import json_type, kind_of
from simex.languages import N_
from simex.reasons import Listed, Reason, did_you_mean
from simex.scenario.model import Action, Param

if TYPE_CHECKING:
    from simex.engine.exercise import Exercise


def entities(x: "Exercise", agency: str, action: str, param: str) -> list[str] | None:
    """The ids the world knows that `param` of `agency`'s `action` may name, in
    the order they appeared; None when the parameter names no world entity:
    it is not the key of a service the action starts, or no process of the
    scenario produces things of that kind (a portal, vehicles; a dose field,
    its site)."""
    rule = _entity_rule(x, agency, action, param)
    if rule is None:
        return None
    sites, is_site = rule
    return [k for k in x.truth if (k in sites) == is_site]


def _entity_rule(x: "Exercise", agency: str, action: str, param: str) -> tuple[frozenset, bool] | None:
    """(the scenario's dose-field sites, whether `param` names a site) when the
    parameter names a world entity, else None. Worked out once per exercise and
    parameter: every action a bot takes passes here."""
    key = (agency, action, param)
    cache = x.entity_rules
    if key in cache:
        return cache[key]
    sites = frozenset(spec.site for spec in x.scenario.world if spec.type == "dose_field")
    kinds = {"vehicle": any(spec.type == "portal_monitor" for spec in x.scenario.world), "site": bool(sites)}
    rule = None
    if kinds.get(param):
        for spec in x.scenario.world:
            if spec.type == "service" and spec.key == param and spec.starts_on.action == action \
                    and spec.starts_on.by in (None, agency):
                rule = (sites, param == "site")
                break
    cache[key] = rule
    return rule


def check_params(x: "Exercise", agency: str, action: Action, params: dict[str, Any]) -> None:
    declared = x.declared_params.get((agency, action.id))   # _declared's lookup, inline: every bot action
    for name, p, check, rule in declared if declared is not None else _declared(x, agency, action):
        if name in params:
            value = params[name]
            if check is not None:
                check(x, action.id, p, value)
            if rule is not None:
                value = str(value)
                # A membership test, not the list of every id the world has seen
                # (that list grows with the run: building it per action was quadratic).
                if not (value in x.truth and (value in rule[0]) == rule[1]):
                    known = entities(x, agency, action.id, name)
                    # A player is not told the list: it would name vehicles nobody saw alarm.
                    refused = Reason(N_("no {param} {value!r} is known to the world (yet)"), param=name, value=value)
                    raise CommandError(N_("{refused}; known: {known}{hint}"), refused, refused=refused,
                                       known=Listed(known) or Reason(N_("none so far")),
                                       hint=did_you_mean(value, known))


def _declared(x: "Exercise", agency: str, action: Action) -> tuple:
    """(name, parameter, its type's check or None, its entity rule) for each
    parameter `action` declares, once per exercise: every action a bot takes
    passes here, and most parameters (a vehicle's id, free text) have no
    type to check."""
    key = (agency, action.id)
    known = x.declared_params.get(key)
    if known is None:
        known = x.declared_params[key] = tuple(
            (p.name, p, _CHECKS.get(p.type), _entity_rule(x, agency, action.id, p.name)) for p in action.params)
    return known


# `where` (action.param) is worded only for a refusal: every action a bot takes passes here.

def _integer(x: "Exercise", action: str, p: Param, value: Any) -> None:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value != int(value):
        raise CommandError(N_("{where} must be a whole number, not {kind}"), where=f"{action}.{p.name}",
                           kind=_shown(value))


def _number(x: "Exercise", action: str, p: Param, value: Any) -> None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise CommandError(N_("{where} must be a number, not {kind}"), where=f"{action}.{p.name}",
                           kind=_shown(value))


def _boolean(x: "Exercise", action: str, p: Param, value: Any) -> None:
    if not isinstance(value, bool):
        raise CommandError(N_("{where} must be true or false, not {kind}"), where=f"{action}.{p.name}",
                           kind=_shown(value))


def _choice(x: "Exercise", action: str, p: Param, value: Any) -> None:
    if value not in p.choices:
        raise CommandError(N_("{param} must be one of: {choices}"), param=p.name, choices=Listed(p.choices))


def _agency(x: "Exercise", action: str, p: Param, value: Any) -> None:
    ids = [a.id for a in x.scenario.agencies]
    if value not in ids:
        raise CommandError(N_("{where} must be an agency: no agency {value!r}{hint}"),
                           where=f"{action}.{p.name}", value=value, hint=did_you_mean(value, ids))


def _evidence(x: "Exercise", action: str, p: Param, value: Any) -> None:
    ids = [item.id for item in x.scenario.evidence]
    if value not in ids:
        raise CommandError(N_("{where} must be an evidence item: no evidence item {value!r}{hint}"),
                           where=f"{action}.{p.name}", value=value, hint=did_you_mean(value, ids))


# Per `Param.type`, what its value must be; `text` is any plain value (orders.check_types).
_CHECKS = {"integer": _integer, "number": _number, "boolean": _boolean, "choice": _choice,
           "agency": _agency, "evidence": _evidence}


def _shown(value: Any) -> "Reason | str":
    if json_type(value) == "a number":
        return Reason(N_("a number ({value})"), value=repr(value))
    return kind_of(value)
