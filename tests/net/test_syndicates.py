"""Syndicates: three groups play the same scenario at once, each with its own
journal and codes, through one port; nothing one group does reaches another."""
from __future__ import annotations

import pytest

from simex.engine import commands as c
from simex.net.client import JoinError, RemoteSession
from simex.net.codes import CodeBook
from simex.net.server import ExerciseServer
from simex.net.syndicates import SyndicateRouter
from simex.session import LocalSession
from tests.conftest import BORDER
from tests.net.conftest import code_for


@pytest.fixture
async def syndicates(tmp_path):
    sessions = [LocalSession.new(BORDER, journal_path=tmp_path / f"j-s{n}.simex") for n in (1, 2, 3)]
    servers = [ExerciseServer(s, CodeBook.for_scenario(s.scenario, tmp_path / f"j-s{n}.codes"), port=0)
               for n, s in enumerate(sessions, 1)]
    router = SyndicateRouter(servers, port=0)
    await router.start()
    yield router
    await router.stop()
    for s in sessions:
        s.close()


async def test_each_code_joins_its_own_syndicate_on_one_port(syndicates):
    one, two = syndicates.servers[:2]
    customs_1 = RemoteSession(syndicates.address, code_for(one, "participant:customs"), retry_seconds=0.05)
    customs_2 = RemoteSession(syndicates.address, code_for(two, "participant:customs"), retry_seconds=0.05)
    police_2 = RemoteSession(syndicates.address, code_for(two, "participant:police"), retry_seconds=0.05)
    for client in (customs_1, customs_2, police_2):
        await client.join()
    await customs_2.send("send_message", sender="customs", recipient="police", channel="customs-police-radio",
                         subject="Truck held at lane 3")
    assert [e.subject for e in two.session.events if e.kind == "message_sent"] == ["Truck held at lane 3"]
    assert not [e for e in one.session.events if e.kind == "message_sent"]       # syndicate 1 saw nothing
    assert not [e for e in syndicates.servers[2].session.events if e.kind == "message_sent"]
    for client in (customs_1, customs_2, police_2):
        await client.close()


async def test_a_code_no_syndicate_knows_is_refused_like_on_one_server(syndicates):
    stranger = RemoteSession(syndicates.address, "ABCD-EFGH-JKMN", retry_seconds=0.05)
    with pytest.raises(JoinError, match="unknown join code"):
        await stranger.join()
    await stranger.close()


def codes_by_syndicate(lines: list[str]) -> dict[int, dict[str, str]]:
    import re

    found: dict[int, dict[str, str]] = {}
    current = 0
    for line in lines:
        if m := re.match(r"syndicate (\d+): journal", line):
            current = int(m[1])
        elif m := re.match(r"\s+(\S+:\S+)\s+(\w{4}-\w{4}-\w{4})", line):
            found.setdefault(current, {})[m[1]] = m[2]
    return found


async def test_simex_serve_syndicates_journals_each_group_and_compares_them_at_the_end(serve_process, tmp_path):
    from simex.report import from_journal

    base = tmp_path / "kessin.simex"
    server = serve_process(BORDER, "--syndicates", "2", "--journal", base, "--port", "0").ready()
    codes = codes_by_syndicate(server.out)
    assert set(codes) == {1, 2} and codes[1]["participant:customs"] != codes[2]["participant:customs"]
    customs_2 = RemoteSession(server.address, codes[2]["participant:customs"], retry_seconds=0.05)
    await customs_2.join()
    await customs_2.send("send_message", sender="customs", recipient="police", channel="customs-police-radio",
                         subject="Truck held at lane 3")
    await customs_2.close()
    await server.stop()
    one, two = tmp_path / "kessin-s1.simex", tmp_path / "kessin-s2.simex"
    subjects = lambda path: [e.subject for e in from_journal(path)[1] if e.kind == "message_sent"]  # noqa: E731
    assert subjects(one) == [] and subjects(two) == ["Truck held at lane 3"]
    compared = (tmp_path / "kessin-syndicates.md").read_text(encoding="utf-8")
    assert "syndicate 1" in compared and "syndicate 2" in compared
    # Both continue from their journals, with the codes they had.
    again = serve_process("--resume", one, "--syndicates", "2", "--port", "0").ready()
    assert codes_by_syndicate(again.out) == codes
    await again.stop()


async def test_one_console_one_clock_and_injects_to_one_or_all(syndicates):
    """The facilitator's console: space starts every syndicate; S shows the next;
    a new inject goes to the shown one, or to all after A."""
    from textual.widgets import Static

    from simex.tui.syndicates import SyndicateApp
    from tests.net.test_participant import until

    pairs = [(s.session, s) for s in syndicates.servers]
    app = SyndicateApp(pairs, _Started(syndicates), tick_seconds=None)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("space")
        assert [s.status for s, _ in pairs] == ["running"] * 3
        await pilot.press("S")
        await until(pilot, lambda: "SYNDICATE 2/3" in str(app.query_one("#clock", Static).render()))
        assert app.session is pairs[1][0]

        def injected(session) -> list[str]:
            return [e.synopsis for e in session.events if e.kind == "inject_delivered" and e.synopsis.startswith("Radio")]
        app.run_command(app.session.do, c.AddInject, to=("police",), synopsis="Radio check", text="-")
        assert [injected(s) for s, _ in pairs] == [[], ["Radio check"], []]
        await pilot.press("A")
        app.run_command(app.session.do, c.AddInject, to=("police",), synopsis="Radio check 2", text="-")
        assert [injected(s) for s, _ in pairs] == [["Radio check 2"], ["Radio check", "Radio check 2"],
                                                   ["Radio check 2"]]
        await pilot.press("space")
        assert [s.status for s, _ in pairs] == ["paused"] * 3
        await pilot.press("c")                                   # every syndicate's codes
        await until(pilot, lambda: "s3 participant:customs" in str(app.screen.query_one("#codes").get_row(
            "s3 participant:customs")))


class _Started:
    """The fixture's router, already listening: the console must not start it again."""

    def __init__(self, router):
        self.router = router

    async def start(self) -> None:
        return None

    def __getattr__(self, name):
        return getattr(self.router, name)
