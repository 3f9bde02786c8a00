"""`simex run`: an exercise from STARTEX to ENDEX as fast as possible, every
agency played by bots, then a timeline summary and a first score."""
from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

from simex.choices import BOT_PROFILES
from simex.commands._lang import messages, told
from simex.library_index import scenario_argument


def add_parser(sub) -> None:
    p = sub.add_parser("run", help="run a scenario headless with simulated agencies",
                       description="Run SCENARIO from STARTEX to ENDEX with every agency played by bots.")
    p.add_argument("scenario", type=scenario_argument, help="scenario file, or the name of a bundled one")
    p.add_argument("--seed", type=int, help="random seed (default: the scenario's)")
    p.add_argument("--bots", choices=sorted(BOT_PROFILES), default="doctrine",
                   help="how the simulated agencies behave (default: doctrine)")
    p.add_argument("--journal", type=Path, help="journal file (default: in the user data folder)")
    p.add_argument("--no-journal", action="store_true", help="do not write a journal")
    p.add_argument("--json", action="store_true", help="print the result as JSON")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from simex.engine.exercise import Exercise
    from simex.journal import Journal, JournalError, run_meta
    from simex.scenario.attachments import fingerprints
    from simex.paths import default_journal
    from simex.scenario.loader import ScenarioError, load_scenario
    from simex.scoring import score

    try:
        scenario = load_scenario(args.scenario)
    except ScenarioError as exc:
        print(exc.text(messages()), file=sys.stderr)
        return 1
    seed = scenario.exercise.seed if args.seed is None else args.seed
    bot_agencies = tuple(a.id for a in scenario.agencies)
    journal = None
    if not args.no_journal:
        path = args.journal or default_journal(scenario.exercise.id, f"seed{seed}-{args.bots}")
        try:
            journal = Journal(path, meta=run_meta(args.scenario.read_text(encoding="utf-8"),
                                                  str(args.scenario), seed, args.bots, bot_agencies,
                                                  attachments=fingerprints(scenario)))
        except (JournalError, OSError) as exc:
            print(f"simex run: {told(exc)}", file=sys.stderr)
            return 1
    exercise = Exercise(scenario, seed=seed, bots=args.bots, bot_agencies=bot_agencies, sink=journal)
    exercise.run_to_end()
    if journal:
        journal.close()
    if args.json:
        result = score(scenario, exercise.events)   # JSON stays English: it is read by programs
        counts = Counter(e.kind for e in exercise.events)
        print(json.dumps({"scenario": scenario.exercise.id, "seed": seed, "bots": args.bots,
                          "events": len(exercise.events), "event_counts": dict(sorted(counts.items())),
                          **result.to_dict()}, indent=2, sort_keys=True))
    else:
        _print_human(scenario, exercise, args.bots)
    if journal:
        # Translators: followed by the journal file's path
        print(messages().gettext("journal: {path}").format(path=journal.path),
              file=sys.stderr if args.json else sys.stdout)
    return 0


def _print_human(scenario, exercise, bots) -> None:
    from simex.commands._lang import message_language
    from simex.engine.bots import PROFILES
    from simex.localized import percent
    from simex.narrate import QUIET, Narrator
    from simex.scoring import score

    lang = message_language()
    w = messages(lang)
    result = score(scenario, exercise.events, lang)
    # Translators: the first line of `simex run`; {profile} is the bot profile's name, {about} its description
    print(w.gettext("{exercise}: seed {seed}, bots '{profile}' ({about})").format(
        exercise=scenario.exercise.id, seed=exercise.seed, profile=bots, about=w.gettext(PROFILES[bots].description)))
    n = len(exercise.events)
    print(w.ngettext("{n} event", "{n} events", n).format(n=n) + "\n\n" + w.gettext("Timeline"))
    narrator = Narrator(scenario, lang, mark_simulated=False)   # the line above says bots play every agency
    for event in exercise.events:
        if event.kind not in QUIET:
            print("  " + narrator.timeline_line(event))
    print("\n" + w.gettext("Doctrine expectations"))
    # Translators: a doctrine expectation's status in `simex run`, in a column 8 characters wide
    marks = {"on_time": w.pgettext("run status", "on time"), "late": w.pgettext("run status", "LATE"),
             "missed": w.pgettext("run status", "MISSED"), "open": w.pgettext("run status", "open")}
    for r in result.results:
        who = f"{r.instance} {r.title}" + (f" [{r.key}]" if r.key else "")
        print(f"  {marks[r.status]:<8} {who}\n           {r.why}")
    t = result.totals()
    print("\n" + w.gettext("Score: {on_time} on time, {late} late, {missed} missed, {open} open at ENDEX — "
                           "{percent} on time").format(on_time=t["on_time"], late=t["late"], missed=t["missed"],
                                                       open=t["open"], percent=percent(result.percent_on_time / 100, lang)))
