"""Named random streams forked at a moment (what a counterfactual's
replications do at the change): every stream, those already drawing and
those made later, draws from its name and the fork's label, so two runs
forked alike give each process the same numbers (common random numbers)."""
from __future__ import annotations

from simex.engine.streams import Streams


def draws(streams: Streams, name: str, n: int = 3) -> list[float]:
    return [streams(name).random() for _ in range(n)]


def test_a_fork_reseeds_the_streams_processes_already_hold():
    a, b = Streams(7), Streams(7)
    held_a, held_b = a("world/rpm"), b("world/rpm")
    assert draws(a, "world/rpm") == draws(b, "world/rpm")
    b("world/rpm").random()               # b drew once more before the fork: the change's doing
    a.fork("whatif/3")
    b.fork("whatif/3")
    assert [held_a.random() for _ in range(3)] == [held_b.random() for _ in range(3)]


def test_streams_made_after_the_fork_follow_the_label():
    a, b, c = Streams(7), Streams(7), Streams(7)
    a.fork("whatif/1")
    b.fork("whatif/1")
    c.fork("whatif/2")
    assert draws(a, "channel/radio") == draws(b, "channel/radio") != draws(c, "channel/radio")


def test_without_a_fork_nothing_changes():
    """The exercise as played: the names and seeds of before."""
    import random

    plain = random.Random("simex/7/bot/customs")
    assert draws(Streams(7), "bot/customs") == [plain.random() for _ in range(3)]
