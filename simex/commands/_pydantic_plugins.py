"""pydantic's plugin lookup, without importlib.metadata when no plugin is installed.

The first validator pydantic builds asks `pydantic.plugin._loader` for the
installed plugins: the distributions with entry points in the group
"pydantic". That module imports importlib.metadata (and with it the email
package) and parses every distribution's metadata: 85M instructions, a
twelfth of a fresh `simex validate`, to learn that there is none.

`skip_the_scan_if_no_plugin()` looks where importlib.metadata would look
(each `sys.path` folder's `*.dist-info` and `*.egg-info`, their
`entry_points.txt`) for the word "pydantic". Only when no file has it, and
nothing else could declare distributions (a zip on the path, a finder of
its own), does it stand in for that module with one that answers "no
plugins", as pydantic's own would. Any doubt, and pydantic looks for itself:
an installed plugin is loaded and called exactly as before
(tests/test_pydantic_plugins.py).
"""
from __future__ import annotations

import importlib
import os
import sys
import types
from importlib.machinery import PathFinder

LOADER = "pydantic.plugin._loader"


def plugin_may_be_installed() -> bool:
    """False only when importlib.metadata would find no entry point of the
    group "pydantic"; True whenever it might."""
    if any(hasattr(finder, "find_distributions") and finder is not PathFinder for finder in sys.meta_path):
        return True   # a finder of its own may declare distributions we cannot see
    for folder in sys.path:
        try:
            names = os.listdir(folder or ".")
        except OSError:
            if os.path.exists(folder):   # a zip archive (or something else importlib may open)
                return True
            continue
        egg = os.path.basename(folder).lower().endswith(".egg")
        for name in names:
            low = name.lower()
            if low.endswith((".dist-info", ".egg-info")) or (egg and low == "egg-info"):
                try:
                    with open(os.path.join(folder, name, "entry_points.txt"), "rb") as file:
                        if b"pydantic" in file.read():
                            return True
                except OSError:   # no entry points (or an egg-info file, not a folder): nothing declared
                    continue
    return False


def _no_plugins() -> types.ModuleType:
    """A module answering as pydantic's loader does when nothing is installed.
    Asked for any other name (a pydantic release that needs more of it), it
    gives way to the real module."""
    module = types.ModuleType(LOADER, "pydantic's plugin loader when no plugin is installed (simex: "
                                      "simex/commands/_pydantic_plugins.py)")
    module.PYDANTIC_ENTRY_POINT_GROUP = "pydantic"
    module._plugins = {}
    module._loading_plugins = False
    module.get_plugins = module._plugins.values

    def real(name: str):
        if name.startswith("__"):   # the import system asking (`__path__`...): a plain module's answer
            raise AttributeError(name)
        if sys.modules.get(LOADER) is module:
            del sys.modules[LOADER]
        return getattr(importlib.import_module(LOADER), name)

    module.__getattr__ = real
    return module


def skip_the_scan_if_no_plugin() -> None:
    """Before pydantic builds its first validator: spare it the metadata scan
    when no distribution can hold a pydantic plugin."""
    if LOADER in sys.modules or plugin_may_be_installed():
        return
    sys.modules[LOADER] = _no_plugins()
