"""`simex scenarios`: the scenario library that ships with simex.

Any command that takes a SCENARIO also takes one of these names
(`simex play border-detection`); `--path` prints the folder, e.g. to copy a
scenario as the start of a new one (the JSON Schema for editors is there too).
"""
from __future__ import annotations

import argparse
import sys

from simex.commands._lang import messages


def add_parser(sub) -> None:
    p = sub.add_parser("scenarios", help="list the scenarios that ship with simex",
                       description="List the bundled scenarios; use a name wherever a SCENARIO file is asked for.")
    p.add_argument("--path", action="store_true", help="print the folder that holds them (and simex.schema.json)")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from simex.library_index import bundled, library_dir
    from simex.scenario.loader import ScenarioError, load_scenario
    from simex.scenario.text import tr

    if args.path:
        print(library_dir())
        return 0
    for name, path in bundled().items():
        try:
            title = tr(load_scenario(path).exercise.title)
        except ScenarioError as exc:  # a damaged installation: say so, list the rest
            title = "(" + messages().gettext("cannot be read: {reason}").format(reason=exc.text(messages())) + ")"
        print(f"{name:<24} {title}")
    sys.stdout.flush()
    print("\n" + messages().gettext("`simex play NAME` opens one; `simex scenarios --path` shows where they are."),
          file=sys.stderr)
    return 0
