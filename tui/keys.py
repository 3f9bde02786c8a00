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
    """(key as shown, what it does) for every binding with a description, the
    console's own first, each key once."""
    seen, rows = set(), []
    for cls in type(app).__mro__:
        for binding in cls.__dict__.get("BINDINGS", []):
            if not isinstance(binding, Binding) or not binding.description or binding.key in seen:
                continue
            seen.add(binding.key)
            shown = binding.key_display or binding.key.split(",")[0]
            rows.append((shown, binding.description))
    return rows


class KeysScreen(ModalScreen):
    BINDINGS = [Binding("escape,question_mark,q", "close", "Close")]
    DEFAULT_CSS = """
    KeysScreen { align: center middle; }
    KeysScreen > VerticalScroll { width: 64; height: auto; max-height: 90%; border: round $accent;
                                  background: $surface; padding: 0 1; }
    """

    def compose(self) -> ComposeResult:
        t = getattr(self.app, "t", None)
        word = (lambda text: t(text)) if callable(t) else (lambda text: text)
        g = translator(getattr(t, "lang", "en"))
        lines = [g.gettext("Keys (Esc closes; Ctrl+P finds any command by name)"), ""]
        lines += [f"  {key:<8} {word(what)}" for key, what in key_list(self.app)]
        with VerticalScroll():
            yield Static("\n".join(lines), markup=False)

    def action_close(self) -> None:
        self.dismiss(None)
