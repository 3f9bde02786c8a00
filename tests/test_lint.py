"""`simex lint`: dry runs that warn scenario authors before the workshop."""
from __future__ import annotations

import copy
import subprocess
import sys

import yaml

from simex.batch.lint import dry_run
from tests.conftest import BORDER, ROOT

TEXT = BORDER.read_text(encoding="utf-8")


def messages(text: str, runs: int = 20) -> list[str]:
    return [p.message for p in dry_run(text, runs, seed=3)]


def variant(change) -> str:
    data = yaml.safe_load(TEXT)
    data = copy.deepcopy(data)
    change(data)
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True)


def test_border_scenario_warns_only_about_what_never_happens():
    found = dry_run(TEXT, 20, seed=3, filename="border.yaml")
    texts = [p.message for p in found]
    assert any(m.startswith("inject B01 never fired in 40 runs") for m in texts)
    assert all(p.severity == "warning" and p.file == "border.yaml" for p in found)
    b01 = next(p for p in found if "B01" in p.message)
    assert b01.path.startswith("injects[") and "- id: B01" in b01.source
    assert not any("never met" in m or "idle" in m for m in texts)


def test_an_impossible_deadline_is_never_met():
    def tighten(d):
        exp = next(e for e in d["doctrine"] if e["id"] == "EXP-NOTIFY-POLICE")
        exp["within"] = "30s"          # the radio alone takes 30 s to 3 min
    assert any(m.startswith("objective OBJ2 was never met in 20 runs") for m in messages(variant(tighten)))


def test_an_idle_agency_and_an_objective_nobody_exercises():
    def idle(d):
        d["agencies"].append({"id": "fire", "name": "Fire brigade", "jurisdiction": "ESTAVIA", "kind": "fire"})
        d["objectives"].append({"id": "OBJ9", "title": "Unused objective"})
    found = messages(variant(idle))
    assert any(m.startswith("agency fire never acted, sent or received anything") for m in found)
    assert any(m.startswith("objective OBJ9 was never exercised") for m in found)


def test_an_objective_even_weak_players_always_meet():
    def generous(d):
        for e in d["doctrine"]:
            if e["objective"] == "OBJ3":
                e["within"] = "5h"
    assert any(m.startswith("objective OBJ3 was met in all") for m in messages(variant(generous)))


def test_cli_prints_warnings_and_exits_zero(tmp_path):
    r = subprocess.run([sys.executable, "-m", "simex.cli", "lint", str(BORDER), "--runs", "10"],
                       cwd=ROOT, capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    assert "warning: inject B01 never fired" in r.stdout
    assert "from 20 dry runs" in r.stdout
    bad = tmp_path / "bad.yaml"
    bad.write_text(TEXT.replace("duration: 6h", "duration: soon"), encoding="utf-8")
    r = subprocess.run([sys.executable, "-m", "simex.cli", "lint", str(bad)], cwd=ROOT, capture_output=True, text=True)
    assert r.returncode == 1 and "cannot be dry-run" in r.stderr


def test_lint_and_sweep_commands_import_nothing_heavy():
    code = ("import sys, simex.cli; simex.cli.build_parser(); "
            "heavy = [m for m in ('distributed', 'dask', 'matplotlib', 'textual', 'simex.engine.exercise') "
            "if m in sys.modules]; print(heavy)")
    r = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert "distributed" not in r.stdout and "matplotlib" not in r.stdout and "'dask'" not in r.stdout, r.stdout


def test_validate_dry_run_adds_the_lint_warnings(tmp_path):
    """`simex validate --dry-run N` is the issue's name for `simex lint`: same warnings, exit 0."""
    import subprocess
    import sys

    from tests.conftest import ROOT

    scenario = ROOT / "scenarios" / "icsant-article7.yaml"
    plain = subprocess.run([sys.executable, "-m", "simex.cli", "validate", str(scenario)],
                           cwd=ROOT, capture_output=True, text=True)
    dry = subprocess.run([sys.executable, "-m", "simex.cli", "validate", "--dry-run", "10", str(scenario)],
                         cwd=ROOT, capture_output=True, text=True)
    assert plain.returncode == dry.returncode == 0
    assert "never" not in plain.stdout and "never" in dry.stdout
