"""An older simex journaled some commands it then failed to run (a
take_action whose `params` is a list, a send_message whose `facts` is a
list). Such a journal still replays and resumes: the bad command is skipped
with a warning naming its row, as it did nothing live, and everything after
it is recovered."""
from __future__ import annotations

import pytest

from simex.cli import build_parser, main
from simex.commands._session import open_session
from simex.engine import commands as c
from simex.engine.exercise import Exercise
from simex.events import encode
from simex.journal import Journal, JournalReader, run_meta
from simex.replay import replay
from simex.scenario.loader import load_scenario
from tests.conftest import BORDER

POISON = {
    "params-a-list": c.TakeAction(t=7900, agency="customs", action="secondary_inspection", params=["vehicle"]),
    # the engine now refuses this one before running it; an older one journaled it
    "params-unknown": c.TakeAction(t=7900, agency="customs", action="secondary_inspection", params=["NV-4471-KB"]),
    "facts-a-list": c.SendMessage(t=7900, sender="customs", recipient="police", channel="customs-police-radio",
                                  subject="Alarm", facts=["abc"]),
}


def poisoned_journal(path, poison: c.Command) -> list[str]:
    """A journal as an older simex left it: the bad command is in the record
    (journaled before it failed to run) and the exercise went on. Returns the
    events the exercise had, encoded."""
    bots = ("norvalia-lp", "iaea")
    journal = Journal(path, meta=run_meta(BORDER.read_text(), str(BORDER), 7, "doctrine", bots))
    ex = Exercise(load_scenario(BORDER), seed=7, bots="doctrine", bot_agencies=bots, sink=journal)
    ex.apply(c.DeliverInject(t=300, inject="I02"))
    ex.advance_to(poison.t)
    journal.record_command(0, poison)          # what the older engine wrote; running it then failed
    journal.flush()
    ex.apply(c.TakeAction(t=7950, agency="customs", action="secondary_inspection",
                          params={"vehicle": "NV-4471-KB"}))
    ex.apply(c.RecordDecision(t=8000, agency="customs", decision="Hold the truck", rationale="alarm"))
    ex.advance_to(9000)
    journal.close()
    return [encode(e) for e in ex.events]


def poison_row(path) -> int:
    reader = JournalReader(path)
    row = next(e.row for e in reader.entries() if e.type == "command" and e.t == 7900)
    reader.close()
    return row


@pytest.mark.parametrize("name", POISON)
def test_replay_skips_the_bad_command_and_verifies_the_rest(name, tmp_path, capsys):
    path = tmp_path / "old.simex"
    events = poisoned_journal(path, POISON[name])
    row = poison_row(path)
    report = replay(path)
    assert report.ok, report.message
    assert report.events == len(events) and report.commands == 4
    assert len(report.warnings) == 1
    assert report.warnings[0].startswith(f"row {row}: recorded command {POISON[name].kind} cannot be applied")
    assert main(["replay", str(path)]) == 0
    out, err = capsys.readouterr()
    assert out.startswith(f"{path}: verified: {len(events)} events and 4 commands")
    assert err.splitlines() == [f"simex replay: {path}: warning: {report.warnings[0]}"]


@pytest.mark.parametrize("name", POISON)
def test_resume_skips_the_bad_command_and_recovers_everything_after_it(name, tmp_path, capsys):
    path = tmp_path / "old.simex"
    events = poisoned_journal(path, POISON[name])
    row = poison_row(path)
    session = open_session(build_parser().parse_args(["play", "--resume", str(path)]), "play")
    [warning] = capsys.readouterr().err.splitlines()
    assert warning.startswith(f"simex play: {path}: warning: row {row}: recorded command "
                              f"{POISON[name].kind} cannot be applied")
    assert [encode(e) for e in session.events] == events
    assert [e.kind for e in session.events].count("decision_recorded") == 1
    session.do(c.RecordObservation, evaluator="eva", text="Held the truck after the crash")
    session.close()
    report = replay(path)
    assert report.ok, report.message
    assert report.commands == 5 and len(report.warnings) == 1
