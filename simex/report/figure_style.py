"""How every simex figure looks, decided here once: report figures
(simex.report.figures) and sweep plots (simex.batch.plot) read it.

- Size: figures are drawn at the width they are printed at (the A4 text
  width of the HTML and Word reports, 15 mm margins), so a 9 pt label in
  the file is 9 pt on paper; nothing is scaled down to fit.
- Colours: the Okabe-Ito palette (Okabe & Ito 2008, "Color Universal
  Design"), told apart by readers with any common colour-vision deficiency,
  and greys. Colour never carries meaning alone: each status also has its
  own marker, hatching or line style, and the legend names them.
- Fonts: DejaVu Sans, and for Chinese a font with its characters after it
  (simex.report.figure_text chooses it); each figure sets them when it is
  made, so every text in it keeps them until it is saved.
- matplotlib is imported only inside `pyplot()`, with the Agg backend.
"""
from __future__ import annotations

from dataclasses import dataclass

# Okabe-Ito, in their order; black is the eighth.
OKABE_ITO = {"orange": "#E69F00", "sky_blue": "#56B4E9", "bluish_green": "#009E73", "yellow": "#F0E442",
             "blue": "#0072B2", "vermillion": "#D55E00", "reddish_purple": "#CC79A7", "black": "#000000"}
GREYS = {"dark_grey": "#333333", "grey": "#999999", "light_grey": "#DDDDDD", "pale": "#F2F2F2", "white": "#FFFFFF"}
SAFE = {**OKABE_ITO, **GREYS}
C = SAFE   # short name for figure code: C["blue"]

MIN_FONT_PT = 9          # the smallest text in any figure, at printed size
FONT_PT = 9
TITLE_PT = 10
WIDTH_IN = 7.0           # A4 (210 mm) less 2 x 15 mm margins = 180 mm = 7.09 in
MAX_HEIGHT_IN = 8.5      # leaves room for the caption on an A4 page
PNG_DPI = 200            # sharp on paper at that width, a few hundred kB per figure


@dataclass(frozen=True)
class Look:
    """How one status is drawn: colour, and what says it without colour.
    (Its name, in the reader's language, is simex.report.figures' to give.)"""
    colour: str
    marker: str
    hatch: str


STATUS = {
    "on_time": Look(C["bluish_green"], "o", ""),
    "late": Look(C["orange"], "^", ".."),
    "missed": Look(C["vermillion"], "X", "//"),
    "overdue": Look(C["reddish_purple"], "D", "\\\\"),
    "open": Look(C["grey"], "s", "--"),
}

RC = {
    "font.family": "sans-serif", "font.size": FONT_PT, "axes.titlesize": TITLE_PT, "axes.labelsize": FONT_PT,
    "xtick.labelsize": FONT_PT, "ytick.labelsize": FONT_PT, "legend.fontsize": FONT_PT,
    "legend.title_fontsize": FONT_PT, "figure.titlesize": TITLE_PT,
    "axes.prop_cycle": None,   # set in pyplot(): needs matplotlib's cycler
    "axes.edgecolor": GREYS["dark_grey"], "grid.color": GREYS["light_grey"], "svg.fonttype": "none",
    "svg.hashsalt": "simex", "savefig.dpi": PNG_DPI,
}


def pyplot(words=None):
    """matplotlib.pyplot with the Agg backend and the simex style applied,
    with the fonts of `words` (a simex.report.figure_text.FigureWords) if given."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from cycler import cycler

    plt.rcParams.update({**RC, "axes.prop_cycle": cycler(color=list(OKABE_ITO.values()))})
    if words is not None:
        plt.rcParams.update(words.rc)
    return plt


def figure(height_in: float, words=None, **kwargs):
    """A new figure at the printed width, `height_in` tall (at most a page),
    laid out by matplotlib's constrained layout so that labels stay inside
    without changing the size. `words`: the fonts of the figure's language."""
    plt = pyplot(words)
    return plt.figure(figsize=(WIDTH_IN, min(MAX_HEIGHT_IN, height_in)), layout="constrained", **kwargs)
