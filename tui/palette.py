"""Textual's command palette, and the few words Textual itself shows a
console user, in the console's language.

Textual writes its own words in English where no argument reaches them: the
palette's "No matches found" line and its Escape binding, the theme picker's
placeholder, the Ctrl+C hint and the screenshot notice. The console's App
(simex.tui.i18n.Localised) opens its palettes through `Palette` and replaces
the rest with its own actions. Textual is pinned exactly (pyproject.toml);
tests/net/test_palette_languages.py fails if a release moves any of these.
"""
from __future__ import annotations

from rich.align import Align
from rich.text import Text
from textual.command import CommandList, CommandPalette
from textual.widgets.option_list import Option

from simex.tui.i18n import relabel_bindings


class Palette(CommandPalette):
    """A command palette whose own words are the console's (`t`)."""

    def __init__(self, t, placeholder: str, **kwargs) -> None:
        super().__init__(placeholder=placeholder, **kwargs)
        self.t = t
        relabel_bindings(self, {"escape": t.gettext("Close the command palette")})

    def _start_no_matches_countdown(self, search_value: str) -> None:
        # Textual's own, with its one English line in the console's language.
        self._stop_no_matches_countdown()

        def show_no_matches() -> None:
            if search_value:
                self.query_one(CommandList).add_option(Option(
                    Align.center(Text(self.t.gettext("No matches found"), style="not bold")),
                    disabled=True, id=self._NO_MATCHES))
                self._list_visible = True
            else:
                self._list_visible = False     # nothing typed: nothing to say

        self._no_matches_timer = self.set_timer(self._NO_MATCHES_COUNTDOWN, show_no_matches)
