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
    assert reply == {"type": "error", "id": 1, "message": reply["message"]}
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
