"""Textual's own words, in the console's language: the command palette's
system commands (Theme, Quit, Keys, Screenshot...) and their help, its
placeholder, its "No matches found" line, the theme picker and the Ctrl+C
hint, in the facilitator's console and in every console that joins
(participant, evaluator, projector)."""
from __future__ import annotations

import re

import pytest
from textual.command import CommandList, CommandPalette
from textual.widgets import Input

from simex.languages import translator
from simex.net.client import RemoteSession
from simex.session import LocalSession
from simex.tui.app import make_app
from simex.tui.participant import make_participant_app
from simex.tui.projector import ProjectorConsole
from simex.tui.script import visual
from tests.conftest import BORDER
from tests.net.conftest import code_for
from tests.net.test_participant import joined, until
from tests.tui.screen_text import screen_text

# What Textual 8 says in English (textual/app.py get_system_commands, command.py, app.py).
ENGLISH = ("Theme", "Quit", "Keys", "Maximize", "Minimize", "Screenshot", "Change the current theme",
           "Quit the application as soon as possible", "Save an SVG 'screenshot' of the current screen",
           "Show help for the focused widget and a summary of available keys", "Search for commands",
           "No matches found", "Search for themes", "Exit the command palette")
LANGS = ["fr", "es", "ru", "ar", "zh"]


def english_in(text: str) -> list[str]:
    return [words for words in ENGLISH if re.search(rf"\b{re.escape(words)}\b", text)]


def listing(app) -> bool:
    """A palette is open and shows its commands."""
    lists = app.screen.query(CommandList)
    return CommandPalette.is_open(app) and bool(lists) and lists.first().option_count > 0


async def check_palette(app, pilot, lang: str) -> None:
    g = translator(lang)
    commands = list(app.get_system_commands(app.screen))
    assert not english_in("\n".join(f"{c.title}\n{c.help}" for c in commands))
    assert {g.gettext("Theme"), g.gettext("Quit"), g.gettext("Keys"), g.gettext("Screenshot")} <= {c.title for c in commands}

    await pilot.press("ctrl+p")
    await until(pilot, lambda: listing(app))
    palette = app.screen
    assert palette.query_one(Input).placeholder == g.gettext("Search for commands…")
    assert not english_in(screen_text(app))
    assert palette.active_bindings["escape"].binding.description == g.gettext("Close the command palette")
    await pilot.press(*"qxzqxz")
    await until(pilot, lambda: visual(g.gettext("No matches found")) in screen_text(app))
    assert not english_in(screen_text(app))
    await pilot.press("escape")
    await until(pilot, lambda: not CommandPalette.is_open(app))

    app.search_themes()
    await until(pilot, lambda: listing(app))
    assert app.screen.query_one(Input).placeholder == g.gettext("Search for themes…")
    await pilot.press("escape")
    await until(pilot, lambda: not CommandPalette.is_open(app))


@pytest.mark.parametrize("lang", LANGS)
async def test_the_facilitators_palette_speaks_the_language(lang):
    app = make_app(LocalSession.new(BORDER, record=False), lang=lang, tick_seconds=None)
    async with app.run_test(size=(100, 30)) as pilot:
        await check_palette(app, pilot, lang)


@pytest.mark.parametrize("lang", LANGS)
async def test_the_joined_consoles_palettes_speak_the_language(served, lang):
    for label in ("participant:customs", "evaluator:evaluator-1", "projector"):
        if label == "projector":
            remote = RemoteSession(served.address, code_for(served, "observer:observer-1"), retry_seconds=0.05)
            await remote.join()
            app = ProjectorConsole(remote, lang=lang)
        else:
            remote = await joined(served, label)
            app = make_participant_app(remote, lang=lang)
        async with app.run_test(size=(100, 30)) as pilot:
            await check_palette(app, pilot, lang)
        await remote.close()


async def test_ctrl_c_where_it_does_not_quit_says_how_in_the_language(served):
    """Textual's "Press ctrl+q to quit the app" / "Do you want to quit?" toast."""
    remote = await joined(served, "participant:customs")
    app = make_participant_app(remote, lang="fr")
    async with app.run_test(size=(100, 30)) as pilot:
        app.action_help_quit()
        await pilot.pause()
        g = translator("fr")
        toasts = [(n.title, n.message) for n in app._notifications]
        assert (g.gettext("Do you want to quit?"), g.gettext("Press {key} to quit").format(key="q")) in toasts
    await remote.close()
