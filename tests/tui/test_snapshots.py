"""What the facilitator sees, as SVG snapshots at a laptop's 80x24 and a
projector's 160x48. A change to a screen shows up as a diff; accept it
deliberately with

    SIMEX_UPDATE_SNAPSHOTS=1 python -m pytest tests/tui/test_snapshots.py

(pytest-textual-snapshot would do the same but pins syrupy and pytest < 9.)
Textual is pinned exactly in pyproject.toml because its releases change
rendering."""
from __future__ import annotations

import os
from pathlib import Path

import pytest
from textual.widgets import Input

from simex.session import LocalSession
from tests.conftest import BORDER
from simex.tui.app import make_app

SNAPSHOTS = Path(__file__).parent / "snapshots"
SCREENS = {
    "msel": ("n", "n"),
    "timeline": ("n", "n", "2"),
    "scoring": ("n", "n", "5"),
}


@pytest.fixture(autouse=True)
def no_cursor_blink(monkeypatch):
    monkeypatch.setattr(Input, "cursor_blink", False)


async def ratings_settled(app, pilot, timeout: float = 60.0) -> None:
    """The P/S/M/U line is computed in a worker, at most every two seconds: a
    refresh held back by that limit starts later, from a timer. Wait until
    the ratings are of the events on screen and no worker or timer is left,
    not just for the workers running now (a busy machine starts them late)."""
    import time

    from simex.tui.panes import ScoringPane

    from textual.widgets import TabbedContent

    if app.query_one(TabbedContent).active != "scoring":    # only the shown scoring tab refreshes
        await app.workers.wait_for_complete()
        return
    pane = app.query_one(ScoringPane)
    state = lambda: (len(app.session.events), app.session.now, app.session.status)  # noqa: E731
    deadline = time.monotonic() + timeout
    while True:
        await app.workers.wait_for_complete()
        await pilot.pause(0.05)
        if pane._eeg_timer is None and pane._eeg_seen == state():
            return
        assert time.monotonic() < deadline, "the ratings never settled"


@pytest.mark.parametrize("size", [(80, 24), (160, 48)], ids=["80x24", "160x48"])
@pytest.mark.parametrize("screen", sorted(SCREENS))
async def test_snapshot(screen, size, tmp_path):
    session = LocalSession.new(BORDER, record=False)
    app = make_app(session, tick_seconds=None)
    async with app.run_test(size=size) as pilot:
        await pilot.press(*SCREENS[screen])
        await ratings_settled(app, pilot)
        await pilot.pause()
        svg = app.export_screenshot(title=f"simex {screen}")
    path = SNAPSHOTS / f"{screen}-{size[0]}x{size[1]}.svg"
    if os.environ.get("SIMEX_UPDATE_SNAPSHOTS"):
        path.parent.mkdir(exist_ok=True)
        path.write_text(svg, encoding="utf-8")
    assert path.exists(), f"no snapshot {path.name}: run with SIMEX_UPDATE_SNAPSHOTS=1"
    assert svg == path.read_text(encoding="utf-8"), f"{path.name} changed: compare it, then update deliberately"


@pytest.mark.parametrize("screen", ["msel", "scoring"])
async def test_arabic_snapshot(screen):
    """The facilitator console in Arabic at 100x30: shaped, in reading order
    and mirrored (tests/tui/test_right_to_left.py reads the same screens)."""
    from tests.net.test_console_scripts import as_a_terminal_shows_it

    session = LocalSession.new(BORDER, record=False)
    app = make_app(session, lang="ar", tick_seconds=None)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press(*SCREENS[screen])
        await ratings_settled(app, pilot)
        await pilot.pause()
        svg = as_a_terminal_shows_it(app.export_screenshot(title=f"simex {screen} ar"))
    path = SNAPSHOTS / f"{screen}-ar-100x30.svg"
    if os.environ.get("SIMEX_UPDATE_SNAPSHOTS"):
        path.write_text(svg, encoding="utf-8")
    assert path.exists(), f"no snapshot {path.name}: run with SIMEX_UPDATE_SNAPSHOTS=1"
    assert svg == path.read_text(encoding="utf-8"), f"{path.name} changed: compare it, then update deliberately"
