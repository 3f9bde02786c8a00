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
from simex.commands._lang import messages, told


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
    p.add_argument("--annotations-template", type=new_file, metavar="YAML",
                   help="write a file for the facilitator and evaluators to fill in: the overview's free fields "
                        "(dates and venue, scope, mission areas, threat...), the conclusion and a root cause per "
                        "area for improvement, pre-filled with what the journal holds")
    p.add_argument("--annotations", type=Path, metavar="YAML",
                   help="read that file back: each changed field is recorded in the journal (under the file's "
                        "entered_by name) and the report shows it")
    p.add_argument("--feedback", type=Path, help="knowledge tests / hot-wash form (YAML, see docs/evaluation.md)")
    p.add_argument("--responses", type=Path, help="participants' answers (CSV) to the --feedback form")
    p.add_argument("--suppress-below", type=_threshold, metavar="N",
                   help="results of groups (by sex) of fewer than N participants are suppressed, and the next "
                        "smallest too so none can be worked out from the total (default: the form's min_group, 5)")
    p.add_argument("--internal", action="store_true",
                   help="suppress nothing in the feedback results; the report is marked internal, not for "
                        "publication")
    p.set_defaults(run=run)


def _threshold(text: str) -> int:
    try:
        n = int(text)
    except ValueError:
        n = 0
    if n < 2:
        from simex.commands._help import parser_words as _

        raise argparse.ArgumentTypeError(_(
            "{value!r}: give a whole number of participants, at least 2 (--internal shows every group)"
        ).format(value=text))
    return n


def run(args: argparse.Namespace) -> int:
    from simex.branch import lineage, parent_of
    from simex.journal import JournalError
    from simex.languages import LanguageNotAvailable
    from simex.words import said
    from simex.languages import translator
    from simex.report import build_report, from_journal
    from simex.report.plan import PlanError, export_csv, load_csv
    from simex.scoring.evaluation import evaluate

    translator(args.lang or "en")   # the report's catalog is checked before any work
    words = messages(args.lang)
    suffix = args.output.suffix.lower() if args.output else ""
    fmt = args.format or {".html": "html", ".htm": "html", ".docx": "docx", ".json": "json"}.get(suffix, "md")
    if fmt == "docx" and not args.output:   # refused before any work: a binary file is no use on a terminal
        print("simex report: " + words.gettext("--format docx writes a file: give -o REPORT.docx"), file=sys.stderr)
        return 2
    damage: list = []   # str or simex.words.Say
    try:
        scenario, events, meta = from_journal(args.journal, damage)
    except JournalError as exc:
        print(f"simex report: {told(exc, args.lang)}", file=sys.stderr)
        return 1
    for note in damage:   # the report is still written, from what could be read
        print(f"simex report: {args.journal}: {said(note, words)}", file=sys.stderr)
    evaluation = evaluate(scenario, events, args.lang)
    try:
        annotated = _annotate(args, scenario, events, evaluation)
    except (ValueError, JournalError) as exc:   # AnnotationError, CommandError: one located line
        print(f"simex report: {told(exc, args.lang)}", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"simex report: {exc.filename}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    if annotated is not events:   # the report counts the events the journal now holds
        events, evaluation = annotated, evaluate(scenario, annotated, args.lang)
    del annotated    # `events` is the one name left for them, so the JSON path below can let them go
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
            print("simex report: " + words.gettext("--feedback and --responses go together"), file=sys.stderr)
            return 1
        from simex.feedback import FeedbackError, analyse, load_form, load_responses

        try:
            form = load_form(args.feedback)
            feedback = analyse(form, load_responses(args.responses, form), suppress_below=args.suppress_below,
                               internal=args.internal)
        except (OSError, FeedbackError) as exc:
            print(f"simex report: {exc}", file=sys.stderr)
            return 1
    else:   # tests and hot wash taken in the consoles are in the journal itself
        from simex.feedback import analyse
        from simex.feedback.journaled import from_events as feedback_from_events

        taken = feedback_from_events(events)
        if taken is not None:
            feedback = analyse(*taken, suppress_below=args.suppress_below, internal=args.internal)
    if fmt == "json":
        import json
        from dataclasses import asdict

        from simex.report.notes import from_events

        annotations = asdict(from_events(events))
        events = None   # the evaluation holds what the file needs: the events' memory goes first
        data = evaluation.to_dict()
        if damage:
            data["journal_damage"] = [str(note) for note in damage]   # English, as the rest of the JSON
        if parent_of(meta):
            data["branch"] = asdict(parent_of(meta))
        if args.marking.strip():   # the handling marking travels with the data it marks
            data["marking"] = args.marking.strip()
        data["annotations"] = annotations
        if plan is not None:
            data["plan"] = [asdict(p) for p in plan]
        # Written piece by piece: the whole text of a long journal's evaluation
        # is several times its data in memory (bench/bench_report.py).
        text = json.JSONEncoder(indent=2, ensure_ascii=False, default=str).iterencode(data)
    else:
        try:
            text = build_report(scenario, events, fmt=fmt, plan=plan, plan_source=str(args.plan or ""),
                                feedback=feedback, evaluation=evaluation, damage=damage,
                                marking=args.marking.strip(), lineage=lineage(args.journal.name, meta, evaluation.lang))
        except LanguageNotAvailable as exc:   # the feedback appendix speaks through the catalogs
            print(f"simex report: {exc}", file=sys.stderr)
            return 2
        except ModuleNotFoundError as exc:
            if exc.name != "docx":
                raise
            print("simex report: " + words.gettext("--format docx needs python-docx (pip install python-docx)"),
                  file=sys.stderr)
            return 1
        if fmt in ("html", "docx"):   # the report says it too, above its first figure
            from simex.report.figure_text import figure_warnings

            for warning in figure_warnings(evaluation.lang):
                print(f"simex report: {warning}", file=sys.stderr)
    if args.output:
        try:
            if isinstance(text, bytes):
                args.output.write_bytes(text)
            elif isinstance(text, str):
                args.output.write_text(text, encoding="utf-8")
            else:
                with args.output.open("w", encoding="utf-8") as out:
                    out.writelines(text)
                    out.write("\n")
        except OSError as exc:      # the folder was checked; this is permissions, a full disk...
            print("simex report: " + words.gettext("cannot write {path}: {reason}").format(path=args.output,
                                                                                reason=exc.strerror or exc),
                  file=sys.stderr)
            return 1
        print(words.gettext("report: {path}").format(path=args.output), file=sys.stderr)
    elif isinstance(text, str):
        sys.stdout.write(text)
    else:
        sys.stdout.writelines(text)
        sys.stdout.write("\n")
    return 0


def _annotate(args: argparse.Namespace, scenario, events: list, evaluation) -> list:
    """Write the annotations template and/or journal the annotations file's
    changes; the events as the journal then holds them. Raises AnnotationError
    (located), JournalError (a journal that does not replay is not appended to)
    or OSError."""
    if not (args.annotations or args.annotations_template):
        return events
    from simex.report import from_journal, notes as notes_file
    from simex.report.hseep import areas, scenario_defaults

    t = messages(args.lang)
    found = areas(evaluation)
    defaults = scenario_defaults(scenario)
    if args.annotations:
        author, wanted = notes_file.load(args.annotations, [key for key, _, _ in found])
        changed = notes_file.changes(notes_file.from_events(events), wanted, defaults)
        if changed and not author:
            raise notes_file.AnnotationError(f"{args.annotations}: " + t.gettext(
                "entered_by is empty: write your name, which the journal records beside what you entered"))
        if changed:
            notes_file.record(args.journal, author, changed)
            # read back, as any later report will: the journal is the record
            events = from_journal(args.journal)[1]
            print(f"simex report: {args.annotations}: " + t.ngettext(
                "{n} field changed, recorded in {journal} as entered by {author}",
                "{n} fields changed, recorded in {journal} as entered by {author}", len(changed)).format(
                n=len(changed), journal=args.journal, author=author), file=sys.stderr)
        else:
            print(f"simex report: {args.annotations}: " + t.gettext("no field changed; nothing recorded"),
                  file=sys.stderr)
    if args.annotations_template:
        if args.annotations_template.exists():   # it may hold an evaluator's afternoon of writing
            raise notes_file.AnnotationError(t.gettext(
                "{path} already exists; choose another name (the template never overwrites a file)").format(
                path=args.annotations_template))
        text = notes_file.template(notes_file.from_events(events), [(k, t) for k, t, _ in found], defaults,
                                   journal=str(args.journal), title=evaluation.title,
                                   name=str(args.annotations_template))
        args.annotations_template.write_text(text, encoding="utf-8")
        print(t.gettext("annotations template: {path}").format(path=args.annotations_template), file=sys.stderr)
    return events
