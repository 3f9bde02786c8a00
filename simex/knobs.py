"""Live knobs: world parameters the facilitator turns during play, and the
one line of text that names such a change.

    traffic  PORTAL   120/h    conveyances per hour at a portal (0: no traffic)
    inspectors SERVICE 3       servers on duty at a service (0: nobody; the queue waits)
    backlog  SERVICE  5        that many more jobs join a service's queue now (a lab's routine samples)
    duration SERVICE  45m      each job started from now takes this long (a lab's turnaround)
    outage   CHANNEL  30m      the channel is down that long from now: messages wait (0: restored)
    delay    CHANNEL  10m      every message sent from now takes that much longer (0: no added delay)

A change may end with `at T` (02:30:00 or 2h30m): when it happens, for a
counterfactual (`simex whatif --change`). `parse_knob` reads such a line,
`format_knob` writes it back, and both agree (`format_knob(*parse_knob(s))`
reads back the same). The engine applies a change as the `set_knob` command
(simex/engine/knobs.py), checked with `problem` first, so a refused value is
never journaled. Nothing here imports the engine.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from simex.durations import parse_duration, parse_time
from simex.languages import translator
from simex.words import N_, Listed, Say

WEEK = 7 * 86400.0


@dataclass(frozen=True)
class Knob:
    name: str
    target: str        # what it turns: a world process type, or "channel"
    unit: str          # "rate" (per hour), "count" (a whole number) or "duration" (seconds)
    low: float
    high: float


KNOBS = {k.name: k for k in (
    Knob("traffic", "portal_monitor", "rate", 0, 10000),
    Knob("inspectors", "service", "count", 0, 1000),
    Knob("backlog", "service", "count", 1, 1000),
    Knob("duration", "service", "duration", 1, WEEK),
    Knob("outage", "channel", "duration", 0, WEEK),
    Knob("delay", "channel", "duration", 0, WEEK),
)}


class KnobChange(NamedTuple):
    knob: str
    target: str
    value: float
    at: float | None = None


def problem(knob: str, value: float, lang: str = "en") -> str | None:
    """Why `value` cannot be set on `knob` (in plain words, in `lang`), or None."""
    wrong = problem_said(knob, value)
    return None if wrong is None else wrong(translator(lang))


def problem_said(knob: str, value: float) -> Say | None:
    """The same, as a sentence each reader is told in their language (a
    set_knob refusal carries it whole, simex/engine/knobs.py)."""
    spec = KNOBS.get(knob)
    if spec is None:
        return Say(N_("no knob {knob!r}; the knobs: {knobs}"), knob=knob, knobs=Listed(KNOBS, limit=len(KNOBS)))
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value != value:
        return Say(N_("{knob} needs a number"), knob=knob)
    if spec.unit == "count" and value != int(value):
        return Say(N_("{knob} is a whole number, not {value:g}"), knob=knob, value=value)
    if not spec.low <= value <= spec.high:
        return Say(N_("{knob} must be between {low} and {high}, not {value}"),
                   knob=knob, low=_shown(spec, spec.low), high=_shown(spec, spec.high), value=_shown(spec, value))
    return None


def parse_knob(text: str, lang: str = "en") -> KnobChange:
    """`traffic rpm 120/h`, `outage customs-police-radio 30m at 01:00:00`...
    Raises ValueError naming the word that is wrong."""
    t = translator(lang)
    words = text.split()
    at = None
    if len(words) == 5 and words[3] == "at":
        try:
            at = parse_time(words[4])
        except ValueError as exc:
            raise ValueError(_where(t, text, 5, str(exc))) from None
        words = words[:3]
    if len(words) != 3:
        raise ValueError(t.gettext("{text!r}: a knob change is KNOB TARGET VALUE [at TIME], e.g. "
                                   "'traffic rpm 120/h'").format(text=text))
    knob, target, written = words
    spec = KNOBS.get(knob)
    if spec is None:
        raise ValueError(_where(t, text, 1, problem(knob, 0, lang)))
    try:
        value = _read(spec, written)
    except ValueError:
        example = {"rate": "120/h", "count": "3", "duration": "30m"}[spec.unit]
        raise ValueError(_where(t, text, 3, t.gettext("{knob} takes a value like {example}, not {value!r}")
                                .format(knob=knob, example=example, value=written))) from None
    wrong = problem(knob, value, lang)
    if wrong:
        raise ValueError(_where(t, text, 3, wrong))
    return KnobChange(knob, target, value, at)


def format_knob(knob: str, target: str, value: float, at: float | None = None) -> str:
    """The line `parse_knob` reads back as the same change."""
    text = f"{knob} {target} {_shown(KNOBS[knob], value)}"
    if at is not None:
        whole = int(round(at))
        text += f" at {whole // 3600:02d}:{whole % 3600 // 60:02d}:{whole % 60:02d}"
    return text


def sentence(knob: str, target: str, value: float, lang: str = "en") -> str:
    """What the timeline says: "Facilitator set traffic at rpm to 120/h"."""
    t = translator(lang)
    from simex.durations import format_duration

    n = int(value)
    match knob:
        case "traffic":
            return t.gettext("Facilitator set traffic at {target} to {rate:g}/h").format(target=target, rate=value)
        case "inspectors":
            return t.gettext("Facilitator set {target} to {n} on duty").format(target=target, n=n)
        case "backlog":
            return t.ngettext("Facilitator added {n} job to the queue at {target}",
                              "Facilitator added {n} jobs to the queue at {target}", n).format(target=target, n=n)
        case "duration":
            return t.gettext("Facilitator set each job at {target} to take {duration}").format(
                target=target, duration=format_duration(value))
        case "outage" if value:
            return t.gettext("Facilitator took channel {target} down for {duration}").format(
                target=target, duration=format_duration(value))
        case "outage":
            return t.gettext("Facilitator restored channel {target}").format(target=target)
        case "delay" if value:
            return t.gettext("Facilitator added {duration} of delay to channel {target}").format(
                target=target, duration=format_duration(value))
        case "delay":
            return t.gettext("Facilitator removed the added delay on channel {target}").format(target=target)
    return f"{knob} {target} {value:g}"


def _read(spec: Knob, written: str) -> float:
    if spec.unit == "rate":
        return float(written.removesuffix("/h"))
    if spec.unit == "count":
        return float(int(written))
    return parse_duration(written)


def _shown(spec: Knob, value: float) -> str:
    if spec.unit == "rate":
        return f"{value:g}/h"
    if spec.unit == "count":
        return str(int(value))
    whole = int(value)
    if whole != value:
        return f"{value:g}s"
    parts = [(whole // 3600, "h"), (whole % 3600 // 60, "m"), (whole % 60, "s")]
    return "".join(f"{n}{unit}" for n, unit in parts if n) or "0s"


def _where(t, text: str, word: int, message: str) -> str:
    return t.gettext("{text!r}, word {word}: {message}").format(text=text, word=word, message=message)
