"""The MSEL (master scenario events list) as the spreadsheet facilitators
keep: exported from a scenario to XLSX or CSV, edited, and imported back
into the scenario file (see docs/msel-spreadsheet.md)."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

from simex.msel.importer import Outcome, apply
from simex.msel.sheet import SheetError, SheetProblem, read, write

__all__ = ["Outcome", "SheetError", "SheetProblem", "export", "import_sheet"]


def _scenario(path: str | Path):
    from simex.scenario.loader import load_scenario

    return load_scenario(path)


def export(scenario_path: str | Path, out: str | Path) -> int:
    """Write the scenario's MSEL to `out` (.xlsx, else CSV); the number of injects.
    Raises ScenarioError for a scenario with errors, OSError if `out` cannot be written."""
    import yaml

    from simex.msel import columns

    scenario = _scenario(scenario_path)
    raw = yaml.safe_load(Path(scenario_path).read_text(encoding="utf-8-sig")).get("injects") or []
    head, rows = columns.rows(scenario, raw)
    write(out, head, rows, columns.wide(columns.languages(scenario)))
    return len(rows)


def import_sheet(sheet_path: str | Path, scenario_path: str | Path, *, dry_run: bool = False) -> Outcome:
    """Apply the sheet to the scenario file (unless `dry_run`); what changed.
    Raises SheetError (the file is then untouched) or ScenarioError."""
    scenario = _scenario(scenario_path)
    with open(scenario_path, encoding="utf-8", newline="") as f:   # line ends kept as they are
        text = f.read()
    outcome = apply(scenario, text, read(sheet_path))
    if outcome.text != text and not dry_run:
        target = Path(scenario_path)
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
        try:
            with os.fdopen(fd, "w", encoding="utf-8", newline="") as f:
                f.write(outcome.text)
            os.chmod(tmp, target.stat().st_mode & 0o7777)
            os.replace(tmp, target)     # whole or not at all: never a half-written scenario
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    return outcome
