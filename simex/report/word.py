"""Render report blocks as a Word document (.docx, python-docx): headings in
Word's own heading styles (so its navigation pane and table of contents see
them), tables with a repeated header row, the figures as PNG, and the handling
marking in every page's header and footer; fonts, sizes and direction for
the language's script are set last (simex.report.word_scripts).

python-docx is imported inside `render`, so only a Word report loads it."""
from __future__ import annotations

import io
import re
import struct

from simex.report import word_scripts
from simex.report.blocks import Block, Bullets, Figure, Heading, Marking, PageBreak, Para, Table
from simex.report.figure_text import figure_warnings

_BOLD = re.compile(r"\*\*(.+?)\*\*")
MARGIN_MM = 15          # as the HTML report's @page: A4, 15 mm
RED = (0xC6, 0x28, 0x28)  # the HTML report's warning and marking colour


def _runs(paragraph, text: str, bold: bool = False) -> None:
    """`**bold**` in block text (the Markdown and HTML renderers read it too)
    becomes bold runs; the rest stays plain."""
    for i, part in enumerate(_BOLD.split(str(text))):
        if part:
            paragraph.add_run(part).bold = bold or i % 2 == 1


def _cell(cell, text: str, bold: bool = False) -> None:
    """A new cell holds one empty paragraph: write into it rather than add one."""
    _runs(cell.paragraphs[0], text, bold)


def _repeat_header(row) -> None:
    """Mark a table's first row as its header, so Word repeats it on every
    page a long table (the timeline, the plan) runs over."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    flag = OxmlElement("w:tblHeader")
    flag.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(flag)


def _table(doc, b: Table) -> None:
    from docx.shared import Pt

    if b.caption:
        _runs(doc.add_paragraph(style="Caption"), b.caption)
    # A key/value table has no headers (blank ones in Markdown, hidden in HTML): no header row.
    headed = any(h for h in b.headers)
    width = max([len(b.headers), *(len(r) for r in b.rows)])
    table = doc.add_table(rows=0, cols=width)
    table.style = "Table Grid"
    if headed:
        row = table.add_row()
        for cell, text in zip(row.cells, b.headers):
            _cell(cell, text, bold=True)
        _repeat_header(row)
    for values in b.rows:
        row = table.add_row()
        for i, (cell, text) in enumerate(zip(row.cells, values)):
            _cell(cell, text, bold=b.cls == "kv" and i == 0)   # the key, as in the HTML report
    if b.cls in ("small", "timeline", "plan", "tasks"):   # the HTML report's smaller table text
        for row in table.rows:
            for cell in row.cells:
                for run in (r for p in cell.paragraphs for r in p.runs):
                    run.font.size = Pt(8)


def _figure(doc, b: Figure, width, height) -> None:
    """At the size it was drawn (simex figures are drawn at the printed text
    width, so their 9 pt labels print at 9 pt), unless that would make it
    wider than the text or taller than `height`: Word does not shrink a
    picture that runs off the page."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Inches

    from simex.report.figure_style import PNG_DPI

    png = b.make("png")
    w_px, h_px = struct.unpack(">II", png[16:24])   # the PNG header's IHDR: width, height
    doc.add_picture(io.BytesIO(png), width=int(min(width, Inches(w_px / PNG_DPI), height * w_px / h_px)))
    doc.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER
    _runs(doc.add_paragraph(style="Caption"), b.caption)


def _warning(doc, text: str) -> None:
    """A warning stands out as the HTML report's does: set apart, in red."""
    from docx.shared import RGBColor

    p = doc.add_paragraph(style="Intense Quote")
    _runs(p, text)
    for run in p.runs:
        run.font.color.rgb = RGBColor(*RED)


def _marking(section, text: str) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import RGBColor

    for part in (section.header, section.footer):
        part.is_linked_to_previous = False
        p = part.paragraphs[0]
        p.text = ""
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = p.add_run(text)
        run.bold = True
        run.font.color.rgb = RGBColor(*RED)


def render(blocks: list[Block], title: str, lang: str = "en") -> bytes:
    """The .docx file's bytes."""
    import docx
    from docx.shared import Mm

    doc = docx.Document()
    doc.core_properties.title = title
    doc.core_properties.language = lang
    doc.core_properties.author = "simex"
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Mm(MARGIN_MM))
    text_width = section.page_width - 2 * Mm(MARGIN_MM)
    figure_height = (section.page_height - 2 * Mm(MARGIN_MM)) * 0.85   # room for the caption
    previous = None
    figured = False
    for b in blocks:
        if isinstance(b, Table) and isinstance(previous, Table) and not b.caption:
            doc.add_paragraph()   # Word joins two tables that touch into one
        previous = b
        if isinstance(b, Marking):
            _marking(section, b.text)
        elif isinstance(b, Heading):
            _runs(doc.add_heading(level=min(b.level, 9)), b.text)
        elif isinstance(b, Para) and b.cls == "warning":
            _warning(doc, b.text)
        elif isinstance(b, Para):
            p = doc.add_paragraph(style="Intense Quote" if b.cls == "draft" else None)
            _runs(p, b.text)
            if b.cls == "note":
                for run in p.runs:
                    run.italic = True
        elif isinstance(b, Bullets):
            for item in b.items:
                _runs(doc.add_paragraph(style="List Bullet"), item)
        elif isinstance(b, Table):
            _table(doc, b)
        elif isinstance(b, Figure):
            if not figured:   # why the figures are not in the report's language, if they are not
                figured = True
                for warning in figure_warnings(lang):
                    _warning(doc, warning)
            _figure(doc, b, text_width, figure_height)
        elif isinstance(b, PageBreak):
            doc.add_page_break()
    word_scripts.apply(doc, lang)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
