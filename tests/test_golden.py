"""Every bundled scenario has a committed golden transcript: the output of
`simex run SCENARIO --seed <its seed> --bots doctrine --no-journal`. A change
in the engine or the scenario that changes what a facilitator would see
shows up here as a diff. Regenerate deliberately with

    SIMEX_UPDATE_GOLDEN=1 python -m pytest tests/test_golden.py
"""
from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.conftest import ROOT

SCENARIOS = sorted((ROOT / "scenarios").glob("*.yaml"))


@pytest.mark.parametrize("scenario", SCENARIOS, ids=[p.stem for p in SCENARIOS])
def test_golden_transcript(scenario):
    golden = scenario.with_suffix(".golden.txt")
    out = subprocess.run([sys.executable, "-m", "simex.cli", "run", str(scenario), "--bots", "doctrine",
                          "--no-journal"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    if os.environ.get("SIMEX_UPDATE_GOLDEN"):
        golden.write_text(out, encoding="utf-8")
    assert golden.exists(), f"no golden transcript for {scenario.name}: run with SIMEX_UPDATE_GOLDEN=1"
    assert out == golden.read_text(encoding="utf-8")
