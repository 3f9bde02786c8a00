"""`simex msel export SCENARIO -o msel.xlsx` and `simex msel import msel.xlsx
--into SCENARIO`: the MSEL as the spreadsheet facilitators keep (XLSX or
CSV), out of and back into the scenario file."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from simex.commands._args import new_file


def add_parser(sub) -> None:
    p = sub.add_parser("msel", help="export the MSEL to a spreadsheet (XLSX, CSV) and import it back",
                       description="The MSEL as a spreadsheet: one row per inject (number, time, from, to, "
                                   "channel, type, synopsis and player text per language, expected action, "
                                   "objective, controller notes). See docs/msel-spreadsheet.md.")
    actions = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    e = actions.add_parser("export", help="write the scenario's MSEL as .xlsx or .csv")
    e.add_argument("scenario", help="scenario file (YAML), or the name of a bundled one")
    e.add_argument("-o", "--output", type=new_file, required=True, metavar="FILE",
                   help="msel.xlsx (Excel) or msel.csv (UTF-8 with a byte-order mark, for Excel)")
    e.set_defaults(run=run)
    i = actions.add_parser("import", help="apply an edited MSEL spreadsheet to the scenario file")
    i.add_argument("sheet", type=Path, help="the edited msel.xlsx or msel.csv")
    i.add_argument("--into", required=True, type=Path, metavar="SCENARIO", help="the scenario file to update")
    i.add_argument("--dry-run", action="store_true", help="check the sheet and say what would change; write nothing")
    i.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from simex.commands._lang import messages
    from simex.msel import SheetError, export, import_sheet
    from simex.scenario.loader import ScenarioError

    t = messages()
    try:
        if args.action == "export":
            scenario = _bundled_or_as_given(args.scenario)
            n = export(scenario, args.output)
            print(t.ngettext("msel: {n} inject written to {file}", "msel: {n} injects written to {file}", n)
                  .format(n=n, file=args.output), file=sys.stderr)
            return 0
        outcome = import_sheet(args.sheet, args.into, dry_run=args.dry_run)
    except ScenarioError as exc:
        print(f"simex msel: {exc.text(t)}", file=sys.stderr)
        return 1
    except SheetError as exc:
        for problem in exc.problems:
            print(f"simex msel: {problem}", file=sys.stderr)
        if args.action == "import":
            print(t.ngettext("simex msel: {n} problem; {file} was not changed",
                             "simex msel: {n} problems; {file} was not changed", len(exc.problems))
                  .format(n=len(exc.problems), file=args.into), file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"simex msel: {exc.filename or ''}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    if outcome.kept:
        print("simex msel: " + t.gettext(
            "the sheet was saved in an encoding that cannot hold {languages}: those columns were not read and "
            "the scenario keeps its texts; save the sheet as \"CSV UTF-8\" (or .xlsx) to edit them").format(
            languages=", ".join(outcome.kept)), file=sys.stderr)
    if not outcome.changed and not outcome.added:
        print(t.gettext("msel: no change; {file} left as it was").format(file=args.into), file=sys.stderr)
        return 0
    for inject, cols in outcome.changed.items():
        print(t.gettext("  {inject}: {columns}").format(inject=inject, columns=", ".join(cols)), file=sys.stderr)
    for inject in outcome.added:
        print(t.gettext("  {inject}: new inject").format(inject=inject), file=sys.stderr)
    n = len(outcome.changed) + len(outcome.added)
    message = (t.ngettext("msel: {n} inject would change in {file} (dry run: nothing written)",
                          "msel: {n} injects would change in {file} (dry run: nothing written)", n) if args.dry_run
               else t.ngettext("msel: {n} inject changed in {file}", "msel: {n} injects changed in {file}", n))
    print(message.format(n=n, file=args.into), file=sys.stderr)
    return 0


def _bundled_or_as_given(name: str) -> str:
    from simex.library_index import resolve

    try:
        return str(resolve(name))
    except ValueError:
        return name
