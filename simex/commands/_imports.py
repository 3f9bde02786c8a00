"""Importing a command's heavy modules out of the cyclic garbage collector's way.

Importing the scenario model builds tens of thousands of long-lived objects
(classes, functions, pydantic validators and schemas). The collector keeps
walking them, during the imports, during the command and once more at exit,
and never finds anything to free: about a twentieth of a fresh `simex
validate`. Modules live as long as the process, so the collector is paused
while they load and what exists then is frozen out of its reach
(`gc.freeze`); later collections walk only what the command creates.

Only the first load does this: in a process that already has the modules (a
test session, a second call) there is nothing to gain, and freezing there
would also take the caller's own objects out of the collector's reach.

The first load also spares pydantic its search for plugins when none can be
installed (simex/commands/_pydantic_plugins.py).
"""
from __future__ import annotations

import gc
import sys
from contextlib import contextmanager
from typing import Iterator


@contextmanager
def loading(module: str) -> Iterator[None]:
    """Import inside without the collector if `module` (the heaviest of those
    imports) is not loaded yet; then freeze what the process holds."""
    if module in sys.modules or not gc.isenabled():   # loaded already, or paused by the caller: theirs
        yield
        return
    from simex.commands._pydantic_plugins import skip_the_scan_if_no_plugin

    skip_the_scan_if_no_plugin()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        gc.enable()
