"""Every console word in every language: each word the consoles write has a
translation in each catalog, and a console screen in a language other than
English shows none of those words in English.

The words are what Babel's extractor finds in tui/ (gettext, ngettext,
pgettext), so a new English string without a translation fails here. The
screens are rendered from tests/data/scripts.yaml, whose player text exists in
all six languages, so English on screen can only come from the console.
Narrated sentences (the timeline) and scoring explanations come from
simex.narrate and simex.scoring, whose catalogs are checked with them: their
regions of the screen are blanked here."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po
from textual.widgets import Input

from simex.languages import LOCALE_DIR, UN_LANGUAGES, translator
from simex.session import LocalSession
from simex.tui.app import make_app
from simex.tui.participant import make_participant_app
from simex.tui.rowtable import RowTable
from simex.tui.timeline import Timeline
from tests.conftest import ROOT
from tests.net.conftest import serving
from tests.net.test_participant import inbox_rows, joined, run_to, until
from tests.tui.screen_text import screen_text

TUI = ROOT / "tui"
SCRIPTS = ROOT / "tests" / "data" / "scripts.yaml"
OTHERS = [lang for lang in UN_LANGUAGES if lang != "en"]


def console_words() -> list[tuple[str | None, str | tuple]]:
    """(context, msgid) of every word the consoles write, as the extractor sees them."""
    found = extract_from_dir(str(TUI), method_map=[("**.py", "python")])
    return sorted({(context, message) for _, _, message, _, context in found},
                  key=lambda pair: (pair[0] or "", str(pair[1])))


def test_the_consoles_write_their_words_where_the_extractor_sees_them():
    """t("...") translates at run time but no catalog would ever hold the word."""
    called = [f"{path.name}:{n}" for path in TUI.glob("*.py") for n, line in enumerate(path.read_text().splitlines(), 1)
              if re.search(r"\bt\(\s*[\"'f]", line)]
    assert not called, f"write t.gettext(...), not t(...): {called}"
    assert len(console_words()) > 200


@pytest.mark.parametrize("lang", OTHERS)
def test_every_console_word_is_translated(lang):
    catalog = read_po((LOCALE_DIR / lang / "LC_MESSAGES" / "simex.po").open("rb"))
    missing = []
    for context, message in console_words():
        entry = catalog.get(message[0] if isinstance(message, tuple) else message, context=context)
        strings = entry and (entry.string if isinstance(entry.string, tuple) else (entry.string,))
        if not entry or entry.fuzzy or not all(strings):
            missing.append((context, message))
    assert not missing, f"{lang}: untranslated console words: {missing}"
    # What the consoles read is the compiled .mo: it must say what the .po says.
    t = translator(lang)
    stale = [message for context, message in console_words() if not isinstance(message, tuple)
             and (t.pgettext(context, message) if context else t.gettext(message))
             != catalog.get(message, context=context).string]
    assert not stale, f"{lang}: simex.mo differs from simex.po (compile it): {stale}"


def _english_words(lang: str) -> list[tuple[str, re.Pattern]]:
    """(word, pattern) for every console word whose translation differs from
    its English: the English fragments of a template, as whole words."""
    t, out = translator(lang), []
    for context, message in console_words():
        english = message[0] if isinstance(message, tuple) else message
        shown = (t.npgettext(context, *message, 2) if context else t.ngettext(*message, 2)) \
            if isinstance(message, tuple) else (t.pgettext(context, message) if context else t.gettext(message))
        if shown.strip() == english.strip():
            continue            # the same word in both languages (MSEL, P/S/M/U, "Action" in French)
        for fragment in re.split(r"\{\w+\}", english):
            fragment = fragment.strip(" :·()—")
            if len(fragment) >= 3 and re.search("[A-Za-z]{3}", fragment) and fragment.lower() not in shown.lower():
                out.append((fragment, re.compile(rf"(?<![\w-]){re.escape(fragment)}(?![\w-])", re.IGNORECASE)))
    return out


def _blank(text: str, app, regions) -> str:
    """`text` with the given screen regions blanked."""
    lines = text.split("\n")
    for region in regions:
        for y in range(region.y, min(region.y + region.height, len(lines))):
            line = lines[y].ljust(region.x + region.width)
            lines[y] = line[: region.x] + " " * region.width + line[region.x + region.width:]
    return "\n".join(lines)


def _not_the_consoles(app):
    """Regions written by narration and scoring explanations, not by the console."""
    regions = [w.region for screen in app.screen_stack for w in screen.query(Timeline)]
    for table in (table for screen in app.screen_stack for table in screen.query(RowTable)):
        why = sum(width + 1 for key, _, width in table.columns if key != "why")
        region = table.region
        regions.append(region._replace(x=region.x + why, width=max(0, region.width - why)))
    return regions


def _english_on(app, lang: str) -> list[str]:
    text = _blank(screen_text(app), app, _not_the_consoles(app))
    return sorted({word for word, pattern in _english_words(lang) if pattern.search(text)})


@pytest.fixture(autouse=True)
def no_cursor_blink(monkeypatch):
    monkeypatch.setattr(Input, "cursor_blink", False)


FACILITATOR = {"msel": ("1",), "timeline": ("2",), "agencies": ("3",), "comms": ("4",), "scoring": ("5",),
               "new inject": ("i",), "act for agency": ("a",), "observation": ("o",), "end": ("e",),
               "postpone": ("1", "p"), "change the world": ("W",), "rate": ("r",), "report": ("w",)}


@pytest.mark.parametrize("lang", OTHERS)
async def test_no_english_on_the_facilitator_console(lang):
    session = LocalSession.new(SCRIPTS, record=False)
    session.jump_to(90 * 60)
    app = make_app(session, lang=lang, tick_seconds=None)
    english = {}
    async with app.run_test(size=(120, 40)) as pilot:
        for screen, keys in FACILITATOR.items():
            await pilot.press(*keys)
            await app.workers.wait_for_complete()
            await pilot.pause()
            if found := _english_on(app, lang):
                english[screen] = found
            if app.screen is not app.screen_stack[0]:
                await pilot.press("escape")
    session.close()
    assert not english, f"{lang}: English on the facilitator console: {english}"


PARTICIPANT = {"inbox": ("1",), "tasks": ("3",), "message": ("m",), "action": ("a",), "decision": ("d",),
               "evidence": ("t",), "inject": ("1", "enter")}
EVALUATOR = {"timeline": (), "observation": ("o",), "rating": ("r",)}


@pytest.mark.parametrize("lang", OTHERS)
async def test_no_english_on_the_participant_and_evaluator_consoles(lang, tmp_path):
    english = {}
    async with serving(SCRIPTS, tmp_path) as served:
        for label, screens in (("participant:customs", PARTICIPANT), ("evaluator:evaluator-1", EVALUATOR),
                               ("observer:observer-1", {"timeline": ()})):
            remote = await joined(served, label)
            app = make_participant_app(remote, lang=lang)
            async with app.run_test(size=(120, 40)) as pilot:
                await run_to(served, 90 * 60)
                await until(pilot, lambda: app.seen == len(remote.events) and remote.now == 90 * 60 and not app.dirty)
                for screen, keys in screens.items():
                    await pilot.press(*keys)
                    await pilot.pause()
                    if found := _english_on(app, lang):
                        english[f"{label} {screen}"] = found
                    if app.screen is not app.screen_stack[0]:
                        await pilot.press("escape")
            await remote.close()
    assert not english, f"{lang}: English on the consoles: {english}"
