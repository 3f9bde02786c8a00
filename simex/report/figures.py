"""Report figures (matplotlib, Agg backend, imported lazily), drawn once and
saved in the form each output needs: inline SVG strings for HTML, so the page
stays one self-contained file that opens offline and its text stays text
(searchable, crisp when printed); PNG bytes for Word, which shows SVG only in
recent versions. How they look (size, fonts, colours, markers) is decided in
simex.report.figure_style; each `draw_*` returns the matplotlib figure, so
tests can read what is drawn, and each public function saves it. Every word
a figure draws is in the report's language (`lang`), through
simex.report.figure_text, which also joins Arabic letters and chooses a
font that has them."""
from __future__ import annotations

import io

from simex.events import ActionTaken, Event, ExpectationOverdue, InjectDelivered, MessageDelivered, MessageSent
from simex.report.figure_style import C, PNG_DPI, STATUS, figure
from simex.report.figure_text import FigureWords, words_for
from simex.report.timeline_axis import Axis
from simex.scenario.model import Scenario

# A layer with more marks than this is drawn as an image inside the SVG:
# thousands of vector markers make a heavy page and a slow one to draw.
RASTER_OVER = 1500
BOX_FROM = 4         # the delays figure draws a box from this many fulfilled instances
POINTS_UP_TO = 12    # and each instance as a mark up to this many


def _save(fig, fmt: str) -> str | bytes:
    """`fmt` "svg": the <svg> element as text; "png": the image file's bytes.
    matplotlib's pyplot as it is: its settings hold the figure's fonts."""
    import matplotlib.pyplot as plt

    try:
        if fmt == "png":
            raw = io.BytesIO()
            fig.savefig(raw, format="png", dpi=PNG_DPI, metadata={"Software": None})
            return raw.getvalue()
        if fmt != "svg":
            raise ValueError(f"unknown figure format {fmt!r}; use svg or png")
        buf = io.StringIO()
        fig.savefig(buf, format="svg", dpi=PNG_DPI, metadata={"Date": None})
        text = buf.getvalue()
        return text[text.index("<svg"):]
    finally:
        plt.close(fig)


def _span_words(seconds: float, words: FigureWords | None = None) -> str:
    """A quiet span's length, rounded as a reader says it: 45 min, 18 h, 2 d 3 h."""
    w = words or FigureWords()
    minutes = round(seconds / 60)
    if minutes < 60:
        return w.pgettext("figure", "{minutes} min quiet").format(minutes=minutes)
    if minutes < 120:
        return w.pgettext("figure", "1 h {minutes} min quiet").format(minutes=f"{minutes - 60:02d}")
    hours = round(seconds / 3600)
    if hours < 48 or hours % 24 == 0:
        return (w.pgettext("figure", "{hours} h quiet").format(hours=hours) if hours < 48 else
                w.pgettext("figure", "{days} d quiet").format(days=hours // 24))
    return w.pgettext("figure", "{days} d {hours} h quiet").format(days=hours // 24, hours=hours % 24)


def _clock(seconds: float, words: FigureWords | None = None) -> str:
    """A tick label: time since STARTEX as 2:30, or on two lines "1 d" over
    "17:00" after the first day (narrow enough for the narrowest window)."""
    minutes = round(seconds / 60)
    days, rest = divmod(minutes, 1440)
    if not days:
        return f"{rest // 60}:{rest % 60:02d}"
    day = (words or FigureWords()).pgettext("figure", "{days} d").format(days=days)
    return f"{day}\n{rest // 60:02d}:{rest % 60:02d}"


_STEPS = [60.0 * m for m in (5, 10, 15, 30)] + [3600.0 * h for h in (1, 2, 3, 4, 6, 12)] + \
         [86400.0 * d for d in (1, 2, 5, 10, 20, 50)]


def _ticks(axis: Axis) -> list[float]:
    """Round times in each window, about one per inch of its drawn width; a
    window with room for one label gets one, at its middle."""
    from simex.report.figure_style import WIDTH_IN

    out = []
    for (lo, hi), (u0, u1) in zip(axis.spans, axis.places):
        room = round((u1 - u0) * WIDTH_IN * 1.4)
        if room <= 1:
            out.append(60.0 * round((lo + hi) / 120))
            continue
        step = next((s for s in _STEPS if (hi - lo) / s <= room), _STEPS[-1])
        first = -(-max(lo, 0.0) // step) * step
        out += [first + k * step for k in range(int((hi - first) // step) + 1)]
    return out


def draw_timeline(scenario: Scenario, events: list[Event], title: str = "", words: FigureWords | None = None):
    """One lane per agency: injects, actions, messages and missed deadlines
    over time, on a time axis broken where nothing happened for long
    (simex.report.timeline_axis)."""
    w = words or FigureWords()
    from matplotlib.lines import Line2D
    from matplotlib.patches import FancyArrowPatch

    agencies = [a.id for a in scenario.agencies]
    lane = {a: i for i, a in enumerate(reversed(agencies))}
    marks: dict[str, tuple[list[float], list[float]]] = {k: ([], []) for k in ("inject", "action", "missed")}
    sent = {e.message: e.t for e in events if isinstance(e, MessageSent)}
    arrows, busy = [], []
    for e in events:
        if isinstance(e, InjectDelivered):
            for a in e.to:
                if a in lane:
                    marks["inject"][0].append(e.t)
                    marks["inject"][1].append(lane[a] + 0.2)
        elif isinstance(e, ActionTaken) and e.agency in lane:
            marks["action"][0].append(e.t)
            marks["action"][1].append(lane[e.agency])
        elif isinstance(e, MessageDelivered) and e.sender in lane and e.recipient in lane:
            arrows.append((sent.get(e.message, e.t), lane[e.sender], e.t, lane[e.recipient]))
            busy.append(sent.get(e.message, e.t))
        elif isinstance(e, ExpectationOverdue) and e.who in lane:
            marks["missed"][0].append(e.t)
            marks["missed"][1].append(lane[e.who] - 0.2)
        else:
            continue
        busy.append(e.t)
    axis = Axis.of(busy)
    fig = figure(0.42 * len(agencies) + 1.5, w)
    ax = fig.add_subplot()
    ax.set_xscale("function", functions=(axis.position, axis.time))
    looks = {"inject": ("v", C["reddish_purple"], 45, w.pgettext("figure", "inject")),
             "action": ("o", C["blue"], 16, w.pgettext("figure", "action")),
             "missed": ("X", C["vermillion"], 45, w.pgettext("figure", "deadline missed"))}
    for kind, (xs, ys) in marks.items():
        marker, colour, size, _ = looks[kind]
        ax.scatter(xs, ys, marker=marker, s=size, color=colour, linewidths=0, zorder=3,
                   rasterized=len(xs) > RASTER_OVER)
    for t0, y0, t1, y1 in arrows:
        ax.add_patch(FancyArrowPatch((t0, y0), (t1, y1), arrowstyle="-|>", mutation_scale=9, color=C["orange"],
                                     lw=1.2, zorder=2, clip_on=True))
    for (lo, hi), (first, last) in zip(axis.cuts, axis.quiet):   # cut out, with how long nothing happened
        ax.axvspan(lo, hi, facecolor=C["pale"], edgecolor=C["grey"], hatch="///", lw=0.6, zorder=1)
        ax.text((lo + hi) / 2, len(agencies) - 0.5, _span_words(last - first, w), rotation=90, ha="center",
                va="top", zorder=4, bbox={"facecolor": C["white"], "edgecolor": "none", "pad": 1})
    ax.set_xlim(axis.spans[0][0], axis.spans[-1][1])
    ticks = _ticks(axis)
    ax.set_xticks(ticks, [_clock(t, w) for t in ticks])
    ax.set_yticks(range(len(agencies)), [w.show(a) for a in reversed(agencies)])
    ax.set_ylim(-0.6, len(agencies) - 0.4)
    ax.set_xlabel(w.pgettext("figure", "time since STARTEX (days d, hh:mm); hatched: quiet spans cut out of the axis"))
    ax.grid(axis="x")
    for i in range(len(agencies)):
        ax.axhline(i, color=C["light_grey"], lw=0.8, zorder=0)
    handles = [Line2D([], [], ls="", marker=m, color=c, ms=7, label=label) for m, c, _, label in looks.values()]
    handles.insert(2, Line2D([], [], color=C["orange"], marker=">", lw=1.2, ms=6,
                             label=w.pgettext("figure", "message")))
    fig.legend(handles=handles, loc="outside lower center", ncols=4, frameon=False)
    if title:
        ax.set_title(w.show(title))
    return fig


def swimlane(scenario: Scenario, events: list[Event], title: str = "", fmt: str = "svg",
             lang: str = "en") -> str | bytes:
    return _save(draw_timeline(scenario, events, title, words_for(lang)), fmt)


def draw_network(evaluation, scenario: Scenario, words: FigureWords | None = None):
    """Expected against observed links, each kind in its own colour AND line
    style; the source and the agencies never reached are named under their
    node, not only coloured."""
    import networkx as nx
    from matplotlib.lines import Line2D

    w = words or FigureWords()
    net = evaluation.network
    g = nx.DiGraph()
    g.add_nodes_from(net.agencies)
    pos = nx.circular_layout(sorted(net.agencies))
    fig = figure(5.6, w)
    ax = fig.add_subplot()
    kinds = {"used": (C["bluish_green"], "solid", w.pgettext("figure", "required, used")),
             "missing": (C["vermillion"], "dashed", w.pgettext("figure", "required, never used")),
             "extra": (C["orange"], "dashdot", w.pgettext("figure", "used, not required")),
             "channel": (C["grey"], "dotted", w.pgettext("figure", "channel only"))}
    for link in net.links:
        g.add_edge(link.sender, link.recipient)
        kind = ("used" if link.messages else "missing") if link.required else ("extra" if link.messages else "channel")
        colour, style, _ = kinds[kind]
        width = 1 + min(link.messages, 5) if link.messages else (2 if kind == "missing" else 1)
        nx.draw_networkx_edges(g, pos, edgelist=[(link.sender, link.recipient)], edge_color=colour, style=style,
                               width=width, ax=ax, arrows=True, arrowsize=12, connectionstyle="arc3,rad=0.12",
                               node_size=1800)
    reach = {r.agency: r for r in net.reach}
    unreached = {a for a in g.nodes if reach.get(a) and reach[a].t is None and a != net.source}
    colours = [C["yellow"] if a == net.source else (C["pale"] if a in unreached else C["white"]) for a in g.nodes]
    nx.draw_networkx_nodes(g, pos, node_color=colours, edgecolors=C["dark_grey"], node_size=1800, ax=ax,
                           linewidths=[2.5 if a == net.source else 1 for a in g.nodes])
    source, not_reached = w.pgettext("figure", "(source)"), w.pgettext("figure", "(not reached)")
    labels = {a: w.show(a) + (f"\n{source}" if a == net.source else f"\n{not_reached}" if a in unreached else "")
              for a in g.nodes}
    nx.draw_networkx_labels(g, pos, labels=labels, font_size=9, font_family=list(w.fonts), ax=ax)
    fig.legend(handles=[Line2D([], [], color=c, lw=2, ls=s, label=label) for c, s, label in kinds.values()],
               loc="outside lower center", ncols=2, frameon=False)
    ax.axis("off")
    ax.margins(0.15)
    return fig


def network(evaluation, scenario: Scenario, fmt: str = "svg", lang: str = "en") -> str | bytes:
    return _save(draw_network(evaluation, scenario, words_for(lang)), fmt)


def _status_words(w: FigureWords) -> dict[str, str]:
    """Each status's name in a legend or column head (figure_style.STATUS says how it looks)."""
    return {"on_time": w.pgettext("figure", "on time"), "late": w.pgettext("figure", "late"),
            "missed": w.pgettext("figure", "missed"), "overdue": w.pgettext("figure", "overdue"),
            "open": w.pgettext("figure", "open")}


def draw_delays(evaluation, words: FigureWords | None = None):
    """One row per doctrine expectation, however many times it was
    triggered: the delays of its fulfilled instances as a share of the
    deadline (1 = the deadline), drawn as a box (middle half), whiskers
    (fastest to slowest) and a median tick, each instance as a mark when
    there are few; at the right, how many instances were on time, late,
    missed and open."""
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    w = words or FigureWords()
    named = _status_words(w)
    rows: dict[str, list] = {}
    for r in evaluation.score.results:
        rows.setdefault(r.expectation, []).append(r)
    names = list(rows)
    fig = figure(0.3 * len(names) + 1.6, w)
    ax, counts = fig.subplots(1, 2, sharey=True, width_ratios=[3.2, 1.8])
    ratios = {n: [r.delay / r.within for r in rs if r.delay is not None and r.within] for n, rs in rows.items()}
    longest = max((max(v) for v in ratios.values() if v), default=1.0)
    cap = min(max(2.0, longest * 1.05), 4.0)
    # Overdue only in a report taken before ENDEX: a column only when it has a count.
    statuses = [s for s in ("on_time", "late", "missed", "overdue", "open")
                if s != "overdue" or any(r.status == s for r in evaluation.score.results)]
    for i, name in enumerate(names):
        y = len(names) - 1 - i
        values = sorted(ratios[name])
        if len(values) >= BOX_FROM:
            q1, med, q3 = (_quantile(values, q) for q in (0.25, 0.5, 0.75))
            ax.hlines(y, values[0], min(values[-1], cap), color=C["dark_grey"], lw=1, zorder=2)
            ax.barh(y, q3 - q1, left=q1, height=0.55, color=C["sky_blue"], edgecolor=C["dark_grey"], lw=0.8, zorder=3)
            ax.vlines(med, y - 0.3, y + 0.3, color=C["black"], lw=2, zorder=4)
        if values and values[-1] > cap:    # cut at the axis end, with the longest delay written
            ax.text(cap, y + 0.15, f"{w.number(values[-1], '0.0')}×", ha="right", va="bottom", zorder=5)
        if rows[name] and any(r.status == "missed" for r in rows[name]):   # never done: at the right edge
            look = STATUS["missed"]
            ax.scatter([cap], [y], marker=look.marker, s=60, color=look.colour, clip_on=False, zorder=5)
        if values and len(values) <= POINTS_UP_TO:
                for status in ("on_time", "late"):
                    look = STATUS[status]
                    xs = [min(r.delay / r.within, cap) for r in rows[name] if r.status == status and r.within]
                    ax.scatter(xs, [y] * len(xs), marker=look.marker, s=28, color=look.colour,
                               edgecolors=C["dark_grey"], linewidths=0.5, zorder=5)
        tally = {s: sum(1 for r in rows[name] if r.status == s) for s in statuses}
        for j, status in enumerate(statuses):
            if tally[status]:
                counts.text(j, y, w.number(tally[status]), ha="center", va="center",
                            fontweight="bold" if status in ("missed", "overdue") else "normal")
    ax.axvline(1.0, color=C["black"], lw=1.5, ls="--", zorder=1)
    ax.text(1.0, len(names) - 0.45, " " + w.pgettext("figure", "deadline"), va="bottom", ha="left")
    ax.set_xlim(0, cap)
    ax.set_ylim(-0.6, len(names) - 0.4 + 0.5)
    ax.set_yticks(range(len(names)), [w.show(n) for n in reversed(names)])
    ax.set_xlabel(w.pgettext("figure", "delay after the trigger ÷ deadline"))
    ax.xaxis.set_major_formatter(lambda value, _: w.number(value, "0.0#"))   # 0,25 in French
    ax.grid(axis="x")
    counts.set_xlim(-0.5, len(statuses) - 0.5)
    counts.xaxis.tick_top()
    counts.set_xticks(range(len(statuses)), [named[s] for s in statuses], rotation=90)
    counts.tick_params(left=False, top=False)
    counts.set_xlabel(w.pgettext("figure", "instances"))
    for side in counts.spines.values():
        side.set_visible(False)
    for j in range(1, len(statuses), 2):
        counts.axvspan(j - 0.5, j + 0.5, color=C["pale"], zorder=0)
    one = {"on_time": w.pgettext("figure", "one instance, on time"), "late": w.pgettext("figure", "one instance, late")}
    fig.legend(handles=[Patch(facecolor=C["sky_blue"], edgecolor=C["dark_grey"],
                              label=w.pgettext("figure", "middle half of the delays")),
                        Line2D([], [], color=C["black"], lw=2, label=w.pgettext("figure", "median")),
                        *(Line2D([], [], ls="", marker=STATUS[s].marker, color=STATUS[s].colour, ms=6,
                                 markeredgecolor=C["dark_grey"], label=one[s])
                          for s in ("on_time", "late")),
                        Line2D([], [], ls="", marker=STATUS["missed"].marker, color=STATUS["missed"].colour, ms=7,
                               label=w.pgettext("figure", "missed (never done), at the right edge"))],
               loc="outside lower center", ncols=2, frameon=False)
    return fig


def _quantile(values: list[float], q: float) -> float:
    """Linear interpolation between order statistics (numpy's default)."""
    at = q * (len(values) - 1)
    lo = int(at)
    hi = min(lo + 1, len(values) - 1)
    return values[lo] + (values[hi] - values[lo]) * (at - lo)


def delays(evaluation, fmt: str = "svg", lang: str = "en") -> str | bytes:
    return _save(draw_delays(evaluation, words_for(lang)), fmt)


def draw_compare(labels: list[str], summaries: list[dict], words: FigureWords | None = None):
    """Stacked expectation outcomes per exercise (each status with its own
    hatching and its count written in), with the mean objective rating
    (P=3 ... U=0) as a diamond on the right-hand scale."""
    from matplotlib.artist import setp

    w = words or FigureWords()
    named = _status_words(w)
    labels = [w.show(label) for label in labels]
    fig = figure(4.2, w)
    ax = fig.add_subplot()
    bottom = [0] * len(labels)
    for status in ("on_time", "late", "missed", "open"):
        look = STATUS[status]
        values = [s.get(status, 0) for s in summaries]
        bars = ax.bar(labels, values, bottom=bottom, color=look.colour, hatch=look.hatch, edgecolor=C["dark_grey"],
                      lw=0.6, label=named[status])
        ax.bar_label(bars, labels=[w.number(v) if v else "" for v in values], label_type="center",
                     bbox={"facecolor": C["white"], "edgecolor": "none", "pad": 1})
        bottom = [b + v for b, v in zip(bottom, values)]
    ax.set_ylim(0, max([1, *bottom]) * 1.12)   # headroom: the tallest bar ends inside the axes
    ax.set_ylabel(w.pgettext("figure", "doctrine expectations"))
    ax2 = ax.twinx()
    points = [s.get("rating_points") for s in summaries]
    ax2.plot(labels, [p if p is not None else float("nan") for p in points], ls="", marker="D", ms=9,
             color=C["black"], label=w.pgettext("figure", "mean objective rating"))
    ax2.set_ylim(0, 3.36)
    ax2.set_yticks([0, 1, 2, 3], ["U", "M", "S", "P"])
    ax2.set_ylabel(w.pgettext("figure", "mean objective rating"))
    handles, names = ax.get_legend_handles_labels()
    more, more_names = ax2.get_legend_handles_labels()
    fig.legend(handles + more, names + more_names, loc="outside lower center", ncols=5, frameon=False)
    if len(labels) > 3:
        setp(ax.get_xticklabels(), rotation=20, ha="right")
    return fig


def compare(labels: list[str], summaries: list[dict], fmt: str = "svg", lang: str = "en") -> str | bytes:
    return _save(draw_compare(labels, summaries, words_for(lang)), fmt)
