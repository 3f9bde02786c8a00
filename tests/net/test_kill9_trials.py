"""kill -9 trials: the server is killed while participants send, resumed, and
stopped with SIGINT; every command acknowledged to a participant must be in
the journal, the journal must replay, no server may print a traceback and the
server must stop within 2 s of SIGINT.

`python tools/kill9_trials.py -n 40` runs forty; CI runs two, and checks that
the tool would see a lost command and fail its summary.
"""
from __future__ import annotations

import asyncio

import pytest

from simex.net.client import Refused, RemoteSession
from tests.net.conftest import code_for
from tools.kill9_trials import Trial, _check_journal, run_trial, summary


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
