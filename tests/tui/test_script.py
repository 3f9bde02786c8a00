"""Scripts the terminal does not draw by itself: Arabic comes out shaped and in
visual order, in the cells it took; columns are cut and padded by terminal
cells, so rows of Chinese and Latin line up."""
from __future__ import annotations

from rich.cells import cell_len
from rich.segment import Segment
from textual.app import App
from textual.strip import Strip

from simex.tui.rowtable import RowTable
from simex.tui import script
from simex.tui.script import clip, column_width, fit, fit_right, shape_strip, visual, visual_cells
from tests.tui.screen_text import screen_text


def test_an_arabic_word_comes_out_shaped_and_reversed():
    # سلام: seen initial, lam-alef final ligature, meem isolated; drawn right to left.
    assert visual("سلام") == "\ufee1\ufefc\ufeb3"
    assert visual_cells("سلام") == "\ufee1\ufefc\ufeb3 "          # the ligature's cell kept: columns stay put


def test_a_line_keeps_its_latin_runs_and_brackets_the_right_way_round():
    assert visual("الجمارك (T+01:00)") == "(T+01:00) \ufed9\ufead\ufe8e\ufee4\ufea0\ufedf\ufe8d"
    assert visual("T+01:00  الجمارك") == "T+01:00  \ufed9\ufead\ufe8e\ufee4\ufea0\ufedf\ufe8d"
    assert visual("  لا شيء") == "  " + visual("لا شيء")     # indentation stays where it was


def test_text_without_right_to_left_letters_is_untouched():
    for text in ("Customs", "海关检查站", "inject I01 — T+00:00", ""):
        assert visual(text) is text and visual_cells(text) is text


def test_a_displayed_line_is_shaped_run_by_run_in_the_same_cells():
    strip = Strip([Segment("│ "), Segment("جمارك الشمال"), Segment("  north")])
    shaped = shape_strip(strip)
    assert [s.text for s in shaped] == ["│ ", visual("جمارك الشمال"), "  north"]
    assert shaped.cell_length == strip.cell_length == cell_len("".join(s.text for s in shaped))


def test_cells_not_characters_decide_a_columns_width():
    assert fit("海关", 6) == "海关  " and cell_len(fit("海关检查站", 6)) == 6
    assert fit("海关检查站", 6) == "海关… "        # a wide character that would straddle the edge is dropped
    assert clip("北国海关检查站", 8).endswith("…") and cell_len(clip("北国海关检查站", 8)) <= 8
    assert clip("Customs", 8) == "Customs"
    assert column_width("sur déclencheur", 10) == 15 and column_width("状态", 9) == 9


def test_a_right_aligned_cell_is_padded_on_the_left_even_when_cut():
    """A cell read from the right is padded at its start: a cut that dropped a
    wide character used to leave its spare cell at the text's end, which the
    reordering then put at the right, next to the column before it."""
    assert fit_right("海关", 6) == "  海关"
    assert fit_right("海关检查站", 6) == " 海关…" and cell_len(fit_right("海关检查站", 6)) == 6
    assert fit_right("Customs", 4) == "Cus…"
    assert fit_right("", 3) == "   "


class _Table(App):
    def compose(self):
        table = RowTable([("who", "机构", 8), ("n", "数", 3)], id="t")
        table.add_rows([("a", ("Customs", "1")), ("b", ("海关", "2")), ("c", ("北国海关检查站", "3"))])
        yield table


async def test_a_column_of_mixed_chinese_and_latin_rows_lines_up():
    app = _Table()
    async with app.run_test(size=(30, 6)):
        lines = [line for line in screen_text(app).splitlines() if line.strip()]
    starts = {cell_len(line[: line.index(n)]) for line, n in zip(lines, "数123")}
    assert starts == {9}, lines          # the second column begins at the same cell on every row


async def test_a_terminal_that_orders_arabic_itself_gets_it_in_logical_order(monkeypatch):
    """GNOME Terminal, Konsole and mlterm do bidi themselves: given visual
    order they would reverse it again."""
    class _Word(App):
        def compose(self):
            from textual.widgets import Static
            yield Static("جمارك الشمال")

    monkeypatch.setenv(script.TERMINAL_BIDI, "1")
    assert script.install() is False
    async with _Word().run_test(size=(20, 1)) as pilot:
        assert screen_text(pilot.app).strip() == "جمارك الشمال"
    monkeypatch.delenv(script.TERMINAL_BIDI)
    assert script.install() is True
    async with _Word().run_test(size=(20, 1)) as pilot:
        assert screen_text(pilot.app).strip() == visual("جمارك الشمال")


def test_one_cell_text_is_cut_by_slicing_exactly_as_rich_cuts_it():
    """fit() slices text whose characters each take one cell (Latin with its
    accents, Cyrillic, Greek, dashes) instead of measuring grapheme by
    grapheme: the same cells, padding and ellipsis as rich's way."""
    import random
    import string

    from rich.cells import set_cell_size

    def rich_fit(text, width):
        if cell_len(text) <= width:
            return text + " " * (width - cell_len(text))
        return set_cell_size(set_cell_size(text, max(width - 1, 0)).rstrip() + "…", width)

    alphabet = string.printable[:95] + "éèàçÀÉñöüßæøåœЖжщЯΩπ—–…·×σ\xa0"
    rnd = random.Random(5)
    for _ in range(20000):
        text = "".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 40)))
        width = rnd.randint(0, 45)
        assert fit(text, width) == rich_fit(text, width), (text, width)
    assert fit("Expectation met — customs rescanned", 12) == "Expectation…"
