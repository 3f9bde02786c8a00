"""docs/scenario-format.md stays true: its example loads, and it names every key.

The reference is what authors copy from, so its complete example must
validate with no errors (and no warnings: it is meant as a model), and every
key the format accepts must appear in it.
"""
from __future__ import annotations

import re
from pathlib import Path

from simex.scenario.loader import check_text
from simex.scenario.problems import format_text
from simex.scenario.schema import _models

DOC = Path(__file__).resolve().parent.parent / "docs" / "scenario-format.md"


def example() -> str:
    """The first ```yaml block of the reference."""
    match = re.search(r"^```yaml\n(.*?)^```", DOC.read_text(encoding="utf-8"), re.S | re.M)
    assert match, "docs/scenario-format.md has no ```yaml block"
    return match[1]


def test_the_example_validates():
    scenario, problems = check_text(example(), "docs/scenario-format.md example")
    assert [p for p in problems if p.is_error] == [], format_text(problems)
    assert problems == [], format_text(problems)
    assert scenario.exercise.id == "harbour-ttx"


def test_the_example_uses_every_section():
    scenario, _ = check_text(example(), "example")
    assert all([scenario.channels, scenario.world, scenario.injects, scenario.doctrine, scenario.evidence])
    assert {p.type for p in scenario.world} == {"portal_monitor", "service", "legal_clock"}


def test_every_key_is_documented():
    text = DOC.read_text(encoding="utf-8")
    missing = sorted({f"{model.__name__}.{info.alias or name}"
                      for model in _models().values() for name, info in model.model_fields.items()
                      if f"`{info.alias or name}`" not in text})
    assert missing == []
