"""The in-process session the facilitator console drives: a wall-clock timer
moves scenario time by elapsed x speed; pause stops it; jumps are journaled."""
from __future__ import annotations

import pytest

from simex.engine import commands as c
from simex.replay import replay
from simex.session import LocalSession
from tests.conftest import BORDER


@pytest.fixture
def session(tmp_path):
    s = LocalSession.new(BORDER, journal_path=tmp_path / "live.simex")
    yield s
    s.close()


def test_clock_moves_only_while_running(session):
    session.tick(10)
    assert session.now == 0 and session.status == "not started"
    session.start()
    session.set_speed(60)
    session.tick(2)            # two wall seconds at 60x
    assert session.now == 120 and session.status == "running"
    session.pause()
    session.tick(100)
    assert session.now == 120


def test_jump_to_next_inject_shows_it_at_once(session):
    t = session.jump_to_next_inject()
    assert t == 0.0 and session.events[-1].kind in ("inject_delivered", "inject_acknowledged", "world")
    t = session.jump_to_next_inject()
    assert t == 105 * 60
    assert [e.inject for e in session.events if e.kind == "inject_delivered"][-1] == "I02"


def test_a_live_session_replays(session, tmp_path):
    session.start()
    session.set_speed(300)
    for _ in range(30):
        session.tick(1.7)
    session.jump_to_next_inject()
    session.do(c.RecordObservation, evaluator="eva", text="Police slow to pass the alert")
    session.do(c.TakeAction, agency="customs", action="secondary_inspection", params={"vehicle": "NV-4471-KB"})
    session.jump_to(3 * 3600)
    session.close()
    report = replay(tmp_path / "live.simex")
    assert report.ok, report.message


def test_resume_continues_where_it_stopped(session, tmp_path):
    session.start()
    session.jump_to(5000)
    session.do(c.AddInject, to=("police",), synopsis="Call from the mayor", text="What is going on?")
    count = len(session.events)
    session.close()
    again = LocalSession.reopen(tmp_path / "live.simex")
    assert again.now == 5000 and again.status == "paused" and len(again.events) == count
    again.resume()
    again.tick(60)
    assert again.now == 5060
    again.close()
    assert replay(tmp_path / "live.simex").ok


def test_facilitator_preroll_is_journaled_and_replays(tmp_path):
    """`simex play --preroll 1h`: the world runs an hour before STARTEX; the
    journal records it, so replay and resume rebuild the same exercise."""
    session = LocalSession.new(BORDER, journal_path=tmp_path / "pre.simex", preroll=3600)
    assert session.now == -3600 and session.status == "not started"
    session.start()
    session.set_speed(300)
    session.tick(12)                                    # one hour: to STARTEX
    assert session.now == 0
    session.jump_to(2 * 3600)
    session.close()
    assert replay(tmp_path / "pre.simex").ok
    again = LocalSession.reopen(tmp_path / "pre.simex")
    assert again.exercise.preroll == 3600 and again.now == 2 * 3600
    again.close()
