"""Words inside figures, in the reader's language, in a script matplotlib can draw.

matplotlib draws an empty box ("tofu") for a character its fonts lack, and
before 3.11 (which lays text out with libraqm) it drew each character's own
glyph left to right: Arabic letters unjoined, in reverse order. So every
string a figure draws goes through `FigureWords`:

- words are English at the call site, `words.pgettext("figure", "deadline")`,
  looked up in the catalog under the context "figure" (figure labels are
  short, so they have their own entries, and a font is checked against
  exactly them);
- Arabic: a matplotlib with libraqm shapes it and puts it in reading order
  itself; an older one is given it joined (arabic-reshaper: presentation
  forms) and in visual order (python-bidi). Either way the SVG holds Arabic
  text as outlines, exactly as drawn: a browser would otherwise lay the
  text out again, inside a right-to-left page, against matplotlib's anchors;
- fonts: DejaVu Sans (shipped with matplotlib: Latin, Cyrillic, Arabic) first;
  for Chinese, after it the first font that has every character of the
  catalog's figure labels: a full CJK font on this computer if there is one
  (Noto Sans CJK, Source Han Sans, WenQuanYi, Microsoft YaHei...), else the
  subset of Noto Sans CJK SC shipped in simex/report/fonts (OFL);
- when no font has them, figures are drawn in English, which stays legible,
  and `warning` says why and what to install: the HTML and Word reports
  show it above the first figure and `simex report` prints it.
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from simex.languages import LOCALE_DIR, is_right_to_left, translator

# The catalog context of every figure label; call sites write it as a literal,
# pgettext("figure", ...), because the extractor reads only literals.
CONTEXT = "figure"
BASE_FONT = "DejaVu Sans"          # matplotlib's own font: always there
FONT_DIR = Path(__file__).with_name("fonts")
SHIPPED_CJK = FONT_DIR / "NotoSansSC-simex-subset.otf"
# Full fonts preferred over the shipped subset (they have every character a
# user's own label may hold), most complete first; matched by family name.
CJK_FAMILIES = ("Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "Source Han Sans CN",
                "Microsoft YaHei", "PingFang SC", "Hiragino Sans GB", "WenQuanYi Micro Hei", "WenQuanYi Zen Hei",
                "Noto Sans CJK JP", "Noto Sans CJK TC", "SimHei", "Droid Sans Fallback", "AR PL UMing CN")
# Languages whose letters DejaVu Sans lacks, and the families that have them.
NEEDS_FONT = {"zh": CJK_FAMILIES}


@dataclass(frozen=True)
class FigureWords:
    """How figures speak one language: `lang` is the language they are drawn
    in (English when no font has the asked language's letters: see
    `warning`), `fonts` the families matplotlib uses, first choice first
    (it falls back glyph by glyph along the list)."""
    lang: str = "en"
    fonts: tuple[str, ...] = (BASE_FONT,)
    warning: str = ""
    # Draw SVG text as outlines: with the shipped subset, the computer the
    # report is read on likely has no Chinese font either.
    outlines: bool = False

    def pgettext(self, context: str, message: str) -> str:
        return self.show(translator(self.lang).pgettext(context, message))

    def npgettext(self, context: str, singular: str, plural: str, n: int) -> str:
        return self.show(translator(self.lang).npgettext(context, singular, plural, n))

    def show(self, text: str) -> str:
        """Text as matplotlib must be given it: Arabic joined and in visual
        order where matplotlib does not do it; any other text unchanged. For
        words already translated, and names from the scenario (agency ids)."""
        return visual(text) if has_rtl_letters(text) and not matplotlib_shapes() else text

    def number(self, value: float, pattern: str = "0.#") -> str:
        """A number as the figure's language writes it (1,5 in French)."""
        from babel.numbers import format_decimal

        return format_decimal(value, pattern, locale=self.lang)

    @property
    def rc(self) -> dict:
        """The matplotlib settings that draw with `fonts`: explicit family
        names, so every text keeps them whatever rcParams say at save time."""
        return {"font.family": list(self.fonts), **({"svg.fonttype": "path"} if self.outlines else {})}


def visual(text: str) -> str:
    """Arabic letters joined into their contextual forms and the line put in
    visual (left-to-right display) order; numbers and Latin ids inside keep
    their own order. Each line separately."""
    import arabic_reshaper
    from bidi import get_display

    return "\n".join(get_display(arabic_reshaper.reshape(line)) for line in str(text).split("\n"))


@lru_cache(maxsize=None)
def matplotlib_shapes() -> bool:
    """Whether matplotlib lays text out itself (shaping, bidi): 3.11 and
    later, built with libraqm."""
    from matplotlib import ft2font

    return hasattr(ft2font, "__libraqm_version__")


def has_rtl_letters(text: str) -> bool:
    """Whether `text` holds a right-to-left letter (Arabic, Hebrew...)."""
    return any(unicodedata.bidirectional(c) in ("R", "AL") for c in str(text))


def catalog_words(lang: str) -> list[str]:
    """Every figure label the `lang` catalog holds, as drawn (shaped): what a
    font must have glyphs for."""
    from babel.messages.mofile import read_mo

    path = LOCALE_DIR / lang / "LC_MESSAGES" / "simex.mo"
    if lang == "en" or not path.exists():
        return []
    with path.open("rb") as f:
        catalog = read_mo(f)
    out = []
    for m in catalog:
        if m.id and m.context == CONTEXT:
            for s in (m.string if isinstance(m.string, (list, tuple)) else [m.string]):
                out.append(visual(s) if has_rtl_letters(s) and not matplotlib_shapes() else s)
    return out


def has_glyphs(path: str | Path, chars: set[str], index: int = 0) -> bool:
    """Whether the font file has a glyph for every character (whitespace aside)."""
    font = _face(path, index)
    return all(font.get_char_index(ord(c)) for c in chars if not c.isspace())


def _face(path, index: int = 0):
    """One face of a font file (of a collection, .ttc, the index-th);
    matplotlib before 3.10 reads only the first."""
    from matplotlib.ft2font import FT2Font

    return FT2Font(str(path), face_index=index) if index else FT2Font(str(path))


def missing_glyphs(text: str, fonts: tuple[str, ...], entries=None) -> set[str]:
    """Characters of `text` that none of the `fonts` families has: what
    would be drawn as empty boxes."""
    files = [e for e in _entries(entries) if e.name in fonts]
    faces = [_face(e.fname, getattr(e, "index", 0) or 0) for e in files]
    return {c for c in str(text) if not c.isspace() and not any(f.get_char_index(ord(c)) for f in faces)}


def _entries(entries=None) -> list:
    """The fonts matplotlib knows (this computer's and its own), with simex's
    shipped subset added; or the given list (tests pass their own)."""
    if entries is not None:
        return list(entries)
    from matplotlib import font_manager

    if SHIPPED_CJK.exists() and not any(Path(e.fname) == SHIPPED_CJK for e in font_manager.fontManager.ttflist):
        font_manager.fontManager.addfont(str(SHIPPED_CJK))
    return list(font_manager.fontManager.ttflist)


def find_font(lang: str, entries=None):
    """The family of the first font that has every figure label of `lang`:
    a known family on this computer first, in CJK_FAMILIES order, then the
    shipped subset. The matplotlib FontEntry, or None when no font has them."""
    families = NEEDS_FONT.get(lang, ())
    chars = set("".join(catalog_words(lang)))
    candidates = [e for e in _entries(entries) if e.name in families and e.style == "normal"]
    candidates.sort(key=lambda e: (families.index(e.name), abs(e.weight - 400) if isinstance(e.weight, int) else 0))
    shipped = [e for e in _entries(entries) if Path(e.fname) == SHIPPED_CJK]
    for e in candidates + shipped:
        if has_glyphs(e.fname, chars, getattr(e, "index", 0) or 0):
            return e
    return None


def figure_warnings(lang: str) -> list[str]:
    """Why figures are not in the report's language, if they are not (no font
    with its letters on this computer), in that language: said above the
    first figure of an HTML or Word report, and by `simex report`."""
    warning = words_for(lang).warning
    return [warning] if warning else []


def words_for(lang: str, entries=None) -> FigureWords:
    """How figures speak `lang` on this computer (see the module's docstring).
    `entries` (matplotlib FontEntry list) replaces the fonts found, for tests."""
    if entries is None:
        return _cached(lang)
    return _choose(lang, entries)


@lru_cache(maxsize=None)
def _cached(lang: str) -> FigureWords:
    return _choose(lang, None)


def _choose(lang: str, entries) -> FigureWords:
    translator(lang)   # an unavailable language is an error here too, never English in silence
    if lang not in NEEDS_FONT:
        return FigureWords(lang, outlines=is_right_to_left(lang))
    found = find_font(lang, entries)
    if found is None:
        t = translator(lang)
        return FigureWords("en", (BASE_FONT,), t.gettext(
            "The figures are in English: no font with Chinese characters was found on this computer. "
            "Install one (Linux: the fonts-noto-cjk package; Windows: Microsoft YaHei, part of Windows "
            "with Chinese language support) and write the report again."))
    import logging

    # Bold text asks the Chinese font for a bold face it may not have: matplotlib
    # then uses the regular one, as wanted, and need not say so on every figure.
    logging.getLogger("matplotlib.font_manager").setLevel(logging.ERROR)
    return FigureWords(lang, (BASE_FONT, found.name), outlines=Path(found.fname) == SHIPPED_CJK)
