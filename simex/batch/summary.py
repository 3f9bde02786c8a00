"""Per grid point: how often each expectation was met on time, how long it
took (mean, median, 5th and 95th percentiles), how often each objective was
met, and the world's counts (alarms, queue waits).

Probabilities are shares of the runs where the thing could be judged: an
expectation that was never triggered in a run, or only near ENDEX, says
nothing about whether it would have been met, so `triggered` reports how
often it was judged at all. Percentiles interpolate linearly between ranks
(numpy's default), on values as written in the results file.
"""
from __future__ import annotations

import csv
import io
import math

from simex.batch.replicate import WORLD_MAX, Layout, fmt
from simex.durations import format_duration

# The world counts worth a line in the summary (all are in the results table).
KEY_WORLD_EVENTS = ("alarm", "completed", "expired", "broken", "exceeded", "turn_back")
FIELDS = ["quantity", "runs", "judged", "p", "mean", "median", "p5", "p95"]


def percentile(sorted_values: list[float], q: float) -> float:
    if not sorted_values:
        return math.nan
    pos = (len(sorted_values) - 1) * q
    lo = math.floor(pos)
    hi = min(lo + 1, len(sorted_values) - 1)
    return sorted_values[lo] + (sorted_values[hi] - sorted_values[lo]) * (pos - lo)


def _stats(values: list[float]) -> dict:
    if not values:
        return {"mean": None, "median": None, "p5": None, "p95": None}
    v = sorted(values)
    return {"mean": sum(v) / len(v), "median": percentile(v, 0.5),
            "p5": percentile(v, 0.05), "p95": percentile(v, 0.95)}


def summarise(rows: list[list[str]], columns: list[str], layout: Layout) -> list[dict]:
    """One dict per (grid point, quantity); `point` and the grid values first."""
    at = {c: i for i, c in enumerate(columns)}
    by_point: dict[int, list[list[str]]] = {}
    for row in rows:
        by_point.setdefault(int(row[0]), []).append(row)
    out = []
    for point in sorted(by_point):
        group = by_point[point]
        head = {"point": point, **{p: group[0][at[p]] for p in layout.grid_paths}}

        def col(name: str) -> list[str]:
            return [r[at[name]] for r in group]

        def numbers(name: str) -> list[float]:
            return [float(v) for v in col(name) if v != ""]

        for exp in layout.expectations:
            statuses = col(f"{exp}.status")
            judged = [s for s in statuses if s in ("on_time", "late", "missed")]
            p = sum(s == "on_time" for s in judged) / len(judged) if judged else None
            out.append({**head, "quantity": exp, "runs": len(group), "judged": len(judged), "p": p,
                        **_stats(numbers(f"{exp}.delay"))})
        for obj in layout.objectives:
            marks = [v for v in col(f"{obj}.met") if v != ""]
            p = sum(v == "1" for v in marks) / len(marks) if marks else None
            out.append({**head, "quantity": obj, "runs": len(group), "judged": len(marks), "p": p,
                        **_stats([])})
        others = ["percent_on_time", "events"]
        for pid, names, kind in layout.world:
            others += [f"world.{pid}.{n}" for n in names if n in KEY_WORLD_EVENTS]
            others += [f"world.{pid}.{WORLD_MAX[kind][0]}"] if kind in WORLD_MAX else []
        for name in others:
            values = numbers(name)
            out.append({**head, "quantity": name, "runs": len(group), "judged": len(values), "p": None,
                        **_stats(values)})
    return out


def to_csv(summary: list[dict], layout: Layout) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    header = ["point", *layout.grid_paths, *FIELDS]
    writer.writerow(header)
    for s in summary:
        writer.writerow([fmt(round(s[h], 6) if isinstance(s.get(h), float) else s.get(h)) for h in header])
    return buf.getvalue()


def _pct(p: float | None) -> str:
    return "   -  " if p is None else f"{100 * p:5.1f}%"


def _dur(x: float | None) -> str:
    return "-" if x is None else format_duration(x)


def _num(x: float | None) -> str:
    return "-" if x is None else f"{x:.4g}"


def to_text(summary: list[dict], layout: Layout, labels: dict[str, str] | None = None) -> str:
    """The summary as a planner reads it: one block per grid point."""
    lines: list[str] = []
    labels = labels or {}
    current = None
    for s in summary:
        if s["point"] != current:
            current = s["point"]
            where = ", ".join(f"{p}={s[p]}" for p in layout.grid_paths) or "as written"
            lines += ["", f"Grid point {current}: {where} ({s['runs']} runs)",
                      f"  {'':<22} {'judged':>7} {'on time':>8}   delay median  [p5 .. p95]"]
        q = s["quantity"]
        if q in layout.expectations:
            lines.append(f"  {q:<22} {s['judged']:>7} {_pct(s['p']):>8}   {_dur(s['median']):>8}  "
                         f"[{_dur(s['p5'])} .. {_dur(s['p95'])}]")
        elif q in layout.objectives:
            lines.append(f"  {q:<22} {s['judged']:>7} {_pct(s['p']):>8}   objective met"
                         + (f": {labels[q]}" if q in labels else ""))
        else:
            show = _dur if q.endswith("wait_max") else _num
            lines.append(f"  {q:<22} mean {show(s['mean'])}, median {show(s['median'])}, "
                         f"p5 {show(s['p5'])}, p95 {show(s['p95'])}")
    return "\n".join(lines).lstrip("\n")
