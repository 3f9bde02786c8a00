"""While the journal's commit of one player's command is slow (a disk busy
with other work), the server serves everyone else, and that command is
acknowledged, and its events shown to anyone, only once it is committed."""
from __future__ import annotations

import asyncio
import contextlib
import json

from simex.engine import commands as c
from simex.journal import JournalReader
from tests.net.conftest import code_for, serving
from tests.net.test_server import hello, joined, raw, recv
from tests.conftest import BORDER
from tests.test_journal_behind import WAIT, Gated


async def test_a_slow_commit_holds_its_command_and_nothing_else(tmp_path, monkeypatch):
    monkeypatch.setattr("simex.session.Journal", Gated)
    async with serving(BORDER, tmp_path) as server:
        journal = server.session.journal
        customs = await joined(server, "participant:customs")
        evaluator = await raw(server)
        await hello(evaluator, code_for(server, "evaluator:evaluator-1"))
        while json.loads(await recv(evaluator))["type"] != "clock":   # catch-up, then the clock
            pass

        journal.hold()
        sending = asyncio.create_task(customs.send(
            "send_message", timeout=WAIT, sender="customs", recipient="police", channel="customs-police-radio",
            subject="Portal alarm, lane 3"))
        await asyncio.to_thread(journal.entered.wait, WAIT)
        assert journal.entered.is_set(), "the command's commit never began"

        # The commit is held: an evaluator's screen (it sees every event) still gets its pong, and nothing
        # of the message before it (frames to one client come in order).
        await evaluator.send(json.dumps({"type": "ping"}))
        before_pong = []
        while (frame := json.loads(await recv(evaluator)))["type"] != "pong":
            before_pong.append(frame)
        assert not any("message_sent" in json.dumps(f) for f in before_pong)
        assert not sending.done()             # not acknowledged either
        reader = JournalReader(tmp_path / "j.simex")
        assert "send_message" not in [cmd.kind for cmd in reader.commands()]
        reader.close()

        journal.gate.set()
        await asyncio.wait_for(sending, WAIT)     # acknowledged once committed
        seen = []
        while not any(f.get("type") == "events" and "message_sent" in json.dumps(f) for f in seen):
            seen.append(json.loads(await recv(evaluator)))
        reader = JournalReader(tmp_path / "j.simex")
        assert "send_message" in [cmd.kind for cmd in reader.commands()]
        reader.close()
        await customs.close()
        await evaluator.close()


# --- the clock: what it says, it says once committed -------------------------------------------------------------

async def frames_until(ws, wanted) -> list[dict]:
    """Frames as they come, up to and including the first one `wanted(frame)` is true for."""
    frames = []
    while not frames or not wanted(frames[-1]):
        frames.append(json.loads(await recv(ws)))
    return frames


async def before_pong(ws) -> list[dict]:
    """Everything the server had queued for this screen: frames to one client come in order."""
    await ws.send(json.dumps({"type": "ping"}))
    return (await frames_until(ws, lambda f: f["type"] == "pong"))[:-1]


def clocks(frames: list[dict]) -> list[dict]:
    return [f for f in frames if f["type"] == "clock"]


async def evaluator_screen(server):
    """An evaluator's screen (it sees every event), caught up and shown the clock."""
    ws = await raw(server)
    await hello(ws, code_for(server, "evaluator:evaluator-1"))
    await frames_until(ws, lambda f: f["type"] == "clock")
    return ws


@contextlib.asynccontextmanager
async def gated_server(tmp_path, monkeypatch):
    """A server whose journal's commits the test can hold; the gate is opened
    again at the end, so a failing test still stops without waiting on it."""
    monkeypatch.setattr("simex.session.Journal", Gated)
    async with serving(BORDER, tmp_path) as server:
        try:
            yield server
        finally:
            server.session.journal.gate.set()


def journaled(tmp_path) -> list[str]:
    reader = JournalReader(tmp_path / "j.simex")
    try:
        return [cmd.kind for cmd in reader.commands()]
    finally:
        reader.close()


async def test_a_pause_or_a_speed_reaches_screens_only_once_committed(tmp_path, monkeypatch):
    async with gated_server(tmp_path, monkeypatch) as server:
        session, journal = server.session, server.session.journal
        screen = await evaluator_screen(server)
        session.resume()                     # as the console does: it waits for the commit
        server.publish()
        await frames_until(screen, lambda f: f["type"] == "clock" and f["status"] == "running")

        for command, kind, shows in ((c.SetSpeed(t=session.now, speed=5.0), "set_speed", lambda f: f["speed"] == 5.0),
                                     (c.Pause(t=session.now), "pause", lambda f: f["status"] == "paused")):
            journal.hold()
            # Applied as the server applies any command: at once, its commit
            # durable later. Meanwhile the server publishes (a tick of the
            # clock, another command's commit).
            session.exercise.apply(command)
            assert shows({"speed": session.speed, "status": session.status})   # the exercise has it
            await asyncio.to_thread(journal.entered.wait, WAIT)
            assert journal.entered.is_set(), "the command's commit never began"
            server.publish()
            assert not any(shows(f) for f in clocks(await before_pong(screen))), \
                f"screens told of a {kind} the journal does not hold"
            assert kind not in journaled(tmp_path)

            journal.gate.set()                 # committed: now every screen is told, unasked
            await frames_until(screen, lambda f: f["type"] == "clock" and shows(f))
            assert kind in journaled(tmp_path)
        await screen.close()


async def test_the_clock_never_runs_ahead_of_events_not_yet_committed(tmp_path, monkeypatch):
    async with gated_server(tmp_path, monkeypatch) as server:
        session, journal = server.session, server.session.journal
        screen = await evaluator_screen(server)
        session.resume()
        server.publish()
        shown = await frames_until(screen, lambda f: f["type"] == "clock" and f["status"] == "running")
        before = session.now

        journal.hold()
        session.tick(2 * 3600)               # two hours of play at once: injects, doctrine, world
        assert session.committed_events < len(session.events), "the scenario brought no event in two hours"
        server.publish()                     # as the server's clock does after each tick
        held = clocks(await before_pong(screen))
        assert all(f["now"] <= before for f in held), \
            f"the clock said {max(f['now'] for f in held)} with the events since {before} not committed"

        journal.gate.set()
        shown += await frames_until(screen, lambda f: f["type"] == "clock" and f["now"] == session.now)
        # Whatever the clock said, the screen had by then every event before that time.
        received: set[int] = set()
        for frame in shown:
            if frame["type"] == "events":
                received.update(item["seq"] for item in frame["items"])
            elif frame["type"] == "clock":
                missing = [seq for seq, e in enumerate(session.events) if e.t < frame["now"] and seq not in received]
                assert not missing, f"the clock said {frame['now']} before events {missing[:5]} were shown"
        await screen.close()


async def test_a_hand_over_reaches_a_view_only_once_committed(tmp_path, monkeypatch):
    """The evidence a participant's view lists is custody as the journal has
    it: a screen that joins while a hand-over's commit is under way is not
    shown the item with its new holder (a crash could still take the
    hand-over back); once committed, the new holder's screen is told."""
    async with gated_server(tmp_path, monkeypatch) as server:
        session, journal = server.session, server.session.journal
        session.jump_to(3 * 3600)                                   # EV1 found at 2h40m, held by customs
        server.publish()
        journal.hold()
        session.exercise.apply(c.TransferEvidence(t=session.now, item="EV1", sender="customs", recipient="police"))
        await asyncio.to_thread(journal.entered.wait, WAIT)
        assert journal.entered.is_set(), "the hand-over's commit never began"
        assert session.exercise.custody["EV1"] == "police"          # the exercise has it

        police = await raw(server)
        welcome = await hello(police, code_for(server, "participant:police"))
        joining = await frames_until(police, lambda f: f["type"] == "clock")
        views = [welcome["view"], *(f["view"] for f in joining if f["type"] == "view")]
        assert all("EV1" not in held(v) for v in views), "a screen was shown a hand-over the journal does not hold"
        assert "transfer_evidence" not in journaled(tmp_path)

        journal.gate.set()                                          # committed: police's screen is told
        await frames_until(police, lambda f: f["type"] == "view" and "EV1" in held(f["view"]))
        assert "transfer_evidence" in journaled(tmp_path)
        await police.close()


def held(view: dict) -> list[str]:
    """The evidence items a participant's view lists as its agency's."""
    return [item["id"] for item in view.get("evidence", [])]
