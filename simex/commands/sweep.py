"""`simex sweep`: run a scenario many times, over a grid of changed
parameters, and summarise how often each expectation and objective is met.

Only argparse at import time: `simex --help` imports every command, and the
simulation, Dask and matplotlib are loaded by `run` when needed.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from simex.commands._lang import messages
from simex.library_index import scenario_argument


def add_parser(sub) -> None:
    p = sub.add_parser(
        "sweep", help="what-if analysis: many runs over a grid of parameters",
        description="Run SCENARIO --replications times for every point of the grid, with every agency "
                    "played by bots, write one row per run and a summary per grid point. "
                    "Paths name YAML keys and list entries by id: doctrine.EXP-HOLD.within, "
                    "channels.customs-police-radio.delay, world.rpm.vehicles_per_hour.",
        epilog="example: simex sweep scenarios/border-detection.yaml --replications 500 "
               "--grid channels.customs-police-radio.delay=1m,5m,10m -o radio.csv")
    p.add_argument("scenario", type=scenario_argument, nargs="?",
                   help="scenario file, or the name of a bundled one (not needed with --resume)")
    p.add_argument("-n", "--replications", type=int, help="runs per grid point (default 100)")
    p.add_argument("--seed", type=int, help="base seed (default: the scenario's)")
    p.add_argument("--bots", help="how the simulated agencies behave: doctrine (default) or weak")
    p.add_argument("--set", dest="sets", action="append", default=[], metavar="PATH=VALUE",
                   help="change one value for every run, e.g. doctrine.EXP-HOLD.within=10m (repeatable)")
    p.add_argument("--grid", action="append", default=[], metavar="PATH=V1,V2,...",
                   help="try each value; several --grid options make every combination")
    where = p.add_mutually_exclusive_group()
    where.add_argument("--workers", type=int, help="local worker processes (default: all cores)")
    where.add_argument("--dask", metavar="ADDRESS",
                       help="run on a Dask cluster, e.g. tcp://scheduler:8786 (needs simex[dask])")
    p.add_argument("-o", "--output", type=Path,
                   help="results file, .csv (default <exercise id>-sweep.csv) or .parquet (needs pyarrow)")
    p.add_argument("--resume", type=Path, metavar="RESULTS",
                   help="continue an interrupted sweep: runs only what RESULTS lacks")
    p.add_argument("--force", action="store_true", help="overwrite an existing results file")
    p.add_argument("--plot", action="store_true", help="also write PNG figures of key delays per grid point")
    p.add_argument("--quiet", action="store_true", help="no progress bar and no printed summary")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from simex.batch.execute import execute
    from simex.batch.overrides import OverrideError
    from simex.batch.results import ResultsError
    from simex.batch.runners import RunnerError

    try:
        sweep, out, resume = _plan(args)
    except OverrideError as exc:
        for message in exc.messages:   # one line per problem, each naming its --set/--grid
            print(f"simex sweep: {message}", file=sys.stderr)
        return 2
    except (ResultsError, _Refused) as exc:
        print(f"simex sweep: {exc}", file=sys.stderr)
        return 2
    dask = None
    if args.dask:
        try:
            import distributed  # noqa: F401
        except ImportError:
            print("simex sweep: " + messages().gettext("--dask needs Dask: pip install 'simex[dask]'"),
                  file=sys.stderr)
            return 2
        dask = args.dask
    csv_out = out.with_suffix(".csv") if out.suffix == ".parquet" else out
    try:
        rows = execute(sweep, csv_out, workers=args.workers, dask=dask, resume=resume,
                       progress=not args.quiet)
    except KeyboardInterrupt:
        print("simex sweep: " + messages().gettext(
            "interrupted; finished runs are in {file}; continue with: simex sweep --resume {file}").format(
            file=csv_out), file=sys.stderr)
        return 130
    except (ResultsError, RunnerError, OSError) as exc:
        print(f"simex sweep: {exc}", file=sys.stderr)
        return 1
    return _report(args, sweep, csv_out, out, rows)


class _Refused(Exception):
    pass


def _plan(args):
    """The Sweep to run, where to write it, and whether this resumes one."""
    from simex.batch.overrides import OverrideError, parse_grid, parse_set, apply, read_data
    from simex.batch.plan import Sweep
    from simex.batch.results import load_meta
    from simex.engine.bots import PROFILES
    from simex.scenario.loader import ScenarioError, load_scenario

    t = messages()
    if args.bots is not None and args.bots not in PROFILES:
        raise _Refused(t.gettext("unknown bot profile {name}; choose one of: {profiles}").format(
            name=repr(args.bots), profiles=", ".join(sorted(PROFILES))))
    if args.replications is not None and args.replications < 1:
        raise _Refused(t.gettext("--replications must be at least 1"))
    if args.workers is not None and args.workers < 1:
        raise _Refused(t.gettext("--workers must be at least 1"))
    if args.resume:
        saved, _ = load_meta(args.resume)
        if args.scenario or args.sets or args.grid or args.seed is not None or args.bots:
            raise _Refused(t.gettext("--resume takes the scenario, seed, bots, --set and --grid from {file}; "
                                     "give only --replications (to run more), --workers or --dask").format(
                file=args.resume))
        if args.output and args.output != args.resume:
            raise _Refused(t.gettext("--resume continues RESULTS in place; leave out -o"))
        reps = args.replications or saved.replications
        if reps < saved.replications:
            raise _Refused(t.ngettext(
                "{file} was planned with {n} replication per grid point; --resume can run more, not fewer",
                "{file} was planned with {n} replications per grid point; --resume can run more, not fewer",
                saved.replications).format(file=args.resume, n=saved.replications))
        sweep = Sweep(saved.scenario_text, reps, saved.seed, saved.bots, saved.sets, saved.grid,
                      saved.scenario_name)
        return sweep, args.resume, True
    if args.scenario is None:
        raise _Refused(t.gettext("give a SCENARIO file (or --resume RESULTS)"))
    try:
        scenario = load_scenario(args.scenario)
    except ScenarioError as exc:
        raise _Refused(t.gettext("{file} has errors; run 'simex validate {file}'").format(file=args.scenario)
                       + f"\n{exc.text(t)}") from None
    text = args.scenario.read_text(encoding="utf-8-sig")
    sets = tuple(parse_set(s) for s in args.sets)
    grid = tuple(parse_grid(g) for g in args.grid)
    paths = [p for p, _ in grid]
    if len(set(paths)) != len(paths):
        raise _Refused(t.gettext("the same path is in two --grid options; list all its values in one"))
    sweep = Sweep(text, args.replications or 100, scenario.exercise.seed if args.seed is None else args.seed,
                  args.bots or "doctrine", sets, grid, str(args.scenario))
    # Check every grid point here, once, so a bad value fails before any work starts.
    data = read_data(text, str(args.scenario))
    problems: list[str] = []
    for point in range(len(sweep.points)):
        try:
            apply(data, sweep.overrides(point))
        except OverrideError as exc:
            problems += [m for m in exc.messages if m not in problems]
    if problems:
        raise OverrideError(problems)
    out = args.output or Path(f"{scenario.exercise.id}-sweep.csv")
    if out.suffix not in (".csv", ".parquet"):
        raise _Refused(t.gettext("{file}: the results file ends in .csv or .parquet").format(file=out))
    if out.suffix == ".parquet":
        try:
            import pyarrow  # noqa: F401
        except ImportError:
            raise _Refused(t.gettext("Parquet output needs pyarrow, which is not installed; write .csv instead")) \
                from None
    csv_out = out.with_suffix(".csv")
    if csv_out.exists() and not args.force:
        raise _Refused(t.gettext("{file} exists: continue it with --resume {file}, or overwrite it with --force")
                       .format(file=csv_out))
    return sweep, out, False


def _report(args, sweep, csv_out: Path, out: Path, rows) -> int:
    from simex.batch.replicate import layout_of
    from simex.batch.results import summary_path, write_parquet
    from simex.batch.summary import summarise, to_csv, to_text

    layout = layout_of(sweep)
    summary = summarise(rows, layout.columns, layout)
    summary_file = summary_path(csv_out)
    summary_file.write_text(to_csv(summary, layout), encoding="utf-8")
    written = [str(csv_out), str(summary_file)]
    if out.suffix == ".parquet" and write_parquet(csv_out, out):
        written.insert(0, str(out))
    if args.plot:
        from simex.batch.plot import plot_delays

        written += [str(p) for p in plot_delays(rows, layout, sweep, csv_out)]
    if not args.quiet:
        from simex.batch.plan import build
        from simex.scenario.text import tr

        labels = {o.id: tr(o.title) for o in build(sweep, 0).objectives}
        print(to_text(summary, layout, labels))
        print()
    # Translators: followed by the files written, separated by commas
    print(messages().gettext("wrote {files}").format(files=", ".join(written)),
          file=sys.stderr if args.quiet else sys.stdout)
    return 0
