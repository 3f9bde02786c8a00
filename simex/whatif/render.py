"""The side-by-side model (simex.whatif.outcome) as Markdown, HTML with one
figure, or JSON. Content is decided once as report blocks
(simex.report.blocks), so Markdown and HTML never say different things."""
from __future__ import annotations

import json

from simex.durations import format_clock, format_duration
from simex.languages import translator
from simex.report.blocks import Block, Bullets, Figure, Heading, Para, Table, number_figures
from simex.whatif.outcome import RATINGS, STATUSES, percent, status_words


def to_json(model: dict) -> str:
    return json.dumps(model, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def _delay(stats: dict) -> str:
    if stats["median"] is None:
        return ""
    if stats["runs"] == 1 or stats["p5"] == stats["p95"]:
        return format_duration(stats["median"])
    return f"{format_duration(stats['median'])} [{format_duration(stats['p5'])} .. {format_duration(stats['p95'])}]"


def _status_cell(side: dict, n: int, lang: str) -> str:
    if n == 1:
        (status, _), = side["status"].items()
        delay = _delay(side["delay"])
        return status_words(status, lang) + (f", {delay}" if delay else "")
    parts = [f"{status_words(s, lang)} {percent(side['status'][s])}" for s in STATUSES if s in side["status"]]
    delay = _delay(side["delay"])
    return ", ".join(parts) + (f"; {delay}" if delay else "")


def _rating_cell(shares: dict, n: int) -> str:
    if n == 1:
        (rating, _), = shares.items()
        return "—" if rating == "none" else rating
    return ", ".join(f"{'—' if r == 'none' else r} {percent(shares[r])}" for r in RATINGS if r in shares)


def _number(value, measure: str) -> str:
    if value is None:
        return "—"
    if measure.endswith("wait_max"):
        return format_duration(value)
    return f"{value:g}"


def _world_cell(stats: dict, measure: str, n: int) -> str:
    if n == 1 or stats["p5"] == stats["p95"]:
        return _number(stats["median"], measure)
    return f"{_number(stats['median'], measure)} [{_number(stats['p5'], measure)} .. {_number(stats['p95'], measure)}]"


def runs(t, n: int) -> str:
    """One run replays the world as it was; several draw it anew: two
    sentences, not two plural forms of one (Russian says "21 прогон")."""
    if n == 1:
        return t.gettext("one run, in the world as it was")
    return t.ngettext("{n} run, the world drawn anew after the change in each (the same draws with and without it)",
                      "{n} runs, the world drawn anew after the change in each (the same draws with and without it)",
                      n).format(n=n)


def blocks(model: dict, lang: str = "en") -> list[Block]:
    t = translator(lang)
    n = model["replications"]
    several = n > 1
    heads = [t.gettext("Exercise"), t.gettext("What if")] + ([t.gettext("Without the change")] if several else [])
    then = (t.gettext("the recorded commands that still apply") if model["then"] == "recorded"
            else t.gettext("bots, for every agency"))
    out: list[Block] = [
        Heading(1, t.gettext("What if: {title}").format(title=model["title"])),
        Para(t.gettext("Journal {journal}, scenario {scenario}, seed {seed}. From {start} on, the exercise is "
                       "played by {then}; {runs}.").format(
            journal=model["journal"], scenario=model["scenario"], seed=model["seed"], start=model["from_clock"],
            then=then, runs=runs(t, n))),
        Heading(2, t.gettext("Changes")), Bullets(list(model["changes"])),
        Heading(2, t.gettext("Summary")), Bullets(list(model["summary"])),
    ]
    if model["skipped"]:
        rows = [[s["command"], s["what"], s["reason"]] + ([f"{s['runs']}/{n}"] if several else [])
                for s in model["skipped"]]
        out += [Heading(2, t.gettext("Commands that no longer apply (skipped)")),
                Table([t.gettext("Command"), t.gettext("As recorded"), t.gettext("Why it was skipped")]
                      + ([t.gettext("Runs")] if several else []), rows)]
    if model["then"] == "bots" and model["decisions_by_bots"]:
        out.append(Para(t.ngettext("{n} recorded decision after the change was left to the bots.",
                                   "{n} recorded decisions after the change were left to the bots.",
                                   model["decisions_by_bots"]).format(n=model["decisions_by_bots"]), cls="note"))
    if model["left_out"]:
        out.append(Para(t.gettext("Left out, as judgements of the exercise as played rather than decisions: "
                                  "{ids}.").format(ids=", ".join(model["left_out"])), cls="note"))
    rows = []
    for o in model["objectives"]:
        was = o["exercise"]
        shown = was["suggested"] or "—"
        if was["final"] and was["final"] != was["suggested"]:
            shown += " " + t.gettext("(evaluators: {rating})").format(rating=was["final"])
        rows.append([f"{o['id']} {o['title']}", shown, _rating_cell(o["whatif"], n)]
                    + ([_rating_cell(o["played"], n)] if several else []))
    out += [Heading(2, t.gettext("Objectives (suggested ratings)")),
            Table([t.gettext("Objective"), *heads], rows)]
    rows = []
    for e in model["expectations"]:
        was = {"status": {e["exercise"]["status"]: 1.0},
               "delay": {"runs": 1, "median": e["exercise"]["delay"], "p5": None, "p95": None}}
        rows.append([f"{e['id']} {e['title']}", _status_cell(was, 1, lang), _status_cell(e["whatif"], n, lang)]
                    + ([_status_cell(e["played"], n, lang)] if several else []))
    out += [Heading(2, t.gettext("Expectations (status, delay after the trigger)")),
            Table([t.gettext("Expectation"), *heads], rows)]
    if several:
        out.append(Para(t.gettext("Delays: median [5th .. 95th percentile] over the runs where it was met."),
                        cls="note"))
    if model["world"]:
        rows = [[w["measure"], _number(w["exercise"], w["measure"]), _world_cell(w["whatif"], w["measure"], n)]
                + ([_world_cell(w["played"], w["measure"], n)] if several else []) for w in model["world"]]
        out += [Heading(2, t.gettext("The world")), Table([t.gettext("Measure"), *heads], rows)]
    else:
        out += [Heading(2, t.gettext("The world")),
                Para(t.gettext("Every world measure is the same as in the exercise."))]
    out.append(Figure(t.gettext("Expectations the change affects: status in the exercise and share of runs "
                                "in the what-if"), lambda fmt: figure(model, fmt, lang)))
    return number_figures(out, t.gettext("Figure"))


def changed_expectations(model: dict) -> list[dict]:
    """Those whose status differs from the exercise (or, over several runs,
    from the runs without the change); all triggered ones if none do."""
    n = model["replications"]
    moved = [e for e in model["expectations"]
             if e["whatif"]["status"] != ({e["exercise"]["status"]: 1.0} if n == 1 else e["played"]["status"])]
    return moved or [e for e in model["expectations"] if e["exercise"]["status"] != "not_triggered"][:8]


def figure(model: dict, fmt: str, lang: str = "en"):
    """Stacked bars, two per expectation (exercise, what-if): the share of
    runs in each status, each status with its own colour and hatching."""
    from simex.report.figure_style import C, STATUS, figure as new_figure
    from simex.report.figures import _save

    t = translator(lang)
    chosen = changed_expectations(model)[:12]
    fig = new_figure(1.2 + (0.8 if model["replications"] > 1 else 0.55) * max(1, len(chosen)))
    ax = fig.add_subplot()
    labels, bars = [], []
    several = model["replications"] > 1
    for e in chosen:
        labels += [f"{e['id']} · {t.gettext('exercise')}", f"{e['id']} · {t.gettext('what if')}"]
        bars += [{e["exercise"]["status"]: 1.0}, e["whatif"]["status"]]
        if several:
            labels.append(f"{e['id']} · {t.gettext('without the change')}")
            bars.append(e["played"]["status"])
    y = list(range(len(labels)))[::-1]
    left = [0.0] * len(labels)
    shown = [s for s in STATUSES if any(b.get(s) for b in bars)]
    for status in shown:
        look = STATUS.get(status) or _not_triggered_look()
        widths = [100 * b.get(status, 0.0) for b in bars]
        ax.barh(y, widths, left=left, color=look.colour, hatch=look.hatch, edgecolor=C["dark_grey"], lw=0.6,
                label=status_words(status, lang))
        left = [a + w for a, w in zip(left, widths)]
    ax.set_yticks(y, labels)
    ax.set_xlim(0, 100)
    ax.set_xlabel(t.gettext("share of runs (%)"))
    ax.legend(loc="lower center", bbox_to_anchor=(0.5, 1.0), ncol=len(shown), frameon=False)
    return _save(fig, fmt)


def _not_triggered_look():
    from simex.report.figure_style import C, Look

    return Look(C["light_grey"], "s", "xx", "never triggered")


def render(model: dict, fmt: str = "md", lang: str = "en") -> str:
    if fmt == "json":
        return to_json(model)
    from simex.report import html, markdown

    bs = blocks(model, lang)
    t = translator(lang)
    if fmt == "md":
        return markdown.render(bs, t.gettext("The figure is in the HTML output (--format html)."))
    if fmt == "html":
        return html.render(bs, t.gettext("What if: {title}").format(title=model["title"]), lang)
    raise ValueError(f"unknown format {fmt!r}; use md, html or json")
