"""Right-to-left consoles: the layout mirrored for a language written right
to left (Arabic), as its readers expect a screen to read.

script.py puts each line's letters in reading order; this module mirrors
what holds them. A console in such a language carries the CSS class `rtl`
(`mirror_app`), and rtl.tcss right-aligns text and pushes content to the
right under it. What CSS cannot reverse is reversed here: a row of widgets
(the footer's keys, the tabs, a form's buttons) runs from the right, and a
table's first column is at the right edge. Keys, focus order by key and
every action stay what they are in a left-to-right console, and a console in
a left-to-right language is drawn exactly as before (nothing here applies
without the class).
"""
from __future__ import annotations

from rich.text import Text
from textual.containers import Horizontal
from textual.widgets import DataTable
from textual.widgets import Footer as TextualFooter
from textual.widgets._footer import FooterKey

from simex.languages import is_right_to_left

RTL = "rtl"


def mirror_app(app, lang: str) -> None:
    """Mark a console in a right-to-left language (its CSS, `mirrored`)."""
    app.set_class(is_right_to_left(lang), RTL)


def mirrored(node) -> bool:
    """Whether `node` belongs to a console laid out right to left."""
    return node.app.has_class(RTL)


def reverse_rows(root) -> None:
    """Children of each row of widgets under `root` (Horizontal containers, a
    TabbedContent's tabs) in right-to-left order: the first at the right.
    Call once, after `root` has mounted its children."""
    for row in root.query(Horizontal):       # a TabbedContent's tabs are a Horizontal too
        for child in list(row.children):
            row.move_child(child, before=0)


class MirroredFooterKey(FooterKey):
    """A footer key read from the right: its description, then the key."""

    def render(self) -> Text:
        if not self.description:
            return super().render()
        text = Text.assemble((f" {self.description}", self.get_component_rich_style("footer-key--description")),
                             (f" {self.key_display} ", self.get_component_rich_style("footer-key--key")))
        text.stylize_before(self.rich_style)
        return text


class Footer(TextualFooter):
    """Textual's footer; in a right-to-left console its keys run from the
    right edge (rtl.tcss docks the command palette's key at the left), and
    when they do not all fit, those cut off are the last, at the left."""

    def compose(self):
        items = list(super().compose())
        if not mirrored(self):
            yield from items
            return
        for item in items:
            if type(item) is FooterKey:
                # Textual builds its own FooterKey; only the drawing differs.
                item.__class__ = MirroredFooterKey
        yield from reversed(items)

    async def recompose(self) -> None:
        await super().recompose()
        if mirrored(self):
            self._show_right_edge()

    def on_resize(self) -> None:
        if mirrored(self):
            self._show_right_edge()

    def _show_right_edge(self) -> None:
        self.call_after_refresh(lambda: self.scroll_to(x=self.max_scroll_x, animate=False, immediate=True))


class Table(DataTable):
    """Textual's DataTable; in a right-to-left console its columns read from
    the right (the first at the right edge, text right-aligned) and the view
    starts at that edge. Rows are still given in the columns' own order
    (`add_row(first, second, ...)`), as in a left-to-right console; like
    `ordered_columns`, `get_row` gives them in the order on screen."""

    def __init__(self, *, lang: str = "en", **kwargs) -> None:
        self.right_to_left = is_right_to_left(lang)     # before DataTable.__init__ reads ordered_columns
        super().__init__(**kwargs)

    @property
    def ordered_columns(self):
        """The columns as they appear on screen, left to right."""
        columns = super().ordered_columns
        return columns[::-1] if self.right_to_left else columns

    def add_column(self, label, *, width=None, key=None, default=None):
        if self.right_to_left:
            label = _right_aligned(label)
        return super().add_column(label, width=width, key=key, default=default)

    def add_row(self, *cells, height=1, key=None, label=None):
        if self.right_to_left:
            # DataTable pairs cells with ordered_columns, here reversed; pad first so
            # that missing trailing cells stay the trailing columns.
            padded = list(cells) + [None] * (len(self.columns) - len(cells))
            cells = [_right_aligned(cell) for cell in reversed(padded)]
        return super().add_row(*cells, height=height, key=key, label=label)

    def update_cell(self, row_key, column_key, value, *, update_width: bool = False) -> None:
        super().update_cell(row_key, column_key, _right_aligned(value) if self.right_to_left else value,
                            update_width=update_width)

    def on_resize(self) -> None:
        self._show_right_edge()

    def watch_virtual_size(self) -> None:
        self._show_right_edge()

    def _show_right_edge(self) -> None:
        if self.right_to_left:
            # The first columns are at the right edge: show that edge when the
            # table is wider than the screen.
            self.call_after_refresh(lambda: self.scroll_to(x=self.max_scroll_x, animate=False, immediate=True))


def _right_aligned(cell):
    if isinstance(cell, str):
        return Text(cell, justify="right")
    if isinstance(cell, Text):
        cell = cell.copy()
        cell.justify = "right"
    return cell
