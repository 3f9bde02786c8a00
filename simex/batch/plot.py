"""`--plot`: one PNG per expectation that was fulfilled at least once, showing
the distribution of its delay (trigger to fulfilment) at each grid point as
a box plot, with its deadline (`within`) as a dashed line over each box. A planner sees
at a glance which grid values push the delay past the deadline.

matplotlib is imported only when plotting, with the Agg backend and the
report figures' style (simex.report.figure_style: 9 pt labels at the printed
width, the Okabe-Ito palette).
"""
from __future__ import annotations

import re
from pathlib import Path

from simex.batch.plan import Sweep, build
from simex.batch.replicate import Layout


def plot_delays(rows: list[list[str]], layout: Layout, sweep: Sweep, results: Path) -> list[Path]:
    from simex.report.figure_style import MAX_HEIGHT_IN, WIDTH_IN, C, pyplot

    plt = pyplot()
    at = {c: i for i, c in enumerate(layout.columns)}
    points = sweep.points
    # The deadline per grid point: a grid may change `within` itself.
    within = [{e.id: e.within for e in build(sweep, p).doctrine} for p in range(len(points))]
    folder = results.with_name(results.stem + "-plots")
    folder.mkdir(exist_ok=True)
    written = []
    for exp in layout.expectations:
        series = []
        for point in range(len(points)):
            values = [float(r[at[f"{exp}.delay"]]) / 60 for r in rows
                      if int(r[0]) == point and r[at[f"{exp}.delay"]] != ""]
            series.append(values)
        if not any(series):
            continue
        fig, ax = plt.subplots(figsize=(WIDTH_IN, min(MAX_HEIGHT_IN, 4.2)), layout="constrained")
        labels = [", ".join(v for v in values) or "as written" for values in points]
        ax.boxplot([s or [float("nan")] for s in series], whis=(5, 95), showfliers=False)
        ax.set_xticks(range(1, len(points) + 1), labels, rotation=20 if len(points) > 4 else 0)
        for i, deadlines in enumerate(within):
            ax.hlines(deadlines[exp] / 60, i + 0.6, i + 1.4, linestyles="--", color=C["vermillion"], linewidth=1.5,
                      label="deadline (within)" if i == 0 else None)
        ax.set_ylabel("delay after trigger (minutes)")
        ax.set_xlabel(" × ".join(layout.grid_paths) or "")
        ax.set_title(f"{exp}: delay, whiskers p5-p95 ({sweep.replications} runs per point)")
        ax.legend(loc="upper left")
        path = folder / f"{re.sub(r'[^A-Za-z0-9_.-]', '_', exp)}.png"
        fig.savefig(path, dpi=100)
        plt.close(fig)
        written.append(path)
    return written
