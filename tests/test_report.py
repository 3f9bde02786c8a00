"""The draft AAR/IP for every library scenario with both bot profiles: it
renders (Markdown and HTML, English and French), the `weak` run rates worse,
and every suggested rating's reason names the events behind it."""
from __future__ import annotations

import re
import subprocess
import sys
from functools import lru_cache

import pytest

from simex.engine.exercise import Exercise
from simex.journal import Journal, run_meta
from simex.report import build_report
from simex.scenario.loader import load_scenario
from simex.scoring import evaluate
from tests.conftest import BORDER, ROOT

SCENARIOS = sorted((ROOT / "scenarios").glob("*.yaml"))
IDS = [p.stem for p in SCENARIOS]
INSTANCE = re.compile(r"[A-Za-z][\w.\-]*#\d+")


@lru_cache(maxsize=None)
def played(path: str, bots: str):
    scenario = load_scenario(path)
    ex = Exercise(scenario, bots=bots, bot_agencies=tuple(a.id for a in scenario.agencies))
    ex.run_to_end()
    return scenario, tuple(ex.events)


@pytest.mark.parametrize("bots", ["doctrine", "weak"])
@pytest.mark.parametrize("path", SCENARIOS, ids=IDS)
def test_report_renders(path, bots):
    scenario, events = played(str(path), bots)
    md = build_report(scenario, list(events), fmt="md")
    for heading in ("## Executive summary", "Table 1.", "## Appendix A: Improvement plan",
                    "## Appendix B: Participants", "## Appendix E: Incident timeline"):
        assert heading in md
    for o in scenario.objectives:
        assert f"### {o.id}." in md
    html = build_report(scenario, list(events), fmt="html")
    assert html.startswith("<!DOCTYPE html>") and html.count("<svg") == 3
    assert "src=\"http" not in html and "href=\"http" not in html     # self-contained


@pytest.mark.parametrize("path", SCENARIOS, ids=IDS)
def test_weak_run_rates_worse_and_reasons_name_the_events(path):
    scenario, good = played(str(path), "doctrine")
    _, bad = played(str(path), "weak")
    if not scenario.doctrine:
        pytest.skip("no doctrine expectations: nothing to rate")
    doctrine, weak = evaluate(scenario, list(good)), evaluate(scenario, list(bad))
    assert doctrine.rating_points() is not None
    assert (weak.rating_points() or 0, weak.task_points() or 0) < (doctrine.rating_points(), doctrine.task_points())
    for o in weak.objectives:
        for t in [*o.tasks, o]:
            s = t.rating.suggested
            if s.rating is None:
                continue
            names = INSTANCE.findall(s.reason)
            assert names, f"{t.id}: the reason names no expectation: {s.reason}"
            assert all(n in {r.instance for r in weak.score.results} for n in names)
            assert "T+" in s.reason, f"{t.id}: the reason gives no time: {s.reason}"


def test_french_report_follows_the_exercise_language(border):
    scenario, events = played(str(BORDER), "weak")
    md = build_report(scenario, list(events), fmt="md", lang="fr")
    assert "## Synthèse" in md and "Annexe A : Plan d'amélioration" in md
    assert "Tableau 1." in md and "réalisée avec" in md


def _journal(tmp_path, bots: str):
    path = tmp_path / f"{bots}.simex"
    scenario = load_scenario(BORDER)
    agencies = tuple(a.id for a in scenario.agencies)
    journal = Journal(path, meta=run_meta(BORDER.read_text(encoding="utf-8"), str(BORDER), 7, bots, agencies))
    Exercise(scenario, seed=7, bots=bots, bot_agencies=agencies, sink=journal).run_to_end()
    journal.close()
    return path


def _simex(*args, cwd=ROOT):
    return subprocess.run([sys.executable, "-m", "simex.cli", *map(str, args)], cwd=cwd,
                          capture_output=True, text=True)


def test_cli_report_html_md_and_edited_plan(tmp_path):
    journal = _journal(tmp_path, "weak")
    out = _simex("report", journal, "-o", tmp_path / "aar.html", "--export-plan", tmp_path / "plan.csv")
    assert out.returncode == 0, out.stderr
    assert (tmp_path / "aar.html").read_text(encoding="utf-8").count("<svg") == 3
    plan = (tmp_path / "plan.csv").read_text(encoding="utf-8-sig").splitlines()   # written with a BOM, for Excel
    assert plan[0].startswith("id,objective,capability,issue,corrective_action")
    edited = plan[:2]
    edited[1] = edited[1].replace("2026-06-15", "2026-09-30")
    (tmp_path / "edited.csv").write_text("\n".join(edited) + "\n", encoding="utf-8")
    out = _simex("report", journal, "--plan", tmp_path / "edited.csv", "--lang", "fr")
    assert out.returncode == 0, out.stderr
    appendix = out.stdout.split("## Annexe A")[1].split("## Annexe B")[0]
    assert "2026-09-30" in appendix and "IP-02" not in appendix and "edited.csv" in appendix


def test_cli_report_with_feedback(tmp_path):
    journal = _journal(tmp_path, "doctrine")
    data = ROOT / "tests" / "data" / "feedback"
    out = _simex("report", journal, "--feedback", data / "border-feedback.yaml",
                 "--responses", data / "border-responses.csv")
    assert out.returncode == 0, out.stderr
    assert "Appendix C: Participant feedback summary" in out.stdout and "+44 pts" in out.stdout


def test_cli_report_refuses_a_missing_journal(tmp_path):
    out = _simex("report", tmp_path / "nope.simex")
    assert out.returncode == 1 and "no such journal" in out.stderr


def test_cli_report_into_a_missing_folder_is_one_clear_line(tmp_path):
    journal = _journal(tmp_path, "doctrine")
    out = _simex("report", journal, "-o", tmp_path / "missing-dir" / "x.html")
    assert out.returncode == 2 and "Traceback" not in out.stderr
    errors = [line for line in out.stderr.splitlines() if "error:" in line]
    assert len(errors) == 1 and "argument -o/--output" in errors[0] and "missing-dir" in errors[0], out.stderr
    assert not (tmp_path / "missing-dir").exists()


def test_cli_compare_side_by_side(tmp_path):
    a, b = _journal(tmp_path, "doctrine"), _journal(tmp_path, "weak")
    out = _simex("compare", a, b)
    assert out.returncode == 0, out.stderr
    assert "| Metric | doctrine | weak |" in out.stdout and "notification recall" in out.stdout
    out = _simex("compare", a, b, "-o", tmp_path / "cmp.html")
    assert out.returncode == 0 and (tmp_path / "cmp.html").read_text(encoding="utf-8").count("<svg") == 1


def test_report_command_imports_no_plotting_at_module_level():
    code = "import sys, simex.commands.report, simex.commands.compare; print('matplotlib' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_cli_report_json_is_the_whole_evaluation(tmp_path):
    import json

    journal = _journal(tmp_path, "weak")
    out = _simex("report", journal, "-o", tmp_path / "ev.json")
    assert out.returncode == 0, out.stderr
    data = json.loads((tmp_path / "ev.json").read_text(encoding="utf-8"))
    assert data["scenario"] == "border-detection" and data["objectives"][0]["rating"]["suggested"]["reason"]
    assert data["score"]["results"] and data["network"]["reach"]


def _journal_of(tmp_path, path, seed=None):
    """A doctrine-bot journal of any bundled scenario, named after it."""
    scenario = load_scenario(path)
    agencies = tuple(a.id for a in scenario.agencies)
    seed = scenario.exercise.seed if seed is None else seed
    out = tmp_path / f"{path.stem}.simex"
    journal = Journal(out, meta=run_meta(path.read_text(encoding="utf-8"), str(path), seed, "doctrine", agencies))
    Exercise(scenario, seed=seed, bots="doctrine", bot_agencies=agencies, sink=journal).run_to_end()
    journal.close()
    return out


def test_cli_compare_refuses_journals_of_different_scenarios(tmp_path):
    """Objective ids of two scenarios mean different things (OBJ1 of the RDD
    response is not OBJ1 of border detection): nothing is lined up."""
    a = _journal_of(tmp_path, BORDER)
    b = _journal_of(tmp_path, ROOT / "scenarios" / "rdd-response.yaml")
    out = _simex("compare", a, b, "-o", tmp_path / "cmp.md")
    assert out.returncode == 2 and out.stdout == "" and not (tmp_path / "cmp.md").exists()
    assert "different scenarios" in out.stderr
    assert "border-detection.simex: border-detection" in out.stderr and "rdd-response.simex: rdd-response" in out.stderr


def test_cli_compare_markdown_points_to_its_own_html(tmp_path):
    a, b = _journal(tmp_path, "doctrine"), _journal(tmp_path, "weak")
    out = _simex("compare", a, b)
    assert out.returncode == 0, out.stderr
    hint = next(line for line in out.stdout.splitlines() if "HTML" in line)
    assert "simex compare" in hint and "simex report" not in hint


def test_compare_lines_up_only_the_objectives_every_version_has():
    """Two versions of one scenario (an objective added between workshops):
    the shared objective is compared, the other is named and left out."""
    from simex import events as ev
    from simex.report.compare import render_comparison
    from tests.conftest import make_scenario

    one = make_scenario()
    two = make_scenario(objectives=[{"id": "O1", "title": "Objective", "critical_tasks": [{"id": "CT1", "title": "Task"}]},
                                    {"id": "O2", "title": "Added", "critical_tasks": [{"id": "CT2", "title": "New"}]}])
    record = [ev.ExerciseStarted(t=0.0, scenario="t", seed=1, bots="doctrine"), ev.ExerciseEnded(t=60.0, reason="ENDEX")]
    md = render_comparison([("north", evaluate(one, record)), ("south", evaluate(two, record))])
    assert "| Rating O1 |" in md and "| Rating O2 |" not in md
    assert "Not compared (not in every run's scenario): O2 (only in south)." in md


def test_html_cells_are_escaped_and_keep_their_bold():
    """Text from scenarios and players is escaped; `**bold**` is the only markup."""
    from simex.report import html
    from simex.report.blocks import Para, Table

    page = html.render([Para("**Note** <script>x</script> & more"), Table(["a"], [["plain"], ["**b** <i>"]])], "t")
    assert "<p><strong>Note</strong> &lt;script&gt;x&lt;/script&gt; &amp; more</p>" in page
    assert "<td>plain</td>" in page and "<td><strong>b</strong> &lt;i&gt;</td>" in page
