"""Report cost on a long, busy journal: HTML against Markdown, and JSON memory.

The journal: border detection stretched to 48 hours of scenario time, with
25x the bundled traffic (1,500 vehicles an hour, 5 % innocent and 0.5 %
false alarms, eight secondary-inspection teams) and weak bots, so that
expectations are met, late and missed and the report has every kind of row:
about 23,000 events.

1. HTML against Markdown (issue 15: HTML report <= 2x the Markdown one).
   Each run is the `simex report` command run in-process (its own code,
   from parsing the arguments to the file written), without the
   interpreter's start-up. Markdown and HTML runs are
   alternated in one process (order rotating each repeat); medians of CPU
   and wall time. One untimed warm-up of each format comes first (the first
   HTML run imports matplotlib). A second row runs the command from the
   shell, a fresh interpreter each time (start-up and imports included),
   alternated, medians of CPU time.
2. JSON report memory (issue 15: <= 1 KB per event): tracemalloc's peak
   of the command run in-process, from parsing its arguments to the JSON
   file written, divided by the journal's events.

    python bench/bench_report.py [--repeats 5] [--quick]
"""
from __future__ import annotations

import argparse
import io
import os
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

BORDER = ROOT / "scenarios" / "border-detection.yaml"
HOURS = 48
GOAL_RATIO = 2.0
GOAL_BYTES = 1024


def _load() -> float:
    return round(os.getloadavg()[0], 2)


def busy_journal(folder: Path, hours: float = HOURS, vehicles_per_hour: float = 1500.0) -> tuple[Path, int]:
    """(journal path, events) of the long, busy border exercise. The scenario
    text stored in the journal is the stretched one, so the report reads it."""
    import yaml

    from simex.engine.exercise import Exercise
    from simex.journal import Journal, run_meta
    from simex.scenario.loader import check_text

    data = yaml.safe_load(BORDER.read_text(encoding="utf-8"))
    data["exercise"]["duration"] = f"{hours:g}h"
    data["world"][0].update(vehicles_per_hour=vehicles_per_hour, p_innocent=0.05, p_false=0.005)
    data["world"][1]["capacity"] = 8
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    scenario, problems = check_text(text, "busy-border.yaml")
    assert scenario is not None, problems
    agencies = tuple(a.id for a in scenario.agencies)
    path = folder / f"busy-{hours:g}h.simex"
    journal = Journal(path, meta=run_meta(text, "busy-border.yaml", 7, "weak", agencies))
    ex = Exercise(scenario, seed=7, bots="weak", bot_agencies=agencies, sink=journal)
    ex.run_to_end()
    journal.close()
    return path, len(ex.events)


def report(journal: Path, fmt: str, out: Path) -> None:
    """`simex report JOURNAL --format FMT -o OUT`, run in this process: the
    command's own code (parser built, journal read, evaluated, rendered,
    written), without the interpreter's start-up."""
    import contextlib

    from simex.cli import main as simex

    with contextlib.redirect_stderr(io.StringIO()):     # its "report: OUT" line
        status = simex(["report", str(journal), "--format", fmt, "-o", str(out)])
    assert status == 0, f"simex report --format {fmt} exited {status}"


def alternate(journal: Path, folder: Path, repeats: int) -> dict[str, dict[str, list[float]]]:
    times = {fmt: {"cpu": [], "wall": [], "load": []} for fmt in ("md", "html")}
    for fmt in times:                     # warm-up, untimed: imports and font cache
        report(journal, fmt, folder / f"warm.{fmt}")
    order = list(times)
    for k in range(repeats):
        for fmt in order[k % 2:] + order[:k % 2]:
            wall, cpu = time.perf_counter(), time.process_time()
            report(journal, fmt, folder / f"report.{fmt}")
            times[fmt]["cpu"].append(time.process_time() - cpu)
            times[fmt]["wall"].append(time.perf_counter() - wall)
            times[fmt]["load"].append(_load())
    return times


def from_the_shell(journal: Path, folder: Path, repeats: int) -> dict[str, list[float]]:
    """CPU seconds of `simex report JOURNAL -o report.FMT` in a fresh
    interpreter each time (start-up and the first import of matplotlib
    included: what a person running the command waits for), alternated."""
    import resource

    cpu: dict[str, list[float]] = {"md": [], "html": []}
    order = list(cpu)
    for k in range(repeats):
        for fmt in order[k % 2:] + order[:k % 2]:
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            subprocess.run([sys.executable, "-m", "simex.cli", "report", str(journal), "-o",
                            str(folder / f"shell.{fmt}")], check=True, capture_output=True, cwd=ROOT)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu[fmt].append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
    return cpu


def json_bytes_per_event(journal: Path, folder: Path, events: int) -> float:
    report(journal, "json", folder / "warm.json")     # modules imported before measuring
    tracemalloc.start()
    try:
        report(journal, "json", folder / "report.json")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return peak / events


def results(quick: bool = False, repeats: int | None = None) -> list[dict]:
    repeats = repeats or (3 if quick else 5)
    hours = 12 if quick else HOURS
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        journal, events = busy_journal(folder, hours)
        times = alternate(journal, folder, repeats)
        per_event = json_bytes_per_event(journal, folder, events)
        shell = from_the_shell(journal, folder, repeats)
    med = {fmt: {m: statistics.median(v[m]) for m in ("cpu", "wall")} for fmt, v in times.items()}
    cpu_ratio = med["html"]["cpu"] / med["md"]["cpu"]
    wall_ratio = med["html"]["wall"] / med["md"]["wall"]
    load = max(times["md"]["load"] + times["html"]["load"])
    shell_md, shell_html = statistics.median(shell["md"]), statistics.median(shell["html"])
    shell_ratio = shell_html / shell_md
    where = f"{hours} h journal, {events:,} events"
    return [
        {"bench": "report", "measure": f"HTML / Markdown report time, {where}, in-process medians of {repeats}",
         "figure": f"{cpu_ratio:.2f}x CPU ({med['html']['cpu']:.2f} s / {med['md']['cpu']:.2f} s), "
                   f"{wall_ratio:.2f}x wall ({med['html']['wall']:.2f} s / {med['md']['wall']:.2f} s)",
         "goal": f"<= {GOAL_RATIO:g}x", "verdict": "PASS" if max(cpu_ratio, wall_ratio) <= GOAL_RATIO else "MISS",
         "load": load},
        {"bench": "report", "measure": f"HTML / Markdown, the command from the shell (fresh process each, "
                                       f"start-up and matplotlib import included), {where}, medians of {repeats}",
         "figure": f"{shell_ratio:.2f}x CPU ({shell_html:.2f} s / {shell_md:.2f} s)", "goal": f"<= {GOAL_RATIO:g}x",
         "verdict": "PASS" if shell_ratio <= GOAL_RATIO else "MISS", "load": _load()},
        {"bench": "report", "measure": f"JSON report, tracemalloc peak per event (read, evaluate, write), {where}",
         "figure": f"{per_event:,.0f} B/event", "goal": f"<= {GOAL_BYTES} B/event",
         "verdict": "PASS" if per_event <= GOAL_BYTES else "MISS", "load": _load()},
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--quick", action="store_true", help="a 12-hour journal, 3 repeats")
    args = parser.parse_args()
    print(f"{os.cpu_count()} cores, load {_load():.2f} (1 min)")
    for row in results(args.quick, args.repeats if not args.quick else None):
        print(f"{row['verdict']:<4}  {row['measure']}\n      {row['figure']}  (goal {row['goal']}, load {row['load']})")


if __name__ == "__main__":
    main()
