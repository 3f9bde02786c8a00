"""A regional workshop from the MSEL spreadsheet to the donor's summary, headless,
as docs/running-a-workshop.md ("A workshop from start to finish") tells it:
the MSEL edited in Excel and imported, the packets printed, the exercise run
with tests before and after answered in the consoles (journaled), the report's
feedback section from the journal alone, and the programme summary over two
workshops."""
from __future__ import annotations

import shutil
import subprocess
import sys

from openpyxl import load_workbook

from simex.engine import commands as c
from simex.engine.questionnaires import form_text
from simex.feedback import load_form
from simex.session import LocalSession
from tests.conftest import BORDER, ROOT

FORM = ROOT / "tests/data/feedback/border-feedback.yaml"


def simex(*args, cwd) -> str:
    done = subprocess.run([sys.executable, "-m", "simex.cli", *map(str, args)], capture_output=True, text=True,
                          cwd=cwd)
    assert done.returncode == 0, done.stderr
    return done.stdout + done.stderr


def run_workshop(scenario, journal, people: list[tuple[str, str]]) -> None:
    """The exercise as the facilitator runs it: pre-test, play, ENDEX, post-test."""
    form = form_text(load_form(FORM))
    s = LocalSession.new(scenario, journal_path=journal)
    s.do(c.OpenQuestionnaire, questionnaire="pre", phase="pre", form=form)
    for code, sex in people:
        s.do(c.AnswerQuestionnaire, actor="participant:customs", questionnaire="pre", agency="customs", person=code,
             sex=sex, answers={"K1": "regulator", "K2": "15", "K3": "customs"})
    s.do(c.CloseQuestionnaire, questionnaire="pre")
    s.start()
    s.jump_to(s.exercise.duration)
    s.do(c.OpenQuestionnaire, questionnaire="post", phase="post", form=form)
    for code, sex in people:
        s.do(c.AnswerQuestionnaire, actor="participant:customs", questionnaire="post", agency="customs",
             person=code, sex=sex, answers={"K1": "police", "K2": "15", "K3": "regulator"})
    s.close()


def test_a_workshop_from_the_msel_spreadsheet_to_the_donor_summary(tmp_path):
    scenario = tmp_path / "kessin.yaml"
    shutil.copy(BORDER, scenario)

    # Before: the MSEL in Excel, one synopsis reworded, and back into the scenario.
    simex("msel", "export", scenario, "-o", tmp_path / "msel.xlsx", cwd=tmp_path)
    book = load_workbook(tmp_path / "msel.xlsx")
    sheet = book.active
    header = [cell.value for cell in sheet[1]]
    row = next(r for r in sheet.iter_rows(min_row=2) if r[header.index("number")].value == "I02")
    row[header.index("synopsis (en)")].value = "Norvalia's liaison point reports a stolen gauge"
    book.save(tmp_path / "msel.xlsx")
    simex("msel", "import", tmp_path / "msel.xlsx", "--into", scenario, cwd=tmp_path)
    assert "Norvalia's liaison point reports a stolen gauge" in scenario.read_text(encoding="utf-8")
    simex("validate", scenario, cwd=tmp_path)
    for kind in ("msel", "eeg", "handout"):
        simex("packet", scenario, "--kind", kind, "-o", tmp_path / f"{kind}.html", cwd=tmp_path)
    assert "Norvalia's liaison point reports a stolen gauge" in (tmp_path / "msel.html").read_text(encoding="utf-8")
    assert "Norvalia's liaison point" not in (tmp_path / "handout.html").read_text(encoding="utf-8")

    # During: two workshops, tests answered in the consoles (journaled).
    run_workshop(scenario, tmp_path / "kessin.simex", [(f"W{i}", "female") for i in range(5)]
                 + [(f"M{i}", "male") for i in range(5)])
    run_workshop(scenario, tmp_path / "linden.simex", [(f"P{i}", "female") for i in range(6)])

    # After: the report from the journal alone, then the programme's summary.
    report = simex("report", tmp_path / "kessin.simex", "--format", "md", cwd=tmp_path)
    feedback = report[report.index("Participant feedback"):]
    assert "| female | 5 |" in feedback and "| male | 5 |" in feedback
    simex("programme", tmp_path / "kessin.simex", tmp_path / "linden.simex", "-o", tmp_path / "programme.docx",
          cwd=tmp_path)
    summary = simex("programme", tmp_path / "kessin.simex", tmp_path / "linden.simex", cwd=tmp_path)
    assert "2 workshops." in summary and "| female | 11 |" in summary and "| everyone | 16 | 33% | 100% | +67 pts |" in summary
    assert (tmp_path / "programme.docx").stat().st_size > 10_000
