"""A Word report set up for its language's script, after its blocks are
written (simex.report.word): complex-script and East-Asian fonts and sizes
for every style, and for a right-to-left language (Arabic) every paragraph,
run, table and the section right-to-left.

Word formats each character by its script: Latin text with w:rFonts/@w:ascii
and w:sz, Arabic with @w:cs and w:szCs, Chinese with @w:eastAsia. A size or
font set only for Latin leaves Arabic text at Word's default size, so every
size is given for both. The styles of python-docx's template name theme
fonts (w:cstheme, w:eastAsiaTheme), which win over a named font: they are
replaced by fonts that have the letters.

Element order inside w:pPr and w:rPr is fixed by the schema (Word refuses a
file that breaks it), hence the lists of what follows each element added.
"""
from __future__ import annotations

from simex.languages import is_right_to_left

ARABIC_FONT = "Arial"               # has Arabic letters on every Windows and macOS; Word substitutes elsewhere
CHINESE_FONT = "Microsoft YaHei"    # Windows' Chinese font; LibreOffice substitutes Noto Sans CJK SC
LANGUAGE_TAGS = {"en": "en-GB", "fr": "fr-FR", "es": "es-ES", "ru": "ru-RU", "ar": "ar-SA", "zh": "zh-CN"}

# What may follow each element inside its parent (ECMA-376 Part 1, 17.3.1.26 pPr; 17.3.2.28 rPr).
_AFTER_BIDI = ("w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents",
               "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment", "w:textboxTightWrap",
               "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange")
_AFTER_SZCS = ("w:highlight", "w:u", "w:effect", "w:bdr", "w:shd", "w:fitText", "w:vertAlign", "w:rtl", "w:cs",
               "w:em", "w:lang", "w:eastAsianLayout", "w:specVanish", "w:oMath")
_AFTER_LANG = ("w:eastAsianLayout", "w:specVanish", "w:oMath")
_AFTER_SECT_BIDI = ("w:rtlGutter", "w:docGrid", "w:printerSettings", "w:sectPrChange")


def apply(doc, lang: str) -> None:
    """Set `doc` (a python-docx Document) up for `lang`'s script."""
    _style_fonts(doc, lang)
    _sizes(doc)
    if is_right_to_left(lang):
        _right_to_left(doc)


def _child(parent, tag: str, after: tuple[str, ...]):
    """`parent`'s `tag` child, added in its schema place if missing."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    found = parent.find(qn(tag))
    if found is None:
        found = parent.insert_element_before(OxmlElement(tag), *after)
    return found


def _style_fonts(doc, lang: str) -> None:
    from docx.oxml.ns import qn

    styles = doc.styles.element
    default = styles.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    texts = [s for s in styles.findall(qn("w:style")) if s.get(qn("w:type")) in ("paragraph", "character")]
    for rPr in [default, *(s.get_or_add_rPr() for s in texts)]:
        fonts = rPr.get_or_add_rFonts()
        for theme in ("w:cstheme", "w:eastAsiaTheme"):
            fonts.attrib.pop(qn(theme), None)
        fonts.set(qn("w:cs"), ARABIC_FONT)
        if lang == "zh":
            fonts.set(qn("w:eastAsia"), CHINESE_FONT)
            fonts.set(qn("w:hint"), "eastAsia")   # shared punctuation drawn with the Chinese font
    # Proofing languages by script: Latin text is the report's language unless
    # that is written in another script (then it is ids and names: English).
    tags = _child(default, "w:lang", _AFTER_LANG)
    tags.set(qn("w:val"), LANGUAGE_TAGS["en"] if lang in ("ar", "zh") else LANGUAGE_TAGS.get(lang, "en-GB"))
    tags.set(qn("w:bidi"), LANGUAGE_TAGS["ar"])
    tags.set(qn("w:eastAsia"), LANGUAGE_TAGS["zh"])


def _parts(doc) -> list:
    """The body and the headers and footers the document has (asking
    python-docx for a missing one would add it)."""
    parts = [doc.element.body]
    for section in doc.sections:
        parts += [hf._element for hf in (section.header, section.footer) if not hf.is_linked_to_previous]
    return parts


def _sizes(doc) -> None:
    """Every Latin size (w:sz) also as the complex-script size (w:szCs)."""
    from docx.oxml.ns import qn

    for part in [doc.styles.element, *_parts(doc)]:
        for sz in part.iter(qn("w:sz")):
            rPr = sz.getparent()
            if rPr.tag == qn("w:rPr") and rPr.find(qn("w:szCs")) is None:
                _child(rPr, "w:szCs", _AFTER_SZCS).set(qn("w:val"), sz.get(qn("w:val")))


def _right_to_left(doc) -> None:
    """Every paragraph right-to-left (w:bidi: it starts at the right, and a
    list's bullet is at the right), every run holding Arabic letters marked
    w:rtl, every table laid out from the right (w:bidiVisual), and the
    section (w:bidi: columns and gutter)."""
    from docx.oxml.ns import qn

    from simex.report.figure_text import has_rtl_letters

    for part in _parts(doc):
        for p in list(part.iter(qn("w:p"))):
            _child(p.get_or_add_pPr(), "w:bidi", _AFTER_BIDI)
        for r in list(part.iter(qn("w:r"))):
            text = "".join(t.text or "" for t in r.iter(qn("w:t")))
            if has_rtl_letters(text):
                r.get_or_add_rPr().get_or_add_rtl()
        for tbl in list(part.iter(qn("w:tbl"))):
            tbl.tblPr.get_or_add_bidiVisual()
    for sectPr in doc.element.body.iter(qn("w:sectPr")):
        _child(sectPr, "w:bidi", _AFTER_SECT_BIDI)
    normal = doc.styles["Normal"].element.get_or_add_pPr()
    _child(normal, "w:bidi", _AFTER_BIDI)   # paragraphs Word adds later start right-to-left too
