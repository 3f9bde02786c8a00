"""The participant console in Arabic and Chinese at 100x30: Arabic shaped
and in reading order, Chinese columns aligned by terminal cells. The scenario
is tests/data/scripts.yaml (minimal.yaml with Arabic and Chinese player text),
so the proof does not wait for the bundled scenarios' translations. Snapshots
sit beside the others (tests/tui/snapshots); accept a deliberate change with

    SIMEX_UPDATE_SNAPSHOTS=1 python -m pytest tests/net/test_console_scripts.py
"""
from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from rich.cells import cell_len
from textual.widgets import Input

from simex.tui.participant import make_participant_app
from simex.tui.script import visual
from tests.conftest import ROOT
from tests.net.conftest import serving
from tests.net.test_participant import inbox_rows, joined, run_to, until
from tests.tui.screen_text import screen_text

SCRIPTS = ROOT / "tests" / "data" / "scripts.yaml"
SNAPSHOTS = Path(__file__).parent.parent / "tui" / "snapshots"
SCREENS = {"inbox": (), "tasks": ("3",), "message": ("m",)}
# Arabic letters in logical (unshaped) form: on a screen they mean a string
# reached the terminal without passing through the shaping edge.
UNSHAPED = re.compile("[\u0621-\u064a]")


@pytest.fixture(autouse=True)
def no_cursor_blink(monkeypatch):
    monkeypatch.setattr(Input, "cursor_blink", False)


@pytest.fixture
async def served(tmp_path):
    async with serving(SCRIPTS, tmp_path) as server:
        yield server


async def _console(served, lang: str, keys: tuple[str, ...]):
    """(svg, text) of the customs console after the threat alarm, with `keys` pressed."""
    remote = await joined(served, "participant:customs")
    app = make_participant_app(remote, lang=lang)
    async with app.run_test(size=(100, 30)) as pilot:
        await run_to(served, 90 * 60)            # I01 at STARTEX, I02 when the threat alarms (1 h)
        await until(pilot, lambda: len(inbox_rows(app)) == 2 and app.seen == len(remote.events)
                    and remote.now == 90 * 60 and not app.dirty)
        await pilot.press(*keys)
        await pilot.pause()
        svg, text = as_a_terminal_shows_it(app.export_screenshot(title=f"simex participant {lang}")), screen_text(app)
    await remote.close()
    return svg, text


def as_a_terminal_shows_it(svg: str) -> str:
    """The screenshot with the browser's own bidirectional ordering turned off:
    its text is already in the order the terminal draws it, and a browser
    showing the SVG would reverse the Arabic a second time."""
    return svg.replace("<style>", "<style>\n    text { unicode-bidi: bidi-override; direction: ltr; }", 1)


@pytest.mark.parametrize("screen", sorted(SCREENS))
@pytest.mark.parametrize("lang", ["ar", "zh"])
async def test_snapshot(served, lang, screen):
    svg, text = await _console(served, lang, SCREENS[screen])
    path = SNAPSHOTS / f"participant-{screen}-{lang}-100x30.svg"
    if os.environ.get("SIMEX_UPDATE_SNAPSHOTS"):
        path.write_text(svg, encoding="utf-8")
    assert path.exists(), f"no snapshot {path.name}: run with SIMEX_UPDATE_SNAPSHOTS=1"
    assert svg == path.read_text(encoding="utf-8"), f"{path.name} changed: compare it, then update deliberately"


async def test_arabic_reaches_the_screen_shaped_and_in_reading_order(served):
    _, text = await _console(served, "ar", ())
    assert not UNSHAPED.search(text), [line for line in text.splitlines() if UNSHAPED.search(line)]
    assert visual("جمارك الشمال") in text                      # the agency's name, in the header
    assert visual("السائق يبدو متوتراً") in text                # an inject's subject, in the inbox
    assert visual("الوارد") in text                             # a catalog word: the Inbox tab


async def test_chinese_columns_line_up(served):
    _, text = await _console(served, "zh", ())
    lines = text.splitlines()
    header = next(line for line in lines if "来自" in line and "主题" in line)
    rows = [line for line in lines if "注入" in line and ("演练开始简报" in line or "司机看起来很紧张" in line)]
    assert len(rows) == 2
    # The subject column starts at the same terminal cell on the header and on every row.
    start = cell_len(header[: header.index("主题")])
    for row in rows:
        subject = "演练开始简报" if "演练开始简报" in row else "司机看起来很紧张"
        assert cell_len(row[: row.index(subject)]) == start


async def test_arabic_inbox_reads_from_the_right(served):
    """Mirrored for Arabic readers: the inbox's first columns (unread mark,
    time) at the right edge, the subject at the left; the tabs from the right."""
    from simex.languages import translator

    _, text = await _console(served, "ar", ())
    g = translator("ar")
    lines = [line.rstrip() for line in text.splitlines()]
    header = next(line for line in lines if visual(g.pgettext("column", "subject")) in line)
    assert header.endswith(visual(g.pgettext("column", "time")))
    row = next(line for line in lines if "simcell" in line)
    assert row.endswith("●") and row.index("T+01:00:00") > row.index("simcell") > row.index(visual("السائق يبدو متوتراً"))
    tabs = next(line for line in lines if visual(g.pgettext("tab", "Tasks")) in line)
    assert tabs.index(visual(g.pgettext("tab", "Inbox"))) > tabs.index(visual(g.pgettext("tab", "Tasks")))
