"""`simex validate FILE...`: check scenario files and list every problem.

Exit status 0 when no file has errors (warnings are fine unless --strict),
1 otherwise, so it can guard a CI job or a pre-commit hook.

Text output speaks the author's language (--lang, else SIMEX_LANG, else the
locale); file:line:col, paths, ids and the caret line stay as they are.
JSON output is English, stable for editors and scripts.
"""
from __future__ import annotations

import argparse

from simex.commands._args import language


def add_parser(subparsers) -> None:
    parser = subparsers.add_parser(
        "validate",
        help="check scenario files and list every problem",
        description="Check scenario files: YAML syntax, the format, and whole-file checks "
                    "(unknown ids, missing channels, times after ENDEX, trigger cycles, translations).",
    )
    parser.add_argument("files", nargs="+", metavar="FILE", help="scenario files (YAML), or names of bundled ones")
    parser.add_argument("--format", choices=("text", "json"), default="text",
                        help="text for people (default), json for editors and scripts")
    parser.add_argument("--lang", type=language, metavar="LANG",
                        help="language of the messages (default: SIMEX_LANG, else the locale, else en)")
    parser.add_argument("--strict", action="store_true", help="fail on warnings too")
    parser.add_argument("--dry-run", type=int, metavar="N", default=0,
                        help="also run N quick replications per bot profile and warn about objectives never "
                             "or always met, injects that never fire and idle agencies (same as simex lint)")
    parser.set_defaults(run=run)


def _bundled_or_as_given(file: str) -> str:
    from simex.library_index import resolve

    try:
        return str(resolve(file))
    except ValueError:  # check_file reports the missing file, located, with the others
        return file


def run(args: argparse.Namespace) -> int:
    from simex.commands._imports import loading
    from simex.commands._lang import messages

    with loading("simex.scenario.loader"):
        from simex.scenario.loader import check_file
        from simex.scenario.problems import format_json, format_text, summary

    # Resolved for JSON too: a language asked for by name that simex lacks is an
    # error either way, never quietly ignored.
    t = messages(args.lang)

    failed = False
    found = []
    for file in args.files:
        file = _bundled_or_as_given(file)
        scenario, problems = check_file(file)
        if args.dry_run > 0 and scenario is not None:
            from pathlib import Path

            from simex.batch.lint import dry_run

            problems = problems + dry_run(Path(file).read_text(encoding="utf-8"), args.dry_run,
                                          scenario.exercise.seed, str(file))
        errors = any(p.is_error for p in problems)
        failed |= errors or (args.strict and bool(problems))
        if args.format == "json":
            found += problems
            continue
        if problems:
            print(format_text(problems, t=t))
        print(summary(file, problems, t=t))
    if args.format == "json":
        print(format_json(found))   # every file's problems in one list: errors first
    return 1 if failed else 0
