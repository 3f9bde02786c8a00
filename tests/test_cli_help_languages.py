"""`simex --help`, every subcommand's help, usage lines and argparse's
errors in the reader's language (--lang, else SIMEX_LANG, else the locale).

Help texts are plain English in each command's add_parser; the catalog
holds them (tools/catalogs reads them off the parser) and the parser's
formatter translates them as it shows them. The test renders each parser's
help per language and checks that every help text came back translated:
its translation is in the page and, where it differs, the English is not."""
from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys

import pytest

from simex.cli import build_parser
from simex.commands._help import speaking
from simex.languages import translator
from tests.conftest import BORDER, ROOT

LANGUAGES = ("fr", "es", "ru", "ar", "zh")
_LOCALE = ("SIMEX_LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")


def _parsers(parser, command="simex"):
    """(command line, parser) for simex and every subcommand, nested ones too."""
    yield command, parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield from _parsers(sub, f"{command} {name}")


def _texts(parser):
    """(English text, its %-parameters) of every help text the page shows."""
    for text in (parser.description, parser.epilog):
        if text:
            yield text, {"prog": parser.prog}
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            yield from ((c.help, dict(vars(c), prog=parser.prog)) for c in action._choices_actions if c.help)
        elif action.help and action.help is not argparse.SUPPRESS:
            yield action.help, dict(vars(action), prog=parser.prog)


def _bare(text: str) -> str:
    return re.sub(r"\s+", "", text)   # argparse re-wraps lines (CJK at any character)


COMMANDS = [command for command, _ in _parsers(build_parser())]


def test_every_subcommand_is_checked():
    assert {"simex", "simex run", "simex sweep", "simex journal export", "simex translate import",
            "simex msel export", "simex validate"} <= set(COMMANDS)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_help_page_is_in_the_language(lang):
    t = translator(lang)
    with speaking(t):
        pages = {command: (parser, parser.format_help()) for command, parser in _parsers(build_parser())}
    for command, (parser, page) in pages.items():
        assert page.startswith(t.gettext("usage: ")), command
        assert t.gettext("show this help message and exit") in page, command
        for english, params in _texts(parser):
            translated = t.gettext(english)
            assert _bare(translated % params) in _bare(page), (command, english)
            if translated != english:
                assert _bare(english % params) not in _bare(page), (command, english)
    assert t.gettext("usage: ") != "usage: "


def test_the_help_keeps_english_outside_a_language():
    page = build_parser().format_help()
    assert page.startswith("usage: simex") and "Run, check and replay tabletop simulation exercises." in page


def _simex(*args, **env):
    full = {k: v for k, v in os.environ.items() if k not in _LOCALE} | env
    return subprocess.run([sys.executable, "-m", "simex.cli", *args],
                          capture_output=True, text=True, cwd=ROOT, env=full, timeout=300)


def test_an_argparse_error_speaks_french():
    out = _simex("branch", "exercise.simex", SIMEX_LANG="fr")
    assert out.returncode == 2
    assert out.stderr.splitlines() == [
        "utilisation : simex branch [-h] (--at T | --at-command C) -o NEW journal",
        "simex branch : erreur : les arguments suivants sont obligatoires : -o/--output"]


def test_the_locale_chooses_the_help_language():
    out = _simex("run", "--help", LANG="zh_CN.UTF-8")
    assert out.returncode == 0 and out.stdout.startswith("用法：simex run")
    assert "随机种子（默认：场景自带的）" in out.stdout


def test_a_commands_lang_option_chooses_the_help_language():
    out = _simex("report", "--lang", "es", "--help", LANG="fr_FR.UTF-8")
    assert out.stdout.startswith("uso: simex report")
    # `simex translate --lang` is the language translated into, not the reader's
    out = _simex("translate", "export", "x.yaml", "--lang", "ar", "--help", LANG="fr_FR.UTF-8")
    assert out.stdout.startswith("utilisation : simex translate export")


def test_sweep_refusals_speak_russian():
    out = _simex("sweep", str(BORDER), "--workers", "0", SIMEX_LANG="ru")
    assert (out.returncode, out.stderr) == (2, "simex sweep: --workers должно быть не меньше 1\n")
    out = _simex("sweep", SIMEX_LANG="ru")
    assert (out.returncode, out.stderr) == (2, "simex sweep: укажите файл SCENARIO (или --resume RESULTS)\n")
    out = _simex("sweep", str(BORDER), "--bots", "lazy", LANG="ru_RU.UTF-8")
    assert out.stderr.startswith("simex sweep: неизвестный профиль ботов 'lazy'; выберите один из: ")


def test_simex_lang_naming_a_language_simex_lacks_stops_help_with_the_list():
    out = _simex("--help", SIMEX_LANG="xx")
    assert (out.returncode, out.stdout) == (2, "")
    assert out.stderr == "simex: language 'xx' is not available; available: ar, zh, en, fr, ru, es\n"


def test_an_argument_type_refusal_speaks_the_language_of_the_parser():
    out = _simex("serve", "border-detection", "--port", "abc", SIMEX_LANG="fr")
    assert out.returncode == 2
    assert out.stderr.splitlines()[-1] == "simex serve : erreur : argument --port : pas un numéro de port : 'abc'"


def test_join_refuses_in_the_console_language():
    out = _simex("join", "ws://127.0.0.1:1", "--code", "ABCD", "--ca", "cert.pem", "--lang", "ru")
    assert (out.returncode, out.stderr) == (
        2, "simex join: --ca, --fingerprint и --insecure предназначены для серверов wss://, а не для ws://127.0.0.1:1\n")


def test_run_and_journal_export_speak_the_locale(tmp_path):
    journal, copy = tmp_path / "j.simex", tmp_path / "copy.simex"
    out = _simex("run", "border-detection", "--journal", str(journal), LANG="fr_FR.UTF-8")
    lines = out.stdout.splitlines()
    assert out.returncode == 0 and lines[1].endswith(" événements") and "Attentes doctrinales" in lines
    assert re.fullmatch(r"Score : \d+ à temps, \d+ en retard, \d+ manqués, \d+ ouverts à ENDEX — \d+\s% à temps",
                        lines[-2]), lines[-2]
    assert lines[-1] == f"journal : {journal}"
    out = _simex("journal", "export", str(journal), str(copy), SIMEX_LANG="es")
    assert re.fullmatch(rf"{re.escape(str(copy))}: (\d+) entradas \(\1 eventos, 0 comandos\) en un solo archivo\n",
                        out.stdout), out.stdout
    out = _simex("journal", "export", str(journal), str(copy), SIMEX_LANG="es")
    assert out.stderr == f"simex journal export: {copy} ya existe; elija otro archivo\n"
