"""The report in each of the six UN languages: every section is written from
the catalogs, so a reader of Arabic, Chinese, French, Russian or Spanish
finds no sentence of simex's English in it (proper names, ids, numbers and
scenario text a scenario has not translated aside), and a language without a
catalog is an error, never English tagged with another language."""
from __future__ import annotations

import html
import re
from functools import lru_cache

import pytest
from babel.messages.pofile import read_po

from simex import languages
from simex.engine.exercise import Exercise
from simex.feedback import analyse, load_form, load_responses
from simex.languages import UN_LANGUAGES, translator
from simex.report import build_report
from simex.scenario.loader import load_scenario
from tests.conftest import BORDER, ROOT

FEEDBACK = ROOT / "tests" / "data" / "feedback"
_FIELD = re.compile(r"\{[^{}]*\}")


@lru_cache(maxsize=None)
def _played():
    scenario = load_scenario(BORDER)
    ex = Exercise(scenario, bots="weak", bot_agencies=tuple(a.id for a in scenario.agencies))
    ex.run_to_end()
    return scenario, tuple(ex.events)


@lru_cache(maxsize=None)
def _report(lang: str, fmt: str) -> str:
    scenario, events = _played()
    form = load_form(FEEDBACK / "border-feedback.yaml")
    feedback = analyse(form, load_responses(FEEDBACK / "border-responses.csv", form))
    text = build_report(scenario, list(events), fmt=fmt, lang=lang, feedback=feedback)
    if fmt == "html":   # the words a reader sees: no figures' drawing, no tags, entities decoded
        text = re.sub(r"<svg.*?</svg>|<script.*?</script>|<style.*?</style>", " ", text, flags=re.S)
        text = html.unescape(re.sub(r"<[^>]+>", " ", text))
    return text


def _english_phrases(lang: str) -> list[tuple[str, str]]:
    """(phrase, msgid): each run of English words between placeholders of a
    msgid the catalog translates differently, long enough (three words) not to
    be a proper name or a word the languages share."""
    catalog = read_po((languages.LOCALE_DIR / lang / "LC_MESSAGES" / "simex.po").open("rb"), locale=lang)
    out = []
    for m in catalog:
        if not m.id:
            continue
        ids = [m.id] if isinstance(m.id, str) else list(m.id)
        strs = [m.string] if isinstance(m.string, str) else list(m.string)
        for msgid in ids:
            if msgid in strs:
                continue
            for piece in _FIELD.split(msgid):
                piece = piece.strip(" .,;:()'\"“”")
                if len(piece.split()) >= 3:
                    out.append((piece, msgid))
    return out


@pytest.mark.parametrize("fmt", ["md", "html"])
@pytest.mark.parametrize("lang", [lang for lang in UN_LANGUAGES if lang != "en"])
def test_no_sentence_of_simex_english_is_left_in_a_translated_report(lang, fmt):
    text = _report(lang, fmt)
    phrases = _english_phrases(lang)
    assert len(phrases) > 150, "the catalog is too small to say anything"
    # The bundled scenarios speak English and French only (yet): their own text
    # falls back to English (simex.scenario.text.tr), so a phrase the scenario
    # file itself contains proves nothing either way.
    scenario_text = BORDER.read_text(encoding="utf-8")
    left = sorted({msgid for phrase, msgid in phrases if phrase in text and phrase not in scenario_text})
    assert left == [], f"English left in the {lang} report: {left}"


@pytest.mark.parametrize("lang", [lang for lang in UN_LANGUAGES if lang != "en"])
def test_every_section_heading_is_in_the_reader_language(lang):
    """The same check from the other side: the sections are there, under
    their translated headings, and the English ones are not."""
    md = _report(lang, "md")
    english = _report("en", "md")
    headings = [line for line in english.splitlines() if line.startswith("## ")]
    _ = translator(lang).gettext
    for title in ("Executive summary", "Analysis of capabilities", "Coordination metrics", "Conclusion",
                  "Appendix A: Improvement plan", "Appendix B: Participants",
                  "Appendix C: Participant feedback summary", "Appendix D: Acronyms and short names",
                  "Appendix E: Incident timeline"):
        assert f"## {title}" in headings
        assert f"## {_(title)}" in md
        assert _(title) != title or lang == "fr" and title == "Conclusion"
    translated = [line for line in md.splitlines() if line.startswith("## ")]
    assert len(translated) == len(headings)


def test_the_english_report_is_unchanged_by_the_catalogs():
    md = _report("en", "md")
    assert "## Executive summary" in md and "doctrine expectations were met on time" in md


def test_numbers_and_durations_follow_the_reader_locale():
    fr, en = _report("fr", "md"), _report("en", "md")
    percent = re.search(r"\b(\d+)%", en).group(1)
    assert re.search(rf"\b{percent}\s%", fr)     # French writes a (no-break) space before %
    zh = _report("zh", "md")
    assert "分钟" in zh or "小时" in zh   # minutes/hours in Chinese units


@pytest.mark.parametrize("command", ["report", "compare"])
def test_a_language_without_a_catalog_is_an_error_listing_the_available_ones(command, tmp_path, monkeypatch,
                                                                          capsys):
    from simex.cli import main

    journal = tmp_path / "run.simex"
    assert main(["run", str(BORDER), "--seed", "3", "--journal", str(journal)]) == 0
    capsys.readouterr()
    for lang in ("ar", "zh", "ru"):   # their catalogs gone, as in a broken installation
        (tmp_path / "locale" / lang).mkdir(parents=True)
    for lang in ("fr", "es"):
        folder = tmp_path / "locale" / lang / "LC_MESSAGES"
        folder.mkdir(parents=True)
        folder.joinpath("simex.mo").write_bytes((languages.LOCALE_DIR / lang / "LC_MESSAGES" / "simex.mo").read_bytes())
    monkeypatch.setattr(languages, "LOCALE_DIR", tmp_path / "locale")
    translator.cache_clear()
    try:
        status = main([command, str(journal), "--lang", "ar", "-o", str(tmp_path / "out.md")])
    finally:
        translator.cache_clear()
    err = capsys.readouterr().err
    assert status == 2
    assert "'ar' is not available; available: en, fr, es" in err
    assert not (tmp_path / "out.md").exists()


@pytest.mark.parametrize("lang", ["zh", "ar"])
def test_the_commands_write_the_report_and_the_comparison_in_the_language_asked(lang, tmp_path, capsys):
    from simex.cli import main

    journal = tmp_path / "run.simex"
    assert main(["run", str(BORDER), "--seed", "3", "--journal", str(journal)]) == 0
    _ = translator(lang).gettext
    for fmt in ("md", "html", "docx"):
        assert main(["report", str(journal), "--lang", lang, "-o", str(tmp_path / f"aar.{fmt}")]) == 0
    assert f"# {_('After-Action Report / Improvement Plan')}:" in (tmp_path / "aar.md").read_text(encoding="utf-8")
    assert _("Executive summary") in html.unescape((tmp_path / "aar.html").read_text(encoding="utf-8"))
    import docx

    words = "\n".join(p.text for p in docx.Document(str(tmp_path / "aar.docx")).paragraphs)
    assert _("Executive summary") in words and "Executive summary" not in words
    assert main(["compare", str(journal), str(journal), "--lang", lang, "-o", str(tmp_path / "cmp.md")]) == 0
    assert f"# {_('Comparison of exercises')}:" in (tmp_path / "cmp.md").read_text(encoding="utf-8")
    err = capsys.readouterr().err
    assert _("report: {path}").format(path=tmp_path / "aar.md") in err


def test_every_language_is_available_from_the_shipped_catalogs():
    assert languages.available() == UN_LANGUAGES
