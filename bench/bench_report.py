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
   and wall time. The first HTML run also pays for importing matplotlib;
   one untimed warm-up of each format comes first, and the cold import is
   reported on its own row.
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


def cold_import_s() -> float:
    """CPU seconds to import what only the HTML report needs (matplotlib,
    networkx), in a fresh interpreter: what a first `simex report -o x.html`
    pays on top of the Markdown one."""
    code = ("import time; t = time.process_time(); import matplotlib; matplotlib.use('Agg'); "
            "import matplotlib.pyplot, networkx; print(time.process_time() - t)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return float(out.stdout)


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
        cold = cold_import_s()
    med = {fmt: {m: statistics.median(v[m]) for m in ("cpu", "wall")} for fmt, v in times.items()}
    cpu_ratio = med["html"]["cpu"] / med["md"]["cpu"]
    wall_ratio = med["html"]["wall"] / med["md"]["wall"]
    load = max(times["md"]["load"] + times["html"]["load"])
    cold_ratio = (med["html"]["cpu"] + cold) / med["md"]["cpu"]
    where = f"{hours} h journal, {events:,} events"
    return [
        {"bench": "report", "measure": f"HTML / Markdown report time, {where}, in-process medians of {repeats}",
         "figure": f"{cpu_ratio:.2f}x CPU ({med['html']['cpu']:.2f} s / {med['md']['cpu']:.2f} s), "
                   f"{wall_ratio:.2f}x wall ({med['html']['wall']:.2f} s / {med['md']['wall']:.2f} s)",
         "goal": f"<= {GOAL_RATIO:g}x", "verdict": "PASS" if max(cpu_ratio, wall_ratio) <= GOAL_RATIO else "MISS",
         "load": load},
        {"bench": "report", "measure": f"HTML / Markdown, first report of a process (+ matplotlib and networkx "
                                       f"import, {cold:.2f} s CPU), {where}",
         "figure": f"{cold_ratio:.2f}x CPU", "goal": f"<= {GOAL_RATIO:g}x",
         "verdict": "PASS" if cold_ratio <= GOAL_RATIO else "MISS", "load": _load()},
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
