"""The Agencies and Communications tabs count events as they arrive (a tab
switch on a long exercise reads nothing again): what they show after more
events is what a fresh console would show for the whole record."""
from __future__ import annotations

from textual.widgets import DataTable

from simex.engine import commands as c
from simex.session import LocalSession
from simex.tui.app import make_app
from tests.conftest import BORDER
from tests.tui.test_facilitator import until


def cells(app, table_id: str) -> dict[str, list[str]]:
    table = app.query_one(table_id, DataTable)
    return {str(row.key.value): [str(cell) for cell in table.get_row(row.key)] for row in table.ordered_rows}


def comms(app) -> list[list[str]]:
    table = app.query_one("#comms-table", DataTable)
    return [[str(cell) for cell in table.get_row(row.key)] for row in table.ordered_rows]


def send(session, n: int) -> None:
    for k in range(n):
        session.do(c.SendMessage, sender="customs", recipient="police", channel="customs-police-radio",
                   subject=f"lane 2, note {k}")


async def test_agency_and_channel_counts_follow_new_events(tmp_path):
    session = LocalSession.new(BORDER, record=False)
    app = make_app(session, tick_seconds=None)
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.press("3")
        await until(pilot, lambda: "customs" in cells(app, "#agency-table"))
        sent_column = 3
        assert cells(app, "#agency-table")["customs"][sent_column] == ""
        send(session, 2)
        app.sync()
        await until(pilot, lambda: cells(app, "#agency-table")["customs"][sent_column] == "2")
        send(session, 1)
        session.jump_to(session.now + 3600)             # delivered within the hour
        app.sync()
        await until(pilot, lambda: cells(app, "#agency-table")["customs"][sent_column] == "3")
        assert cells(app, "#agency-table")["police"][4] == "3"          # received
        await pilot.press("4")
        await until(pilot, lambda: any(r[:2] == ["customs", "police"] and r[3] == "3" for r in comms(app)))
        shown = (cells(app, "#agency-table"), comms(app))
    fresh = make_app(session, tick_seconds=None)
    async with fresh.run_test(size=(160, 48)) as pilot:
        await until(pilot, lambda: comms(fresh) and cells(fresh, "#agency-table"))
        assert (cells(fresh, "#agency-table"), comms(fresh)) == shown
    session.close()
