"""Every benchmark in bench/, one Markdown table: bench, measure, figure, goal,
verdict, load.

Imports each `bench/bench_*.py` (those added later too) and calls its
`results(quick=...)`. A module without `results()`, or one that fails, gets
a row saying so instead of stopping the others: the table always shows
every benchmark, measured or not. The format is described in
docs/performance.md.

    python bench/all.py [--quick] [--only engine,sweep]
"""
from __future__ import annotations

import argparse
import importlib
import sys
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.harness import load, machine, row, table  # noqa: E402


def modules() -> list[str]:
    return sorted(p.stem for p in (ROOT / "bench").glob("bench_*.py"))


def rows_of(name: str, quick: bool) -> list[dict]:
    """The rows one benchmark gives, or one row saying why it gave none."""
    short = name.removeprefix("bench_")
    try:
        module = importlib.import_module(f"bench.{name}")
    except Exception as exc:  # noqa: BLE001 - a broken benchmark is a row, not the end of the table
        return [row(short, "import failed", f"{type(exc).__name__}: {exc}", "-", False, load())]
    results = getattr(module, "results", None)
    if not callable(results):
        return [{**row(short, "no results()", "-", "-", False, load()), "verdict": "-"}]
    try:
        return list(results(quick=quick))
    except Exception as exc:  # noqa: BLE001 - as above
        traceback.print_exc(file=sys.stderr)
        return [row(short, "failed", f"{type(exc).__name__}: {exc}", "-", False, load())]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="short runs: a smoke test of every benchmark, "
                                                         "figures noisier than a full run")
    ap.add_argument("--only", default="", help="comma-separated benchmark names (e.g. engine,sweep)")
    args = ap.parse_args(argv)
    wanted = {w.strip().removeprefix("bench_") for w in args.only.split(",") if w.strip()}
    names = [n for n in modules() if not wanted or n.removeprefix("bench_") in wanted]
    if not names:
        ap.error(f"no benchmark named {args.only!r}; there are: "
                 + ", ".join(n.removeprefix("bench_") for n in modules()))
    start, rows = time.perf_counter(), []
    for name in names:
        print(f"running {name}{' (quick)' if args.quick else ''}...", file=sys.stderr, flush=True)
        rows += rows_of(name, args.quick)
    print(table(rows))
    print(f"\n{machine()}; {time.perf_counter() - start:.0f} s in all"
          f"{'; --quick: short runs' if args.quick else ''}")
    return 0 if all(r.get("verdict") != "MISS" for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
