"""The facilitator's what-if screen at the hot wash: after ENDEX, `h` lists
the decisions that made expectations late, the facilitator picks one and
runs the counterfactual in a worker, and the answer is shown to project.
The exercise is tests/whatif_example.py's: the police told Norvalia (C5)
an hour after the deadline."""
from __future__ import annotations

import pytest
from textual.widgets import DataTable, Input, ProgressBar, Static

from simex.session import LocalSession
from simex.tui.app import make_app
from simex.tui.whatif import WhatIfScreen
from tests.tui.test_facilitator import until
from tests.whatif_example import police_journal


@pytest.fixture
def ended(tmp_path):
    session = LocalSession.reopen(police_journal(tmp_path / "police.simex"))
    yield session
    session.close()


async def open_whatif(app, pilot) -> WhatIfScreen:
    await pilot.press("h")
    await until(pilot, lambda: isinstance(app.screen, WhatIfScreen) and app.screen.decisions)
    return app.screen


async def test_the_late_notification_is_offered_and_moving_it_answers(ended):
    app = make_app(ended, tick_seconds=None)
    async with app.run_test(size=(140, 40)) as pilot:
        screen = await open_whatif(app, pilot)
        table = screen.query_one("#decisions", DataTable)
        assert [str(c) for c in table.get_row_at(0)][:2] == ["C5", "T+04:40:00"]
        assert "EXP-NEIGHBOUR" in str(table.get_row_at(0)[3])
        # The offered time is the latest that, with the channel's delay, would have been on time.
        assert screen.query_one("#when", Input).value == "03:41:00"
        await pilot.press("ctrl+r")
        await until(pilot, lambda: screen.model is not None)
        answer = str(screen.query_one("#answer", Static).render())
        assert "Inform Norvalia's liaison point (EXP-NEIGHBOUR) is on time" in answer
        assert "OBJ4 (Report the incident nationally and internationally) would be rated P, against S" in answer
        bar = screen.query_one("#progress", ProgressBar)
        assert bar.progress == bar.total == 1
        await pilot.press("escape")
        await until(pilot, lambda: not isinstance(app.screen, WhatIfScreen))


async def test_dropping_the_decision_over_several_runs_shows_progress(ended):
    app = make_app(ended, tick_seconds=None)
    async with app.run_test(size=(140, 40)) as pilot:
        screen = await open_whatif(app, pilot)
        screen.query_one("#change").value = "drop"
        screen.query_one("#runs", Input).value = "12"
        await pilot.press("ctrl+r")
        await until(pilot, lambda: screen.model is not None)
        assert screen.model["replications"] == 12
        assert screen.query_one("#progress", ProgressBar).progress == 12
        answer = str(screen.query_one("#answer", Static).render())
        assert "is met on time in 0 % of runs" in answer


async def test_a_misrouted_notification_is_offered_with_its_right_recipient(tmp_path):
    """C5 told the regulator, not Norvalia: EXP-NEIGHBOUR was missed. The
    screen offers sending it to Norvalia's liaison point, and the answer is
    that it would have been late, not missed."""
    journal = police_journal(tmp_path / "misrouted.simex", recipient="regulator", channel="regulator-police-phone")
    session = LocalSession.reopen(journal)
    app = make_app(session, tick_seconds=None)
    try:
        async with app.run_test(size=(140, 40)) as pilot:
            screen = await open_whatif(app, pilot)
            row = [str(c) for c in screen.query_one("#decisions", DataTable).get_row_at(0)]
            assert row[0] == "C5" and row[4] == "missed"
            assert row[5] == "recipient=norvalia-lp channel=police-norvalia-liaison"
            assert screen.query_one("#change").value == "replace"
            await pilot.press("ctrl+r")
            await until(pilot, lambda: screen.model is not None)
            answer = str(screen.query_one("#answer", Static).render())
            assert "Inform Norvalia's liaison point (EXP-NEIGHBOUR) is late" in answer
            assert "against missed in the exercise" in answer
    finally:
        session.close()


async def test_what_if_waits_for_endex(tmp_path):
    from tests.conftest import BORDER

    session = LocalSession.new(BORDER, journal_path=tmp_path / "live.simex")
    app = make_app(session, tick_seconds=None)
    try:
        async with app.run_test(size=(140, 40)) as pilot:
            await pilot.press("h")
            await until(pilot, lambda: any("after ENDEX" in str(n.message) for n in app._notifications))
            assert not isinstance(app.screen, WhatIfScreen)
    finally:
        session.close()
