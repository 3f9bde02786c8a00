"""A damaged journal never gives a traceback. Each corruption, read by
`simex replay`, `simex report` and the resume path of `simex play/serve
--resume`, gives one located line saying what is wrong and a non-zero exit;
`report` reports what it still can and says what it skipped.

Each case damages a copy of one journal (a border exercise with human
commands) the way a disk, a crash or a hand with a SQLite browser would.
"""
from __future__ import annotations

import html
import re
import shutil
import sqlite3
from dataclasses import dataclass
from typing import Callable

import pytest

from simex.cli import build_parser, main
from simex.commands._session import open_session
from simex.engine import commands as c
from simex.engine.exercise import Exercise
from simex.journal import Journal, run_meta
from simex.scenario.loader import load_scenario
from tests.conftest import BORDER

# Long enough to be kept once in the texts table (simex/journal_texts.py).
BODY = "Truck NV-4471-KB set off the portal monitor in lane 3; held for a secondary inspection. " * 10


@pytest.fixture(scope="module")
def pristine(tmp_path_factory):
    path = tmp_path_factory.mktemp("pristine") / "day1.simex"
    bots = ("norvalia-lp", "iaea")
    journal = Journal(path, meta=run_meta(BORDER.read_text(), str(BORDER), 7, "doctrine", bots))
    ex = Exercise(load_scenario(BORDER), seed=7, bots="doctrine", bot_agencies=bots, sink=journal)
    ex.apply(c.DeliverInject(t=300, inject="I02"))
    ex.apply(c.RecordObservation(t=600, evaluator="eva", text="Calm start", objective="OBJ1"))
    ex.advance_to(7900)
    ex.apply(c.TakeAction(t=7900, agency="customs", action="secondary_inspection",
                          params={"vehicle": "NV-4471-KB"}))
    ex.apply(c.SendMessage(t=8000, sender="customs", recipient="police", channel="customs-police-radio",
                           subject="Alarm", body=BODY, facts={"vehicle": "NV-4471-KB"}))
    ex.advance_to(9000)
    journal.close()
    return path


# --- ways to damage a journal; each returns a pattern the messages must contain -----------

def sql(path, *statements, args=()):
    db = sqlite3.connect(path)
    for statement in statements:
        db.execute(statement, args)
    db.commit()
    db.close()


def row(path, type_, which="first"):
    """(seq, kind) of the first, middle or last row of a type."""
    db = sqlite3.connect(path)
    rows = db.execute("SELECT seq, kind FROM entries WHERE type=? ORDER BY seq", (type_,)).fetchall()
    db.close()
    return rows[{"first": 0, "middle": len(rows) // 2, "last": -1}[which]]


def set_meta(key, value):
    def corrupt(path):
        sql(path, "INSERT OR REPLACE INTO meta VALUES (?, ?)", args=(key, value))
        return f"'{key}'"
    return corrupt


def drop_meta(key):
    def corrupt(path):
        sql(path, "DELETE FROM meta WHERE key=?", args=(key,))
        return f"'{key}'"
    return corrupt


def edit_row(type_, column, value, which="middle"):
    def corrupt(path):
        seq, _ = row(path, type_, which)
        sql(path, f"UPDATE entries SET {column}=? WHERE seq=?", args=(value, seq))
        return f"row {seq}\\b"
    return corrupt


def delete_row(type_, which="middle"):
    def corrupt(path):
        seq, _ = row(path, type_, which)
        sql(path, "DELETE FROM entries WHERE seq=?", args=(seq,))
        return f"row {seq + 1}\\b"      # the first row whose link to the previous one is gone
    return corrupt


def truncate(path):
    seq, _ = row(path, "event", "last")
    sql(path, "DELETE FROM entries WHERE seq > ?", args=(seq - 5,))
    return r"truncated.*(5|6) .*missing"


def replace_tail(path):
    """The last row replaced by a forged one with a correct digest."""
    db = sqlite3.connect(path)
    seq, digest = db.execute("SELECT seq, digest FROM entries ORDER BY seq DESC LIMIT 1 OFFSET 1").fetchone()
    from simex.journal import chain_digest
    forged = chain_digest(digest, "event", "exercise_paused", 9000.0, "{}")
    db.execute("DELETE FROM entries WHERE seq=?", (seq + 1,))
    db.execute("INSERT INTO entries VALUES (?, 9000.0, 'event', 'exercise_paused', '{}', ?)", (seq + 1, forged))
    db.commit()
    db.close()
    return f"row {seq + 1}\\b"


def first_row_using_text(path):
    """The seq of the first row whose stored payload refers to a text in `texts`."""
    db = sqlite3.connect(path)
    seq = db.execute("SELECT min(seq) FROM entries WHERE payload LIKE '%\"$text\"%'").fetchone()[0]
    db.close()
    return seq


def text_deleted(path):
    seq = first_row_using_text(path)
    sql(path, "DELETE FROM texts")
    return f"row {seq}\\b.*missing from the texts table"


def text_edited(path):
    seq = first_row_using_text(path)
    sql(path, "UPDATE texts SET text = replace(text, 'lane 3', 'lane 4')")
    return f"row {seq}\\b.*changed in the texts table"


def bytes_cut(path):
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    return "malformed|not a simex journal|cannot read"


def garbage(path):
    path.write_bytes(b"\x00\x01 not sqlite" * 100)
    return "not a simex journal"


def empty(path):
    path.write_bytes(b"")
    return "not a simex journal"


def writer_left_open(path):
    """What a copy of the main file alone looks like after a crash: meta says a
    writer had it open, and there is no -wal file beside it."""
    sql(path, "INSERT OR REPLACE INTO meta VALUES ('writer', 'open')")
    return r"not closed cleanly.*day1\.simex-wal"


def drop_table(name):
    def corrupt(path):
        sql(path, f"DROP TABLE {name}")
        return {"entries": "entries", "texts": "texts"}.get(name, "not a simex journal")
    return corrupt


def renamed_column(path):
    sql(path, "ALTER TABLE entries RENAME COLUMN digest TO hash")
    return "entries"


@dataclass
class Case:
    name: str
    corrupt: Callable
    replay: str     # error: stderr line, exit 2 | failed: stdout names it, exit 1
    report: str     # error | partial: a report and what was skipped | ok: a full report
    resume: str     # error: open_session prints one line and returns 1


CASES = [
    Case("not-sqlite", garbage, "error", "error", "error"),
    Case("empty-file", empty, "error", "error", "error"),
    Case("cut-in-half", bytes_cut, "error", "error", "error"),
    Case("no-meta-table", drop_table("meta"), "error", "error", "error"),
    Case("no-entries-table", drop_table("entries"), "error", "error", "error"),
    Case("entries-column-renamed", renamed_column, "error", "error", "error"),
    Case("no-schema", drop_meta("schema"), "error", "error", "error"),
    Case("schema-not-a-number", set_meta("schema", "one"), "error", "error", "error"),
    Case("no-seed", drop_meta("seed"), "error", "ok", "error"),
    Case("seed-not-a-number", set_meta("seed", "7.5x"), "error", "ok", "error"),
    Case("no-bots", drop_meta("bots"), "error", "ok", "error"),
    Case("unknown-bots", set_meta("bots", "robots"), "error", "ok", "error"),
    Case("no-bot-agencies", drop_meta("bot_agencies"), "error", "ok", "error"),
    Case("bot-agencies-not-json", set_meta("bot_agencies", "[norvalia"), "error", "ok", "error"),
    Case("bot-agencies-not-a-list", set_meta("bot_agencies", '{"a": 1}'), "error", "ok", "error"),
    Case("bot-agency-unknown", set_meta("bot_agencies", '["martians"]'), "error", "ok", "error"),
    Case("preroll-not-a-number", set_meta("preroll", "soon"), "error", "ok", "error"),
    Case("preroll-negative", set_meta("preroll", "-60.0"), "error", "ok", "error"),
    Case("preroll-infinite", set_meta("preroll", "inf"), "error", "ok", "error"),
    Case("no-scenario", drop_meta("scenario_text"), "error", "error", "error"),
    Case("scenario-not-yaml", set_meta("scenario_text", "exercise: [unclosed"), "error", "error", "error"),
    Case("command-unknown-kind", edit_row("command", "kind", "launch_rockets"), "failed", "partial", "error"),
    Case("command-payload-not-json", edit_row("command", "payload", '{"agency": '), "failed", "partial", "error"),
    Case("command-payload-a-list", edit_row("command", "payload", "[1, 2]"), "failed", "partial", "error"),
    Case("command-unknown-field", edit_row("command", "payload", '{"warp": 9}'), "failed", "partial", "error"),
    Case("command-time-not-a-number", edit_row("command", "t", "soon"), "failed", "partial", "error"),
    Case("command-deleted", delete_row("command"), "failed", "partial", "error"),
    Case("event-unknown-kind", edit_row("event", "kind", "alien_landing"), "failed", "partial", "error"),
    Case("event-payload-not-json", edit_row("event", "payload", "{"), "failed", "partial", "error"),
    Case("event-unknown-field", edit_row("event", "payload", '{"warp": 9}'), "failed", "partial", "error"),
    Case("event-time-not-a-number", edit_row("event", "t", "later"), "failed", "partial", "error"),
    Case("event-time-a-blob", edit_row("event", "t", b"\x00"), "failed", "partial", "error"),
    Case("event-deleted", delete_row("event"), "failed", "partial", "error"),
    Case("first-event-deleted", delete_row("event", "first"), "failed", "partial", "error"),
    Case("last-rows-deleted", truncate, "failed", "partial", "error"),
    Case("tail-replaced", replace_tail, "failed", "partial", "error"),
    Case("seal-not-a-number", set_meta("sealed_entries", "many"), "failed", "partial", "error"),
    Case("wal-not-copied", writer_left_open, "error", "partial", "error"),
    Case("text-row-deleted", text_deleted, "failed", "partial", "error"),
    Case("text-row-edited", text_edited, "failed", "partial", "error"),
    Case("no-texts-table", drop_table("texts"), "failed", "partial", "error"),
]


@pytest.fixture(params=CASES, ids=lambda case: case.name)
def damaged(request, pristine, tmp_path):
    path = tmp_path / "day1.simex"
    shutil.copy(pristine, path)
    case = request.param
    return case, path, case.corrupt(path)


def one_line(text: str) -> str:
    lines = text.strip().splitlines()
    assert len(lines) == 1, f"expected one line, got:\n{text}"
    return lines[0]


def test_replay(damaged, capsys):
    case, path, pattern = damaged
    status = main(["replay", str(path)])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    if case.replay == "error":
        assert status == 2 and out == ""
        line = one_line(err)
        assert line.startswith(f"simex replay: {path}") and re.search(pattern, line), line
    else:
        assert status == 1
        first, *rest = out.strip().splitlines()
        assert first.startswith(f"{path}: ") and re.search(pattern, first), out
        assert re.fullmatch(rf"{re.escape(str(path))}: \d+ of \d+ entries verified", rest[-1]), out


def test_report(damaged, capsys):
    case, path, pattern = damaged
    status = main(["report", str(path)])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    if case.report == "error":
        assert status == 1 and out == ""
        line = one_line(err)
        assert line.startswith(f"simex report: {path}") and re.search(pattern, line), line
        return
    assert status == 0 and out.startswith("# After-Action Report")
    if case.report == "ok":
        assert err == ""
    else:
        assert err and all(line.startswith(f"simex report: {path}: ") for line in err.splitlines())
        assert re.search(pattern, err), err
        assert "damaged journal" in out and re.search(pattern, out), "the report itself says so"


def test_resume(damaged, capsys):
    case, path, pattern = damaged
    before = path.read_bytes() if path.exists() else None
    for command in ("play", "serve"):
        args = build_parser().parse_args([command, "--resume", str(path)])
        assert open_session(args, command) == 1
        line = one_line(capsys.readouterr().err)
        assert line.startswith(f"simex {command}: {path}") and re.search(pattern, line), line
    assert (path.read_bytes() if path.exists() else None) == before, "a refused resume changes nothing"


@pytest.mark.parametrize("case", [c for c in CASES if c.name in (
    "event-deleted", "last-rows-deleted", "tail-replaced", "seal-not-a-number", "wal-not-copied", "event-unknown-kind",
    "event-time-not-a-number", "text-row-deleted", "command-payload-not-json")],
    ids=lambda case: case.name)
def test_a_report_in_another_language_says_what_is_damaged_in_it(case, pristine, tmp_path, capsys, monkeypatch):
    """The damage above a French report was listed in English under a French
    heading; the notes on the terminal were English whatever the language."""
    path = tmp_path / "day1.simex"
    shutil.copy(pristine, path)
    case.corrupt(path)
    monkeypatch.delenv("SIMEX_LANG", raising=False)
    assert main(["report", str(path)]) == 0
    english_out, english_err = capsys.readouterr()
    assert main(["report", str(path), "--lang", "fr"]) == 0
    out, err = capsys.readouterr()
    assert "journal endommagé" in out
    english = [line.split(": ", 2)[2] for line in english_err.splitlines()]
    french = [line.split(": ", 2)[2] for line in err.splitlines()]
    assert len(english) == len(french) > 0
    for said_in_english, said_in_french in zip(english, french):
        assert said_in_english != said_in_french
        assert said_in_english not in out and said_in_french in out


@pytest.mark.parametrize("case", [c for c in CASES if c.name in ("not-sqlite", "schema-not-a-number", "no-scenario")],
                         ids=lambda case: case.name)
def test_a_journal_refused_is_told_in_the_reader_language(case, pristine, tmp_path, capsys, monkeypatch):
    path = tmp_path / "day1.simex"
    shutil.copy(pristine, path)
    case.corrupt(path)
    monkeypatch.setenv("SIMEX_LANG", "fr")
    for command in (["replay", str(path)], ["report", str(path)]):
        assert main(command) != 0
        line = one_line(capsys.readouterr().err)
        assert line.startswith(f"simex {command[0]}: {path} : "), line
        assert "journal simex" in line or "journal ne contient pas" in line, line


def test_a_missing_journal_is_told_in_the_reader_language(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("SIMEX_LANG", "es")
    assert main(["replay", str(tmp_path / "nowhere.simex")]) == 2
    assert capsys.readouterr().err.strip().endswith("nowhere.simex: no existe ese archivo de diario")


def test_resume_refused_and_replay_warnings_in_the_reader_language(pristine, tmp_path, capsys):
    """`cannot resume` and what it names were English whatever --lang said."""
    path = tmp_path / "day1.simex"
    shutil.copy(pristine, path)
    delete_row("event")(path)
    args = build_parser().parse_args(["play", "--resume", str(path), "--lang", "fr"])
    assert open_session(args, "play") == 1
    line = one_line(capsys.readouterr().err)
    assert line.startswith(f"simex play: {path} : reprise impossible : ligne "), line
    assert "chaîne d'empreintes rompue" in line and "cannot" not in line


def test_a_meta_setting_replay_needs_is_named_in_the_reader_language(pristine, tmp_path, capsys, monkeypatch):
    path = tmp_path / "day1.simex"
    shutil.copy(pristine, path)
    set_meta("seed", "7.5x")(path)
    monkeypatch.setenv("SIMEX_LANG", "fr")
    assert main(["replay", str(path)]) == 2
    assert one_line(capsys.readouterr().err) == f"simex replay: {path} : 'seed' dans meta vaut '7.5x', et non un nombre entier"


# What each language says for the problems of the two rows below, and the
# English that must not appear in its report.
_UNREADABLE_SAID = {
    "fr": ("l'événement alien_landing ne peut pas être lu : il n'existe pas de type d'événement 'alien_landing'",
           "son heure 'later' n'est pas un nombre"),
    "ar": ("لا يمكن قراءة الحدث alien_landing: لا يوجد نوع حدث 'alien_landing'", "وقته 'later' ليس رقماً"),
}


@pytest.mark.parametrize("lang", sorted(_UNREADABLE_SAID))
@pytest.mark.parametrize("fmt", ["md", "html"])
def test_the_timeline_line_of_an_unreadable_event_gives_its_reason_in_the_report_language(
        lang, fmt, pristine, tmp_path, capsys):
    """The line standing for an unreadable event in the report's timeline said
    its reason in English under translated words ("Ligne du journal 2
    illisible : event alien_landing cannot be read: there is no event kind..."),
    while the damage list above it was translated."""
    said = _UNREADABLE_SAID[lang]
    for corrupt, english, translated in ((edit_row("event", "kind", "alien_landing"), "there is no event kind", said[0]),
                                         (edit_row("event", "t", "later"), "is not a number", said[1])):
        path = tmp_path / f"{len(list(tmp_path.iterdir()))}.simex"
        shutil.copy(pristine, path)
        corrupt(path)
        out = tmp_path / f"{path.stem}.{fmt}"
        assert main(["report", str(path), "--lang", lang, "-o", str(out)]) == 0
        capsys.readouterr()
        text = out.read_text()
        if fmt == "html":   # the timeline table as its reader sees it: no tags, no <bdi> around ids
            table = text[text.index('<table class="timeline"'):]
            timeline = html.unescape(re.sub(r"<[^>]+>", "", table[:table.index("</table>")]))
        else:
            timeline = "\n".join(line for line in text.splitlines() if line.startswith("| T+"))
        assert translated in timeline
        assert "cannot be read" not in text and english not in text


def test_the_json_report_keeps_the_unreadable_reason_in_english(pristine, tmp_path, capsys):
    path = tmp_path / "day1.simex"
    shutil.copy(pristine, path)
    edit_row("event", "kind", "alien_landing")(path)
    out = tmp_path / "day1.json"
    assert main(["report", str(path), "--lang", "fr", "-o", str(out)]) == 0
    capsys.readouterr()
    assert "there is no event kind 'alien_landing'" in out.read_text()
