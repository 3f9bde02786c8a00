"""Scripts a terminal does not draw by itself: Arabic, and wide (CJK) characters.

A terminal draws characters left to right, one cell each (two for a CJK
character), in the order it gets them. Arabic needs two things it does not
do: letters joined into their contextual forms (arabic-reshaper) and runs of
right-to-left text put into visual order (python-bidi, the Unicode
bidirectional algorithm). Textual does neither.

The order is applied per displayed line, after Textual has laid text out and
wrapped it, as UAX #9 prescribes (rules L1-L4 apply to lines after line
breaking): reordering a paragraph before it is wrapped would put its last
words on its first line. So the console does it at the one place every
widget's lines pass on their way to the screen, `Compositor._get_renders`
(`install`), one style run (Segment) at a time, keeping each run's cell
width so columns, borders and cursors stay where Textual put them. Text
without right-to-left letters passes untouched. Textual is pinned exactly
(pyproject.toml); the ar/zh console snapshots fail if an upgrade moves this.

Columns are cut and padded by cell width (`fit`), never by len(): a Chinese
character takes two cells.
"""
from __future__ import annotations

import os
import re
from functools import lru_cache

import arabic_reshaper
from bidi import get_display
from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from textual.strip import Strip

# Letters of right-to-left scripts in logical (unshaped) form: Hebrew, Arabic,
# Syriac, Thaana, N'Ko, Arabic Supplement and Extended-A.
_RIGHT_TO_LEFT = re.compile("[\u0590-\u08ff]")
_RESHAPER = arabic_reshaper.ArabicReshaper(configuration={"delete_harakat": True, "support_ligatures": True})
# python-bidi's reordering does not mirror glyphs (a renderer's job, and the
# terminal does not do it): a bracket pair at a right-to-left level comes out
# as ")x(" and is turned back here.
_MIRROR = {")": "(", "]": "[", "}": "{", "»": "«"}
_OPENING = {v: k for k, v in _MIRROR.items()}


def has_right_to_left(text: str) -> bool:
    return bool(_RIGHT_TO_LEFT.search(text))


# Unicode's isolates (LRI ... PDI): a run kept whole and left to right inside
# a right-to-left line, so two neighbouring runs of digits and Latin letters
# (a clock, then the next label's time) are not read as one. They have no
# width; `visual` removes them once the line is in order.
_LRI, _PDI = "\u2066", "\u2069"
# The right-to-left mark: zero width and strongly right to left, so a line
# that starts with a clock or an id still reads from the right.
RLM = "\u200f"
_ISOLATES = re.compile("[\u200e\u200f\u2066-\u2069]")


def isolated(text: str) -> str:
    """`text` as one left-to-right run wherever it stands in a line."""
    return f"{_LRI}{text}{_PDI}"


def read_from_the_right(text: str) -> str:
    """`text` (a table cell) read from the right however it starts (RLM), when
    it holds right-to-left letters; without any it is left to right, and its
    isolate marks are dropped here (`visual` removes them only from a line it
    reorders, and none may reach the terminal)."""
    return f"{RLM}{text}" if has_right_to_left(text) else _ISOLATES.sub("", text)


def _mirror_pairs(line: str) -> str:
    """Brackets that came out of reordering back to front, turned round."""
    if not any(ch in _MIRROR for ch in line):
        return line
    chars = list(line)
    stack: list[tuple[int, str, bool]] = []     # (position, char, inverted)
    for i, ch in enumerate(chars):
        if ch in _MIRROR:
            if stack and not stack[-1][2] and stack[-1][1] == _MIRROR[ch]:
                stack.pop()                      # "(x)": an ordinary pair
            else:
                stack.append((i, ch, True))      # ")": opens an inverted pair
        elif ch in _OPENING:
            if stack and stack[-1][2] and stack[-1][1] == _OPENING[ch]:
                j = stack.pop()[0]
                chars[j], chars[i] = ch, chars[j]
            else:
                stack.append((i, ch, False))
    return "".join(chars)


@lru_cache(maxsize=8192)
def visual(text: str) -> str:
    """`text` as a terminal must be given it: Arabic letters shaped, each line
    in visual order (its base direction from its first strong letter), leading
    and trailing spaces where they were. Text without right-to-left letters
    comes back unchanged."""
    if not has_right_to_left(text):
        return text
    lines = []
    for line in text.split("\n"):
        core = line.strip(" ")
        if not has_right_to_left(core):
            lines.append(line)
            continue
        lead = line[: len(line) - len(line.lstrip(" "))]
        trail = line[len(lead) + len(core):]
        shown = _mirror_pairs(get_display(_RESHAPER.reshape(core)))
        lines.append(lead + _ISOLATES.sub("", shown) + trail)
    return "\n".join(lines)


def visual_cells(text: str) -> str:
    """`visual(text)` in exactly the cells `text` took: a lam-alef ligature
    is one letter where the logical text had two, so the run is padded."""
    shown = visual(text)
    if shown is text:
        return text
    width = cell_len(text)
    missing = width - cell_len(shown)
    if missing > 0 and text.lstrip(" ").startswith(RLM):
        # A line written right to left (the timeline's) ends at the left: the
        # cells a ligature saved go there, so it stays flush with the right edge.
        return " " * missing + shown
    return shown if missing == 0 else set_cell_size(shown, width)


def shape_strip(strip: Strip) -> Strip:
    """One displayed line, each style run in visual order, same cells."""
    if not has_right_to_left(strip.text):
        return strip
    segments = [Segment(visual_cells(s.text), s.style, s.control) if not s.control else s for s in strip]
    return Strip(segments, strip.cell_length)


# A few terminals shape and order Arabic themselves (GNOME Terminal and other
# VTE terminals, Konsole, mlterm): given visual order they would reverse it
# again. SIMEX_TERMINAL_BIDI=1 leaves the text in logical order for them.
TERMINAL_BIDI = "SIMEX_TERMINAL_BIDI"
_shaping = True


def install() -> bool:
    """Make every console widget's lines pass through `shape_strip` on their way
    to the screen (and to screenshots), unless the terminal does it itself
    (SIMEX_TERMINAL_BIDI=1). Idempotent; text without right-to-left letters is
    not touched, so other apps in the process draw as before. Returns whether
    simex shapes."""
    global _shaping
    from textual._compositor import Compositor

    _shaping = os.environ.get(TERMINAL_BIDI, "") in ("", "0")
    if not getattr(Compositor, "_simex_shaped", False):
        original = Compositor._get_renders

        def _get_renders(self, crop=None):
            for region, clip, strips in original(self, crop):
                yield region, clip, [shape_strip(strip) for strip in strips] if _shaping else strips

        Compositor._get_renders = _get_renders
        Compositor._simex_shaped = True
    return _shaping


# Characters a terminal draws in one cell and that never join the next one:
# printable ASCII, Latin-1 and Latin Extended letters, Greek and Cyrillic (their
# combining marks left out), and the punctuation simex's sentences use.
_ONE_CELL = frozenset(
    [chr(c) for start, end in ((0x20, 0x7E), (0xA0, 0xAC), (0xAE, 0x2FF), (0x370, 0x482))
     for c in range(start, end + 1)] + list("‐–—‘’“”•…′″‹›€│─×σ"))


def fit(text: str, width: int) -> str:
    """`text` in exactly `width` cells: padded with spaces, or cut with an
    ellipsis (a wide character that would straddle the edge is dropped)."""
    if _ONE_CELL.issuperset(text):
        # One cell per character, none combining: cut by slicing. Rich measures
        # graphemes one by one (0.3 ms for a 200-character sentence), and the
        # Scoring table and the timeline fit every row they draw.
        if len(text) <= width:
            return text + " " * (width - len(text))
        return (text[:width - 1].rstrip() + "…").ljust(width) if width > 0 else ""
    size = cell_len(text)
    if size <= width:
        return text + " " * (width - size)
    return set_cell_size(set_cell_size(text, max(width - 1, 0)).rstrip() + "…", width)


def fit_right(text: str, width: int) -> str:
    """`text` in exactly `width` cells, right-aligned: padded on the left, or
    cut at its end with an ellipsis (for text read from the right, the end is
    at the left). A cut that leaves a cell over pads on the left too: padding
    at the text's end would stand at the right once the line is reordered."""
    if cell_len(text) > width:
        text = fit(text, width).rstrip(" ")
    return " " * (width - cell_len(text)) + text


def clip(text: str, width: int) -> str:
    """`text` cut to at most `width` cells for a column, the cut shown as an ellipsis."""
    return text if cell_len(text) <= width else fit(text, width).rstrip()


def column_width(label: str, width: int) -> int:
    """A column as wide as its data needs, and never narrower than its header
    (a translated header is often longer than the English one)."""
    return max(width, cell_len(label))
