"""Render report blocks as Markdown (GitHub-flavoured tables)."""
from __future__ import annotations

from simex.report.blocks import Block, Bullets, Figure, Heading, Marking, Para, Table


def _cell(text: str) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def render(blocks: list[Block], figures_note: str = "") -> str:
    out: list[str] = []
    noted = False
    marking = ""
    for b in blocks:
        if isinstance(b, Marking):
            marking = f"**{_cell(b.text)}**"
            out.append(marking)
        elif isinstance(b, Heading):
            out.append(f"{'#' * b.level} {b.text}")
        elif isinstance(b, Para):
            out.append(f"> {b.text}" if b.cls in ("draft", "warning") else b.text)
        elif isinstance(b, Bullets):
            out.append("\n".join(f"- {_cell(item)}" for item in b.items))
        elif isinstance(b, Table):
            lines = []
            if b.caption:
                lines.append(f"*{b.caption}*\n")
            headers = [h or " " for h in b.headers]
            lines.append("| " + " | ".join(_cell(h) for h in headers) + " |")
            lines.append("|" + "|".join("---" for _ in headers) + "|")
            lines += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in b.rows]
            out.append("\n".join(lines))
        elif isinstance(b, Figure):   # its number and caption where it stands; the image is in HTML and Word
            if figures_note and not noted:
                out.append(f"*{figures_note}*")
                noted = True
            out.append(f"*{_cell(b.caption)}*")
    if marking:   # first and last line, as on paper: whichever end a reader sees carries it
        out.append(marking)
    return "\n\n".join(out) + "\n"
