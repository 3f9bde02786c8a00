"""A table that draws only the rows on screen.

Textual's DataTable pays about 0.1 ms and 1.4 KB per added row and more per
updated cell; the Scoring tab of a long exercise holds thousands of
expectation instances whose countdowns change every second. Here adding or
changing a row is a dict entry and a refresh, and a paint costs the rows on
screen, however many there are (the same idea as the timeline).
"""
from __future__ import annotations

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.binding import Binding
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

from simex.tui.script import fit, fit_right
from simex.tui.scrolling import set_virtual_size

Cell = str | Text


class RowTable(ScrollView, can_focus=True):
    """Rows of cells under a header, keyed, with a row cursor. Cells are cut
    and padded by terminal cells, so a column of Chinese lines up."""

    COMPONENT_CLASSES = {"rowtable--header", "rowtable--cursor", "rowtable--even"}
    DEFAULT_CSS = """
    RowTable { height: 1fr; }
    RowTable > .rowtable--header { text-style: bold; background: $panel; }
    RowTable > .rowtable--cursor { background: $accent 40%; }
    RowTable > .rowtable--even { background: $surface-lighten-1 30%; }
    """
    BINDINGS = [
        Binding("up", "cursor(-1)", show=False), Binding("down", "cursor(1)", show=False),
        Binding("pageup", "cursor(-20)", show=False), Binding("pagedown", "cursor(20)", show=False),
        Binding("home", "cursor(-1000000000)", show=False), Binding("end", "cursor(1000000000)", show=False),
    ]

    def __init__(self, columns: list[tuple[str, str, int]], *, right_to_left: bool = False, **kwargs) -> None:
        """`columns`: (key, label, width) each. `right_to_left`: mirrored for a
        language written right to left (tui/direction.py): the first column at
        the right edge, each cell right-aligned; cells are still given in the
        columns' own order. Like the timeline's lines, a mirrored table does
        not scroll sideways: what does not fit is cut at the left edge, the
        cell cut there with an ellipsis at its text's end. (Letters are put in
        visual order after drawing, cell by cell: a cell cut by the view
        instead would show its text's end, not its beginning.)"""
        super().__init__(**kwargs)
        self.columns = columns
        self.right_to_left = right_to_left
        self.keys: list[str] = []            # row keys, in display order
        self.cells: dict[str, tuple] = {}
        self.cursor = 0
        self._width = sum(width + 1 for _, _, width in columns)
        self._scroll_width = 0 if right_to_left else self._width

    @property
    def row_count(self) -> int:
        return len(self.keys)

    def get_row(self, key: str) -> tuple:
        return self.cells[key]

    def add_rows(self, rows: list[tuple[str, tuple]]) -> None:
        """(key, cells) each, appended below the others."""
        for key, cells in rows:
            if key not in self.cells:
                self.keys.append(key)
            self.cells[key] = cells
        set_virtual_size(self, Size(self._scroll_width, len(self.keys) + 1))
        self.refresh()

    def update_row(self, key: str, cells: tuple) -> None:
        self.update_rows([(key, cells)])

    def update_rows(self, rows: list[tuple[str, tuple]]) -> None:
        """(key, cells) each, rows already in the table; one refresh for all
        (a refresh posts a message: 300 changed rows were 300 messages)."""
        for key, cells in rows:
            self.cells[key] = cells
        self.refresh()

    def clear(self) -> None:
        self.keys, self.cells, self.cursor = [], {}, 0
        self.virtual_size = Size(self._scroll_width, 1)
        self.refresh()

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        width = self.size.width
        if y == 0:
            cells = tuple(label for _, label, _ in self.columns)
            style = self.rich_style + self.get_component_rich_style("rowtable--header")
        else:
            line = scroll_y + y - 1
            if line >= len(self.keys):
                return Strip.blank(width, self.rich_style)
            cells = self.cells[self.keys[line]]
            style = self.rich_style
            if line == self.cursor and self.has_focus:
                style = style + self.get_component_rich_style("rowtable--cursor")
            elif line % 2:
                style = style + self.get_component_rich_style("rowtable--even")
        if self.right_to_left:
            return Strip(self._mirrored(cells, style, width), width)
        return Strip(self._segments(cells, style)).crop(scroll_x, scroll_x + width).extend_cell_length(width, style)

    def _segments(self, cells: tuple, style: Style) -> list[Segment]:
        return [Segment(fit(_plain(cell), width) + " ", _style(cell, style))
                for (_, _, width), cell in zip(self.columns, cells)]

    def _mirrored(self, cells: tuple, style: Style, room: int) -> list[Segment]:
        """The cells from the right edge, first column first, each right-aligned
        with its separating space on its left, in exactly `room` cells."""
        segments = []
        for (_, _, width), cell in zip(self.columns, cells):
            width = min(width, room - 1)
            if width <= 0:
                break
            segments.append(Segment(" " + fit_right(_plain(cell), width), _style(cell, style)))
            room -= width + 1
        if room > 0:
            segments.append(Segment(" " * room, style))
        return segments[::-1]

    def action_cursor(self, delta: int) -> None:
        if not self.keys:
            return
        self.cursor = max(0, min(len(self.keys) - 1, self.cursor + delta))
        top, height = self.scroll_offset.y, max(1, self.size.height - 1)
        if self.cursor < top:
            self.scroll_to(y=self.cursor, animate=False, immediate=True)
        elif self.cursor >= top + height:
            self.scroll_to(y=self.cursor - height + 1, animate=False, immediate=True)
        self.refresh()

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()


def _plain(cell: Cell) -> str:
    return cell.plain if isinstance(cell, Text) else str(cell)


def _style(cell: Cell, style: Style) -> Style:
    """The row's style, with a Text cell's own (a status's colour) over it."""
    return style + Style.parse(str(cell.style)) if isinstance(cell, Text) and cell.style else style
