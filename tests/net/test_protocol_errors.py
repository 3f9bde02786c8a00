"""Whatever a participant sends, the server answers with an error naming
the field, keeps the connection, writes nothing the engine cannot apply, and
tells a player only what its role may know."""
from __future__ import annotations

import asyncio
import json

import pytest
from websockets.asyncio.client import connect

from simex.engine import commands as c
from simex.engine.commands import CommandError
from simex.journal import JournalReader
from simex.replay import replay
from simex.session import LocalSession
from tests.net.conftest import code_for


async def open_as(server, label):
    ws = await connect(server.address, max_size=None, compression=None)
    await ws.send(json.dumps({"type": "hello", "protocol": 1, "code": code_for(server, label)}))
    assert json.loads(await asyncio.wait_for(ws.recv(), 30))["type"] == "welcome"
    return ws


async def answer(ws, frame: str | dict) -> dict:
    """Send one frame; the server's reply to it (clock and event frames skipped)."""
    await ws.send(frame if isinstance(frame, str) else json.dumps(frame))
    while (reply := json.loads(await asyncio.wait_for(ws.recv(), 30)))["type"] in ("clock", "events", "view"):
        pass
    return reply


def command(ident: int, **fields) -> dict:
    return {"type": "command", "id": ident, "command": fields}


POISON = [
    ({"kind": "take_action", "agency": "customs", "action": "secondary_inspection", "params": ["vehicle"]},
     "take_action.params must be a map"),
    ({"kind": "send_message", "sender": "customs", "recipient": "police", "channel": "customs-police-radio",
      "subject": "x", "facts": ["abc"]}, "send_message.facts must be a map"),
    ({"kind": ["take_action"], "agency": "customs"}, "command.kind must be text"),
    ({"kind": {"take_action": 1}}, "command.kind must be text"),
    ({"agency": "customs"}, "command.kind is missing"),
    ({"kind": "record_decision", "agency": "customs", "decision": 12345}, "record_decision.decision must be text"),
    ({"kind": "record_decision", "agency": "customs", "decision": None}, "record_decision.decision must be text"),
    ({"kind": "transfer_evidence", "item": "EV1", "sender": "customs", "recipient": "police", "sealed": "yes"},
     "transfer_evidence.sealed must be true or false"),
    ({"kind": "record_decision", "agency": "customs", "decision": "x", "mood": "calm"},
     "record_decision has no field 'mood'"),
]


@pytest.mark.parametrize("fields, message", POISON, ids=[m for _, m in POISON])
async def test_an_ill_typed_field_is_named_and_nothing_is_lost(served, tmp_path, fields, message):
    police = await open_as(served, "participant:police")
    customs = await open_as(served, "participant:customs")
    reply = await answer(customs, command(1, **fields))
    # The English for old clients and logs, and the reason for a console to translate.
    assert reply == {"type": "error", "id": 1, "message": reply["message"], "reason": reply["reason"]}
    assert reply["message"].startswith(message)
    assert (await answer(customs, {"type": "ping"}))["type"] == "pong"          # still connected
    ack = await answer(customs, command(2, kind="record_decision", agency="customs", decision="go on"))
    assert ack["type"] == "ack"
    assert (await answer(police, command(1, kind="record_decision", agency="police", decision="ok")))["type"] == "ack"
    await customs.close(), await police.close()
    served.session.close()
    reader = JournalReader(tmp_path / "j.simex")
    assert [cmd.kind for cmd in reader.commands()] == ["record_decision", "record_decision"]
    reader.close()
    report = replay(tmp_path / "j.simex")
    assert report.ok, report.message
    LocalSession.reopen(tmp_path / "j.simex").close()                       # and it resumes


def same_shape(reply: dict, name: str) -> str:
    return reply["message"].replace(repr(name), "'X'").replace(name, "X")


async def test_a_player_cannot_tell_a_made_up_inject_from_one_it_was_not_sent(served):
    """Refusals must not let a participant enumerate the MSEL."""
    session = served.session
    session.jump_to(2 * 3600)                                  # I02 went to police only
    session.do(c.AddInject, to=("police",), synopsis="Mayor calls")        # ADHOC-1, police only
    customs = await open_as(served, "participant:customs")
    replies = {}
    for ident, inject in enumerate(["NOPE", "C04", "I02", "ADHOC-1", "ADHOC-9"], start=1):
        replies[inject] = await answer(customs, command(ident, kind="acknowledge_inject", inject=inject,
                                                        agency="customs"))
    assert all(r["type"] == "error" for r in replies.values()), replies
    assert len({same_shape(r, name) for name, r in replies.items()}) == 1, replies
    assert "deliver" not in replies["C04"]["message"] and "police" not in replies["I02"]["message"]
    assert not any(e.kind == "inject_acknowledged" and e.agency == "customs" and e.inject == "ADHOC-1"
                   for e in session.events)
    # the facilitator still gets the detailed reason
    with pytest.raises(CommandError, match="C04 has not been delivered"):
        session.do(c.AcknowledgeInject, inject="C04", agency="customs")
    await customs.close()


async def test_a_refused_hand_over_does_not_reveal_future_evidence(served):
    police = await open_as(served, "participant:police")
    customs = await open_as(served, "participant:customs")
    future = await answer(police, command(1, kind="transfer_evidence", item="EV1", sender="police",
                                          recipient="customs"))
    made_up = await answer(police, command(2, kind="transfer_evidence", item="EV9", sender="police",
                                           recipient="customs"))
    assert future["type"] == made_up["type"] == "error"
    assert same_shape(future, "EV1") == same_shape(made_up, "EV9")
    assert "T+" not in future["message"] and "found" not in future["message"]
    own_but_not_yet_found = await answer(customs, command(1, kind="transfer_evidence", item="EV1",
                                                          sender="customs", recipient="police"))
    assert "T+" not in own_but_not_yet_found["message"]
    served.session.jump_to(3 * 3600)                         # found and held by customs now
    held_by_other = await answer(police, command(3, kind="transfer_evidence", item="EV1", sender="police",
                                                 recipient="customs"))
    assert same_shape(held_by_other, "EV1") == same_shape(made_up, "EV9")
    with pytest.raises(CommandError, match="held by customs"):
        served.session.do(c.TransferEvidence, item="EV1", sender="police", recipient="customs")
    evaluator = await open_as(served, "evaluator:evaluator-1")
    detailed = await answer(evaluator, command(1, kind="record_observation", evaluator="evaluator-1",
                                               text="x", inject="NOPE"))
    assert detailed["message"] == "no inject 'NOPE'"            # evaluators see the whole MSEL anyway
    await police.close(), await customs.close(), await evaluator.close()
