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
# a trigger reads "after the portal alarm on lane 3 (RPM-00018)".
DEFAULTS: dict[str, dict[str, dict[str, str]]] = {
    "portal_monitor": {
        "alarm": {"en": "portal alarm on lane {lane} ({vehicle})",
                  "fr": "alarme du portique voie {lane} ({vehicle})"},
        "undetected": {"en": "{vehicle} crossed lane {lane} without an alarm",
                       "fr": "{vehicle} a franchi la voie {lane} sans alarme"},
        "left": {"en": "{vehicle} left lane {lane} before it was cleared",
                 "fr": "{vehicle} a quitté la voie {lane} avant d'être libéré"},
    },
    "service": {
        "started": {"en": "{process} began for {key}", "fr": "{process} : début pour {key}"},
        "completed": {"en": "{process} finished for {key}", "fr": "{process} : terminé pour {key}"},
        "absent": {"en": "{process} could not be done: {key} was no longer there",
                   "fr": "{process} impossible : {key} n'était plus là"},
        "late": {"en": "{process} for {key} took {took_s}, beyond its {turnaround_s} turnaround",
                 "fr": "{process} pour {key} : {took_s}, au-delà du délai promis de {turnaround_s}"},
    },
    "legal_clock": {
        "started": {"en": "{process} — clock started, {deadline_s} allowed",
                    "fr": "{process} — le délai court, {deadline_s} accordé(es)"},
        "warning": {"en": "{process} — {remaining_s} left", "fr": "{process} — il reste {remaining_s}"},
        "expired": {"en": "{process} — the {deadline_s} ran out", "fr": "{process} — délai de {deadline_s} écoulé"},
        "stopped": {"en": "{process} — clock stopped after {elapsed_s}",
                    "fr": "{process} — délai arrêté après {elapsed_s}"},
    },
    "precedence": {
        "kept": {"en": "{process} — kept, {after_s} apart", "fr": "{process} — respecté, à {after_s} d'intervalle"},
        "broken": {"en": "{process} — NOT kept", "fr": "{process} — NON respecté"},
    },
    "dose_field": {
        "measured": {"en": "{dose_rate_uSv_h} measured at {point}, {where}",
                     "fr": "{dose_rate_uSv_h} mesurés en {point}, {where}"},
        "contour": {"en": "the 100 µSv/h contour around {site} is at {contour_100uSv_m}",
                    "fr": "le contour de 100 µSv/h autour de {site} est à {contour_100uSv_m}"},
        "changed": {"en": "the source at {site} is now behind {shielding_hvl} half-value layers; "
                            "the 100 µSv/h contour is at {contour_100uSv_m}",
                    "fr": "la source de {site} est maintenant derrière {shielding_hvl} couches de demi-atténuation ; "
                          "le contour de 100 µSv/h est à {contour_100uSv_m}"},
        "moved": {"en": "team {team} moved out from {from_m} to {distance_m}",
                  "fr": "l'équipe {team} s'est retirée de {from_m} à {distance_m}"},
        "entered": {"en": "team {team} went in, {distance_m} from the source",
                    "fr": "l'équipe {team} est entrée, à {distance_m} de la source"},
        "dose": {"en": "team {team} dose so far: {dose_mSv}", "fr": "dose de l'équipe {team} : {dose_mSv}"},
        "turn_back": {"en": "team {team} turned back at its {turn_back_mSv} turn-back dose",
                      "fr": "l'équipe {team} a fait demi-tour à sa dose de retour de {turn_back_mSv}"},
        "withdrawn": {"en": "team {team} came out, dose {dose_mSv}", "fr": "l'équipe {team} est sortie, dose {dose_mSv}"},
        "exceeded": {"en": "team {team} went past its {turn_back_mSv} turn-back dose",
                     "fr": "l'équipe {team} a dépassé sa dose de retour de {turn_back_mSv}"},
    },
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
                       ("agencies", i, "actions", j, "sentence"), f"action '{action.id}'")
    for i, process in enumerate(f.s.world):
        allowed = world_placeholders(process)
        for event, template in process.sentences.items():
            path = ("world", i, "sentences", event)
            if event not in allowed:
                f.error(path, f"a {process.type} emits no '{event}' event; it emits: "
                              f"{', '.join(allowed) or 'nothing'}{f.hint(event, list(allowed))}")
                continue
            _check(f, template, allowed[event], path, f"'{process.id}' event '{event}'")


def _check(f, template: dict[str, str], allowed: tuple[str, ...], path: tuple, what: str) -> None:
    names = ", ".join("{" + a + "}" for a in allowed)
    for lang, text in template.items():
        where = f" ({lang})" if len(template) > 1 else ""
        try:
            unknown = unknown_placeholders(text, allowed)
        except ValueError as exc:   # str.format's own words: "Single '}' encountered ..."
            f.error(path, f"the sentence{where} cannot be read: {exc}; write a literal brace as '{{{{' or '}}}}'")
            continue
        for name in dict.fromkeys(unknown):
            f.error(path, f"unknown placeholder {{{name}}} in the sentence{where}; {what} has: {names}"
                          f"{f.hint(name, list(allowed))}")
