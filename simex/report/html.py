"""Render report blocks as ONE self-contained HTML file: inline CSS, figures
as inline SVG, no external resource, so it opens offline and prints to PDF.

A right-to-left language (Arabic) sets dir="rtl" on the page; the CSS says
start and end (text-align:start, border-inline-start), never left and right,
so the whole layout mirrors with it. Ids, times and numbers inside Arabic
text are isolated (<bdi>) so they keep their own left-to-right order and do
not pull the punctuation around them out of place."""
from __future__ import annotations

import html
import re
from functools import partial

from simex.languages import is_right_to_left
from simex.report.figure_text import figure_warnings, has_rtl_letters
from simex.report.blocks import Block, Bullets, Figure, Heading, Marking, PageBreak, Para, Table

CSS = """
body{font-family:"DejaVu Sans",Arial,sans-serif;font-size:10.5pt;line-height:1.4;color:#222;max-width:1100px;margin:2em auto;padding:0 1.5em}
h1{font-size:1.7em;border-bottom:3px solid #1a3a6b;padding-bottom:.3em;color:#1a3a6b}
h2{font-size:1.35em;color:#1a3a6b;border-bottom:1px solid #c5cfe0;margin-top:2em}
h3{font-size:1.12em;margin-top:1.5em}h4{font-size:1em;margin:1em 0 .3em}
table{border-collapse:collapse;width:100%;margin:.6em 0 1em;font-size:.92em}
th,td{border:1px solid #c9c9c9;padding:.25em .45em;vertical-align:top;text-align:start}
th{background:#eef2f8}caption{caption-side:top;text-align:start;font-weight:bold;padding:.3em 0}
table.kv td:first-child{width:28%;font-weight:bold;background:#f7f7f7}table.kv thead{display:none}
table.table1 td:nth-child(n+3){text-align:center;font-weight:bold;width:3em}
table.small,table.timeline{font-size:.85em}
.draft{background:#fff8e1;border-inline-start:4px solid #f9a825;padding:.5em .8em}
.warning{background:#ffebee;border-inline-start:4px solid #c62828;padding:.5em .8em}
.note{color:#555;font-size:.92em}
.marking{text-align:center;font-weight:bold;letter-spacing:.05em;color:#c62828;margin:.4em 0}
nav.toc{border:1px solid #c5cfe0;background:#f7f9fc;padding:.4em 1em;margin:1em 0}nav.toc ol{margin:.2em 0;columns:2}
nav.toc a{color:#1a3a6b;text-decoration:none}
figure{margin:1em 0;page-break-inside:avoid;break-inside:avoid}figure svg{max-width:100%;height:auto;direction:ltr;unicode-bidi:isolate}
figcaption{font-size:.9em;color:#444;margin-top:.3em}
@media print{body{max-width:none;margin:0;font-size:9.5pt}nav.toc{display:none}h2{page-break-before:auto;break-after:avoid}
h3,h4{break-after:avoid}tr{page-break-inside:avoid;break-inside:avoid}thead{display:table-header-group}
.draft,.warning{-webkit-print-color-adjust:exact;print-color-adjust:exact}.page-break{break-after:page}}
@page{size:A4;margin:15mm}
"""

_PAGE_BREAK = '<div class="page-break"></div>'
_BOLD = re.compile(r"\*\*(.+?)\*\*")
# A left-to-right run inside right-to-left text: ids (B1, EXP-CORDON-400),
# times (01:30:00), numbers (12.5%), Latin names, from a letter or digit to one.
_LTR_RUN = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9 _.:/+%'\-]*[A-Za-z0-9%])?")


def _escape(text: str) -> str:
    return html.escape(text, quote=False) if "&" in text or "<" in text or ">" in text else text


def _inline(text: str, rtl: bool = False) -> str:
    text = str(text)
    text = _isolated(text) if rtl else _escape(text)
    # Most cells (the timeline's thousands of rows) have no bold: skip the regex.
    return _BOLD.sub(r"<strong>\1</strong>", text) if "**" in text else text


def _isolated(text: str) -> str:
    """Escaped text for a right-to-left page: text with no right-to-left
    letter is one isolate (an English sentence keeps its full stop at its
    end); in Arabic text each left-to-right run is one."""
    if not has_rtl_letters(text):
        return f"<bdi>{_escape(text)}</bdi>" if _LTR_RUN.search(text) else _escape(text)
    out, at = [], 0
    for m in _LTR_RUN.finditer(text):
        out += [_escape(text[at:m.start()]), f"<bdi>{_escape(m.group())}</bdi>"]
        at = m.end()
    return "".join(out) + _escape(text[at:])


def _slug(text: str, seen: dict[str, int]) -> str:
    base = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:50] or "s"
    seen[base] = seen.get(base, 0) + 1
    return base if seen[base] == 1 else f"{base}-{seen[base]}"


def _page_marking(text: str) -> str:
    """@page margin boxes repeat the marking on each printed page (browsers
    without them still print it at both ends). Every character that is not
    plainly safe is a CSS escape, so no text can close the string or the
    <style> element."""
    quoted = "".join(c if c.isalnum() or c in " .,-" else f"\\{ord(c):x} " for c in text)
    box = f'{{content:"{quoted}";font:bold 8pt "DejaVu Sans",Arial,sans-serif;color:#c62828}}'
    return f"@page{{@top-center{box}@bottom-center{box}}}\n"


def render(blocks: list[Block], title: str, lang: str = "en", css: str = "") -> str:
    """The HTML file; `css` is added to the report's own (e.g. a landscape page)."""
    rtl = is_right_to_left(lang)
    inline = partial(_inline, rtl=rtl)
    body: list[str] = []
    figured = False
    seen: dict[str, int] = {}
    contents: list[str] = []
    marking = ""
    for b in blocks:
        if isinstance(b, Marking):
            marking = b.text
        elif isinstance(b, Heading):
            anchor = _slug(b.text, seen)
            if b.level == 2:
                contents.append(f'<li><a href="#{anchor}">{inline(b.text)}</a></li>')
            body.append(f'<h{b.level} id="{anchor}">{inline(b.text)}</h{b.level}>')
        elif isinstance(b, Para):
            cls = f' class="{b.cls}"' if b.cls else ""
            body.append(f"<p{cls}>{inline(b.text)}</p>")
        elif isinstance(b, Bullets):
            body.append("<ul>" + "".join(f"<li>{inline(i)}</li>" for i in b.items) + "</ul>")
        elif isinstance(b, Table):
            cls = f' class="{b.cls}"' if b.cls else ""
            cap = f"<caption>{inline(b.caption)}</caption>" if b.caption else ""
            head = "<thead><tr>" + "".join(f"<th>{inline(h)}</th>" for h in b.headers) + "</tr></thead>"
            rows = "".join("<tr>" + "".join(f"<td>{inline(c)}</td>" for c in row) + "</tr>" for row in b.rows)
            body.append(f"<table{cls}>{cap}{head}<tbody>{rows}</tbody></table>")
        elif isinstance(b, PageBreak):
            body.append(_PAGE_BREAK)
        elif isinstance(b, Figure):
            if not figured:
                figured = True
                body += [f'<p class="warning">{inline(w)}</p>' for w in figure_warnings(lang)]
            body.append(f"<figure>{b.make('svg')}<figcaption>{inline(b.caption)}</figcaption></figure>")
    if len(contents) > 3:  # a table of contents after the cover (or the title and the draft notice)
        at = body.index(_PAGE_BREAK) + 1 if _PAGE_BREAK in body else 2
        body.insert(at, '<nav class="toc"><ol>' + "".join(contents) + "</ol></nav>")
    css = CSS + css
    if marking:   # at both ends on screen, and in every printed page's margins
        banner = f'<p class="marking">{inline(marking)}</p>'
        body = [banner, *body, banner]
        css += _page_marking(marking)
    direction = ' dir="rtl"' if rtl else ""
    return (f'<!DOCTYPE html>\n<html lang="{html.escape(lang)}"{direction}>\n<head>\n<meta charset="utf-8">\n'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{html.escape(title)}</title>\n<style>{css}</style>\n</head>\n<body>\n"
            + "\n".join(body)
            + '\n<script>document.documentElement.setAttribute("data-simex-report", "rendered");</script>\n'
            "</body>\n</html>\n")
