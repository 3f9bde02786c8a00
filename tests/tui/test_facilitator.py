"""The facilitator console driven by keys, as a facilitator would: start,
pause, deliver an inject, act for an agency, add an observation, resume
from a journal. Assertions are on the engine's events, then on the screen."""
from __future__ import annotations

import pytest
from textual.widgets import DataTable, Input, Select, Static

from simex.session import LocalSession
from tests.conftest import BORDER
from simex.tui.app import make_app
from simex.tui.rowtable import RowTable
from simex.tui.timeline import Timeline


class FakeClock:
    """Wall time the test controls: no sleeping, no flaky timing."""

    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


@pytest.fixture
def session(tmp_path):
    s = LocalSession.new(BORDER, journal_path=tmp_path / "live.simex")
    yield s
    s.close()


def kinds(session, kind):
    return [e for e in session.events if e.kind == kind]


async def until(pilot, condition, timeout: float = 30.0) -> None:
    """Let the app run until `condition()` holds. `pilot.pause()` alone is not
    enough on a busy machine: it takes a starved process for an idle one and
    returns before the form has rebuilt its fields."""
    for _ in range(int(timeout / 0.05)):
        if condition():
            return
        await pilot.pause(0.05)
    assert condition(), "timed out"


def mounted(screen, selector: str) -> bool:
    """The act form rebuilds its fields on each change of agency or kind
    (remove, then mount): a value set on a field still being mounted is lost."""
    found = screen.query(selector)
    return bool(found) and all(w.is_mounted for w in found)


async def test_start_runs_the_clock_and_pause_stops_it(session):
    clock = FakeClock()
    app = make_app(session, tick_seconds=None, clock=clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("space")
        assert session.status == "running"
        await pilot.press("plus", "plus", "plus")           # 1x -> 5x -> 30x -> 60x
        assert session.speed == 60
        clock.now += 10
        app.tick()                                          # ten wall seconds at 60x
        assert session.now == 600
        await pilot.press("space")
        assert session.status == "paused"
        clock.now += 10
        app.tick()
        assert session.now == 600
        assert "PAUSED" in str(app.query_one("#clock", Static).render())
        assert kinds(session, "inject_delivered")[0].inject == "I01"


async def test_deliver_the_selected_inject_now(session):
    app = make_app(session, tick_seconds=None)
    async with app.run_test(size=(100, 30)) as pilot:
        table = app.query_one("#msel-table", DataTable)
        table.focus()
        row = table.get_row_index("I02")
        table.move_cursor(row=row)
        await pilot.press("d")
        delivered = kinds(session, "inject_delivered")
        assert [(e.inject, e.manual) for e in delivered] == [("I02", True)]
        assert "delivered" in str(table.get_row("I02")[3])
        await pilot.press("d")                              # twice is refused, politely
        assert len(kinds(session, "inject_delivered")) == 1


async def test_act_for_an_agency_takes_a_catalogue_action(session):
    app = make_app(session, tick_seconds=None)
    async with app.run_test(size=(100, 30)) as pilot:
        session.jump_to(2 * 3600 + 11 * 60)            # the threat alarm at 2h10m has been seen
        await pilot.press("a")
        form = app.screen
        form.query_one("#agency", Select).value = "customs"
        await until(pilot, lambda: mounted(form, "#action"))
        form.query_one("#action", Select).value = "secondary_inspection"
        await until(pilot, lambda: mounted(form, "#param-vehicle"))
        # The vehicle is chosen from those the world knows, not typed.
        choice = form.query_one("#param-vehicle", Select)
        assert "NV-4471-KB" in [value for _, value in choice._options]
        choice.value = "NV-4471-KB"
        await pilot.press("ctrl+s")
        await until(pilot, lambda: kinds(session, "action_taken"))
        action = kinds(session, "action_taken")[-1]
        assert (action.agency, action.action, action.params) == (
            "customs", "secondary_inspection", {"vehicle": "NV-4471-KB"})


async def test_act_for_an_agency_sends_a_message_over_a_channel(session):
    """The message carries what it concerns (the vehicle customs saw), which is
    how doctrine recognises it as the notification it expects."""
    app = make_app(session, tick_seconds=None)
    async with app.run_test(size=(100, 30)) as pilot:
        session.jump_to(2 * 3600 + 11 * 60)            # the threat alarm at 2h10m has been seen
        await pilot.press("a")
        form = app.screen
        # One field at a time, each change's rebuild finished before the next:
        # setting agency and kind together raced two rebuilds, and the second
        # could replace the route chosen after the first.
        form.query_one("#agency", Select).value = "customs"
        await until(pilot, lambda: mounted(form, "#action"))       # the default kind's fields
        form.query_one("#kind", Select).value = "message"
        await until(pilot, lambda: mounted(form, "#classification") and not form.query("#action"))
        form.query_one("#route", Select).value = "police|customs-police-radio"
        form.query_one("#subject", Input).value = "Hold on lane 2"
        form.query_one("#classification", Select).value = "confidential"
        await pilot.press("ctrl+s")
        await until(pilot, lambda: kinds(session, "message_sent"))
        sent = kinds(session, "message_sent")[-1]
        assert (sent.sender, sent.recipient, sent.channel, sent.classification) == (
            "customs", "police", "customs-police-radio", "confidential")
        assert sent.facts == {"vehicle": "NV-4471-KB"}


async def test_a_form_with_a_missing_field_says_so_and_stays_open(session):
    app = make_app(session, tick_seconds=None)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("o")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "Required" in str(app.screen.query_one("#error", Static).render())
        assert not kinds(session, "observation_recorded")


async def test_add_an_observation_tied_to_an_objective(session):
    app = make_app(session, tick_seconds=None)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("n")                              # STARTEX inject
        await pilot.press("o")
        form = app.screen
        form.query_one("#objective", Select).value = "OBJ1"
        text = form.query_one("#text", Input)
        text.value = "Lane supervisor briefed the shift well"
        text.focus()
        await pilot.press("enter")
        await pilot.pause()
        obs = kinds(session, "observation_recorded")[-1]
        assert (obs.objective, obs.text, obs.evaluator) == (
            "OBJ1", "Lane supervisor briefed the shift well", "lead evaluator")


async def test_timeline_filters_by_agency(session):
    app = make_app(session, tick_seconds=None)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("n", "n", "2")
        timeline = app.query_one(Timeline)
        everything = len(timeline.shown)
        app.query_one("#filter-agency", Select).value = "police"
        await until(pilot, lambda: len(timeline.shown) != everything)   # the filter has been applied
        police = [timeline.rows[i].text for i in timeline.shown]
        assert 0 < len(police) < everything
        assert all("police" in line.lower() for line in police)


async def test_resume_from_a_journal_continues_where_it_stopped(tmp_path):
    first = LocalSession.new(BORDER, journal_path=tmp_path / "j.simex")
    clock = FakeClock()
    app = make_app(first, tick_seconds=None, clock=clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("n", "n")
        await pilot.press("q")
    count, now = len(first.events), first.now
    again = LocalSession.reopen(tmp_path / "j.simex")
    app = make_app(again, tick_seconds=None, clock=clock)
    async with app.run_test(size=(100, 30)) as pilot:
        assert again.now == now == 105 * 60 and len(again.events) == count
        assert "T+01:45:00" in str(app.query_one("#clock", Static).render())
        assert "delivered" in str(app.query_one("#msel-table", DataTable).get_row("I02")[3])
        await pilot.press("space")
        clock.now += 30
        app.tick()
        assert again.now == now + 30
    again.close()


async def test_french_interface(session):
    app = make_app(session, lang="fr", tick_seconds=None)
    async with app.run_test(size=(100, 30)):
        clock = str(app.query_one("#clock", Static).render())
        assert "NON COMMENCÉ" in clock and "Poste de Kessin" in clock
        synopsis = app.query_one("#msel-table", DataTable).get_row("I02")[4]
        assert synopsis == "La Norvalie signale le vol d'une jauge industrielle"
        session.jump_to_next_inject()
        app.sync()
        line = app.query_one(Timeline).rows[-1].text
        assert "Injection I01 transmise à Customs, regulator et Police par document remis" in line
        assert "STARTEX : une équipe normale un mardi" in line


async def test_evaluator_overrides_a_suggested_rating_with_a_reason(session):
    app = make_app(session, tick_seconds=None)
    async with app.run_test(size=(100, 30)) as pilot:
        session.jump_to(6 * 3600)                          # ENDEX: doctrine bots not playing people
        await pilot.press("r")
        form = app.screen
        form.query_one("#target", Select).value = "CT1.0"
        await pilot.pause()
        assert "suggested by simex" in str(form.query_one("#suggestion", Static).render())
        suggested = form.suggestions["CT1.0"].rating
        other = next(r for r in "PSMU" if r != suggested)
        form.query_one("#rating", Select).value = other
        await pilot.pause()
        reason = form.query_one("#reason", Input)
        reason.focus()
        await pilot.press("enter")
        assert "reason" in str(form.query_one("#error", Static).render())  # refused: an override needs a reason
        assert app.screen is form
        reason.value = "Re-scans started late but safely"
        await pilot.press("enter")
        await pilot.pause()
        rating = kinds(session, "rating_recorded")[-1]
        assert (rating.target, rating.rating, rating.suggested) == ("CT1.0", other, suggested)


async def test_preroll_is_shown_until_startex(tmp_path):
    session = LocalSession.new(BORDER, journal_path=tmp_path / "p.simex", preroll=1800)
    app = make_app(session, tick_seconds=None)
    async with app.run_test(size=(100, 30)) as pilot:
        assert "PRE-ROLL" in str(app.query_one("#clock", Static).render())
        assert "T-00:30:00" in str(app.query_one("#clock", Static).render())
        await pilot.press("n")                              # the first inject, at STARTEX
        assert session.now == 0 and kinds(session, "inject_delivered")[0].inject == "I01"
        assert "PRE-ROLL" not in str(app.query_one("#clock", Static).render())
    session.close()


async def test_scoring_tab_counts_overdue_expectations_and_refreshes_at_endex(session):
    """Customs is played by a person who does nothing. At T+3h the threat's
    alarm (T+2h10m) is 40 min past its 10 min re-scan deadline: live, OBJ1
    is already M (it could still be met, very late), not P or blank. When the
    clock runs into ENDEX the tab, on screen, shows the final U (every
    re-scan missed), even though panes were refreshed a moment before."""
    clock = FakeClock()
    app = make_app(session, tick_seconds=None, clock=clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("5")
        clock.now += 5                                      # past the console's 2 s between evaluations
        app.run_command(session.jump_to, 3 * 3600)
        await app.workers.wait_for_complete()
        await pilot.pause()
        summary = app.query_one("#eeg-summary", Static)
        assert "OBJ1 M*" in str(summary.render())
        app.run_command(session.jump_to, 6 * 3600 - 5)
        await pilot.press("plus", "plus", "plus", "space")  # 60x, running
        clock.now += 0.2                                    # 12 s of scenario time: past ENDEX
        app.tick()
        assert session.status == "ended"
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "OBJ1 U*" in str(summary.render())
        table = app.query_one("#score-table", RowTable)
        assert "missed" in str(table.get_row("EXP-RESCAN#1")[2])


async def test_the_facilitator_drives_a_waiting_truck_off_choosing_it_from_the_world(session):
    """'W' changes the world: the conveyance is chosen among those waiting
    at the portal (no typed id), and the change is a journaled command."""
    session.jump_to(2 * 3600 + 11 * 60)          # NV-4471-KB alarmed at T+02:10
    app = make_app(session, tick_seconds=None)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("W")
        form = app.screen
        choices = [v for _, v in form.query_one("#conveyance", Select)._options if v is not Select.NULL]
        assert "rpm|NV-4471-KB" in choices and all(v.startswith("rpm|") for v in choices)
        form.query_one("#change", Select).value = "rpm|remove"
        form.query_one("#conveyance", Select).value = "rpm|NV-4471-KB"
        await pilot.press("ctrl+s")
        await until(pilot, lambda: [e for e in kinds(session, "world") if e.name == "left"])
    left = [e for e in kinds(session, "world") if e.name == "left"]
    assert [e.facts["vehicle"] for e in left] == ["NV-4471-KB"]


async def test_ctrl_c_quits_like_q_and_serving_it_asks_first(tmp_path):
    """Ctrl+C is what people press to stop a terminal program: without
    participants it quits at once; serving them, it asks, since it stops the
    server for everyone."""
    from simex.net.codes import CodeBook
    from simex.net.server import ExerciseServer
    from simex.tui.forms import ConfirmForm

    alone = LocalSession.new(BORDER, journal_path=tmp_path / "play.simex")
    app = make_app(alone, tick_seconds=None)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("ctrl+c")
        await pilot.pause()
        assert not app.is_running

    served = LocalSession.new(BORDER, journal_path=tmp_path / "serve.simex")
    server = ExerciseServer(served, CodeBook.for_scenario(served.scenario, None), port=0)
    app = make_app(served, tick_seconds=None, server=server)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("ctrl+c")
        assert isinstance(app.screen, ConfirmForm) and "Every participant is disconnected" in app.screen.question
        await pilot.press("escape")                      # no: the exercise goes on
        assert app.is_running and not isinstance(app.screen, ConfirmForm)
        await pilot.press("q", "ctrl+s")                 # q asks the same; yes
        await pilot.pause()
        assert not app.is_running
    served.close()


@pytest.mark.parametrize("size", [(80, 24), (100, 30)])
async def test_every_key_is_reachable_on_a_laptop_screen(session, size):
    """The footer has room for a few keys at 80x24; `?`, first in it, lists them all."""
    from simex.tui.keys import KeysScreen

    async def settled(condition) -> bool:
        # The footer composes its keys, and a pushed screen mounts, a frame or
        # more later: wait on what is asserted, not on one pause (busy machine).
        for _ in range(200):
            if condition():
                return True
            await pilot.pause()
        return condition()

    app = make_app(session, tick_seconds=None)
    async with app.run_test(size=size) as pilot:
        assert await settled(lambda: "Keys" in app.export_screenshot())
        await pilot.press("question_mark")
        assert await settled(lambda: isinstance(app.screen, KeysScreen))
        listed = str(app.screen.query_one(Static).render())
        for key, what in [("space", "Start/pause"), ("s", "Skip"), ("p", "Postpone"), ("r", "Rate P/S/M/U"),
                          ("e", "End exercise"), ("c", "Join codes"), ("1", "MSEL"), ("5", "Scoring"),
                          ("a", "Act for agency"), ("o", "Observation"), ("q", "Quit"), ("f", "Questionnaires")]:
            assert f"  {key:<8} {what}" in listed, (key, listed)
        await pilot.press("escape")
        assert await settled(lambda: not isinstance(app.screen, KeysScreen))


async def test_a_clock_tick_that_fires_while_the_console_closes_is_harmless(session):
    """The clock timer can fire once more while the console closes, after its
    screens are gone: that tick neither draws nor moves the exercise on."""
    clock = FakeClock()
    app = make_app(session, tick_seconds=None, clock=clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("space")
        app.tick()
    assert not app.screen_stack and session.status == "running"
    before = session.now
    clock.now += 10
    app.tick()
    assert session.now == before


async def test_a_score_that_arrives_while_the_console_closes_is_dropped(session):
    """The Scoring tab is computed in a worker thread; its result can reach the
    screen after the console began closing. It is dropped, not an error."""
    from simex.tui.panes import ScoringPane

    app = make_app(session, tick_seconds=None)
    async with app.run_test(size=(100, 30)):
        pane = app.query_one(ScoringPane)
    pane._show([("EXP#1", ("x",))], {}, "P/S/M/U:")
