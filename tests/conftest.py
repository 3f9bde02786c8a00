"""Shared fixtures: the bundled border scenario and a small scenario factory.

Engine tests build scenarios from Python dicts so each test states only what
it is about; `make_scenario(injects=[...])` fills in the rest.
"""
from __future__ import annotations

import copy
import os
from pathlib import Path

import pytest

from simex.engine.exercise import Exercise
from simex.scenario.model import Scenario

# Command messages follow the user's locale (simex.commands._lang); the tests
# read English whatever the machine's locale, in this process and in every
# `simex` it starts.
os.environ["SIMEX_LANG"] = "en"

ROOT = Path(__file__).resolve().parent.parent
BORDER = ROOT / "scenarios" / "border-detection.yaml"

BASE = {
    "simex": 1,
    "exercise": {"id": "t", "title": "Test", "summary": "Test", "type": "tabletop",
                 "startex": "2026-03-17T07:00:00+00:00", "duration": "6h", "seed": 1},
    "objectives": [{"id": "O1", "title": "Objective", "critical_tasks": [{"id": "CT1", "title": "Task"}]}],
    "jurisdictions": [{"id": "A", "name": "A", "timezone": "UTC"}],
    "agencies": [
        {"id": "customs", "name": "Customs", "jurisdiction": "A", "kind": "customs",
         "actions": [{"id": "inspect", "title": "Inspect", "params": [{"name": "vehicle"}]},
                     {"id": "hold", "title": "Hold", "params": [{"name": "vehicle"}]}]},
        {"id": "police", "name": "Police", "jurisdiction": "A", "kind": "police",
         "actions": [{"id": "lead", "title": "Lead"}]},
        {"id": "lab", "name": "Lab", "jurisdiction": "A", "kind": "forensics_lab"},
    ],
    "channels": [
        {"id": "c-p", "between": ["customs", "police"], "medium": "phone", "delay": "2m"},
        {"id": "c-l", "between": ["customs", "lab"], "medium": "secure_email", "delay": "5m"},
    ],
}


def make_scenario(**sections) -> Scenario:
    data = copy.deepcopy(BASE)
    for key, value in sections.items():
        if key == "exercise":
            data["exercise"].update(value)
        else:
            data[key] = value
    return Scenario.model_validate(data)


@pytest.fixture
def border():
    from simex.scenario.loader import load_scenario

    return load_scenario(BORDER)


def run(scenario: Scenario, until: float | None = None, **kwargs) -> Exercise:
    ex = Exercise(scenario, **kwargs)
    ex.start()
    ex.advance_to(scenario.exercise.duration if until is None else until)
    return ex


def transcript(ex: Exercise, *kinds: str) -> list[tuple]:
    """(minute, kind, main subject) for the events of the given kinds."""
    out = []
    for e in ex.events:
        kind = e.selector if e.kind == "world" else e.kind
        if kinds and kind not in kinds:
            continue
        subject = (getattr(e, "inject", None) or getattr(e, "instance", None) or getattr(e, "action", None)
                   or getattr(e, "message", None) or e.get("vehicle") or "")
        out.append((round(e.t / 60, 2), kind, subject))
    return out


def journal_run(path: Path, scenario_path: Path = BORDER, *, seed: int = 7, bots: str = "weak") -> Path:
    """A finished exercise journaled at `path`, every agency played by `bots`
    (`weak`: late and missed expectations, mis-routes: every report section has content)."""
    from simex.journal import Journal, run_meta
    from simex.scenario.loader import load_scenario

    scenario = load_scenario(scenario_path)
    agencies = tuple(a.id for a in scenario.agencies)
    sink = Journal(path, meta=run_meta(scenario_path.read_text(encoding="utf-8"), str(scenario_path), seed, bots,
                                       agencies))
    Exercise(scenario, seed=seed, bots=bots, bot_agencies=agencies, sink=sink).run_to_end()
    sink.close()
    return path


def simex_cli(*args):
    """`simex ARGS...` in a child process from the repository root: (returncode, stdout, stderr)."""
    import subprocess
    import sys

    return subprocess.run([sys.executable, "-m", "simex.cli", *map(str, args)], cwd=ROOT,
                          capture_output=True, text=True)
