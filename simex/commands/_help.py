"""The command line in the reader's language: `--help`, usage lines and
argparse's errors.

The help texts are plain English in each command's `add_parser` (argparse
declarations are data; tools/catalogs reads them off the built parser into
the catalog, with the command and option as context for translators).
They are translated as they are shown, by the parser's help formatter, so
`%(default)s` and friends are filled in after translation. argparse's own
words ("usage:", "options", "the following arguments are required: %s")
go through its module-level gettext functions, which `speaking` points at
simex's catalog while the parser is built and used.

Light on purpose: `simex --help` imports this (no Babel, no engine)."""
from __future__ import annotations

import argparse
import gettext
from contextlib import contextmanager
from functools import lru_cache

_NULL = gettext.NullTranslations()


def N_(text: str) -> str:
    """Marks a string for the catalog without translating it here."""
    return text


# argparse's own user-facing words (the `argparse` gettext domain, Python
# 3.11), listed so the catalog carries them; `speaking` routes them to it.
ARGPARSE_WORDS = (
    # Translators: argparse: starts the usage line; keep the trailing space
    N_("usage: "),
    # Translators: argparse: heading of the help's list of positional arguments
    N_("positional arguments"),
    # Translators: argparse: heading of the help's list of options
    N_("options"),
    # Translators: argparse: help of -h/--help
    N_("show this help message and exit"),
    # Translators: argparse: an error line; %(prog)s is the command (simex run), keep the line break at the end
    N_("%(prog)s: error: %(message)s\n"),
    # Translators: argparse error: %(argument_name)s is an option such as --seed, %(message)s what is wrong
    N_("argument %(argument_name)s: %(message)s"),
    # Translators: argparse error: %s lists the missing arguments (scenario, --output)
    N_("the following arguments are required: %s"),
    # Translators: argparse error: %s lists options of which one must be given
    N_("one of the arguments %s is required"),
    # Translators: argparse error: %s lists the words it did not understand
    N_("unrecognized arguments: %s"),
    # Translators: argparse error: two options that exclude each other; %s is the other option
    N_("not allowed with argument %s"),
    # Translators: argparse error: a value given to an option that takes none, as in --json=yes
    N_("ignored explicit argument %r"),
    # Translators: argparse error: an option given without its value
    N_("expected one argument"),
    N_("expected at most one argument"),
    N_("expected at least one argument"),
    # Translators: argparse error: %s is a number
    _NULL.ngettext("expected %s argument", "expected %s arguments", 2),
    # Translators: argparse error: an abbreviated option matching several options
    N_("ambiguous option: %(option)s could match %(matches)s"),
    # Translators: argparse error: %(type)s is a type such as int, %(value)r what was typed
    N_("invalid %(type)s value: %(value)r"),
    # Translators: argparse error: a value not among the allowed ones, which %(choices)s lists
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    # Translators: argparse error: an unknown subcommand
    N_("unknown parser %(parser_name)r (choices: %(choices)s)"),
    # Translators: argparse error: a file that cannot be opened
    N_("can't open '%(filename)s': %(error)s"),
)


def asked_language(argv: list[str]) -> str | None:
    """The language --lang names on the command line, read before the parser
    exists (the parser is built in that language), for the commands whose
    --lang is the reader's language; `simex translate --lang` names the
    language being translated into, so it does not count. An unavailable
    --lang is left to the parser to refuse."""
    from simex.languages import available

    words = [a for a in argv if not a.startswith("-")]
    if words[:1] == ["translate"]:
        return None
    for i, arg in enumerate(argv):
        if arg == "--":
            break
        value = argv[i + 1] if arg == "--lang" and i + 1 < len(argv) else (
            arg.removeprefix("--lang=") if arg.startswith("--lang=") else None)
        if value is not None:
            return value if value in available() else None
    return None


@contextmanager
def speaking(words: gettext.NullTranslations):
    """argparse's words and every help text in `words`' language while the
    parser is built, parses and prints its help or errors."""
    saved = argparse._, argparse.ngettext
    argparse._, argparse.ngettext = words.gettext, words.ngettext
    try:
        yield
    finally:
        argparse._, argparse.ngettext = saved


def _say(text):
    """A help text in the language `speaking` set (English outside it)."""
    return argparse._(text) if text and text is not argparse.SUPPRESS else text


class _Translates(argparse.HelpFormatter):
    def _get_help_string(self, action):
        return _say(super()._get_help_string(action))

    def add_text(self, text):   # descriptions and epilogs
        super().add_text(_say(text))

    def start_section(self, heading):   # argument group titles
        super().start_section(_say(heading))


@lru_cache(maxsize=None)
def _translating(formatter: type) -> type:
    return type(f"Translated{formatter.__name__}", (_Translates, formatter), {})


class Parser(argparse.ArgumentParser):
    """An ArgumentParser whose help is translated as it is shown, whatever
    formatter_class a command chose; subcommands inherit it."""

    def _get_formatter(self):
        return _translating(self.formatter_class)(prog=self.prog)


def parser_words(text: str) -> str:
    """A message the parser shows (an argument type's refusal), in the
    language `speaking` set: argument types run inside parse_args."""
    return argparse._(text)
