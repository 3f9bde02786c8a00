"""`simex serve --resume BRANCH` carries on from the branch time: the clock
starts at T (not at the parent's end), and a participant's decision lands
in the branch only."""
from __future__ import annotations

from simex.cli import main
from simex.engine import commands as c
from simex.journal import JournalReader
from simex.net.client import RemoteSession
from simex.replay import replay
from simex.session import LocalSession
from tests.conftest import BORDER
from tests.net.test_crash_resume import free_port

HOUR = 3600.0


async def test_serving_a_branch_resumes_at_its_branch_time(serve_process, tmp_path):
    parent = tmp_path / "day1.simex"
    s = LocalSession.new(BORDER, journal_path=parent)
    s.jump_to(1 * HOUR)
    s.do(c.RecordDecision, agency="customs", decision="release the truck")
    s.jump_to(4 * HOUR)
    s.close()
    branch = tmp_path / "day1-retry.simex"
    assert main(["branch", str(parent), "--at", "30m", "-o", str(branch)]) == 0
    port = free_port()
    server = serve_process("--resume", branch, "--port", port, "--speed", "1").ready()
    client = RemoteSession(f"ws://127.0.0.1:{port}", server.codes["participant:customs"], retry_seconds=0.1)
    try:
        await client.join(timeout=60)
        await client.send("record_decision", agency="customs", decision="hold the truck", timeout=60)
    finally:
        await client.close()
    await server.stop(timeout=30)
    reader = JournalReader(branch)
    commands = [x for x in reader.commands() if x.t >= 0.5 * HOUR]
    reader.close()
    assert commands[0].t == 0.5 * HOUR                      # the clock started at the branch time
    decisions = [(x.decision, x.t) for x in commands if x.kind == "record_decision"]
    assert [d for d, _ in decisions] == ["hold the truck"] and 0.5 * HOUR <= decisions[0][1] < HOUR
    assert replay(branch).ok
    assert [x.decision for x in JournalReader(parent).commands() if x.kind == "record_decision"] == \
        ["release the truck"]
