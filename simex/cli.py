"""The `simex` command. Each subcommand lives in simex/commands/<name>.py and
exposes `add_parser(subparsers)` and `run(args) -> int` (the exit status)."""
from __future__ import annotations

import argparse
import importlib
import sys

COMMANDS = ("validate", "schema", "run", "replay")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="simex",
        description="Run, check and replay tabletop simulation exercises.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name in COMMANDS:
        module = importlib.import_module(f"simex.commands.{name}")
        module.add_parser(sub)
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
