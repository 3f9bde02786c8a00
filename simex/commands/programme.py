"""`simex programme JOURNAL...`: several workshops of a programme in one
summary for the donor: participation by agency, State and sex, knowledge
gains, objective ratings side by side and areas for improvement that recur
(simex.programme). Heavy imports happen inside `run`."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from simex.choices import LANGUAGES
from simex.commands.report import _threshold
from simex.commands._lang import told


def add_parser(sub) -> None:
    p = sub.add_parser("programme", help="one summary over the workshops of a programme (for the donor)",
                       description="Summarise several workshops (their journals; scenarios may differ): who "
                                   "took part, by agency kind, State and sex; knowledge before and after; "
                                   "objective ratings side by side; areas for improvement that recur.")
    p.add_argument("journals", type=Path, nargs="+", help="one journal per workshop")
    p.add_argument("--format", choices=("md", "html", "docx"),
                   help="output format (default: from -o's suffix, else md)")
    p.add_argument("-o", "--output", type=Path, help="file to write (default: standard output; docx needs it)")
    p.add_argument("--lang", choices=LANGUAGES, help="language of the summary (default en)")
    p.add_argument("--suppress-below", type=_threshold, default=5, metavar="N",
                   help="groups (by sex) of fewer than N people are suppressed (default 5)")
    p.add_argument("--internal", action="store_true",
                   help="suppress nothing; the summary is marked internal, not for publication")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from simex.commands._lang import messages
    from simex.journal import JournalError
    from simex.languages import LanguageNotAvailable, translator
    from simex.programme import load_workshop, summary

    suffix = args.output.suffix.lower() if args.output else ""
    fmt = args.format or {".html": "html", ".htm": "html", ".docx": "docx"}.get(suffix, "md")
    try:
        g = translator(args.lang or "en")   # the summary's words
        w = messages(args.lang)             # the command's messages: --lang, else SIMEX_LANG or the locale
    except LanguageNotAvailable as exc:
        print(f"simex programme: {exc}", file=sys.stderr)
        return 2
    asked = args.lang                       # None: the command's messages follow SIMEX_LANG or the locale
    args.lang = args.lang or "en"
    if fmt == "docx" and not args.output:
        print("simex programme: " + w.gettext("--format docx writes a file: give -o SUMMARY.docx"), file=sys.stderr)
        return 2
    workshops = []
    for path in args.journals:
        try:
            workshops.append(load_workshop(path, args.lang, args.suppress_below, args.internal))
        except JournalError as exc:
            print(f"simex programme: {told(exc, asked)}", file=sys.stderr)
            return 1
    blocks = summary(workshops, args.lang, args.suppress_below, args.internal)
    title = g.gettext("Programme summary")
    if fmt == "md":
        from simex.report.markdown import render
        text: str | bytes = render(blocks)
    elif fmt == "html":
        from simex.report.html import render
        text = render(blocks, title, args.lang)
    else:
        from simex.report.word import render
        text = render(blocks, title, args.lang)
    if not args.output:
        sys.stdout.write(text)
        return 0
    try:
        if isinstance(text, bytes):
            args.output.write_bytes(text)
        else:
            args.output.write_text(text, encoding="utf-8")
    except OSError as exc:
        print("simex programme: " + w.gettext("cannot write {path}: {reason}").format(
            path=args.output, reason=exc.strerror or exc), file=sys.stderr)
        return 1
    # Translators: followed by the file the programme summary was written to
    print(w.gettext("summary: {path}").format(path=args.output), file=sys.stderr)
    return 0
