"""The report as a list of simple blocks, rendered to Markdown or HTML.
Content is decided once (simex.report.document); renderers only format."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable


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
    make: Callable[[], str] = field(repr=False)   # returns an inline SVG; called by the HTML renderer only


Block = Heading | Para | Bullets | Table | Figure
