"""Command messages in the user's language: --lang where a command has it,
else SIMEX_LANG, else the locale (LANGUAGE, LC_ALL, LC_MESSAGES, LANG) when
simex speaks it, else English. Named languages without a catalog are refused;
a locale simex lacks reads English, as for any gettext program."""
from __future__ import annotations

import os
import subprocess
import sys

import pytest

from simex.commands._lang import message_language
from tests.conftest import BORDER, ROOT

_LOCALE = ("SIMEX_LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")


@pytest.mark.parametrize("env, expected", [
    ({}, "en"),
    ({"LANG": "fr_FR.UTF-8"}, "fr"),
    ({"LANG": "C.UTF-8"}, "en"),
    ({"LANG": "de_DE.UTF-8"}, "en"),                          # simex has no German: English, as gettext does
    ({"LANGUAGE": "de:ru", "LANG": "fr_FR.UTF-8"}, "ru"),      # LANGUAGE is a preference list and wins
    ({"LC_ALL": "zh_CN.UTF-8", "LANG": "es_ES.UTF-8"}, "zh"),  # the first variable set wins
    ({"LC_MESSAGES": "ar_EG.UTF-8"}, "ar"),
    ({"SIMEX_LANG": "es", "LANG": "fr_FR.UTF-8"}, "es"),
])
def test_the_message_language_follows_the_user_locale(monkeypatch, env, expected):
    for name in _LOCALE:
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert message_language() == expected
    assert message_language("ru") == "ru"      # a command's --lang comes first


def _simex(*args, **env):
    full = {k: v for k, v in os.environ.items() if k not in _LOCALE} | env
    return subprocess.run([sys.executable, "-c", "import sys; from simex.cli import main; sys.exit(main())", *args],
                          capture_output=True, text=True, cwd=ROOT, env=full, timeout=300)


def test_a_command_speaks_the_locale_language():
    out = _simex("lint", str(BORDER), "--runs", "0", LANG="ru_RU.UTF-8")
    assert out.returncode == 2
    assert out.stderr.strip() == "simex lint: --runs должно быть не меньше 1"
    out = _simex("lint", str(BORDER), "--runs", "0", LANG="C.UTF-8")
    assert out.stderr.strip() == "simex lint: --runs must be at least 1"


def test_simex_lang_naming_a_language_without_a_catalog_is_an_error():
    out = _simex("lint", str(BORDER), "--runs", "0", SIMEX_LANG="de")
    assert out.returncode == 2 and "Traceback" not in out.stderr
    assert out.stderr.strip() == "simex: language 'de' is not available; available: ar, zh, en, fr, ru, es"


def test_lint_says_its_warnings_and_its_summary_in_the_reader_language():
    """`simex lint` used to print the warnings and the "ok (N warnings)" in English
    with only its last words translated: one line in two languages."""
    out = _simex("lint", str(BORDER), "--runs", "2", SIMEX_LANG="fr")
    assert out.returncode == 0, out.stderr
    lines = out.stdout.strip().splitlines()
    assert lines and all(": avertissement : " in line for line in lines[:-1]), out.stdout
    assert "warning" not in out.stdout and "never" not in out.stdout
    assert lines[-1] == f"{BORDER} : ok ({len(lines) - 1} avertissements) en 4 exécutions à blanc"


def test_run_tells_the_timeline_and_the_scoring_in_the_reader_language():
    """`simex run` translated its headings only: the timeline, each expectation's
    explanation and the bot profile stayed English under them."""
    english = _simex("run", str(BORDER), "--no-journal", LANG="C.UTF-8")
    french = _simex("run", str(BORDER), "--no-journal", SIMEX_LANG="fr")
    assert english.returncode == french.returncode == 0, french.stderr
    for phrase in ("Portal alarm on lane", "follows doctrine with realistic delays", " after ", "re-scan"):
        assert phrase in english.stdout
        assert phrase not in french.stdout, phrase
    assert "bots 'doctrine' (suit la doctrine" in french.stdout
    assert "Alarme du portique voie" in french.stdout
    # The same run: as many lines, the same clocks and ids.
    assert len(english.stdout.splitlines()) == len(french.stdout.splitlines())


def test_play_without_a_scenario_is_told_in_the_reader_language():
    out = _simex("play", "--lang", "ru")
    assert out.returncode == 2
    assert out.stderr.strip() == "simex play: укажите файл SCENARIO или --resume JOURNAL"


def test_play_says_where_the_journal_is_in_the_console_language(tmp_path, monkeypatch, capsys):
    """The last line after the console closes, with the command to continue."""
    import simex.tui.app
    from simex.cli import main

    class Closed:
        def run(self):
            return None

    monkeypatch.setattr(simex.tui.app, "make_app", lambda *a, **k: Closed())
    journal = tmp_path / "day1.simex"
    assert main(["play", str(BORDER), "--lang", "fr", "--journal", str(journal)]) == 0
    assert capsys.readouterr().out.strip() == (f"journal : {journal}  (pour continuer : simex play --resume "
                                               f"{journal})")


def test_serve_tells_a_busy_port_in_the_console_language():
    """What `simex serve` prints for the facilitator (the address, the codes, a
    port already taken) follows --lang, as the console does."""
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        out = _simex("serve", str(BORDER), "--host", "127.0.0.1", "--port", str(port), "--no-console",
                     "--lang", "es")
    assert out.returncode == 1
    assert out.stderr.strip().startswith(f"simex serve: no se puede escuchar en 127.0.0.1:{port}: ")
