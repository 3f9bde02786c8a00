"""What-if sweeps: reproducible results, the expected effect of a changed
parameter, and results that survive interruption."""
from __future__ import annotations

import csv

import pytest

from simex.batch.execute import execute
from simex.batch.overrides import parse_grid, parse_set
from simex.batch.plan import Sweep, chunk_size, chunks
from simex.batch.replicate import layout_of
from simex.batch.results import Writer, load_meta, read_rows
from simex.batch.seeds import derive
from simex.batch.summary import percentile, summarise
from tests.conftest import BORDER

TEXT = BORDER.read_text(encoding="utf-8")
RADIO = "channels.customs-police-radio.delay"


def sweep(replications=20, seed=7, grid=(), sets=(), bots="doctrine") -> Sweep:
    return Sweep(TEXT, replications, seed, bots, tuple(parse_set(s) for s in sets),
                 tuple(parse_grid(g) for g in grid), "border-detection.yaml")


def rows_of(path):
    with open(path, newline="") as f:
        return list(csv.DictReader(f))


def test_same_seed_and_grid_give_a_byte_identical_table_on_any_runner(tmp_path):
    sw = sweep(15, grid=[f"{RADIO}=1m,10m"], sets=["world.rpm.vehicles_per_hour=90"])
    execute(sw, tmp_path / "serial.csv", workers=1, progress=False)
    execute(sw, tmp_path / "local.csv", workers=2, progress=False)
    serial = (tmp_path / "serial.csv").read_bytes()
    assert serial == (tmp_path / "local.csv").read_bytes()
    rows = rows_of(tmp_path / "serial.csv")
    assert [(r["point"], r["replication"]) for r in rows] == [(str(p), str(r)) for p in (0, 1) for r in range(15)]
    assert {r[RADIO] for r in rows} == {"1m", "10m"}
    assert len({r["seed"] for r in rows}) == 30          # every replication its own seed


def test_different_seeds_give_different_results(tmp_path):
    execute(sweep(10, seed=1), tmp_path / "a.csv", workers=1, progress=False)
    execute(sweep(10, seed=2), tmp_path / "b.csv", workers=1, progress=False)
    a, b = rows_of(tmp_path / "a.csv"), rows_of(tmp_path / "b.csv")
    assert [r["seed"] for r in a] != [r["seed"] for r in b]
    assert [r["EXP-NOTIFY-POLICE.delay"] for r in a] != [r["EXP-NOTIFY-POLICE.delay"] for r in b]


def test_derived_seeds_are_stable_and_distinct():
    # Pinned: a change here silently changes every published sweep.
    assert derive(7, 0, 0) == 2816263964530361315
    seeds = {derive(7, p, r) for p in range(5) for r in range(200)}
    assert len(seeds) == 1000 and all(0 <= s < 2**63 for s in seeds)
    assert derive(7, 0, 1) != derive(8, 0, 1)


def test_a_slower_radio_makes_notifying_the_police_on_time_less_likely(tmp_path):
    # The deadline and the bot's own delay are pinned, so the radio alone varies
    # even if the bundled scenario is retuned.
    sw = sweep(100, grid=[f"{RADIO}=1m,8m,12m"],
               sets=["doctrine.EXP-NOTIFY-POLICE.within=15m",
                     "doctrine.EXP-NOTIFY-POLICE.typical={dist: triangular, low: 2m, mode: 5m, high: 10m}"])
    rows = execute(sw, tmp_path / "radio.csv", workers=2, progress=False)
    layout = layout_of(sw)
    summary = [s for s in summarise(rows, layout.columns, layout) if s["quantity"] == "EXP-NOTIFY-POLICE"]
    on_time = [s["p"] for s in sorted(summary, key=lambda s: s["point"])]
    assert on_time[0] > on_time[1] > on_time[2], on_time
    assert on_time[0] > 0.95 and on_time[2] < 0.5
    delays = [s["median"] for s in sorted(summary, key=lambda s: s["point"])]
    assert delays[0] < delays[1] < delays[2]


def test_interrupted_sweep_resumes_to_the_same_file(tmp_path):
    sw = sweep(12, grid=[f"{RADIO}=2m,6m"])
    full = tmp_path / "full.csv"
    execute(sw, full, workers=1, progress=False)

    part = tmp_path / "part.csv"
    seen = []

    class Stop(KeyboardInterrupt):
        pass

    import simex.batch.execute as ex_mod
    real = ex_mod.run_local

    def stop_after_two(sweep_, work, on_rows, workers):
        def counting(chunk, rows):
            on_rows(chunk, rows)
            seen.append(chunk)
            if len(seen) == 2:
                raise Stop
        real(sweep_, work, counting, 1)

    ex_mod.run_local = stop_after_two
    try:
        with pytest.raises(Stop):
            execute(sw, part, workers=1, progress=False)
    finally:
        ex_mod.run_local = real
    kept = read_rows(part, layout_of(sw).columns)
    assert 0 < len(kept) < 24                      # the finished chunks are on disk
    with open(part, "a") as f:                       # a process killed mid-write
        f.write("1,11,123,6m,4")
    saved, _ = load_meta(part)
    assert saved == sw
    execute(saved, part, workers=2, resume=True, progress=False)
    assert part.read_bytes() == full.read_bytes()


def test_resume_can_add_replications(tmp_path):
    execute(sweep(5), tmp_path / "r.csv", workers=1, progress=False)
    saved, _ = load_meta(tmp_path / "r.csv")
    more = Sweep(saved.scenario_text, 8, saved.seed, saved.bots, saved.sets, saved.grid)
    execute(more, tmp_path / "r.csv", workers=1, resume=True, progress=False)
    execute(sweep(8), tmp_path / "fresh.csv", workers=1, progress=False)
    assert (tmp_path / "r.csv").read_bytes() == (tmp_path / "fresh.csv").read_bytes()


def test_writer_final_file_is_sorted_and_unique(tmp_path):
    w = Writer(tmp_path / "w.csv", ["point", "replication", "x"], fresh=True)
    w.append([["1", "0", "c"], ["0", "1", "b"]])
    w.append([["0", "0", "a"], ["0", "1", "b"]])
    assert w.finalize() == [["0", "0", "a"], ["0", "1", "b"], ["1", "0", "c"]]


def test_chunks_cover_every_replication_once():
    work = chunks({0: list(range(23)), 2: [1, 5]}, 5)
    flat = [(c.point, r) for c in work for r in c.replications]
    assert sorted(flat) == [(0, r) for r in range(23)] + [(2, 1), (2, 5)]
    assert max(len(c.replications) for c in work) == 5
    # Each local worker gets about 32 chunks, between 5 and 200 replications each.
    assert chunk_size(10_000, 2) == 157 and chunk_size(100_000, 2) == 200 and chunk_size(40, 2) == 5
    assert chunk_size(10_000, 4, per_worker=16) == 157


def test_percentiles_interpolate_like_numpy():
    values = [1.0, 2.0, 3.0, 4.0, 5.0]
    assert percentile(values, 0.5) == 3.0
    assert percentile(values, 0.05) == pytest.approx(1.2)
    assert percentile(values, 0.95) == pytest.approx(4.8)
    assert percentile([7.0], 0.95) == 7.0


def test_weak_bots_meet_fewer_objectives(tmp_path):
    rows = execute(sweep(30, bots="weak"), tmp_path / "weak.csv", workers=1, progress=False)
    layout = layout_of(sweep(30, bots="weak"))
    objectives = {s["quantity"]: s["p"] for s in summarise(rows, layout.columns, layout)
                  if s["quantity"].startswith("OBJ")}
    assert min(objectives.values()) < 0.9


class _Stream:
    def __init__(self, tty: bool):
        self.tty, self.text = tty, ""

    def isatty(self):
        return self.tty

    def write(self, s):
        self.text += s

    def flush(self):
        pass


def test_progress_bar_draws_on_a_terminal_and_stays_quiet_in_a_log():
    from simex.batch.progress import Progress

    tty, log = _Stream(True), _Stream(False)
    for stream in (tty, log):
        bar = Progress(100, stream=stream, done=20)
        bar.advance(80)
        bar.close()
    assert "100/100 replications" in tty.text and "/s" in tty.text and "ETA" in tty.text
    assert log.text.count("\n") == 1 and log.text.startswith("80 replications in")
    assert "20 already done" in log.text and "\r" not in log.text
