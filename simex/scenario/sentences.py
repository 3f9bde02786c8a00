"""Sentence templates: how an action or a world event reads in a timeline.

An author may give an action a `sentence` ("{agency} released vehicle
{vehicle}") and a world process a `sentences` mapping per event name. Both are
player-facing text, so they take the same {lang: text} form as titles. Without
one, an action reads from its title and a world event from the defaults below,
so every scenario reads well without edits.

Placeholders are checked at load (`placeholders`, `unknown_placeholders`): an
author learns of a typo in `{vehical}` before the exercise, not in the report.
"""
from __future__ import annotations

from string import Formatter

from simex.words import NOTHING, N_, Say

# What every world event template may name, besides the event's facts.
WORLD_COMMON = ("process", "observer")
# What every action template may name, besides the action's parameters.
ACTION_COMMON = ("agency", "title")

# The facts each built-in process type reports per event (simex/engine/world/).
# A service also reports its `key` and what it `reveals` (see `world_placeholders`).
_RIID = ("nuclide", "riid_class", "dose_rate_uSv_h", "officer_dose_uSv")
_DOSE = ("team", "dose_mSv", "turn_back_mSv")
FACTS: dict[str, dict[str, tuple[str, ...]]] = {
    "portal_monitor": {"alarm": ("vehicle", "conveyance", "lane", "gamma_sigma", "neutron", "channel", "manifest"),
                       "undetected": ("vehicle", "lane"), "left": ("vehicle", "conveyance", "lane")},
    "service": {"started": ("key", "waited_s"), "completed": ("key",) + _RIID, "absent": ("key",),
                "late": ("key", "turnaround_s", "took_s")},
    "legal_clock": {"started": ("deadline_s",), "warning": ("remaining_s",), "expired": ("deadline_s",),
                    "stopped": ("elapsed_s",)},
    "precedence": {"kept": ("after_s",), "broken": ()},
    "dose_field": {"measured": ("site", "point", "where", "dose_rate_uSv_h", "above_100uSv_h", "oil",
                                "recommended"),
                   "contour": ("site", "contour_100uSv_m"), "entered": ("team", "distance_m"),
                   "dose": _DOSE, "turn_back": _DOSE, "withdrawn": _DOSE, "exceeded": ("team", "turn_back_mSv"),
                   "changed": ("site", "shielding_hvl", "contour_100uSv_m"),
                   "moved": ("team", "from_m", "distance_m")},
}

# Defaults, written to start in lower case: a timeline capitalises the line,
# a trigger reads "after the portal alarm on lane 3 (RPM-00018)". They are
# simex's own words: English msgids, translated where they are read
# (simex.narrate, through simex.languages).
DEFAULTS: dict[str, dict[str, str]] = {
    "portal_monitor": {
        "alarm": N_("portal alarm on lane {lane} ({vehicle})"),
        "undetected": N_("{vehicle} crossed lane {lane} without an alarm"),
        "left": N_("{vehicle} left lane {lane} before it was cleared"),
    },
    "service": {
        "started": N_("{process} began for {key}"),
        "completed": N_("{process} finished for {key}"),
        "absent": N_("{process} could not be done: {key} was no longer there"),
        "late": N_("{process} for {key} took {took_s}, beyond its {turnaround_s} turnaround"),
    },
    "legal_clock": {
        "started": N_("{process} — clock started, {deadline_s} allowed"),
        "warning": N_("{process} — {remaining_s} left"),
        "expired": N_("{process} — the {deadline_s} ran out"),
        "stopped": N_("{process} — clock stopped after {elapsed_s}"),
    },
    "precedence": {
        "kept": N_("{process} — kept, {after_s} apart"),
        "broken": N_("{process} — NOT kept"),
    },
    "dose_field": {
        "measured": N_("{dose_rate_uSv_h} measured at {point}, {where}"),
        "contour": N_("the 100 µSv/h contour around {site} is at {contour_100uSv_m}"),
        "changed": N_("the source at {site} is now behind {shielding_hvl} half-value layers; the 100 µSv/h contour is at {contour_100uSv_m}"),
        "moved": N_("team {team} moved out from {from_m} to {distance_m}"),
        "entered": N_("team {team} went in, {distance_m} from the source"),
        "dose": N_("team {team} dose so far: {dose_mSv}"),
        "turn_back": N_("team {team} turned back at its {turn_back_mSv} turn-back dose"),
        "withdrawn": N_("team {team} came out, dose {dose_mSv}"),
        "exceeded": N_("team {team} went past its {turn_back_mSv} turn-back dose"),
    },
}
# A service event about no particular item ("{process} began"), where the
# default names one ("{process} began for {key}").
WITHOUT_KEY: dict[str, str] = {
    "started": N_("{process} began"),
    "completed": N_("{process} finished"),
    "late": N_("{process} took {took_s}, beyond its {turnaround_s} turnaround"),
}


def placeholders(template: str) -> list[str]:
    """The names a template uses, in order: "{agency} released {vehicle}" -> agency, vehicle.
    Raises ValueError for a template str.format cannot read (an unmatched brace)."""
    return [name for _, name, _, _ in Formatter().parse(template) if name is not None]


def unknown_placeholders(template: str, allowed: tuple[str, ...] | list[str]) -> list[str]:
    """Placeholders of `template` outside `allowed`; "{}" and "{0}" count as unknown."""
    return [name or "{}" for name in placeholders(template) if name not in allowed]


def world_placeholders(process) -> dict[str, tuple[str, ...]]:
    """Event name -> placeholders a world process's sentence may use."""
    events = FACTS.get(process.type, {})
    out = {}
    for name, facts in events.items():
        if process.type == "service":
            facts = tuple(f for f in facts if f != "key" and (f not in _RIID or process.riid)) + \
                ((process.key, "key") if process.key else ()) + tuple(process.reveals)
        out[name] = WORLD_COMMON + tuple(dict.fromkeys(facts))
    return out


def action_placeholders(action) -> tuple[str, ...]:
    return ACTION_COMMON + tuple(p.name for p in action.params)


def check_sentences(f) -> None:
    """Every placeholder of every sentence template names something the
    action or the event has; every `sentences` key is an event the process emits.
    `f` is the checks' Findings (simex/scenario/checks.py)."""
    for i, agency in enumerate(f.s.agencies):
        for j, action in enumerate(agency.actions):
            if action.sentence:
                _check(f, action.sentence, action_placeholders(action),
                       ("agencies", i, "actions", j, "sentence"),
                       Say(N_("action '{action}'"), action=action.id))
    for i, process in enumerate(f.s.world):
        allowed = world_placeholders(process)
        for event, template in process.sentences.items():
            path = ("world", i, "sentences", event)
            if event not in allowed:
                f.error(path, Say(N_("a {type} emits no '{event}' event; it emits: {events}{hint}"),
                                  type=process.type, event=event, events=list(allowed) or NOTHING,
                                  hint=f.hint(event, list(allowed))))
                continue
            _check(f, template, allowed[event], path,
                   Say(N_("'{process}' event '{event}'"), process=process.id, event=event))


def _check(f, template: dict[str, str], allowed: tuple[str, ...], path: tuple, what: Say) -> None:
    names = ", ".join("{" + a + "}" for a in allowed)
    for lang, text in template.items():
        where = f" ({lang})" if len(template) > 1 else ""
        try:
            unknown = unknown_placeholders(text, allowed)
        except ValueError as exc:   # str.format's own words: "Single '}' encountered ..."
            # Translators: {where} is empty or a language code in brackets, " (fr)"; {why} is Python's own English
            f.error(path, Say(N_("the sentence{where} cannot be read: {why}; write a literal brace as '{{{{' or '}}}}'"),
                              where=where, why=str(exc)))
            continue
        for name in dict.fromkeys(unknown):
            # Translators: {placeholder} is the author's {name}; {what} is e.g. "action 'detain'"; {names} lists {x}, {y}
            f.error(path, Say(N_("unknown placeholder {placeholder} in the sentence{where}; {what} has: {names}{hint}"),
                              placeholder="{" + name + "}", where=where, what=what, names=names,
                              hint=f.hint(name, list(allowed))))
