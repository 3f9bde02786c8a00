"""The evaluator's Scoring tab (`simex join` with an evaluator's code) against
a real server on loopback: what it shows is `evaluate` of the events the
console received, brought up to date as new ones arrive, and a burst of
refreshes is scored one computation at a time, the newest winning
(tui/scorekeeper.py, shared with the facilitator's Scoring tab)."""
from __future__ import annotations

import threading
from contextlib import asynccontextmanager

from textual.widgets import Static

from simex.engine import commands as c
from simex.languages import translator
from simex.scoring import evaluate, score
from simex.tui.evaluator import scoring_text
from simex.tui.participant import make_participant_app
from tests.net.test_participant import SIZE, joined, run_to, until


def shown(app) -> str:
    return str(app.query_one("#scoring-text", Static).render())


def received(remote) -> list:
    return [e for _, e in remote.events]


def expected(served, remote) -> str:
    """What the tab must say: the after-action evaluation of the same events, at the same clock."""
    return scoring_text(evaluate(served.session.scenario, received(remote), "en", now=remote.now).objectives, "en")


async def caught_up(pilot, served, remote, t: float) -> None:
    await until(pilot, lambda: remote.now == t and len(remote.events) == len(served.session.events))


@asynccontextmanager
async def on_the_scoring_tab(served):
    """An evaluator's console, joined over loopback, its Scoring tab shown by its key."""
    remote = await joined(served, "evaluator:evaluator-1")
    app = make_participant_app(remote)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3")
        yield remote, app, pilot
    await remote.close()


async def test_the_scoring_tab_is_the_evaluation_of_the_events_received_as_they_arrive(served):
    async with on_the_scoring_tab(served) as (remote, app, pilot):
        t = 2 * 3600 + 16 * 60
        await run_to(served, t)
        await caught_up(pilot, served, remote, t)
        first = expected(served, remote)
        await until(pilot, lambda: shown(app) == first)

        # New events: the exercise runs on, an evaluator rates OBJ1 (no more "*" on it).
        t = 5 * 3600
        await run_to(served, t)
        served.session.do(c.RecordRating, evaluator="evaluator-2", target="OBJ1", rating="M", reason="late")
        served.publish()
        await caught_up(pilot, served, remote, t)
        later = expected(served, remote)
        assert later != first
        assert any(line.startswith("OBJ1  M ") for line in later.splitlines())
        await until(pilot, lambda: shown(app) == later)
        # Each expectation's state is `score`'s of the same events.
        result = score(served.session.scenario, received(remote), "en", now=remote.now)
        g = translator("en")
        statuses = [line.split()[0] for line in shown(app).splitlines() if line.startswith("    ")]
        assert sorted(statuses) == sorted(g.pgettext("expectation status", r.status) for r in result.results)


async def test_a_burst_of_refreshes_is_scored_one_computation_at_a_time_the_newest_winning(served):
    async with on_the_scoring_tab(served) as (remote, app, pilot):
        t = 2 * 3600
        await run_to(served, t)
        await caught_up(pilot, served, remote, t)
        await until(pilot, lambda: shown(app) == expected(served, remote))

        keeper = app._keeper
        live, ask = keeper.live, keeper.ask
        real_update, real_ask = live.update, ask
        gate, lock = threading.Event(), threading.Lock()
        running, most, computed, asked = 0, 0, [], []

        def update(events, now):       # the first computation of the burst waits at the gate
            nonlocal running, most
            with lock:
                running += 1
                most = max(most, running)
                computed.append((len(events), now))
            try:
                assert gate.wait(60), "the test never opened the gate"
                return real_update(events, now)
            finally:
                with lock:
                    running -= 1

        def counted_ask(node, events, now):
            asked.append((len(events), now))
            real_ask(node, events, now)

        live.update, keeper.ask = update, counted_ask
        for step in range(1, 5):        # four refreshes while the first is still being computed
            t = 2 * 3600 + step * 20 * 60
            await run_to(served, t)
            await caught_up(pilot, served, remote, t)
            await until(pilot, lambda: asked and asked[-1][1] == t)
        gate.set()
        final = expected(served, remote)
        await until(pilot, lambda: shown(app) == final)
        await app.workers.wait_for_complete()

        assert most == 1                                  # never two computations at once
        assert len(asked) >= 4
        assert computed == [asked[0], asked[-1]]          # the first, then only the newest
        assert asked[-1] == (len(remote.events), remote.now)
