"""Facilitator console responsiveness with a long exercise on screen.

Fills the timeline with at least 10,000 events (the border crossing at 50x
traffic, every agency played by bots), then measures the time from a key
press to the screen settling (Textual's pilot waits until every pending
message is processed) for the keys a facilitator uses: moving through the
timeline, switching tabs, filtering, opening an entry. Also the time to
append 1,000 new events in one tick and the process's peak memory.
Target: median under 50 ms, memory under 300 MB.

    python bench/bench_tui.py
"""
from __future__ import annotations

import asyncio
import resource
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.bench_engine import busy_border  # noqa: E402
from simex.engine.exercise import Exercise  # noqa: E402
from simex.session import LocalSession  # noqa: E402
from textual.widgets import Select  # noqa: E402
from simex.tui.app import make_app  # noqa: E402

KEYS = ["2", "down", "up", "pageup", "pagedown", "end", "home", "1", "3", "4", "5", "2"]


async def measure() -> None:
    scenario = busy_border(vehicles_per_hour=12000)
    exercise = Exercise(scenario, seed=1, bot_agencies=tuple(a.id for a in scenario.agencies))
    session = LocalSession(exercise, None)
    exercise.advance_to(4 * 3600)
    before = len(session.events)
    app = make_app(session, tick_seconds=None)
    start = time.perf_counter()
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        first_paint = time.perf_counter() - start
        # Baseline: an unbound key. The pilot waits for Textual's frame pacing
        # after every press; that wait is in every measurement below.
        baseline = []
        for _ in range(20):
            t0 = time.perf_counter()
            await pilot.press("z")
            await pilot.pause()
            baseline.append(time.perf_counter() - t0)
        timings, per_key, cpu = [], {}, []
        for _ in range(5):
            for key in KEYS:
                t0, c0 = time.perf_counter(), time.process_time()
                await pilot.press(key)
                await pilot.pause()
                timings.append(time.perf_counter() - t0)
                cpu.append(time.process_time() - c0)
                per_key.setdefault(key, []).append(timings[-1])
        # filter by agency and back
        filters = []
        for value in ("customs", Select.NULL, "police", Select.NULL):
            t0 = time.perf_counter()
            app.query_one("#filter-agency", Select).value = value
            await pilot.pause()
            filters.append(time.perf_counter() - t0)
        # one tick that brings ~1,000 new events
        t0 = time.perf_counter()
        exercise.advance_to(exercise.now + 1500)
        added = len(session.events) - app.seen
        app.sync()
        await pilot.pause()
        tick = time.perf_counter() - t0
        await pilot.press("enter")   # open the newest entry
        await pilot.pause()
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    ms = lambda xs: sorted(x * 1000 for x in xs)
    keys, base = ms(timings), statistics.median(ms(baseline))
    p95 = keys[int(0.95 * len(keys)) - 1]
    print(f"timeline holds {before:,} events at start ({len(session.events):,} at the end)")
    print(f"first paint: {first_paint * 1000:.0f} ms")
    print(f"baseline (unbound key, pilot + frame pacing only): median {base:.1f} ms")
    print(f"key press -> settled ({len(keys)} presses): median {statistics.median(keys):.1f} ms, "
          f"p95 {p95:.1f} ms, max {keys[-1]:.1f} ms")
    print(f"  minus baseline: median {statistics.median(keys) - base:.1f} ms, p95 {p95 - base:.1f} ms; "
          f"ratio to baseline: median {statistics.median(keys) / base:.2f}x")
    print(f"  CPU per press: median {statistics.median(ms(cpu)):.1f} ms, p95 {ms(cpu)[int(0.95 * len(cpu)) - 1]:.1f} ms")
    print("per key (median ms): " + ", ".join(f"{k} {statistics.median(v) * 1000:.0f}" for k, v in per_key.items()))
    print(f"agency filter over all events: median {statistics.median(ms(filters)):.1f} ms")
    print(f"tick adding {added:,} events: {tick * 1000:.1f} ms")
    print(f"peak memory (RSS): {rss_mb:.0f} MB  (target < 300 MB)")


if __name__ == "__main__":
    asyncio.run(measure())
