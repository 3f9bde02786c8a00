"""The live timeline: every event, filterable by agency and kind.

A Line API widget: it renders only the rows on screen, so appending the
10,000th event or scrolling costs the same as the first (a DataTable pays
about 0.1 ms and 1.4 KB per row, and a full rebuild on every filter change).
"""
from __future__ import annotations

from dataclasses import dataclass, replace

from rich.segment import Segment
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from simex import events as ev
from simex.narrate import Narrator


def agencies_of(event: ev.Event) -> frozenset[str]:
    """Agencies an event concerns, for the agency filter."""
    names = []
    for field in ("agency", "sender", "recipient", "who", "observer"):
        value = getattr(event, field, None)
        if value:
            names.append(value)
    names.extend(getattr(event, "to", ()) or ())
    return frozenset(names)


@dataclass(frozen=True, slots=True)
class Row:
    index: int          # position in the exercise's event list
    kind: str
    agencies: frozenset[str]
    text: str


class Timeline(ScrollView, can_focus=True):
    COMPONENT_CLASSES = {"timeline--cursor", "timeline--alert"}
    DEFAULT_CSS = """
    Timeline { height: 1fr; }
    Timeline > .timeline--cursor { background: $accent 40%; }
    Timeline > .timeline--alert { color: $warning; }
    """
    BINDINGS = [
        Binding("up", "cursor(-1)", show=False), Binding("down", "cursor(1)", show=False),
        Binding("pageup", "cursor(-20)", show=False), Binding("pagedown", "cursor(20)", show=False),
        Binding("home", "first", show=False), Binding("end", "last", show=False),
        Binding("enter", "open", "Details"),
    ]

    class Opened(Message):
        def __init__(self, index: int) -> None:
            self.index = index
            super().__init__()

    def __init__(self, lang: str = "en", *, narrator: Narrator | None = None, controller: bool = False,
                 **kwargs) -> None:
        """`controller`: show ground truth (marked). Off unless asked, because a
        console may be on the room's projector."""
        super().__init__(**kwargs)
        self.lang = lang
        self.narrator = narrator or Narrator(None, lang)
        self.controller = controller
        self.rows: list[Row] = []
        self.shown: list[int] = []     # indices into rows that pass the filter
        self.cursor = 0
        self.follow = True             # stay on the newest entry until the user moves away
        self.agency: str | None = None
        self.kind: str | None = None

    def _passes(self, row: Row) -> bool:
        return (self.agency is None or self.agency in row.agencies) and (self.kind is None or row.kind == self.kind)

    def append(self, events: list[ev.Event], start: int) -> None:
        """Add events[k] for k >= 0, whose exercise index is start + k."""
        width = self.virtual_size.width
        for offset, event in enumerate(events):
            kind = "world" if event.kind == "world" else event.kind
            row = Row(start + offset, kind, agencies_of(event), self.narrator.timeline_line(event, controller=self.controller))
            self.rows.append(row)
            if self._passes(row):
                self.shown.append(len(self.rows) - 1)
                width = max(width, len(row.text))
        self._resize(width)

    def show_truth(self, controller: bool, events: list[ev.Event]) -> None:
        """Switch ground truth on or off, rewriting rows already shown from
        `events` (the list rows index into)."""
        self.controller = controller
        self.rows = [replace(row, text=self.narrator.timeline_line(events[row.index], controller=controller))
                     for row in self.rows]
        self.refresh()

    def set_filter(self, agency: str | None, kind: str | None) -> None:
        self.agency, self.kind = agency, kind
        self.shown = [i for i, row in enumerate(self.rows) if self._passes(row)]
        self.cursor = max(0, len(self.shown) - 1) if self.follow else min(self.cursor, max(0, len(self.shown) - 1))
        self._resize(max((len(self.rows[i].text) for i in self.shown), default=0))

    def _resize(self, width: int) -> None:
        self.virtual_size = Size(width, len(self.shown))
        if self.follow and self.shown:
            self.cursor = len(self.shown) - 1
            self.scroll_end(animate=False, immediate=True)
        self.refresh()

    def selected_index(self) -> int | None:
        if not self.shown:
            return None
        return self.rows[self.shown[self.cursor]].index

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        line = scroll_y + y
        width = self.size.width
        if line >= len(self.shown):
            return Strip.blank(width, self.rich_style)
        row = self.rows[self.shown[line]]
        style = self.rich_style
        if line == self.cursor and self.has_focus:
            style = style + self.get_component_rich_style("timeline--cursor")
        elif row.kind == "expectation_overdue":
            style = style + self.get_component_rich_style("timeline--alert")
        text = row.text.ljust(width + scroll_x)
        return Strip([Segment(text, style)]).crop(scroll_x, scroll_x + width)

    def action_cursor(self, delta: int) -> None:
        if not self.shown:
            return
        self.cursor = max(0, min(len(self.shown) - 1, self.cursor + delta))
        self.follow = self.cursor == len(self.shown) - 1
        self._scroll_to_cursor()

    def action_first(self) -> None:
        self.action_cursor(-len(self.shown))

    def action_last(self) -> None:
        self.action_cursor(len(self.shown))

    def _scroll_to_cursor(self) -> None:
        top = self.scroll_offset.y
        height = max(1, self.size.height)
        if self.cursor < top:
            self.scroll_to(y=self.cursor, animate=False, immediate=True)
        elif self.cursor >= top + height:
            self.scroll_to(y=self.cursor - height + 1, animate=False, immediate=True)
        self.refresh()

    def action_open(self) -> None:
        index = self.selected_index()
        if index is not None:
            self.post_message(self.Opened(index))

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()
