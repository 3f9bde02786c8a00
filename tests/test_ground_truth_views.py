"""Ground truth ("this truck really carries Cs-137") is for controllers and
evaluators. It never reaches a view that may be projected to the room: a
participant's or observer's console, the participants' sections of the
report. Where it does show, it is marked as ground truth, so nobody takes it
for something the players were told."""
from __future__ import annotations

import re
import subprocess
import sys

import pytest
from textual.app import App

from simex import events as ev
from simex.narrate import Narrator
from simex.tui.timeline import Timeline
from tests.conftest import BORDER, ROOT

ALARM = ev.WorldEvent(t=7800, process="rpm", name="alarm", observer="customs",
                      facts={"vehicle": "NV-4471-KB", "lane": 1, "gamma_sigma": 580.2, "neutron": False},
                      truth={"cause": "threat", "nuclide": "Cs-137", "cargo": "Lead container"})
TRUTH = re.compile(r"truth|threat|Cs-137|réalité", re.IGNORECASE)


def test_a_controller_line_marks_ground_truth_as_such(border):
    line = Narrator(border).describe(ALARM, controller=True)
    assert line == "Portal alarm on lane 1 (NV-4471-KB): gamma 580.2 σ  [ground truth: threat, Cs-137]"


def test_a_line_for_the_room_has_no_ground_truth(border):
    line = Narrator(border).describe(ALARM, controller=False)
    assert line == "Portal alarm on lane 1 (NV-4471-KB): gamma 580.2 σ"
    assert not TRUTH.search(Narrator(border, "fr").describe(ALARM, controller=False))


class _OneTimeline(App):
    def __init__(self, **options):
        super().__init__()
        self.options = options

    def compose(self):
        yield Timeline(**self.options)


@pytest.mark.parametrize("controller", [False, True])
async def test_a_timeline_shows_ground_truth_only_when_told_it_is_a_controllers(border, controller):
    options = {"narrator": Narrator(border), **({"controller": True} if controller else {})}
    app = _OneTimeline(**options)
    async with app.run_test():
        timeline = app.query_one(Timeline)
        timeline.append([ALARM], 0)
        (row,) = timeline.rows
        if controller:
            assert row.text.endswith("[ground truth: threat, Cs-137]")
        else:
            assert not TRUTH.search(row.text), row.text     # the default: a console may be on the projector


@pytest.fixture(scope="module")
def report(tmp_path_factory) -> str:
    folder = tmp_path_factory.mktemp("truth")
    journal, out = folder / "b.simex", folder / "b.md"
    for args in (["run", BORDER, "--seed", "7", "--journal", journal],
                 ["report", journal, "--format", "md", "-o", out]):
        subprocess.run([sys.executable, "-m", "simex.cli", *map(str, args)], cwd=ROOT, check=True,
                       capture_output=True)
    return out.read_text(encoding="utf-8")


def _sections(markdown: str) -> dict[str, str]:
    parts = re.split(r"^## ", markdown, flags=re.MULTILINE)[1:]
    return {p.split("\n", 1)[0]: p for p in parts}


def test_the_reports_timeline_marks_ground_truth(report):
    timeline = _sections(report)["Appendix E: Incident timeline"]
    assert "Portal alarm on lane 1 (NV-4471-KB): gamma 580.2 σ" in timeline
    assert "[ground truth: threat, Cs-137]" in timeline
    assert "[truth:" not in report


def test_the_participants_sections_of_the_report_carry_no_ground_truth(report):
    sections = _sections(report)
    participants = [body for title, body in sections.items() if "articipant" in title]
    assert participants, list(sections)
    for body in participants:
        assert not TRUTH.search(body), body


async def test_the_facilitators_room_view_hides_ground_truth_until_switched_back(tmp_path):
    """The facilitator's console may be on the room's projector: `v` switches
    the timeline and its details to a room view without ground truth."""
    from simex.session import LocalSession
    from simex.tui.app import make_app
    from simex.tui.forms import DetailScreen

    session = LocalSession.new(BORDER, journal_path=tmp_path / "live.simex")
    app = make_app(session, tick_seconds=None)
    try:
        async with app.run_test(size=(100, 30)) as pilot:
            session.jump_to(2 * 3600 + 11 * 60)            # past the threat's alarm at T+02:10
            app.sync()
            await pilot.press("2")
            timeline = app.query_one(Timeline)
            marked = lambda: [r.text for r in timeline.rows if "[ground truth: threat, Cs-137]" in r.text]  # noqa: E731
            assert marked()
            await pilot.press("v")
            assert not any(TRUTH.search(r.text) for r in timeline.rows)
            timeline.cursor = next(k for k, i in enumerate(timeline.shown)
                                   if timeline.rows[i].text.endswith("Portal alarm on lane 1 (NV-4471-KB): gamma 580.2 σ, "
                                                                     "manifest Steel scrap for the Dravo foundry"))
            timeline.focus()
            await pilot.press("enter")
            assert isinstance(app.screen, DetailScreen)
            assert not TRUTH.search(str(app.screen.text)), app.screen.text
            assert "  vehicle: NV-4471-KB" in app.screen.text and '{"' not in app.screen.text   # read, not JSON
            await pilot.press("escape", "v", "enter")
            assert "ground truth (controllers only):\n  cause: threat" in app.screen.text, app.screen.text
            await pilot.press("escape")
            assert marked()
    finally:
        session.close()
