"""The `simex` command. Each subcommand lives in simex/commands/<name>.py and
exposes `add_parser(subparsers)` and `run(args) -> int` (the exit status).
Subcommands are discovered, so adding one means adding one module. Every
module is imported to build `--help`, so each keeps heavy imports (textual,
websockets, dask, matplotlib) inside its `run`."""
from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys

import simex.commands

# The order `simex --help` lists them in; discovered ones not named here follow.
ORDER = ("run", "play", "serve", "join", "scenarios", "validate", "lint", "schema", "replay", "journal", "report",
         "compare", "sweep", "completion")


def _command_names() -> list[str]:
    found = {m.name for m in pkgutil.iter_modules(simex.commands.__path__) if not m.name.startswith("_")}
    return [n for n in ORDER if n in found] + sorted(found - set(ORDER))


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("simex")
    except PackageNotFoundError:  # run from a source tree that was never installed
        return "(not installed)"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="simex",
        description="Run, check and replay tabletop simulation exercises.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {_version()}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name in _command_names():
        importlib.import_module(f"simex.commands.{name}").add_parser(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.run(args) or 0)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
