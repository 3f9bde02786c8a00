"""While the journal's commit of one player's command is slow (a disk busy
with other work), the server serves everyone else, and that command is
acknowledged, and its events shown to anyone, only once it is committed."""
from __future__ import annotations

import asyncio
import json

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
