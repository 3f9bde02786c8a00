"""The engine never imports the UI: `import simex` (and every engine module)
must not load textual, rich or the consoles (simex.tui, from the tui/ folder).

Checked twice: in a fresh interpreter that imports every engine module (this
test process may have imported the UI already), and in the source, where only
the commands that open a console may import simex.tui, inside a function."""
from __future__ import annotations

import ast
import pkgutil
import subprocess
import sys
from pathlib import Path

import simex

UI = ("textual", "rich", "simex.tui")
# The commands that open a console; each imports it in run(), after parsing.
CONSOLE_COMMANDS = {"simex/commands/play.py", "simex/commands/serve.py", "simex/commands/join.py"}
ROOT = Path(simex.__file__).parent.parent


def engine_modules() -> list[str]:
    return sorted(m.name for m in pkgutil.walk_packages(simex.__path__, "simex."))


def is_ui(name: str) -> bool:
    return any(name == ui or name.startswith(ui + ".") for ui in UI)


def loaded_ui_modules(code: str) -> list[str]:
    code += "\nprint(','.join(sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich') "\
            "or m.startswith('simex.tui'))))"
    out = subprocess.run([sys.executable, "-c", "import sys\n" + code], capture_output=True, text=True, check=True)
    return [m for m in out.stdout.strip().split(",") if m]


def ui_imports(path: Path) -> list[tuple[int, str, bool]]:
    """(line, module, at module level) for each import of a UI module in a file."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    top_level = {id(node) for node in tree.body}
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
        else:
            continue
        for name in names:
            if is_ui(name):
                found.append((node.lineno, name, id(node) in top_level))
                break
    return found


def test_engine_modules_load_no_ui():
    modules = engine_modules()
    assert "simex.engine.exercise" in modules and "simex.journal" in modules
    assert not any(is_ui(m) for m in modules)  # the walk covers simex/ only, not the consoles
    assert loaded_ui_modules(f"import importlib\nfor name in {modules!r}: importlib.import_module(name)") == []


def test_the_check_would_notice_a_ui_import():
    """Guard against a check that cannot fail: importing a console is seen."""
    assert "simex.tui.app" in loaded_ui_modules("import simex.tui.app")


def test_only_console_commands_import_the_ui_and_only_inside_a_function():
    offenders = []
    for path in sorted((ROOT / "simex").rglob("*.py")):
        rel = path.relative_to(ROOT).as_posix()
        for line, name, top in ui_imports(path):
            if top or rel not in CONSOLE_COMMANDS:
                offenders.append(f"{rel}:{line}: imports {name}" + (" at module level" if top else ""))
    assert offenders == []


def test_the_source_check_sees_console_imports():
    found = ui_imports(ROOT / "simex" / "commands" / "play.py")
    assert found and all(name.startswith("simex.tui") and not top for _, name, top in found)
