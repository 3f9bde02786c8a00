"""`simex lint SCENARIO`: dry runs that warn about what a workshop would
discover too late: objectives never (or always) met, injects that never
fire, agencies left idle. Exit 0 with warnings printed (they are advice);
1 when the file has errors and cannot run (see `simex validate`).

Only argparse at import time: `simex --help` imports every command."""
from __future__ import annotations

import argparse
import sys

from simex.commands._lang import messages
from simex.library_index import scenario_argument


def add_parser(sub) -> None:
    p = sub.add_parser("lint", help="dry-run a scenario and warn about objectives, injects and idle agencies",
                       description="Run SCENARIO --runs times with bots following doctrine and --runs times "
                                   "with weak bots, and warn about objectives never or always met, injects "
                                   "that never fire and agencies that never act, send or receive.")
    p.add_argument("scenario", type=scenario_argument, help="scenario file, or the name of a bundled one")
    p.add_argument("--runs", "--dry-run", type=int, default=50, metavar="N",
                   help="runs per bot profile (default 50)")
    p.add_argument("--seed", type=int, help="base seed (default: the scenario's)")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from simex.batch.lint import dry_run
    from simex.scenario.loader import check_file
    from simex.scenario.problems import format_text, summary

    t = messages()
    _ = t.gettext
    if args.runs < 1:
        print("simex lint: " + _("--runs must be at least 1"), file=sys.stderr)
        return 2
    scenario, problems = check_file(args.scenario)
    if scenario is None:
        print(format_text(problems, t=t), file=sys.stderr)
        print(f"{args.scenario}: " + _("has errors, so it cannot be dry-run; fix them first (simex validate)"),
              file=sys.stderr)
        return 1
    text = args.scenario.read_text(encoding="utf-8-sig")
    seed = scenario.exercise.seed if args.seed is None else args.seed
    warnings = dry_run(text, args.runs, seed, str(args.scenario))
    if warnings:
        print(format_text(warnings, t=t))
    print(summary(str(args.scenario), warnings, t=t) + " " + t.ngettext(
        "from {n} dry run", "from {n} dry runs", 2 * args.runs).format(n=2 * args.runs))
    return 0
