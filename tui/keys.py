"""`?`: every key of the console and what it does, including those the footer
has no room for on a laptop's 80x24 or 100x30 screen (the footer shows the
first few; this list and the command palette, Ctrl+P, have them all)."""
from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from simex.languages import translator

KEYS = Binding("question_mark", "keys", "Keys", key_display="?")


def key_list(app) -> list[tuple[str, str]]:
    """(key as shown, what it does) for every binding of the console with a
    description, in the order the console declares them, each key once. The
    descriptions are the app's own copies, relabelled in its language
    (simex.tui.i18n.relabel_bindings)."""
    seen, rows = set(), []
    for key, bindings in app._bindings.key_to_bindings.items():
        for binding in bindings:
            if not binding.description or key in seen or binding.action in ("command_palette", "quit"):
                continue
            seen.add(key)
            rows.append((binding.key_display or key, binding.description))
    return rows


class KeysScreen(ModalScreen):
    BINDINGS = [Binding("escape,question_mark,q", "close", "Close")]
    DEFAULT_CSS = """
    KeysScreen { align: center middle; }
    KeysScreen > VerticalScroll { width: 64; height: auto; max-height: 90%; border: round $accent;
                                  background: $surface; padding: 0 1; }
    """

    def compose(self) -> ComposeResult:
        g = translator(getattr(getattr(self.app, "t", None), "lang", "en"))
        lines = [g.gettext("Keys (Esc closes; Ctrl+P finds any command by name)"), ""]
        lines += [f"  {key:<8} {what}" for key, what in key_list(self.app)]
        with VerticalScroll():
            yield Static("\n".join(lines), markup=False)

    def action_close(self) -> None:
        self.dismiss(None)
