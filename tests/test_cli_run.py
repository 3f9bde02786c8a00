"""`simex run` and `simex replay` as a facilitator or a script uses them."""
from __future__ import annotations

import json
import subprocess
import sys

from tests.conftest import BORDER, ROOT


def simex(*args, check=False):
    return subprocess.run([sys.executable, "-m", "simex.cli", *map(str, args)], cwd=ROOT,
                          capture_output=True, text=True, check=check)


def test_run_json_is_identical_for_the_same_seed(tmp_path):
    # Seed 8: at seed 7 an alarm at T+05:58 leaves its inspection open at ENDEX.
    a = simex("run", BORDER, "--seed", 8, "--json", "--journal", tmp_path / "a.simex")
    b = simex("run", BORDER, "--seed", 8, "--json", "--journal", tmp_path / "b.simex")
    assert a.returncode == 0, a.stderr
    assert a.stdout == b.stdout
    data = json.loads(a.stdout)
    assert data["events"] == sum(data["event_counts"].values()) > 50
    assert data["totals"]["missed"] == 0 and data["percent_on_time"] == 100.0


def test_weak_bots_score_worse_and_the_output_says_why():
    doctrine = json.loads(simex("run", BORDER, "--seed", 7, "--json", "--no-journal", check=True).stdout)
    weak = json.loads(simex("run", BORDER, "--seed", 7, "--bots", "weak", "--json", "--no-journal", check=True).stdout)
    assert weak["percent_on_time"] < doctrine["percent_on_time"]
    failures = [e for e in weak["expectations"] if e["status"] in ("late", "missed")]
    assert failures and all(e["why"] for e in failures)
    assert any("deadline" in e["why"] for e in failures if e["status"] == "late")
    human = simex("run", BORDER, "--seed", 7, "--bots", "weak", "--no-journal", check=True).stdout
    assert "MISSED" in human or "LATE" in human
    assert "Score:" in human


def test_run_writes_a_journal_that_replays(tmp_path):
    journal = tmp_path / "run.simex"
    simex("run", BORDER, "--seed", 3, "--bots", "weak", "--journal", journal, check=True)
    out = simex("replay", journal)
    assert out.returncode == 0 and "verified" in out.stdout


def test_replay_of_a_tampered_journal_exits_non_zero(tmp_path):
    import sqlite3

    journal = tmp_path / "run.simex"
    simex("run", BORDER, "--journal", journal, check=True)
    db = sqlite3.connect(journal)
    db.execute("UPDATE entries SET t = t + 60 WHERE kind = 'message_delivered'")
    db.commit()
    db.close()
    out = simex("replay", journal)
    assert out.returncode == 1 and "row" in out.stdout


def test_run_reports_a_broken_scenario_with_its_line(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text(BORDER.read_text().replace("type: tabletop", "type: tabeltop"))
    out = simex("run", bad, "--no-journal")
    assert out.returncode == 1
    assert "bad.yaml:" in out.stderr and "tabletop" in out.stderr and "Traceback" not in out.stderr
