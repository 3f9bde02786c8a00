"""`simex validate` speaks the scenario author's language.

Authors in a French, Russian, Arabic, Chinese or Spanish workshop programme
write scenarios too. The checks run once and say each problem as a template
plus parameters (simex.words.Say); the text output says it in the
language chosen as every simex command chooses it (--lang, SIMEX_LANG, the
locale), while the location, the path, the author's ids and the caret stay as
written. JSON output stays English for editors and scripts.
"""
from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from simex.languages import translator
from simex.scenario.loader import check_file, check_text
from tests import test_checks, test_loader
from tests.conftest import ROOT

LANGS = ("fr", "es", "ru", "ar", "zh")
BASE = (Path(__file__).parent / "data" / "minimal.yaml").read_text(encoding="utf-8")

# A broken copy of tests/data/minimal.yaml: an unknown key with a near miss,
# an unknown agency, a missing translation (a warning).
BROKEN = (BASE.replace("    between: [customs, police]", "    between: [customs, polize]", 1)
              .replace("  title:", "  titel:", 1)
              .replace("      fr: Briefing de début d'exercice\n", "", 1))
# One phrase per language that only the translated message can contain.
SAID = {"fr": "inconnu", "es": "desconocid", "ru": "неизвестн", "ar": "غير معروف", "zh": "未知"}
LOCATION = re.compile(r"^(\S+:\d+:\d+: )")


def validate(*argv: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "simex.cli", "validate", *argv], cwd=ROOT, capture_output=True,
                          text=True, env=env)


@pytest.fixture(scope="module")
def broken(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("validate") / "broken.yaml"
    path.write_text(BROKEN, encoding="utf-8")
    assert BASE != BROKEN.replace("polize", "police").replace("titel", "title")
    return path


@pytest.fixture(scope="module")
def english(broken) -> list[str]:
    out = validate("--lang", "en", str(broken))
    assert out.returncode == 1
    return out.stdout.splitlines()


def _untranslated(say, t) -> list[str]:
    """The templates of a message (and of its word parameters) missing from the catalog of `t`."""
    left = []
    for part in say.templates():
        if part.template == "{error}":   # pydantic's own English passed through: never translated
            left.append(part.template)
            continue
        key = (part.template, 0) if part.plural is not None else \
            f"{part.context}\x04{part.template}" if part.context is not None else part.template
        if not t._catalog.get(key):   # gettext's parsed .mo: msgid (or context\x04msgid) -> translation
            left.append(part.template)
    return left


@pytest.mark.parametrize("lang", LANGS)
def test_validate_speaks_the_chosen_language_and_keeps_the_locations(broken, english, lang):
    out = validate("--lang", lang, str(broken))
    assert out.returncode == 1
    lines = out.stdout.splitlines()
    # Same number of lines, each problem at the same file:line:col with the same
    # path and the same source line and caret under it; only the words differ.
    assert len(lines) == len(english)
    for said, en in zip(lines, english):
        if LOCATION.match(en):
            assert LOCATION.match(said)[1] == LOCATION.match(en)[1]
            assert said != en, f"left in English: {said}"
        elif en.strip().startswith("^") or not en.startswith(str(broken)):
            assert said == en    # the source line and the caret stay as written
    assert SAID[lang] in out.stdout
    assert "'polize'" in out.stdout and "exercise.titel" in out.stdout   # the author's words as written
    assert lines[-1].startswith(str(broken)) and lines[-1] != english[-1]   # the summary, translated


def test_every_message_of_the_broken_file_is_translated(broken):
    _, problems = check_file(broken)
    assert {p.severity for p in problems} == {"error", "warning"}
    for lang in LANGS:
        t = translator(lang)
        for p in problems:
            assert p.words is not None, p.message
            assert _untranslated(p.words, t) == [], (lang, p.message)


def test_the_language_comes_from_simex_lang_and_the_locale(broken):
    import os

    env = {k: v for k, v in os.environ.items() if k not in ("SIMEX_LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")}
    assert "inconnue" in validate(str(broken), env={**env, "SIMEX_LANG": "fr"}).stdout
    assert "未知" in validate(str(broken), env={**env, "LANG": "zh_CN.UTF-8"}).stdout
    assert "unknown key 'titel'" in validate(str(broken), env={**env, "LANG": "C"}).stdout


def test_an_unavailable_language_is_an_error_listing_the_available_ones(broken):
    out = validate("--lang", "xx", str(broken))
    assert out.returncode == 2 and out.stdout == ""
    assert "'xx' is not available; available: ar, zh, en, fr, ru, es" in out.stderr
    import os

    for json_too in ((), ("--format", "json")):
        out = validate(str(broken), *json_too, env={**os.environ, "SIMEX_LANG": "xx"})
        assert out.returncode == 2 and "available: ar, zh, en, fr, ru, es" in out.stderr and out.stdout == ""


def test_json_output_stays_english_whatever_the_language(broken):
    english = validate("--format", "json", str(broken))
    for lang in ("fr", "ar"):
        said = validate("--format", "json", "--lang", lang, str(broken))
        assert said.stdout == english.stdout
    messages = [p["message"] for p in json.loads(english.stdout)]
    assert "unknown key 'titel'; did you mean 'title'?" in messages


# --- every template the scenario package uses is in the catalogs ----------------------

# Broken files beyond the checks' and the model's own test cases: reading errors.
READING = [
    b"simex: 1\nexercise:\n  id: \x00\x01\x02\n",
    "simex: 1\nexercise:\n  title: caf\u00e9\n".encode("latin-1"),
    "simex: 1\n".encode("utf-16"),
    b"simex: 1\nx: \x07\n",
    "", "- simex: 1\n", "just words\n", "simex: 1\nexercise:\n  title: [a, b\n  id: x\n",
    "simex: 1\nexercise:\n  title: Note: this\n", "simex: 1\nexercise:\n\tid: x\n", "simex: 1\n---\nsimex: 1\n",
    "simex: 1\nx: !!python/object:os.system 1\n", "simex: 1\na: &a [*a]\n", "simex: 1\na: 1\na: 2\n",
    "simex: 9\n", "simex: x\n", "simex: 0\n", "exercise: {}\n", "simex: 1\n" + "[" * 100 + "\n",
    "simex: 1\nexercise:\n  startex: 2026-02-30T08:00:00+01:00\n",
    "simex: 1\n" + "[" * 70 + "]" * 70 + "\n",
]
# One change each to tests/data/minimal.yaml, for messages the checks' cases do not reach.
CHANGES = [
    ("  duration: 6h\n", "  duration: 0s\n"),
    ("  startex: 2026-03-14T08:00:00+01:00\n", "  startex: 2026-03-14T08:00:00+01:00\n  timezone: Mars/Olympus\n"),
    ("  title:\n    en: Mini border exercise\n    fr: Mini exercice frontalier\n", "  title: {}\n"),
    ("  languages: [en, fr]\n", "  languages: [en, fr, ar, zh]\n"),
    ("  seed: 7\n", "  seed: true\n"),
]


def _corpus(tmp_path) -> list:
    problems = []
    for case in test_checks.ERROR_CASES + test_checks.WARNING_CASES:
        problems += check_text(test_checks.mutate(*case[1]), "s.yaml")[1]
    for case in test_loader.MODEL_CASES:
        problems += check_text(test_loader.mutate(case[1], case[2]), "s.yaml")[1]
    for old, new in CHANGES:
        problems += check_text(test_loader.mutate(old, new), "s.yaml")[1]
    for i, data in enumerate(READING):
        path = tmp_path / f"r{i}.yaml"
        path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
        problems += check_file(path)[1]
    problems += check_file(tmp_path / "missing.yaml")[1] + check_file(tmp_path)[1]
    attached = tmp_path / "attached"
    attached.mkdir()
    (attached / "s.yaml").write_text(BASE.replace("    objectives: [OBJ1]\n", "    objectives: [OBJ1]\n"
                                                  "    attachments:\n      - {name: a, path: ../x.png}\n"
                                                  "      - {name: b, path: a.exe}\n      - {name: c, path: gone.pdf}\n"
                                                  "      - {name: d, path: /etc/x.png}\n      - {name: e, path: ' '}\n", 1),
                                       encoding="utf-8")
    problems += check_file(attached / "s.yaml")[1]
    return problems


def test_every_problem_of_a_corpus_of_broken_scenarios_is_translated_in_every_language(tmp_path):
    problems = _corpus(tmp_path)
    templates = {part.template for p in problems if p.words for part in p.words.templates()}
    assert len(problems) > 120 and len(templates) > 90, (len(problems), len(templates))   # most checks
    english = [p.message for p in problems if p.words is None]
    assert english == [], "messages not in simex's words (not translatable)"
    for lang in LANGS:
        t = translator(lang)
        left = {m for p in problems for m in _untranslated(p.words, t)}
        assert left == set(), (lang, sorted(left))
        # Every message reads as a sentence: formatted, its literal braces single.
        said = [p.text(t) for p in problems]
        assert not [m for m in said if "{{" in m or "}}" in m or re.search(r"\{[a-z_]+\}", m)], lang
    assert any("{en: ..., fr: ...}" in p.message for p in problems)



@pytest.mark.parametrize("argv", [("run",), ("play", "--lang", "fr")])
def test_a_broken_scenario_refused_by_another_command_is_told_in_french(broken, argv):
    """`simex play --lang fr` (and `simex run` under SIMEX_LANG=fr) on a broken
    file list its problems as `simex validate --lang fr` does, not in English."""
    import os
    env = {**os.environ, "SIMEX_LANG": "fr"}
    out = subprocess.run([sys.executable, "-m", "simex.cli", *argv, str(broken)], cwd=ROOT, capture_output=True,
                         text=True, env=env, timeout=120)
    assert out.returncode == 1, out.stderr
    said = validate("--lang", "fr", str(broken)).stdout
    problems = [line for line in said.splitlines() if LOCATION.match(line) and ": warning: " not in line]
    assert problems and all(line in out.stderr for line in problems), out.stderr
    assert SAID["fr"] in out.stderr
