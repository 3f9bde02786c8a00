"""What a participant and an evaluator see at a laptop's 80x24, as SVG
snapshots beside the facilitator's (tests/tui/snapshots). Deterministic: a
real server on loopback with the scenario's seed, the clock moved by the test,
and only scenario time on screen. Accept a deliberate change with

    SIMEX_UPDATE_SNAPSHOTS=1 python -m pytest tests/net/test_participant_snapshots.py
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest
from textual.widgets import Input

from tests.net.test_participant import joined, run_to, until
from simex.tui.participant import make_participant_app

SNAPSHOTS = Path(__file__).parent.parent / "tui" / "snapshots"
SCREENS = {
    "participant-inbox": ("participant:customs", ()),
    "participant-tasks": ("participant:customs", ("3",)),
    "participant-message": ("participant:customs", ("m",)),
    "evaluator-timeline": ("evaluator:evaluator-1", ()),
}


@pytest.fixture(autouse=True)
def no_cursor_blink(monkeypatch):
    monkeypatch.setattr(Input, "cursor_blink", False)


@pytest.mark.parametrize("screen", sorted(SCREENS))
async def test_snapshot(served, screen):
    label, keys = SCREENS[screen]
    remote = await joined(served, label)
    app = make_participant_app(remote)
    async with app.run_test(size=(80, 24)) as pilot:
        await run_to(served, 2 * 3600 + 16 * 60)
        await until(pilot, lambda: app.seen == len(remote.events) and remote.now == 2 * 3600 + 16 * 60
                    and not app.dirty)
        await pilot.press(*keys)
        await pilot.pause()
        svg = app.export_screenshot(title=f"simex {screen}")
    await remote.close()
    path = SNAPSHOTS / f"{screen}-80x24.svg"
    if os.environ.get("SIMEX_UPDATE_SNAPSHOTS"):
        path.write_text(svg, encoding="utf-8")
    assert path.exists(), f"no snapshot {path.name}: run with SIMEX_UPDATE_SNAPSHOTS=1"
    assert svg == path.read_text(encoding="utf-8"), f"{path.name} changed: compare it, then update deliberately"
