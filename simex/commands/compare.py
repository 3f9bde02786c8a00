"""`simex compare JOURNAL...`: several exercises of the same scenario (four
regional workshops, or one workshop's runs) side by side: headline metrics,
objective ratings and a figure. Heavy imports happen inside `run`."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from simex.choices import LANGUAGES
from simex.commands._lang import messages, told


def add_parser(sub) -> None:
    p = sub.add_parser("compare", help="compare several exercises of the same scenario",
                       description="Compare the journals of several exercises of the same scenario "
                                   "(journals of different scenarios are refused).")
    p.add_argument("journals", type=Path, nargs="+")
    p.add_argument("--format", choices=("md", "html"), help="output format (default: from -o's suffix, else md)")
    p.add_argument("-o", "--output", type=Path, help="file to write (default: standard output)")
    p.add_argument("--lang", choices=LANGUAGES, help="language (default: the exercise's first language)")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from simex.journal import JournalError
    from simex.languages import translator
    from simex.report import from_journal
    from simex.report.compare import render_comparison
    from simex.scoring.evaluation import evaluate

    translator(args.lang or "en")   # the comparison's catalog is checked before any work
    words = messages(args.lang)
    fmt = args.format or ("html" if args.output and args.output.suffix.lower() in (".html", ".htm") else "md")
    runs = []
    for path in args.journals:
        try:
            scenario, events, _ = from_journal(path)
        except JournalError as exc:
            print(f"simex compare: {told(exc, args.lang)}", file=sys.stderr)
            return 1
        runs.append((path.stem, scenario, evaluate(scenario, events, args.lang)))
    ids = {s.exercise.id for _, s, _ in runs}
    if len(ids) > 1:
        # Objective ids, expectations and deadlines mean different things in
        # different scenarios: lining them up would compare unrelated things.
        which = "; ".join(f"{path.name}: {s.exercise.id}" for path, (_, s, _) in zip(args.journals, runs))
        print("simex compare: " + words.gettext(
            "these journals are of different scenarios ({which}); compare runs of one scenario, or write each "
            "one's report with simex report").format(which=which), file=sys.stderr)
        return 2
    text = render_comparison([(label, ev) for label, _, ev in runs], fmt)
    if fmt == "html" and runs:   # the page says it too, above its figure
        from simex.report.figure_text import figure_warnings

        for warning in figure_warnings(runs[0][2].lang):
            print(f"simex compare: {warning}", file=sys.stderr)
    if args.output:
        args.output.write_text(text, encoding="utf-8")
        print(words.gettext("comparison: {path}").format(path=args.output), file=sys.stderr)
    else:
        sys.stdout.write(text)
    return 0
