"""bench/bench_net.py times both servers from when each inject was due: raw
is charged the event loop's lateness in starting the inject (a raw server in
the same process would have waited as long) but nothing simex does after."""
from __future__ import annotations

from bench.bench_net import deliveries


def test_raw_is_charged_the_loops_lateness_and_nothing_simex_adds():
    # ADHOC-1 due at 10.0, its task began 0.3 s late; simex delivered at 10.5,
    # raw was called at 10.4 (after simex's apply and commit) and delivered at 10.41.
    sent = {"simex": {"ADHOC-1": 10.0}, "raw": {"ADHOC-1": 10.4}}
    started = {"ADHOC-1": 10.3}
    received = {"simex": {"ADHOC-1": {0: 10.5}}, "raw": {"ADHOC-1": {0: 10.41}}}
    found = deliveries(sent, started, received, clients=1)
    assert round(found["simex"]["p99"]) == 500          # from when due: lateness included
    assert round(found["raw"]["p99"]) == 310            # its own 10 ms plus the same 300 ms lateness
    assert round(found["raw"]["p99_from_call"]) == 10   # the old figure, still printed
    assert round(found["late"]["p99"]) == 300


def test_a_delivery_missing_at_a_client_is_lost_for_that_server_only():
    sent = {"simex": {"ADHOC-1": 1.0, "ADHOC-2": 2.0}, "raw": {"ADHOC-1": 1.0, "ADHOC-2": 2.0}}
    started = {"ADHOC-1": 1.0, "ADHOC-2": 2.0}
    received = {"simex": {"ADHOC-1": {0: 1.01, 1: 1.01}, "ADHOC-2": {0: 2.01}},
                "raw": {"ADHOC-1": {0: 1.01, 1: 1.01}, "ADHOC-2": {0: 2.01, 1: 2.01}}}
    found = deliveries(sent, started, received, clients=2)
    assert (found["simex"]["lost"], found["raw"]["lost"]) == (1, 0)
    assert found["simex"]["deliveries"] == found["raw"]["deliveries"] == 4


def test_an_inject_raw_never_broadcast_is_lost_to_every_client():
    sent = {"simex": {"ADHOC-1": 1.0, "ADHOC-2": 2.0}, "raw": {"ADHOC-1": 1.0}}
    started = {"ADHOC-1": 1.0, "ADHOC-2": 2.0}
    received = {"simex": {"ADHOC-1": {0: 1.01, 1: 1.01}, "ADHOC-2": {0: 2.01, 1: 2.01}},
                "raw": {"ADHOC-1": {0: 1.01, 1: 1.01}}}
    found = deliveries(sent, started, received, clients=2)
    assert (found["simex"]["lost"], found["raw"]["lost"]) == (0, 2)
