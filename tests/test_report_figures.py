"""Figures a reader can read (issue 12): the timeline gives the width to where
play happened, the compare chart keeps its tallest bar inside, figures are
numbered in order with the same captions in Markdown, HTML and Word, labels
print at 9 pt or more, colours come from a colour-blind-safe palette and
never carry meaning alone, and the delays figure has one row per
expectation. Each test reads what the figure draws (matplotlib objects or
the saved SVG), not how long it takes."""
from __future__ import annotations

import io
import re
from functools import lru_cache

import pytest

from simex.engine.exercise import Exercise
from simex.events import ActionTaken, ExpectationOverdue, InjectDelivered, MessageDelivered
from simex.report import build_report, figures
from simex.report.figure_style import MIN_FONT_PT, OKABE_ITO, STATUS
from simex.report.timeline_axis import Axis, windows
from simex.scenario.loader import load_scenario
from simex.scoring import evaluate
from tests.conftest import BORDER, ROOT

RDD = ROOT / "scenarios" / "rdd-response.yaml"
H = 3600.0
PRINTED_WIDTH_PT = 180 / 25.4 * 72     # A4 less 15 mm margins, as the HTML and Word reports print


@lru_cache(maxsize=None)
def played(path, bots: str):
    scenario = load_scenario(path)
    ex = Exercise(scenario, bots=bots, bot_agencies=tuple(a.id for a in scenario.agencies))
    ex.run_to_end()
    return scenario, list(ex.events)


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    import matplotlib.pyplot as plt

    plt.close("all")


def test_quiet_spans_are_cut_out_of_the_time_axis():
    """Play in the first two hours of a 3.5-day exercise and one message on
    day three: two windows, the quiet 78 hours cut, and the first two hours
    get most of the width."""
    times = [0, 0.2 * H, 0.5 * H, 1.1 * H, 2 * H, 80 * H]
    assert windows(times) == [(0.0, 2 * H), (80 * H, 80 * H)]
    axis = Axis.of(times)
    assert axis.quiet == ((2 * H, 80 * H),)
    assert axis.position(2 * H) - axis.position(0) > 0.75
    assert [round(float(axis.time(axis.position(t)))) for t in times] == [round(t) for t in times]


def test_short_lulls_are_not_cut():
    """Border detection: six hours of steady play, no break in the axis."""
    scenario, events = played(str(BORDER), "doctrine")
    fig = figures.draw_timeline(scenario, events)
    assert not [t for t in fig.axes[0].texts if "quiet" in t.get_text()]


def test_rdd_timeline_gives_the_busy_hours_the_width():
    """rdd-response (weak bots): three-quarters of what happens is in the
    first hours of a 3.5-day exercise. On a linear axis those took 7 % of
    the width; now at least a fifth, every event is inside the axis, and each
    cut says how long nothing happened."""
    scenario, events = played(str(RDD), "weak")
    fig = figures.draw_timeline(scenario, events)
    ax = fig.axes[0]
    xs = sorted(float(x) for c in ax.collections for x, _ in c.get_offsets())
    lo, hi = ax.get_xlim()
    assert lo <= xs[0] and xs[-1] <= hi
    to_axis = ax.transScale + ax.transLimits      # data -> 0..1 across the axes
    width = lambda t: float(to_axis.transform((t, 0))[0])   # noqa: E731
    assert width(xs[3 * len(xs) // 4]) - width(0.0) >= 0.2
    labels = [t.get_text() for t in ax.texts if "quiet" in t.get_text()]
    assert labels and all(re.fullmatch(r"(\d+ d )?\d+ h( \d\d min)? quiet|\d+ min quiet", s) for s in labels)
    drawn = (ActionTaken, ExpectationOverdue, InjectDelivered, MessageDelivered)
    assert hi >= max(e.t for e in events if isinstance(e, drawn))   # the last thing drawn is on the axis


def test_compare_chart_keeps_its_tallest_bar_and_legend_clear():
    summaries = [{"on_time": 27, "rating_points": 3.0},
                 {"on_time": 7, "late": 12, "missed": 6, "open": 1, "rating_points": 0.75}]
    fig = figures.draw_compare(["doctrine", "weak"], summaries)
    ax = fig.axes[0]
    tops = [bar.get_y() + bar.get_height() for bar in ax.patches]
    assert max(tops) == 27 and max(tops) < ax.get_ylim()[1]
    fig.canvas.draw()
    legend = fig.legends[0].get_window_extent()
    assert not legend.overlaps(ax.get_window_extent())        # no legend over the bars


def test_delays_figure_has_one_row_per_expectation():
    scenario, events = played(str(BORDER), "weak")
    ev = evaluate(scenario, events)
    expectations = list(dict.fromkeys(r.expectation for r in ev.score.results))
    assert len(expectations) < len(ev.score.results)          # some were triggered many times
    fig = figures.draw_delays(ev)
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.get_yticklabels()] == list(reversed(expectations))
    counts = fig.axes[1]        # per row, how many instances had each status
    shown = sum(int(t.get_text()) for t in counts.texts)
    assert shown == len(ev.score.results)


def _figure_captions_md(md: str) -> list[str]:
    return re.findall(r"^\*(Figure \d+\. .*)\*$", md, flags=re.M)


def test_figures_are_numbered_in_order_in_markdown_html_and_word():
    import docx

    scenario, events = played(str(BORDER), "weak")
    md = build_report(scenario, events, fmt="md")
    html = build_report(scenario, events, fmt="html")
    document = docx.Document(io.BytesIO(build_report(scenario, events, fmt="docx")))
    in_md = _figure_captions_md(md)
    in_html = re.findall(r"<figcaption>(.*?)</figcaption>", html)
    in_word = [p.text for p in document.paragraphs if p.style.name == "Caption" and p.text.startswith("Figure ")]
    assert [int(c.split()[1].rstrip(".")) for c in in_md] == [1, 2, 3]
    assert in_md == in_html == in_word
    assert html.count("<svg") == 3


def _all_figures():
    scenario, events = played(str(BORDER), "weak")
    ev = evaluate(scenario, events)
    yield "timeline", lambda fmt: figures.swimlane(scenario, events, fmt=fmt), \
        lambda: figures.draw_timeline(scenario, events)
    yield "delays", lambda fmt: figures.delays(ev, fmt=fmt), lambda: figures.draw_delays(ev)
    yield "network", lambda fmt: figures.network(ev, scenario, fmt=fmt), lambda: figures.draw_network(ev, scenario)
    summaries = [ev.summary(), ev.summary()]
    yield "compare", lambda fmt: figures.compare(["a", "b"], summaries, fmt=fmt), \
        lambda: figures.draw_compare(["a", "b"], summaries)


@pytest.mark.parametrize("name", ["timeline", "delays", "network", "compare"])
def test_labels_print_at_9_pt_or_more(name):
    """The SVG is drawn at most as wide as the printed text (so it is never
    scaled down on paper) and its every text is 9 pt or more; the Word
    picture is inserted at the size drawn."""
    save = next(save for n, save, _ in _all_figures() if n == name)
    svg = save("svg")
    width = re.match(r'<svg[^>]*width="([\d.]+)pt"', svg)
    assert width and float(width[1]) <= PRINTED_WIDTH_PT
    sizes = [float(s) for s in re.findall(r"font-size: ([\d.]+)px", svg)]
    assert sizes and min(sizes) >= MIN_FONT_PT


def _colours(fig) -> set[str]:
    from matplotlib.colors import to_hex, to_rgba_array

    found = set()
    for artist in fig.findobj():
        for getter in ("get_color", "get_facecolor", "get_edgecolor", "get_markerfacecolor", "get_markeredgecolor"):
            get = getattr(artist, getter, None)
            try:
                values = to_rgba_array(get()) if get else []
            except (TypeError, ValueError):
                continue
            found |= {to_hex(c) for c in values if c[3] > 0}
    return found


@pytest.mark.parametrize("name", ["timeline", "delays", "network", "compare"])
def test_colours_come_from_the_okabe_ito_palette_or_greys(name):
    draw = next(draw for n, _, draw in _all_figures() if n == name)
    safe = {c.lower() for c in OKABE_ITO.values()}
    unsafe = {c for c in _colours(draw()) if c not in safe and not (c[1:3] == c[3:5] == c[5:7])}
    assert unsafe == set()


def test_statuses_differ_by_more_than_colour():
    """Printed in grey, or read by a colour-blind reader, each status still
    has its own marker, and the stacked bars their own hatching."""
    markers = [look.marker for look in STATUS.values()]
    assert len(set(markers)) == len(markers)
    bars = [STATUS[s].hatch for s in ("on_time", "late", "missed", "open")]
    assert len(set(bars)) == 4                                     # the stacked compare bars
    scenario, events = played(str(BORDER), "weak")
    fig = figures.draw_network(evaluate(scenario, events), scenario)
    styles = {str(h.get_linestyle()) for h in fig.legends[0].get_lines()}
    assert len(styles) == 4                                        # each kind of link its own line style
