"""What each role is sent: the seed (from which every alarm and delay could
be predicted) and the facilitator's changes to the MSEL (a skipped inject, a
rescheduled one with its future time) are controller material; only the
evaluator sees them."""
from __future__ import annotations


from simex.engine import commands as c
from simex.narrate import describe
from simex.net.client import RemoteSession
from tests.net.conftest import code_for, until


async def joined(server, label) -> RemoteSession:
    client = RemoteSession(server.address, code_for(server, label), retry_seconds=0.05)
    await client.join(timeout=30)
    return client


async def test_only_the_evaluator_learns_the_seed_and_the_msel_changes(served):
    session = served.session
    session.jump_to(60)
    session.do(c.RescheduleInject, inject="I02", at=3 * 3600)
    session.do(c.SkipInject, inject="C04")
    session.do(c.RecordDecision, agency="customs", decision="marker")      # the last event: all can see it
    served.publish()
    clients = {label: await joined(served, label)
               for label in ("participant:customs", "observer:observer-1", "evaluator:evaluator-1")}
    for client in clients.values():
        await until(lambda client=client: any(e.kind == "decision_recorded" for _, e in client.events))
    seen = {label: {e.kind: e for _, e in client.events} for label, client in clients.items()}

    evaluator = seen["evaluator:evaluator-1"]
    assert evaluator["exercise_started"].seed == session.exercise.seed
    assert evaluator["inject_rescheduled"].at == 3 * 3600 and "inject_skipped" in evaluator
    for label in ("participant:customs", "observer:observer-1"):
        started = seen[label]["exercise_started"]
        assert started.seed is None, label
        assert "seed" not in describe(started), label
        assert "inject_rescheduled" not in seen[label] and "inject_skipped" not in seen[label], label
    for client in clients.values():
        await client.close()
