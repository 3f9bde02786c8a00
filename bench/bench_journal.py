"""What a durable command costs: synchronous=FULL against NORMAL, per command.

A command is acknowledged (to a participant, to the console) only after its
journal commit. With FULL the -wal file is forced to disk at that commit, so
a power cut loses no acknowledged command; NORMAL (the baseline, what simex
did before) only survives a killed process. Both run the same work in the
same process, alternated: a border exercise with a journal, one recorded
observation per command, each applied through Exercise.apply as the
console and the server do. Wall time includes waiting for the disk; CPU
time does not, so the difference between them is the wait.

Goal: a durable command is acknowledged within 20 ms (median wall), well
under what a person at a console notices.

The journals are written in --dir (default: the folder simex keeps journals
in), since /tmp is often in memory, where forcing to disk costs nothing.

    python bench/bench_journal.py [--commands 200] [--repeats 5] [--dir DIR]
"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from simex.engine import commands as c  # noqa: E402
from simex.engine.exercise import Exercise  # noqa: E402
from simex.journal import Journal, run_meta  # noqa: E402
from simex.paths import default_journal  # noqa: E402
from simex.scenario.loader import load_scenario  # noqa: E402

GOAL_MS = 20.0
BORDER = ROOT / "scenarios" / "border-detection.yaml"


def one_run(scenario, text: str, folder: Path, mode: str, commands: int) -> tuple[list[float], list[float]]:
    """(wall ms, CPU ms) per command, applied one every scenario minute."""
    with tempfile.TemporaryDirectory(dir=folder) as tmp:
        journal = Journal(Path(tmp) / "j.simex", meta=run_meta(text, str(BORDER), 7, "doctrine", ()),
                          synchronous=mode)
        ex = Exercise(scenario, seed=7, bots="doctrine", bot_agencies=(), sink=journal)
        ex.start()
        wall, cpu = [], []
        for n in range(commands):
            ex.advance_to(60.0 * n)         # the clock's own flush, not timed
            w, p = time.perf_counter(), time.process_time()
            ex.apply(c.RecordObservation(t=60.0 * n, evaluator="eva", text=f"note {n}"))
            wall.append((time.perf_counter() - w) * 1000)
            cpu.append((time.process_time() - p) * 1000)
        journal.close()
    return wall, cpu


def measure(commands: int, repeats: int, folder: Path) -> tuple[dict, dict, float]:
    """(wall ms, CPU ms) per command for each mode, and the highest load seen."""
    from bench.harness import load

    folder.mkdir(parents=True, exist_ok=True)
    scenario, text = load_scenario(BORDER), BORDER.read_text(encoding="utf-8")
    wall = {"NORMAL": [], "FULL": []}
    cpu = {"NORMAL": [], "FULL": []}
    peak = load()
    for k in range(repeats):
        # Alternated, and in turn first: a busy moment slows both alike.
        for mode in (("NORMAL", "FULL") if k % 2 == 0 else ("FULL", "NORMAL")):
            w, p = one_run(scenario, text, folder, mode, commands)
            wall[mode] += w
            cpu[mode] += p
            peak = max(peak, load())
    return wall, cpu, peak


def results(quick: bool = False, commands: int | None = None, repeats: int | None = None,
            folder: Path | None = None) -> list[dict]:
    from bench.harness import row

    folder = folder or default_journal("bench", "x").parent
    wall, cpu, peak = measure(commands or (50 if quick else 200), repeats or (2 if quick else 5), folder)
    full, normal = statistics.median(wall["FULL"]), statistics.median(wall["NORMAL"])
    return [row("journal", "durable command (synchronous=FULL) acknowledged, median wall per command",
                f"{full:.2f} ms wall, {statistics.median(cpu['FULL']):.2f} ms CPU "
                f"({full / normal:.1f}x NORMAL's {normal:.2f} ms)", f"<= {GOAL_MS:g} ms", full <= GOAL_MS, peak)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--commands", type=int, default=200)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--dir", type=Path, default=default_journal("bench", "x").parent)
    args = parser.parse_args()
    wall, cpu, peak = measure(args.commands, args.repeats, args.dir)
    print(f"{args.repeats} x {args.commands} commands, journals in {args.dir}, load up to {peak:.1f}")
    print(f"{'synchronous':<13}{'wall p50':>10}{'wall p95':>10}{'CPU p50':>10}{'wait p50':>10}   ms per command")
    for mode in ("NORMAL", "FULL"):
        w50, w95 = statistics.median(wall[mode]), statistics.quantiles(wall[mode], n=20)[-1]
        p50 = statistics.median(cpu[mode])
        print(f"{mode:<13}{w50:>10.2f}{w95:>10.2f}{p50:>10.2f}{w50 - p50:>10.2f}")
    extra = statistics.median(wall["FULL"]) - statistics.median(wall["NORMAL"])
    ratio = statistics.median(wall["FULL"]) / statistics.median(wall["NORMAL"])
    print(f"FULL costs {extra:+.2f} ms per command ({ratio:.1f}x NORMAL)")
    verdict = "PASS" if statistics.median(wall["FULL"]) <= GOAL_MS else "MISS"
    print(f"goal: a durable (FULL) command acknowledged within {GOAL_MS:g} ms, median wall: {verdict}")


if __name__ == "__main__":
    main()
