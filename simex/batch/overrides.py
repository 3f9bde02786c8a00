"""`--set path=value` and `--grid path=v1,v2,...`: changes to a scenario,
written in the YAML's own vocabulary.

A path walks the YAML: mapping keys by name, list entries by their `id`
(`doctrine.EXP-NOTIFY-POLICE.within`, `channels.customs-police-radio.delay`,
`world.rpm.vehicles_per_hour`) or by position (`injects.0.at`). Ids may
contain dots (`CT1.1`), so the longest id that matches wins. A value is
read as YAML, so `10m`, `120`, `true` and `{dist: fixed, value: 5m}` mean
what they mean in the file.

Overrides are applied to the raw data, then the whole scenario is validated
again with the scenario model and the whole-file checks: a change cannot
produce a scenario the loader would refuse, and errors name the override
and the YAML path, not pydantic internals.
"""
from __future__ import annotations

import copy
from dataclasses import dataclass

import yaml
from pydantic import ValidationError

from simex.scenario.checks import check_scenario
from simex.scenario.messages import explain
from simex.scenario.model import Scenario
from simex.scenario.problems import did_you_mean, one_of, parse_path
from simex.scenario.yamlread import read_yaml

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class OverrideError(ValueError):
    """One or more overrides that cannot be applied; the message lists them all."""

    def __init__(self, messages: list[str]):
        super().__init__("\n".join(messages))
        self.messages = messages


@dataclass(frozen=True)
class Override:
    path: str     # as the user wrote it: doctrine.EXP-HOLD.within
    value: str    # as the user wrote it: 10m

    def __str__(self) -> str:
        return f"{self.path}={self.value}"


def parse_set(text: str) -> Override:
    """'doctrine.EXP-HOLD.within=10m' -> Override."""
    path, sep, value = text.partition("=")
    path, value = path.strip(), value.strip()
    if not sep or not path:
        raise OverrideError([f"--set {text!r}: write it as path=value, e.g. doctrine.EXP-HOLD.within=10m"])
    if not value:
        raise OverrideError([f"--set {text!r}: the value after '=' is empty"])
    return Override(path, value)


def parse_grid(text: str) -> tuple[str, tuple[str, ...]]:
    """'channels.x.delay=1m,5m,{dist: fixed, value: 9m}' -> (path, values).
    Commas inside brackets, braces or quotes belong to the value."""
    path, sep, rest = text.partition("=")
    path = path.strip()
    if not sep or not path:
        raise OverrideError([f"--grid {text!r}: write it as path=v1,v2,..., e.g. "
                             "channels.customs-police-radio.delay=1m,5m,10m"])
    values = tuple(v.strip() for v in _split_top(rest))
    if not values or any(not v for v in values):
        raise OverrideError([f"--grid {text!r}: list the values after '=', separated by commas, none empty"])
    if len(set(values)) != len(values):
        raise OverrideError([f"--grid {text!r}: a value is listed twice"])
    return path, values


def _split_top(text: str) -> list[str]:
    parts, depth, quote, start = [], 0, "", 0
    for i, ch in enumerate(text):
        if quote:
            quote = "" if ch == quote else quote
        elif ch in "'\"":
            quote = ch
        elif ch in "[{":
            depth += 1
        elif ch in "]}":
            depth -= 1
        elif ch == "," and depth == 0:
            parts.append(text[start:i])
            start = i + 1
    parts.append(text[start:])
    return parts


def read_data(text: str, filename: str = "<scenario>") -> dict:
    """The scenario's raw YAML data (the loader has already accepted the file)."""
    parsed = read_yaml(text)
    if parsed.fatal or not isinstance(parsed.data, dict):
        raise OverrideError([f"{filename}: cannot read the scenario; run 'simex validate {filename}'"])
    return parsed.data


def apply(data: dict, overrides: list[Override]) -> tuple[Scenario, list[tuple]]:
    """A validated Scenario from a deep copy of `data` with `overrides`
    applied in order; also the resolved path of each override (data keys and
    list positions). Raises OverrideError listing every problem."""
    data = copy.deepcopy(data)
    errors: list[str] = []
    resolved: list[tuple] = []
    for ov in overrides:
        try:
            value = yaml.load(ov.value, Loader=_Loader)
        except yaml.YAMLError as exc:
            errors.append(f"{ov}: the value is not valid YAML ({_first_line(exc)})")
            continue
        try:
            resolved.append(_assign(data, ov.path, value))
        except OverrideError as exc:
            errors.extend(f"{ov}: {m}" for m in exc.messages)
    if errors:
        raise OverrideError(errors)
    try:
        scenario = Scenario.model_validate(data)
    except ValidationError as exc:
        found = [(e.path, e.message) for e in explain(exc.errors(include_url=False), data)]
        messages = [_blame(data, path, msg, overrides, resolved) for path, msg in found]
        # Union branches that failed elsewhere are noise next to a message about the override itself.
        raise OverrideError([m for m in messages if not m.startswith("after ")] or messages) from None
    problems = [p for p in check_scenario(scenario) if p.is_error]
    if problems:
        raise OverrideError([_blame(data, parse_path(p.path), p.message, overrides, resolved) for p in problems])
    return scenario, resolved


def named(data: object, path: tuple) -> str:
    """('doctrine', 5, 'within') -> 'doctrine.EXP-HOLD.within': list entries by id, as a path is written."""
    out, node = [], data
    for seg in path:
        if isinstance(node, list) and isinstance(seg, int) and 0 <= seg < len(node):
            node = node[seg]
            out.append(str(node["id"]) if isinstance(node, dict) and "id" in node else str(seg))
        else:
            out.append(str(seg))
            node = node.get(seg) if isinstance(node, dict) else None
    return ".".join(out)


def _first_line(exc: Exception) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__


def _blame(data: dict, path: tuple, message: str, overrides: list[Override], resolved: list[tuple]) -> str:
    """Name the override a problem comes from (the last one whose path covers
    it); a problem elsewhere (a cross-reference the change broke) names them all."""
    for ov, where in reversed(list(zip(overrides, resolved))):
        if tuple(path[: len(where)]) == where or tuple(where[: len(path)]) == tuple(path):
            return f"{ov}: {named(data, path)}: {message}"
    return f"after {', '.join(map(str, overrides))}: {named(data, path)}: {message}"


def _assign(data: dict, path: str, value: object) -> tuple:
    segments = path.split(".")
    node: object = data
    trail: list = []
    while True:
        key, used = _step(node, segments, named(data, tuple(trail)))
        segments = segments[used:]
        if not segments:
            node[key] = value
            return tuple(trail + [key])
        child = node[key]
        if not isinstance(child, (dict, list)):
            where = named(data, tuple(trail + [key]))
            raise OverrideError([f"{where} is a single value ({child!r}), not a section with "
                                 f"'{segments[0]}'; set {where} whole"])
        trail.append(key)
        node = child


def _step(node: object, segments: list[str], here: str) -> tuple[object, int]:
    """The key (or list position) the next segments name, and how many segments it used."""
    top = not here
    here = here or "the file"
    if isinstance(node, dict):
        for n in range(len(segments), 0, -1):   # keys may contain dots too
            if ".".join(segments[:n]) in node:
                return ".".join(segments[:n]), n
        hint = did_you_mean(segments[0], [str(k) for k in node])
        if len(segments) > 1 or top or hint:
            # A near miss of an existing key is a typo, not a new key (the
            # model's own message for it is buried among union branches).
            raise OverrideError([f"{here} has no '{segments[0]}'" + (hint or f"; it has: {one_of(map(str, node))}")])
        return segments[0], 1   # a new key (a `typical:` not written yet): the model decides
    assert isinstance(node, list)
    ids = {item.get("id"): i for i, item in enumerate(node) if isinstance(item, dict) and "id" in item}
    for n in range(len(segments), 0, -1):
        name = ".".join(segments[:n])
        if name in ids:
            return ids[name], n
    if segments[0].isdigit() and int(segments[0]) < len(node):
        return int(segments[0]), 1
    if ids:
        hint = did_you_mean(segments[0], [str(i) for i in ids])
        raise OverrideError([f"{here} has no entry with id '{segments[0]}'"
                             + (hint or f"; its ids: {one_of(map(str, ids))}")])
    raise OverrideError([f"{here} is a list of {len(node)}; give a position from 0 to {len(node) - 1}, "
                         f"not '{segments[0]}'"])
