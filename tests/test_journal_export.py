"""Moving a journal to another laptop. After a crash the newest entries sit in
the `-wal` file beside the journal; a copy of the journal file alone is
recognised and refused instead of silently missing its end, and `simex
journal export` writes one file that holds everything. A clean close
leaves one complete file."""
from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import sys

import pytest

from simex.cli import build_parser, main
from simex.commands._session import open_session
from simex.engine import commands as c
from simex.journal import JournalError, JournalReader, wal_file
from simex.replay import replay
from simex.session import LocalSession
from tests.conftest import BORDER, ROOT
from tests.test_journal import KILLED


@pytest.fixture
def crashed(tmp_path):
    """A journal whose process was killed (kill -9) after three commands
    (test_journal's KILLED script)."""
    path = tmp_path / "laptop-a" / "day1.simex"
    path.parent.mkdir()
    proc = subprocess.Popen([sys.executable, "-c", KILLED, str(path), str(BORDER)], cwd=ROOT,
                            stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "ready"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert wal_file(path).stat().st_size > 0, "the crash left entries in the -wal file"
    return path


def copy_alone(path, folder):
    """What a facilitator does who copies only day1.simex to a USB stick."""
    folder.mkdir()
    return shutil.copy(path, folder / path.name)


def commands_in(path) -> list[str]:
    reader = JournalReader(path)
    kinds = [cmd.kind for cmd in reader.commands()]
    reader.close()
    return kinds


def test_a_copy_without_the_wal_is_refused_and_says_what_to_copy(crashed, tmp_path, capsys):
    alone = copy_alone(crashed, tmp_path / "laptop-b")
    with pytest.raises(JournalError, match=r"not closed cleanly and its day1\.simex-wal file is not beside it"):
        replay(alone)
    assert main(["replay", str(alone)]) == 2
    args = build_parser().parse_args(["serve", "--resume", str(alone)])
    assert open_session(args, "serve") == 1
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 2 and all("copy day1.simex-wal into the same folder" in line for line in err)
    shutil.copy(wal_file(crashed), wal_file(alone))          # the missing file, copied after all
    report = replay(alone)
    assert report.ok, report.message
    assert commands_in(alone) == ["deliver_inject", "record_decision", "take_action"]


def test_export_writes_one_file_that_replays_and_resumes_elsewhere(crashed, tmp_path, capsys):
    exported = tmp_path / "usb" / "day1.simex"
    exported.parent.mkdir()
    before = crashed.read_bytes(), wal_file(crashed).read_bytes()
    assert main(["journal", "export", str(crashed), str(exported)]) == 0
    assert capsys.readouterr().out.startswith(f"{exported}: ")
    assert sorted(p.name for p in exported.parent.iterdir()) == ["day1.simex"]
    assert (crashed.read_bytes(), wal_file(crashed).read_bytes()) == before, "the original is left alone"
    elsewhere = copy_alone(exported, tmp_path / "laptop-b")
    assert commands_in(elsewhere) == ["deliver_inject", "record_decision", "take_action"]
    assert replay(elsewhere).ok
    session = LocalSession.reopen(elsewhere)
    session.do(c.RecordObservation, evaluator="eva", text="Continued on laptop B")
    session.close()
    report = replay(elsewhere)
    assert report.ok and report.commands == 4, report.message


def test_export_of_a_journal_missing_its_wal_needs_the_loss_accepted(crashed, tmp_path, capsys):
    alone = copy_alone(crashed, tmp_path / "laptop-b")
    out = tmp_path / "kept.simex"
    assert main(["journal", "export", str(alone), str(out)]) == 1
    [line] = capsys.readouterr().err.splitlines()
    assert line.startswith(f"simex journal export: {alone}: the journal was not closed cleanly")
    assert not out.exists()
    assert main(["journal", "export", str(alone), str(out), "--accept-loss"]) == 0
    assert "loss accepted" in capsys.readouterr().out
    report = replay(out)
    assert report.ok, report.message
    assert report.warnings == [f"this copy was resealed after a loss: day1.simex exported with the "
                               f"{report.verified} entries it held; its -wal file was missing"]
    session = LocalSession.reopen(out)          # play can go on from what was kept
    session.close()


def test_export_never_overwrites(crashed, tmp_path, capsys):
    out = tmp_path / "taken.simex"
    out.write_text("precious")
    assert main(["journal", "export", str(crashed), str(out)]) == 1
    assert capsys.readouterr().err.strip() == f"simex journal export: {out} already exists; choose another file"
    assert out.read_text() == "precious"


def test_a_clean_close_leaves_one_complete_file(tmp_path):
    path = tmp_path / "day1.simex"
    session = LocalSession.new(BORDER, journal_path=path)
    session.jump_to(600)
    session.do(c.RecordObservation, evaluator="eva", text="Calm start")
    session.close()
    assert not wal_file(path).exists()
    alone = copy_alone(path, tmp_path / "laptop-b")
    report = replay(alone)
    assert report.ok and report.commands == 2, report.message


DIES = r"""
import sys
from simex.engine import commands as c
from simex.session import LocalSession
session = LocalSession.new(sys.argv[2], journal_path=sys.argv[1])
session.jump_to(600)
session.do(c.RecordObservation, evaluator="eva", text="Calm start")
raise RuntimeError("a console bug: the process ends without closing the journal")
"""


def test_a_process_that_dies_of_an_exception_still_leaves_a_complete_file(tmp_path):
    """Python then closes the SQLite connection, which folds the -wal into the
    file and deletes it; the journal is marked closed first, so the file alone
    is not mistaken for one whose -wal went missing."""
    path = tmp_path / "day1.simex"
    proc = subprocess.run([sys.executable, "-c", DIES, str(path), str(BORDER)], cwd=ROOT,
                          capture_output=True, text=True)
    assert proc.returncode == 1 and "a console bug" in proc.stderr
    alone = copy_alone(path, tmp_path / "laptop-b")
    report = replay(alone)
    assert report.ok and report.commands == 2, report.message


def test_each_command_is_forced_to_disk_before_it_is_acknowledged(tmp_path):
    """A command's commit runs with synchronous=FULL, so the -wal is on disk
    when apply returns (and the server acknowledges); flushes of events alone
    run with NORMAL, as resume recreates them."""
    session = LocalSession.new(BORDER, journal_path=tmp_path / "day1.simex")
    statements = []
    session.journal.db.set_trace_callback(statements.append)
    session.jump_to(600)
    session.do(c.RecordObservation, evaluator="eva", text="Calm start")
    session.tick(0)
    session.close()

    commits, mode, holds_command = [], None, False
    for s in statements:
        if s.startswith("PRAGMA synchronous="):
            mode = s.split("=")[1]
        elif s == "BEGIN":
            holds_command = False
        elif s.startswith("INSERT INTO entries"):
            holds_command = holds_command or "'command'" in s
        elif s == "COMMIT":
            commits.append((mode, holds_command))
    assert ("FULL", True) in commits and ("NORMAL", False) in commits
    assert all(m == "FULL" for m, command in commits if command)


def test_the_missing_wal_is_explained_in_the_reader_language(crashed, tmp_path, capsys, monkeypatch):
    """What to copy, and from where, was English whatever the language."""
    alone = copy_alone(crashed, tmp_path / "laptop-b")
    monkeypatch.setenv("SIMEX_LANG", "fr")
    assert main(["journal", "export", str(alone), str(tmp_path / "out.simex")]) != 0
    err = capsys.readouterr().err
    assert "copiez day1.simex-wal dans le même dossier" in err.lower() and "copy" not in err
