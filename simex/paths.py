"""Where simex keeps files by default: journals in the per-user data folder."""
from __future__ import annotations

import time
from pathlib import Path

from platformdirs import user_data_dir


def default_journal(scenario_id: str, tag: str) -> Path:
    folder = Path(user_data_dir("simex", appauthor=False)) / "journals"
    stamp = time.strftime("%Y%m%d-%H%M%S")
    base = folder / f"{scenario_id}-{tag}-{stamp}"
    path, n = base.with_suffix(".simex"), 1
    while path.exists():
        n += 1
        path = Path(f"{base}-{n}.simex")
    return path
