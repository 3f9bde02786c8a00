"""kill -9 the server mid-exercise; `simex serve --resume` restarts it at the
same point with every acknowledged command, and clients reconnect by themselves."""
from __future__ import annotations

import asyncio
import socket
import subprocess
import sys

from simex.journal import JournalReader
from simex.net.client import RemoteSession
from simex.replay import replay
from tests.conftest import BORDER, ROOT


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


async def wait_for(predicate, seconds=60.0):
    """Generous: a busy machine starts a Python process and reconnects slowly."""
    for _ in range(int(seconds / 0.05)):
        if predicate():
            return True
        await asyncio.sleep(0.05)
    return False


async def test_kill_9_and_resume_loses_no_acknowledged_command(serve_process, tmp_path):
    journal, port = tmp_path / "day1.simex", free_port()    # the same port both times: clients know only it
    server = serve_process(BORDER, "--journal", journal, "--port", port, "--speed", "60").ready()
    codes = server.codes
    client = RemoteSession(f"ws://127.0.0.1:{port}", codes["participant:customs"], retry_seconds=0.1)
    try:
        await client.join(timeout=60)
        acked = []
        for n in range(3):
            await client.send("record_decision", agency="customs", decision=f"decision {n}")
            acked.append(f"decision {n}")
        server.kill()
        assert await wait_for(lambda: not client.connected)
        again = serve_process("--resume", journal, "--port", port, "--speed", "60").ready()
        assert again.codes == codes                              # the same codes still work
        assert await wait_for(lambda: client.connected)          # reconnected by itself
        await client.send("record_decision", agency="customs", decision="after the crash", timeout=60)
        acked.append("after the crash")
    finally:
        await client.close()
    await again.stop()          # a clean stop; the fixture kills whatever a failure left running
    reader = JournalReader(journal)
    decisions = [cmd.decision for cmd in reader.commands() if cmd.kind == "record_decision"]
    reader.close()
    assert decisions == acked
    report = replay(journal)
    assert report.ok, report.message


async def test_an_ended_exercise_resumes_for_the_report_and_the_hot_wash(serve_process, tmp_path):
    """`serve --resume` of an exercise that has ended does not crash: it
    serves it (the clock stays at ENDEX) so evaluators can still add their
    observations and ratings, which the engine accepts after ENDEX."""
    journal, port = tmp_path / "day1.simex", free_port()
    done = subprocess.run([sys.executable, "-m", "simex.cli", "run", str(BORDER), "--journal", str(journal)],
                          cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    server = serve_process("--resume", journal, "--port", port).ready()
    client = RemoteSession(f"ws://127.0.0.1:{port}", server.codes["evaluator:evaluator-1"], retry_seconds=0.1)
    try:
        await client.join(timeout=60)
        await client.send("record_observation", evaluator="evaluator-1", text="Hot wash: good radio discipline")
    finally:
        await client.close()
    await server.stop(timeout=30)
    stderr = "".join(server.err)
    assert "Traceback" not in stderr
    assert "the exercise has ended; it is open for the report and the hot wash" in stderr
    assert "what evaluators write in the report" in stderr
    report = replay(journal)
    assert report.ok and report.commands == 1, report.message
