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
from simex.engine.orders import json_type
from simex.scenario.model import Action, Param
from simex.scenario.problems import did_you_mean, one_of

if TYPE_CHECKING:
    from simex.engine.exercise import Exercise


def entities(x: "Exercise", agency: str, action: str, param: str) -> list[str] | None:
    """The ids the world knows that `param` of `agency`'s `action` may name, in
    the order they appeared; None when the parameter names no world entity:
    it is not the key of a service the action starts, or no process of the
    scenario produces things of that kind (a portal, vehicles; a dose field,
    its site)."""
    sites = {spec.site for spec in x.scenario.world if spec.type == "dose_field"}
    kinds = {"vehicle": any(spec.type == "portal_monitor" for spec in x.scenario.world), "site": bool(sites)}
    if not kinds.get(param):
        return None
    for spec in x.scenario.world:
        if spec.type == "service" and spec.key == param and spec.starts_on.action == action \
                and spec.starts_on.by in (None, agency):
            return [k for k in x.truth if (k in sites) == (param == "site")]
    return None


def check_params(x: "Exercise", agency: str, action: Action, params: dict[str, Any]) -> None:
    for p in action.params:
        if p.name in params:
            _value(x, f"{action.id}.{p.name}", p, params[p.name])
            known = entities(x, agency, action.id, p.name)
            value = params[p.name]
            if known is not None and str(value) not in known:
                # A player is not told the list: it would name vehicles nobody saw alarm.
                refused = f"no {p.name} {str(value)!r} is known to the world (yet)"
                raise CommandError(f"{refused}; known: {one_of(known) or 'none so far'}"
                                   f"{did_you_mean(str(value), known)}", refused)


def _value(x: "Exercise", where: str, p: Param, value: Any) -> None:
    if p.type == "integer":
        if isinstance(value, bool) or not isinstance(value, (int, float)) or value != int(value):
            raise CommandError(f"{where} must be a whole number, not {_shown(value)}")
    elif p.type == "number":
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise CommandError(f"{where} must be a number, not {_shown(value)}")
    elif p.type == "boolean":
        if not isinstance(value, bool):
            raise CommandError(f"{where} must be true or false, not {_shown(value)}")
    elif p.type == "choice":
        if value not in p.choices:
            raise CommandError(f"{p.name} must be one of: {', '.join(p.choices)}")
    elif p.type == "agency":
        ids = [a.id for a in x.scenario.agencies]
        if value not in ids:
            raise CommandError(f"{where} must be an agency: no agency {value!r}{did_you_mean(value, ids)}")
    elif p.type == "evidence":
        ids = [item.id for item in x.scenario.evidence]
        if value not in ids:
            raise CommandError(f"{where} must be an evidence item: no evidence item {value!r}"
                               f"{did_you_mean(value, ids)}")


def _shown(value: Any) -> str:
    kind = json_type(value)
    return f"{kind} ({value!r})" if kind == "a number" else kind
