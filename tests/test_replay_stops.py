"""Replay compares the recorded events with the replayed ones as it goes, so
a journal that differs early is reported at that event, located, and the
rest of the exercise is not re-run for nothing."""
from __future__ import annotations

from simex.engine import commands as c
from simex.journal import JournalReader
from simex.replay import _verify, replay
from tests.test_journal import edit_row, rechain, start


def late_commanded_journal(border, path):
    ex, journal = start(border, path)
    ex.apply(c.RecordObservation(t=5 * 3600, evaluator="eva", text="Late note"))
    ex.run_to_end()
    journal.close()
    return ex


def test_a_difference_early_in_a_journal_stops_the_replay_there(border, tmp_path, monkeypatch):
    import simex.replay as replay_module

    monkeypatch.setattr(replay_module, "CHUNK", 10)   # the border journal is small
    path = tmp_path / "j.simex"
    ex = late_commanded_journal(border, path)
    seq = edit_row(path, "action_taken", lambda p: p.replace("customs", "police", 1))
    rechain(path, seq)       # only the difference is left to find (and the seal)
    report = replay(path)
    assert not report.ok and report.message.startswith(f"row {seq}: recorded action_taken")
    assert "replay gives action_taken" in report.message
    reader = JournalReader(path)
    try:
        verdict = _verify(reader)
    finally:
        reader.close()
    assert verdict.exercise.now < 5 * 3600 and len(verdict.exercise.events) < len(ex.events)


def test_a_headless_journal_is_compared_by_chunks_and_still_verifies(border, tmp_path, monkeypatch):
    """Without commands the clock runs to the end in chunks of recorded events."""
    import simex.replay as replay_module

    monkeypatch.setattr(replay_module, "CHUNK", 7)
    ex, journal = start(border, tmp_path / "j.simex", bots="weak")
    ex.run_to_end()
    journal.close()
    report = replay(tmp_path / "j.simex")
    assert report.ok, report.message
    assert report.events == len(ex.events) > 50


def test_a_chunked_replay_names_the_first_differing_event(border, tmp_path, monkeypatch):
    import simex.replay as replay_module

    monkeypatch.setattr(replay_module, "CHUNK", 5)
    ex, journal = start(border, tmp_path / "j.simex")
    ex.run_to_end()
    journal.close()
    seq = edit_row(tmp_path / "j.simex", "expectation_met", lambda p: p.replace('"late":false', '"late":true', 1))
    rechain(tmp_path / "j.simex", seq)
    report = replay(tmp_path / "j.simex")
    assert not report.ok and report.message.startswith(f"row {seq}: recorded expectation_met")
