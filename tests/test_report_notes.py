"""What facilitators and evaluators write into the after-action report (the
overview's free fields, the conclusion, root causes) goes round like the
improvement plan: `--annotations-template` writes a file pre-filled with what
the journal holds, `--annotations` reads it back. Reading it back journals
each changed field as a `record_annotation` command, so replay reproduces it
and a report made later from the journal alone shows it."""
from __future__ import annotations

import shutil
import sqlite3

import pytest

from simex.engine import commands as c
from simex.engine.commands import CommandError
from simex.events import AnnotationRecorded
from simex.journal import Journal, JournalReader
from simex.narrate import describe
from simex.net.roles import EVALUATOR, OBSERVER, PARTICIPANT, Role, visible
from simex.replay import replay
from simex.report import build_report, from_journal
from simex.report.hseep import areas
from simex.report.notes import from_events
from simex.scoring import evaluate
from tests.conftest import journal_run, simex_cli as _simex

NOTES = """\
entered_by: "A. Lead Evaluator"
overview:
  dates: 2026-03-17            # YAML reads a date; the report shows it as typed
  venue: "Kessin training centre"
  mission_areas: [Prevention, Response]
conclusion: |
  The crossing found the source within the hour.

  Reporting abroad is the priority.
root_causes:
  OBJ1.2: "No written release procedure for NORM alarms"
"""



@pytest.fixture(scope="module")
def finished(tmp_path_factory):
    return journal_run(tmp_path_factory.mktemp("notes") / "weak.simex")


@pytest.fixture
def journal(finished, tmp_path):
    return shutil.copy(finished, tmp_path / "weak.simex")


def _annotations(path) -> list[tuple]:
    reader = JournalReader(path)
    try:
        return [(e.type, e.kind) for e in reader.entries() if "annotation" in e.kind]
    finally:
        reader.close()


def test_template_lists_every_field_and_area_prefilled_from_the_scenario(journal, tmp_path):
    out = _simex("report", journal, "--annotations-template", tmp_path / "notes.yaml")
    assert out.returncode == 0, out.stderr
    text = (tmp_path / "notes.yaml").read_text(encoding="utf-8")
    for field in ("entered_by:", "  dates:", "  venue:", "  scope:", "  mission_areas:", "  threat_hazard:",
                  "  points_of_contact:", "conclusion:", "root_causes:", "  OBJ1.1:", "  OBJ4.1:"):
        assert f"\n{field}" in text
    assert '\n  sponsor: "Regional nuclear security detection programme (fictional)"' in text
    # each root cause has its area for improvement above it, as the report words it
    scenario, events, _ = from_journal(journal)
    for key, area, _ in areas(evaluate(scenario, events)):
        assert f"\n  # {key}: {' '.join(area.split())}\n  {key}: \"\"\n" in text


def test_annotations_are_journaled_replay_and_show_in_a_later_report(journal):
    notes = journal.parent / "notes.yaml"
    notes.write_text(NOTES, encoding="utf-8")
    out = _simex("report", journal, "--annotations", notes)
    assert out.returncode == 0, out.stderr
    assert "5 fields changed" in out.stderr and "A. Lead Evaluator" in out.stderr
    assert _annotations(journal) == [("command", "record_annotation"), ("event", "annotation_recorded")] * 5
    assert replay(journal).ok
    # A report from the journal alone, in another process, says the same as the import's report.
    later = _simex("report", journal)
    assert later.stdout == out.stdout
    md = later.stdout
    assert "| Date(s) of conduct | 2026-03-17 † |" in md and "| Venue | Kessin training centre † |" in md
    assert "| Mission area(s) | Prevention, Response † |" in md
    assert "| Scope | not recorded |" in md and "| Threat / hazard | not recorded |" in md
    assert "Fields marked † were entered by A. Lead Evaluator (journaled)." in md
    conclusion = md.split("## Conclusion\n")[1].split("\n## ")[0]
    assert conclusion.strip() == "The crossing found the source within the hour.\n\nReporting abroad is the priority."
    area = md.split("**Area for improvement OBJ1.2.**")[1].split("**Area for improvement")[0]
    assert "- Root cause: No written release procedure for NORM alarms" in area
    assert "- Root cause: not recorded" in md.split("**Area for improvement OBJ1.1.**")[1].split("**Area")[0]
    # and the incident timeline is the incident's, not the report's editing
    assert "annotation" not in md.split("## Appendix E: Incident timeline")[1]


def test_importing_the_same_file_twice_records_nothing_more(journal):
    notes = journal.parent / "notes.yaml"
    notes.write_text(NOTES, encoding="utf-8")
    assert _simex("report", journal, "--annotations", notes).returncode == 0
    again = _simex("report", journal, "--annotations", notes)
    assert again.returncode == 0 and "no field changed; nothing recorded" in again.stderr
    assert len(_annotations(journal)) == 10


def test_the_template_round_trips_what_was_entered(journal):
    notes = journal.parent / "notes.yaml"
    notes.write_text(NOTES, encoding="utf-8")
    assert _simex("report", journal, "--annotations", notes).returncode == 0
    template = journal.parent / "again.yaml"
    assert _simex("report", journal, "--annotations-template", template).returncode == 0
    text = template.read_text(encoding="utf-8").replace('entered_by: ""', 'entered_by: "Someone else"')
    template.write_text(text, encoding="utf-8")
    out = _simex("report", journal, "--annotations", template)
    assert "no field changed" in out.stderr and len(_annotations(journal)) == 10


def test_a_later_edit_wins_and_an_emptied_field_is_not_recorded_again(journal):
    notes = journal.parent / "notes.yaml"
    notes.write_text(NOTES, encoding="utf-8")
    assert _simex("report", journal, "--annotations", notes).returncode == 0
    notes.write_text('entered_by: "B. Evaluator"\noverview:\n  venue: ""\nconclusion: "Short."\n', encoding="utf-8")
    out = _simex("report", journal, "--annotations", notes)
    assert out.returncode == 0 and "2 fields changed" in out.stderr
    _, events, _ = from_journal(journal)
    notes_now = from_events(events)
    assert notes_now.overview["venue"] == "" and notes_now.conclusion == "Short."
    assert notes_now.authors == ("A. Lead Evaluator", "B. Evaluator")
    assert "| Venue | not recorded † |" in out.stdout


@pytest.mark.parametrize("text, message", [
    ('entered_by: "X"\noverview:\n  venu: "Hall"\n', "notes.yaml:3:3: no field 'venu'; did you mean 'venue'?"),
    ('entered_by: "X"\nroot_causes:\n  OBJ1.99: "why"\n', "notes.yaml:3:3: no area for improvement 'OBJ1.99'"),
    ('entered_by: "X"\nconclusions: "x"\n', "notes.yaml:2:1: no field 'conclusions'; did you mean 'conclusion'?"),
    ('entered_by: "X"\nconclusion:\n  a: b\n', "notes.yaml:2:1: write text here, not a dict"),
    ('entered_by: "X"\noverview:\n  venue: yes\n', "notes.yaml:3:3: write text here, not true"),
    ('entered_by: "X"\noverview: [venue]\n', "notes.yaml:2:1: overview holds one field per line"),
    ('overview:\n  venue: "Hall"\n', "notes.yaml: entered_by is empty: write your name"),
    ('overview:\n  venue: "Hall: B\n', "notes.yaml:3:1: YAML syntax error"),
])
def test_a_bad_notes_file_is_one_located_line_and_records_nothing(journal, text, message):
    notes = journal.parent / "notes.yaml"
    notes.write_text(text, encoding="utf-8")
    out = _simex("report", journal, "--annotations", notes)
    assert out.returncode == 1 and out.stdout == ""
    line = out.stderr.strip()
    assert "\n" not in line and line.startswith(f"simex report: {journal.parent / message}"), line
    assert _annotations(journal) == []


def test_the_template_never_overwrites_a_file(journal):
    notes = journal.parent / "notes.yaml"
    notes.write_text("an afternoon of writing", encoding="utf-8")
    out = _simex("report", journal, "--annotations-template", notes)
    assert out.returncode == 1 and "already exists" in out.stderr
    assert notes.read_text(encoding="utf-8") == "an afternoon of writing"


def test_a_damaged_journal_is_not_appended_to(journal):
    db = sqlite3.connect(journal)
    db.execute("UPDATE entries SET payload = replace(payload, 'customs', 'kustoms') WHERE seq = 5")
    db.commit()
    db.close()
    before = journal.read_bytes()
    notes = journal.parent / "notes.yaml"
    notes.write_text(NOTES, encoding="utf-8")
    out = _simex("report", journal, "--annotations", notes)
    assert out.returncode == 1 and "cannot resume" in out.stderr and "digest chain broken" in out.stderr
    assert journal.read_bytes() == before


def test_a_journal_open_in_a_console_is_not_appended_to(journal):
    writer = Journal(journal, fresh=False)      # as a running console holds it
    try:
        notes = journal.parent / "notes.yaml"
        notes.write_text(NOTES, encoding="utf-8")
        out = _simex("report", journal, "--annotations", notes)
        assert out.returncode == 1 and "is open in a console" in out.stderr
    finally:
        writer.close()
    assert _annotations(journal) == []


def test_engine_checks_an_annotation_before_journaling_it(journal):
    from simex.replay import resume

    exercise, sink = resume(journal)
    try:
        assert exercise.ended     # accepted after ENDEX, like ratings
        for fields, message in [
            ({"author": "A", "entry": "weather", "text": "x"}, "no report entry 'weather'"),
            ({"author": "", "entry": "venue", "text": "x"}, "needs the name"),
            ({"author": "A", "entry": "root_cause", "text": "x"}, "names its area for improvement"),
            ({"author": "A", "entry": "venue", "target": "OBJ1.1", "text": "x"}, "names its area for improvement"),
            ({"author": "A", "entry": "root_cause", "target": "OBJ9.1", "text": "x"}, "no area for improvement"),
            ({"author": "A", "entry": "root_cause", "target": "OBJ1.x", "text": "x"}, "no area for improvement"),
        ]:
            with pytest.raises(CommandError, match=message):
                exercise.apply(c.RecordAnnotation(t=exercise.now, **fields))
        exercise.apply(c.RecordAnnotation(t=exercise.now, author="A", entry="venue", text="Hall"))
    finally:
        sink.close()
    assert _annotations(journal) == [("command", "record_annotation"), ("event", "annotation_recorded")]
    assert replay(journal).ok


def test_annotations_are_evaluator_material():
    note = AnnotationRecorded(t=1.0, author="A", entry="root_cause", target="OBJ1.1", text="the duty officer")
    assert visible(Role(EVALUATOR, name="A"), note) == note
    assert visible(Role(PARTICIPANT, agency="customs"), note) is None
    assert visible(Role(OBSERVER), note) is None
    # the console's timeline says what it is, in words
    assert describe(note) == "A wrote in the report, root_cause OBJ1.1: the duty officer"


def test_build_report_reads_annotations_from_the_events(journal):
    notes = journal.parent / "notes.yaml"
    notes.write_text(NOTES, encoding="utf-8")
    assert _simex("report", journal, "--annotations", notes).returncode == 0
    scenario, events, _ = from_journal(journal)
    html = build_report(scenario, events, fmt="html")
    assert "Kessin training centre" in html and "No written release procedure for NORM alarms" in html


def test_json_evaluation_carries_the_annotations(journal):
    import json

    notes = journal.parent / "notes.yaml"
    notes.write_text(NOTES, encoding="utf-8")
    assert _simex("report", journal, "--annotations", notes).returncode == 0
    data = json.loads(_simex("report", journal, "--format", "json").stdout)
    assert data["annotations"]["overview"]["venue"] == "Kessin training centre"
    assert data["annotations"]["root_causes"] == {"OBJ1.2": "No written release procedure for NORM alarms"}
    assert data["annotations"]["authors"] == ["A. Lead Evaluator"]


@pytest.mark.parametrize("text", ["", "Hall B: level 2 # east wing", 'He said "no"', "  indented",
                                  "Ligne 1\n\n  Ligne 2 : é", "tab\there", "ends with space \nnext",
                                  "- a list?\n- no, text"])
def test_template_text_reads_back_exactly(text, tmp_path):
    """Whatever was entered, the template writes it so that it reads back as it was."""
    from simex.report.notes import Annotations, load, template

    path = tmp_path / "notes.yaml"
    notes = Annotations(conclusion=text.strip(), root_causes={"OBJ1.1": text.strip()})
    path.write_text(template(notes, [("OBJ1.1", "area")], {"venue": text.strip()}, journal="j", title="t"),
                    encoding="utf-8")
    _, back = load(path, ["OBJ1.1"])
    assert back.conclusion == back.root_causes["OBJ1.1"] == back.overview["venue"] == text.strip()

