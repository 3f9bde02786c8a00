"""`simex replay`: rebuild an exercise from its journal and verify that every
recorded event is reproduced exactly. Exit 0: verified (warnings, such as a
skipped command an older simex could not run, go to stderr); 1: a difference,
with how many entries are verified; 2: not a journal that can be replayed."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from simex.commands._lang import messages, told


def add_parser(sub) -> None:
    p = sub.add_parser("replay", help="verify a journal by replaying its commands",
                       description="Rebuild the exercise from the journal's scenario and commands and "
                                   "check that the replayed events equal the recorded ones.")
    p.add_argument("journal", type=Path)
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from simex.journal import JournalError
    from simex.replay import replay

    try:
        report = replay(args.journal)
    except JournalError as exc:
        print(f"simex replay: {told(exc)}", file=sys.stderr)
        return 2
    from simex.words import said

    t = messages()
    _ = t.gettext
    for warning in report.said_warnings:
        print(f"simex replay: {args.journal}: " + _("warning: {warning}").format(warning=said(warning, t)),
              file=sys.stderr)
    print(f"{args.journal}: {said(report.said, t)}")
    if not report.ok:
        print(f"{args.journal}: " + _("{verified} of {total} entries verified").format(
            verified=report.verified, total=report.total))
    return 0 if report.ok else 1
