"""The exercise server with real clients: each code grants exactly one role,
the server checks every message, bad frames hurt only their sender, and a
reconnecting client catches up."""
from __future__ import annotations

import asyncio
import json

import pytest
from websockets.asyncio.client import connect
from websockets.exceptions import ConnectionClosed

from simex.engine import commands as c
from simex.net.client import JoinError, Refused, RemoteSession
from simex.net.codes import CodeBook, normalise
from simex.net.roles import Role, visible
from simex.net.server import Throttle
from tests.net.conftest import code_for, until


async def caught_up(served, client: RemoteSession) -> None:
    """Wait until `client` holds every committed event its role may see (a
    condition, not a fixed time: a busy machine delivers late)."""
    role = Role(**client.role)

    def holds_all() -> bool:
        events, committed = served.session.events, served.session.committed_events
        last = max((seq for seq in range(committed) if visible(role, events[seq]) is not None), default=-1)
        return client.last_seq >= last
    await until(holds_all)


async def joined(server, label) -> RemoteSession:
    client = RemoteSession(server.address, code_for(server, label), retry_seconds=0.05)
    await client.join()
    return client


def kinds(client) -> list[str]:
    return [e.kind if e.kind != "world" else e.selector for _, e in client.events]


async def test_a_participant_sees_only_its_agency(served):
    customs = await joined(served, "participant:customs")
    police = await joined(served, "participant:police")
    session = served.session
    session.jump_to(2 * 3600)                     # I01 to all three, I02 to police only
    session.do(c.RecordObservation, evaluator="eva", text="Police did not brief customs")
    session.do(c.SendMessage, sender="police", recipient="regulator", channel="regulator-police-phone",
               subject="Stolen gauge alert")
    served.publish()
    await caught_up(served, customs), await caught_up(served, police)
    customs_injects = [e.inject for _, e in customs.events if e.kind == "inject_delivered"]
    police_injects = [e.inject for _, e in police.events if e.kind == "inject_delivered"]
    assert customs_injects == ["I01"] and police_injects == ["I01", "I02"]
    for client in (customs, police):
        assert "observation_recorded" not in kinds(client)
        assert not any(k.startswith("expectation") for k in kinds(client))
        assert all(not getattr(e, "truth", None) for _, e in client.events)
    assert "message_sent" in kinds(police) and "message_sent" not in kinds(customs)
    alarms = [e for _, e in customs.events if e.kind == "world" and e.name == "alarm"]
    assert alarms and all(e.observer == "customs" and e.truth == {} for e in alarms)
    await customs.close(), await police.close()


async def test_the_welcome_view_holds_no_controller_or_evaluator_material(served):
    customs = await joined(served, "participant:customs")
    text = json.dumps(customs.view)
    assert customs.role == {"kind": "participant", "agency": "customs", "name": ""}
    assert "notes" not in text and "doctrine" not in text and "injects" not in text
    assert {ch["to"] for ch in customs.view["channels"]} == {"regulator", "police"}
    evaluator = await joined(served, "evaluator:evaluator-1")
    assert "notes" in json.dumps(evaluator.view)   # the evaluator sees the MSEL with notes
    await customs.close(), await evaluator.close()


@pytest.mark.parametrize("kind, fields, reason", [
    ("take_action", {"agency": "police", "action": "take_over_case", "params": {"vehicle": "X"}}, "cannot act as police"),
    ("send_message", {"sender": "police", "recipient": "customs", "channel": "customs-police-radio",
                      "subject": "spoof"}, "cannot act as police"),
    ("acknowledge_inject", {"inject": "I02", "agency": "police"}, "cannot act as police"),
    ("transfer_evidence", {"item": "EV1", "sender": "police", "recipient": "customs"}, "cannot act as police"),
    ("record_observation", {"evaluator": "customs", "text": "I did great"}, "participant cannot"),
    ("record_rating", {"evaluator": "x", "target": "OBJ1", "rating": "P"}, "participant cannot"),
    ("record_annotation", {"author": "customs", "entry": "conclusion", "text": "all fine"}, "participant cannot"),
    ("deliver_inject", {"inject": "C01"}, "unknown or forbidden"),
    ("end_exercise", {}, "unknown or forbidden"),
    ("pause", {}, "unknown or forbidden"),
    ("jump_to", {}, "unknown or forbidden"),
    ("set_speed", {"speed": 300}, "unknown or forbidden"),
    ("take_action", {"agency": "customs", "action": "secondary_inspection", "params": {"vehicle": "NV-4471-KB"},
                     "t": -500, "actor": "facilitator"}, None),
])
async def test_every_forbidden_thing_is_refused(served, kind, fields, reason):
    customs = await joined(served, "participant:customs")
    before = len(served.session.events)
    if reason is None:
        # allowed, but the client cannot choose the time or the actor
        served.session.jump_to(2 * 3600 + 11 * 60)      # NV-4471-KB has alarmed: the world knows it
        before = len(served.session.events)
        await customs.send(kind, **fields)
        event = next(e for e in served.session.events[before:] if e.kind == "action_taken")
        assert event.t == served.session.now and event.actor == "participant:customs"
    else:
        with pytest.raises(Refused, match=reason):
            await customs.send(kind, **fields)
        assert len(served.session.events) == before
    await customs.close()


async def test_observer_is_read_only_and_sees_no_truth(served):
    observer = await joined(served, "observer:observer-1")
    served.session.jump_to(3 * 3600)
    served.publish()
    await caught_up(served, observer)
    assert any(e.kind == "world" for _, e in observer.events)
    assert all(not getattr(e, "truth", None) for _, e in observer.events)
    with pytest.raises(Refused, match="observers cannot"):
        await observer.send("acknowledge_inject", inject="I01", agency="customs")
    await observer.close()


async def test_evaluator_records_observations_under_its_own_name(served):
    evaluator = await joined(served, "evaluator:evaluator-1")
    await evaluator.send("record_observation", evaluator="evaluator-1", text="Good radio discipline",
                         objective="OBJ2")
    with pytest.raises(Refused, match="own name"):
        await evaluator.send("record_observation", evaluator="evaluator-2", text="impersonation")
    assert served.session.events[-1].evaluator == "evaluator-1"
    await evaluator.close()


async def test_an_evaluator_writes_in_the_report_under_its_own_name(served):
    """The after-action report's overview, conclusion and root causes are the
    evaluators' to write, also from their own laptops: the annotation is
    journaled with their name, as the facilitator's console records it."""
    evaluator = await joined(served, "evaluator:evaluator-1")
    await evaluator.send("record_annotation", author="evaluator-1", entry="conclusion",
                         text="Customs and police worked from one picture.")
    note = served.session.events[-1]
    assert (note.kind, note.author, note.entry, note.text) == (
        "annotation_recorded", "evaluator-1", "conclusion", "Customs and police worked from one picture.")
    with pytest.raises(Refused, match="own name"):
        await evaluator.send("record_annotation", author="evaluator-2", entry="conclusion", text="impersonation")
    with pytest.raises(Refused, match="no report entry"):
        await evaluator.send("record_annotation", author="evaluator-1", entry="footnote", text="x")
    assert served.session.events[-1] is note
    await evaluator.close()


async def test_acknowledged_command_is_in_the_journal_before_the_ack(served, tmp_path):
    customs = await joined(served, "participant:customs")
    await customs.send("record_decision", agency="customs", decision="Open lane 5", rationale="queue")
    from simex.journal import JournalReader
    reader = JournalReader(tmp_path / "j.simex")
    assert [cmd.kind for cmd in reader.commands()][-1] == "record_decision"
    reader.close()
    await customs.close()


async def test_reconnect_catches_up_on_what_was_missed(served):
    code = code_for(served, "participant:police")
    police = RemoteSession(served.address, code, retry_seconds=0.05)
    await police.join()
    served.session.jump_to(60)
    served.publish()
    await caught_up(served, police)
    seen_before = list(police.events)
    await police.close()                                   # the laptop lid closes
    served.session.jump_to(2 * 3600)                        # I02 arrives meanwhile
    served.publish()
    again = RemoteSession(served.address, code, retry_seconds=0.05)
    again.last_seq = police.last_seq
    again.events = list(police.events)
    await again.join()
    await caught_up(served, again)
    injects = [e.inject for _, e in again.events if e.kind == "inject_delivered"]
    assert injects == ["I01", "I02"]                       # no duplicates, nothing lost
    seqs = [s for s, _ in again.events]
    assert seqs == sorted(set(seqs)) and len(seen_before) < len(again.events)
    await again.close()


async def test_client_reconnects_by_itself_when_dropped(served):
    police = await joined(served, "participant:police")
    for client in list(served.clients):
        await client.ws.close(1012, "restarting")
    served.session.jump_to(2 * 3600)
    served.publish()
    await until(lambda: any(e.kind == "inject_delivered" and e.inject == "I02" for _, e in police.events))
    assert police.connected
    assert [e.inject for _, e in police.events if e.kind == "inject_delivered"] == ["I01", "I02"]
    await police.close()


async def raw(server):
    return await connect(server.address, max_size=None, compression=None)


async def recv(ws, timeout: float = 60.0):
    """The next frame, or a clear failure instead of a test waiting for ever."""
    try:
        return await asyncio.wait_for(ws.recv(), timeout)
    except asyncio.TimeoutError:
        raise AssertionError(f"no frame from the server within {timeout} s") from None


async def hello(ws, code):
    await ws.send(json.dumps({"type": "hello", "protocol": 1, "code": code}))
    return json.loads(await recv(ws))


async def test_malformed_messages_get_an_error_and_disturb_nobody(served):
    bystander = await joined(served, "participant:police")
    ws = await raw(served)
    assert (await hello(ws, code_for(served, "participant:customs")))["type"] == "welcome"
    for frame in ("not json", "{}", '{"type": "command"}', '{"type": "command", "id": "x", "command": {}}',
                  '{"type": "warp"}', json.dumps({"type": "command", "id": 1, "command": {"kind": "take_action",
                                                   "agency": "customs", "action": "fly", "params": {}}})):
        await ws.send(frame)
        while (reply := json.loads(await recv(ws)))["type"] in ("clock", "events"):
            pass
        assert reply["type"] == "error" and reply["message"]
    await ws.send(b"\x00\x01binary")
    while (reply := json.loads(await recv(ws)))["type"] in ("clock", "events"):
        pass
    assert "binary" in reply["message"]
    # still connected and usable
    await ws.send(json.dumps({"type": "ping"}))
    while (reply := json.loads(await recv(ws)))["type"] in ("clock", "events"):
        pass
    assert reply["type"] == "pong"
    await bystander.send("record_decision", agency="police", decision="Carry on")
    await ws.close(), await bystander.close()


async def test_out_of_order_command_ids_are_refused(served):
    ws = await raw(served)
    await hello(ws, code_for(served, "participant:customs"))
    cmd = {"kind": "record_decision", "agency": "customs", "decision": "once"}
    replies = []
    for ident in (5, 5, 3, 6):
        await ws.send(json.dumps({"type": "command", "id": ident, "command": cmd}))
        while (reply := json.loads(await recv(ws)))["type"] in ("clock", "events"):
            pass
        replies.append((reply["type"], reply.get("id")))
    assert replies == [("ack", 5), ("error", 5), ("error", 3), ("ack", 6)]
    assert sum(1 for e in served.session.events if e.kind == "decision_recorded") == 2
    await ws.close()


async def test_oversized_message_closes_only_that_connection(served):
    bystander = await joined(served, "participant:police")
    ws = await raw(served)
    await hello(ws, code_for(served, "participant:customs"))
    await ws.send(json.dumps({"type": "ping", "pad": "x" * 200_000}))
    with pytest.raises(ConnectionClosed) as closed:
        while True:
            await recv(ws)
    assert closed.value.rcvd.code == 1009
    await bystander.send("record_decision", agency="police", decision="Still here")
    await bystander.close()


async def test_hello_must_come_first_and_wrong_codes_are_refused(served):
    ws = await raw(served)
    await ws.send(json.dumps({"type": "ping"}))
    assert "hello" in json.loads(await recv(ws))["message"]
    ws = await raw(served)
    assert (await hello(ws, "AAAA-BBBB-CCCC"))["message"] == "unknown join code"
    with pytest.raises(JoinError, match="unknown join code"):
        await RemoteSession(served.address, "ZZZZ-ZZZZ-ZZZZ").join()


def test_wrong_codes_are_slowed_down_more_and_more():
    now = [0.0]
    throttle = Throttle(clock=lambda: now[0])
    penalties = []
    for _ in range(7):
        penalties.append(throttle.penalty("10.0.0.9"))
        throttle.failed("10.0.0.9")
    assert penalties == [0, 1, 2, 4, 8, 16, 30]
    assert throttle.penalty("10.0.0.7") == 0            # other addresses are not punished
    now[0] += 601
    assert throttle.penalty("10.0.0.9") == 0            # forgiven after ten quiet minutes


def test_codes_are_long_random_and_typeable(tmp_path):
    from tests.conftest import BORDER
    from simex.scenario.loader import load_scenario
    book = CodeBook.for_scenario(load_scenario(BORDER), tmp_path / "codes")
    labels = [label for label, _ in book.pretty()]
    assert labels == ["evaluator:evaluator-1", "evaluator:evaluator-2", "observer:observer-1",
                      "participant:customs", "participant:police", "participant:regulator"]
    codes = [normalise(code) for _, code in book.pretty()]
    assert len(set(codes)) == len(codes) and all(len(code) == 12 for code in codes)
    assert not any(ch in "01OIL" for code in codes for ch in code)
    assert book.lookup(codes[0].lower()) is not None       # case and dashes do not matter
    assert oct((tmp_path / "codes").stat().st_mode)[-3:] == "600"
    assert CodeBook.for_scenario(None, tmp_path / "codes").pretty() == book.pretty()  # kept on resume


async def test_revoked_code_stops_working_and_drops_its_connection(served):
    customs = await joined(served, "participant:customs")
    old = code_for(served, "participant:customs")
    new = served.codes.reissue("participant:customs")
    served.disconnect_role("participant:customs")
    await customs.close()
    with pytest.raises(JoinError):
        await RemoteSession(served.address, old).join()
    fresh = RemoteSession(served.address, new)
    await fresh.join()
    assert fresh.role["agency"] == "customs"
    await fresh.close()


async def test_the_recipient_reads_the_message_text(served):
    customs = await joined(served, "participant:customs")
    police = await joined(served, "participant:police")
    await customs.send("send_message", sender="customs", recipient="police", channel="customs-police-radio",
                       subject="Truck held", body="NV-4471-KB held at bay 2; 30 m cordon",
                       facts={"vehicle": "NV-4471-KB"})
    served.session.jump_to(served.session.now + 600)
    served.publish()
    await caught_up(served, police)
    delivered = [e for _, e in police.events if e.kind == "message_delivered"]
    assert [(e.subject, e.body) for e in delivered] == [("Truck held", "NV-4471-KB held at bay 2; 30 m cordon")]
    await customs.close(), await police.close()
