"""Branch (rewind): `simex branch JOURNAL --at T -o NEW` keeps the exercise
up to T, verified by replay, and leaves the original untouched; resuming the
branch carries on live from T."""
from __future__ import annotations

import hashlib
import sqlite3

import pytest

from simex.branch import parent_of
from simex.cli import main
from simex.engine import commands as c
from simex.journal import JournalReader
from simex.replay import replay
from simex.session import LocalSession
from tests.conftest import BORDER

HOUR = 3600.0


def digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def played(tmp_path):
    """A border exercise played by people to 4 h: a message at 1 h, a decision at 3 h."""
    path = tmp_path / "live.simex"
    s = LocalSession.new(BORDER, journal_path=path)
    s.jump_to(1 * HOUR)
    s.do(c.SendMessage, sender="customs", recipient="police", channel="customs-police-radio",
         subject="truck held at lane 3")
    s.jump_to(3 * HOUR)
    s.do(c.RecordDecision, agency="police", decision="set up a cordon")
    s.jump_to(4 * HOUR)
    s.close()
    return path


def rows(path, before=None):
    reader = JournalReader(path)
    try:
        return [(e.type, e.kind, e.t, e.payload, e.digest) for e in reader.entries()
                if before is None or e.t < before]
    finally:
        reader.close()


def test_a_branch_holds_the_original_up_to_t_and_replays(played, tmp_path, capsys):
    """The branch's entries are the original's before T, row for row (the
    digest chain included); it replays; the original's bytes do not change."""
    before = digest(played)
    new = tmp_path / "branch.simex"
    assert main(["branch", str(played), "--at", "02:30:00", "-o", str(new)]) == 0
    out = capsys.readouterr().out
    assert "branch of live.simex at T+02:30:00" in out and f"simex play --resume {new}" in out
    assert digest(played) == before
    assert rows(new) == rows(played, before=2.5 * HOUR)
    assert [k for t, k, *_ in rows(new) if t == "command"] == ["jump_to", "send_message"]
    assert replay(new).ok
    reader = JournalReader(new)
    parent = parent_of(reader.meta)
    reader.close()
    assert parent.name == "live.simex" and parent.at == 2.5 * HOUR
    assert parent.head == rows(played)[-1][4] and parent.entries == len(rows(played))


def test_the_same_journal_and_time_give_the_same_branch_bytes(played, tmp_path):
    main(["branch", str(played), "--at", "2h30m", "-o", str(tmp_path / "a.simex")])
    main(["branch", str(played), "--at", "T+02:30:00", "-o", str(tmp_path / "b.simex")])
    assert (tmp_path / "a.simex").read_bytes() == (tmp_path / "b.simex").read_bytes()


def test_resuming_a_branch_continues_from_t_and_a_new_command_lands(played, tmp_path):
    """The clock resumes at T, not at the parent's end nor at the branch's
    last event; a different decision at T journals and replays."""
    new = tmp_path / "branch.simex"
    main(["branch", str(played), "--at", "2h30m", "-o", str(new)])
    s = LocalSession.reopen(new)
    assert s.now == 2.5 * HOUR and s.status == "paused"
    s.do(c.RecordDecision, agency="police", decision="call the regulator first")
    s.jump_to(3.5 * HOUR)
    s.close()
    decisions = [e.decision for e in JournalReader(new).events() if e.kind == "decision_recorded"]
    assert decisions == ["call the regulator first"]
    assert replay(new).ok
    assert [e.decision for e in JournalReader(played).events() if e.kind == "decision_recorded"] == \
        ["set up a cordon"]


def test_at_command_branches_at_that_commands_time(played, tmp_path):
    """C4 is the decision at 3 h: the branch stops before 3 h, so the jump to
    3 h (C3, at the same time) is left out with it; resuming starts at 3 h."""
    new = tmp_path / "before-decision.simex"
    assert main(["branch", str(played), "--at-command", "C4", "-o", str(new)]) == 0
    assert [k for t, k, *_ in rows(new) if t == "command"] == ["jump_to", "send_message"]
    resumed = LocalSession.reopen(new)
    assert resumed.now == 3 * HOUR
    resumed.close()


def test_a_damaged_journal_is_refused_and_nothing_is_written(played, tmp_path, capsys):
    before = digest(played)
    db = sqlite3.connect(played)
    db.execute("UPDATE entries SET payload = replace(payload, 'cordon', 'roadblock') WHERE kind = 'decision_recorded'")
    db.commit()
    db.close()
    damaged = digest(played)
    assert damaged != before
    new = tmp_path / "branch.simex"
    assert main(["branch", str(played), "--at", "2h", "-o", str(new)]) == 1
    err = capsys.readouterr().err
    assert "cannot branch: the journal does not replay" in err and "simex replay" in err
    assert not new.exists() and not list(tmp_path.glob(".*part*"))
    assert digest(played) == damaged


def test_a_time_outside_the_journal_is_refused(played, tmp_path, capsys):
    assert main(["branch", str(played), "--at", "5h", "-o", str(tmp_path / "x.simex")]) == 1
    assert "cannot branch at T+05:00:00: the journal covers T+00:00:00 to T+04:00:00" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["branch", str(played), "--at", "half past two", "-o", str(tmp_path / "x.simex")])
    assert "expected a scenario time like '02:30:00'" in capsys.readouterr().err


def test_an_existing_file_is_never_overwritten(played, tmp_path, capsys):
    taken = tmp_path / "taken.simex"
    taken.write_text("mine")
    assert main(["branch", str(played), "--at", "2h", "-o", str(taken)]) == 1
    assert taken.read_text() == "mine" and "already exists" in capsys.readouterr().err


def test_journal_show_names_the_parent_and_numbers_the_commands(played, tmp_path, capsys):
    new = tmp_path / "branch.simex"
    main(["branch", str(played), "--at", "2h30m", "-o", str(new)])
    capsys.readouterr()
    assert main(["journal", "show", str(new)]) == 0
    out = capsys.readouterr().out
    assert "branch of live.simex at T+02:30:00" in out
    assert "C2    T+01:00:00  send_message" in out and "C3 " not in out


def test_the_report_of_a_branch_names_it_and_its_parent(played, tmp_path, capsys):
    new = tmp_path / "branch.simex"
    main(["branch", str(played), "--at", "2h30m", "-o", str(new)])
    capsys.readouterr()
    assert main(["report", str(new), "--format", "md"]) == 0
    overview = next(part for part in capsys.readouterr().out.split("\n## ") if part.startswith("Exercise overview"))
    assert "Journal branch.simex is a branch of live.simex" in overview and "before T+02:30:00" in overview
    assert main(["report", str(new), "--format", "json"]) == 0
    assert '"branch": {\n    "name": "live.simex"' in capsys.readouterr().out
    assert main(["report", str(played), "--format", "md"]) == 0
    assert "is a branch of" not in capsys.readouterr().out
