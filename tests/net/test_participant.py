"""The participant, evaluator and observer consoles against a real server on
loopback, driven by keys as people in the room would. Assertions are on what
the server's session recorded and on what the other agency's client received,
then on the screen."""
from __future__ import annotations

import asyncio
import time

from textual.widgets import DataTable, Input, Select, Static

from simex.engine import commands as c
from simex.net.backlog import Backlog
from simex.net.client import RemoteSession
from tests.net.conftest import code_for
from simex.tui.participant import make_participant_app

SIZE = (100, 30)


async def joined(server, label, retry: float = 0.05) -> RemoteSession:
    remote = RemoteSession(server.address, code_for(server, label), retry_seconds=retry)
    await remote.join()
    return remote


async def until(pilot, condition, timeout: float = 30.0) -> None:
    """Let the network and the 0.1 s redraw timer run until `condition()` holds
    (generous: a loaded 2-core machine reconnects and redraws slowly)."""
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        await pilot.pause(0.05)


def recorded(session, kind):
    return [e for e in session.events if e.kind == kind]


def header(app) -> str:
    return str(app.query_one("#header", Static).render())


def inbox_rows(app) -> list[tuple[str, list]]:
    table = app.query_one("#inbox-table", DataTable)
    return [(row.key.value, [str(cell) for cell in table.get_row(row.key)]) for row in table.ordered_rows]


async def run_to(server, t: float) -> None:
    server.session.jump_to(t)
    server.publish()


async def test_an_inject_arrives_unread_is_opened_and_acknowledged(served):
    remote = await joined(served, "participant:customs")
    app = make_participant_app(remote)
    async with app.run_test(size=SIZE) as pilot:
        await run_to(served, 2 * 3600 + 16 * 60)         # I01 at STARTEX, I03 5 min after the threat alarm
        await until(pilot, lambda: len(inbox_rows(app)) == 2)
        rows = inbox_rows(app)
        assert [key for key, _ in rows] == ["inject:I03", "inject:I01"]          # newest first
        assert all(cells[0].startswith("●") for _, cells in rows)                # both unread
        assert "2 unread" in header(app)
        assert "Estavian Customs" in header(app) and "ESTAVIA 09:16" in header(app)  # 07:00 EET + 2h16m

        await pilot.press("enter")                                               # open I03
        assert "The driver of NV-4471-KB is nervous" in str(app.screen.query_one(Static).render())
        await pilot.press("escape")
        await until(pilot, lambda: not inbox_rows(app)[0][1][0].startswith("●"))
        assert "1 unread" in header(app)
        assert inbox_rows(app)[1][1][0].startswith("●")                          # I01 still unread

        await pilot.press("k")
        await app.workers.wait_for_complete()
        acks = recorded(served.session, "inject_acknowledged")
        assert [(a.inject, a.agency) for a in acks] == [("I03", "customs")]
        await until(pilot, lambda: "✓" in inbox_rows(app)[0][1][0])
        await pilot.press("k")                                                   # twice: said, not sent
        await app.workers.wait_for_complete()
        assert len(recorded(served.session, "inject_acknowledged")) == 1
    await remote.close()


async def test_a_message_goes_over_a_channel_with_a_reference_and_arrives_after_the_delay(served):
    customs = await joined(served, "participant:customs")
    police = await joined(served, "participant:police")
    app = make_participant_app(customs)
    async with app.run_test(size=SIZE) as pilot:
        await run_to(served, 2 * 3600 + 16 * 60)
        await until(pilot, lambda: len(inbox_rows(app)) == 2)
        await pilot.press("m")
        form = app.screen
        concerning = form.query_one("#concerning", Select)
        assert concerning.value == "vehicle=NV-4471-KB"                           # the most recent, preselected
        options = [v for _, v in concerning._options]
        assert "vehicle=RPM-00113" in options                                     # older alarms can be chosen
        assert "channel=gamma" not in options and "conveyance=vehicle" not in options   # readings are not names
        form.query_one("#route", Select).value = "police|customs-police-radio"
        form.query_one("#subject", Input).value = "Cs-137 in NV-4471-KB, lane 1"
        form.query_one("#classification", Select).value = "restricted"
        await pilot.press("ctrl+s")
        await app.workers.wait_for_complete()
        sent = recorded(served.session, "message_sent")[-1]
        assert (sent.sender, sent.recipient, sent.channel, sent.classification, sent.facts) == (
            "customs", "police", "customs-police-radio", "restricted", {"vehicle": "NV-4471-KB"})
        await asyncio.sleep(0.1)
        assert not [e for _, e in police.events if e.kind == "message_delivered"]   # still on the radio
        await run_to(served, served.session.now + 3 * 60)                          # the channel's longest delay
        for _ in range(60):
            if any(e.kind == "message_delivered" for _, e in police.events):
                break
            await pilot.pause(0.05)
        got = next(e for _, e in police.events if e.kind == "message_delivered")
        assert (got.sender, got.subject, got.classification, got.facts) == (
            "customs", "Cs-137 in NV-4471-KB, lane 1", "restricted", {"vehicle": "NV-4471-KB"})
        assert got.t > sent.t
    app = make_participant_app(police)                  # and on the police laptop:
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: any(key.startswith("message:") for key, _ in inbox_rows(app)))
        key, cells = inbox_rows(app)[0]
        assert key.startswith("message:") and cells[0].startswith("●") and cells[2:] == [
            "customs", "RESTRICTED", "Cs-137 in NV-4471-KB, lane 1"]
        await pilot.press("enter")
        shown = str(app.screen.query_one(Static).render())
        assert shown.startswith("RESTRICTED") and "Concerning: vehicle NV-4471-KB" in shown
    await customs.close(), await police.close()


async def test_a_catalogue_action_with_a_parameter_suggested_from_what_was_seen(served):
    remote = await joined(served, "participant:customs")
    app = make_participant_app(remote)
    async with app.run_test(size=SIZE) as pilot:
        await run_to(served, 2 * 3600 + 16 * 60)
        await until(pilot, lambda: len(inbox_rows(app)) == 2)
        await pilot.press("a")
        form = app.screen
        form.query_one("#action", Select).value = "adjudicate"
        await pilot.pause()
        assert form.query_one("#param-vehicle", Input).value == "NV-4471-KB"
        form.query_one("#param-outcome", Select).value = "anomalous"
        await pilot.press("ctrl+s")
        await app.workers.wait_for_complete()
        action = recorded(served.session, "action_taken")[-1]
        assert (action.agency, action.action, action.params, action.actor) == (
            "customs", "adjudicate", {"vehicle": "NV-4471-KB", "outcome": "anomalous"}, "participant:customs")
        await until(pilot, lambda: any("Customs judged the alarm on NV-4471-KB anomalous" in row.text for row in app.query_one("Timeline").rows))
    await remote.close()


async def test_forbidden_things_cannot_be_expressed(served):
    remote = await joined(served, "participant:customs")
    app = make_participant_app(remote)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("m")
        routes = [v for _, v in app.screen.query_one("#route", Select)._options if v is not Select.NULL]
        assert sorted(routes) == ["police|customs-police-radio", "regulator|customs-regulator-phone"]
        assert not app.screen.query("#sender") and not app.screen.query("#agency")
        await pilot.press("escape")
        await pilot.press("a")
        actions = [v for _, v in app.screen.query_one("#action", Select)._options if v is not Select.NULL]
        assert "secondary_inspection" in actions and "take_over_case" not in actions   # police's, not ours
        await pilot.press("escape")
        before = len(served.session.events)
        await pilot.press("k")                                   # nothing selected: nothing sent
        await app.workers.wait_for_complete()
        assert len(served.session.events) == before
        assert "EV1" not in [item["id"] for item in remote.view["evidence"]]   # not found yet
        served.session.jump_to(2 * 3600 + 41 * 60)                              # found at 2h40m
        served.publish()
        await until(pilot, lambda: "EV1" in [item["id"] for item in remote.view["evidence"]])
        await pilot.press("t")
        items = [v for _, v in app.screen.query_one("#item", Select)._options if v is not Select.NULL]
        to = [v for _, v in app.screen.query_one("#recipient", Select)._options if v is not Select.NULL]
        held = [item["id"] for item in remote.view["evidence"]]
        assert "EV1" in held and items == held and "customs" not in to   # only what it holds, never to itself
        await pilot.press("escape")
    await remote.close()


async def test_evidence_handed_over_leaves_the_held_list(served):
    served.session.jump_to(2 * 3600 + 41 * 60)          # EV1 is found at 2h40m
    customs = await joined(served, "participant:customs")
    police = await joined(served, "participant:police")
    app = make_participant_app(customs)
    async with app.run_test(size=SIZE) as pilot:
        assert "EV1" in [item["id"] for item in customs.view["evidence"]]
        await pilot.press("3")
        assert "EV1" in str(app.query_one("#tasks-text", Static).render())
        await pilot.press("t")
        form = app.screen
        form.query_one("#item", Select).value = "EV1"
        form.query_one("#recipient", Select).value = "police"
        form.query_one("#seal", Input).value = "S-0042"
        await pilot.press("ctrl+s")
        await app.workers.wait_for_complete()
        moved = recorded(served.session, "evidence_transferred")[-1]
        assert (moved.item, moved.sender, moved.recipient, moved.sealed, moved.seal_number) == (
            "EV1", "customs", "police", True, "S-0042")
        await until(pilot, lambda: "  EV1  " not in str(app.query_one("#tasks-text", Static).render()))
        await until(pilot, lambda: "EV1" in [i["id"] for i in police.view.get("evidence", [])])
    await customs.close(), await police.close()


async def test_a_legal_clock_the_agency_owns_is_an_open_task(served):
    remote = await joined(served, "participant:customs")
    app = make_participant_app(remote)
    async with app.run_test(size=SIZE) as pilot:
        await run_to(served, 3 * 3600)
        served.session.do(c.TakeAction, agency="customs", action="detain_vehicle", params={"vehicle": "NV-4471-KB"})
        await run_to(served, 3 * 3600 + 60)
        await pilot.press("3")
        tasks = lambda: str(app.query_one("#tasks-text", Static).render())   # noqa: E731
        await until(pilot, lambda: "Administrative hold" in tasks())           # the clock's title, not its id
        # 4 h after the hold began
        assert "due T+07:00:00 (in 3 h 59 min)  Administrative hold: customs may keep a conveyance 4 h" in tasks()
        assert "acknowledge inject I01" in tasks()
    await remote.close()


async def test_evaluator_adds_an_observation_and_a_rating(served):
    remote = await joined(served, "evaluator:evaluator-1")
    app = make_participant_app(remote)
    async with app.run_test(size=SIZE) as pilot:
        await run_to(served, 2 * 3600 + 16 * 60)
        await until(pilot, lambda: any("truth" in row.text for row in app.query_one("Timeline").rows))
        await pilot.press("o")
        app.screen.query_one("#objective", Select).value = "OBJ1"
        app.screen.query_one("#text", Input).value = "Lane 1 officer kept her distance"
        await pilot.press("ctrl+s")
        await app.workers.wait_for_complete()
        await pilot.press("r")
        app.screen.query_one("#target", Select).value = "CT1.1"
        app.screen.query_one("#rating", Select).value = "S"
        await pilot.press("ctrl+s")
        await app.workers.wait_for_complete()
        app.main.query_one("#filter-agency", Select).value = "police"
        await pilot.pause()
        timeline = app.main.query_one("Timeline")
        assert timeline.shown and all("police" in timeline.rows[i].text.lower() for i in timeline.shown)
        assert len(timeline.shown) < len(timeline.rows)
        obs = recorded(served.session, "observation_recorded")[-1]
        rating = recorded(served.session, "rating_recorded")[-1]
        assert (obs.evaluator, obs.objective, obs.text) == ("evaluator-1", "OBJ1", "Lane 1 officer kept her distance")
        assert (rating.evaluator, rating.target, rating.rating) == ("evaluator-1", "CT1.1", "S")
    await remote.close()


async def test_evaluator_writes_the_conclusion_of_the_report_from_its_console(served):
    remote = await joined(served, "evaluator:evaluator-1")
    app = make_participant_app(remote)
    async with app.run_test(size=SIZE) as pilot:
        await run_to(served, 2 * 3600 + 16 * 60)
        await until(pilot, lambda: len(app.query_one("Timeline").rows) > 3)
        await pilot.press("w")
        assert not app.screen.query("#author")        # the join code gave the name: not asked again
        app.screen.query_one("#field", Select).value = "conclusion"
        await pilot.pause()          # choosing the field shows what the report says now, in the text
        app.screen.query_one("#text", Input).value = "One picture between customs and police"
        await pilot.press("ctrl+s")
        await app.workers.wait_for_complete()
        await until(pilot, lambda: len(app.screen_stack) == 1)
        note = recorded(served.session, "annotation_recorded")[-1]
        assert (note.author, note.entry, note.target, note.text) == (
            "evaluator-1", "conclusion", "", "One picture between customs and police")
    await remote.close()


async def test_observer_console_has_no_way_to_act(served):
    remote = await joined(served, "observer:observer-1")
    app = make_participant_app(remote)
    async with app.run_test(size=SIZE) as pilot:
        await run_to(served, 2 * 3600 + 16 * 60)
        await until(pilot, lambda: len(app.query_one("Timeline").rows) > 3)
        before = len(served.session.events)
        await pilot.press("m", "a", "d", "t", "k", "o", "r", "w")
        await app.workers.wait_for_complete()
        assert len(app.screen_stack) == 1 and len(served.session.events) == before
        actions = {active.binding.action for active in app.active_bindings.values()}
        assert "quit_console" in actions and not actions & {"message", "act", "decide", "transfer", "acknowledge",
                                                            "observe", "rate", "report_note"}
        assert not any("truth" in row.text for row in app.query_one("Timeline").rows)
    await remote.close()


async def test_dropped_connection_shows_reconnecting_then_catches_up(served):
    # The console retries 3 s after a drop: long enough for a loaded machine to
    # show RECONNECTING before it is connected again.
    remote = await joined(served, "participant:customs", retry=3.0)
    app = make_participant_app(remote)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: "connected" in header(app))
        for client in list(served.clients):
            await client.ws.close(1012, "restarting")
        await until(pilot, lambda: "RECONNECTING" in header(app))
        await run_to(served, 2 * 3600 + 16 * 60)                  # I03 arrives while we are away
        await until(pilot, lambda: "● connected" in header(app))
        await until(pilot, lambda: [k for k, _ in inbox_rows(app)] == ["inject:I03", "inject:I01"])
        await pilot.press("k")                                    # and the console still works
        await app.workers.wait_for_complete()
        assert recorded(served.session, "inject_acknowledged")[-1].inject == "I03"
    await remote.close()


async def test_french_console(served):
    remote = await joined(served, "participant:customs")
    app = make_participant_app(remote, lang="fr")
    async with app.run_test(size=SIZE) as pilot:
        await run_to(served, 2 * 3600 + 16 * 60)
        await until(pilot, lambda: len(inbox_rows(app)) == 2)
        assert "Douane estavienne" in header(app) and "connecté" in header(app)
        assert inbox_rows(app)[0][1][4] == "La version du conducteur"
        await pilot.press("enter")
        assert "Le conducteur du NV-4471-KB est nerveux" in str(app.screen.query_one(Static).render())
    await remote.close()


async def test_a_revoked_code_says_so_instead_of_reconnecting_forever(served):
    remote = await joined(served, "participant:customs")
    app = make_participant_app(remote)
    async with app.run_test(size=SIZE) as pilot:
        served.codes.reissue("participant:customs")
        served.disconnect_role("participant:customs")
        await until(pilot, lambda: "DISCONNECTED: unknown join code" in header(app))
        await pilot.press("m")                       # the console still answers keys
        assert len(app.screen_stack) == 2
    await remote.close()



async def test_a_refused_command_keeps_its_draft_with_the_reason(served):
    """Refused (ENDEX called, or the laptop disconnected), the form stays open
    with the reason under the fields and what was typed, to send again."""
    from simex.net.client import Refused
    from simex.tui.participant_forms import RemoteForm

    remote = await joined(served, "participant:customs")
    app = make_participant_app(remote)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("d")
        await until(pilot, lambda: isinstance(app.screen, RemoteForm))
        form = app.screen
        form.query_one("#decision", Input).value = "Hold lane 3"
        real_send = remote.send

        async def disconnected(*args, **kwargs):
            raise Refused("not connected to the server; it will reconnect by itself")
        remote.send = disconnected
        await pilot.press("ctrl+s")
        await until(pilot, lambda: "not connected" in str(form.query_one("#error", Static).render()))
        assert app.screen is form and form.query_one("#decision", Input).value == "Hold lane 3"
        remote.send = real_send                          # back on the network: the same draft goes
        await pilot.press("ctrl+s")
        await until(pilot, lambda: recorded(served.session, "decision_recorded"))
        assert recorded(served.session, "decision_recorded")[0].decision == "Hold lane 3"
        await until(pilot, lambda: app.screen is not form)

        served.session.do(c.EndExercise)                 # the facilitator calls ENDEX
        served.publish()
        await until(pilot, lambda: "ENDED" in header(app))
        await pilot.press("d")
        await until(pilot, lambda: isinstance(app.screen, RemoteForm))
        app.screen.query_one("#decision", Input).value = "Release lane 3"
        await pilot.press("ctrl+s")
        await until(pilot, lambda: "the exercise has ended" in str(app.screen.query_one("#error", Static).render()))
        assert len(recorded(served.session, "decision_recorded")) == 1
        await pilot.press("escape", "2")                 # and the console carries on
        assert app.main.query_one("TabbedContent").active == "timeline"
    await remote.close()


async def test_every_action_is_in_the_command_palette(served):
    remote = await joined(served, "participant:customs")
    app = make_participant_app(remote, lang="fr")
    async with app.run_test(size=SIZE):
        titles = {command.title for command in app.get_system_commands(app.screen)}
        assert {"Message", "Action", "Décision", "Scellés", "Accuser réception"} <= titles
    await remote.close()


async def test_a_screen_let_go_for_not_reading_is_told_why_when_it_rejoins(served, monkeypatch):
    """The console rejoins by itself; the person sees why it had been let go,
    once, and the console carries on."""
    served.shed_grace = 0.2
    remote = await joined(served, "participant:customs")
    app = make_participant_app(remote)
    said = []
    monkeypatch.setattr(app, "notify", lambda message, **kw: said.append((message, kw.get("severity"))))
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: len(served.clients) == 1)
        served._shed(next(iter(served.clients)), Backlog(limit=0, stalled=1).check(2048 * 1024))
        await until(pilot, lambda: said)
        assert said == [("rejoined: not reading (2,048 KB waiting): rejoin to catch up", "warning")]
        assert remote.connected and "CONNECTED" in header(app).upper()
        served.session.do(c.RecordDecision, agency="customs", decision="Hold lane 2", rationale="after the rejoin")
        served.publish()                                 # the console redraws for it; the notice is not said again
        await until(pilot, lambda: app.seen == len(remote.events) and any(
            e.kind == "decision_recorded" for _, e in remote.events))
        assert len(said) == 1
    await remote.close()


async def test_a_new_item_does_not_move_the_cursor_off_the_one_being_read(served):
    remote = await joined(served, "participant:customs")
    app = make_participant_app(remote)
    async with app.run_test(size=SIZE) as pilot:
        await run_to(served, 2 * 3600 + 16 * 60)
        await until(pilot, lambda: len(inbox_rows(app)) == 2)
        await pilot.press("down")                                    # reading I01, the older one
        table = app.query_one("#inbox-table", DataTable)
        selected = lambda: table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value  # noqa: E731
        assert selected() == "inject:I01"
        served.session.do(c.AddInject, to=("customs",), synopsis="Shift change", text="New team at 10:00")
        served.publish()
        await until(pilot, lambda: len(inbox_rows(app)) == 3)        # the new one on top
        assert selected() == "inject:I01"
    await remote.close()


async def test_the_evaluator_has_the_msel_with_controller_notes_and_the_scoring(served):
    """What docs/running-a-workshop.md promises an evaluator: the MSEL with its
    controller notes and expected actions, and the scoring as it stands."""
    from simex.tui.forms import DetailScreen

    remote = await joined(served, "evaluator:evaluator-1")
    app = make_participant_app(remote)
    async with app.run_test(size=SIZE) as pilot:
        await run_to(served, 2 * 3600 + 16 * 60)
        await until(pilot, lambda: app.seen == len(remote.events) and remote.now == 2 * 3600 + 16 * 60)
        await pilot.press("2")
        table = app.query_one("#msel-table", DataTable)
        await until(pilot, lambda: table.row_count > 0 and "delivered" in [str(c) for c in table.get_row("I01")])
        assert [str(c) for c in table.get_row("I02")][1:] == ["I02", "police", "delivered",
                                                            "Norvalia reports a stolen industrial gauge"]
        table.move_cursor(row=table.get_row_index("I02"))
        table.focus()
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, DetailScreen))
        assert "Watch whether police pass it to customs at the crossing" in app.screen.text
        await pilot.press("escape", "3")
        scoring = app.query_one("#scoring-text", Static)
        await until(pilot, lambda: "OBJ1" in str(scoring.render()))
        text = str(scoring.render())
        assert "OBJ4" in text and "simex's suggestion" in text
    await remote.close()


async def test_a_redraw_tick_that_fires_while_the_console_closes_is_harmless(served):
    """The redraw timer can fire once more while the console closes, after its
    screens are gone (seen on a busy CI machine): that tick draws nothing and
    raises nothing."""
    remote = await joined(served, "participant:customs")
    app = make_participant_app(remote)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: "connected" in header(app))
    assert not app.screen_stack
    app.dirty = True
    app._tick()
    await remote.close()


async def test_an_evaluator_score_that_arrives_while_the_console_closes_is_dropped(served):
    """The evaluator's scoring runs in a worker thread; its text can reach the
    screen after the console's screens are gone. It is dropped, not an error."""
    remote = await joined(served, "evaluator:evaluator-1")
    app = make_participant_app(remote)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: "connected" in header(app))
    app._put_score("O1 S")
    await remote.close()
