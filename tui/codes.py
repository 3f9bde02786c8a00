"""The join codes of a served exercise, and reissuing one."""
from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Label

from simex.tui.i18n import relabel_bindings


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
        relabel_bindings(self, {"close": t.gettext("Close"), "reissue": t.gettext("Reissue code")})

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(f"{self.server.address}  ·  " + self.t.gettext("simex join ADDRESS --code CODE"),
                        classes="title", markup=False)
            table = DataTable(id="codes", cursor_type="row")
            table.add_columns(self.t.pgettext("column", "role"), self.t.pgettext("column", "code"))
            for label, code in self.server.codes.pretty():
                table.add_row(label, code, key=label)
            yield table

    def action_reissue(self) -> None:
        table = self.query_one("#codes", DataTable)
        label = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        code = self.server.codes.reissue(label)
        self.server.disconnect_role(label)
        table.update_cell(label, table.ordered_columns[1].key, code)
        self.notify(self.t.gettext("{role}: new code {code}; the old one no longer works").format(role=label, code=code))

    def action_close(self) -> None:
        self.dismiss(None)
