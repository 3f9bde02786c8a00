"""Every number the engine computes with has a sensible range, checked at load.

A file that validates must run: `distance_m: 1e308` once passed `simex
validate` and then raised OverflowError in the middle of the exercise. So
each physical or procedural number is bounded, and a value outside says the
range and its unit, on its line, like any other problem.
"""
from __future__ import annotations

import types
import typing

import pytest

from simex.scenario.distributions import is_duration
from simex.scenario.loader import check_text
from simex.scenario.quantities import limits_of
from simex.scenario.schema import _models
from tests.conftest import BORDER, ROOT

RDD = ROOT / "scenarios" / "rdd-response.yaml"


def problems_after(path, old: str, new: str):
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"not unique in {path.name}: {old!r}"
    text = text.replace(old, new)
    line = text[: text.index(new)].count("\n") + 1
    scenario, problems = check_text(text, path.name)
    assert scenario is None
    return line, [(p.line, p.path, p.message) for p in problems if p.is_error]


# (file, text, replacement, path, message)
OUT_OF_RANGE = [
    (RDD, "distance_m: 20\n", "distance_m: 1e308\n", "world[0].teams[0].distance_m",
     "must be between 0.1 and 100000 m, got 1e308"),
    (RDD, "activity_tbq: 30\n", "activity_tbq: 1e300\n", "world[0].activity_tbq",
     "must be more than 0 and at most 1000000 TBq, got 1e300"),
    (RDD, "report_every: 30m", "report_every: 0", "world[0].report_every",
     "must be between 1 min and 1 d, got 0 s"),
    (RDD, "distance_m: 30, deposition_uSv_h: 1500", "distance_m: 30, deposition_uSv_h: .inf",
     "world[0].points[0].deposition_uSv_h", "must be a finite number between 0 and 1000000000 µSv/h"),
    (BORDER, "vehicles_per_hour: 60", "vehicles_per_hour: 1e-308", "world[0].vehicles_per_hour",
     "must be between 0.001 and 10000 per hour, got 1e-308"),
    (BORDER, "background_uSv_h: 0.085", "background_uSv_h: .nan", "world[0].background_uSv_h",
     "must be a finite number between 0.01 and 10 µSv/h"),
    (BORDER, "count_time_s: 2", "count_time_s: 1e-320", "world[0].count_time_s",
     "must be between 0.1 and 60 s, got 1e-320"),
    (BORDER, "        distance_m: 2\n", "        distance_m: 1e-200\n", "world[0].threats[0].distance_m",
     "must be between 0.1 and 20 m, got 1e-200"),
    (BORDER, "officer_distance_m: 0.5", "officer_distance_m: 0", "world[1].officer_distance_m",
     "must be between 0.1 and 100 m, got 0"),
    (BORDER, "  duration: 6h\n", "  duration: 1e308\n", "exercise.duration",
     f"a duration is at most 366 d, got {1e308:g} s"),
    (BORDER, "  seed: 7\n", "  preroll: 30d\n  seed: 7\n", "exercise.preroll", "must be between 0 s and 7 d, got 30 d"),
    (BORDER, "  seed: 7\n", "  seed: 99999999999999999999999\n", "exercise.seed",
     "must be between 0 and 9223372036854775807, got 99999999999999999999999"),
    (BORDER, "startex: 2026-03-17T07:00:00+02:00", "startex: 9999-12-31T23:00:00+02:00", "exercise.startex",
     "STARTEX must fall between the years 1900 and 2200"),
]


@pytest.mark.parametrize("path, old, new, where, message", OUT_OF_RANGE,
                         ids=[case[3] for case in OUT_OF_RANGE])
def test_a_number_out_of_range_names_the_range_on_its_line(path, old, new, where, message):
    line, errors = problems_after(path, old, new)
    assert (line, where, message) in errors, errors


HUGE = "9" * 400   # a whole number no float can hold; found by tools/fuzz_scenarios.py
TOO_LONG = "9" * 5000  # more digits than Python converts to a number at all

HUGE_NUMBERS = [
    ("  duration: 6h\n", f"  duration: {HUGE}\n", "exercise.duration",
     "a duration is far too long, got 999999999999... (400 digits) s"),
    ("        distance_m: 2\n", f"        distance_m: {HUGE}\n", "world[0].threats[0].distance_m",
     "must be between 0.1 and 20 m, got 999999999999... (400 digits)"),
    ("lanes: 4", f"lanes: {HUGE}", "world[0].lanes", "must be between 1 and 50, got 999999999999... (400 digits)"),
    ("  seed: 7\n", f"  seed: {TOO_LONG}\n", "exercise.seed", f"'{'9' * 57}...' is not a valid int (too many digits)"),
]


@pytest.mark.parametrize("old, new, where, message", HUGE_NUMBERS, ids=[case[2] for case in HUGE_NUMBERS])
def test_a_number_with_hundreds_of_digits_is_out_of_range_in_a_short_message(old, new, where, message):
    line, errors = problems_after(BORDER, old, new)
    assert (line, where, message) in errors, errors


def test_an_overlong_time_zone_is_an_unknown_zone_not_an_internal_error():
    line, errors = problems_after(BORDER, "timezone: Europe/Vienna", "timezone: " + "A" * 5000)
    assert errors == [(line, "jurisdictions[2].timezone",
                       f"unknown time zone '{'A' * 57}...'; use an IANA name like 'Europe/Paris'")]


def _numbers(annotation) -> bool:
    """Whether a field holds numbers (alone, optional, or in a list)."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _numbers(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType, list):
        members = [a for a in typing.get_args(annotation) if a is not type(None)]
        return bool(members) and all(_numbers(a) for a in members)
    return annotation in (float, int)


def test_every_number_in_the_format_is_bounded():
    """A new number added to the format without a range fails here, not in an exercise."""
    numbers, unbounded = [], []
    for name, model in _models().items():
        for field, info in model.model_fields.items():
            if not _numbers(info.annotation) or (name, field) == ("Scenario", "simex"):
                continue  # the format version is compared, never computed with
            numbers.append(f"{name}.{field}")
            if not is_duration(info) and limits_of(info.annotation, info.metadata) is None:
                unbounded.append(f"{name}.{field}")
    assert len(numbers) > 40 and "Empirical.weights" in numbers
    assert unbounded == []
