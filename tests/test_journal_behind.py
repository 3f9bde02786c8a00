"""A journal committing behind (on its own thread, as a server's does) writes
exactly the rows it would write committing inline, tells when each flush is
committed, commits what waits together in one transaction, and after a
failed commit writes nothing more (a hole would break the chain)."""
from __future__ import annotations

import sqlite3
import sys
import threading

import pytest

from simex.engine import commands as c
from simex.engine.exercise import Exercise
from simex.journal import SWITCH_INTERVAL, Journal, JournalError, JournalReader, run_meta
from simex.session import LocalSession
from tests.conftest import BORDER

WAIT = 60.0   # seconds: only ever reached when something is wrong


class Gated(Journal):
    """A journal whose commits wait for `gate`; `entered` is set once a commit
    has begun waiting, and `grouped` counts the batches of each commit."""

    def __init__(self, *args, **kwargs):
        self.gate, self.entered = threading.Event(), threading.Event()
        self.gate.set()
        self.grouped: list[int] = []     # batches per commit made on the journal's thread
        self.threads: set[str] = set()
        super().__init__(*args, **kwargs)

    def _commit(self, batches):
        if threading.current_thread() is threading.main_thread():   # before commit_behind, or never behind
            self.threads.add("main")
            return super()._commit(batches)
        self.threads.add(threading.current_thread().name)
        self.entered.set()
        assert self.gate.wait(WAIT), "the test never opened the gate"
        self.grouped.append(len(batches))
        super()._commit(batches)

    def hold(self) -> None:
        self.entered.clear()
        self.gate.clear()


def exercise_with(journal_class, path, border):
    agencies = tuple(a.id for a in border.agencies if a.played_by == "simulated")
    journal = journal_class(path, meta=run_meta(BORDER.read_text(), str(BORDER), 7, "doctrine", agencies))
    ex = Exercise(border, seed=7, bots="doctrine", bot_agencies=agencies, sink=journal)
    ex.start()
    return ex, journal


COMMANDS = [
    c.AddInject(t=600, to=("customs",), synopsis="Radiation portal alarm", text="lane 3"),
    c.RecordObservation(t=900, evaluator="eva", text="Customs called the regulator", objective="OBJ1"),
    c.AddInject(t=1200, to=("police", "customs"), synopsis="Vehicle left", text="north exit"),
    c.RecordObservation(t=1500, evaluator="eva", text="No briefing", objective="OBJ1"),
]


def rows_and_seal(path):
    reader = JournalReader(path)
    try:
        rows = [tuple(e) for e in reader.entries()]
        seal = {k: reader.meta[k] for k in ("sealed_entries", "sealed_head")}
        texts = sorted(reader.db.execute("SELECT * FROM texts"))
    finally:
        reader.close()
    return rows, seal, texts


def test_committing_behind_writes_the_rows_committing_inline_writes(border, tmp_path):
    inline, journal = exercise_with(Journal, tmp_path / "inline.simex", border)
    for command in COMMANDS:
        inline.apply(command)
    inline.advance_to(3600)
    journal.close()

    behind, gated = exercise_with(Gated, tmp_path / "behind.simex", border)
    gated.commit_behind()
    gated.hold()
    behind.apply(COMMANDS[0])
    assert gated.entered.wait(WAIT)
    for command in COMMANDS[1:]:          # these wait while the first commit is held
        behind.apply(command)
    behind.advance_to(3600)
    gated.gate.set()
    gated.close()

    assert rows_and_seal(tmp_path / "behind.simex") == rows_and_seal(tmp_path / "inline.simex")
    assert [e.kind for e in JournalReader(tmp_path / "behind.simex").commands()] == [x.kind for x in COMMANDS]
    # Everything that waited while the first commit was held went in one more.
    assert len(gated.grouped) == 2 and gated.grouped[1] > len(COMMANDS) - 1
    assert "journal behind.simex" in gated.threads


def test_a_flush_is_committed_only_when_committing_says_so(border, tmp_path):
    ex, gated = exercise_with(Gated, tmp_path / "j.simex", border)
    gated.commit_behind()
    gated.hold()
    ex.apply(COMMANDS[0])
    assert gated.entered.wait(WAIT)
    done = gated.committing()
    assert not done.done()
    reader = JournalReader(tmp_path / "j.simex")
    assert reader.commands() == []            # not in the file while the commit is held
    reader.close()
    assert gated.committed_events < len(ex.events)
    gated.gate.set()
    assert done.result(WAIT) is None
    assert gated.committed_events == len(ex.events)
    reader = JournalReader(tmp_path / "j.simex")
    assert [cmd.kind for cmd in reader.commands()] == ["add_inject"]
    reader.close()
    gated.close()


def test_after_a_failed_commit_nothing_more_is_written(border, tmp_path):
    class Failing(Journal):
        def _commit(self, batches):
            if any(b.command for b in batches):
                raise sqlite3.OperationalError("disk I/O error")
            super()._commit(batches)

    ex, journal = exercise_with(Failing, tmp_path / "j.simex", border)
    journal.commit_behind()
    ex.apply(COMMANDS[0])
    with pytest.raises(sqlite3.OperationalError, match="disk I/O error"):
        journal.wait()
    with pytest.raises(JournalError, match="an earlier commit failed .disk I/O error."):
        ex.advance_to(1800)
    with pytest.raises(JournalError):
        journal.close()
    reader = JournalReader(tmp_path / "j.simex")
    assert reader.commands() == []
    reader.close()


def test_a_commit_that_fails_while_closing_is_said_by_close(border, tmp_path):
    class FailsHeld(Gated):
        def _commit(self, batches):
            if threading.current_thread() is not threading.main_thread():
                self.entered.set()
                assert self.gate.wait(WAIT)
                raise sqlite3.OperationalError("disk I/O error")
            super()._commit(batches)

    ex, journal = exercise_with(FailsHeld, tmp_path / "j.simex", border)
    journal.commit_behind()
    journal.hold()
    ex.apply(COMMANDS[0])
    assert journal.entered.wait(WAIT)
    journal.gate.set()
    with pytest.raises(JournalError, match="an earlier commit failed"):
        journal.close()
    reader = JournalReader(tmp_path / "j.simex")
    assert reader.commands() == [] and reader.meta["writer"] == "closed"
    reader.close()


def test_the_console_in_the_servers_process_waits_for_its_own_commands_commit(tmp_path):
    session = LocalSession.new(BORDER, journal_path=tmp_path / "j.simex")
    gated = Gated(tmp_path / "g.simex", meta={})
    session.journal.close()
    session.journal = session.exercise.sink = gated
    gated.commit_behind()
    gated.hold()
    done = threading.Event()
    worker = threading.Thread(target=lambda: (session.do(c.AddInject, to=("customs",), synopsis="s", text="t"),
                                              done.set()))
    worker.start()
    assert gated.entered.wait(WAIT)
    assert not done.is_set()              # held with the commit: the console has not shown it done
    gated.gate.set()
    worker.join(WAIT)
    assert done.is_set()
    reader = JournalReader(tmp_path / "g.simex")
    assert [cmd.kind for cmd in reader.commands()][-1] == "add_inject"
    reader.close()
    session.close()


def test_committing_inline_a_failed_commit_keeps_its_rows_for_the_next_flush(border, tmp_path):
    class FailsOnce(Journal):
        failures = 1

        def _commit(self, batches):
            if self.failures and any(b.command for b in batches):
                self.failures -= 1
                raise sqlite3.OperationalError("database is locked")
            super()._commit(batches)

    ex, journal = exercise_with(FailsOnce, tmp_path / "j.simex", border)
    with pytest.raises(sqlite3.OperationalError, match="locked"):
        ex.apply(COMMANDS[0])
    journal.wait()                      # nothing is left waiting on the failed commit
    ex.advance_to(1800)                 # the next flush writes the rows the failed one held
    journal.close()
    reader = JournalReader(tmp_path / "j.simex")
    assert [cmd.kind for cmd in reader.commands()] == ["add_inject"]
    assert len(reader.events()) == len(ex.events)
    reader.close()


def test_the_gil_switch_interval_is_lowered_only_while_a_journal_commits_behind(border, tmp_path):
    before = sys.getswitchinterval()
    _, first = exercise_with(Journal, tmp_path / "a.simex", border)
    _, second = exercise_with(Journal, tmp_path / "b.simex", border)
    first.commit_behind()
    second.commit_behind()
    assert sys.getswitchinterval() == pytest.approx(min(before, SWITCH_INTERVAL))
    first.close()
    assert sys.getswitchinterval() == pytest.approx(min(before, SWITCH_INTERVAL))   # the other still commits behind
    second.close()
    assert sys.getswitchinterval() == pytest.approx(before)     # the process's own setting, put back


def test_a_journal_that_never_commits_behind_loads_no_thread_machinery():
    """`simex run`, `report` and `replay` open journals that commit inline:
    the futures and the queue the committer needs stay out of their start-up."""
    import subprocess
    import sys

    code = ("import sys, tempfile, pathlib; from simex.journal import Journal; "
            "d = tempfile.mkdtemp(); j = Journal(pathlib.Path(d) / 'j.simex'); j.flush(); j.wait(); j.close(); "
            "print(sorted(m for m in ('concurrent.futures', 'queue') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120)
    assert out.stdout.strip() == "[]"


def clocked_session(journal_class, monkeypatch, tmp_path) -> LocalSession:
    """A session started (STARTEX committed inline), then committing behind as a
    server's does, ten minutes in: border-detection's first world event is at
    2812 s (seed 7), so the minutes after the first tick make no row."""
    monkeypatch.setattr("simex.session.Journal", journal_class)
    session = LocalSession.new(BORDER, journal_path=tmp_path / "j.simex")
    session.resume()
    session.commit_behind()
    session.tick(100)                        # the inject due at STARTEX: one batch
    session.committing().result(WAIT)
    session.tick(500)                        # nothing: no row
    assert session.committed_clock == (600.0, "running", 1.0)    # nothing under way: the present
    return session


def test_the_committed_clock_says_a_speed_and_the_time_once_committed(monkeypatch, tmp_path):
    session = clocked_session(Gated, monkeypatch, tmp_path)
    gated = session.journal
    gated.hold()
    session.exercise.apply(c.SetSpeed(t=session.now, speed=5.0))
    assert session.speed == 5.0
    # The quiet minutes are not taken back (the last batch before them was at
    # 100 s), and the speed waits for its commit.
    assert session.committed_clock == (600.0, "running", 1.0)
    session.tick(1000)                        # 5,000 s at speed 5: world events, their commit behind the held one
    assert session.committed_events < len(session.events)
    assert session.committed_clock == (600.0, "running", 1.0)
    gated.gate.set()
    session.committing().result(WAIT)
    assert session.committed_clock == (5600.0, "running", 5.0)
    session.close()


def test_the_committed_clock_never_passes_a_failed_commit(monkeypatch, tmp_path):
    class Failing(Journal):
        def _commit(self, batches):
            if any(b.command for b in batches) and threading.current_thread() is not threading.main_thread():
                raise sqlite3.OperationalError("disk I/O error")
            super()._commit(batches)

    session = clocked_session(Failing, monkeypatch, tmp_path)
    session.exercise.apply(c.Pause(t=session.now))
    with pytest.raises(sqlite3.OperationalError):
        session.committing().result(WAIT)
    assert session.status == "paused"
    assert session.committed_clock == (600.0, "running", 1.0)    # the journal does not hold the pause
    with pytest.raises(JournalError):
        session.close()
