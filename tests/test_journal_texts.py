"""A long text (a message body) is stored once in the journal, however many
rows carry it: the send_message command, message_sent and message_delivered.
The rows keep a reference; every reader sees the full text, the digest chain
still covers it, and journals written before (schema 1, body in each row)
still read, replay and resume.
"""
from __future__ import annotations

import shutil
import sqlite3

from simex.engine import commands as c
from simex.engine.exercise import Exercise
from simex.events import encode
from simex.journal import Journal, JournalReader, run_meta
from simex.replay import replay, resume
from tests.conftest import BORDER, ROOT

BODY = "Lane 3 portal alarm, truck NV-4471-KB held for secondary inspection. " * 30   # 2,100 characters
SCHEMA_1 = ROOT / "tests" / "data" / "journals" / "schema-1.simex"


def message_run(border, path, **journal_options):
    bots = ("norvalia-lp", "iaea")
    journal = Journal(path, meta=run_meta(BORDER.read_text(), str(BORDER), 7, "doctrine", bots), **journal_options)
    ex = Exercise(border, seed=7, bots="doctrine", bot_agencies=bots, sink=journal)
    ex.apply(c.SendMessage(t=600, sender="customs", recipient="police", channel="customs-police-radio",
                           subject="Alarm", body=BODY))
    ex.apply(c.SendMessage(t=900, sender="police", recipient="customs", channel="customs-police-radio",
                           subject="Re: Alarm", body="On our way."))
    ex.advance_to(1800)
    journal.close()
    return ex


def bodies(reader):
    return ([(e.kind, e.body) for e in reader.events() if e.kind.startswith("message_")],
            [(cmd.kind, cmd.body) for cmd in reader.commands()])


def test_a_message_body_is_stored_once(border, tmp_path):
    path = tmp_path / "j.simex"
    live = message_run(border, path)
    assert path.read_bytes().count(BODY.encode()) == 1
    reader = JournalReader(path)
    events, commands = bodies(reader)
    assert [encode(e) for e in reader.events()] == [encode(e) for e in live.events]
    reader.close()
    assert sorted(events) == [("message_delivered", BODY), ("message_delivered", "On our way."),
                              ("message_sent", BODY), ("message_sent", "On our way.")]
    assert commands == [("send_message", BODY), ("send_message", "On our way.")]


def test_readers_see_the_same_record_in_either_layout(border, tmp_path):
    """Only the storage differs: the same events, commands and digest chain."""
    message_run(border, tmp_path / "once.simex")
    message_run(border, tmp_path / "inline.simex", schema=1)
    old, new = JournalReader(tmp_path / "inline.simex"), JournalReader(tmp_path / "once.simex")
    assert (old.meta["schema"], new.meta["schema"]) == ("1", "2")
    assert [(e.row, e.kind, e.t, e.payload, e.digest) for e in old.entries()] == \
           [(e.row, e.kind, e.t, e.payload, e.digest) for e in new.entries()]
    assert bodies(old) == bodies(new)
    old.close(), new.close()
    assert (tmp_path / "inline.simex").read_bytes().count(BODY.encode()) == 3


def test_same_run_same_rows_and_texts(border, tmp_path):
    tables = []
    for name in ("a.simex", "b.simex"):
        message_run(border, tmp_path / name)
        db = sqlite3.connect(tmp_path / name)
        tables.append([db.execute(f"SELECT * FROM {table} ORDER BY 1").fetchall() for table in ("entries", "texts")])
        db.close()
    assert tables[0] == tables[1] and len(tables[0][1]) == 1


def _resume_send_again_and_replay(path):
    """Resume the journal, send the same long body again, and replay the result."""
    ex, journal = resume(path)
    ex.apply(c.SendMessage(t=ex.env.now, sender="customs", recipient="police", channel="customs-police-radio",
                           subject="Again", body=BODY))
    ex.advance_to(ex.env.now + 600)
    journal.close()
    report = replay(path)
    assert report.ok, report.message
    return report


def test_a_journal_with_shared_texts_replays_and_resumes(border, tmp_path):
    path = tmp_path / "j.simex"
    live = message_run(border, path)
    assert replay(path).ok
    report = _resume_send_again_and_replay(path)
    assert report.events > len(live.events) and path.read_bytes().count(BODY.encode()) == 1


def test_an_edited_text_is_named_by_replay(border, tmp_path):
    path = tmp_path / "j.simex"
    message_run(border, path)
    db = sqlite3.connect(path)
    db.execute("UPDATE texts SET text = replace(text, 'NV-4471-KB', 'NV-0000-XX')")
    db.commit()
    row = db.execute("SELECT seq FROM entries WHERE kind = 'send_message' ORDER BY seq").fetchone()[0]
    db.close()
    report = replay(path)
    assert not report.ok
    assert report.message.startswith(f"row {row}: ") and "texts" in report.message, report.message


def test_a_schema_1_journal_still_reads_replays_and_resumes(tmp_path):
    """tests/data/journals/schema-1.simex was written by simex before the texts
    table: each row carries its body. It resumes in its own layout, so an
    older simex can still read it."""
    path = tmp_path / "old.simex"
    shutil.copy(SCHEMA_1, path)
    reader = JournalReader(path)
    events, commands = bodies(reader)
    reader.close()
    old_body = "Lane 3 portal alarm, truck NV-4471-KB held. " * 20
    assert events == [("message_sent", old_body), ("message_delivered", old_body)]
    assert commands == [("send_message", old_body)]
    assert replay(path).ok
    report = _resume_send_again_and_replay(path)
    db = sqlite3.connect(path)
    assert db.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone() == ("1",)
    assert db.execute("SELECT name FROM sqlite_master WHERE name = 'texts'").fetchall() == []
    db.close()
    assert path.read_bytes().count(BODY.encode()) == 3
