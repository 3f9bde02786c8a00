"""A headless server stops when asked: Ctrl-C (SIGINT) or SIGTERM (kill,
systemd, a container stopping) close the connections and the journal, and
the journal replays and resumes. Figures are measured on a separate process,
so the bound here is generous; the goal for people is 2 s."""
from __future__ import annotations

import asyncio
import json
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from websockets.asyncio.client import connect

from simex.journal import JournalReader
from simex.net.client import RemoteSession
from simex.net.protocol import PROTOCOL
from tests.conftest import BORDER, ROOT

BOUND = 10.0    # seconds, for a test on a busy machine


def replays(journal: Path) -> bool:
    return subprocess.run([sys.executable, "-m", "simex.cli", "replay", str(journal)], cwd=ROOT,
                          capture_output=True, text=True, timeout=300).returncode == 0


def decisions(journal: Path) -> list[str]:
    reader = JournalReader(journal)
    try:
        return [cmd.decision for cmd in reader.commands() if cmd.kind == "record_decision"]
    finally:
        reader.close()


@pytest.mark.parametrize("sig, ignored", [(signal.SIGINT, False), (signal.SIGTERM, False), (signal.SIGINT, True)],
                         ids=["SIGINT", "SIGTERM", "SIGINT-ignored-by-the-shell"])
async def test_a_signal_stops_the_server_and_closes_the_journal(serve_process, tmp_path, sig, ignored):
    journal = tmp_path / "day1.simex"
    server = serve_process(BORDER, "--journal", journal, "--port", 0, "--speed", 60, sigint_ignored=ignored).ready()
    client = RemoteSession(server.address, server.codes["participant:customs"])
    await client.join()
    await client.send("record_decision", agency="customs", decision="hold lane 2")
    took = await server.stop(sig, BOUND)
    await client.close()
    assert server.proc.returncode == 0, "".join(server.err)
    assert not Path(f"{journal}-wal").exists(), "journal not closed"   # SQLite removes it on a clean close
    assert decisions(journal) == ["hold lane 2"]
    assert replays(journal)
    print(f"{sig!r} ignored={ignored}: exited {took:.2f} s after the signal")

    again = serve_process("--resume", journal, "--port", 0, sigint_ignored=ignored).ready()
    took = await again.stop(sig, BOUND)
    assert again.proc.returncode == 0, "".join(again.err)
    assert not Path(f"{journal}-wal").exists()
    assert replays(journal)
    print(f"resumed, {sig!r} ignored={ignored}: exited {took:.2f} s after the signal")


async def test_a_client_that_no_longer_answers_does_not_hold_the_server(serve_process, tmp_path):
    """A laptop gone to sleep never answers the server's goodbye: stopping
    does not wait out the closing handshake's timeout for it."""
    journal = tmp_path / "day1.simex"
    server = serve_process(BORDER, "--journal", journal, "--port", 0).ready()
    async with connect(server.address) as ws:
        await ws.send(json.dumps({"type": "hello", "protocol": PROTOCOL,
                                  "code": server.codes["participant:customs"], "since": -1}))
        assert json.loads(await asyncio.wait_for(ws.recv(), 60))["type"] == "welcome"
        ws.transport.pause_reading()              # asleep: reads nothing more, answers nothing
        took = await server.stop(signal.SIGTERM, BOUND)
        ws.transport.resume_reading()
    assert server.proc.returncode == 0, "".join(server.err)
    assert not Path(f"{journal}-wal").exists()
    assert replays(journal)
    print(f"with a silent client: exited {took:.2f} s after SIGTERM")
