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


def test_replay_leaves_the_collector_as_it_found_it(collector_restored, tmp_path):
    """Replay pauses the collector for the whole verification (simex.replay);
    a caller's collector is back on after it, also when the journal fails."""
    from simex.journal import Journal, run_meta
    from simex.replay import replay

    text = BORDER.read_text(encoding="utf-8")
    scenario = load_scenario(BORDER)
    path = tmp_path / "border.simex"
    journal = Journal(path, meta=run_meta(text, str(BORDER), 1, "doctrine", ()))
    ex = Exercise(scenario, seed=1, bots="doctrine", bot_agencies=(), sink=journal)
    ex.run_to_end()
    journal.close()
    gc.enable()
    assert replay(path).ok
    assert gc.isenabled()
    (tmp_path / "not-a-journal.simex").write_text("no")
    with pytest.raises(Exception):
        replay(tmp_path / "not-a-journal.simex")
    assert gc.isenabled()
    gc.disable()
    assert replay(path).ok
    assert not gc.isenabled()
