"""scenarios/simex.schema.json (what editors use for completion, shipped with
the scenario library) matches `simex schema`."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from simex.scenario.schema import json_schema
from tests.conftest import ROOT


def test_committed_schema_is_current():
    committed = json.loads((ROOT / "scenarios" / "simex.schema.json").read_text())
    assert committed == json_schema(), "regenerate with: simex schema -o scenarios/simex.schema.json"


def test_simex_schema_path_names_the_installed_schema_file(tmp_path):
    """For the `# yaml-language-server: $schema=` line: the file ships in the
    package (simex.library), is the one `simex schema` prints, and
    `--path` finds it from any folder."""
    from tests.test_packaging import simex

    out = simex("schema", "--path", cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    path = Path(out.stdout.strip())
    assert path.is_absolute() and path.name == "simex.schema.json"
    assert path.samefile(ROOT / "scenarios" / "simex.schema.json")
    assert json.loads(path.read_text(encoding="utf-8")) == json_schema()


def test_simex_schema_path_and_output_do_not_go_together(tmp_path, capsys):
    from simex import cli

    with pytest.raises(SystemExit):
        cli.main(["schema", "--path", "-o", str(tmp_path / "x.json")])
    assert "not allowed with" in capsys.readouterr().err
