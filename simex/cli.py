"""The `simex` command. Each subcommand lives in simex/commands/<name>.py and
exposes `add_parser(subparsers)` and `run(args) -> int` (the exit status).
Subcommands are discovered, so adding one means adding one module. Every
module is imported to build `--help`, so each keeps heavy imports (the
engine, the scenario model and its pydantic, textual, websockets, dask,
matplotlib) inside its `run`: the parser is built from light modules and
`simex --help` starts in a few tens of milliseconds (tests/test_startup.py
checks what it loads; bench/bench_startup.py times it)."""
from __future__ import annotations

import argparse
import importlib
import sys
from pathlib import Path

import simex.commands
from simex.commands._help import Parser, asked_language, speaking
from simex.languages import LanguageNotAvailable   # light: gettext, which argparse loads anyway

# The order `simex --help` lists them in; discovered ones not named here follow.
ORDER = ("run", "play", "serve", "join", "scenarios", "validate", "lint", "schema", "translate", "msel", "packet",
         "replay", "journal", "report", "compare", "programme", "whatif", "sweep", "completion")


def _command_names() -> list[str]:
    # A listing of the folder, not pkgutil.iter_modules, which imports inspect (7 ms).
    found = {p.stem for folder in simex.commands.__path__ for p in Path(folder).glob("[!_]*.py")}
    return [n for n in ORDER if n in found] + sorted(found - set(ORDER))


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("simex")
    except PackageNotFoundError:  # run from a source tree that was never installed
        return "(not installed)"


class _Version(argparse.Action):
    """--version, looked up only when asked for: reading the installed
    package's metadata costs more than building the whole parser."""

    def __init__(self, option_strings, dest=argparse.SUPPRESS, default=argparse.SUPPRESS, help=None):
        super().__init__(option_strings, dest=dest, default=default, nargs=0,
                         help=help or "show the program's version number and exit")

    def __call__(self, parser, namespace, values, option_string=None):
        print(f"{parser.prog} {_version()}")  # on stdout, as argparse's own version action does
        parser.exit()


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The whole parser, or with `only` that one subcommand's (what running it needs)."""
    parser = Parser(
        prog="simex",
        description="Run, check and replay tabletop simulation exercises.",
    )
    parser.add_argument("--version", action=_Version)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name in [only] if only else _command_names():
        importlib.import_module(f"simex.commands.{name}").add_parser(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    from simex.commands._lang import messages

    argv = sys.argv[1:] if argv is None else argv
    try:   # the parser speaks the reader's language: its help, usage and errors
        words = messages(asked_language(argv))
    except LanguageNotAvailable as exc:   # SIMEX_LANG names one simex lacks
        print(f"simex: {exc}", file=sys.stderr)
        return 2
    # A command named first needs only its own parser: importing and building
    # the other subcommands' cost about 18 ms of every run. Anything else (a
    # typo, --help, --version) gets the whole parser, to list the commands.
    only = argv[0] if argv and argv[0] in _command_names() else None
    with speaking(words):
        parser = build_parser(only)
        args = parser.parse_args(argv)
    try:
        return int(args.run(args) or 0)
    except KeyboardInterrupt:
        print(words.gettext("interrupted"), file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except LanguageNotAvailable as exc:   # --lang or SIMEX_LANG: never English in place of what was asked
        print(f"simex {args.command}: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
