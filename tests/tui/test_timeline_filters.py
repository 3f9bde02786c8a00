"""The timeline's agency and kind filters read indexes kept as events
arrive, and the timeline resizes without laying the screen out again. What
it shows must still be what filtering the whole record from scratch shows,
after any mix of ticks and filter changes, with scrollbars that match."""
from __future__ import annotations

import gc
import random
import weakref

import pytest
from textual.widgets import Select

from simex.engine.exercise import Exercise
from simex.scenario.loader import load_scenario
from simex.session import LocalSession
from simex.tui.app import KINDS, make_app
from simex.tui.timeline import Timeline
from tests.conftest import BORDER
from tests.tui.screen_text import screen_text
from tests.tui.test_facilitator import until


def concerns(event, agency: str) -> bool:
    """The agency filter's meaning, written out: the event names the agency
    as its agency, sender, recipient, actor or observer, or among its addressees."""
    named = [getattr(event, f, None) for f in ("agency", "sender", "recipient", "who", "observer")]
    return agency in named or agency in (getattr(event, "to", ()) or ())


def from_scratch(events, agency, kind) -> list[int]:
    return [k for k, e in enumerate(events)
            if (agency is None or concerns(e, agency)) and (kind is None or e.kind == kind)]


@pytest.fixture(scope="module")
def record():
    """Four hours of the border crossing, every agency played by bots."""
    scenario = load_scenario(BORDER)
    exercise = Exercise(scenario, seed=3, bot_agencies=tuple(a.id for a in scenario.agencies))
    exercise.advance_to(4 * 3600)
    return scenario, list(exercise.events)


@pytest.mark.parametrize("seed", [1, 2, 3])
async def test_filters_show_what_filtering_the_whole_record_shows(record, seed):
    """Random chunks of events arrive between random filter changes (an
    agency or kind that never occurs included): after each step the rows
    shown are those a filter of the whole record so far picks, in order,
    and the scrollable height and the scrollbar are that many rows."""
    from textual.app import App

    scenario, events = record
    rnd = random.Random(seed)
    agencies = [a.id for a in scenario.agencies] + ["nobody", None]
    kinds = list(KINDS) + ["no_such_kind", None]

    class One(App):
        def compose(self):
            yield Timeline(id="t")

    app = One()
    async with app.run_test(size=(100, 20)) as pilot:
        timeline = app.query_one(Timeline)
        arrived = 0
        agency = kind = None
        while arrived < len(events):
            if rnd.random() < 0.5:
                agency, kind = rnd.choice(agencies), rnd.choice(kinds)
                timeline.set_filter(agency, kind)
            else:
                more = events[arrived:arrived + rnd.choice([1, 7, 60, 400])]
                timeline.append(more, arrived)
                arrived += len(more)
            await pilot.pause()
            expected = from_scratch(events[:arrived], agency, kind)
            assert [timeline.rows[i].index for i in timeline.shown] == expected
            assert timeline.virtual_size.height == len(expected)
            if timeline.show_vertical_scrollbar:
                assert timeline.vertical_scrollbar.window_virtual_size == len(expected)
            else:
                assert len(expected) <= timeline.size.height


async def test_the_timeline_shows_the_newest_rows_that_pass_after_ticks_while_filtered(tmp_path):
    """The facilitator filters on the police, then the exercise moves on:
    the menu says 'police', and the screen shows the newest police rows,
    the last one at the bottom, and nothing that does not concern the police."""
    session = LocalSession.new(BORDER, journal_path=tmp_path / "live.simex")
    app = make_app(session, tick_seconds=None)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.press("2")
        timeline = app.query_one(Timeline)
        app.query_one("#filter-agency", Select).value = "police"
        await until(pilot, lambda: timeline.agency == "police")
        for hours in (1, 2, 3):
            session.jump_to(hours * 3600)
            app.sync()
            expected = from_scratch(session.events, "police", None)
            await until(pilot, lambda: [timeline.rows[i].index for i in timeline.shown] == expected)
            await pilot.pause()
            text = screen_text(app)
            menus = [line for line in text.splitlines()[:8] if "all kinds" in line]   # the filters' row
            assert menus and "police" in menus[0] and "all agencies" not in menus[0]
            newest = timeline.rows[timeline.shown[-1]].text
            assert newest[:60] in text
            assert timeline.selected_index() == expected[-1]    # following the newest row
    session.close()


async def test_the_console_keeps_the_record_out_of_full_collections_and_leaves_none_frozen(tmp_path):
    """While a console runs, what survives a full collection is frozen (a
    full collection then walks only what is new: no 100 ms pause per key);
    a cycle dropped meanwhile is still collected; when the console closes
    nothing stays frozen."""
    class Cycle:
        pass

    session = LocalSession.new(BORDER, journal_path=tmp_path / "live.simex")
    app = make_app(session, tick_seconds=None)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert gc.get_freeze_count() > 0
        young = Cycle()
        young.me = young
        alive = weakref.ref(young)
        del young
        gc.collect()
        assert alive() is None
        await pilot.press("space", "space")          # running, then paused: everything thawed
        await until(pilot, lambda: session.status == "paused")
        assert gc.get_freeze_count() == 0
        gc.collect()                                 # the next full collection freezes anew
        assert gc.get_freeze_count() > 0
    session.close()
    assert gc.get_freeze_count() == 0
