"""`simex play`, `serve` and `join` take --lang for every language simex has a
catalog for (the six UN languages), and refuse any other naming the ones
there are, before anything is opened."""
from __future__ import annotations

import subprocess
import sys

import pytest

from simex.cli import build_parser
from simex.languages import UN_LANGUAGES, available
from tests.conftest import BORDER, ROOT


def test_the_six_un_languages_have_a_catalog():
    assert set(available()) == set(UN_LANGUAGES)


@pytest.mark.parametrize("lang", UN_LANGUAGES)
@pytest.mark.parametrize("command", [["play", str(BORDER)], ["serve", str(BORDER)],
                                     ["join", "127.0.0.1", "--code", "ABCD-EFGH-JKMN"]])
def test_every_un_language_is_accepted(command, lang):
    assert build_parser().parse_args([*command, "--lang", lang]).lang == lang


@pytest.mark.parametrize("command", [["play", str(BORDER)], ["join", "127.0.0.1", "--code", "ABCD-EFGH-JKMN"]])
def test_a_language_without_a_catalog_is_refused_with_the_list(command, tmp_path):
    r = subprocess.run([sys.executable, "-m", "simex.cli", *command, "--lang", "de", "--journal", tmp_path / "j.simex"]
                       if command[0] == "play" else [sys.executable, "-m", "simex.cli", *command, "--lang", "de"],
                       cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert r.returncode == 2 and "Traceback" not in r.stderr
    error = next(line for line in r.stderr.splitlines() if "error:" in line)
    assert "argument --lang" in error and "'de' is not available" in error
    assert all(lang in error for lang in UN_LANGUAGES), error
    assert list(tmp_path.iterdir()) == []
