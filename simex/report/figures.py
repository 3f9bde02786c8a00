"""Report figures (matplotlib, Agg backend, imported lazily), drawn once and
saved in the form each output needs: inline SVG strings for HTML, so the page
stays one self-contained file that opens offline and its text stays text
(searchable, crisp when printed); PNG bytes for Word, which shows SVG only in
recent versions."""
from __future__ import annotations

import io

from simex.durations import format_duration

from simex.events import (
    ActionTaken, Event, ExpectationOverdue, InjectDelivered, MessageDelivered, MessageSent,
)
from simex.scenario.model import Scenario

COLOURS = {"on_time": "#2e7d32", "late": "#f9a825", "missed": "#c62828", "open": "#9e9e9e",
           "overdue": "#ef6c00"}


def _plt():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    plt.rcParams.update({"svg.fonttype": "none", "svg.hashsalt": "simex", "font.size": 9,
                         "font.family": "sans-serif"})
    return plt


PNG_DPI = 200   # sharp on paper at a page's width, a few hundred kB per figure


def _save(fig, fmt: str) -> str | bytes:
    """`fmt` "svg": the <svg> element as text; "png": the image file's bytes."""
    import matplotlib.pyplot as plt

    if fmt == "png":
        raw = io.BytesIO()
        fig.savefig(raw, format="png", dpi=PNG_DPI, bbox_inches="tight", metadata={"Software": None})
        plt.close(fig)
        return raw.getvalue()
    if fmt != "svg":
        plt.close(fig)
        raise ValueError(f"unknown figure format {fmt!r}; use svg or png")
    buf = io.StringIO()
    fig.savefig(buf, format="svg", bbox_inches="tight", metadata={"Date": None})
    plt.close(fig)
    text = buf.getvalue()
    return text[text.index("<svg"):]


def swimlane(scenario: Scenario, events: list[Event], title: str = "", fmt: str = "svg") -> str | bytes:
    """One lane per agency: injects, actions, messages and missed deadlines over time (hours)."""
    plt = _plt()
    agencies = [a.id for a in scenario.agencies]
    lane = {a: i for i, a in enumerate(reversed(agencies))}
    fig, ax = plt.subplots(figsize=(10, 0.55 * len(agencies) + 1.4))
    sent = {e.message: e for e in events if isinstance(e, MessageSent)}
    # The axis ends after the last thing that happened (a 64-day exercise whose
    # play is in its first hours would otherwise be a line at zero).
    busy = [e.t for e in events if isinstance(e, (InjectDelivered, ActionTaken, MessageDelivered, ExpectationOverdue))]
    span = max(3600.0, min(scenario.exercise.duration, 1.05 * max(busy, default=scenario.exercise.duration)))
    unit, label = (86400.0, "T+ (days)") if span > 2 * 86400 else (3600.0, "T+ (h)")
    for e in events:
        h = e.t / unit
        if isinstance(e, InjectDelivered):
            for a in e.to:
                if a in lane:
                    ax.plot(h, lane[a] + 0.18, marker="v", color="#6a1b9a", ms=6, ls="")
        elif isinstance(e, ActionTaken) and e.agency in lane:
            ax.plot(h, lane[e.agency], marker="o", color="#1565c0", ms=3.5, ls="")
        elif isinstance(e, MessageDelivered) and e.sender in lane and e.recipient in lane:
            start = sent.get(e.message)
            h0 = start.t / unit if start else h
            ax.annotate("", xy=(h, lane[e.recipient]), xytext=(h0, lane[e.sender]),
                        arrowprops={"arrowstyle": "->", "color": "#ef6c00", "lw": 1.1})
        elif isinstance(e, ExpectationOverdue) and e.who in lane:
            ax.plot(h, lane[e.who] - 0.18, marker="x", color=COLOURS["missed"], ms=7, mew=2, ls="")
    ax.set_yticks(range(len(agencies)), list(reversed(agencies)))
    ax.set_ylim(-0.6, len(agencies) - 0.4)
    ax.set_xlim(0, span / unit)
    ax.set_xlabel(label)
    ax.grid(axis="x", color="#ddd")
    for i in range(len(agencies)):
        ax.axhline(i, color="#eee", lw=0.8, zorder=0)
    if title:
        ax.set_title(title)
    return _save(fig, fmt)


def network(evaluation, scenario: Scenario, fmt: str = "svg") -> str | bytes:
    """Expected against observed links: green used as required, red dashed
    required but never used, orange used but not required, grey a channel only."""
    import networkx as nx

    plt = _plt()
    net = evaluation.network
    g = nx.DiGraph()
    g.add_nodes_from(net.agencies)
    pos = nx.circular_layout(sorted(net.agencies))
    fig, ax = plt.subplots(figsize=(6.5, 5))
    styles = []
    for link in net.links:
        g.add_edge(link.sender, link.recipient)
        if link.required and link.messages:
            styles.append(((link.sender, link.recipient), "#2e7d32", "solid", 1 + min(link.messages, 5)))
        elif link.required:
            styles.append(((link.sender, link.recipient), "#c62828", "dashed", 2))
        elif link.messages:
            styles.append(((link.sender, link.recipient), "#ef6c00", "solid", 1 + min(link.messages, 5)))
        else:
            styles.append(((link.sender, link.recipient), "#bdbdbd", "dotted", 1))
    for edge, colour, style, width in styles:
        nx.draw_networkx_edges(g, pos, edgelist=[edge], edge_color=colour, style=style, width=width, ax=ax,
                               arrows=True, arrowsize=12, connectionstyle="arc3,rad=0.12", node_size=1600)
    reach = {r.agency: r for r in net.reach}
    colours = ["#fff59d" if a == net.source else ("#ffcdd2" if reach.get(a) and reach[a].t is None else "#e3f2fd")
               for a in g.nodes]
    nx.draw_networkx_nodes(g, pos, node_color=colours, edgecolors="#555", node_size=1600, ax=ax)
    nx.draw_networkx_labels(g, pos, font_size=8, ax=ax)
    from matplotlib.lines import Line2D

    ax.legend(handles=[Line2D([], [], color="#2e7d32", lw=2, label="required, used"),
                       Line2D([], [], color="#c62828", lw=2, ls="--", label="required, never used"),
                       Line2D([], [], color="#ef6c00", lw=2, label="used, not required"),
                       Line2D([], [], color="#bdbdbd", lw=1, ls=":", label="channel only")],
              loc="lower center", bbox_to_anchor=(0.5, -0.14), ncol=2, fontsize=7, frameon=False)
    ax.axis("off")
    ax.margins(0.15)
    return _save(fig, fmt)


def delays(evaluation, fmt: str = "svg") -> str | bytes:
    """Per expectation instance: the delay from trigger to fulfilment as a
    share of its deadline (1 = the deadline), labelled with the delay itself.
    Missed ones are drawn hatched past the longest delay; open ones up to the
    time elapsed at the end of the record."""
    plt = _plt()
    results = list(evaluation.score.results)
    fig, ax = plt.subplots(figsize=(8, 0.26 * len(results) + 1.2))
    end = evaluation.end_t or 0.0
    ratios = [r.delay / r.within for r in results if r.delay is not None and r.within]
    cap = max([2.0, *ratios]) * 1.1
    for i, r in enumerate(results):
        y = len(results) - 1 - i
        within = r.within or 1.0
        if r.delay is not None:
            width, label = r.delay / within, format_duration(round(r.delay))
        elif r.status == "missed":
            width, label = cap, "missed"
        elif r.status == "overdue":       # live: past the deadline, so far
            width, label = min(cap, max(0.0, end - r.opened) / within), "overdue"
        else:
            width, label = min(1.0, max(0.0, end - r.opened) / within), "open"
        ax.barh(y, width, color=COLOURS[r.status], hatch="//" if r.status == "missed" else None,
                edgecolor="white", height=0.7)
        ax.text(min(width, cap) + 0.02, y, label, va="center", fontsize=6.5)
    ax.axvline(1.0, color="black", lw=1.5)
    ax.set_xlim(0, cap * 1.15)
    ax.set_yticks(range(len(results)), [f"{r.instance} {r.key}".strip() for r in reversed(results)], fontsize=7)
    ax.set_xlabel("delay after the trigger, as a share of the deadline (black line: the deadline)")
    from matplotlib.patches import Patch

    shown = {r.status for r in results} | {"on_time", "late", "missed", "open"}
    ax.legend(handles=[Patch(color=c, label=s.replace("_", " ")) for s, c in COLOURS.items() if s in shown],
              loc="lower right", fontsize=7)
    ax.grid(axis="x", color="#eee")
    return _save(fig, fmt)


def compare(labels: list[str], summaries: list[dict], fmt: str = "svg") -> str | bytes:
    """Stacked expectation outcomes per exercise, with the mean objective rating (P=3 ... U=0)."""
    plt = _plt()
    fig, ax = plt.subplots(figsize=(max(5, 1.4 * len(labels) + 2), 3.8))
    bottom = [0] * len(labels)
    for status in ("on_time", "late", "missed", "open"):
        values = [s.get(status, 0) for s in summaries]
        ax.bar(labels, values, bottom=bottom, color=COLOURS[status], label=status.replace("_", " "))
        bottom = [b + v for b, v in zip(bottom, values)]
    ax.set_ylabel("doctrine expectations")
    ax2 = ax.twinx()
    points = [s.get("rating_points") for s in summaries]
    ax2.plot(labels, [p if p is not None else float("nan") for p in points], "ko-", label="mean rating")
    ax2.set_ylim(0, 3.2)
    ax2.set_yticks([0, 1, 2, 3], ["U", "M", "S", "P"])
    ax.legend(loc="upper left", fontsize=7)
    plt.setp(ax.get_xticklabels(), rotation=20, ha="right")
    return _save(fig, fmt)
