"""scenarios/simex.schema.json (what editors use for completion, shipped with
the scenario library) matches `simex schema`."""
from __future__ import annotations

import json

from simex.scenario.schema import json_schema
from tests.conftest import ROOT


def test_committed_schema_is_current():
    committed = json.loads((ROOT / "scenarios" / "simex.schema.json").read_text())
    assert committed == json_schema(), "regenerate with: simex schema -o scenarios/simex.schema.json"
