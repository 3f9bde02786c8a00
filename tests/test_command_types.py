"""A command is checked against its declared field types before it is
journaled: whoever sends it (the facilitator's console, a remote player, a
script), the journal never holds a command the engine cannot apply, so
replay and resume keep working after anyone typed anything."""
from __future__ import annotations

import math

import pytest

from simex.engine import commands as c
from simex.engine.commands import CommandError
from simex.journal import JournalReader
from simex.replay import replay
from simex.session import LocalSession
from tests.conftest import BORDER


@pytest.fixture
def session(tmp_path):
    s = LocalSession.new(BORDER, journal_path=tmp_path / "live.simex")
    s.jump_to(2 * 3600 + 45 * 60)     # after EV1 is found, so hand-overs can be valid
    yield s
    s.close()


ILL_TYPED = [
    (c.TakeAction, {"agency": "customs", "action": "secondary_inspection", "params": ["vehicle"]},
     "take_action.params"),
    (c.TakeAction, {"agency": "customs", "action": "secondary_inspection", "params": {"vehicle": ["X"]}},
     "take_action.params.vehicle"),
    (c.TakeAction, {"agency": ["customs"], "action": "secondary_inspection", "params": {}}, "take_action.agency"),
    (c.SendMessage, {"sender": "customs", "recipient": "police", "channel": "customs-police-radio",
                     "subject": "x", "facts": ["abc"]}, "send_message.facts"),
    (c.SendMessage, {"sender": "customs", "recipient": "police", "channel": "customs-police-radio",
                     "subject": "x", "facts": {"vehicle": math.nan}}, "send_message.facts.vehicle"),
    (c.SendMessage, {"sender": "customs", "recipient": "police", "channel": "customs-police-radio",
                     "subject": "\ud800"}, "send_message.subject"),
    (c.RecordDecision, {"agency": "customs", "decision": 12345}, "record_decision.decision"),
    (c.RecordDecision, {"agency": "customs", "decision": None}, "record_decision.decision"),
    (c.TransferEvidence, {"item": "EV1", "sender": "customs", "recipient": "police", "sealed": "yes"},
     "transfer_evidence.sealed"),
    (c.AddInject, {"to": "police", "synopsis": "Call"}, "add_inject.to"),
    (c.AddInject, {"to": ("police", 7), "synopsis": "Call"}, "add_inject.to"),
    (c.SetSpeed, {"speed": "fast"}, "set_speed.speed"),
    (c.SetSpeed, {"speed": True}, "set_speed.speed"),
    (c.RescheduleInject, {"inject": "C04", "at": math.inf}, "reschedule_inject.at"),
    (c.RecordObservation, {"evaluator": "eva", "text": "ok", "objective": {"id": "OBJ1"}},
     "record_observation.objective"),
]


@pytest.mark.parametrize("cls, fields, where", ILL_TYPED, ids=[w for _, _, w in ILL_TYPED])
def test_an_ill_typed_command_is_refused_before_the_journal(session, tmp_path, cls, fields, where):
    events = len(session.events)
    now = session.now
    with pytest.raises(CommandError, match=f"^{where}"):
        session.do(cls, **fields)
    assert len(session.events) == events and session.now == now     # nothing happened
    session.do(c.RecordDecision, agency="customs", decision="carry on")   # and play goes on
    session.close()
    reader = JournalReader(tmp_path / "live.simex")
    kinds = [cmd.kind for cmd in reader.commands()]
    reader.close()
    assert kinds == ["jump_to", "record_decision"]
    report = replay(tmp_path / "live.simex")
    assert report.ok, report.message
    again = LocalSession.reopen(tmp_path / "live.simex")            # and it resumes
    assert len(again.events) == events + 1
    again.close()


def test_well_typed_values_of_every_kind_are_accepted(session):
    """ints where a number is declared, lists where a tuple is, and plain JSON
    values in params and facts, as a JSON client or a Python caller sends them."""
    session.do(c.SetSpeed, speed=60)
    session.do(c.AddInject, to=["police", "customs"], synopsis="Mayor calls", text="Status?")
    session.do(c.SendMessage, sender="customs", recipient="police", channel="customs-police-radio",
               subject="Truck", facts={"vehicle": "NV-4471-KB", "lane": 2, "dose": 0.4, "held": True, "x": None})
    session.do(c.TakeAction, agency="customs", action="secondary_inspection", params={"vehicle": "NV-4471-KB"})
    assert [e.kind for e in session.events[-4:]].count("message_sent") == 1
