"""`simex report J -o aar.docx`: the Word report says exactly what the Markdown
report says, because both are rendered from the same blocks. Read back with
python-docx, its headings, paragraphs, bullets, table captions and table cells
are compared with the Markdown's, block by block, in order; the figures the
Markdown leaves to the other formats are in it as PNG images; the handling
marking (`--marking`) is in every page's header and footer, and at both ends
of the Markdown and HTML reports."""
from __future__ import annotations

import io
import re
import subprocess
import sys

import docx
import pytest
from docx.table import Table
from docx.text.paragraph import Paragraph

from simex.report.i18n import strings
from tests.conftest import ROOT, journal_run

MARKING = "For official use only"
FEEDBACK = ROOT / "tests" / "data" / "feedback"
PNG = b"\x89PNG\r\n\x1a\n"


def _simex(*args):
    return subprocess.run([sys.executable, "-m", "simex.cli", *map(str, args)], cwd=ROOT,
                          capture_output=True, text=True)


@pytest.fixture(scope="module")
def journal(tmp_path_factory):
    """A weak-bot border exercise: late and missed expectations, mis-routed
    messages and custody breaks, so every kind of block is in the report."""
    return journal_run(tmp_path_factory.mktemp("word") / "weak.simex")


@pytest.fixture(scope="module")
def reports(journal, tmp_path_factory):
    """(Markdown text, the .docx read back) of one report, marked, with feedback."""
    out = tmp_path_factory.mktemp("out") / "aar.docx"
    extra = ("--marking", MARKING, "--feedback", FEEDBACK / "border-feedback.yaml",
             "--responses", FEEDBACK / "border-responses.csv")
    word = _simex("report", journal, "-o", out, *extra)
    assert word.returncode == 0, word.stderr
    md = _simex("report", journal, *extra)
    assert md.returncode == 0, md.stderr
    return md.stdout, docx.Document(str(out))


def _norm(text: str) -> str:
    return " ".join(text.replace("**", "").split())


def markdown_units(md: str) -> list[tuple]:
    """The Markdown report as (kind, text) units: ("h", level, text), ("p", text),
    ("li", text), ("caption", text), ("row", cells)."""
    units: list[tuple] = []
    para: list[str] = []

    def flush():
        if para:
            units.append(("p", _norm(" ".join(para))))
            para.clear()

    for line in md.splitlines():
        if not line.strip():
            flush()
        elif heading := re.match(r"(#+) (.*)", line):
            flush()
            units.append(("h", len(heading[1]), _norm(heading[2])))
        elif line.startswith("|"):
            flush()
            if not re.fullmatch(r"\|(---\|)+", line):
                cells = [c.replace("\\|", "|") for c in re.split(r"(?<!\\)\|", line)[1:-1]]
                units.append(("row", [_norm(c) for c in cells]))
        elif line.startswith("- "):
            flush()
            units.append(("li", _norm(line[2:].replace("\\|", "|"))))
        elif re.fullmatch(r"\*[^*].*\*", line):
            flush()
            units.append(("caption", _norm(line[1:-1])))
        else:
            para.append(line[2:] if line.startswith("> ") else line)
    flush()
    return units


def word_units(document) -> tuple[list[tuple], list[tuple[bytes, str]]]:
    """The same units from the .docx body, in order, and apart from them the
    figures: (image bytes, the caption under it)."""
    units: list[tuple] = []
    figures: list[tuple[bytes, str]] = []
    image = None
    for element in document.element.body.iterchildren():
        if element.tag.endswith("}tbl"):
            for row in Table(element, document).rows:
                units.append(("row", [_norm(c.text) for c in row.cells]))
            continue
        if not element.tag.endswith("}p"):
            continue
        p = Paragraph(element, document)
        blips = element.findall(".//{http://schemas.openxmlformats.org/drawingml/2006/main}blip")
        style = p.style.name
        if blips:
            rid = blips[0].get("{http://schemas.openxmlformats.org/officeDocument/2006/relationships}embed")
            image = document.part.related_parts[rid].blob
        elif image is not None:           # the caption under a figure
            assert style == "Caption", f"figure without its caption, then {p.text!r}"
            figures.append((image, _norm(p.text)))
            image = None
        elif not p.text.strip():
            continue                       # spacing only (between two tables)
        elif style.startswith("Heading "):
            units.append(("h", int(style.split()[1]), _norm(p.text)))
        elif style == "List Bullet":
            units.append(("li", _norm(p.text)))
        elif style == "Caption":
            units.append(("caption", _norm(p.text)))
        else:
            units.append(("p", _norm(p.text)))
    return units, figures


def _without_blank_rows(units: list[tuple]) -> list[tuple]:
    """A key/value table has no header: Markdown needs a blank one, Word has none."""
    return [u for u in units if not (u[0] == "row" and not any(u[1]))]


def test_word_report_says_what_the_markdown_report_says(reports):
    md, document = reports
    expected = _without_blank_rows(markdown_units(md))
    assert expected[0] == expected[-1] == ("p", MARKING)        # marked at both ends
    note = ("caption", _norm(strings("en")["figures_in_html"]))
    md_figures = [u[1] for u in expected if u[0] == "caption" and u[1].startswith("Figure ")]
    # Word has the figures themselves, each with the caption Markdown gives where it stands
    expected = [u for u in expected[1:-1] if u != note and not (u[0] == "caption" and u[1] in md_figures)]
    got, figures = word_units(document)
    assert got == expected
    assert [caption for _, caption in figures] == md_figures and len(md_figures) == 3
    # The comparison covers the report, not a fragment of it:
    kinds = {u[0] for u in got}
    assert kinds == {"h", "p", "li", "caption", "row"} and len(got) > 200
    assert ("h", 2, "Appendix E: Incident timeline") in got and ("h", 2, "Appendix C: Participant feedback summary") in got


def test_word_report_has_the_figures_as_images_under_their_captions(reports):
    _, document = reports
    _, figures = word_units(document)
    s = strings("en")
    assert [caption for _, caption in figures] == [f"Figure {n}. {_norm(s[k])}"
                                                   for n, k in enumerate(("fig_swimlane", "fig_delays", "fig_network"), 1)]
    assert all(blob.startswith(PNG) for blob, _ in figures)
    section = document.sections[0]
    text_width = section.page_width - section.left_margin - section.right_margin
    assert len(document.inline_shapes) == 3
    text_height = section.page_height - section.top_margin - section.bottom_margin
    for shape in document.inline_shapes:                    # none runs off the page
        assert 0 < shape.width <= text_width and 0 < shape.height < text_height


def test_word_report_marking_is_in_every_header_and_footer(reports):
    _, document = reports
    for section in document.sections:
        assert [p.text for p in section.header.paragraphs if p.text] == [MARKING]
        assert [p.text for p in section.footer.paragraphs if p.text] == [MARKING]
    body = [p.text for p in document.paragraphs]
    assert MARKING not in body        # a page label, not a paragraph of the report


def test_word_key_value_tables_have_bold_keys_and_other_tables_a_repeated_header(reports):
    """The overview is key/value (no header row, keys in bold, as in HTML);
    a table with headers repeats its header row on every page it runs over."""
    _, document = reports
    overview = document.tables[0]
    assert overview.rows[0].cells[0].text == "Exercise name"
    assert all(r.bold for row in overview.rows for r in row.cells[0].paragraphs[0].runs)
    assert not any(r.bold for row in overview.rows for r in row.cells[1].paragraphs[0].runs)
    timeline = document.tables[-1]
    assert [c.text for c in timeline.rows[0].cells] == ["Time", "Event"]
    assert timeline.rows[0]._tr.xpath("./w:trPr/w:tblHeader") and not timeline.rows[1]._tr.xpath("./w:trPr")


def test_word_headings_are_word_headings(reports):
    """Word's navigation pane and table of contents list Heading styles only."""
    _, document = reports
    headings = [(p.style.name, p.text) for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert headings[0] == ("Heading 1", f"{strings('en')['aar']}: {document.core_properties.title.split(': ', 1)[1]}")
    assert ("Heading 2", "Executive summary") in headings and ("Heading 2", "Appendix A: Improvement plan") in headings


def test_html_report_is_marked_at_both_ends_and_on_printed_pages(journal, tmp_path):
    out = _simex("report", journal, "-o", tmp_path / "aar.html", "--marking", MARKING)
    assert out.returncode == 0, out.stderr
    page = (tmp_path / "aar.html").read_text(encoding="utf-8")
    body = page.split("<body>", 1)[1]
    banner = f'<p class="marking">{MARKING}</p>'
    assert body.strip().startswith(banner) and body.count(banner) == 2
    assert body.rindex(banner) > body.rindex("</table>")         # the second one closes the report
    assert "@top-center" in page and "@bottom-center" in page


def test_marking_text_cannot_break_the_html(journal, tmp_path):
    marking = 'Restricted </style><script>alert("x")</script> & "co"'
    out = _simex("report", journal, "-o", tmp_path / "aar.html", "--marking", marking)
    assert out.returncode == 0, out.stderr
    page = (tmp_path / "aar.html").read_text(encoding="utf-8")
    head, body = page.split("</head>", 1)
    assert head.count("</style>") == 1 and "<script" not in head     # the CSS string held it all
    assert body.count("<script>") == 1                                # only the report's own
    assert body.count('<p class="marking">Restricted &lt;/style&gt;&lt;script&gt;') == 2


def test_unmarked_report_has_no_marking(journal, tmp_path):
    out = _simex("report", journal, "-o", tmp_path / "aar.docx")
    assert out.returncode == 0, out.stderr
    document = docx.Document(str(tmp_path / "aar.docx"))
    assert not any(p.text for p in document.sections[0].header.paragraphs)
    assert not any(p.text for p in document.sections[0].footer.paragraphs)


def test_docx_to_the_terminal_is_refused_in_one_line(journal, tmp_path):
    out = _simex("report", journal, "--format", "docx")
    assert out.returncode == 2 and out.stdout == ""
    assert out.stderr.splitlines() == ["simex report: --format docx writes a file: give -o REPORT.docx"]


def test_docx_format_comes_from_the_suffix_and_overrides_it(journal, tmp_path):
    out = _simex("report", journal, "-o", tmp_path / "aar.docx")
    assert out.returncode == 0, out.stderr
    assert docx.Document(str(tmp_path / "aar.docx")).paragraphs     # a .docx python-docx opens
    out = _simex("report", journal, "--format", "docx", "-o", tmp_path / "aar.bin")
    assert out.returncode == 0, out.stderr
    assert docx.Document(io.BytesIO((tmp_path / "aar.bin").read_bytes())).paragraphs


def test_docx_into_a_missing_folder_is_one_clear_line(journal, tmp_path):
    out = _simex("report", journal, "-o", tmp_path / "missing-dir" / "aar.docx")
    assert out.returncode == 2 and "Traceback" not in out.stderr
    errors = [line for line in out.stderr.splitlines() if "error:" in line]
    assert len(errors) == 1 and "missing-dir" in errors[0]
    assert not (tmp_path / "missing-dir").exists()


def test_without_python_docx_one_clear_line(journal, tmp_path):
    """python-docx absent (a None in sys.modules makes its import fail as if so)."""
    code = ("import sys; sys.modules['docx'] = None\nfrom simex.cli import main\n"
            f"sys.exit(main(['report', {str(journal)!r}, '-o', {str(tmp_path / 'aar.docx')!r}]))")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert out.returncode == 1 and "Traceback" not in out.stderr
    assert out.stderr.strip().splitlines()[-1] == "simex report: --format docx needs python-docx (pip install python-docx)"
    assert not (tmp_path / "aar.docx").exists()


def test_json_evaluation_carries_the_marking(journal, tmp_path):
    import json

    out = _simex("report", journal, "-o", tmp_path / "ev.json", "--marking", MARKING)
    assert out.returncode == 0, out.stderr
    assert json.loads((tmp_path / "ev.json").read_text(encoding="utf-8"))["marking"] == MARKING


def test_report_modules_import_no_python_docx():
    """`simex --help` and a Markdown report stay as fast as before."""
    code = "import sys, simex.cli, simex.commands.report, simex.report; print('docx' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_a_tall_figure_is_shrunk_to_fit_the_page():
    """A figure as wide as the text would be taller than the page (the delays
    chart of a scenario with many expectations): it is shrunk to fit instead."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from simex.report import word
    from simex.report.blocks import Figure

    def tall(fmt):
        fig = plt.figure(figsize=(4, 30))
        raw = io.BytesIO()
        fig.savefig(raw, format=fmt, dpi=20)
        plt.close(fig)
        return raw.getvalue()

    document = docx.Document(io.BytesIO(word.render([Figure("Tall", tall)], "t")))
    section, [shape] = document.sections[0], document.inline_shapes
    assert shape.height < section.page_height - section.top_margin - section.bottom_margin
    assert abs(shape.width / shape.height - 4 / 30) < 0.01          # shrunk, not squashed
