"""`simex validate` spares pydantic its plugin search (importlib.metadata and
a parse of every installed distribution) only when no plugin can be
installed: a pydantic plugin a user installed is still found, loaded and
called (simex/commands/_pydantic_plugins.py)."""
from __future__ import annotations

import os
import subprocess
import sys
from importlib.metadata import entry_points
from pathlib import Path

from simex.commands._pydantic_plugins import plugin_may_be_installed

ROOT = Path(__file__).parent.parent
BORDER = ROOT / "scenarios" / "border-detection.yaml"

PLUGIN = '''
import sys

class Plugin:
    def new_schema_validator(self, schema, schema_type, schema_type_path, schema_kind, config, plugin_settings):
        print("plugin sees " + schema_type_path.name, file=sys.stderr)
        return None, None, None

plugin = Plugin()
'''


def install_plugin(folder: Path) -> None:
    """A distribution declaring a pydantic plugin, as pip would leave it."""
    (folder / "seeing_plugin.py").write_text(PLUGIN, encoding="utf-8")
    info = folder / "seeing_plugin-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: seeing-plugin\nVersion: 1.0\n", encoding="utf-8")
    (info / "entry_points.txt").write_text("[pydantic]\nseeing = seeing_plugin:plugin\n", encoding="utf-8")


def validate(**env: str) -> subprocess.CompletedProcess:
    code = ("import sys, simex.cli\nstatus = simex.cli.main(['validate', sys.argv[1]])\n"
            "print('METADATA=' + str('importlib.metadata' in sys.modules))\nsys.exit(status)")
    return subprocess.run([sys.executable, "-c", code, str(BORDER)], capture_output=True, text=True, cwd=ROOT,
                          timeout=120, env={**os.environ, **env})


def test_the_check_agrees_with_importlib_metadata_in_a_fresh_interpreter():
    code = ("from importlib.metadata import entry_points\n"
            "from simex.commands._pydantic_plugins import plugin_may_be_installed\n"
            "print(plugin_may_be_installed(), bool(entry_points(group='pydantic')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120)
    may, found = out.stdout.split()
    assert may == found, out.stdout + out.stderr


def test_a_finder_of_its_own_leaves_the_search_to_pydantic(monkeypatch):
    """A meta-path finder that declares distributions (the importlib_metadata
    backport installs one, for example) may declare a plugin we cannot see."""
    class Finder:
        def find_spec(self, *args):
            return None

        def find_distributions(self, context=None):
            return iter(())

    monkeypatch.setattr(sys, "meta_path", [*sys.meta_path, Finder()])
    assert plugin_may_be_installed()


def test_the_check_sees_a_plugin_on_the_path(tmp_path, monkeypatch):
    install_plugin(tmp_path)
    monkeypatch.syspath_prepend(str(tmp_path))
    assert entry_points(group="pydantic")   # what pydantic itself finds...
    assert plugin_may_be_installed()        # ...is seen


def test_the_stand_in_gives_way_to_pydantics_loader_for_anything_else(monkeypatch):
    from simex.commands import _pydantic_plugins as plugins

    monkeypatch.delitem(sys.modules, plugins.LOADER, raising=False)
    stand_in = plugins._no_plugins()
    monkeypatch.setitem(sys.modules, plugins.LOADER, stand_in)
    assert list(stand_in.get_plugins()) == []
    assert callable(stand_in.entry_points)   # a name only pydantic's own module has
    assert sys.modules[plugins.LOADER] is not stand_in


def test_validate_without_plugins_skips_the_metadata_scan():
    out = validate()
    assert out.returncode == 0 and "METADATA=False" in out.stdout, out.stdout + out.stderr


def test_validate_still_calls_an_installed_plugin(tmp_path):
    install_plugin(tmp_path)
    out = validate(PYTHONPATH=os.pathsep.join([str(tmp_path), os.environ.get("PYTHONPATH", "")]))
    assert out.returncode == 0, out.stdout + out.stderr
    assert "plugin sees Scenario" in out.stderr   # loaded and asked about every model, the root among them
    assert "plugin sees Trigger" in out.stderr


def test_a_plugin_switched_off_by_name_stays_off(tmp_path):
    install_plugin(tmp_path)
    out = validate(PYTHONPATH=str(tmp_path), PYDANTIC_DISABLE_PLUGINS="seeing")
    assert out.returncode == 0 and "plugin sees" not in out.stderr, out.stdout + out.stderr
