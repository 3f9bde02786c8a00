"""--lang for the commands that write for a reader (report, compare)."""
from __future__ import annotations

import sys


def run_in_language(command: str, run, args) -> int:
    """`run(args)`, where a language without a catalog stops the command with
    the list of available ones (exit 2): never English tagged as another
    language. The catalog is looked up before any work (translator(args.lang))."""
    from simex.languages import LanguageNotAvailable

    try:
        return run(args)
    except LanguageNotAvailable as exc:
        print(f"simex {command}: {exc}", file=sys.stderr)
        return 2
