"""The engine pauses Python's cyclic collector only while it runs the world:
afterwards the collector is as the caller left it, even when a run fails."""
from __future__ import annotations

import gc

import pytest

from simex.engine.collector import collector_paused
from simex.engine.exercise import Exercise
from simex.scenario.loader import load_scenario
from tests.conftest import BORDER


@pytest.fixture
def collector_restored():
    was = gc.isenabled()
    yield
    (gc.enable if was else gc.disable)()


def test_the_collector_is_off_inside_and_back_on_after_a_run(collector_restored):
    gc.enable()
    seen = []
    ex = Exercise(load_scenario(BORDER), seed=1)
    ex.start()      # STARTEX is announced by start(), before the world runs
    ex.listeners.append(lambda seq, event: seen.append(gc.isenabled()))
    ex.run_to_end()
    assert seen and not any(seen)
    assert gc.isenabled()


def test_a_collector_the_caller_turned_off_stays_off(collector_restored):
    gc.disable()
    Exercise(load_scenario(BORDER), seed=1).advance_to(600)
    assert not gc.isenabled()


def test_the_collector_comes_back_when_the_block_raises(collector_restored):
    gc.enable()
    with pytest.raises(RuntimeError):
        with collector_paused():
            raise RuntimeError("a model error escaping the run")
    assert gc.isenabled()
