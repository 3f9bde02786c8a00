"""A console in a right-to-left language (Arabic) is mirrored, as its readers
expect: text right-aligned, a table's first column at the right edge, the
tabs and the footer's keys starting from the right. Keys and what they do are
those of every other language. (Letters in reading order: test_script.py and
tests/net/test_console_scripts.py; the look: the ar snapshots.)"""
from __future__ import annotations

import re

from simex.languages import translator
from simex.localized import duration
from simex.session import LocalSession
from simex.tui.app import make_app
from simex.tui.script import visual
from tests.conftest import BORDER
from tests.tui.screen_text import screen_text


async def _facilitator(lang: str, keys: tuple[str, ...]):
    """(screen text, journal kinds) of the facilitator console after `keys`."""
    session = LocalSession.new(BORDER, record=False)
    app = make_app(session, lang=lang, tick_seconds=None)
    async with app.run_test(size=(100, 30)) as pilot:
        app.query_one("#msel-table").focus()
        await pilot.press(*keys)
        await app.workers.wait_for_complete()
        await pilot.pause()
        text = screen_text(app)
    return text, [(e.kind, getattr(e, "inject", None)) for e in session.events]


async def test_the_facilitator_console_in_arabic_reads_from_the_right():
    text, _ = await _facilitator("ar", ("n", "n"))
    g = translator("ar")
    lines = [line.rstrip() for line in text.splitlines()]
    header = next(line for line in lines if visual(g.pgettext("column", "synopsis")) in line)
    # The MSEL's first column (time) at the right edge, its last (synopsis) at the left.
    assert header.endswith(visual(g.pgettext("column", "time")))
    assert header.index(visual(g.pgettext("column", "synopsis"))) < header.index(visual(g.pgettext("column", "to")))
    first = next(line for line in lines if " I01 " in line)
    assert first.endswith("+00:00:00") and first.index("I01") > first.index("customs, regulator, police")
    # The tabs run from the right: MSEL (1) right of Scoring (5).
    tabs = next(line for line in lines if visual(g.pgettext("tab", "Scoring")) in line)
    assert tabs.index(visual(g.pgettext("tab", "MSEL"))) > tabs.index(visual(g.pgettext("tab", "Scoring")))
    # The footer's first key (?, the list of keys) at the right edge, its description to its left.
    footer = lines[-1]
    assert footer.endswith(f"{visual(g.gettext('Keys'))} ?")


async def test_the_mirrored_console_keeps_every_key():
    """The same keys do the same things: the row under the cursor is the
    same inject whichever side its first column is drawn on."""
    keys = ("n", "n", "down", "down", "s", "down", "p", "ctrl+a", "3", "0", "m", "enter")
    _, english = await _facilitator("en", keys)
    _, arabic = await _facilitator("ar", keys)
    assert ("inject_skipped", "C04") in english
    assert arabic == english


async def test_a_left_to_right_console_is_not_mirrored():
    session = LocalSession.new(BORDER, record=False)
    app = make_app(session, lang="fr", tick_seconds=None)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        lines = [line.rstrip() for line in screen_text(app).splitlines()]
    g = translator("fr")
    assert not app.has_class("rtl")
    header = next(line for line in lines if g.pgettext("column", "synopsis") in line)
    assert header.lstrip().startswith(g.pgettext("column", "time"))
    assert lines[-1].lstrip().startswith(f"? {g.gettext('Keys')}")


async def test_the_clock_line_reads_in_order_from_the_right():
    """Read from the right: the state, the clock, the speed, ENDEX with its
    time, then the jurisdictions' clocks. The bidi algorithm glued ENDEX's
    time to the jurisdictions' clocks, one left-to-right run, so ENDEX's
    label stood right of the clocks and its time at the far left."""
    session = LocalSession.new(BORDER, record=False)
    app = make_app(session, lang="ar", tick_seconds=None)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        line = screen_text(app).splitlines()[1].strip()
    g = translator("ar")
    zones = [f"{j.id} " for j in session.scenario.jurisdictions]
    endex = visual(g.pgettext("HSEEP: end of exercise", "ENDEX"))
    assert not any("\u2066" <= ch <= "\u2069" for ch in line), "isolate marks never reach the terminal"
    clock, speed, end = line.index("T+00:00:00"), line.index("×1"), line.index("T+06:00:00")
    assert all(line.index(z) < end for z in zones), line
    assert end < line.index(endex) < speed < clock, line


async def test_the_timeline_reads_from_the_right_edge():
    """Each timeline line starts at the right edge with its clock, the sentence
    to its left. The lines were left-aligned, the clock at the left."""
    session = LocalSession.new(BORDER, record=False)
    app = make_app(session, lang="ar", tick_seconds=None)
    async with app.run_test(size=(100, 30)) as pilot:
        app.query_one("#msel-table").focus()
        await pilot.press("n", "n", "2")
        await app.workers.wait_for_complete()
        await pilot.pause()
        timeline = app.query_one("Timeline")
        region = timeline.content_region
        lines = [line[region.x:region.right] for line in screen_text(app).splitlines()[region.y:region.bottom]]
    shown = [line for line in lines if "T+" in line]
    assert len(shown) >= 2, lines
    for line in shown:
        assert re.search(r"T\+\d\d:\d\d:\d\d$", line), f"the clock at the right edge: {line!r}"
    assert not any(ch in "\u200e\u200f\u2066\u2067\u2068\u2069" for line in lines for ch in line)


async def test_the_scoring_table_reads_from_the_right_edge():
    """The Scoring tab's table is mirrored like the MSEL: its first column (the
    expectation) at the right edge, text right-aligned, and ids and durations
    kept whole and left to right. It was drawn left to right, and a countdown
    read "min 38 s 4"; it now reads in Arabic units."""
    from tests.tui.test_snapshots import ratings_settled

    session = LocalSession.new(BORDER, record=False)
    app = make_app(session, lang="ar", tick_seconds=None)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("n", "n", "5")
        await ratings_settled(app, pilot)
        await pilot.pause()
        table = app.query_one("#score-table")
        region = table.content_region
        lines = [line[region.x:region.right] for line in screen_text(app).splitlines()[region.y:region.bottom]]
    g = translator("ar")
    header, rows = lines[0], [line for line in lines[1:] if "EXP-" in line]
    columns = [visual(g.pgettext("column", name)) for name in ("due", "status", "who", "expectation")]
    assert header.rstrip().endswith(columns[-1]), header
    assert [header.index(c) for c in columns] == sorted(header.index(c) for c in columns), header
    assert len(rows) >= 3, lines
    for row in rows:
        assert re.search(r"customs +EXP-RESCAN#\d$", row), f"the expectation at the right edge: {row!r}"
    # In Arabic units ("4 د 38 ث", four minutes 38 seconds), read from the right.
    countdown = re.sub(r"\d+", r"\\d+", re.escape(visual(duration(278, "ar"))))
    countdowns = [re.search(countdown, row) for row in rows if visual(g.pgettext("expectation", "open")) in row]
    assert countdowns and all(countdowns), rows
    assert not any(ch in "\u200e\u200f\u2066\u2067\u2068\u2069" for line in lines for ch in line)
