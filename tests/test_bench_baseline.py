"""bench_engine's ratio is only honest if its hand-written SimPy model does
the observable work simex does: the same kinds of events, in about the same
numbers, carrying the same contents (what the portal read, what the meters
and the RIID showed, the ground truth, the expectation's instance and
deadline). When the bundled scenario's doctrine grows a step, or an event
grows a field, this fails until the baseline does it too."""
from __future__ import annotations

import statistics
from collections import Counter

import pytest

from bench.bench_engine import busy_border, hand_written
from simex.engine.exercise import Exercise
from simex.events import ExpectationMet, ExpectationOpened, WorldEvent, selector


@pytest.fixture(scope="module")
def runs():
    scenario = busy_border()
    out = []
    for seed in (1, 2, 3):
        ex = Exercise(scenario, seed=seed, bots="doctrine", bot_agencies=tuple(a.id for a in scenario.agencies))
        ex.run_to_end()
        out.append((ex.events, hand_written(seed, scenario.exercise.duration, scenario)))
    return out


def _name(kind: str, rest: list) -> str:
    return rest[0] if kind in ("action_taken", "expectation_opened", "expectation_met") else ""


def test_the_hand_written_model_emits_what_simex_emits_in_the_same_numbers(runs):
    simex, raw = Counter(), Counter()
    for events, log in runs:
        for e in events:
            simex[(selector(e), getattr(e, "action", None) or getattr(e, "expectation", None) or "")] += 1
        raw += Counter((kind, _name(kind, rest)) for _, kind, *rest in log)
    frequent = {k for k, n in simex.items() if n >= 100}    # the busy crossing's steady work
    assert frequent and frequent <= set(raw), f"the baseline lacks {sorted(frequent - set(raw))}"
    assert set(raw) <= set(simex), f"the baseline does work simex does not: {sorted(set(raw) - set(simex))}"
    for kind in frequent:
        assert abs(raw[kind] - simex[kind]) <= 0.15 * simex[kind], (kind, raw[kind], simex[kind])
    assert abs(sum(raw.values()) - sum(simex.values())) <= 0.05 * sum(simex.values())


def test_the_world_events_carry_the_same_facts_and_truth(runs):
    """Each world event of the steady work shows the same facts and keeps the
    same ground truth: a baseline that skipped the portal's reading or the
    RIID would be cheaper work than simex's."""
    simex, raw = {}, {}
    for events, log in runs:
        for e in events:
            if type(e) is WorldEvent and e.name in ("alarm", "started", "completed"):   # the steady work
                simex.setdefault(selector(e), (set(e.facts), set(e.truth)))
        for _, kind, _observer, facts, *truth in log:
            if "." in kind:
                raw.setdefault(kind, (set(facts), set(truth[0]) if truth else set()))
    assert set(raw) == set(simex)
    for kind, (facts, truth) in simex.items():
        assert raw[kind] == (facts, truth), kind


def test_the_readings_come_from_the_same_physics(runs):
    """The same distributions: the portal's gamma sigma and the inspection's
    meter reading have about the same medians in both models."""
    def medians(pick_simex, pick_raw):
        ours = [v for events, _ in runs for e in events if (v := pick_simex(e)) is not None]
        theirs = [v for _, log in runs for entry in log if (v := pick_raw(entry)) is not None]
        return statistics.median(ours), statistics.median(theirs)

    def world(kind, field):
        return (lambda e: e.facts[field] if type(e) is WorldEvent and selector(e) == kind else None,
                lambda entry: entry[3][field] if entry[1] == kind else None)

    for kind, field in (("rpm.alarm", "gamma_sigma"), ("secondary.completed", "dose_rate_uSv_h"),
                        ("rescan.completed", "officer_dose_uSv")):
        ours, theirs = medians(*world(kind, field))
        assert abs(ours - theirs) <= 0.2 * abs(ours), (kind, field, ours, theirs)


def test_expectations_carry_their_instance_deadline_and_answer(runs):
    events, log = runs[0]
    opened = next(e for e in events if type(e) is ExpectationOpened)
    met = next(e for e in events if type(e) is ExpectationMet)
    raw_opened = next(entry for entry in log if entry[1] == "expectation_opened")
    raw_met = next(entry for entry in log if entry[1] == "expectation_met")
    # (t, kind, expectation, instance, who, due, key, trigger event);
    # (t, kind, expectation, instance, delay, late, by event)
    assert len(raw_opened) - 2 == len(("expectation", "instance", "who", "due", "key", "trigger_event"))
    assert raw_opened[3].startswith(raw_opened[2] + "#") and opened.instance.startswith(opened.expectation + "#")
    assert raw_opened[5] > raw_opened[0] and opened.due > opened.t
    assert len(raw_met) - 2 == len(("expectation", "instance", "delay", "late", "by_event"))
    assert isinstance(raw_met[5], bool) and isinstance(met.late, bool)


def test_the_journal_floor_writes_the_journal_simex_writes(tmp_path):
    """The journal row's baseline writes the same file: the same tables, the
    same rows and digests, sealed and marked closed as simex's journal is
    (a long text written whole rather than kept once: a few rows)."""
    import sqlite3

    from bench.bench_engine import journal_floor
    from simex.journal import Journal, JournalReader

    scenario = busy_border(vehicles_per_hour=300)
    ex = Exercise(scenario, seed=1, bots="doctrine", bot_agencies=tuple(a.id for a in scenario.agencies),
                  sink=(journal := Journal(tmp_path / "simex.simex", meta={"seed": "1"})))
    ex.run_to_end()
    journal.close()
    (tmp_path / "floor").mkdir()
    floor = journal_floor(ex.events, str(tmp_path / "floor"))

    def shape(path):
        with sqlite3.connect(path) as db:
            tables = sorted(r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'"))
            meta = dict(db.execute("SELECT key, value FROM meta"))
            rows = db.execute("SELECT seq, t, type, kind, payload, digest FROM entries ORDER BY seq").fetchall()
        return tables, meta, rows

    ours, theirs = shape(tmp_path / "simex.simex"), shape(floor)
    assert ours[0] == theirs[0]
    assert {k: ours[1][k] for k in ("schema", "writer", "sealed_entries", "sealed_head")} == \
        {k: theirs[1][k] for k in ("schema", "writer", "sealed_entries", "sealed_head")}
    # The same rows and digests; a long text (an inject's) simex keeps once in
    # its text store, the floor writes whole: a handful of rows.
    assert [(r[:4], r[5]) for r in ours[2]] == [(r[:4], r[5]) for r in theirs[2]]
    assert [a for a, b in zip(ours[2], theirs[2]) if a[4] != b[4] and '{"$text":' not in a[4]] == []
    assert not (tmp_path / "floor" / "floor.simex-wal").exists() or \
        (tmp_path / "floor" / "floor.simex-wal").stat().st_size == 0
    assert len(JournalReader(floor).events()) == len(ex.events)
