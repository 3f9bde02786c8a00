"""Opening a session from command-line arguments, shared by `play` and `serve`."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from simex.durations import parse_duration
from simex.choices import BOT_PROFILES
from simex.commands._args import add_console_language
from simex.library_index import scenario_argument
from simex.commands._lang import messages, told
from simex.words import said


def add_session_arguments(p: argparse.ArgumentParser) -> None:
    """SCENARIO or --resume, and how a new exercise starts: the same for play and serve."""
    p.add_argument("scenario", type=scenario_argument, nargs="?",
                   help="scenario file, or the name of a bundled one (not needed with --resume)")
    p.add_argument("--resume", type=Path, metavar="JOURNAL",
                   help="continue an exercise from its journal (also after a crash)")
    p.add_argument("--journal", type=Path, help="journal file (default: in the user data folder)")
    p.add_argument("--preroll", type=parse_duration, metavar="DURATION",
                   help="run the simulated world this long before STARTEX (e.g. 1h), so traffic and "
                        "queues are under way when play begins; default: the scenario's")
    p.add_argument("--seed", type=int, help="random seed (default: the scenario's)")
    p.add_argument("--bots", choices=sorted(BOT_PROFILES), default="doctrine",
                   help="how the simulated agencies behave (default: doctrine)")
    add_console_language(p)
    p.add_argument("--feedback", type=Path, metavar="FORM",
                   help="knowledge tests and hot-wash form (YAML, docs/evaluation.md) to open on the "
                        "participants' screens with f")


def feedback_form(args: argparse.Namespace, command: str):
    """The --feedback form, None without one, or an exit status (the reason printed)."""
    if not getattr(args, "feedback", None):
        return None
    from simex.feedback import FeedbackError, load_form

    try:
        return load_form(args.feedback)
    except (OSError, FeedbackError) as exc:
        print(f"simex {command}: {getattr(exc, 'strerror', None) and f'{args.feedback}: {exc.strerror}' or exc}",
              file=sys.stderr)
        return 1


def open_session(args: argparse.Namespace, command: str):
    """A LocalSession from SCENARIO or --resume JOURNAL, or an exit status
    (the reason already printed, never a traceback)."""
    from simex.journal import JournalError
    from simex.scenario.loader import ScenarioError
    from simex.session import LocalSession

    try:
        if args.resume:
            warnings: list = []   # Says (simex.words)
            session = LocalSession.reopen(args.resume, warnings)
            w = messages(getattr(args, "lang", None))
            for warning in warnings:
                # Translators: a warning about the journal being resumed
                print(f"simex {command}: {args.resume}: " + w.gettext("warning: {warning}").format(
                    warning=said(warning, w)), file=sys.stderr)
            if session.status == "ended":
                print(f"simex {command}: {args.resume}: " + w.gettext(
                    "the exercise has ended; it is open for the report and the hot wash (observations, ratings and "
                    "what evaluators write in the report only)"), file=sys.stderr)
            return session
        if args.scenario:
            return LocalSession.new(args.scenario, seed=args.seed, bots=args.bots, journal_path=args.journal,
                                    preroll=getattr(args, "preroll", None))
    except ScenarioError as exc:
        print(exc.text(messages(getattr(args, "lang", None))), file=sys.stderr)
        return 1
    except (JournalError, OSError) as exc:
        print(f"simex {command}: {told(exc, getattr(args, 'lang', None))}", file=sys.stderr)
        return 1
    print(f"simex {command}: " + messages(getattr(args, "lang", None)).gettext(
        "give a SCENARIO file or --resume JOURNAL"), file=sys.stderr)
    return 2
