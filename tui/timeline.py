"""The live timeline: every event, filterable by agency and kind.

A Line API widget: it renders only the rows on screen, so appending the
10,000th event or scrolling costs the same as the first (a DataTable pays
about 0.1 ms and 1.4 KB per row, and a full rebuild on every filter change).
Rows are indexed by agency and by kind as they arrive, so a filter reads
only the rows it shows, and a row's sentence is written the first time it is
drawn: a tick that brings a thousand events, or opening a long exercise,
narrates only what fits on the screen.
"""
from __future__ import annotations

from typing import Callable

from rich.cells import cell_len
from rich.segment import Segment
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from simex import events as ev
from simex.narrate import Narrator
from simex.tui.i18n import Translator, relabel_bindings
from simex.languages import is_right_to_left
from simex.durations import format_clock
from simex.tui.script import RLM, fit, fit_right, isolated
from simex.tui.scrolling import set_virtual_size


def agencies_of(event: ev.Event) -> frozenset[str]:
    """Agencies an event concerns, for the agency filter."""
    names = []
    for field in ("agency", "sender", "recipient", "who", "observer"):
        value = getattr(event, field, None)
        if value:
            names.append(value)
    names.extend(getattr(event, "to", ()) or ())
    return frozenset(names)


class Row:
    """One event on the timeline; its sentence is written when first read
    (a tick of a thousand events narrates only what comes into view)."""

    __slots__ = ("index", "kind", "agencies", "event", "narrate", "_text")

    def __init__(self, index: int, kind: str, agencies: frozenset[str], event: ev.Event,
                 narrate: Callable[[ev.Event], str]) -> None:
        self.index = index          # position in the exercise's event list
        self.kind = kind
        self.agencies = agencies
        self.event = event
        self.narrate = narrate
        self._text: str | None = None

    @property
    def text(self) -> str:
        if self._text is None:
            self._text = self.narrate(self.event)
        return self._text

    def forget_text(self) -> None:
        self._text = None


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
        self.right_to_left = is_right_to_left(lang)   # lines start at the right edge, their clock first
        relabel_bindings(self, {"open": Translator(lang).gettext("Details")})
        self.narrator = narrator or Narrator(None, lang)
        self.controller = controller
        self.rows: list[Row] = []
        self.shown: list[int] = []     # indices into rows that pass the filter
        self.cursor = 0
        self.follow = True             # stay on the newest entry until the user moves away
        self.agency: str | None = None
        self.kind: str | None = None
        self._widest = 0               # the widest row drawn so far, for scrolling sideways
        self.by_agency: dict[str, list[int]] = {}   # agency -> positions in rows, in order
        self.by_kind: dict[str, list[int]] = {}

    def _line(self, event: ev.Event) -> str:
        if self.right_to_left:
            # A right-to-left line whose clock is a run of its own: without the
            # isolate, a sentence starting with a Latin word (STARTEX, an id)
            # would join the clock's run and stand right of it.
            return (f"{RLM}{isolated(format_clock(event.t))}  "
                    f"{self.narrator.describe(event, controller=self.controller)}")
        return self.narrator.timeline_line(event, controller=self.controller)

    def _passes(self, row: Row) -> bool:
        return (self.agency is None or self.agency in row.agencies) and (self.kind is None or row.kind == self.kind)

    def append(self, events: list[ev.Event], start: int) -> None:
        """Add events[k] for k >= 0, whose exercise index is start + k."""
        for offset, event in enumerate(events):
            kind = "world" if event.kind == "world" else event.kind
            row = Row(start + offset, kind, agencies_of(event), event, self._line)
            position = len(self.rows)
            self.rows.append(row)
            for agency in row.agencies:
                self.by_agency.setdefault(agency, []).append(position)
            self.by_kind.setdefault(kind, []).append(position)
            if self._passes(row):
                self.shown.append(position)
        self._resize()

    def show_truth(self, controller: bool, events: list[ev.Event]) -> None:
        """Switch ground truth on or off, rewriting rows already shown from
        `events` (the list rows index into)."""
        self.controller = controller
        for row in self.rows:       # written anew, with or without the truth, when next drawn
            row.forget_text()
        self.refresh()

    def set_filter(self, agency: str | None, kind: str | None) -> None:
        self.agency, self.kind = agency, kind
        if agency is None and kind is None:
            self.shown = list(range(len(self.rows)))
        else:
            # The shorter index, checked against the other filter.
            lists = [index.get(value, []) for index, value in ((self.by_agency, agency), (self.by_kind, kind))
                     if value is not None]
            shortest = min(lists, key=len)
            self.shown = [i for i in shortest if self._passes(self.rows[i])] if len(lists) > 1 else list(shortest)
        self.cursor = max(0, len(self.shown) - 1) if self.follow else min(self.cursor, max(0, len(self.shown) - 1))
        self._resize()

    def _resize(self) -> None:
        """The scrollable size: every row shown, as wide as the widest in view
        or drawn so far (a row is narrated when drawn; a wider one widens it then)."""
        height = self.size.height or 50
        top = max(0, len(self.shown) - height) if self.follow else self.scroll_offset.y
        for i in self.shown[top:top + height]:    # the rows about to be drawn, measured now
            self._widest = max(self._widest, cell_len(self.rows[i].text))
        set_virtual_size(self, Size(self._widest, len(self.shown)))
        if self.follow and self.shown:
            self.cursor = len(self.shown) - 1
            self.scroll_end(animate=False, immediate=True)
        self.refresh()

    def _resize_width(self) -> None:
        if self._widest > self.virtual_size.width:
            set_virtual_size(self, Size(self._widest, len(self.shown)))

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
        if cell_len(row.text) > self._widest:
            self._widest = cell_len(row.text)
            self.call_after_refresh(self._resize_width)
        style = self.rich_style
        if line == self.cursor and self.has_focus:
            style = style + self.get_component_rich_style("timeline--cursor")
        elif row.kind == "expectation_overdue":
            style = style + self.get_component_rich_style("timeline--alert")
        if self.right_to_left:
            # Padded on the left: the clock at the right edge, the sentence to
            # its left (the line is written right to left: _line, script.visual).
            # A longer line is cut at its end, the left edge, with an ellipsis:
            # read from the right, it does not scroll sideways.
            return Strip([Segment(fit_right(row.text, width), style)], width)
        text = fit(row.text, max(width + scroll_x, cell_len(row.text)))
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
