"""Every reason the engine or the server can refuse with is a template the
five catalogs translate: collected from the code (every `N_("...")` in
simex/engine and simex/net, where refusals are raised), so a new refusal
without translations fails here. And no refusal is raised as an f-string,
which no console could translate."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from simex.engine.commands import CommandError
from simex.reasons import Listed, Reason, in_language

ROOT = Path(__file__).resolve().parent.parent
SOURCES = sorted((ROOT / "simex" / "engine").rglob("*.py")) + sorted((ROOT / "simex" / "net").rglob("*.py"))
REFUSALS = {"CommandError", "ProtocolError", "Refused", "JoinError", "Reason"}


def calls(path: Path):
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call):
            yield node, getattr(node.func, "id", getattr(node.func, "attr", ""))


def templates() -> set[str]:
    found = set()
    for path in SOURCES:
        for node, name in calls(path):
            if name == "N_" and node.args and isinstance(node.args[0], ast.Constant):
                found.add(node.args[0].value)
    return found


def test_the_engine_s_refusals_are_templates_found_here():
    assert {"no agency {agency!r}", "the exercise has ended", "unknown join code",
            "{where} must be a whole number, not {kind}"} <= templates()


@pytest.mark.parametrize("lang", ["fr", "es", "ru", "ar", "zh"])
def test_every_refusal_template_is_translated(lang):
    with open(ROOT / "simex" / "locale" / lang / "LC_MESSAGES" / "simex.po", "rb") as f:
        catalog = read_po(f)
    missing = sorted(t for t in templates() if not (catalog.get(t) and catalog.get(t).string))
    assert missing == []


def test_no_refusal_is_an_f_string():
    found = [f"{path.relative_to(ROOT)}:{node.lineno}" for path in SOURCES for node, name in calls(path)
             if name in REFUSALS and node.args and isinstance(node.args[0], ast.JoinedStr)]
    assert found == []


def test_the_english_is_what_the_journal_and_logs_always_had():
    error = CommandError("{agency} has no action {action!r}; its actions: {known}", agency="customs",
                         action="x", known=Listed(["a", "b"]))
    assert str(error) == "customs has no action 'x'; its actions: a, b" == error.public
    hidden = CommandError("no inject {inject!r}", Reason("{agency} has received no inject {inject!r}",
                                                          agency="customs", inject="I9"), inject="I9")
    assert (str(hidden), hidden.public) == ("no inject 'I9'", "customs has received no inject 'I9'")
    assert in_language(hidden, "fr") != str(hidden)


def test_a_long_list_says_how_many_more_in_the_reader_s_language():
    error = CommandError("{param} must be one of: {choices}", param="p", choices=Listed(map(str, range(20))))
    assert str(error).endswith("11 ... and 8 more")
    assert in_language(error, "ru").endswith("11 … и ещё 8")
