"""The scenarios that ship with simex, found by name.

`simex play border-detection` means the bundled file when no such file exists
in the current folder: a facilitator with only `pip install simex` can run
the library. The files live in the repository's scenarios/ folder, installed
as the data package `simex.library`.
"""
from __future__ import annotations

import argparse
import difflib
from pathlib import Path

SUFFIX = ".yaml"


def library_dir() -> Path:
    from importlib.resources import files  # 4 ms, paid when a scenario is looked up, not by --help

    return Path(str(files("simex.library")))


def bundled() -> dict[str, Path]:
    """Bundled scenario name -> file, in name order."""
    return {p.name[: -len(SUFFIX)]: p for p in sorted(library_dir().glob(f"*{SUFFIX}"))}


def schema_file() -> Path:
    return library_dir() / "simex.schema.json"


def resolve(text: str) -> Path:
    """A scenario argument: an existing file as given, else a bundled scenario
    by name (with or without .yaml). Raises ValueError saying what exists."""
    path = Path(text)
    if path.exists():
        return path
    names = bundled()
    name = text[: -len(SUFFIX)] if text.endswith(SUFFIX) else text
    if name in names and Path(text).name == text:
        return names[name]
    hint = difflib.get_close_matches(name, list(names), n=1)
    did_you_mean = f"; did you mean {hint[0]!r}?" if hint else ""
    raise ValueError(f"no file {text!r} and no bundled scenario of that name{did_you_mean} "
                     f"(bundled: {', '.join(names)}; `simex scenarios` lists them)")


def scenario_argument(text: str) -> Path:
    """argparse `type=` for a SCENARIO argument."""
    try:
        return resolve(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None
