"""`simex report JOURNAL`: a draft after-action report / improvement plan
(HSEEP AAR/IP) from an exercise journal, in Markdown, one self-contained
HTML file or a Word document. Heavy imports (matplotlib, networkx,
python-docx) happen inside `run`."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from simex.commands._args import new_file
from simex.choices import LANGUAGES


def add_parser(sub) -> None:
    p = sub.add_parser("report", help="write a draft after-action report (AAR/IP) from a journal",
                       description="Write a draft AAR/IP from JOURNAL: objectives rated P/S/M/U with the "
                                   "reasons, coordination metrics, network, custody, improvement plan, "
                                   "participants and timeline.")
    p.add_argument("journal", type=Path)
    p.add_argument("--format", choices=("md", "html", "docx", "json"),
                   help="output format (default: from -o's suffix, else md); docx is a Word document "
                        "(needs -o); json is the whole evaluation")
    p.add_argument("-o", "--output", type=new_file, help="file to write (default: standard output)")
    p.add_argument("--marking", metavar="TEXT", default="",
                   help='handling marking, e.g. "For official use only": at the top and bottom of the '
                        "report and in every Word page's header and footer (default: none)")
    p.add_argument("--lang", choices=LANGUAGES, help="report language (default: the exercise's first language)")
    p.add_argument("--plan", type=Path, help="an improvement plan CSV edited by the facilitator, used instead "
                                             "of simex's suggestions")
    p.add_argument("--export-plan", type=Path, metavar="CSV",
                   help="also write the suggested improvement plan as CSV, for the facilitator to edit")
    p.add_argument("--feedback", type=Path, help="knowledge tests / hot-wash form (YAML, see docs/evaluation.md)")
    p.add_argument("--responses", type=Path, help="participants' answers (CSV) to the --feedback form")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from simex.journal import JournalError
    from simex.report import build_report, from_journal
    from simex.report.plan import PlanError, export_csv, load_csv
    from simex.scoring.evaluation import evaluate

    suffix = args.output.suffix.lower() if args.output else ""
    fmt = args.format or {".html": "html", ".htm": "html", ".docx": "docx", ".json": "json"}.get(suffix, "md")
    if fmt == "docx" and not args.output:   # refused before any work: a binary file is no use on a terminal
        print("simex report: --format docx writes a file: give -o REPORT.docx", file=sys.stderr)
        return 2
    damage: list[str] = []
    try:
        scenario, events, _ = from_journal(args.journal, damage)
    except JournalError as exc:
        print(f"simex report: {exc}", file=sys.stderr)
        return 1
    for note in damage:   # the report is still written, from what could be read
        print(f"simex report: {args.journal}: {note}", file=sys.stderr)
    evaluation = evaluate(scenario, events, args.lang)
    plan = None
    try:
        if args.export_plan:
            export_csv(evaluation.plan, args.export_plan)
        if args.plan:
            plan = load_csv(args.plan)
    except (OSError, PlanError) as exc:
        print(f"simex report: {exc}", file=sys.stderr)
        return 1
    feedback = None
    if args.feedback or args.responses:
        if not (args.feedback and args.responses):
            print("simex report: --feedback and --responses go together", file=sys.stderr)
            return 1
        from simex.feedback import FeedbackError, analyse, load_form, load_responses

        try:
            form = load_form(args.feedback)
            feedback = analyse(form, load_responses(args.responses, form))
        except (OSError, FeedbackError) as exc:
            print(f"simex report: {exc}", file=sys.stderr)
            return 1
    if fmt == "json":
        import json
        from dataclasses import asdict

        data = evaluation.to_dict()
        if damage:
            data["journal_damage"] = damage
        if args.marking.strip():   # the handling marking travels with the data it marks
            data["marking"] = args.marking.strip()
        if plan is not None:
            data["plan"] = [asdict(p) for p in plan]
        text = json.dumps(data, indent=2, ensure_ascii=False, default=str) + "\n"
    else:
        try:
            text = build_report(scenario, events, fmt=fmt, plan=plan, plan_source=str(args.plan or ""),
                                feedback=feedback, evaluation=evaluation, damage=damage,
                                marking=args.marking.strip())
        except ModuleNotFoundError as exc:
            if exc.name != "docx":
                raise
            print("simex report: --format docx needs python-docx (pip install python-docx)", file=sys.stderr)
            return 1
    if args.output:
        try:
            if isinstance(text, bytes):
                args.output.write_bytes(text)
            else:
                args.output.write_text(text, encoding="utf-8")
        except OSError as exc:      # the folder was checked; this is permissions, a full disk...
            print(f"simex report: cannot write {args.output}: {exc.strerror or exc}", file=sys.stderr)
            return 1
        print(f"report: {args.output}", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return 0
