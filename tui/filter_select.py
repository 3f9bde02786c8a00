"""The timeline's filter menus: a Select whose new label costs no new layout.

Textual's Select writes the chosen option into its label with
`Static.update`, which lays out the whole screen again (about 15 ms and a
repaint of every widget on a 160x48 console), although the label's room
never changes: the filters' row has a fixed height (facilitator.tcss) and
the label one line (cut, not wrapped). Here the label is redrawn in place,
so a filter press costs one layout at most (when the timeline's scrollbars
come or go), not two.
"""
from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Select, Static
from textual.widgets._select import SelectCurrent, SelectOverlay


class _SteadyCurrent(SelectCurrent):
    def update(self, label) -> None:
        self.label = label
        self.has_value = label is not Select.NULL
        self.query_one("#label", Static).update(
            self.placeholder if label is Select.NULL else label, layout=False)


class FilterSelect(Select):
    """A Select whose label is one line in a room that does not change."""

    DEFAULT_CSS = """
    FilterSelect SelectCurrent Static#label { height: 1; text-wrap: nowrap; text-overflow: ellipsis; }
    """

    def compose(self) -> ComposeResult:
        # Select.compose, with the label that updates in place.
        yield _SteadyCurrent(self.prompt)
        yield SelectOverlay(type_to_search=self._type_to_search).data_bind(compact=Select.compact)
