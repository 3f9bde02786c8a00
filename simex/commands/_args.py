"""Argument types shared by commands: a bad value stops argparse with
`simex CMD: error: argument --x: ...` and exit status 2, before anything is
opened, created or printed."""
from __future__ import annotations

import argparse
import math
from pathlib import Path

from simex.choices import MAX_SPEED
from simex.commands._help import parser_words as _


def port(text: str) -> int:
    """A TCP port; 0 lets the system choose a free one."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(_("not a port number: {text}").format(text=repr(text))) from None
    if not 0 <= value <= 65535:
        raise argparse.ArgumentTypeError(_("a port is between 0 and 65535, not {value}").format(value=value))
    return value


def speed(text: str) -> float:
    """Scenario seconds per wall second, as the engine accepts it."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(_("not a number: {text}").format(text=repr(text))) from None
    if not (math.isfinite(value) and 0 < value <= MAX_SPEED):
        raise argparse.ArgumentTypeError(_("speed must be more than 0 and at most {max}, not {text}").format(
            max=f"{MAX_SPEED:g}", text=text))
    return value


def new_file(text: str) -> Path:
    """A file to write, in a folder that exists (the file itself may not yet)."""
    path = Path(text)
    folder = path.parent
    if not folder.is_dir():
        raise argparse.ArgumentTypeError(_("cannot write {path}: no folder {folder}").format(path=path, folder=folder))
    if path.is_dir():
        raise argparse.ArgumentTypeError(_("cannot write {path}: it is a folder").format(path=path))
    return path


def language(text: str) -> str:
    """A language simex has a catalog for; any other is refused with the list."""
    from simex.languages import LanguageNotAvailable, translator

    try:
        translator(text)
    except LanguageNotAvailable as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None
    return text


def add_console_language(p: argparse.ArgumentParser) -> None:
    """--lang of the commands that open a console (play, serve, join). Unset,
    it is resolved when the command runs (console_language), as every other
    command's messages are: SIMEX_LANG, else the locale, else English."""
    p.add_argument("--lang", type=language, metavar="LANG",
                   help="console language: ar, zh, en, fr, ru or es (default: SIMEX_LANG, else the locale, "
                        "else en)")
