"""`simex branch JOURNAL --at T -o NEW`: rewind an exercise to a moment and
play on from there in a new journal (simex/branch.py). The original journal
is only read."""
from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from simex.commands._args import new_file
from simex.commands._help import parser_words as _
from simex.commands._lang import told


def _time(text: str) -> float:
    from simex.durations import parse_time

    try:
        return parse_time(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _command(text: str) -> int:
    match = re.fullmatch(r"[Cc]?(\d+)", text.strip())
    if not match or int(match.group(1)) < 1:
        raise argparse.ArgumentTypeError(_("expected a command number like C17, got {text}").format(text=repr(text)))
    return int(match.group(1))


def add_parser(sub) -> None:
    p = sub.add_parser("branch", help="rewind a journal to a moment and play on from there in a new one",
                       description="Write a new journal holding JOURNAL up to scenario time T (verified by "
                                   "replay), to continue with `simex play --resume NEW` or `simex serve "
                                   "--resume NEW`. JOURNAL itself is never changed.")
    p.add_argument("journal", type=Path)
    where = p.add_mutually_exclusive_group(required=True)
    where.add_argument("--at", type=_time, metavar="T",
                       help="scenario time to branch at: 02:30:00, T+02:30:00 or 2h30m (everything before it is kept)")
    where.add_argument("--at-command", type=_command, metavar="C",
                       help="branch just before command C (C17: the 17th command, as `simex journal show` "
                            "numbers them); commands at the same time are left out too")
    p.add_argument("-o", "--output", type=new_file, required=True, metavar="NEW",
                   help="the new journal (never overwritten)")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from simex.branch import branch, command_time, describe
    from simex.commands._lang import message_language
    from simex.journal import JournalError

    try:
        at = args.at if args.at is not None else command_time(args.journal, args.at_command)
        print(describe(branch(args.journal, at, args.output), message_language()))
    except JournalError as exc:
        print(f"simex branch: {told(exc)}", file=sys.stderr)
        return 1
    return 0
