"""A scrollable widget's new size, without a new layout of the whole screen.

Textual lays the screen out again whenever a widget's virtual size changes
(`virtual_size` is a layout reactive): on a 160x48 console that is 15-20 ms
of work and a repaint of every widget, and the timeline's rows change in
number at every filter and every tick, the Scoring table's at every new
expectation. Only the widget's scrollbars depend on that size: they are
brought up to date here, and a scrollbar that appears or disappears (the
widget's room changes) still asks for a layout, through Textual itself.
"""
from __future__ import annotations

from textual.geometry import Size
from textual.scroll_view import ScrollView


def set_virtual_size(view: ScrollView, size: Size) -> None:
    if size == view.virtual_size:
        return
    if not view.is_mounted or not view.container_size:
        view.virtual_size = size        # never laid out yet: its first layout sizes it
        return
    view.set_reactive(type(view).virtual_size, size)
    view._scroll_update(size)           # scrollbars: their thumbs, and a layout if one comes or goes
    view.refresh()
