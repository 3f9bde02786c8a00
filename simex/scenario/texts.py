"""Every player-facing text of a scenario, found from the model.

A field is player-facing when its type is `Text` (a plain string or a
mapping of language to string, simex.scenario.text): the walk reads the
pydantic fields, not a hand-kept list, so a new `Text` field is translated,
exported and checked for missing languages without touching this module.

Each text comes with two addresses:
- `path`: where it is in the YAML (keys and list indices), for the loader to
  locate it and for `simex translate import` to edit it;
- `context`: the same place written with the ids authors use
  (`injects[I03].text`, `agencies[customs].actions[rescan].title`), stable
  when injects are reordered or inserted, for translation files (msgctxt).
"""
from __future__ import annotations

import typing
from dataclasses import dataclass
from functools import cache
from typing import Iterator

from pydantic import BaseModel

from simex.scenario.fielddocs import field_docs
from simex.scenario.messages import shorthand_validators
from simex.scenario.text import _normalise


@dataclass(frozen=True)
class PlayerText:
    path: tuple            # YAML path: ('injects', 2, 'text')
    context: str           # stable path: 'injects[I03].text'
    text: dict             # {lang: string}, 'en' always present
    model: type            # the model class and field that hold it
    field: str

    @property
    def what(self) -> str:
        """The field's documentation: what it is and where it shows (read on
        demand: validating a file walks every text and never shows it)."""
        return field_docs(self.model).get(self.field, "").strip()


def player_texts(model: BaseModel) -> Iterator[PlayerText]:
    """Every Text in `model` (a Scenario, or any part of one), in file order."""
    yield from _walk(model, (), "")


def _walk(model: BaseModel, path: tuple, context: str) -> Iterator[PlayerText]:
    kinds = _text_fields(type(model))
    for name, info in type(model).model_fields.items():
        value = getattr(model, name)
        key = info.alias or name
        here = f"{context}.{key}" if context else key
        kind = kinds.get(name)
        if kind == "text" and value:
            yield PlayerText(path + (key,), here, value, type(model), name)
        elif kind == "texts":
            for i, text in enumerate(value):
                yield PlayerText(path + (key, i), f"{here}[{i}]", text, type(model), name)
        elif kind == "text_map":
            for k, text in value.items():
                yield PlayerText(path + (key, k), f"{here}[{k}]", text, type(model), name)
        elif isinstance(value, BaseModel):
            yield from _walk(value, path + (key,), here)
        elif isinstance(value, list):
            names = _item_names(value)
            for i, item in enumerate(value):
                if isinstance(item, BaseModel):
                    yield from _walk(item, path + (key, i), f"{here}[{names[i]}]")


def _item_names(items: list) -> list:
    """How each list item is named in a context: its id (or a parameter's
    name) when that is unique in the list, else its position."""
    names = [getattr(item, "id", None) or getattr(item, "name", None) for item in items]
    if any(not isinstance(n, str) for n in names) or len(set(names)) != len(names):
        return list(range(len(items)))
    return names


@cache
def _text_fields(model: type[BaseModel]) -> dict[str, str]:
    """Which fields hold a Text ('text'), a list of Texts ('texts') or a mapping to Texts ('text_map')."""
    kinds = {}
    for name, info in model.model_fields.items():
        if _normalise in shorthand_validators(info.annotation, info.metadata):
            kinds[name] = "text"
        elif typing.get_origin(info.annotation) is list:
            (item,) = typing.get_args(info.annotation)
            if _normalise in shorthand_validators(item, []):
                kinds[name] = "texts"
        elif typing.get_origin(info.annotation) is dict:   # a process's sentences per event
            item = typing.get_args(info.annotation)[1]
            if _normalise in shorthand_validators(item, []):
                kinds[name] = "text_map"
    return kinds
