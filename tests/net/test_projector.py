"""The room's big screen: clocks, public information, poll results, and
nothing the room must not see."""
from __future__ import annotations

from textual.widgets import Digits, Static

from simex.engine import commands as c
from simex.engine.questionnaires import form_text, poll_form
from simex.net.client import RemoteSession
from simex.tui.projector import ProjectorConsole
from tests.net.conftest import code_for
from tests.net.test_participant import until


def text(app, selector: str) -> str:
    return str(app.query_one(selector, Static).render())


async def test_the_projector_shows_clocks_public_information_and_the_poll_only(served):
    session = served.session
    remote = RemoteSession(served.address, code_for(served, "observer:observer-1"), retry_seconds=0.05)
    await remote.join()
    app = ProjectorConsole(remote)
    async with app.run_test(size=(100, 30)) as pilot:
        session.jump_to(2 * 3600)
        session.do(c.AddInject, to=("police",), synopsis="Breaking news", text="TV shows the crossing closed",
                   via="tv", sender="media")
        session.do(c.OpenQuestionnaire, questionnaire="poll-1", phase="poll",
                   form=form_text(poll_form("poll-1", "Hold the truck?", ["yes", "no"])))
        for person, vote in (("A", "yes"), ("B", "yes"), ("C", "no")):
            session.do(c.AnswerQuestionnaire, questionnaire="poll-1", agency="customs", person=person, answers={"Q1": vote})
        served.publish()
        await until(pilot, lambda: "3 votes" in text(app, "#poll"))
        assert "Hold the truck?" in text(app, "#poll") and "  yes  " + "█" * 40 + "  2" in text(app, "#poll")
        public = text(app, "#public")
        assert "Breaking news" in public and "TV shows the crossing closed" in public
        assert "STARTEX" not in public                                     # a handout to agencies is not public
        await until(pilot, lambda: str(app.query_one("#exercise-clock", Digits).value).startswith("02:00"))
        assert str(app.query_one("#zone-ESTAVIA", Digits).value) == "09:00"    # 07:00 EET + 2 h
        screen = "\n".join(str(w.render()) for w in app.query(Static))
        assert "truth" not in screen and "threat" not in screen.lower()
    await remote.close()


async def test_the_projector_refuses_a_participant_code(served, capsys):
    import argparse

    from simex.commands.join import _console

    args = argparse.Namespace(code=code_for(served, "participant:customs"), timeout=10.0, lang="en", projector=True)
    assert await _console(served.address, args, None) == 2
    assert "needs an observer's code" in capsys.readouterr().err
