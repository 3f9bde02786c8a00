"""The journal records everything; replay verifies it; a hand edit is caught;
a killed process's journal resumes with every acknowledged command."""
from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys

import pytest

from simex.engine import commands as c
from simex.engine.exercise import Exercise
from simex.events import encode
from simex.journal import Journal, JournalError, JournalReader, run_meta
from simex.replay import replay, resume
from tests.conftest import BORDER, ROOT


def start(border, path, bots="doctrine", seed=7, agencies=None):
    agencies = tuple(a.id for a in border.agencies) if agencies is None else agencies
    journal = Journal(path, meta=run_meta(BORDER.read_text(), str(BORDER), seed, bots, agencies))
    ex = Exercise(border, seed=seed, bots=bots, bot_agencies=agencies, sink=journal)
    ex.start()
    return ex, journal


def test_journal_holds_every_event_and_command(border, tmp_path):
    ex, journal = start(border, tmp_path / "j.simex", agencies=("norvalia-lp", "iaea"))
    ex.apply(c.RecordObservation(t=600, evaluator="eva", text="Calm start", objective="OBJ1"))
    ex.run_to_end()
    journal.close()
    reader = JournalReader(tmp_path / "j.simex")
    assert [encode(e) for e in reader.events()] == [encode(e) for e in ex.events]
    assert [cmd.kind for cmd in reader.commands()] == ["record_observation"]
    assert reader.commands()[0].t == 600
    mode = sqlite3.connect(tmp_path / "j.simex").execute("PRAGMA journal_mode").fetchone()[0]
    assert mode == "wal"


def test_events_read_from_a_journal_keep_one_copy_of_each_repeated_text(border, tmp_path):
    """A report reads every event of a journal and keeps them while it
    evaluates: the agencies, expectation ids and world facts' words that
    thousands of rows repeat are held once, not once per row."""
    ex, journal = start(border, tmp_path / "j.simex")
    ex.run_to_end()
    journal.close()
    reader = JournalReader(tmp_path / "j.simex")
    events = reader.events()
    reader.close()
    assert [encode(e) for e in events] == [encode(e) for e in ex.events]
    opened = [e for e in events if e.kind == "expectation_opened"]
    alarms = [e for e in events if e.kind == "world" and e.name == "alarm"]
    assert len(opened) > 2 and len(alarms) > 2
    assert len({id(e.who) for e in opened}) == len({e.who for e in opened})
    assert len({id(key) for e in alarms for key in e.facts}) == len({key for e in alarms for key in e.facts})
    assert len({id(e.truth["cause"]) for e in alarms}) == len({e.truth["cause"] for e in alarms})


def test_same_run_same_journal_rows(border, tmp_path):
    contents = []
    for name in ("a.simex", "b.simex"):
        ex, journal = start(border, tmp_path / name, bots="weak")
        ex.run_to_end()
        journal.close()
        contents.append(sqlite3.connect(tmp_path / name).execute("SELECT * FROM entries ORDER BY seq").fetchall())
    assert contents[0] == contents[1] and len(contents[0]) > 50


def test_replay_verifies_a_run_with_human_commands(border, tmp_path):
    ex, journal = start(border, tmp_path / "j.simex", agencies=("norvalia-lp", "iaea", "regulator"))
    ex.apply(c.DeliverInject(t=300, inject="I02"))
    ex.apply(c.AddInject(t=400, to=("customs",), synopsis="Shift change", text="New team"))
    ex.advance_to(7900)
    ex.apply(c.TakeAction(t=7900, agency="customs", action="secondary_inspection", params={"vehicle": "NV-4471-KB"}))
    ex.apply(c.SendMessage(t=8000, sender="customs", recipient="police", channel="customs-police-radio",
                           subject="Alarm", facts={"vehicle": "NV-4471-KB"}))
    ex.run_to_end()
    journal.close()
    report = replay(tmp_path / "j.simex")
    assert report.ok, report.message
    assert report.commands == 4 and report.events == len(ex.events)


def edit_row(path, kind, change):
    """Edit the first row of a kind, as someone with a SQLite browser would."""
    db = sqlite3.connect(path)
    seq, payload = db.execute("SELECT seq, payload FROM entries WHERE kind=? ORDER BY seq LIMIT 1", (kind,)).fetchone()
    db.execute("UPDATE entries SET payload=? WHERE seq=?", (change(payload), seq))
    db.commit()
    db.close()
    return seq


def test_a_hand_edited_event_is_named(border, tmp_path):
    ex, journal = start(border, tmp_path / "j.simex")
    ex.run_to_end()
    journal.close()
    seq = edit_row(tmp_path / "j.simex", "action_taken", lambda p: p.replace("customs", "police", 1))
    report = replay(tmp_path / "j.simex")
    assert not report.ok and f"row {seq}" in report.message


def test_an_edit_that_recomputes_nothing_still_breaks_the_digest_chain(border, tmp_path):
    """Editing an observation's text changes no other event, so replay alone
    could not see it; the digest chain does."""
    ex, journal = start(border, tmp_path / "j.simex")
    ex.apply(c.RecordObservation(t=60, evaluator="eva", text="Customs hesitated"))
    ex.run_to_end()
    journal.close()
    flip = lambda p: p.replace("hesitated", "excelled")
    seq = edit_row(tmp_path / "j.simex", "record_observation", flip)
    edit_row(tmp_path / "j.simex", "observation_recorded", flip)  # consistent: replay reproduces it
    report = replay(tmp_path / "j.simex")
    assert not report.ok
    assert report.message == f"row {seq}: the row was changed after it was written (digest chain broken)"


def test_a_journal_missing_its_last_rows_is_reported_truncated(border, tmp_path):
    ex, journal = start(border, tmp_path / "j.simex")
    ex.apply(c.RecordObservation(t=60, evaluator="eva", text="Customs hesitated"))
    ex.run_to_end()
    journal.close()
    db = sqlite3.connect(tmp_path / "j.simex")
    total = db.execute("SELECT count(*) FROM entries").fetchone()[0]
    db.execute("DELETE FROM entries WHERE seq >= ?", (total - 3,))
    db.commit()
    db.close()
    report = replay(tmp_path / "j.simex")
    assert not report.ok
    assert report.message == (f"truncated: the seal says {total} entries, the file holds {total - 3}: "
                              "the last 3 are missing")
    assert (report.verified, report.total) == (total - 3, total)


def rechain(path, start: int) -> None:
    """Recompute every digest from row `start` on, as a careful forger would:
    over the full payload, long texts put back from the texts table (the
    journal digests a row before it stores its long text apart)."""
    from simex.journal import chain_digest
    from simex.journal_texts import TextReader

    db = sqlite3.connect(path)
    texts = TextReader(db)
    previous = db.execute("SELECT digest FROM entries WHERE seq = ?", (start - 1,)).fetchone()[0]
    for seq, t, type_, kind, payload in db.execute(
            "SELECT seq, t, type, kind, payload FROM entries WHERE seq >= ? ORDER BY seq", (start,)).fetchall():
        previous = chain_digest(previous, type_, kind, t, texts.expand(payload)[0])
        db.execute("UPDATE entries SET digest = ? WHERE seq = ?", (previous, seq))
    db.commit()
    db.close()


def test_an_edit_with_recomputed_digests_is_still_caught_by_the_seal(border, tmp_path):
    ex, journal = start(border, tmp_path / "j.simex")
    ex.apply(c.RecordObservation(t=60, evaluator="eva", text="Customs hesitated"))
    ex.run_to_end()
    journal.close()
    flip = lambda p: p.replace("hesitated", "excelled")
    seq = edit_row(tmp_path / "j.simex", "record_observation", flip)
    edit_row(tmp_path / "j.simex", "observation_recorded", flip)
    rechain(tmp_path / "j.simex", seq)
    report = replay(tmp_path / "j.simex")
    assert not report.ok
    assert report.message.endswith("the last entry is not the one the journal was sealed with")


def test_an_older_journal_without_a_seal_verifies_and_is_sealed_when_resumed(border, tmp_path):
    path = tmp_path / "old.simex"
    ex, journal = start(border, path, agencies=("norvalia-lp", "iaea"))
    ex.advance_to(9000)
    journal.close()
    db = sqlite3.connect(path)
    db.execute("DELETE FROM meta WHERE key IN ('sealed_entries', 'sealed_head', 'writer')")
    db.commit()
    db.close()
    report = replay(path)
    assert report.ok and report.message.endswith("(an older journal without a seal: a missing end would not show)")
    ex, journal = resume(path)
    ex.apply(c.RecordObservation(t=9100, evaluator="eva", text="Back"))
    journal.close()
    report = replay(path)
    assert report.ok and report.message == f"verified: {report.events} events and 1 command reproduced exactly"


def test_replay_tells_its_verdict_in_the_readers_language(border, tmp_path, capsys, monkeypatch):
    """A French reader of `simex replay` reads the result line in French, the
    difference too; the report itself stays English for tests and scripts."""
    from simex.cli import main

    path = tmp_path / "j.simex"
    ex, journal = start(border, path)
    ex.run_to_end()
    journal.close()
    monkeypatch.setenv("SIMEX_LANG", "fr")
    assert main(["replay", str(path)]) == 0
    events = replay(path).events
    said = f"vérifié : {events} événements et 0 commande reproduits à l'identique"
    assert capsys.readouterr().out == f"{path}: {said}\n"
    seq = edit_row(path, "action_taken", lambda p: p.replace("customs", "police", 1))
    assert main(["replay", str(path)]) == 1
    out = capsys.readouterr().out
    assert out.startswith(f"{path}: ligne {seq} : action_taken enregistré à t=")
    assert "\n  le rejeu donne action_taken à t=" in out
    assert replay(path).message.startswith(f"row {seq}: recorded action_taken at t=")


def test_replay_refuses_a_file_that_is_not_a_journal(tmp_path):
    junk = tmp_path / "junk.simex"
    junk.write_bytes(b"\x00\x01 not sqlite" * 100)
    with pytest.raises(JournalError, match="not a simex journal"):
        replay(junk)
    with pytest.raises(JournalError, match="no such journal"):
        replay(tmp_path / "missing.simex")


def test_a_journal_in_a_folder_named_with_uri_characters_is_read(border, tmp_path):
    """The reader opens the file by URI (read-only); `#`, `?` and `%` in a
    path must not cut it short."""
    path = tmp_path / "day #1?" / "kessin%20.simex"
    ex, journal = start(border, path)
    ex.advance_to(3600)
    journal.close()
    assert replay(path).ok


def test_a_journal_is_never_overwritten(border, tmp_path):
    ex, journal = start(border, tmp_path / "j.simex")
    journal.close()
    with pytest.raises(JournalError, match="already exists"):
        start(border, tmp_path / "j.simex")


KILLED = r"""
import sys, time
from simex.engine import commands as c
from simex.engine.exercise import Exercise
from simex.journal import Journal, run_meta
from simex.scenario.loader import load_scenario
path, border = sys.argv[1], sys.argv[2]
s = load_scenario(border)
bots = ("norvalia-lp", "iaea")
j = Journal(path, meta=run_meta(open(border).read(), border, 7, "doctrine", bots))
ex = Exercise(s, seed=7, bots="doctrine", bot_agencies=bots, sink=j)
ex.apply(c.DeliverInject(t=120, inject="I02"))
ex.apply(c.RecordDecision(t=7900, agency="customs", decision="Close lane 2", rationale="alarm"))
ex.apply(c.TakeAction(t=7950, agency="customs", action="secondary_inspection", params={"vehicle": "NV-4471-KB"}))
ex.advance_to(8400)   # events up to here are flushed
print("ready", flush=True)
time.sleep(60)
"""


def test_killed_process_resumes_with_every_acknowledged_command(tmp_path):
    path = tmp_path / "killed.simex"
    proc = subprocess.Popen([sys.executable, "-c", KILLED, str(path), str(BORDER)], cwd=ROOT,
                            stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "ready"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert JournalReader(path).commands()[-1].kind == "take_action"
    ex, journal = resume(path)
    assert ex.now == pytest.approx(8400, abs=1e-6) or ex.now <= 8400
    assert [e.kind for e in ex.events].count("decision_recorded") == 1
    ex.apply(c.TakeAction(t=9000, agency="customs", action="request_reachback", params={"vehicle": "NV-4471-KB"}))
    ex.run_to_end()
    journal.close()
    report = replay(path)
    assert report.ok, report.message
    assert report.commands == 4


def test_a_command_given_right_after_resume_replays(border, tmp_path):
    """Resume stops the clock at the last recorded event, with every event at
    that time done. A command given before the clock moves on comes after
    them, in the record and on replay."""
    ex, journal = start(border, tmp_path / "j.simex", agencies=("norvalia-lp", "iaea"))
    ex.advance_to(9000)
    journal.close()
    ex, journal = resume(tmp_path / "j.simex")
    assert ex.now == ex.events[-1].t < 9000
    ex.apply(c.RecordObservation(t=ex.now, evaluator="eva", text="Back after the break"))
    journal.close()
    report = replay(tmp_path / "j.simex")
    assert report.ok, report.message
    assert report.commands == 1


def test_a_journal_whose_stored_scenario_no_longer_loads_says_so(border, tmp_path):
    ex, journal = start(border, tmp_path / "j.simex")
    ex.run_to_end()
    journal.close()
    db = sqlite3.connect(tmp_path / "j.simex")
    db.execute("UPDATE meta SET value = replace(value, 'type: tabletop', 'type: tabeltop') WHERE key = 'scenario_text'")
    db.commit()
    db.close()
    with pytest.raises(JournalError, match="no longer loads.*tabletop"):
        replay(tmp_path / "j.simex")
    from simex.report import from_journal
    with pytest.raises(JournalError, match="no longer loads"):
        from_journal(tmp_path / "j.simex")
