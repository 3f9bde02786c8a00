"""The facilitator console: 'b' branches the exercise at the moment picked
on the timeline (the live journal untouched), 'k' turns a live knob."""
from __future__ import annotations

import hashlib

import pytest
from textual.widgets import Input, Select

from simex.branch import parent_of
from simex.engine import commands as c
from simex.journal import JournalReader, wal_file
from simex.replay import replay
from simex.session import LocalSession
from simex.tui.app import make_app
from simex.tui.branch import BranchForm
from simex.tui.knob_form import KnobForm
from simex.tui.timeline import Timeline
from tests.conftest import BORDER
from tests.tui.test_facilitator import until

HOUR = 3600.0


def notes(app) -> list[tuple[str, str]]:
    """(title, message) of every notification the app shows from now on."""
    said, show = [], app.notify

    def notify(message, **options):
        said.append((options.get("title") or "", str(message)))
        return show(message, **options)
    app.notify = notify
    return said


@pytest.fixture
def session(tmp_path):
    s = LocalSession.new(BORDER, journal_path=tmp_path / "live.simex")
    yield s
    s.close()


def fingerprint(path) -> tuple[str, str]:
    """The live journal's bytes: the file and its -wal."""
    wal = wal_file(path)
    return (hashlib.sha256(path.read_bytes()).hexdigest(),
            hashlib.sha256(wal.read_bytes()).hexdigest() if wal.exists() else "")


async def test_branch_here_writes_a_new_journal_at_the_picked_moment(session):
    session.jump_to(HOUR)
    session.do(c.RecordDecision, agency="police", decision="wait for the regulator")
    session.jump_to(3 * HOUR)
    app = make_app(session, tick_seconds=None)
    said = notes(app)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.press("2")
        timeline = app.query_one(Timeline)
        await until(pilot, lambda: timeline.rows and timeline.size.height > 0)
        timeline.focus()
        decision = next(row.index for row in timeline.rows if row.kind == "decision_recorded")
        timeline.cursor = timeline.shown.index(decision)
        live = fingerprint(session.journal_path)
        await pilot.press("b")
        await until(pilot, lambda: isinstance(app.screen, BranchForm))
        target = app.screen.query_one("#branch-file", Input).value
        assert target.endswith("live-branch-010000.simex")
        await pilot.press("ctrl+s")
        await until(pilot, lambda: any(title == "Branch written" for title, _ in said))
        assert f"simex play --resume {target}" in next(text for title, text in said if title == "Branch written")
        assert fingerprint(session.journal_path) == live
        assert session.now == 3 * HOUR and session.status == "paused"
    reader = JournalReader(target)
    assert parent_of(reader.meta).at == HOUR
    assert not [e for e in reader.events() if e.kind == "decision_recorded"]
    reader.close()
    assert replay(target).ok


async def test_branch_here_asks_to_pause_first(session):
    app = make_app(session, tick_seconds=None)
    said = notes(app)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.press("space")
        await pilot.press("b")
        await until(pilot, lambda: any("Pause first" in text for _, text in said))
        assert not isinstance(app.screen, BranchForm)


async def test_a_knob_turned_in_the_console_is_journaled(session):
    session.jump_to(HOUR)
    app = make_app(session, tick_seconds=None)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.press("k")
        await until(pilot, lambda: isinstance(app.screen, KnobForm))
        form = app.screen
        form.query_one("#knob", Select).value = "traffic|rpm"
        form.query_one("#knob-value", Input).value = "lots"
        await pilot.press("ctrl+s")
        await until(pilot, lambda: "traffic takes a value like 120/h" in str(form.query_one("#error").render()))
        assert not [e for e in session.events if e.kind == "knob_set"]
        form.query_one("#knob-value", Input).value = "120/h"
        await pilot.press("ctrl+s")
        await until(pilot, lambda: [e for e in session.events if e.kind == "knob_set"])
    assert [(e.knob, e.target, e.value) for e in session.events if e.kind == "knob_set"] == [("traffic", "rpm", 120.0)]
