"""`simex schema [-o FILE | --path]`: the JSON Schema of the scenario format,
for editor completion (yaml-language-server) and other tools. `--path`
prints where the copy installed with simex is, for the
`# yaml-language-server: $schema=` line."""
from __future__ import annotations

import argparse
import json
import sys

from simex.commands._lang import messages


def add_parser(subparsers) -> None:
    parser = subparsers.add_parser(
        "schema",
        help="print the JSON Schema of scenario files",
        description="Print the JSON Schema (draft 2020-12) of the scenario format. Save it next to "
                    "your scenarios and start each file with "
                    "'# yaml-language-server: $schema=./simex.schema.json' for completion in your editor.",
    )
    where = parser.add_mutually_exclusive_group()
    where.add_argument("-o", "--output", metavar="FILE", help="write the schema to FILE instead of printing it")
    where.add_argument("--path", action="store_true",
                       help="print where the schema installed with simex is (for '$schema=' lines)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    if args.path:
        from simex.library_index import schema_file

        print(schema_file().resolve())
        return 0
    from simex.scenario.schema import json_schema

    text = json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"
    if not args.output:
        sys.stdout.write(text)
        return 0
    try:
        with open(args.output, "w", encoding="utf-8") as out:
            out.write(text)
    except OSError as exc:
        print("simex schema: " + messages().gettext("cannot write {path}: {reason}").format(
            path=args.output, reason=exc.strerror or exc), file=sys.stderr)
        return 1
    print(messages().gettext("wrote {path}").format(path=args.output), file=sys.stderr)
    return 0
