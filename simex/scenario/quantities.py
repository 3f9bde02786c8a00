"""Bounded numbers: every number the engine computes with has a range.

A number that validates must be one the engine can compute with. `distance_m:
1e308` once validated and then overflowed in the middle of an exercise; a
distance of 1e-200 m underflows to zero and divides by it. So each physical
or procedural number in the format is declared with `between(low, high,
unit)`: the JSON Schema carries the range, and `messages.py` states it with
the unit when a value falls outside ("must be between 0.1 and 100000 m").
The ranges are generous physical bounds, not advice.
"""
from __future__ import annotations

import types
import typing
from dataclasses import dataclass
from typing import Annotated

from annotated_types import Ge, Gt, Le, Lt
from pydantic import Field

from simex.durations import digits
from simex.words import N_, Say


@dataclass(frozen=True)
class Unit:
    """The unit a bounded number is in, named in its error message."""

    symbol: str


@dataclass(frozen=True)
class Limits:
    low: float
    high: float
    unit: str = ""
    above: bool = False     # low itself is excluded (an activity of 0 is no source)

    def __str__(self) -> str:
        return str(self.words())

    def words(self) -> Say:
        """The range in simex's words; the unit symbol (uSv/h, TBq) stays as it is."""
        unit = f" {self.unit}" if self.unit else ""
        # Translators: completes "must be ...": e.g. "must be between 0 and 1 TBq"
        template = N_("more than {low} and at most {high}{unit}") if self.above else \
            N_("between {low} and {high}{unit}")
        return Say(template, low=number(self.low), high=number(self.high), unit=unit)


def between(low: float, high: float, unit: str = "", *, above: bool = False, kind: type = float):
    """A number from `low` (excluded if `above`) to `high`, in `unit`."""
    return Annotated[kind, Field(gt=low) if above else Field(ge=low), Field(le=high), Unit(unit)]


def number(value: float) -> str:
    """100000 and 0.1 as an author writes them, not 1e+05; 400 digits shortened."""
    if isinstance(value, int):
        return digits(value)
    if value.is_integer() and abs(value) < 1e16:
        return str(int(value))
    text = f"{value:f}".rstrip("0").rstrip(".")
    return text if 1e-6 <= abs(value) < 1e16 else f"{value:g}"


def limits_of(annotation: object, metadata: typing.Iterable = ()) -> Limits | None:
    """The range declared on a field (found inside Optional and list too), or None."""
    low = high = None
    unit, above = "", False
    for m in metadata_of(annotation, metadata):
        if isinstance(m, Ge):
            low = m.ge
        elif isinstance(m, Gt):
            low, above = m.gt, True
        elif isinstance(m, (Le, Lt)):
            high = m.le if isinstance(m, Le) else m.lt
        elif isinstance(m, Unit):
            unit = m.symbol
    if low is None or high is None:
        return None
    return Limits(low, high, unit, above)


def metadata_of(annotation: object, metadata: typing.Iterable = ()) -> list:
    """Every constraint and marker on a type, flattened out of Annotated, Optional and list."""
    out = []
    for m in metadata:
        out.append(m)
        out += list(getattr(m, "metadata", ()) or ())   # a Field(...) inside Annotated
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin is Annotated:
        out += metadata_of(args[0], annotation.__metadata__)
    elif origin in (typing.Union, types.UnionType, list):
        for arg in args:
            out += metadata_of(arg)
    return out
