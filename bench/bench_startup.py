"""How fast does `simex` start, and how fast does `simex validate` check a
large file?

Each figure is the CPU time (user + system, from the child's own rusage) of a
fresh process, median of alternated runs, beside the floor of the same
interpreter doing nothing (`python -c pass`), which is measured and reported,
never subtracted. Each command runs once first with its .pyc files written
(as an installed simex has them), so no figure pays for compiling sources:

- `simex --help`: building the parser (goal ≤ 0.25 s CPU);
- `simex validate` of a bundled scenario: start-up plus a small file
  (goal ≤ 0.25 s CPU);
- `simex validate` of a generated 5,000-line scenario, the whole command
  (goal: start ≤ 0.25 s plus validation < 0.2 s, so ≤ 0.45 s CPU);
- the validation alone: the same command run a second time in one process,
  so the imports are paid (goal < 0.2 s CPU).

    python bench/bench_startup.py [--quick]
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from bench_validate import scenario_text  # noqa: E402  (the same 5,000-line scenario as the in-process bench)

BUNDLED = ROOT / "scenarios" / "border-detection.yaml"
START_GOAL = 0.25     # s CPU, `simex --help` and `simex validate FILE`
VALIDATE_GOAL = 0.2   # s CPU, the validation of a 5,000-line file
TWICE = ("import sys, time, contextlib, io\nimport simex.cli\n"
         "with contextlib.redirect_stdout(io.StringIO()):\n    simex.cli.main(['validate', sys.argv[1]])\n"
         "t = time.process_time()\n"
         "with contextlib.redirect_stdout(io.StringIO()):\n    simex.cli.main(['validate', sys.argv[1]])\n"
         "print(time.process_time() - t)")


def child(argv: list[str], env: dict | None = None) -> tuple[float, float, str]:
    """(CPU seconds, wall seconds, stdout) of one fresh process."""
    start = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, cwd=ROOT, env=env)
    out = proc.stdout.read()
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    proc.stdout.close()
    if proc.returncode not in (0,):
        raise RuntimeError(f"{argv} exited {proc.returncode}")
    return usage.ru_utime + usage.ru_stime, wall, out.decode()


def measure(repeats: int) -> dict[str, dict[str, float]]:
    py = sys.executable
    with tempfile.TemporaryDirectory() as tmp:
        big = Path(tmp) / "big.yaml"
        big.write_text(scenario_text(5000), encoding="utf-8")
        cases = {
            "floor": [py, "-c", "pass"],
            "help": [py, "-m", "simex.cli", "--help"],
            "validate": [py, "-m", "simex.cli", "validate", str(BUNDLED)],
            "validate5000": [py, "-m", "simex.cli", "validate", str(big)],
            "work5000": [py, "-c", TWICE, str(big)],
        }
        # Warm the page cache and write the .pyc files, as `pip install` does:
        # with PYTHONDONTWRITEBYTECODE set (as on the shared build machine),
        # every figure would include compiling simex's sources (~50 ms).
        writes = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        for argv in cases.values():
            child(argv, writes)
        cpu: dict[str, list[float]] = {name: [] for name in cases}
        wall: dict[str, list[float]] = {name: [] for name in cases}
        work: list[float] = []
        for _ in range(repeats):  # alternated, so load drifts hit every case alike
            for name, argv in cases.items():
                c, w, out = child(argv)
                cpu[name].append(c)
                wall[name].append(w)
                if name == "work5000":
                    work.append(float(out.split()[-1]))
    med = statistics.median
    found = {name: {"cpu": med(cpu[name]), "wall": med(wall[name])} for name in cases}
    found["work5000"]["in_process"] = med(work)
    return found


def results(quick: bool = False) -> list[dict]:
    m = measure(3 if quick else 9)
    load = os.getloadavg()[0]
    floor = m["floor"]
    tail = f"; floor `python -c pass` {floor['cpu'] * 1000:.0f} ms CPU, {floor['wall'] * 1000:.0f} ms wall"

    def row(bench, measure_, figure, goal, ok):
        return {"bench": bench, "measure": measure_, "figure": figure, "goal": goal,
                "verdict": "PASS" if ok else "MISS", "load": round(load, 2)}

    def cpu_figure(name):
        return f"{m[name]['cpu'] * 1000:.0f} ms CPU ({m[name]['wall'] * 1000:.0f} ms wall){tail}"

    work = m["work5000"]["in_process"]
    return [
        row("startup --help", "CPU of a fresh `simex --help` process", cpu_figure("help"),
            f"≤ {START_GOAL * 1000:.0f} ms CPU", m["help"]["cpu"] <= START_GOAL),
        row("startup validate", "CPU of a fresh `simex validate` of a bundled scenario (border-detection)",
            cpu_figure("validate"), f"≤ {START_GOAL * 1000:.0f} ms CPU", m["validate"]["cpu"] <= START_GOAL),
        row("validate 5000 lines", "CPU of a fresh `simex validate` of a 5,000-line scenario, whole command",
            cpu_figure("validate5000"), f"≤ {(START_GOAL + VALIDATE_GOAL) * 1000:.0f} ms CPU (start + validation)",
            m["validate5000"]["cpu"] <= START_GOAL + VALIDATE_GOAL),
        row("validate 5000 work", "CPU of the command's validation of a 5,000-line scenario, "
                                  "run a second time in one process (imports paid)",
            f"{work * 1000:.0f} ms CPU", f"< {VALIDATE_GOAL * 1000:.0f} ms CPU", work < VALIDATE_GOAL),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="3 runs of each instead of 9")
    args = parser.parse_args()
    for r in results(args.quick):
        print(f"{r['verdict']:4}  {r['bench']:<20} {r['figure']}  (goal {r['goal']}; load {r['load']})")


if __name__ == "__main__":
    main()
