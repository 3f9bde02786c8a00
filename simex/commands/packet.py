"""`simex packet SCENARIO --kind msel|eeg|handout -o FILE.html`: printable
packets for the day (see simex/report/packets.py): the MSEL for controllers,
blank exercise evaluation guides for evaluators, the participant handout."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from simex.choices import LANGUAGES
from simex.commands._args import new_file


def add_parser(sub) -> None:
    p = sub.add_parser("packet", help="print-ready packets: the MSEL, evaluation guides, participant handouts",
                       description="Write a print-ready HTML packet (A4; print it or save it as PDF from the "
                                   "browser): --kind msel for controllers (with controller notes), eeg for "
                                   "evaluators (a blank exercise evaluation guide per objective), handout for "
                                   "participants (one page per agency with how to join; no controller material).")
    p.add_argument("scenario", help="scenario file (YAML), or the name of a bundled one")
    p.add_argument("--kind", choices=("msel", "eeg", "handout"), required=True)
    p.add_argument("-o", "--output", type=new_file, required=True, metavar="FILE.html")
    p.add_argument("--lang", choices=LANGUAGES, help="language (default: the exercise's first language)")
    p.add_argument("--codes", type=Path, metavar="FILE",
                   help="handout: the server's join codes file (JOURNAL.codes, beside the journal of a running "
                        "or prepared `simex serve`), to print each agency's code")
    p.add_argument("--server", default="", metavar="ADDRESS",
                   help="handout: the address participants join, e.g. 192.168.1.10 (default: a blank to fill in)")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from simex.commands.msel import _bundled_or_as_given
    from simex.commands._lang import messages
    from simex.report.packets import build
    from simex.scenario.loader import ScenarioError, load_scenario

    t = messages(args.lang)
    try:
        scenario = load_scenario(_bundled_or_as_given(args.scenario))
    except ScenarioError as exc:
        print(f"simex packet: {exc.text(t)}", file=sys.stderr)
        return 1
    codes = {}
    if args.codes:
        if args.kind != "handout":
            print(t.gettext("simex packet: --codes is for --kind handout (codes go to participants only)"),
                  file=sys.stderr)
            return 2
        try:
            codes = _participant_codes(args.codes)
        except (OSError, ValueError, KeyError, TypeError) as exc:
            print(t.gettext("simex packet: {file}: not a simex codes file ({reason})").format(
                file=args.codes, reason=getattr(exc, "strerror", None) or exc), file=sys.stderr)
            return 1
    from simex.languages import LanguageNotAvailable

    lang = args.lang or scenario.exercise.languages[0]
    try:
        text = build(args.kind, scenario, lang, codes, args.server)
    except LanguageNotAvailable as exc:
        print(f"simex packet: {exc}", file=sys.stderr)
        return 2
    try:
        if codes:   # the codes let anyone in: readable by the facilitator only, as serve's --handout
            from simex.net.codes import write_private

            write_private(args.output, text)
        else:
            args.output.write_text(text, encoding="utf-8")
    except OSError as exc:
        print(t.gettext("simex packet: cannot write {file}: {reason}").format(
            file=args.output, reason=exc.strerror or exc), file=sys.stderr)
        return 1
    print(t.gettext("packet: {file}").format(file=args.output), file=sys.stderr)
    return 0


def _participant_codes(path: Path) -> dict[str, str]:
    """Agency -> join code as printed, from the file `simex serve` keeps beside its journal."""
    from simex.net.codes import CodeBook
    from simex.net.roles import PARTICIPANT

    book = CodeBook(path)
    book.load()
    by_label = dict(book.pretty())
    return {role.agency: by_label[role.label] for role in book.codes.values() if role.kind == PARTICIPANT}
