"""Fan-out under a busy server: a client that keeps up is never let go, even
when the server's CPU is starved; one that takes nothing is shed with a
reason, and rejoins and resumes where it was."""
from __future__ import annotations

import asyncio
import socket
import threading
import time

from websockets.asyncio.client import connect
from websockets.protocol import State

from simex.engine import commands as c
from simex.net.backlog import Backlog, frame_bytes
from simex.net.client import RemoteSession
from simex.reasons import shown
from tests.net.conftest import code_for, until


def decisions(session: RemoteSession) -> list[str]:
    return [e.decision for _, e in session.events if e.kind == "decision_recorded"]


def no_gaps(session: RemoteSession) -> bool:
    seqs = [seq for seq, _ in session.events]
    return seqs == sorted(set(seqs))


class ClientsElsewhere:
    """Clients on their own event loop in another thread, as on other laptops:
    they read while the server's loop is blocked."""

    def __init__(self):
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.thread.start()

    def run(self, coro, timeout: float = 60.0):
        return asyncio.run_coroutine_threadsafe(coro, self.loop).result(timeout)

    def close(self) -> None:
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(10)


async def test_a_client_that_keeps_up_stays_while_the_server_is_starved(served):
    """The server's loop is blocked again and again while it publishes bursts
    far larger than the kernel's buffers (and than any queue of 2,000 frames);
    one client reads as fast as it can, another slowly but steadily. Neither
    is let go, and neither misses anything."""
    served.backlog = lambda: Backlog(limit=16 * 1024, stalled=3)   # strict, so a wrong judgement shows
    served.watch_interval = 0.05
    elsewhere = ClientsElsewhere()
    police = RemoteSession(served.address, code_for(served, "participant:police"), retry_seconds=0.05)
    slow_frames: list[str] = []

    async def read_slowly():
        async with connect(served.address, max_size=None, compression=None) as ws:
            await ws.send('{"type": "hello", "protocol": 1, "code": "%s"}' % code_for(served, "observer:observer-1"))
            async for frame in ws:
                slow_frames.append(frame)
                await asyncio.sleep(0.002)   # steady, but slower than the bursts come

    async def start():
        await police.join()
        return asyncio.get_running_loop().create_task(read_slowly())

    joining = asyncio.get_running_loop().run_in_executor(None, elsewhere.run, start())
    await until(lambda: len(served.clients) == 2)
    reader = await joining
    clients_before = set(served.clients)
    text = "x" * 1000
    total = 0
    for burst in range(3):
        for _ in range(1100):
            total += 1
            served.session.do(c.RecordDecision, agency="police", decision=f"d{total}", rationale=text)
            served.publish()
        time.sleep(0.3)                      # the server's CPU taken away: its loop runs nothing
        await asyncio.sleep(0)
    await until(lambda: len(decisions(police)) == total)
    await until(lambda: sum(f.count('"decision_recorded"') for f in slow_frames) == total)
    assert decisions(police) == [f"d{n}" for n in range(1, total + 1)] and no_gaps(police)
    assert served.shed == [] and served.clients == clients_before

    async def finish():
        reader.cancel()
        await police.close()

    await asyncio.get_running_loop().run_in_executor(None, elsewhere.run, finish())
    elsewhere.close()


async def test_a_client_that_takes_nothing_is_shed_with_a_reason_and_resumes(served):
    """A laptop asleep takes nothing, not even the close frame that says why it
    was let go (it waits behind megabytes, and the server cuts the connection
    after its grace). When it wakes it rejoins by itself, is told why it was
    let go, and gets everything it missed, nothing twice."""
    served.backlog = lambda: Backlog(limit=16 * 1024, stalled=3)
    served.watch_interval = 0.05
    served.shed_grace = 0.2                  # asleep longer than the server waits for it
    customs = RemoteSession(served.address, code_for(served, "participant:customs"), retry_seconds=0.05)
    police = RemoteSession(served.address, code_for(served, "participant:police"), retry_seconds=0.05)
    await customs.join(), await police.join()
    # Small kernel buffers at both ends, so the server's own buffer fills soon.
    transport = customs._ws.transport
    transport.get_extra_info("socket").setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
    await until(lambda: len(served.clients) == 2)
    at_server = next(cl for cl in served.clients if cl.role.label == "participant:customs").ws
    at_server.transport.get_extra_info("socket").setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, 4096)
    transport.pause_reading()                # customs's laptop stops reading
    text = "y" * 4000
    sent = 0
    while not served.shed and sent < 5000:
        sent += 1
        served.session.do(c.RecordDecision, agency="customs", decision=f"c{sent}", rationale=text)
        served.publish()
        await asyncio.sleep(0.001)
    assert served.shed and served.shed[0][0] == "participant:customs", served.shed
    assert "not reading" in served.shed[0][1] and "rejoin" in served.shed[0][1]
    assert all(cl.role.label != "participant:customs" for cl in served.clients)
    await until(lambda: at_server.state is State.CLOSED)   # the server gave up on it
    assert customs.notice is None
    transport.resume_reading()               # it wakes, finds the connection gone, and rejoins
    await until(lambda: customs.connected and len(decisions(customs)) == sent)
    assert "not reading" in customs.notice and "rejoin" in customs.notice   # told why, at its rejoin
    told = shown(customs.notice, customs.notice_reason, "fr")                # in the reader's language
    assert told.startswith("ne lit pas") and "rejoin" not in told
    assert decisions(customs) == [f"c{n}" for n in range(1, sent + 1)] and no_gaps(customs)
    assert police.connected and police.notice is None
    assert [cl.role.label for cl in served.clients].count("participant:police") == 1
    await customs.close(), await police.close()


def test_progress_not_time_decides():
    """A client over the limit that takes even a little between checks is kept;
    one that takes nothing for `stalled` checks in a row is shed; past the
    ceiling one is shed however it reads."""
    b = Backlog(limit=100, stalled=3, ceiling=10_000)
    b.wrote(1000)
    assert [b.check(900), b.check(899), b.check(898)] == [None, None, None]   # a byte a check is progress
    assert b.check(898) is None and b.check(898) is None
    assert "not reading" in str(b.check(898))
    b = Backlog(limit=100, stalled=3, ceiling=10_000)
    b.wrote(50)
    assert all(b.check(50) is None for _ in range(10))                         # under the limit: never
    b.wrote(20_000)
    assert "too far behind" in str(b.check(15_000))
    assert frame_bytes(10) == 12 and frame_bytes(200) == 204 and frame_bytes(70_000) == 70_010
