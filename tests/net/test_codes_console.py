"""Join codes as the facilitator handles them: a printable handout, and
reissuing a code from the console (the old one stops working)."""
from __future__ import annotations

from textual.widgets import DataTable

from simex.net.codes import CodeBook, handout, normalise
from simex.net.server import ExerciseServer
from simex.session import LocalSession
from tests.conftest import BORDER
from simex.tui.app import make_app


def test_handout_has_one_block_per_role_with_the_join_command(tmp_path):
    session = LocalSession.new(BORDER, record=False)
    book = CodeBook.for_scenario(session.scenario, None)
    sheet = handout(book, "ws://192.168.1.10:8765", "Kessin — join codes")
    for label, code in book.pretty():
        assert f"Role:    {label}\nCode:    {code}\nJoin:    simex join ws://192.168.1.10:8765 --code {code}" in sheet
    assert sheet.count("Role:") == len(book.codes) == 6


async def test_reissuing_a_code_from_the_console(tmp_path):
    session = LocalSession.new(BORDER, journal_path=tmp_path / "j.simex")
    codes = CodeBook.for_scenario(session.scenario, tmp_path / "j.codes")
    server = ExerciseServer(session, codes, port=0)
    app = make_app(session, tick_seconds=None, server=server)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("c")
        table = app.screen.query_one("#codes", DataTable)
        label = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        old = dict(codes.pretty())[label]
        await pilot.press("r")
        new = dict(codes.pretty())[label]
        assert new != old and codes.lookup(old) is None and codes.lookup(new).label == label
        assert str(table.get_row(label)[1]) == new
        assert normalise(new) in (tmp_path / "j.codes").read_text()     # kept for a restart
    session.close()
