"""`simex whatif JOURNAL --change ...`: the exercise a journal records, set
beside the same exercise with one decision changed (simex.whatif)."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from simex.commands._help import parser_words as _

GRAMMAR = """changes (numbers as `simex journal commands JOURNAL` lists them):
  --drop C23                     the command never happened
  --move C17=00:10               it happened at another time (HH:MM, HH:MM:SS or 1h30m)
  --replace C17 'FIELD=VALUE ...'  other fields; an action's parameters as params.NAME=VALUE
  --add "[ACTOR] KIND [ARGS] [FIELD=VALUE ...] at TIME", e.g.
        --add "customs send_message police 'truck held at lane 3' vehicle=NV-4471-KB at 00:10"
        --add "customs detain_vehicle vehicle=NV-4471-KB at 02:40"
        --add "facilitator skip_inject inject=M01 at 00:30"
see docs/what-if.md, "What if, from a real exercise"."""


class _Change(argparse.Action):
    """Every change option appends (option, values) to one list, in the order typed."""

    def __call__(self, parser, namespace, values, option_string=None):
        values = tuple(values) if isinstance(values, list) else (values,)
        namespace.changes = [*(namespace.changes or []), (self.dest.removeprefix("change_"), values)]


def _count(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(_("not a whole number: {text}").format(text=repr(text))) from None
    if value < 1:
        raise argparse.ArgumentTypeError(_("at least 1, not {value}").format(value=value))
    return value


def add_parser(sub) -> None:
    p = sub.add_parser("whatif", help="replay an exercise with one decision changed, side by side",
                       description="Play the exercise JOURNAL records again with a command dropped, moved, "
                                   "replaced or added, and set the outcome beside the exercise's: objective "
                                   "ratings, expectations, the world's measures.",
                       epilog=GRAMMAR, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("journal", type=Path)
    p.set_defaults(changes=[], run=run)
    p.add_argument("--drop", dest="change_drop", metavar="CMD", action=_Change, help="remove a command")
    p.add_argument("--move", dest="change_move", metavar="CMD=TIME", action=_Change, help="move a command in time")
    p.add_argument("--replace", dest="change_replace", nargs=2, metavar=("CMD", "FIELDS"), action=_Change,
                   help="change a command's fields, e.g. --replace C17 'recipient=police'")
    p.add_argument("--add", dest="change_add", metavar="COMMAND", action=_Change,
                   help="add a command, e.g. --add \"customs send_message police 'truck held' at 00:10\"")
    p.add_argument("--then", choices=("recorded", "bots"), default="recorded",
                   help="after the change: the recorded commands that still apply (default), or bots for "
                        "every agency")
    p.add_argument("-n", "--replications", type=_count, default=1,
                   help="runs, the world drawn anew after the change in each (default 1: the world as it was)")
    p.add_argument("--workers", type=_count, help="worker processes for -n (default: all cores)")
    p.add_argument("--format", choices=("md", "html", "json"), help="output format (default: from -o's suffix, else md)")
    p.add_argument("-o", "--output", type=Path, help="file to write (default: standard output)")


def run(args: argparse.Namespace) -> int:
    from simex.batch.execute import cores
    from simex.journal import JournalError
    from simex.commands._lang import messages
    from simex.whatif import ChangeError, counterfactual
    from simex.whatif.render import render

    t = messages()
    if not args.changes:
        print(t.gettext("simex whatif: give at least one change (--drop, --move, --replace or --add)"),
              file=sys.stderr)
        return 2
    suffix = args.output.suffix.lower() if args.output else ""
    fmt = args.format or {".html": "html", ".htm": "html", ".json": "json"}.get(suffix, "md")
    try:
        model = counterfactual(args.journal, args.changes, then=args.then, replications=args.replications,
                               workers=args.workers or cores())
    except (JournalError, ChangeError) as exc:
        prefix = "simex whatif: "
        # The caret under a mistaken word lines up with the text above it.
        print(prefix + str(exc).replace("\n", "\n" + " " * len(prefix)), file=sys.stderr)
        return 1
    text = render(model, fmt)
    if args.output:
        args.output.write_text(text, encoding="utf-8")
        print(t.gettext("what if: {path}").format(path=args.output), file=sys.stderr)
    else:
        sys.stdout.write(text)
    return 0
