"""Language coverage: every player-facing text in every language the
exercise is run in. Missing translations are warnings, not errors: the
screen falls back to English, and a draft is often translated last."""
from __future__ import annotations

import typing
from functools import cache
from typing import TYPE_CHECKING

from pydantic import BaseModel

from simex.scenario.messages import shorthand_validators
from simex.scenario.text import _normalise, missing_languages

if TYPE_CHECKING:
    from simex.scenario.checks import Findings


def check_languages(f: "Findings") -> None:
    wanted = tuple(f.s.exercise.languages)
    if set(wanted) <= {"en"}:
        return  # English is always there: the model requires it
    _walk(f, f.s, (), wanted)


def _walk(f: "Findings", model: BaseModel, path: tuple, wanted: tuple[str, ...]) -> None:
    kinds = _text_fields(type(model))
    for name, info in type(model).model_fields.items():
        value = getattr(model, name)
        key = info.alias or name
        kind = kinds.get(name)
        if kind == "text" and value:
            _report(f, path + (key,), value, wanted)
        elif kind == "texts":
            for i, text in enumerate(value):
                _report(f, path + (key, i), text, wanted)
        elif kind == "text_map":
            for k, text in value.items():
                _report(f, path + (key, k), text, wanted)
        elif isinstance(value, BaseModel):
            _walk(f, value, path + (key,), wanted)
        elif isinstance(value, list):
            for i, item in enumerate(value):
                if isinstance(item, BaseModel):
                    _walk(f, item, path + (key, i), wanted)


def _report(f: "Findings", path: tuple, text: dict, wanted: tuple[str, ...]) -> None:
    missing = missing_languages(text, wanted)
    if missing:
        names = " or ".join(f"'{lang}'" for lang in missing)
        f.warn(path, f"no {names} text (exercise.languages lists {'it' if len(missing) == 1 else 'them'})")


@cache
def _text_fields(model: type[BaseModel]) -> dict[str, str]:
    """Which fields hold a Text ('text') or a list of Texts ('texts')."""
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
