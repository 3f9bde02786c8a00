"""The join codes of a served exercise, and reissuing one."""
from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Label


class CodesScreen(ModalScreen):
    """Join codes per role; `r` revokes the selected role's code and issues a new one
    (whoever is connected with the old code is disconnected)."""

    BINDINGS = [Binding("escape,q", "close", "Close"), Binding("r", "reissue", "Reissue code")]
    DEFAULT_CSS = """
    CodesScreen { align: center middle; }
    CodesScreen > Vertical { width: 80; height: auto; max-height: 90%; border: round $accent;
                             background: $surface; padding: 0 1; }
    CodesScreen DataTable { height: auto; max-height: 20; }
    """

    def __init__(self, server, t):
        super().__init__()
        self.server, self.t = server, t

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(f"{self.server.address}  ·  simex join ADDRESS --code CODE", classes="title")
            table = DataTable(id="codes", cursor_type="row")
            table.add_columns("role", "code")
            for label, code in self.server.codes.pretty():
                table.add_row(label, code, key=label)
            yield table

    def action_reissue(self) -> None:
        table = self.query_one("#codes", DataTable)
        label = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        code = self.server.codes.reissue(label)
        self.server.disconnect_role(label)
        table.update_cell(label, table.ordered_columns[1].key, code)
        self.notify(f"{label}: new code {code}; the old one no longer works")

    def action_close(self) -> None:
        self.dismiss(None)
