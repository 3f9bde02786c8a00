"""Scenario time: seconds since STARTEX, written by authors as "1h30m".

Authors think in minutes and hours, the engine in seconds (floats, because
distributions draw real numbers). This module is the one place that converts.
"""
from __future__ import annotations

import re

from simex.words import N_, Say

_UNITS = {"d": 86400.0, "h": 3600.0, "min": 60.0, "m": 60.0, "s": 1.0}
# "min" before "m": format_duration writes "51 min 29 s" and this reads it back.
_PART = re.compile(r"(\d+(?:\.\d+)?)\s*(min|[dhms])")
_WHOLE = re.compile(r"^\s*-?\s*(?:\d+(?:\.\d+)?\s*(?:min|[dhms])\s*)+$")


def parse_duration(value: object) -> float:
    """Seconds from "90s", "15m", "1h30m", "2d", "+1h" or a bare number of seconds.

    Raises ValueError with a message an author can act on.
    """
    if isinstance(value, bool):
        raise ValueError(_expected(repr(value)))
    if isinstance(value, (int, float)):
        if value != value or value in (float("inf"), float("-inf")):
            raise ValueError(Say(N_("a duration must be a finite number, got {got}"), got=repr(value)))
        if value < 0:
            raise ValueError(_negative(digits(value) if isinstance(value, int) else value))
        if value >= 1e300:  # an int of hundreds of digits: no float holds it
            raise ValueError(Say(N_("a duration is far too long, got {got} s"), got=digits(value)))
        return float(value)
    if not isinstance(value, str):
        raise ValueError(_expected(_shown(value)))
    text = value.strip().lstrip("+")
    if text.startswith("-"):
        raise ValueError(_negative(_shown(value)))
    if text and _WHOLE.match(text):
        return sum(float(n) * _UNITS[u] for n, u in _PART.findall(text))
    try:
        number = float(text)
        if number != number or number in (float("inf"), float("-inf")):
            raise ValueError
    except ValueError:
        raise ValueError(Say(N_("expected a duration like '45s', '15m', '1h30m' or '2d', got {got}"),
                             got=_shown(value))) from None
    if number < 0:
        raise ValueError(_negative(_shown(value)))
    return number


# A ValueError's argument is a Say (simex.words): str() is English, and
# `simex validate` says it in the author's language.
def _expected(got: str) -> Say:
    return Say(N_("expected a duration like '15m' or '1h30m', got {got}"), got=got)


def _negative(got: object) -> Say:
    return Say(N_("a duration cannot be negative, got {got}"), got=got)


def _shown(value: object) -> str:
    """The value in a message: a mapping or a list named, long text cut."""
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, str) and len(value) > 60:
        return repr(value[:57] + "...")
    return repr(value)


def digits(value: int | float) -> str:
    """A number for a message: 1e+308 as is, a whole number of 400 digits shortened."""
    if isinstance(value, float):
        return f"{value:g}"
    text = str(value)
    return text if len(text) <= 30 else f"{text[:12]}... ({len(text)} digits)"


def format_duration(seconds: float) -> str:
    """A duration as people write it: "37 s", "51 min 29 s", "2 h 09 min", "3 d 04 h".

    The one rendering of a duration for people (timelines, reports, consoles,
    messages). Precision falls with size, because nobody reads the seconds of a
    two-hour delay; the exact value stays in the journal. `parse_duration`
    reads back every form this writes but "< 1 s".
    """
    sign, parts = duration_parts(seconds)
    if not parts:
        return sign + "< 1 s"
    # Every part after the first is zero-padded ("2 h 09 min") so columns of durations line up.
    return sign + " ".join(f"{n:02d} {unit}" if i else f"{n} {unit}" for i, (n, unit) in enumerate(parts))


def duration_parts(seconds: float) -> tuple[str, list[tuple[int, str]]]:
    """The sign and the (number, unit) pairs format_duration shows, units
    d, h, min, s; no pair for a duration under a second but not zero."""
    sign = "-" if seconds < 0 else ""
    rest = abs(seconds)
    total = round(rest)
    if total < 60:
        return sign, [] if total == 0 and rest > 0 else [(total, "s")]
    if total < 3600:
        minutes, secs = divmod(total, 60)
        return sign, [(minutes, "min"), (secs, "s")] if secs else [(minutes, "min")]
    minutes = round(rest / 60)
    if minutes < 1440:
        hours, mins = divmod(minutes, 60)
        return sign, [(hours, "h"), (mins, "min")] if mins else [(hours, "h")]
    days, rem = divmod(minutes, 1440)
    hours, mins = divmod(rem, 60)
    if mins:
        return sign, [(days, "d"), (hours, "h"), (mins, "min")]
    return sign, [(days, "d"), (hours, "h")] if hours else [(days, "d")]


def format_clock(seconds: float) -> str:
    """Exercise clock as facilitators read it: T+01:30:00 (days shown as +1d)."""
    sign = "-" if seconds < 0 else "+"
    total = int(round(abs(seconds)))
    days, rem = divmod(total, 86400)
    h, rem = divmod(rem, 3600)
    m, s = divmod(rem, 60)
    day = f"{days}d " if days else ""
    return f"T{sign}{day}{h:02d}:{m:02d}:{s:02d}"


_CLOCK = re.compile(r"^\s*(?:T\s*\+\s*)?(\d+):([0-5]\d)(?::([0-5]\d(?:\.\d+)?))?\s*$")


def parse_time(value: str) -> float:
    """A moment of scenario time, as the clock shows it ("T+02:30:00", "02:30:00",
    "02:30") or as a duration since STARTEX ("2h30m"). Raises ValueError."""
    match = _CLOCK.match(value) if isinstance(value, str) else None
    if match:
        hours, minutes, seconds = match.groups()
        return int(hours) * 3600.0 + int(minutes) * 60.0 + float(seconds or 0)
    try:
        return parse_duration(value)
    except ValueError:
        raise ValueError(Say(N_("expected a scenario time like '02:30:00' or '2h30m', got {got}"),
                             got=_shown(value))) from None
