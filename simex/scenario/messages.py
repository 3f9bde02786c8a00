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
from simex.scenario.problems import some_of, suggest
from simex.words import NN_, N_, Say, either
from simex.scenario.quantities import limits_of, number
from simex.scenario.text import _normalise

Path = tuple


@dataclass
class Explained:
    path: Path          # the part of the location that exists in the YAML
    message: Say
    at_key: bool        # point at the key itself (unknown keys), not its value


# What an author may write where a field has one of these shorthand validators.
# (Braces are doubled: these are str.format templates.)
_SHAPES = {
    _normalise: Say(N_("text, or a mapping of language to text such as {{en: ..., fr: ...}}")),
    _shorthand: Say(N_("a duration like '5m', or a distribution like {{dist: uniform, low: 5m, high: 15m}}")),
    _availability: Say(N_("'24/7', 'office_hours', or a mapping like "
                          "{{hours: '08:00-17:00', days: [mon, tue, wed, thu, fri]}}")),
    IdList.__metadata__[0].func: Say(N_("an id or a list of ids")),
}
# Translators: what a value should be, completing "expected ..., got ..."
_TEXT, _WHOLE, _NUMBER = Say(N_("text")), Say(N_("a whole number")), Say(N_("a number"))
_BOOL, _MAPPING, _LIST = Say(N_("true/false")), Say(N_("a mapping")), Say(N_("a list"))
_DATETIME = Say(N_("a date and time like 2026-03-14T08:00:00+01:00"))
_NOUNS = {
    "string_type": _TEXT, "int_type": _WHOLE, "int_parsing": _WHOLE, "int_from_float": _WHOLE,
    "float_type": _NUMBER, "float_parsing": _NUMBER, "bool_type": _BOOL, "bool_parsing": _BOOL,
    "dict_type": _MAPPING, "model_type": _MAPPING, "model_attributes_type": _MAPPING, "list_type": _LIST,
    "datetime_type": _DATETIME, "datetime_parsing": _DATETIME, "datetime_from_date_parsing": _DATETIME,
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
            if str(message) not in seen:
                seen.add(str(message))
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
            self.noun = either([f"'{v}'" for v in _literals(self.ctx)])
        if self.type == "union_tag_not_found" and not isinstance(self.input, dict):
            self.noun = _MAPPING
        if self.type in ("float_parsing", "float_type") and type(self.input) is int:
            self.noun = None   # a whole number too large for a float: say the range instead
        self.shape = _shape(self.loc[: last + 1]) if not tail or self.branch else None

    def message(self) -> Say:
        t, ctx, value = self.type, self.ctx, self.input
        if t == "missing":
            template = N_("missing required section '{key}'") if len(self.path) == 0 else \
                N_("missing required key '{key}'")
            return Say(template, key=self.loc[-1])
        if t == "extra_forbidden":
            key = self.loc[-1]
            allowed = _allowed_keys(self.loc[:-1])
            hint = suggest(key, allowed) or (Say(N_("; the keys here are: {keys}"), keys=some_of(allowed, 30))
                                             if allowed else "")
            template = N_("unknown section '{key}'{hint}") if len(self.loc) == 1 else N_("unknown key '{key}'{hint}")
            return Say(template, key=key, hint=hint)
        if t == "literal_error":
            options = _literals(ctx)
            return Say(_NOT_ONE_OF, value=_show(value), options=options, hint=suggest(value, options))
        if t == "union_tag_invalid":
            tags = _literals({"expected": ctx.get("expected_tags", "")})
            tag = ctx.get("tag")
            return Say(_NOT_ONE_OF, value=f"'{tag}'", options=tags, hint=suggest(tag, tags))
        if t == "union_tag_not_found":
            key = ctx.get("discriminator", "").strip("'")
            return Say(N_("missing required key '{key}' (one of: {tags})"), key=key, tags=_tags(self.loc, key))
        if t in ("value_error", "assertion_error"):
            error = ctx.get("error")
            # A validator's ValueError carries a Say (simex's words) when the model raised it.
            if isinstance(error, Exception) and error.args and isinstance(error.args[0], Say):
                return error.args[0]
            return Say(N_("{error}"), error=str(error or self.err["msg"]))
        if t == "string_pattern_mismatch":
            if ctx.get("pattern") == _ID_PATTERN:
                return Say(N_("{value} is not a valid id: start with a letter, then use only "
                              "letters, digits, '_', '.' or '-' (no spaces)"), value=_show(value))
            return Say(N_("{value} does not have the expected form ({pattern})"), value=_show(value),
                       pattern=ctx.get("pattern"))
        if t == "string_too_long":
            n = ctx.get("max_length")
            return Say(NN_("is too long: at most {n} character", "is too long: at most {n} characters"), n=n)
        if t in ("too_short", "too_long"):
            n = ctx.get("min_length" if t == "too_short" else "max_length")
            template = NN_("needs at least {n} item, found {found}", "needs at least {n} items, found {found}") \
                if t == "too_short" else NN_("needs at most {n} item, found {found}", "needs at most {n} items, found {found}")
            return Say(template, n=n, found=ctx.get("actual_length"))
        bounds = {"greater_than_equal": (N_("at least {n}"), "ge"), "greater_than": (N_("more than {n}"), "gt"),
                  "less_than_equal": (N_("at most {n}"), "le"), "less_than": (N_("less than {n}"), "lt")}
        limits = _limits(self.loc) if t in bounds or t == "finite_number" else None
        if t in bounds:
            word, key = bounds[t]
            # Say the whole range and its unit, not just the side that was crossed.
            # YAML 1.1 reads 1e308 (no dot) as text that pydantic then parses: show it as written.
            got = value if isinstance(value, str) and len(value) <= 60 else _show(value)
            wanted = limits.words() if limits else Say(word, n=number(ctx.get(key)))
            return Say(_MUST_BE, wanted=wanted, got=got)
        if t in ("float_parsing", "float_type"):   # see __init__: a whole number of hundreds of digits
            limits = _limits(self.loc)
            wanted = limits.words() if limits else Say(N_("a number a computer can hold"))
            return Say(_MUST_BE, wanted=wanted, got=digits(value))
        if t == "finite_number":
            return Say(N_("must be a finite number {limits}"), limits=limits.words()) if limits else \
                Say(N_("must be a finite number"))
        # pydantic's own English, for an error simex has no words of its own for yet
        return Say(N_("{error}"), error=self.err["msg"].replace("Input should be", "expected"))


# Translators: {value} is the author's value; {options} the allowed words of the format, as they are spelled
_NOT_ONE_OF = N_("{value} is not one of: {options}{hint}")
# Translators: {wanted} is a range such as "between 0 and 1", {got} the author's value
_MUST_BE = N_("must be {wanted}, got {got}")


def _expected(items: list[_Item]) -> str:
    shape = next((i.shape for i in items if i.shape), None)
    if shape:
        wanted = shape
    else:
        nouns = list({str(i.noun): i.noun for i in items}.values())
        if _NUMBER in nouns and _WHOLE in nouns:
            nouns.remove(_WHOLE)
        wanted = either(nouns)
    # Translators: {wanted} is what the format allows here ("a number"), {got} what the file has
    return Say(N_("expected {wanted}, got {got}"), wanted=wanted, got=_got(items[0].input))


def _got(value: object) -> object:
    if value is None:
        return Say(N_("nothing (the value is empty)"))
    if isinstance(value, bool):
        # Translators: keep the YAML words (yes, on, true, no, off, false) as they are
        return Say(N_("true (YAML reads an unquoted yes, on or true as true; put it in quotes if it is meant as "
                      "text)")) if value else \
            Say(N_("false (YAML reads an unquoted no, off or false as false; put it in quotes if it is meant as "
                   "text)"))
    if isinstance(value, (int, float)):
        return Say(N_("the number {value}"), value=digits(value) if isinstance(value, int) else value)
    if isinstance(value, (dt.date, dt.datetime)):
        return Say(N_("a date (put it in quotes if it is meant as text)"))
    if isinstance(value, dict):
        return _MAPPING
    if isinstance(value, list):
        return _LIST
    return _show(value)


def _show(value: object) -> object:
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


def _shape(loc: tuple) -> Say | None:
    """What may be written at `loc` if it is a field with a shorthand (text, distribution...)."""
    if not loc or not isinstance(loc[-1], str):
        return None
    _, info = _walk(loc)
    if info is None:
        return None
    funcs = shorthand_validators(info.annotation, info.metadata)
    return next((shape for func, shape in _SHAPES.items() if func in funcs), None)
