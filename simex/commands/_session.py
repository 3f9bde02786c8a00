"""Opening a session from command-line arguments, shared by `play` and `serve`."""
from __future__ import annotations

import argparse
import sys


def open_session(args: argparse.Namespace, command: str):
    """A LocalSession from SCENARIO or --resume JOURNAL, or an exit status
    (the reason already printed, never a traceback)."""
    from simex.journal import JournalError
    from simex.scenario.loader import ScenarioError
    from simex.session import LocalSession

    try:
        if args.resume:
            return LocalSession.reopen(args.resume)
        if args.scenario:
            return LocalSession.new(args.scenario, seed=args.seed, bots=args.bots, journal_path=args.journal,
                                    preroll=getattr(args, "preroll", None))
    except ScenarioError as exc:
        print(exc, file=sys.stderr)
        return 1
    except (JournalError, OSError) as exc:
        print(f"simex {command}: {exc}", file=sys.stderr)
        return 1
    print(f"simex {command}: give a SCENARIO file or --resume JOURNAL", file=sys.stderr)
    return 2
