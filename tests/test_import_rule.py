"""The engine never imports the UI: `import simex` (and every engine module)
must not load textual, rich or the tui package. Checked in a fresh
interpreter, because this test process may have imported them already."""
from __future__ import annotations

import pkgutil
import subprocess
import sys

import simex


def engine_modules() -> list[str]:
    return sorted(m.name for m in pkgutil.walk_packages(simex.__path__, "simex."))


def test_engine_modules_load_no_ui():
    modules = engine_modules()
    assert "simex.engine.exercise" in modules and "simex.journal" in modules
    code = ("import importlib, sys\n"
            f"for name in {modules!r}: importlib.import_module(name)\n"
            "print(','.join(sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich', 'tui'))))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_the_check_would_notice_a_ui_import():
    """Guard against a check that cannot fail: importing textual is seen."""
    code = "import textual.app, sys; print('textual' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "True"
