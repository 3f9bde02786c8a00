"""The MSEL's columns, as facilitators keep them in a spreadsheet, and the
scenario's injects as rows of those columns.

One row per inject. Lists (recipients, objectives) are comma-separated;
expected actions are one per line. Every text the players or evaluators
read has one column per language (`player text (fr)`), so nothing written
in another language is lost on the way through the sheet. A triggered
inject's time is its trigger in YAML flow style (`trigger {event:
rpm.alarm, delay: 5m}`), shown for reading: edit triggers in the scenario.
"""
from __future__ import annotations

import yaml

from simex.scenario.model import Inject, Scenario

NUMBER, TIME, FROM, TO, CHANNEL, TYPE = "number", "time", "from", "to", "channel", "type"
OBJECTIVE, NOTES = "objective", "controller notes"
SYNOPSIS, TEXT, EXPECTED = "synopsis", "player text", "expected action"
PER_LANGUAGE = (SYNOPSIS, TEXT, EXPECTED)
TRIGGER_PREFIX = "trigger "


def column(name: str, lang: str) -> str:
    return f"{name} ({lang})"


def languages(scenario: Scenario) -> list[str]:
    """The exercise's languages, then any other language an inject's text is written in."""
    found = list(scenario.exercise.languages)
    for inject in scenario.injects:
        for text in (inject.synopsis, inject.text, *inject.expected_actions):
            found += [lang for lang in text if lang not in found]
    return found


def header(langs: list[str]) -> list[str]:
    per = lambda name: [column(name, lang) for lang in langs]  # noqa: E731
    return [NUMBER, TIME, FROM, TO, CHANNEL, TYPE, *per(SYNOPSIS), *per(TEXT), *per(EXPECTED), OBJECTIVE, NOTES]


def wide(langs: list[str]) -> set[str]:
    return {column(name, lang) for name in PER_LANGUAGE for lang in langs} | {NOTES}


def time_cell(raw: dict) -> str:
    """`at` as the author wrote it, or the trigger in flow style."""
    if raw.get("at") is not None:
        return str(raw["at"])
    trigger = yaml.safe_dump(raw.get("trigger"), default_flow_style=True, sort_keys=False, allow_unicode=True,
                             width=10**6).strip()
    return TRIGGER_PREFIX + trigger


def cells(inject: Inject, raw: dict, langs: list[str]) -> dict[str, str]:
    """The row of one inject, by column; `raw` is the inject as read from YAML."""
    out = {NUMBER: inject.id, TIME: time_cell(raw), FROM: inject.from_, TO: ", ".join(inject.to),
           CHANNEL: inject.via, TYPE: inject.type, OBJECTIVE: ", ".join(inject.objectives),
           NOTES: inject.notes or ""}
    for lang in langs:
        out[column(SYNOPSIS, lang)] = inject.synopsis.get(lang, "")
        out[column(TEXT, lang)] = inject.text.get(lang, "")
        out[column(EXPECTED, lang)] = "\n".join(a.get(lang, "") for a in inject.expected_actions).strip("\n") \
            if any(lang in a for a in inject.expected_actions) else ""
    return out


def rows(scenario: Scenario, raw_injects: list[dict]) -> tuple[list[str], list[list[str]]]:
    langs = languages(scenario)
    head = header(langs)
    return head, [[cells(i, r, langs)[h] for h in head] for i, r in zip(scenario.injects, raw_injects)]
