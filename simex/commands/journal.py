"""`simex journal export JOURNAL OUT`: one self-contained copy of a journal,
to move it to another laptop (the journal file alone may miss its newest
entries, which sit in the -wal file beside it until it is closed).
`simex journal show JOURNAL`: its header and its numbered commands.
`simex journal commands JOURNAL`: its commands, numbered C1, C2... as
`simex whatif` refers to them."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from simex.commands._lang import told


def add_parser(sub) -> None:
    p = sub.add_parser("journal", help="copy a journal into one file, or list its numbered commands",
                       description="Work with a journal file.")
    actions = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    e = actions.add_parser("export", help="write one self-contained copy of a journal",
                           description="Write one file holding the whole journal, including the entries "
                                       "still in its -wal file (after a crash, or while the exercise runs), "
                                       "to copy to another laptop. Replay and resume the copy as the original.")
    e.add_argument("journal", type=Path)
    e.add_argument("output", type=Path, help="the file to write (never overwritten)")
    e.add_argument("--accept-loss", action="store_true",
                   help="export even though the -wal file is missing or the end is gone: the copy holds "
                        "what is left, is sealed as such and says so")
    e.set_defaults(run=run_export)
    s = actions.add_parser("show", help="what a journal holds: its exercise, its parent if a branch, its commands",
                           description="Print a journal's header (scenario, seed, and for a branch its parent "
                                       "and branch time) and its commands numbered C1, C2... as `simex branch "
                                       "--at-command` counts them.")
    s.add_argument("journal", type=Path)
    s.set_defaults(run=run_show)
    c = actions.add_parser("commands", help="list a journal's commands with their numbers (C1, C2...)",
                           description="List the commands a journal records, numbered as simex whatif "
                                       "and the console's what-if screen refer to them.")
    c.add_argument("journal", type=Path)
    c.set_defaults(run=run_commands)


def run_export(args: argparse.Namespace) -> int:
    from simex.commands._lang import message_language
    from simex.journal import JournalError
    from simex.journal_export import export

    try:
        print(export(args.journal, args.output, accept_loss=args.accept_loss, lang=message_language()))
    except JournalError as exc:
        print(f"simex journal export: {told(exc)}", file=sys.stderr)
        return 1
    return 0


def run_show(args: argparse.Namespace) -> int:
    from simex.commands._lang import message_language
    from simex.journal import JournalError
    from simex.journal_show import show

    try:
        print(show(args.journal, message_language()))
    except JournalError as exc:
        print(f"simex journal show: {told(exc)}", file=sys.stderr)
        return 1
def run_commands(args: argparse.Namespace) -> int:
    from simex.journal import JournalError, JournalReader
    from simex.whatif.changes import describe_command, numbered

    try:
        reader = JournalReader(args.journal)
        try:
            commands = reader.commands()
        finally:
            reader.close()
    except JournalError as exc:
        print(f"simex journal commands: {told(exc)}", file=sys.stderr)
        return 1
    for n in numbered(commands):
        print(f"{n.id:>5}  {describe_command(n.command)}")
    return 0
