"""Reports in right-to-left and CJK scripts (issue 13): an Arabic HTML report
is a right-to-left page whose layout mirrors (CSS says start and end, never
left and right) and whose ids and times keep their own order; an Arabic Word
report has right-to-left paragraphs, runs and tables with a complex-script
font and size, a Chinese one an East-Asian font; figures speak the report's
language, draw Arabic joined and right-to-left, and draw Chinese with a font
that has every glyph, or, on a computer with no such font, stay legible in
English and say why (in the report and on stderr). Each test reads what a
reader gets: the HTML text, the .docx read back, the glyphs matplotlib lays
out."""
from __future__ import annotations

import io
import re
import warnings

import docx
import pytest
from docx.oxml.ns import qn

from simex.languages import translator
from simex.report import build_report, figure_text, figures, html, word
from simex.report.blocks import Bullets, Heading, Para, Table
from simex.report.figure_text import SHIPPED_CJK, FigureWords, catalog_words, has_glyphs, missing_glyphs, words_for
from simex.scoring import evaluate
from tests.conftest import journal_run

ARABIC_SENTENCE = "أبلغت الشرطة B1 الجمارك عند 01:30:00."


@pytest.fixture(scope="module")
def played(tmp_path_factory):
    from simex.report import from_journal

    scenario, events, _ = from_journal(journal_run(tmp_path_factory.mktemp("scripts") / "weak.simex"))
    return scenario, events


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    import matplotlib.pyplot as plt

    plt.close("all")


# --- HTML -------------------------------------------------------------------------------------------

def test_arabic_html_is_a_right_to_left_page_and_english_is_not(played):
    scenario, events = played
    ar = build_report(scenario, events, fmt="html", lang="ar")
    en = build_report(scenario, events, fmt="html", lang="en")
    assert '<html lang="ar" dir="rtl">' in ar
    assert '<html lang="en">' in en and "dir=" not in en.split("<head>")[0]


def test_html_layout_mirrors_because_the_css_names_no_side():
    """text-align:left or border-left would stay on the left in an Arabic
    page; start and end follow the page's direction."""
    assert not re.search(r"(?<![\w-])(left|right)\b|-(left|right)\b", html.CSS)
    assert "text-align:start" in html.CSS and "border-inline-start" in html.CSS


def test_ids_and_times_inside_arabic_text_are_isolated():
    page = html.render([Para(ARABIC_SENTENCE), Table(["المعرف", "الوقت"], [["EXP-CORDON-400", "01:30:00"]]),
                        Bullets(["Customs sent RPM-00044 to secondary inspection."])], "t", "ar")
    assert "<bdi>B1</bdi>" in page and "<bdi>01:30:00</bdi>" in page
    assert "<td><bdi>EXP-CORDON-400</bdi></td>" in page
    # an English sentence in an Arabic page is one isolate: its full stop stays at its end
    assert "<li><bdi>Customs sent RPM-00044 to secondary inspection.</bdi></li>" in page
    english = html.render([Para(ARABIC_SENTENCE)], "t", "en")
    assert "<bdi>" not in english


def test_isolating_keeps_text_escaped_and_bold():
    page = html.render([Para("**تنبيه** <script>alert(1)</script> & B1")], "t", "ar")
    body = page[page.index("<body>"):]
    assert body.count("<script>") == 1   # the page's own; the text's is escaped
    assert "&lt;<bdi>script</bdi>&gt;" in body and "&amp; <bdi>B1</bdi>" in body
    assert "<strong>تنبيه</strong>" in body


# --- Word -------------------------------------------------------------------------------------------

def _docx(blocks, lang):
    return docx.Document(io.BytesIO(word.render(blocks, "t", lang)))


BLOCKS = [Heading(1, "تقرير ما بعد العمل"), Para(ARABIC_SENTENCE), Bullets(["نقطة أولى", "B1"]),
          Table(["المعرف", "الوقت"], [["EXP-1", "01:30:00"]], caption="جدول 1", cls="small")]


def test_arabic_word_paragraphs_runs_and_tables_are_right_to_left():
    doc = _docx(BLOCKS, "ar")
    body = doc.element.body
    paragraphs = list(body.iter(qn("w:p")))
    assert paragraphs and all(p.pPr is not None and p.pPr.find(qn("w:bidi")) is not None for p in paragraphs)
    for r in body.iter(qn("w:r")):
        text = "".join(t.text or "" for t in r.iter(qn("w:t")))
        marked = r.rPr is not None and r.rPr.find(qn("w:rtl")) is not None
        assert marked == bool(re.search("[\u0600-\u06ff]", text)), text
    tables = list(body.iter(qn("w:tbl")))
    assert tables and all(t.tblPr.find(qn("w:bidiVisual")) is not None for t in tables)
    assert body.find(qn("w:sectPr")).find(qn("w:bidi")) is not None


def test_arabic_word_text_has_a_complex_script_font_and_size():
    doc = _docx(BLOCKS, "ar")
    styles = doc.styles.element
    default = styles.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    assert default.find(qn("w:rFonts")).get(qn("w:cs")) == word.word_scripts.ARABIC_FONT
    for name in ("Normal", "Heading 1", "Caption"):
        fonts = doc.styles[name].element.rPr.find(qn("w:rFonts"))
        assert fonts.get(qn("w:cs")) == word.word_scripts.ARABIC_FONT and fonts.get(qn("w:cstheme")) is None
    # every size given for Latin text is given for Arabic text too (the small table's 8 pt included)
    for part in (styles, doc.element.body):
        for sz in part.iter(qn("w:sz")):
            both = sz.getparent().find(qn("w:szCs"))
            assert both is not None and both.get(qn("w:val")) == sz.get(qn("w:val"))
    assert any(sz.get(qn("w:val")) == "16" for sz in doc.element.body.iter(qn("w:szCs")))


def test_chinese_word_text_has_an_east_asian_font_and_no_right_to_left():
    doc = _docx([Heading(1, "行动后报告"), Para("按时 18 项，共 43 项。")], "zh")
    for name in ("Normal", "Heading 1", "Title"):
        fonts = doc.styles[name].element.rPr.find(qn("w:rFonts"))
        assert fonts.get(qn("w:eastAsia")) == word.word_scripts.CHINESE_FONT
        assert fonts.get(qn("w:eastAsiaTheme")) is None
    lang = doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr")).find(qn("w:lang"))
    assert lang.get(qn("w:eastAsia")) == "zh-CN"
    assert not list(doc.element.body.iter(qn("w:bidi"))) and not list(doc.element.body.iter(qn("w:rtl")))


def test_arabic_word_report_from_the_command_line_is_right_to_left(played, tmp_path):
    scenario, events = played
    doc = docx.Document(io.BytesIO(build_report(scenario, events, fmt="docx", lang="ar")))
    body = doc.element.body
    assert all(p.pPr is not None and p.pPr.find(qn("w:bidi")) is not None for p in body.iter(qn("w:p")))
    assert all(t.tblPr.find(qn("w:bidiVisual")) is not None for t in body.iter(qn("w:tbl")))


# --- Figures ----------------------------------------------------------------------------------------

def _texts(fig) -> list:
    from matplotlib.text import Text

    return [t for t in fig.findobj(Text) if t.get_text().strip()]


def _drawn_glyphs(text_artist) -> list[int]:
    """The glyph indices matplotlib draws for a text, left to right on the page."""
    from matplotlib.font_manager import findfont, get_font
    from matplotlib.textpath import text_to_path

    font = get_font(findfont(text_artist.get_fontproperties()))
    font.set_size(text_artist.get_fontsize(), 72)
    info, _, _ = text_to_path.get_glyphs_with_font(font, text_artist.get_text())
    return [int(key.rsplit("-", 1)[1], 16) for key, *_ in info]


def test_arabic_figure_text_is_translated_joined_and_right_to_left(played):
    """The delays figure's axis label is the Arabic catalog's, and the glyphs
    drawn are the letters' joined forms in right-to-left order: the glyphs of
    the same words joined and put in visual order by arabic-reshaper and
    python-bidi, not the isolated letters in typing order."""
    scenario, events = played
    fig = figures.draw_delays(evaluate(scenario, events, "ar"), words_for("ar"))
    label = fig.axes[0].xaxis.label
    wanted = translator("ar").pgettext("figure", "delay after the trigger ÷ deadline")
    assert wanted != "delay after the trigger ÷ deadline" and re.search("[\u0600-\u06ff]", wanted)
    from matplotlib.font_manager import findfont, get_font

    cmap = get_font(findfont(label.get_fontproperties())).get_charmap()
    drawn = _drawn_glyphs(label)
    joined = [cmap[ord(c)] for c in figure_text.visual(wanted)]
    typed = [cmap[ord(c)] for c in wanted]
    # a letter that looks the same alone and at a word's end may be drawn from
    # either of the font's two copies of it: most glyphs, not all, must agree
    same = lambda a, b: sum(x == y for x, y in zip(a, b)) / len(b)   # noqa: E731
    assert len(drawn) == len(joined)
    assert same(drawn, joined) >= 0.8 and same(drawn, typed) < 0.3, (same(drawn, joined), same(drawn, typed))


def test_arabic_svg_holds_the_text_as_drawn(played):
    """As outlines: a browser would lay the text out again inside the
    right-to-left page."""
    scenario, events = played
    svg = figures.delays(evaluate(scenario, events, "ar"), fmt="svg", lang="ar")
    assert "<text" not in svg and "<path" in svg
    assert "<text" in figures.delays(evaluate(scenario, events, "fr"), fmt="svg", lang="fr")


@pytest.mark.parametrize("lang", ["fr", "es", "ru", "ar", "zh"])
def test_every_figure_label_has_its_glyphs(played, lang):
    """Every text in every report figure is drawn from fonts that have each
    of its characters: no empty box, and matplotlib warns of no missing glyph."""
    scenario, events = played
    ev = evaluate(scenario, events, lang)
    words = words_for(lang)
    assert words.lang == lang and not words.warning
    with warnings.catch_warnings(record=True) as said:
        warnings.simplefilter("always")
        for fig in (figures.draw_timeline(scenario, events, words=words), figures.draw_delays(ev, words),
                    figures.draw_network(ev, scenario, words)):
            for t in _texts(fig):
                assert not missing_glyphs(t.get_text(), tuple(t.get_fontfamily())), t.get_text()
            fig.savefig(io.BytesIO(), format="png")
    assert not [w for w in said if "missing from font" in str(w.message)]


def test_chinese_figures_are_in_chinese_with_a_font_that_has_them(played):
    scenario, events = played
    words = words_for("zh")
    assert len(words.fonts) == 2   # DejaVu Sans, then a font with the Chinese characters
    fig = figures.draw_timeline(scenario, events, words=words)
    legend = [t.get_text() for t in fig.legends[0].get_texts()]
    assert translator("zh").pgettext("figure", "message") in legend
    assert all(list(t.get_fontfamily()) == list(words.fonts) for t in _texts(fig))


def test_without_a_chinese_font_figures_stay_legible_in_english_and_say_why(played):
    """The font finder pointed at an empty list: no font with Chinese glyphs."""
    scenario, events = played
    words = words_for("zh", entries=[])
    assert words.lang == "en" and words.fonts == ("DejaVu Sans",)
    assert "fonts-noto-cjk" in words.warning and re.search("[\u4e00-\u9fff]", words.warning)  # said in Chinese
    fig = figures.draw_timeline(scenario, events, words=words)
    texts = [t.get_text() for t in _texts(fig)]
    assert "message" in texts and not any(re.search("[\u4e00-\u9fff]", t) for t in texts)
    assert all(not missing_glyphs(t, ("DejaVu Sans",)) for t in texts)


def test_a_chinese_font_on_the_computer_is_preferred_to_the_shipped_subset_if_it_has_the_glyphs(tmp_path):
    """The finder takes a known Chinese family installed on the computer
    before the shipped subset, but only one that has every figure label's
    characters: a font named like a Chinese one without them is passed over."""
    from matplotlib import font_manager
    from matplotlib.font_manager import FontEntry

    dejavu = font_manager.findfont("DejaVu Sans")
    impostor = FontEntry(fname=dejavu, name="Noto Sans CJK SC", style="normal", weight=400)
    copy = tmp_path / "wqy-microhei.otf"   # stands for an installed font with the characters
    copy.write_bytes(SHIPPED_CJK.read_bytes())
    installed = FontEntry(fname=str(copy), name="WenQuanYi Micro Hei", style="normal", weight=400)
    shipped = FontEntry(fname=str(SHIPPED_CJK), name="Noto Sans SC simex subset", style="normal", weight=400)
    words = words_for("zh", entries=[shipped, impostor, installed])
    assert words.fonts == ("DejaVu Sans", "WenQuanYi Micro Hei") and not words.outlines and not words.warning
    words = words_for("zh", entries=[impostor, shipped])
    assert words.fonts == ("DejaVu Sans", "Noto Sans SC simex subset") and words.outlines


def test_the_fallback_warning_is_in_the_report_above_the_first_figure(played, monkeypatch, capsys, tmp_path):
    scenario, events = played
    monkeypatch.setattr(figure_text, "_cached", lambda lang: figure_text._choose(lang, []))
    warning = words_for("zh", entries=[]).warning
    page = build_report(scenario, events, fmt="html", lang="zh")
    assert page.index(html._inline(warning)) < page.index("<figure>")
    doc = docx.Document(io.BytesIO(build_report(scenario, events, fmt="docx", lang="zh")))
    texts = [p.text for p in doc.paragraphs]
    assert warning in texts
    from simex.cli import main

    journal = journal_run(tmp_path / "j.simex")
    assert main(["report", str(journal), "--lang", "zh", "-o", str(tmp_path / "aar.html")]) == 0
    assert f"simex report: {warning}" in capsys.readouterr().err


def test_with_a_chinese_font_the_report_gives_no_warning(played):
    scenario, events = played
    assert words_for("zh").warning == ""
    assert '<p class="warning">' not in build_report(scenario, events, fmt="html", lang="zh")


def test_the_shipped_chinese_font_has_every_figure_label_and_its_licence():
    chars = set("".join(catalog_words("zh")))
    assert len(chars) > 50 and has_glyphs(SHIPPED_CJK, chars)
    assert SHIPPED_CJK.stat().st_size < 1_000_000
    licence = (SHIPPED_CJK.parent / "OFL.txt").read_text(encoding="utf-8")
    assert "SIL OPEN FONT LICENSE Version 1.1" in licence and "Adobe" in licence


@pytest.mark.parametrize("lang", ["fr", "es", "ru", "ar", "zh"])
def test_every_figure_label_is_translated(lang):
    """Every string figures.py draws (context "figure") has an entry with a
    translation in the compiled catalog the report reads."""
    from babel.messages.extract import extract_from_file
    from babel.messages.mofile import read_mo

    from simex.languages import LOCALE_DIR

    with (LOCALE_DIR / lang / "LC_MESSAGES" / "simex.mo").open("rb") as f:
        catalog = read_mo(f)
    found = [(m[1], m[3]) for m in extract_from_file("python", figures.__file__)]
    assert len(found) > 25 and all(context == "figure" for _, context in found)
    for message, _ in found:
        msgid = message[0] if isinstance(message, tuple) else message
        entry = catalog.get(msgid, context="figure")
        assert entry is not None and entry.string, (lang, msgid)


def test_numbers_in_figures_are_written_as_the_language_writes_them(played):
    """The delays figure's scale: 0,25 in French and Russian, 0.25 in English
    and in Arabic (whose reports use these digits too)."""
    scenario, events = played
    ticks = {}
    for lang in ("fr", "ru", "en", "ar"):
        fig = figures.draw_delays(evaluate(scenario, events, lang), words_for(lang))
        fig.canvas.draw()
        ticks[lang] = [t.get_text() for t in fig.axes[0].get_xticklabels()]
    assert "0,25" in ticks["fr"] and ticks["fr"] == ticks["ru"]
    assert "0.25" in ticks["en"] and ticks["en"] == ticks["ar"]
    assert FigureWords("fr").number(1.5, "0.0") == "1,5"
