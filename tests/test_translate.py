"""`simex translate export/import` as a translator's round trip uses it.

A scenario goes out as a .po (or XLIFF 1.2) file with every player-facing
text, comes back with translations, and lands in the YAML where each text
is, with the file's comments and layout kept; nothing changed means not a
byte changed. What cannot be imported (a text that is gone, a fuzzy entry,
English that changed) is said, located, never dropped silently.
"""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml
from babel.messages.pofile import read_po, write_po
from hypothesis import given, settings
from hypothesis import strategies as st

from simex.cli import main
from simex.library_index import bundled
from simex.scenario.loader import check_file, load_scenario
from simex.scenario.texts import player_texts
from simex.translate.yamledit import quote

MINIMAL = Path(__file__).parent / "data" / "minimal.yaml"
SCENARIOS = sorted(bundled().values())
IDS = [p.stem for p in SCENARIOS]


def texts(path: Path) -> dict[str, dict]:
    return {t.context: t.text for t in player_texts(load_scenario(path))}


def edit_po(path: Path, change) -> None:
    """Rewrite a .po file, `change(message)` called on every message, as a translator's tool would."""
    with path.open("rb") as f:
        catalog = read_po(f)
    for message in catalog:
        if message.id:
            change(message)
    with path.open("wb") as f:
        write_po(f, catalog)


def retranslate(path: Path, lang: str, changes: dict[str, str]) -> int:
    """Export `lang`, change the translations of the given contexts, import: the import's exit status."""
    out = path.with_name(f"{lang}.po")
    assert main(["translate", "export", str(path), "--lang", lang, "-o", str(out)]) == 0

    def change(message):
        message.string = changes.get(message.context, message.string)
    edit_po(out, change)
    return main(["translate", "import", str(path), str(out)])


# --- nothing changed, nothing written -------------------------------------------------


@pytest.mark.parametrize("path", SCENARIOS, ids=IDS)
@pytest.mark.parametrize("suffix", [".po", ".xlf"])
def test_export_then_import_leaves_every_bundled_scenario_byte_for_byte(path, suffix, tmp_path, capsys):
    copy = tmp_path / path.name
    shutil.copy(path, copy)
    for lang in ("ar", "zh", "fr", "ru", "es"):
        out = tmp_path / f"{lang}{suffix}"
        assert main(["translate", "export", str(copy), "--lang", lang, "-o", str(out)]) == 0
        assert main(["translate", "import", str(copy), str(out)]) == 0
        assert copy.read_bytes() == path.read_bytes()
    assert "0 ar texts written" in capsys.readouterr().err


@pytest.mark.parametrize("path", SCENARIOS, ids=IDS)
def test_every_bundled_scenario_says_its_translations_are_machine_assisted(path):
    # (tests/test_scenario_library.py checks that each validates clean in the six languages)
    assert "machine-assisted" in path.read_text(encoding="utf-8").split("\nsimex:")[0]


def test_export_lists_each_text_with_its_context_note_and_line(tmp_path):
    out = tmp_path / "ar.po"
    path = bundled()["border-detection"]
    assert main(["translate", "export", str(path), "--lang", "ar", "-o", str(out)]) == 0
    with out.open("rb") as f:
        catalog = read_po(f)
    messages = {m.context: m for m in catalog if m.id}
    assert messages.keys() == texts(path).keys()
    text = messages["injects[I03].text"]
    assert text.id.startswith("The driver of NV-4471-KB is nervous")
    assert text.string == texts(path)["injects[I03].text"]["ar"]
    assert text.auto_comments == ["What the players receive."]
    ((file, line),) = text.locations
    source = path.read_text(encoding="utf-8").splitlines()
    assert file == "border-detection.yaml" and "The driver of NV-4471-KB" in source[line - 1]
    sentence = messages["agencies[customs].actions[release_vehicle].sentence"]
    assert "{agency}" in sentence.auto_comments[0] and "python-brace-format" in sentence.flags


# --- translations land where their text is ------------------------------------------------


def test_an_edited_translation_lands_in_its_text_and_nothing_else_moves(tmp_path):
    path = tmp_path / "border-detection.yaml"
    shutil.copy(bundled()["border-detection"], path)
    before = path.read_text(encoding="utf-8")
    assert retranslate(path, "es", {"injects[I03].synopsis": "La versión del conductor, revisada"}) == 0
    after = path.read_text(encoding="utf-8")
    changed = [(a, b) for a, b in zip(before.splitlines(), after.splitlines()) if a != b]
    assert len(before.splitlines()) == len(after.splitlines()) and len(changed) == 1
    assert changed[0][1].strip() == 'es: "La versión del conductor, revisada"'
    assert texts(path)["injects[I03].synopsis"]["es"] == "La versión del conductor, revisada"


SHAPES = [  # (how minimal.yaml writes a text, how this test rewrites it)
    ("  title:\n    en: Mini border exercise\n    fr: Mini exercice frontalier\n",
     "  title: Mini border exercise   # the short name\n"),
    ("  summary:\n    en: A radioactive source is found at a road crossing.\n"
     "    fr: Une source radioactive est découverte à un poste frontière.\n",
     "  summary: >-\n    A radioactive source is found\n    at a road crossing.\n"),
    ("    synopsis:\n      en: STARTEX briefing\n      fr: Briefing de début d'exercice\n",
     "    synopsis: {en: STARTEX briefing, fr: Briefing de début d'exercice}\n"
     "    expected_actions:\n      - Read the briefing\n      - {en: Check the portals, fr: Vérifier les portiques}\n"),
    ("        title:\n          en: Start a secondary inspection\n          fr: Lancer une inspection secondaire\n"
     "        params:\n          - name: vehicle\n",
     "        title: {en: Start a secondary inspection}\n        params:\n"
     "          - {name: vehicle, title: Vehicle}\n"),
]


def shaped_minimal(tmp_path: Path) -> Path:
    text = MINIMAL.read_text(encoding="utf-8")
    for old, new in SHAPES:
        assert old in text
        text = text.replace(old, new)
    text = text.replace("languages: [en, fr]", "languages: [en]")
    path = tmp_path / "shapes.yaml"
    path.write_text("# A hand-written header comment\n" + text, encoding="utf-8")
    assert check_file(path)[0] is not None
    return path


def test_a_new_language_is_written_into_every_shape_of_text_with_comments_kept(tmp_path, capsys):
    path = shaped_minimal(tmp_path)
    before = path.read_text(encoding="utf-8")
    english = {k: v["en"] for k, v in texts(path).items()}
    out = tmp_path / "zh.po"
    assert main(["translate", "export", str(path), "--lang", "zh", "-o", str(out)]) == 0
    edit_po(out, lambda m: setattr(m, "string", f"「{m.id}」\\ \"{m.context}\""))
    assert main(["translate", "import", str(path), str(out)]) == 0
    assert "0 not translated yet" in capsys.readouterr().err

    scenario, problems = check_file(path)
    assert scenario is not None and problems == []
    assert scenario.exercise.languages == ["en", "zh"]
    after = {t.context: t.text for t in player_texts(scenario)}
    assert {k: v["en"] for k, v in after.items()} == english          # the English is kept as it was
    assert all(v["zh"] == f"「{v['en']}」\\ \"{k}\"" for k, v in after.items())
    text = path.read_text(encoding="utf-8")
    def comments(text: str) -> list[str]:
        return [line[line.index("#"):] for line in text.splitlines() if "#" in line and "「" not in line]
    assert comments(text) == comments(before)
    assert "  title:   # the short name\n    en: Mini border exercise\n    zh: " in text
    assert "  summary:\n    en: >-\n      A radioactive source is found\n      at a road crossing.\n    zh: " in text
    assert "      - en: Read the briefing\n        zh: " in text
    assert "- {name: vehicle, title: {en: Vehicle, zh: " in text
    # Untouched parts are untouched: the channels come through as written.
    channels = before[before.index("channels:"):before.index("world:")]
    assert channels in text

    # And the result is a file the round trip leaves alone.
    assert main(["translate", "export", str(path), "--lang", "zh", "-o", str(out)]) == 0
    assert main(["translate", "import", str(path), str(out)]) == 0
    assert path.read_text(encoding="utf-8") == text


@pytest.mark.parametrize("written, becomes, languages", [
    ("  languages:\n    - en\n    - fr\n", "  languages:\n    - en\n    - fr\n    - ru\n", ["en", "fr", "ru"]),
    ("", "  languages: [en, ru]\n", ["en", "ru"]),      # no list at all: English alone until now
], ids=["block list", "no list"])
def test_a_language_not_yet_declared_is_added_to_the_list(written, becomes, languages, tmp_path):
    path = tmp_path / "s.yaml"
    path.write_text(MINIMAL.read_text(encoding="utf-8").replace("  languages: [en, fr]\n", written),
                    encoding="utf-8")
    out = tmp_path / "ru.po"
    assert main(["translate", "export", str(path), "--lang", "ru", "-o", str(out)]) == 0
    edit_po(out, lambda m: setattr(m, "string", "перевод"))
    assert main(["translate", "import", str(path), str(out)]) == 0
    assert becomes in path.read_text(encoding="utf-8")
    assert load_scenario(path).exercise.languages == languages


# --- what cannot be imported is said -------------------------------------------------------


def test_stale_fuzzy_and_changed_english_entries_are_reported_not_imported(tmp_path, capsys):
    path = tmp_path / "s.yaml"
    shutil.copy(MINIMAL, path)
    out = tmp_path / "es.po"
    assert main(["translate", "export", str(path), "--lang", "es", "-o", str(out)]) == 0

    def change(message):
        message.string = "traducción"
        if message.context == "injects[I02].text":
            message.context = "injects[I99].text"              # the inject was deleted since the export
        elif message.context == "injects[I03].text":
            message.flags.add("fuzzy")                         # the translator is not sure
        elif message.context == "doctrine[E01].title":
            message.id = "Inspect each alarming vehicle"       # exported before the English was edited
    edit_po(out, change)
    before = path.read_text(encoding="utf-8")
    assert main(["translate", "import", str(path), str(out)]) == 0
    err = capsys.readouterr().err
    po_lines = out.read_text(encoding="utf-8").splitlines()

    def reported(context: str, words: str) -> None:
        line = next(i for i, text in enumerate(po_lines, 1) if text == f'msgctxt "{context}"')
        assert re.search(rf"{re.escape(str(out))}:\d+: {re.escape(context)}: warning: .*{words}", err)
        number = int(re.search(rf"{re.escape(str(out))}:(\d+): {re.escape(context)}", err)[1])
        assert abs(number - line) <= 3       # the entry, located in the .po

    reported("injects[I99].text", "no such text in the scenario any more")
    reported("injects[I03].text", "fuzzy")
    reported("doctrine[E01].title", "English text changed")
    after = texts(path)
    assert "es" not in after["injects[I02].text"] and "es" not in after["injects[I03].text"]
    assert "es" not in after["doctrine[E01].title"]
    assert after["exercise.title"]["es"] == "traducción"
    assert path.read_text(encoding="utf-8") != before


def test_a_translation_that_breaks_the_scenario_is_reported_located(tmp_path, capsys):
    path = tmp_path / "s.yaml"
    shutil.copy(bundled()["border-detection"], path)
    assert retranslate(path, "fr", {"agencies[customs].actions[release_vehicle].sentence":
                                    "{agency} a libéré le véhicule {vehicle"}) == 1
    err = capsys.readouterr().err
    line = next(i for i, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
                if "{vehicle\"" in text)
    found = re.search(rf"{re.escape(str(path))}:(\d+):\d+: agencies\[0\]\.actions\[5\]\.sentence: "
                      r"the sentence \(fr\) cannot be read", err)
    assert found and line - 6 < int(found[1]) <= line     # at the text's `sentence:` key, above the bad `fr:`


# --- XLIFF 1.2 --------------------------------------------------------------------------------


def test_xliff_round_trip_and_review_state(tmp_path):
    path = tmp_path / "s.yaml"
    shutil.copy(MINIMAL, path)
    out = tmp_path / "es.xlf"
    assert main(["translate", "export", str(path), "--lang", "es", "-o", str(out)]) == 0
    xml = out.read_text(encoding="utf-8")
    assert 'version="1.2"' in xml and 'target-language="es"' in xml and 'resname="injects[I01].text"' in xml
    xml = xml.replace('<target state="needs-translation" />',
                      '<target state="translated">Texto</target>', 1)
    xml = re.sub(r'(resname="injects\[I01\]\.text".*?)<target state="needs-translation" />',
                 r'\1<target state="needs-review-translation">Dudoso</target>', xml, count=1, flags=re.S)
    out.write_text(xml, encoding="utf-8")
    assert main(["translate", "import", str(path), str(out)]) == 0
    after = texts(path)
    assert after["exercise.title"]["es"] == "Texto"
    assert "es" not in after["injects[I01].text"]        # needs review: not imported
    assert load_scenario(path).exercise.languages == ["en", "fr", "es"]


# --- validate: every declared language, located ------------------------------------------------


def test_validate_warns_at_the_line_of_a_text_missing_a_declared_language(tmp_path, capsys):
    path = tmp_path / "border-detection.yaml"
    source = bundled()["border-detection"].read_text(encoding="utf-8")
    start = source.index("  - id: I03")
    arabic = re.compile(r'\n +ar: "[^"\n]*"')
    match = arabic.search(source, source.index("    text:", start))
    path.write_text(source[:match.start()] + source[match.end():], encoding="utf-8")
    line = source[:source.index("    text:", start)].count("\n") + 1      # the inject's `text:` line
    assert main(["validate", str(path)]) == 0
    out = capsys.readouterr().out
    assert re.search(rf"{re.escape(str(path))}:{line}:\d+: injects\[2\]\.text: warning: no 'ar' text", out)


@pytest.mark.parametrize("path", SCENARIOS, ids=IDS)
def test_the_fast_composer_marks_the_same_characters_as_python(path):
    """Edits are made at the composer's marks: libyaml's must count code points as Python does."""
    text = path.read_text(encoding="utf-8") + 'x: ["😀 wide", "\U0001d518"]\r\n'

    def marks(node):
        yield node.start_mark.index, node.end_mark.index
        for child in node.value if isinstance(node.value, list) else ():
            for part in child if isinstance(child, tuple) else (child,):
                yield from marks(part)
    assert list(marks(yaml.compose(text, Loader=yaml.CSafeLoader))) == \
        list(marks(yaml.compose(text, Loader=yaml.SafeLoader)))


# --- writing a string ------------------------------------------------------------------------------


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_a_quoted_string_reads_back_as_itself(value):
    assert yaml.safe_load(f"k: {quote(value)}")["k"] == value


def test_cli_errors_name_the_problem(tmp_path, capsys):
    assert main(["translate", "import", str(MINIMAL), str(tmp_path / "missing.po")]) == 1
    assert "cannot read" in capsys.readouterr().err
    bad = tmp_path / "x.xlf"
    bad.write_text("<xliff version='2.0'/>", encoding="utf-8")
    assert main(["translate", "import", str(MINIMAL), str(bad)]) == 1
    assert "XLIFF 1.2" in capsys.readouterr().err
