"""`simex --help` and `simex validate` start fast because they load only what
they use: building the parser must not import the engine, the scenario model
(pydantic) or SimPy, and validating a file must not load the engine.

Checked by what a fresh interpreter has in sys.modules, not by timing (the
timing is in bench/bench_startup.py)."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent
BORDER = ROOT / "scenarios" / "border-detection.yaml"
# Too heavy for a parser: the engine, the scenario model and what they pull in.
HEAVY = ("pydantic", "simpy", "simex.engine", "simex.scenario", "simex.events", "simex.journal", "yaml",
         "textual", "rich", "websockets", "distributed", "matplotlib", "shtab", "babel")


def modules_after(code: str, **env: str) -> list[str]:
    """Every module a fresh interpreter has loaded after running `code`."""
    probe = (f"import sys\n{code}\n"
             "print('\\nMODULES=' + __import__('json').dumps(sorted(sys.modules)))")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT, timeout=120,
                         env={**os.environ, **env})
    line = next((ln for ln in out.stdout.splitlines() if ln.startswith("MODULES=")), None)
    assert line is not None, out.stdout + out.stderr
    return json.loads(line[len("MODULES="):])


def loaded_after(code: str, **env: str) -> list[str]:
    """The heavy modules a fresh interpreter has loaded after running `code`."""
    return [m for m in modules_after(code, **env) if any(m == h or m.startswith(h + ".") for h in HEAVY)]


def test_building_the_parser_loads_nothing_heavy():
    assert loaded_after("import simex.cli\nsimex.cli.build_parser()") == []


@pytest.mark.parametrize("argv", [["--help"], ["run", "--help"], ["serve", "--help"], ["validate", "--help"],
                                  ["sweep", "--help"], ["report", "--help"]])
def test_help_loads_nothing_heavy(argv):
    code = f"import simex.cli\ntry:\n    simex.cli.main({argv!r})\nexcept SystemExit:\n    pass"
    assert loaded_after(code) == []


@pytest.mark.parametrize("lang", ["fr", "ar", "zh"])
def test_help_in_another_language_loads_only_its_catalog(lang):
    """The language's .mo through gettext, not Babel (which formats dates and numbers)."""
    code = "import simex.cli\ntry:\n    simex.cli.main(['sweep', '--help'])\nexcept SystemExit:\n    pass"
    assert loaded_after(code, SIMEX_LANG=lang) == []


def test_validate_loads_no_engine():
    loaded = loaded_after(f"import simex.cli\nsimex.cli.main(['validate', {str(BORDER)!r}])")
    assert "simex.scenario.loader" in loaded  # the probe sees what validate used
    assert [m for m in loaded if m.split(".")[0] in ("simpy", "textual", "rich", "websockets", "distributed")
            or m.startswith("simex.engine")] == []


def test_validate_builds_no_event_classes():
    """Checking a file asks which event kinds exist and what each carries
    (simex/event_kinds.py), not for the event dataclasses, whose creation was
    a tenth of validate's start-up."""
    loaded = loaded_after(f"import simex.cli\nsimex.cli.main(['validate', {str(BORDER)!r}])")
    assert "simex.scenario.checks_keys" in loaded  # the probe sees the checks that read event fields
    assert "simex.events" not in loaded


def test_validate_loads_the_physics_tables_a_scenario_names():
    """A scenario without radiation loads no nuclide, practice or OIL table;
    a portal monitor's threats need the nuclides and practices, not the OILs
    of a dose field (each table is frozen dataclasses and their rows)."""
    def tables(name):
        code = f"import simex.cli\nsimex.cli.main(['validate', {str(ROOT / 'scenarios' / name)!r}])"
        return sorted(m for m in modules_after(code) if m.startswith("simex.domain."))

    assert tables("icsant-article7.yaml") == []
    assert tables("border-detection.yaml") == ["simex.domain.decay", "simex.domain.nuclides",
                                               "simex.domain.practices", "simex.domain.units"]


def test_validate_freezes_its_imports_out_of_the_collectors_way_and_leaves_it_on():
    """A fresh validate pauses the cyclic GC while the scenario model loads and
    freezes what the imports built (simex/commands/_imports.py): collections
    that never free anything were a twentieth of its start-up."""
    code = (f"import gc, simex.cli\nsimex.cli.main(['validate', {str(BORDER)!r}])\n"
            "print('GC=' + str((gc.isenabled(), gc.get_freeze_count() > 10000)))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert "GC=(True, True)" in out.stdout, out.stdout + out.stderr


def test_validate_in_a_process_that_has_its_modules_freezes_nothing_of_the_callers():
    import gc

    from simex import cli

    cli.main(["validate", str(BORDER)])   # the modules are loaded now, whatever ran before
    frozen = gc.get_freeze_count()
    assert cli.main(["validate", str(BORDER)]) == 0
    assert gc.get_freeze_count() == frozen and gc.isenabled()


def test_a_failed_import_leaves_the_collector_on():
    import gc

    from simex.commands._imports import loading

    with pytest.raises(ImportError):
        with loading("simex_no_such_module"):
            import simex_no_such_module  # noqa: F401
    assert gc.isenabled()


def test_validate_loads_no_report_or_translation_machinery():
    """Checking a file in English needs neither Babel (locale formatting),
    nor ruamel (targeted YAML edits), nor matplotlib, nor another command."""
    loaded = modules_after(f"import simex.cli\nsimex.cli.main(['validate', {str(BORDER)!r}])", SIMEX_LANG="en")
    assert [m for m in loaded if m.split(".")[0] in ("babel", "ruamel", "matplotlib", "openpyxl", "docx")] == []
    commands = sorted(m for m in loaded if m.startswith("simex.commands.") and not m.startswith("simex.commands._"))
    assert commands == ["simex.commands.validate"]
    assert [m for m in loaded if m.startswith(("simex.translate", "simex.msel", "simex.report"))] == []


def test_a_mistyped_command_still_lists_every_command(capsys):
    """Only a command named first gets its parser alone; a typo gets them all."""
    from simex import cli

    with pytest.raises(SystemExit):
        cli.main(["validat", str(BORDER)])
    err = capsys.readouterr().err
    assert "invalid choice: 'validat'" in err and "'validate'" in err and "'run'" in err


def test_the_choices_the_parser_offers_are_the_engines():
    """The light lists the parser is built from are the ones the engine and
    the scenario model use, so --bots and --speed accept what a run accepts."""
    from simex import choices
    from simex.engine.bots import PROFILES
    from simex.engine.commands import MAX_SPEED
    from simex.scenario.text import LANGUAGES, Lang

    assert choices.BOT_PROFILES == tuple(PROFILES)
    assert choices.MAX_SPEED == MAX_SPEED
    assert choices.LANGUAGES == LANGUAGES == Lang.__args__


def test_version_is_read_when_asked():
    out = subprocess.run([sys.executable, "-m", "simex.cli", "--version"], capture_output=True, text=True,
                         cwd=ROOT, timeout=120)
    from importlib.metadata import version

    assert (out.returncode, out.stdout) == (0, f"simex {version('simex')}\n"), out
