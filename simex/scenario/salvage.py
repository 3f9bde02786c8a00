"""Let the whole-file checks run even when some values are wrong.

When the model rejects a file, the cross-reference checks (unknown agency,
time after ENDEX, unreachable notification...) would otherwise wait for the
next run, and an author fixes a file in rounds. Here a copy of the data is
repaired just enough to validate: unknown keys dropped, a bad choice
replaced by an allowed one, a bad value removed (its default applies) or
replaced by a placeholder, and as a last resort the list item dropped. The
repaired scenario is only used for checking; problems the repairs could
cause (an id that was dropped) are filtered out by the caller.
"""
from __future__ import annotations

import copy
import re

from pydantic import ValidationError

from simex.scenario.model import Scenario

_TEXT = {"title", "synopsis", "text", "summary", "name", "description", "cargo"}
_ROUNDS = 4


def _strings(value, found: set[str]) -> set[str]:
    if isinstance(value, str):
        found.add(value)
    elif isinstance(value, dict):
        for v in value.values():
            _strings(v, found)
    elif isinstance(value, list):
        for v in value:
            _strings(v, found)
    return found


def salvage(data: dict, errors: list[dict]) -> tuple[Scenario | None, set[str]]:
    """A scenario validated from a repaired copy (or None), and every name the
    dropped list items held (ids and references): a check problem naming one
    of them may only be a consequence of the repair."""
    fixed = copy.deepcopy(data)
    dropped: set[str] = set()
    for _ in range(_ROUNDS):
        removals: list[tuple[list, int]] = []
        for error in errors:
            _repair(fixed, error, removals, dropped)
        for container, index in sorted(removals, key=lambda r: -r[1]):
            if 0 <= index < len(container):
                _strings(container.pop(index), dropped)
        try:
            return Scenario.model_validate(fixed), dropped
        except ValidationError as exc:
            errors = exc.errors(include_url=False)
    return None, dropped


def _walk(data, loc):
    """(parent, key, list-item owner) of the deepest part of `loc` present in the data."""
    parent, key, item = None, None, None
    node = data
    for seg in loc:
        if isinstance(node, dict) and seg in node:
            parent, key, node = node, seg, node[seg]
        elif isinstance(node, list) and isinstance(seg, int) and 0 <= seg < len(node):
            item = (node, seg)
            parent, key, node = node, seg, node[seg]
        # otherwise a discriminator tag or validator name: skip it
    return parent, key, item


def _repair(data: dict, error: dict, removals: list, dropped: set) -> None:
    loc = tuple(error["loc"])
    parent, key, item = _walk(data, loc)
    kind = error["type"]
    if kind == "extra_forbidden" and isinstance(parent, dict):
        parent.pop(key, None)
        return
    if kind == "missing":
        name = loc[-1] if loc else None
        target = _walk(data, loc[:-1])[0]
        holder = target[_walk(data, loc[:-1])[1]] if target is not None else data
        if isinstance(holder, dict) and name in _TEXT:
            holder[name] = "?"
            return
        if item is not None:
            removals.append(item)
        return
    if kind in ("literal_error", "enum") and isinstance(parent, (dict, list)):
        choices = re.findall(r"'([^']*)'", str(error.get("ctx", {}).get("expected", "")))
        if choices:
            parent[key] = choices[0]
            return
    if isinstance(parent, dict) and key not in ("id",):
        if key in _TEXT:
            parent[key] = "?"
        else:
            # Its default applies; if it had none, the next round drops the item.
            _strings(parent.pop(key, None), dropped)
        return
    if item is not None:
        removals.append(item)
