"""The consoles (`simex play`, `serve`, `join`) speak the language every other
command speaks: --lang, else SIMEX_LANG, else the locale, else English. They
used to open in English whatever SIMEX_LANG or the locale said."""
from __future__ import annotations

import pytest

from simex.cli import main
from tests.conftest import BORDER

_LOCALE = ("SIMEX_LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")


@pytest.fixture
def opened(monkeypatch):
    """The language of each console the command opened (the console is built,
    not run)."""
    from simex.tui.app import FacilitatorApp
    from simex.tui.participant import RemoteConsole

    seen: list[str] = []
    monkeypatch.setattr(FacilitatorApp, "run", lambda self, *a, **k: seen.append(self.t.lang))
    monkeypatch.setattr(FacilitatorApp, "server_error", None, raising=False)

    async def run_async(self, *a, **k):
        seen.append(self.t.lang)
    monkeypatch.setattr(RemoteConsole, "run_async", run_async)
    for name in _LOCALE:
        monkeypatch.delenv(name, raising=False)
    return seen


def _fake_server(monkeypatch):
    from simex.net.client import RemoteSession

    async def join(self, timeout=10.0):
        self.role = {"kind": "observer"}
        self.view = {"exercise": {}, "agencies": [], "events": []}

    async def close(self):
        pass
    monkeypatch.setattr(RemoteSession, "join", join)
    monkeypatch.setattr(RemoteSession, "close", close)


def _command(name, tmp_path):
    return {"play": ["play", str(BORDER), "--journal", str(tmp_path / "j.simex")],
            "serve": ["serve", str(BORDER), "--journal", str(tmp_path / "j.simex"), "--port", "0",
                      "--host", "127.0.0.1"],
            "join": ["join", "127.0.0.1", "--code", "ABCD-EFGH-JKMN"]}[name]


@pytest.mark.parametrize("command", ["play", "serve", "join"])
@pytest.mark.parametrize("env, expected", [
    ({"SIMEX_LANG": "fr"}, "fr"),
    ({"LANG": "ar_EG.UTF-8"}, "ar"),
    ({"LANG": "de_DE.UTF-8"}, "en"),            # a locale simex lacks: English, as for any gettext program
    ({}, "en"),
])
def test_the_console_follows_simex_lang_else_the_locale(command, env, expected, opened, monkeypatch, tmp_path):
    _fake_server(monkeypatch)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert main(_command(command, tmp_path)) == 0
    assert opened == [expected]


@pytest.mark.parametrize("command", ["play", "serve", "join"])
def test_lang_on_the_command_line_comes_before_simex_lang(command, opened, monkeypatch, tmp_path):
    _fake_server(monkeypatch)
    monkeypatch.setenv("SIMEX_LANG", "fr")
    assert main([*_command(command, tmp_path), "--lang", "zh"]) == 0
    assert opened == ["zh"]


@pytest.mark.parametrize("command", ["play", "serve", "join"])
def test_simex_lang_naming_a_language_without_a_catalog_opens_no_console(command, opened, monkeypatch, tmp_path,
                                                                         capsys):
    _fake_server(monkeypatch)
    monkeypatch.setenv("SIMEX_LANG", "de")
    assert main(_command(command, tmp_path)) == 2
    assert opened == []
    assert "language 'de' is not available" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []
