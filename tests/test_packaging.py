"""simex as a package a user installs: a version, a licence, the scenario
library and the consoles inside the wheel (under the simex name), bundled
scenarios found by name, and shell completion."""
from __future__ import annotations

import re
import subprocess
import sys
import tomllib
import zipfile
from importlib.metadata import version

import pytest

from simex.library_index import bundled, resolve
from tests.conftest import ROOT

PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def simex(*args, cwd):
    return subprocess.run([sys.executable, "-m", "simex.cli", *map(str, args)], cwd=cwd,
                          capture_output=True, text=True, timeout=300)


def test_version_is_the_installed_one(tmp_path):
    out = simex("--version", cwd=tmp_path)
    assert out.returncode == 0 and out.stdout.strip() == f"simex {version('simex')}"
    assert version("simex") == PYPROJECT["project"]["version"]


def test_the_licence_the_package_names_is_shipped():
    assert PYPROJECT["project"]["license"] == "Apache-2.0"
    text = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert "Apache License" in text and "Version 2.0, January 2004" in text
    assert "TERMS AND CONDITIONS FOR USE, REPRODUCTION, AND DISTRIBUTION" in text


def test_every_package_on_disk_is_listed_for_the_wheel():
    """`packages` is an explicit list (find cannot map tui/ to simex.tui): a new
    subpackage that is not listed would be missing from every installation."""
    on_disk = {".".join(p.parent.relative_to(ROOT).parts) for p in (ROOT / "simex").rglob("__init__.py")}
    on_disk |= {"simex.tui", "simex.library"}
    assert set(PYPROJECT["tool"]["setuptools"]["packages"]) == on_disk
    assert PYPROJECT["tool"]["setuptools"]["package-dir"] == {"simex.tui": "tui", "simex.library": "scenarios"}


def test_simex_scenarios_lists_the_library_with_titles(tmp_path):
    out = simex("scenarios", cwd=tmp_path)
    assert out.returncode == 0
    names = [line.split()[0] for line in out.stdout.splitlines() if line.strip()]
    assert names == sorted(p.stem for p in (ROOT / "scenarios").glob("*.yaml"))
    assert "border-detection" in names and "cross-border-cse" in names
    titles = [line.split(None, 1)[1] for line in out.stdout.splitlines() if line.strip()]
    assert all(title.strip() and "cannot be read" not in title for title in titles)
    folder = simex("scenarios", "--path", cwd=tmp_path).stdout.strip()
    assert (ROOT / "scenarios").samefile(folder)
    assert (ROOT / "scenarios" / "simex.schema.json").samefile(f"{folder}/simex.schema.json")


def test_a_bundled_scenario_runs_by_name_from_any_folder(tmp_path):
    by_name = simex("run", "border-detection", "--seed", "7", "--no-journal", "--json", cwd=tmp_path)
    by_path = simex("run", ROOT / "scenarios" / "border-detection.yaml", "--seed", "7", "--no-journal", "--json",
                    cwd=tmp_path)
    assert by_name.returncode == 0, by_name.stderr
    assert by_name.stdout == by_path.stdout and by_name.stdout.startswith("{")


def test_a_file_in_the_current_folder_wins_over_a_bundled_name(tmp_path):
    own = tmp_path / "border-detection"
    own.write_text("not: a scenario\n", encoding="utf-8")
    out = simex("validate", "border-detection", cwd=tmp_path)
    assert out.returncode == 1  # the local (broken) file was checked, not the bundled one


def test_an_unknown_name_says_what_exists(tmp_path):
    out = simex("run", "border-detectoin", cwd=tmp_path)
    assert out.returncode == 2 and "Traceback" not in out.stderr
    assert "no file 'border-detectoin' and no bundled scenario of that name" in out.stderr
    assert "did you mean 'border-detection'?" in out.stderr
    with pytest.raises(ValueError, match="bundled: border-detection"):
        resolve("nope")


def test_validate_and_lint_take_bundled_names(tmp_path):
    out = simex("validate", "rdd-response", cwd=tmp_path)
    assert out.returncode == 0, out.stdout + out.stderr


def test_wheel_holds_the_consoles_under_simex_and_the_library(tmp_path):
    # Without build isolation: the locked setuptools is in the test venv, and nothing is downloaded.
    built = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
                            "-w", tmp_path, ROOT], capture_output=True, text=True, timeout=600)
    assert built.returncode == 0, built.stderr[-3000:]
    wheel = next(tmp_path.glob("simex-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "simex/tui/app.py" in names and "simex/tui/facilitator.tcss" in names
    assert "simex/tui/participant.tcss" in names
    assert not any(n.startswith("tui/") for n in names), "a generic top-level 'tui' would land in site-packages"
    for name in bundled():
        assert f"simex/library/{name}.yaml" in names and f"simex/library/{name}.golden.txt" in names
    assert "simex/library/simex.schema.json" in names
    for lang in ("ar", "zh", "fr", "ru", "es"):   # without them every language but English is refused
        assert f"simex/locale/{lang}/LC_MESSAGES/simex.mo" in names
    assert any(re.fullmatch(r"simex-[^/]+\.dist-info/licenses/LICENSE", n) for n in names)


def test_bash_completion_knows_commands_options_and_bundled_scenarios(tmp_path):
    script = simex("completion", "bash", cwd=tmp_path)
    assert script.returncode == 0
    (tmp_path / "simex.bash").write_text(script.stdout, encoding="utf-8")
    (tmp_path / "mine.yaml").write_text("", encoding="utf-8")
    driver = (
        "source simex.bash\n"
        "complete_line() { COMP_WORDS=($1); [ \"${1: -1}\" = ' ' ] && COMP_WORDS+=('');"
        " COMP_CWORD=$((${#COMP_WORDS[@]}-1)); COMP_LINE=\"$1\"; COMP_POINT=${#1}; COMPREPLY=();"
        " _shtab_simex; echo \"${COMPREPLY[*]}\"; }\n"
        "complete_line 'simex pl'\ncomplete_line 'simex serve --no'\n"
        "complete_line 'simex run border'\ncomplete_line 'simex play mi'\n")
    out = subprocess.run(["bash", "-c", driver], cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert out.stdout.splitlines() == ["play", "--no-console", "border-detection", "mine.yaml"], out.stderr


def test_zsh_and_tcsh_scripts_name_every_command(tmp_path):
    for shell in ("zsh", "tcsh"):
        out = simex("completion", shell, cwd=tmp_path)
        assert out.returncode == 0
        for command in ("play", "serve", "join", "scenarios", "replay", "report"):
            assert command in out.stdout
