"""kill -9 trials: the server is killed while participants send, resumed, and
stopped with SIGINT; every command acknowledged to a participant must be in
the journal, the journal must replay, no server may print a traceback and the
server must stop within 2 s of SIGINT.

`python tools/kill9_trials.py -n 40` runs forty; CI runs two, and checks that
the tool would see a lost command and fail its summary.
"""
from __future__ import annotations

import asyncio
import os
import signal
import sys

import pytest

from simex.net.client import Refused, RemoteSession
from tests.net.conftest import code_for
from tools.kill9_trials import Player, Server, Trial, _check_journal, run_trial, summary


def test_two_trials_lose_no_acknowledged_command(tmp_path):
    trials = [run_trial(index, 1, tmp_path) for index in range(2)]
    line, ok = summary(trials)
    assert ok, "\n".join([t.line() for t in trials] + [line])
    for trial in trials:
        assert 0 < trial.acked_before_kill < trial.acked     # acknowledged both before the kill and after resume
        assert trial.stop_seconds <= 2.0

    # The check is not vacuous: a command acknowledged but not journaled is reported lost.
    trial = Trial(0, 1)
    _check_journal(trial, tmp_path / "trial-0.simex", [("record_decision", "never journaled")])
    assert trial.lost == ["never journaled"]


def test_a_failure_of_any_kind_fails_the_summary():
    good = Trial(0, 1, players=2, acked=30, stop_seconds=0.2)
    assert summary([good]) == ("trials 1, commands acknowledged 30, acknowledged commands lost 0, tracebacks 0, "
                               "hangs 0, replay failures 0, refused 0, max stop time 0.20 s", True)
    for bad in (Trial(1, 1, acked=3, lost=["t1-police-2"]), Trial(1, 1, tracebacks=1),
                Trial(1, 1, hangs=["server took 2.50 s to stop after SIGINT"]),
                Trial(1, 1, replay_failure="entry 7 differs"), Trial(1, 1, refused=["no such channel"])):
        line, ok = summary([good, bad])
        assert not ok, line
        assert "FAIL" in bad.line() and "OK" in good.line()


async def test_a_send_the_closing_connection_cuts_off_is_refused_like_a_dropped_one(served):
    """Found by the trials: when a server stops or dies between the client's
    check and its write, the participant is told the connection was lost (a
    Refused, as the console shows), not a websockets exception, and no
    command is left waiting for an answer that cannot come."""
    client = RemoteSession(served.address, code_for(served, "participant:customs"), retry_seconds=60)
    try:
        await client.join()
        ws = client._ws
        await ws.close()
        for _ in range(1000):
            if not client.connected:
                break
            await asyncio.sleep(0.01)
        client._ws = ws      # the moment the race leaves: the reader has not yet seen the close
        with pytest.raises(Refused, match="connection lost"):
            await client.send("record_decision", agency="customs", decision="cut off")
        assert client._pending == {}
    finally:
        await client.close()


# A server that started a process of its own, which inherited its output
# pipes and outlives it (as a helper process could).
LEAVES_A_CHILD = ("import subprocess, sys, time; "
                  "subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(600)']); "
                  "print('serving on ws://nowhere', flush=True); time.sleep(600)")


def test_killing_a_server_takes_what_it_started_with_it_and_ends_within_its_limit():
    """The trial kills the server's whole process group: a child left running
    would hold the server's output pipe open, and the trial would wait for
    the end of that output (once, for ever). Nothing of it is left running."""
    server = Server(command=[sys.executable, "-c", LEAVES_A_CHILD])
    try:
        assert asyncio.run(server.ready()), "".join(server.lines)
        assert server.kill() is None
        assert not server.left_running
    finally:
        if server.left_running:
            os.killpg(server.proc.pid, signal.SIGKILL)


class JustDropped:
    """A client whose connection has just dropped: it still says it is
    connected (its reader has not run yet) and refuses every send at once,
    without waiting for anything."""
    connected = True

    def __init__(self):
        self.sends = 0
        self.reader_ran = False
        self.on_first_send = lambda: None

    async def send(self, kind, **fields):
        self.sends += 1
        if self.sends == 1:   # the reader's turn comes as soon as the loop runs
            asyncio.get_running_loop().call_soon(self.on_first_send)
        if self.sends > 1000 and not self.reader_ran:
            raise AssertionError("the player retried 1000 times without letting the event loop run")
        raise Refused("connection lost before the server answered; check the timeline before sending again")


async def test_a_player_whose_connection_dropped_lets_the_client_notice():
    """Found under load: a send refused because the connection had just closed
    came back without the player's task ever pausing; retrying at once, it
    never let the client's reader run to mark the connection lost, and the
    trial (and the whole test run) spun for ever, with every deadline in it
    starved. The player now waits a moment after such a refusal."""
    client = JustDropped()
    player = Player("customs", client, "t0")

    def reader_runs():
        client.reader_ran, client.connected, player.running = True, False, False
    client.on_first_send = reader_runs
    await asyncio.wait_for(player.play(), 60)
    assert client.sends >= 1 and player.acked == [] and player.refused == []
