"""`simex programme`: four workshops' journals in one summary for the donor,
from the journals alone (tests taken in the consoles), read back as a user
would read it: participation by sex with small groups suppressed, learning
per workshop and pooled, ratings side by side, improvement areas that recur."""
from __future__ import annotations

import subprocess
import sys

import pytest

from simex.engine import commands as c
from simex.engine.questionnaires import form_text
from simex.feedback import load_form
from simex.session import LocalSession
from tests.conftest import BORDER, ROOT

FORM = load_form(ROOT / "tests/data/feedback/border-feedback.yaml")


def workshop(path, people: list[tuple[str, str, bool]]) -> None:
    """A workshop of border-detection: the tests before and after, answered by
    `people` (code, sex, learnt?)."""
    s = LocalSession.new(BORDER, journal_path=path)
    s.do(c.OpenQuestionnaire, questionnaire="pre", phase="pre", form=form_text(FORM))
    for code, sex, _ in people:
        s.do(c.AnswerQuestionnaire, actor="participant:customs", questionnaire="pre", agency="customs",
             person=code, sex=sex, answers={"K1": "regulator", "K2": "15", "K3": "customs"})
    s.start()
    s.jump_to(s.exercise.duration)        # ENDEX
    s.do(c.OpenQuestionnaire, questionnaire="post", phase="post", form=form_text(FORM))
    for code, sex, learnt in people:
        s.do(c.AnswerQuestionnaire, actor="participant:customs", questionnaire="post", agency="customs",
             person=code, sex=sex, answers={"K1": "police" if learnt else "regulator", "K2": "15",
                                             "K3": "regulator" if learnt else "customs"})
    s.close()


@pytest.fixture(scope="module")
def journals(tmp_path_factory):
    folder = tmp_path_factory.mktemp("programme")
    sizes = [(4, 3), (3, 1), (2, 2), (5, 0)]          # women, men per workshop: 14 women, 6 men
    paths = []
    for n, (women, men) in enumerate(sizes, 1):
        people = [(f"W{i}", "female", True) for i in range(women)] + [(f"M{i}", "male", i % 2 == 0) for i in range(men)]
        path = folder / f"workshop-{n}.simex"
        workshop(path, people)
        paths.append(path)
    return paths


def programme(*args) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "simex.cli", "programme", *map(str, args)],
                          capture_output=True, text=True, cwd=ROOT)


def test_the_donor_summary_counts_people_by_sex_and_their_learning(journals):
    done = programme(*journals, "--format", "md")
    assert done.returncode == 0, done.stderr
    text = done.stdout
    assert "4 workshops." in text
    assert "| female | 14 |" in text and "| male | 6 |" in text and "| everyone | 20 |" in text
    # Everyone starts at 1 of 3 (33%). The 14 women all learnt (100%); of the
    # 6 men 4 learnt and 2 did not: (4 x 3/3 + 2 x 1/3) / 6 = 78%.
    assert "| everyone | 20 | 33% | 93% | +60 pts |" in text
    assert "| female | 14 | 33% | 100% | +67 pts |" in text
    assert "| male | 6 | 33% | 78% | +44 pts |" in text
    assert "| workshop-1 | 7 | 33% | 90% | +57 pts |" in text     # 4 women, 3 men of whom 2 learnt
    assert "| workshop-3 | <5 | — | — | — |" in text          # 4 people: too few to show on its own


def test_small_groups_are_suppressed_unless_internal(journals):
    text = programme(*journals[1:3], "--format", "md").stdout   # 5 women, 3 men
    assert "| male | suppressed |" in text and "| female | suppressed |" in text
    internal = programme(*journals[1:3], "--format", "md", "--internal").stdout
    assert "| male | 3 |" in internal and "not for publication" in internal


def test_ratings_side_by_side_and_recurring_areas(journals):
    text = programme(*journals, "--format", "md").stdout
    table = text[text.index("Objective ratings side by side"):]
    header = next(line for line in table.splitlines() if line.startswith("| Objective"))
    assert header.split("|")[2:6] == [" workshop-1 ", " workshop-2 ", " workshop-3 ", " workshop-4 "]
    recurring = text[text.index("Areas for improvement that recur"):]
    assert "4 of 4" in recurring and "customs:" in recurring


def test_html_and_word_say_the_same(journals, tmp_path):
    from docx import Document

    assert programme(*journals, "-o", tmp_path / "summary.html").returncode == 0
    assert programme(*journals, "-o", tmp_path / "summary.docx").returncode == 0
    html = (tmp_path / "summary.html").read_text(encoding="utf-8")
    words = "\n".join(cell.text for table in Document(tmp_path / "summary.docx").tables
                      for row in table.rows for cell in row.cells)
    for expected in ("14", "+60 pts", "workshop-4"):
        assert expected in html and expected in words


def test_a_damaged_or_missing_journal_is_named(tmp_path, journals):
    done = programme(journals[0], tmp_path / "nope.simex")
    assert done.returncode == 1 and "nope.simex" in done.stderr and "Traceback" not in done.stderr
