"""Several exercises of the same scenario side by side."""
from __future__ import annotations

from simex.durations import format_duration
from simex.report import figures, html, markdown
from simex.report.blocks import Block, Figure, Heading, Para, Table, number_figures
from simex.report.i18n import strings

METRICS = (
    ("expectations", "doctrine expectations"), ("on_time", "on time"), ("late", "late"), ("missed", "missed"),
    ("open", "open at ENDEX"), ("percent_on_time", "% on time"), ("mean_delay_s", "mean delay after trigger"),
    ("notification_recall", "notification recall"), ("notification_precision", "notification precision"),
    ("misrouted", "mis-routed messages"), ("custody_breaks", "custody breaks"),
    ("inconsistencies", "inconsistent facts"), ("missing_links", "required links never used"),
    ("time_to_reach_all_s", "time to reach the last agency"), ("unreached", "agencies never reached"),
    ("rating_points", "mean objective rating (P=3 ... U=0)"),
)


def _fmt(key: str, value) -> str:
    if value is None:
        return "—"
    if key.endswith("_s"):
        return format_duration(value)
    if key.startswith("notification_"):
        return f"{100 * value:.0f}%"
    if isinstance(value, float):
        return f"{value:.2f}".rstrip("0").rstrip(".")
    return str(value)


def render_comparison(runs: list, fmt: str = "md") -> str:
    """`runs`: (label, Evaluation) pairs."""
    lang = runs[0][1].lang if runs else "en"
    s = strings(lang)
    labels = [label for label, _ in runs]
    summaries = [ev.summary() for _, ev in runs]
    rows = [[name, *(_fmt(key, sm.get(key)) for sm in summaries)] for key, name in METRICS]
    # Runs of one scenario may come from different versions of it (an objective
    # added between workshops): only objectives every version has are lined up.
    have = [[o.id for o in ev.objectives] for _, ev in runs]
    objectives = [oid for oid in (have[0] if have else []) if all(oid in h for h in have)]
    left_out = {oid: [label for (label, _), h in zip(runs, have) if oid in h]
                for h in have for oid in h if oid not in objectives}
    for oid in objectives:
        rows.append([f"{s['rating']} {oid}", *(str(sm.get(f"rating_{oid}") or "—") for sm in summaries)])
    blocks: list[Block] = [Heading(1, f"{s['compare']}: {runs[0][1].title if runs else ''}"),
                           Para(", ".join(f"{label}: seed {ev.seed}, {ev.bots or '—'}, {ev.events} {s['events']}"
                                          for label, ev in runs)),
                           Table([s["metric"], *labels], rows)]
    if left_out:
        blocks.append(Para(s["not_compared"].format(objectives=", ".join(
            f"{oid} ({s['only_in']} {', '.join(where)})" for oid, where in left_out.items())), cls="note"))
    blocks.append(Figure(s["fig_compare"], lambda fmt: figures.compare(labels, summaries, fmt=fmt, lang=lang)))
    blocks = number_figures(blocks, s["figure"])
    if fmt == "md":
        return markdown.render(blocks, s["figures_in_html_compare"])
    return html.render(blocks, s["compare"], lang)
