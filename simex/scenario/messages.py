"""Pydantic's validation errors, said in the scenario file's own words.

Pydantic reports `('world', 0, 'service', 'duration', 'lognormal', 'sigma')`
and "Input should be less than or equal to 5". An exercise planner needs
"world[0].duration.sigma: must be at most 5, got 9" on the right line. This
module does two things: it finds which part of a pydantic location exists in
the YAML (the rest are union tags and validator names), and it rewrites each
message in the YAML's vocabulary, with "did you mean" for near misses.
"""
from __future__ import annotations

import datetime as dt
import re
import types
import typing
from dataclasses import dataclass
from functools import cache

from pydantic import BaseModel
from pydantic.functional_validators import BeforeValidator

from simex.durations import digits
from simex.scenario.distributions import _shorthand
from simex.scenario.model import Id, IdList, Scenario, _availability
from simex.scenario.problems import did_you_mean, one_of
from simex.scenario.quantities import limits_of, number
from simex.scenario.text import _normalise

Path = tuple


@dataclass
class Explained:
    path: Path          # the part of the location that exists in the YAML
    message: str
    at_key: bool        # point at the key itself (unknown keys), not its value


# What an author may write where a field has one of these shorthand validators.
_SHAPES = {
    _normalise: "text, or a mapping of language to text such as {en: ..., fr: ...}",
    _shorthand: "a duration like '5m', or a distribution like {dist: uniform, low: 5m, high: 15m}",
    _availability: "'24/7', 'office_hours', or a mapping like {hours: '08:00-17:00', days: [mon, tue, wed, thu, fri]}",
    IdList.__metadata__[0].func: "an id or a list of ids",
}
_NOUNS = {
    "string_type": "text", "int_type": "a whole number", "int_parsing": "a whole number",
    "int_from_float": "a whole number", "float_type": "a number", "float_parsing": "a number",
    "bool_type": "true/false", "bool_parsing": "true/false", "dict_type": "a mapping",
    "model_type": "a mapping", "model_attributes_type": "a mapping", "list_type": "a list",
    "datetime_type": "a date and time like 2026-03-14T08:00:00+01:00",
    "datetime_parsing": "a date and time like 2026-03-14T08:00:00+01:00",
    "datetime_from_date_parsing": "a date and time like 2026-03-14T08:00:00+01:00",
}
_ID_PATTERN = typing.get_args(Id)[1].metadata[1].pattern


def explain(errors: list[dict], data: object) -> list[Explained]:
    """One message per problem, even where pydantic tried several union branches."""
    items = [_Item(err, data) for err in errors]
    # A union branch that failed on the type ("not '24/7'") is noise when another
    # branch got further into the value (a mapping with a bad 'hours').
    deeper = {o.path[:k] for o in items for k in range(len(o.path))}
    items = [i for i in items if not (i.branch and i.path in deeper)]
    groups: dict[tuple, list[_Item]] = {}
    for item in items:
        groups.setdefault((item.path, item.at_key), []).append(item)
    out: list[Explained] = []
    for (path, at_key), group in groups.items():
        typed = [i for i in group if i.noun]
        if len(typed) == len(group):
            out.append(Explained(path, _expected(group), at_key))
            continue
        seen = set()
        for item in group:
            message = item.message() if not item.noun else _expected([item])
            if message not in seen:
                seen.add(message)
                out.append(Explained(item.path, message, at_key))
    return out


class _Item:
    def __init__(self, err: dict, data: object):
        self.err, self.type, self.loc = err, err["type"], tuple(err["loc"])
        self.input = err.get("input")
        self.ctx = err.get("ctx") or {}
        path, last, self.at_key = _resolve(self.loc, data)
        tail = self.loc[last + 1:]
        if self.type == "missing":
            tail = tail[:-1]
        self.branch = any(seg != "[key]" for seg in tail)
        if self.type == "extra_forbidden":
            self.at_key = True
        if self.type == "union_tag_invalid":
            path = path + (self.ctx.get("discriminator", "").strip("'"),)
        self.path = path
        self.noun = _NOUNS.get(self.type)
        if self.type == "literal_error" and self.branch:
            self.noun = " or ".join(f"'{v}'" for v in _literals(self.ctx))
        if self.type == "union_tag_not_found" and not isinstance(self.input, dict):
            self.noun = "a mapping"
        if self.type in ("float_parsing", "float_type") and type(self.input) is int:
            self.noun = None   # a whole number too large for a float: say the range instead
        self.shape = _shape(self.loc[: last + 1]) if not tail or self.branch else None

    def message(self) -> str:
        t, ctx, value = self.type, self.ctx, self.input
        if t == "missing":
            key = self.loc[-1]
            return f"missing required {'section' if len(self.path) == 0 else 'key'} '{key}'"
        if t == "extra_forbidden":
            key = self.loc[-1]
            allowed = _allowed_keys(self.loc[:-1])
            hint = did_you_mean(key, allowed) or (f"; the keys here are: {one_of(allowed, 30)}" if allowed else "")
            return f"unknown {'section' if len(self.loc) == 1 else 'key'} '{key}'{hint}"
        if t == "literal_error":
            options = _literals(ctx)
            return f"{_show(value)} is not one of: {', '.join(options)}{did_you_mean(value, options)}"
        if t == "union_tag_invalid":
            tags = _literals({"expected": ctx.get("expected_tags", "")})
            tag = ctx.get("tag")
            return f"'{tag}' is not one of: {', '.join(tags)}{did_you_mean(tag, tags)}"
        if t == "union_tag_not_found":
            key = ctx.get("discriminator", "").strip("'")
            return f"missing required key '{key}' (one of: {', '.join(_tags(self.loc, key))})"
        if t in ("value_error", "assertion_error"):
            return str(ctx.get("error") or self.err["msg"])
        if t == "string_pattern_mismatch":
            if ctx.get("pattern") == _ID_PATTERN:
                return (f"{_show(value)} is not a valid id: start with a letter, then use only "
                        "letters, digits, '_', '.' or '-' (no spaces)")
            return f"{_show(value)} does not have the expected form ({ctx.get('pattern')})"
        if t == "string_too_long":
            return f"is too long: at most {ctx.get('max_length')} characters"
        if t in ("too_short", "too_long"):
            n = ctx.get("min_length" if t == "too_short" else "max_length")
            bound = "at least" if t == "too_short" else "at most"
            return f"needs {bound} {n} item{'s' if n != 1 else ''}, found {ctx.get('actual_length')}"
        bounds = {"greater_than_equal": ("at least", "ge"), "greater_than": ("more than", "gt"),
                  "less_than_equal": ("at most", "le"), "less_than": ("less than", "lt")}
        limits = _limits(self.loc) if t in bounds or t == "finite_number" else None
        if t in bounds:
            word, key = bounds[t]
            # Say the whole range and its unit, not just the side that was crossed.
            # YAML 1.1 reads 1e308 (no dot) as text that pydantic then parses: show it as written.
            got = value if isinstance(value, str) and len(value) <= 60 else _show(value)
            return f"must be {limits or f'{word} {number(ctx.get(key))}'}, got {got}"
        if t in ("float_parsing", "float_type"):   # see __init__: a whole number of hundreds of digits
            limits = _limits(self.loc)
            return f"must be {limits or 'a number a computer can hold'}, got {digits(value)}"
        if t == "finite_number":
            return f"must be a finite number {limits}" if limits else "must be a finite number"
        return self.err["msg"].replace("Input should be", "expected")


def _expected(items: list[_Item]) -> str:
    shape = next((i.shape for i in items if i.shape), None)
    if shape:
        wanted = shape
    else:
        nouns = list(dict.fromkeys(i.noun for i in items))
        if "a number" in nouns and "a whole number" in nouns:
            nouns.remove("a whole number")
        wanted = nouns[0] if len(nouns) == 1 else ", ".join(nouns[:-1]) + " or " + nouns[-1]
    return f"expected {wanted}, got {_got(items[0].input)}"


def _got(value: object) -> str:
    if value is None:
        return "nothing (the value is empty)"
    if isinstance(value, bool):
        spelled = "yes, on or true" if value else "no, off or false"
        return (f"{str(value).lower()} (YAML reads an unquoted {spelled} as {str(value).lower()}; "
                "put it in quotes if it is meant as text)")
    if isinstance(value, (int, float)):
        return f"the number {digits(value) if isinstance(value, int) else value}"
    if isinstance(value, (dt.date, dt.datetime)):
        return "a date (put it in quotes if it is meant as text)"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return _show(value)


def _show(value: object) -> str:
    if isinstance(value, str):
        return repr(value if len(value) <= 60 else value[:57] + "...")
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, int):
        return digits(value)
    return _got(value) if isinstance(value, (dict, list, type(None))) else str(value)


def _literals(ctx: dict) -> list[str]:
    return re.findall(r"'([^']*)'", str(ctx.get("expected", "")))


def _resolve(loc: tuple, data: object) -> tuple[Path, int, bool]:
    """The longest part of `loc` that exists in the data, skipping segments
    pydantic adds (union tags like 'lognormal', "function-before[...]")."""
    node, path, last, at_key = data, [], -1, False
    for i, seg in enumerate(loc):
        if seg == "[key]":
            at_key = last == i - 1
            continue
        if isinstance(node, dict) and isinstance(seg, str) and seg in node:
            node = node[seg]
        elif isinstance(node, list) and isinstance(seg, int) and 0 <= seg < len(node):
            node = node[seg]
        else:
            continue
        path.append(seg)
        last = i
    return tuple(path), last, at_key


# --- what the model allows at a location ----------------------------------------------


def _members(annotation: object) -> list:
    """Union members and Annotated cores, flattened; Annotated metadata kept aside."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _members(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        return [m for arg in typing.get_args(annotation) for m in _members(arg)]
    return [annotation]


def _is_model(t: object) -> bool:
    return isinstance(t, type) and issubclass(t, BaseModel)


def _field(model: type[BaseModel], name: object):
    for field_name, info in model.model_fields.items():
        if name in (info.alias, field_name):
            return info
    return None


def _walk(loc: tuple) -> tuple[list, object]:
    """Candidate types at `loc`, and the field info of the last model field passed."""
    # List indices do not change the type: one cached walk serves every item.
    return _walk_types(tuple(0 if isinstance(seg, int) else seg for seg in loc))


@cache
def _walk_types(loc: tuple) -> tuple[list, object]:
    current: list = [Scenario]
    last_field = None
    for seg in loc:
        nxt: list = []
        found = None
        for t in [m for c in current for m in _members(c)]:
            origin = typing.get_origin(t)
            if _is_model(t):
                info = _field(t, seg)
                if info is not None:
                    nxt.append(info.annotation)
                    found = info
                elif isinstance(seg, str) and any(seg in _literal_values(i.annotation)
                                                  for i in t.model_fields.values()):
                    nxt.append(t)  # a union tag ('service', 'lognormal') names this member
            elif origin is list and isinstance(seg, int):
                nxt.append(typing.get_args(t)[0])
            elif origin is dict and seg != "[key]" and not _is_model(seg):
                nxt.append(typing.get_args(t)[1])
        if nxt:  # else a validator's name: skip it
            current, last_field = nxt, found
    return current, last_field


def _literal_values(annotation: object) -> tuple:
    return typing.get_args(annotation) if typing.get_origin(annotation) is typing.Literal else ()


def _limits(loc: tuple):
    """The declared range of the number at `loc` (quantities.between), if any."""
    _, info = _walk(loc)
    return limits_of(info.annotation, info.metadata) if info is not None else None


def _allowed_keys(loc: tuple) -> list[str]:
    current, _ = _walk(loc)
    keys: list[str] = []
    for t in (m for c in current for m in _members(c)):
        if _is_model(t):
            keys += [info.alias or name for name, info in t.model_fields.items() if (info.alias or name) not in keys]
    return keys


def _tags(loc: tuple, key: str) -> list[str]:
    current, _ = _walk(loc)
    tags: list[str] = []
    for t in (m for c in current for m in _members(c)):
        if _is_model(t) and key in t.model_fields:
            tags += _literal_values(t.model_fields[key].annotation)
    return tags


def shorthand_validators(annotation: object, metadata: list) -> set:
    """The BeforeValidator functions on a field (its shorthands: text, distribution...)."""
    found = {m.func for m in metadata if isinstance(m, BeforeValidator)}
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        args = typing.get_args(annotation)
        found |= shorthand_validators(args[0], list(args[1:]))
    elif origin in (typing.Union, types.UnionType):
        for arg in typing.get_args(annotation):
            found |= shorthand_validators(arg, [])
    return found


def _shape(loc: tuple) -> str | None:
    """What may be written at `loc` if it is a field with a shorthand (text, distribution...)."""
    if not loc or not isinstance(loc[-1], str):
        return None
    _, info = _walk(loc)
    if info is None:
        return None
    funcs = shorthand_validators(info.annotation, info.metadata)
    return next((shape for func, shape in _SHAPES.items() if func in funcs), None)
