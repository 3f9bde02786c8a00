"""`simex serve SCENARIO --syndicates N`: N groups play the scenario at once,
each with its own journal (`NAME-s1.simex` ... `NAME-sN.simex`) and codes,
all joining one address (simex.net.syndicates). `--resume NAME-s1.simex
--syndicates N` continues all N. At the end the syndicates are compared
(simex compare) into `NAME-syndicates.md`."""
from __future__ import annotations

import re
import sys
from pathlib import Path

from simex.commands._lang import messages, told
from simex.reasons import Reason
from simex.words import N_, said

MAX_SYNDICATES = 12


def syndicate_journals(base: Path, n: int) -> list[Path]:
    """NAME-s1.simex ... NAME-sN.simex beside `base` (which may already be one of them)."""
    stem = re.sub(r"-s\d+$", "", base.stem)
    return [base.with_name(f"{stem}-s{k}{base.suffix or '.simex'}") for k in range(1, n + 1)]


def open_syndicates(args, command: str = "serve"):
    """The N sessions, or an exit status (the reason printed)."""
    from simex.journal import JournalError
    from simex.paths import default_journal
    from simex.scenario.loader import ScenarioError, load_scenario
    from simex.session import LocalSession

    n = args.syndicates
    sessions = []
    try:
        if args.resume:
            for path in syndicate_journals(args.resume, n):
                warnings: list = []   # Says (simex.words)
                sessions.append(LocalSession.reopen(path, warnings))
                for warning in warnings:
                    w = messages(getattr(args, "lang", None))
                    print(f"simex {command}: {path}: " + w.gettext("warning: {warning}").format(
                        warning=said(warning, w)), file=sys.stderr)
            return sessions
        if not args.scenario:
            print(f"simex {command}: " + messages(getattr(args, "lang", None)).gettext(
                "give a SCENARIO file or --resume JOURNAL"), file=sys.stderr)
            return 2
        scenario_id = load_scenario(args.scenario).exercise.id
        base = args.journal or default_journal(scenario_id, "live")
        for path in syndicate_journals(Path(base), n):
            if path.exists():
                raise JournalError(Reason(N_("{path} already exists: give another --journal, or --resume it"),
                                          path=str(path)))
        # The same seed for every syndicate: each group meets the same world,
        # so what differs between them is what the people did.
        for path in syndicate_journals(Path(base), n):
            sessions.append(LocalSession.new(args.scenario, seed=args.seed, bots=args.bots, journal_path=path,
                                             preroll=getattr(args, "preroll", None)))
    except ScenarioError as exc:
        from simex.commands._lang import messages
        print(exc.text(messages(getattr(args, "lang", None))), file=sys.stderr)
        return 1
    except (JournalError, OSError) as exc:
        for s in sessions:
            s.close()
        print(f"simex {command}: {told(exc, getattr(args, 'lang', None))}", file=sys.stderr)
        return 1
    return sessions


def code_books(sessions, evaluators: int, observers: int):
    """One code book per syndicate, no code in two of them (a code decides the syndicate)."""
    from simex.net.codes import CodeBook

    books, seen = [], set()
    for s in sessions:
        book = CodeBook.for_scenario(s.scenario, Path(f"{s.journal_path}.codes"), evaluators=evaluators,
                                     observers=observers)
        for label, code in list(book.pretty()):
            while code in seen:
                code = book.reissue(label)
            seen.add(code)
        books.append(book)
    return books


def compare_at_end(sessions) -> Path | None:
    """The syndicates side by side (simex compare), written beside the journals."""
    from simex.report import from_journal
    from simex.report.compare import render_comparison
    from simex.scoring.evaluation import evaluate

    runs = []
    for n, s in enumerate(sessions, 1):
        scenario, events, _ = from_journal(s.journal_path)
        runs.append((f"syndicate {n}", evaluate(scenario, events)))
    first = Path(sessions[0].journal_path)
    out = first.with_name(re.sub(r"-s\d+$", "", first.stem) + "-syndicates.md")
    out.write_text(render_comparison(runs, "md"), encoding="utf-8")
    return out
