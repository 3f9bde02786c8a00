"""`simex validate` and `simex schema` as an author or a CI job uses them.

Exit status 0 means "no errors" (warnings allowed unless --strict), 1 means
at least one file has errors. Text output lists every problem and one
summary line per file; `--format json` is a list of problems a script or an
editor can read.
"""
from __future__ import annotations

import argparse
import json
import re
from pathlib import Path

import pytest

from simex.commands import schema as schema_command
from simex.commands import validate

MINIMAL = Path(__file__).parent / "data" / "minimal.yaml"
BASE = MINIMAL.read_text(encoding="utf-8")


def simex(*argv: str) -> int:
    """Run a subcommand the way simex.cli does, with only the commands under test."""
    parser = argparse.ArgumentParser(prog="simex")
    sub = parser.add_subparsers(dest="command", required=True)
    validate.add_parser(sub)
    schema_command.add_parser(sub)
    args = parser.parse_args(argv)
    return args.run(args)


@pytest.fixture
def files(tmp_path):
    good = tmp_path / "good.yaml"
    good.write_text(BASE, encoding="utf-8")
    warned = tmp_path / "warned.yaml"
    warned.write_text(BASE.replace("      fr: Briefing de début d'exercice\n", ""), encoding="utf-8")
    bad = tmp_path / "bad.yaml"
    bad.write_text(BASE.replace("type: tabletop", "type: tabeltop").replace("lanes: 2", "lanes: 0"),
                   encoding="utf-8")
    return good, warned, bad


def test_valid_file_exits_0(files, capsys):
    good, _, _ = files
    assert simex("validate", str(good)) == 0
    assert capsys.readouterr().out == f"{good}: ok\n"


def test_warnings_pass_unless_strict(files, capsys):
    _, warned, _ = files
    assert simex("validate", str(warned)) == 0
    out = capsys.readouterr().out.splitlines()
    assert out == [f"{warned}:155:5: injects[0].synopsis: warning: no 'fr' text (exercise.languages lists it)",
                   f"{warned}: ok (1 warning)"]
    assert simex("validate", "--strict", str(warned)) == 1


def test_errors_exit_1_and_every_file_is_checked(files, capsys):
    good, warned, bad = files
    assert simex("validate", str(bad), str(good), str(warned)) == 1
    out = capsys.readouterr().out
    assert f"{bad}:14:9: exercise.type: 'tabeltop' is not one of:" in out
    assert f"{bad}:116:12: world[0].lanes: must be between 1 and 50, got 0" in out
    summaries = [line for line in out.splitlines() if re.fullmatch(r"\S+: (ok|\d+ errors?).*", line)]
    assert summaries == [f"{bad}: 2 errors", f"{good}: ok", f"{warned}: ok (1 warning)"]


def test_missing_file_is_an_error(tmp_path, capsys):
    assert simex("validate", str(tmp_path / "nope.yaml")) == 1
    assert "nope.yaml:1:1: no such file" in capsys.readouterr().out


def test_json_format(files, capsys):
    """One list for all the files, errors first (an editor shows what blocks a
    run at the top), even when a file with only warnings was named first."""
    good, warned, bad = files
    assert simex("validate", "--format", "json", str(good), str(warned), str(bad)) == 1
    found = json.loads(capsys.readouterr().out)
    assert [(p["file"], p["line"], p["severity"]) for p in found] == [
        (str(bad), 14, "error"), (str(bad), 116, "error"), (str(warned), 155, "warning")]
    assert set(found[0]) == {"file", "line", "col", "path", "severity", "message"}


def test_json_format_of_a_clean_file_is_an_empty_list(files, capsys):
    good, _, _ = files
    assert simex("validate", "--format", "json", str(good)) == 0
    assert json.loads(capsys.readouterr().out) == []


def test_schema_prints_json(capsys):
    assert simex("schema") == 0
    schema = json.loads(capsys.readouterr().out)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert "exercise" in schema["properties"]


def test_schema_to_a_file(tmp_path, capsys):
    out = tmp_path / "simex.schema.json"
    assert simex("schema", "-o", str(out)) == 0
    assert json.loads(out.read_text(encoding="utf-8"))["title"].startswith("simex scenario")
    assert capsys.readouterr().out == ""


def test_schema_to_an_unwritable_place(tmp_path, capsys):
    assert simex("schema", "-o", str(tmp_path / "no" / "such" / "dir.json")) == 1
    assert "cannot write" in capsys.readouterr().err


def test_the_real_command_line(files, capsys):
    """Through simex.cli, once every subcommand module exists."""
    cli = pytest.importorskip("simex.cli")
    try:
        cli.build_parser()
    except ModuleNotFoundError as exc:  # another subcommand is still being written
        pytest.skip(str(exc))
    good, _, bad = files
    assert cli.main(["validate", str(good)]) == 0
    assert cli.main(["validate", str(bad)]) == 1


def test_validate_does_not_import_the_ui():
    """`simex validate` must start fast and stay headless (architecture rule 1)."""
    import subprocess
    import sys
    code = ("import sys, simex.commands.validate, simex.commands.schema;"
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich') or m.startswith('simex.tui')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
