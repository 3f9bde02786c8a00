"""A rejoin always succeeds, however much happened while a laptop was away:
the catch-up (and any burst of live events) comes in pages of bounded size,
never one frame larger than a client accepts (issue 11, defect 2)."""
from __future__ import annotations

import asyncio
import json

from websockets.asyncio.client import connect

from simex.engine import commands as c
from simex.net.client import RemoteSession
from simex.net.protocol import MAX_SERVER_FRAME, PAGE_BYTES, PROTOCOL
from tests.net.conftest import code_for

BODY = "x" * 8_000


def fill(server, messages: int) -> None:
    """The facilitator, acting for customs, sends the regulator many long messages."""
    session = server.session
    for i in range(messages):
        session.exercise.apply(c.SendMessage(t=session.now, actor="facilitator", sender="customs",
                                             recipient="regulator", channel="customs-regulator-phone",
                                             subject=f"note {i}", body=BODY))
    session.jump_to(session.now + 3600)   # every message delivered
    server.publish()


async def frames_until_clock(ws) -> list[str]:
    frames = []
    while True:
        frame = await asyncio.wait_for(ws.recv(), 60)
        frames.append(frame)
        if json.loads(frame)["type"] == "clock":
            return frames


async def test_a_large_catch_up_comes_in_pages_no_larger_than_a_page(served):
    fill(served, 400)   # 400 x 8 KB: about 3.2 MB each for sender and recipient, more for an evaluator
    async with connect(served.address, max_size=PAGE_BYTES + 4096) as ws:  # refuses any larger frame
        await ws.send(json.dumps({"type": "hello", "protocol": PROTOCOL,
                                  "code": code_for(served, "participant:regulator"), "since": -1}))
        frames = await frames_until_clock(ws)
    pages = [json.loads(f) for f in frames if json.loads(f)["type"] == "events"]
    assert len(pages) >= 3 and all(len(f.encode()) <= PAGE_BYTES for f in frames[1:])
    seqs = [item["seq"] for page in pages for item in page["items"]]
    assert seqs == sorted(set(seqs))
    received = [i for page in pages for i in page["items"] if i["kind"] == "message_delivered"]
    assert len(received) == 400


async def test_every_role_rejoins_after_a_flood_and_sees_everything(served):
    fill(served, 400)
    for label in ("participant:regulator", "evaluator:evaluator-1", "observer:observer-1"):
        client = RemoteSession(served.address, code_for(served, label), retry_seconds=0.05)
        await client.join()
        for _ in range(600):
            if client.last_seq >= len(served.session.events) - 1 or client.gave_up:
                break
            await asyncio.sleep(0.05)
        assert not client.gave_up
        delivered = [e for _, e in client.events if e.kind == "message_delivered"]
        assert len(delivered) == 400, label
        await client.close()


def test_a_page_always_fits_the_clients_frame_limit():
    assert PAGE_BYTES * 4 <= MAX_SERVER_FRAME
