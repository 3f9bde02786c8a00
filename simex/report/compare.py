"""Several exercises of the same scenario side by side."""
from __future__ import annotations

from simex.languages import translator
from simex.localized import duration, number, percent
from simex.report import figures, html, markdown
from simex.report.blocks import Block, Figure, Heading, Para, Table, number_figures
from simex.report.i18n import strings

def _metrics(lang: str) -> tuple[tuple[str, str], ...]:
    """(summary key, row name in `lang`) of each compared figure."""
    _ = translator(lang).gettext
    return (
        ("expectations", _("doctrine expectations")), ("on_time", _("on time")), ("late", _("late")),
        ("missed", _("missed")), ("open", _("open at ENDEX")),
        # Translators: {percent} is the sign "%" (a placeholder, so no tool takes "% o" for a printf format)
        ("percent_on_time", _("{percent} on time").format(percent="%")),
        ("mean_delay_s", _("mean delay after trigger")), ("notification_recall", _("notification recall")),
        ("notification_precision", _("notification precision")), ("misrouted", _("mis-routed messages")),
        ("custody_breaks", _("custody breaks")), ("inconsistencies", _("inconsistent facts")),
        ("missing_links", _("required links never used")), ("time_to_reach_all_s", _("time to reach the last agency")),
        ("unreached", _("agencies never reached")), ("rating_points", _("mean objective rating (P=3 ... U=0)")),
    )


def _fmt(key: str, value, lang: str) -> str:
    if value is None:
        return "—"
    if key.endswith("_s"):
        return duration(value, lang)
    if key.startswith("notification_"):
        return percent(value, lang)
    if isinstance(value, float):
        return f"{value:.2f}".rstrip("0").rstrip(".") if lang == "en" else number(value, lang, 2).rstrip("0").rstrip(".,")
    return str(value)


def render_comparison(runs: list, fmt: str = "md") -> str:
    """`runs`: (label, Evaluation) pairs."""
    lang = runs[0][1].lang if runs else "en"
    s = strings(lang)
    labels = [label for label, _ in runs]
    summaries = [ev.summary() for _, ev in runs]
    rows = [[name, *(_fmt(key, sm.get(key), lang) for sm in summaries)] for key, name in _metrics(lang)]
    # Runs of one scenario may come from different versions of it (an objective
    # added between workshops): only objectives every version has are lined up.
    have = [[o.id for o in ev.objectives] for _, ev in runs]
    objectives = [oid for oid in (have[0] if have else []) if all(oid in h for h in have)]
    left_out = {oid: [label for (label, _), h in zip(runs, have) if oid in h]
                for h in have for oid in h if oid not in objectives}
    for oid in objectives:
        rows.append([f"{s['rating']} {oid}", *(str(sm.get(f"rating_{oid}") or "—") for sm in summaries)])
    blocks: list[Block] = [Heading(1, f"{s['compare']}: {runs[0][1].title if runs else ''}"),
                           Para(", ".join(f"{label}: {s['seed']} {ev.seed}, {ev.bots or '—'}, {ev.events} {s['events']}"
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
