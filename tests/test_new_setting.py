"""An author writes a new setting in YAML alone: docs/scenario-format.md
shows a seaport's container gate (container portals with opening hours, a
declared shipment, a neutron nuisance, a port authority, a reachback that
can be wrong, evidence found by the inspection, an inject that moves the
container on). The same file is tests/data/seaport.yaml: it validates
without a problem and runs."""
from __future__ import annotations

import re

from simex.engine.exercise import Exercise
from simex.scenario.loader import check_text, load_scenario
from simex.scenario.problems import format_text
from tests.conftest import ROOT

FIXTURE = ROOT / "tests" / "data" / "seaport.yaml"
DOC = ROOT / "docs" / "scenario-format.md"


def test_the_documented_setting_is_the_fixture():
    section = DOC.read_text(encoding="utf-8").split("## A new setting in YAML alone", 1)[1]
    block = re.search(r"^```yaml\n(.*?)^```", section, re.S | re.M)[1]
    assert block == FIXTURE.read_text(encoding="utf-8")


def test_the_seaport_validates_without_a_problem():
    _, problems = check_text(FIXTURE.read_text(encoding="utf-8"), str(FIXTURE))
    assert problems == [], format_text(problems)


def test_the_seaport_runs_and_tells_its_causes_apart():
    scenario = load_scenario(FIXTURE)
    ex = Exercise(scenario, bots="doctrine")
    ex.run_to_end()
    alarms = {e.facts["vehicle"]: e for e in ex.events if e.kind == "world" and e.name == "alarm"}
    assert {e.facts["conveyance"] for e in alarms.values()} == {"container"}
    assert alarms["MSCU-4471021"].truth["cause"] == "licensed"
    assert alarms["TGHU-8830147"].truth["cause"] == "threat"
    opening = 6 * 3600 - 8 * 3600   # 06:00 local is before STARTEX (08:00): open all exercise
    assert all(e.t >= opening for e in alarms.values())
    found = [e for e in ex.events if e.kind == "world" and e.process == "evidence"]
    assert [e.facts["item"] for e in found] == ["EV1"]


def test_unheld_the_scrap_container_is_moved_on():
    """Nobody plays customs: the hold is missed, the contingency inject moves
    the container off the gate, and an inspection asked afterwards finds it gone."""
    scenario = load_scenario(FIXTURE)
    ex = Exercise(scenario, bot_agencies=())
    ex.run_to_end()
    left = [(e.t, e.facts["vehicle"]) for e in ex.events if e.kind == "world" and e.name == "left"]
    assert left == [(3 * 3600 + 600, "TGHU-8830147")]
