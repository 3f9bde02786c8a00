"""From the facilitator console (`w`), an evaluator writes an overview
field, the conclusion or a root cause into the report; it is journaled like
the same text imported from a notes file, and the report shows it."""
from __future__ import annotations

from textual.widgets import Input, Select, Static

from simex.replay import replay
from simex.report import build_report, from_journal
from simex.session import LocalSession
from simex.tui.app import make_app
from tests.conftest import BORDER
from tests.tui.test_facilitator import kinds, until


async def test_evaluator_writes_a_root_cause_and_the_venue_from_the_console(tmp_path):
    path = tmp_path / "live.simex"
    session = LocalSession.new(BORDER, journal_path=path, bots="weak")
    app = make_app(session, tick_seconds=None)
    async with app.run_test(size=(100, 30)) as pilot:
        session.jump_to(6 * 3600)                          # ENDEX: late and missed duties to explain
        await pilot.press("w")
        form = app.screen
        form.query_one("#author", Input).value = "B. Evaluator"
        form.query_one("#field", Select).value = "root_cause:OBJ1.1"
        await until(pilot, lambda: str(form.query_one("#about", Static).render()))
        assert str(form.query_one("#about", Static).render()).startswith("Re-scan each alarm")
        form.query_one("#text", Input).focus()
        await pilot.press("enter")                          # nothing typed: nothing to record
        assert "Unchanged" in str(form.query_one("#error", Static).render()) and app.screen is form
        form.query_one("#text", Input).value = "One inspector for four lanes"
        await pilot.press("enter")
        await until(pilot, lambda: kinds(session, "annotation_recorded"))
        await pilot.press("w")
        form = app.screen
        form.query_one("#field", Select).value = "venue"
        await pilot.pause()
        form.query_one("#text", Input).value = "Kessin training centre"
        form.query_one("#text", Input).focus()
        await pilot.press("enter")
        await until(pilot, lambda: len(kinds(session, "annotation_recorded")) == 2)
    session.close()
    notes = [(e.author, e.entry, e.target, e.text) for e in kinds(session, "annotation_recorded")]
    assert notes == [("B. Evaluator", "root_cause", "OBJ1.1", "One inspector for four lanes"),
                     ("lead evaluator", "venue", "", "Kessin training centre")]
    assert replay(path).ok
    scenario, events, _ = from_journal(path)
    md = build_report(scenario, events, fmt="md")
    assert "- Root cause: One inspector for four lanes" in md and "| Venue | Kessin training centre † |" in md
