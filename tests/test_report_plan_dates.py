"""The improvement plan round-trips through a spreadsheet: `--export-plan`
writes every HSEEP column, the facilitator edits it, `--plan` reads it back
and the report's matrix shows what was typed, start date included. Dates
are ISO dates and a completion date never comes before its start: a bad one
is refused with the file, the row and the column."""
from __future__ import annotations

import csv

import pytest

from simex.engine.exercise import Exercise
from simex.report.plan import PlanError, export_csv, load_csv
from simex.scenario.loader import load_scenario
from simex.scoring import evaluate
from tests.conftest import BORDER, journal_run, simex_cli as _simex



@pytest.fixture(scope="module")
def journal(tmp_path_factory):
    return journal_run(tmp_path_factory.mktemp("plan") / "weak.simex")


def _rows(path):
    with open(path, newline="", encoding="utf-8-sig") as f:   # simex writes a BOM, for Excel
        return list(csv.DictReader(f))


def _write(path, rows):
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(rows)


def _plan_section(md: str) -> str:
    return md.split("## Appendix A: Improvement plan")[1].split("\n## ")[0]


def test_start_date_typed_into_the_exported_plan_is_in_the_report(journal, tmp_path):
    assert _simex("report", journal, "--export-plan", tmp_path / "plan.csv").returncode == 0
    rows = _rows(tmp_path / "plan.csv")
    rows[0]["start"], rows[0]["due"] = "2026-04-01", "2026-07-31"
    _write(tmp_path / "edited.csv", rows)
    out = _simex("report", journal, "--plan", tmp_path / "edited.csv")
    assert out.returncode == 0, out.stderr
    first = next(line for line in _plan_section(out.stdout).splitlines() if line.startswith("| IP-01 "))
    assert "| 2026-04-01 | 2026-07-31 |" in first


def test_every_hseep_column_is_in_the_matrix(journal):
    out = _simex("report", journal)
    header = next(line for line in _plan_section(out.stdout).splitlines() if line.startswith("| "))
    for column in ("Issue / area for improvement", "Corrective action", "Capability element",
                   "Primary responsible organisation", "Organisation POC", "Start date", "Completion date"):
        assert f"| {column} |" in header


def test_suggested_plan_survives_export_and_import_unchanged(tmp_path):
    scenario = load_scenario(BORDER)
    ex = Exercise(scenario, seed=7, bots="weak", bot_agencies=tuple(a.id for a in scenario.agencies))
    ex.run_to_end()
    plan = evaluate(scenario, ex.events).plan
    assert plan and all(p.start and p.due for p in plan)   # suggested dates, to edit
    export_csv(plan, tmp_path / "plan.csv")
    assert load_csv(tmp_path / "plan.csv") == plan


@pytest.mark.parametrize("column, value, message", [
    ("start", "01/04/2026", "row 3, column start: '01/04/2026' is not a date (YYYY-MM-DD)"),
    ("due", "2026-02-30", "row 3, column due: '2026-02-30' is not a date (YYYY-MM-DD)"),
    ("due", "2026-03-01", "row 3, column due: the completion date 2026-03-01 is before the start date 2026-04-01"),
])
def test_a_bad_date_is_refused_with_file_row_and_column(tmp_path, column, value, message):
    scenario = load_scenario(BORDER)
    ex = Exercise(scenario, seed=7, bots="weak", bot_agencies=tuple(a.id for a in scenario.agencies))
    ex.run_to_end()
    export_csv(evaluate(scenario, ex.events).plan, tmp_path / "plan.csv")
    rows = _rows(tmp_path / "plan.csv")
    rows[1]["start"] = "2026-04-01"
    rows[1][column] = value
    _write(tmp_path / "plan.csv", rows)
    with pytest.raises(PlanError) as caught:
        load_csv(tmp_path / "plan.csv")
    assert str(caught.value) == f"{tmp_path / 'plan.csv'}: {message}"


def test_an_empty_date_is_allowed(tmp_path):
    (tmp_path / "plan.csv").write_text("issue,corrective_action,start,due\nA,B,,\n", encoding="utf-8")
    (item,) = load_csv(tmp_path / "plan.csv")
    assert (item.start, item.due) == ("", "")


def test_cli_names_the_bad_date(journal, tmp_path):
    (tmp_path / "plan.csv").write_text("issue,corrective_action,start,due\nA,B,2026-13-01,\n", encoding="utf-8")
    out = _simex("report", journal, "--plan", tmp_path / "plan.csv")
    assert out.returncode == 1
    assert out.stderr.strip() == (f"simex report: {tmp_path / 'plan.csv'}: row 2, column start: "
                                  "'2026-13-01' is not a date (YYYY-MM-DD)")
