"""docs/what-if.md, "What if, from a real exercise": every `$ simex ...`
shown there is run on the worked example's journal, and every line shown
under it is in what it prints; the numbers quoted in the prose are checked
against the same output."""
from __future__ import annotations

import re
import shlex

import pytest

from simex.cli import main
from tests.conftest import ROOT
from tests.whatif_example import police_journal

DOC = ROOT / "docs" / "what-if.md"


def section() -> str:
    text = DOC.read_text(encoding="utf-8")
    start = text.index("## What if, from a real exercise")
    end = text.find("\n## ", start + 1)
    return text[start:end if end > 0 else None]


def examples() -> list[tuple[str, list[str]]]:
    out = []
    for block in re.findall(r"```\n(.*?)```", section(), re.S):
        lines = block.rstrip("\n").splitlines()
        if lines and lines[0].startswith("$ simex "):
            out.append((lines[0][2:], lines[1:]))
    return out


@pytest.fixture(scope="module")
def journal(tmp_path_factory):
    return police_journal(tmp_path_factory.mktemp("doc") / "police.simex")


def run(journal, capsys, command: str) -> str:
    argv = [str(journal) if word == "police.simex" else word for word in shlex.split(command)[1:]]
    assert main(argv) == 0
    return capsys.readouterr().out


def test_the_section_has_its_examples():
    assert len(examples()) == 4


@pytest.mark.parametrize("command, shown", examples(), ids=[c for c, _ in examples()])
def test_every_example_prints_what_the_doc_shows(journal, capsys, command, shown):
    printed = run(journal, capsys, command).splitlines()
    for line in shown:
        assert line in printed, line


def test_the_numbers_in_the_prose(journal, capsys):
    text = " ".join(section().split())
    once = run(journal, capsys, "simex whatif police.simex --move C5=03:41")
    row = next(line for line in once.splitlines() if line.startswith("| EXP-NEIGHBOUR"))
    assert row.endswith("| late, 1 h 57 min | on time, 58 min 06 s |")
    assert "`late, 1 h 57 min` becomes `on time, 58 min 06 s`" in text
    many = run(journal, capsys, "simex whatif police.simex --move C5=03:41 --then bots -n 200")
    row = next(line for line in many.splitlines() if line.startswith("| EXP-NEIGHBOUR"))
    quoted = "on time 90 %, late 10 %; 46 min 07 s [36 min 03 s .. 1 h 05 min]"
    assert f"| {quoted} |" in row and f"`{quoted}`" in text
