"""The report as a list of simple blocks, rendered to Markdown, HTML or Word.
Content is decided once (simex.report.document); renderers only format, so
the three outputs never say different things."""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Callable


@dataclass
class Marking:
    """The handling marking ("For official use only"): not body text but a
    label on every page, so each renderer puts it where its medium repeats it
    (Word's header and footer; the top and bottom of a Markdown or HTML file)."""
    text: str


@dataclass
class Heading:
    level: int
    text: str


@dataclass
class Para:
    text: str
    cls: str = ""


@dataclass
class Bullets:
    items: list[str]


@dataclass
class Table:
    headers: list[str]
    rows: list[list[str]]
    caption: str = ""
    cls: str = ""


@dataclass
class Figure:
    caption: str
    # make("svg") -> inline <svg> text (HTML), make("png") -> image bytes (Word);
    # drawn only by the renderer that shows it, so Markdown never loads matplotlib
    make: Callable[[str], str | bytes] = field(repr=False)


@dataclass
class PageBreak:
    """The end of the cover page: a new page in Word and in print; nothing in
    Markdown, which has no pages."""


Block = Marking | Heading | Para | Bullets | Table | Figure | PageBreak


def number_figures(blocks: list[Block], word: str = "Figure") -> list[Block]:
    """The blocks with each figure's caption numbered in order of appearance
    ("Figure 2. ..."), so every renderer shows the same numbers."""
    out: list[Block] = []
    n = 0
    for b in blocks:
        if isinstance(b, Figure):
            n += 1
            b = replace(b, caption=f"{word} {n}. {b.caption}")
        out.append(b)
    return out
