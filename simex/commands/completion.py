"""`simex completion SHELL`: a tab-completion script for bash, zsh or tcsh.

Generated from the same argparse parser as `--help` (with shtab), so it
always knows every subcommand and option; SCENARIO arguments complete to
YAML files and the names of bundled scenarios, JOURNAL arguments to files.
"""
from __future__ import annotations

import argparse
import sys

SHELLS = ("bash", "zsh", "tcsh")
INSTALL = {
    "bash": "eval \"$(simex completion bash)\"   # in ~/.bashrc",
    "zsh": "simex completion zsh > ~/.zfunc/_simex   # with fpath+=(~/.zfunc) before compinit in ~/.zshrc",
    "tcsh": "eval `simex completion tcsh`   # in ~/.tcshrc",
}


def add_parser(sub) -> None:
    p = sub.add_parser("completion", help="print a shell completion script (bash, zsh, tcsh)",
                       description="Print a tab-completion script for simex. " +
                                   " ".join(f"{shell}: {how}." for shell, how in INSTALL.items()))
    p.add_argument("shell", choices=SHELLS)
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    import shtab

    from simex.cli import build_parser

    parser = build_parser()
    _mark_file_arguments(parser)
    sys.stdout.write(shtab.complete(parser, shell=args.shell, preamble=_preamble(args.shell)))
    return 0


def _scenario_names() -> str:
    from simex.library_index import bundled

    return " ".join(bundled())


def _preamble(shell: str) -> dict[str, str] | None:
    if shell != "bash":
        return None
    # Bundled scenario names beside the YAML files of the current folder.
    return {"bash": "_simex_scenario() {\n"
                    f"  compgen -W \"{_scenario_names()}\" -- \"$1\"\n"
                    "  compgen -f -X '!*.y*ml' -- \"$1\"\n"
                    "  compgen -d -- \"$1\"\n"
                    "}\n"}


def _mark_file_arguments(parser: argparse.ArgumentParser) -> None:
    """Tell shtab which arguments are files, walking every subcommand."""
    import shtab

    scenario = {"bash": "_simex_scenario", "zsh": "_files -g '*.y(a|)ml'", "tcsh": "f:*.y*ml"}
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for sub in action.choices.values():
                _mark_file_arguments(sub)
        elif action.dest in ("scenario", "files"):
            action.complete = scenario
        elif action.dest in ("journal", "resume", "journals", "handout", "output", "plan", "tls_cert", "tls_key"):
            action.complete = shtab.FILE
