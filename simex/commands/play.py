"""`simex play`: the facilitator console on one terminal (Textual)."""
from __future__ import annotations

import argparse
from pathlib import Path

from simex.durations import parse_duration
from simex.engine.bots import PROFILES


def add_parser(sub) -> None:
    p = sub.add_parser("play", help="open the facilitator console",
                       description="Run a live exercise from this terminal. Agencies marked "
                                   "'simulated' in the scenario are played by bots; the others "
                                   "are played by people in the room (enter their decisions with 'a').")
    p.add_argument("scenario", type=Path, nargs="?", help="scenario file (not needed with --resume)")
    p.add_argument("--resume", type=Path, metavar="JOURNAL", help="continue an exercise from its journal")
    p.add_argument("--journal", type=Path, help="journal file (default: in the user data folder)")
    p.add_argument("--preroll", type=parse_duration, metavar="DURATION",
                   help="run the simulated world this long before STARTEX (e.g. 1h), so traffic and "
                        "queues are under way when play begins; default: the scenario's")
    p.add_argument("--seed", type=int)
    p.add_argument("--bots", choices=sorted(PROFILES), default="doctrine")
    p.add_argument("--lang", choices=("en", "fr"), default="en", help="interface language")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from simex.commands._session import open_session

    session = open_session(args, "play")
    if isinstance(session, int):
        return session
    from tui.app import make_app

    make_app(session, lang=args.lang).run()
    session.close()
    print(f"journal: {session.journal_path}  (continue with: simex play --resume {session.journal_path})")
    return 0
