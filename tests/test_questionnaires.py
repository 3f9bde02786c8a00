"""Knowledge tests, hot wash and polls taken in the consoles: journaled per
agency and anonymous person, checked before they are journaled, without
moving the exercise clock, and replayed like every other command."""
from __future__ import annotations

import json

import pytest

from simex.engine import commands as c
from simex.engine.commands import CommandError
from simex.engine.questionnaires import form_text, poll_form
from simex.feedback import load_form
from simex.net.roles import EVALUATOR, OBSERVER, PARTICIPANT, Role, visible
from simex.replay import replay
from simex.session import LocalSession
from tests.conftest import BORDER, ROOT

FORM = load_form(ROOT / "tests/data/feedback/border-feedback.yaml")


def answer(session, who: str, agency: str = "customs", questionnaire: str = "pre", sex: str = "female", **answers):
    return session.do(c.AnswerQuestionnaire, actor=f"participant:{agency}", questionnaire=questionnaire,
                      agency=agency, person=who, sex=sex, answers=answers)


@pytest.fixture
def session(tmp_path):
    s = LocalSession.new(BORDER, journal_path=tmp_path / "j.simex")
    yield s
    s.close()


def test_the_pre_test_is_taken_before_play_with_the_clock_stopped(session, tmp_path):
    session.do(c.OpenQuestionnaire, questionnaire="pre", phase="pre", form=form_text(FORM))
    answer(session, "K7Q2", K1="police", K2="15", K3="customs")
    answer(session, "B4X9", agency="police", sex="male", K1="regulator")
    session.do(c.CloseQuestionnaire, questionnaire="pre")
    assert session.status == "paused" and session.now == 0
    session.tick(600)                     # the clock does not run until the facilitator starts it
    assert session.now == 0
    session.start()
    session.jump_to(3600)
    session.do(c.EndExercise)
    session.do(c.OpenQuestionnaire, questionnaire="post", phase="post", form=form_text(FORM))   # after ENDEX
    answer(session, "K7Q2", questionnaire="post", K1="police", K2="15", K3="regulator")
    answers = [e for e in session.events if e.kind == "questionnaire_answered"]
    assert [(a.questionnaire, a.agency, a.person, a.sex) for a in answers] == [
        ("pre", "customs", "K7Q2", "female"), ("pre", "police", "B4X9", "male"), ("post", "customs", "K7Q2", "female")]
    session.close()
    report = replay(tmp_path / "j.simex")
    assert report.ok, report.message


@pytest.mark.parametrize("fields, says", [
    ({"answers": {"K1": "customs officer"}}, "one of: police, regulator, IAEA"),
    ({"answers": {"K9": "police"}}, "no question 'K9'"),
    ({"person": " "}, "anonymous code"),
    ({"sex": "F"}, "sex is one of female, male, another, undisclosed"),
    ({"agency": "nobody"}, "no agency 'nobody'"),
    ({"questionnaire": "post"}, "no questionnaire 'post'"),
])
def test_answers_that_do_not_fit_the_form_are_refused_and_not_journaled(session, fields, says):
    session.do(c.OpenQuestionnaire, questionnaire="pre", phase="pre", form=form_text(FORM))
    before = len(session.events)
    values = {"questionnaire": "pre", "agency": "customs", "person": "K7Q2", "sex": "female",
              "answers": {"K1": "police"}} | fields
    with pytest.raises(CommandError, match=says):
        session.do(c.AnswerQuestionnaire, **values)
    assert len(session.events) == before


def test_a_hot_wash_scale_is_held_to_its_range_and_a_closed_form_takes_nothing(session):
    session.do(c.OpenQuestionnaire, questionnaire="hotwash", phase="hotwash", form=form_text(FORM))
    with pytest.raises(CommandError, match="from 1 to 5"):
        answer(session, "K7Q2", questionnaire="hotwash", H1="7")
    answer(session, "K7Q2", questionnaire="hotwash", H1="4", H2="Call the police earlier")
    session.do(c.CloseQuestionnaire, questionnaire="hotwash")
    with pytest.raises(CommandError, match="closed"):
        answer(session, "B4X9", questionnaire="hotwash", H1="2")


def test_a_knowledge_test_needs_knowledge_questions_and_a_poll_one_question(session):
    with pytest.raises(CommandError, match="knowledge questions"):
        session.do(c.OpenQuestionnaire, questionnaire="pre", phase="pre",
                   form=form_text(poll_form("p", "Hold the truck?", ["yes", "no"])))
    with pytest.raises(CommandError, match="two choices"):
        poll_form("poll-1", "Hold the truck?", ["yes"])
    with pytest.raises(CommandError, match="not a feedback form"):
        session.do(c.OpenQuestionnaire, questionnaire="pre", phase="pre", form="{not json")


def test_players_see_the_test_without_its_answers_and_only_their_own_answers(session):
    session.do(c.OpenQuestionnaire, questionnaire="pre", phase="pre", form=form_text(FORM))
    answer(session, "K7Q2", K1="police")
    session.do(c.OpenQuestionnaire, questionnaire="poll-1", phase="poll",
               form=form_text(poll_form("poll-1", "Hold the truck?", ["yes", "no"])))
    answer(session, "K7Q2", questionnaire="poll-1", Q1="yes")
    opened, answered, _, _ = [e for e in session.events if e.kind.startswith("questionnaire")]
    customs, police = Role(PARTICIPANT, "customs"), Role(PARTICIPANT, "police")
    shown = json.loads(visible(customs, opened).form)
    assert [q["id"] for q in shown["knowledge"]] == ["K1", "K2", "K3"]
    assert all("answer" not in q for q in shown["knowledge"])
    assert "answer" in json.loads(visible(Role(EVALUATOR, name="eva"), opened).form)["knowledge"][0]
    assert visible(customs, answered) is not None and visible(police, answered) is None
    room = Role(OBSERVER, name="projector")
    assert visible(room, answered) is None
    counted = visible(room, [e for e in session.events if e.kind == "questionnaire_answered"][-1])
    assert counted.answers == {"Q1": "yes"} and counted.person == "" and counted.sex == ""


def test_the_report_shows_the_tests_and_hot_wash_taken_in_the_consoles(session, tmp_path):
    """No form or CSV to hand over: the report reads the answers from the journal,
    by sex, with small groups suppressed."""
    import subprocess
    import sys

    session.do(c.OpenQuestionnaire, questionnaire="pre", phase="pre", form=form_text(FORM))
    people = [(f"P{n}", "female" if n < 6 else "male") for n in range(8)]
    for who, sex in people:
        answer(session, who, sex=sex, K1="regulator", K2="15", K3="customs")
    session.do(c.EndExercise)
    session.do(c.OpenQuestionnaire, questionnaire="post", phase="post", form=form_text(FORM))
    for who, sex in people:
        answer(session, who, questionnaire="post", sex=sex, K1="police", K2="15", K3="regulator")
    session.close()
    out = subprocess.run([sys.executable, "-m", "simex.cli", "report", str(tmp_path / "j.simex"), "--format", "md"],
                         capture_output=True, text=True, cwd=ROOT, check=True).stdout
    section = out[out.index("Participant feedback"):]
    assert "| everyone | 8 | 33% | 100% | +67 pts |" in section        # 1 of 3 right before, 3 of 3 after
    assert "| male | <5 |" in section                                   # 2 men: below the threshold of 5
    assert "| female | suppressed |" in section                         # else 8 - 6 gives the men away


def test_poll_results_count_each_person_once_and_a_second_vote_is_refused():
    from simex.feedback.journaled import poll_results
    from simex.session import LocalSession

    s = LocalSession.new(BORDER, record=False)
    s.do(c.OpenQuestionnaire, questionnaire="poll-1", phase="poll",
         form=form_text(poll_form("poll-1", "Hold the truck?", ["yes", "no", "ask police"])))
    answer(s, "A", questionnaire="poll-1", Q1="no")
    with pytest.raises(CommandError, match="already answered this poll"):
        answer(s, "A", questionnaire="poll-1", Q1="yes")
    answer(s, "A", agency="police", questionnaire="poll-1", Q1="yes")      # another person, at police
    answer(s, "B", agency="police", questionnaire="poll-1", Q1="yes")
    assert poll_results(s.events, "poll-1") == {"yes": 2, "no": 1, "ask police": 0}


async def test_a_participant_takes_the_pre_test_in_simex_join(tmp_path):
    """The facilitator opens the test; the participant's header says so, `f`
    opens it, and the answers land in the journal under the laptop's code."""
    from textual.widgets import Input, Select, Static

    from simex.net.client import Refused, RemoteSession
    from simex.net.codes import CodeBook
    from simex.net.server import ExerciseServer
    from simex.tui.participant import make_participant_app
    from tests.net.conftest import code_for
    from tests.net.test_participant import SIZE, header, until

    session = LocalSession.new(BORDER, journal_path=tmp_path / "j.simex")
    server = ExerciseServer(session, CodeBook.for_scenario(session.scenario, tmp_path / "j.codes"), port=0)
    await server.start()
    try:
        remote = RemoteSession(server.address, code_for(server, "participant:customs"), retry_seconds=0.05,
                               media_folder=tmp_path / "laptop" / "attachments")
        await remote.join()
        app = make_participant_app(remote)
        async with app.run_test(size=SIZE) as pilot:
            session.do(c.OpenQuestionnaire, questionnaire="pre", phase="pre", form=form_text(FORM))
            server.publish()
            await until(pilot, lambda: "questionnaire open: press f" in header(app))
            await pilot.press("f")
            await until(pilot, lambda: app.screen.query("#q-K1"))
            code = app.screen.query_one("#person", Input).value
            assert len(code) == 4
            app.screen.query_one("#sex", Select).value = "female"
            app.screen.query_one("#q-K1", Select).value = "police"
            app.screen.query_one("#q-K3", Select).value = "customs"
            form, real_send = app.screen, remote.send

            async def disconnected(*args, **kwargs):
                raise Refused("not connected to the server; it will reconnect by itself")
            remote.send = disconnected                   # refused: the answers stay on screen
            await pilot.press("ctrl+s")
            await until(pilot, lambda: "not connected" in str(form.query_one("#error", Static).render()))
            assert app.screen is form and form.query_one("#q-K1", Select).value == "police"
            assert "questionnaire open: press f" in header(app)
            remote.send = real_send
            await pilot.press("ctrl+s")
            await until(pilot, lambda: [e for e in session.events if e.kind == "questionnaire_answered"])
            [answered] = [e for e in session.events if e.kind == "questionnaire_answered"]
            assert (answered.agency, answered.person, answered.sex, answered.answers) == (
                "customs", code, "female", {"K1": "police", "K3": "customs"})
            await until(pilot, lambda: "questionnaire open" not in header(app))
            assert (tmp_path / "laptop" / "questionnaire-code").read_text() == code   # the same at the post-test
        await remote.close()
    finally:
        await server.stop()
        session.close()


async def test_the_facilitator_runs_a_poll_and_the_room_answers_at_the_one_screen(tmp_path):
    """simex play: `f` opens the questionnaires; a poll is started, someone in
    the room answers for their agency, and the bars show the count."""
    from textual.widgets import Input, OptionList, Select, Static

    from simex.tui.app import make_app
    from simex.tui.questionnaire import QuestionnaireForm
    from simex.tui.questionnaire_control import PollForm, QuestionnaireControl
    from tests.net.test_participant import until

    session = LocalSession.new(BORDER, journal_path=tmp_path / "j.simex")
    app = make_app(session, tick_seconds=None, feedback_form=FORM)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("f")
        await until(pilot, lambda: isinstance(app.screen, QuestionnaireControl))
        control = app.screen
        options = control.query_one(OptionList)
        ids = lambda: [options.get_option_at_index(i).id for i in range(options.option_count)]  # noqa: E731
        options.highlighted = ids().index("poll")
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, PollForm))
        app.screen.query_one("#question", Input).value = "Hold the truck?"
        app.screen.query_one("#choices", Input).value = "yes, no"
        await pilot.press("ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, QuestionnaireControl)
                    and "answer:poll-1" in ids())
        options.highlighted = ids().index("answer:poll-1")
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, QuestionnaireForm))
        app.screen.query_one("#agency", Select).value = "police"
        app.screen.query_one("#q-Q1", Select).value = "yes"
        await pilot.press("ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, QuestionnaireControl)
                    and "1 person answered" in str(app.screen.query_one("#results", Static).render()))
        results = str(app.screen.query_one("#results", Static).render())
        assert "Poll: Hold the truck?" in results and "yes  " + "█" * 30 + "  1" in results
    [answered] = [e for e in session.events if e.kind == "questionnaire_answered"]
    assert (answered.agency, answered.answers) == ("police", {"Q1": "yes"})
    session.close()
