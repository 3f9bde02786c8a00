"""A broken copy of the bundled scenario: `simex validate` reports every
planted error, each on the line where it was planted, in one run."""
from __future__ import annotations

import json
import subprocess
import sys

from tests.conftest import BORDER, ROOT

# (text to find, replacement, what the message must mention)
PLANTS = [
    ("type: tabletop", "type: tabeltop", "tabletop"),
    ("timezone: Europe/Bucharest", "timezone: Europe/Bucharestt", "time zone"),
    ("    jurisdiction: NORVALIA", "    jurisdiction: NORVALLIA", "NORVALIA"),
    ("    between: [customs, police]", "    between: [customs, polize]", "police"),
    ("    synopsis:", "    synopsys:", "synopsis"),    # the first inject's (its languages are on the lines below)
    ("    at: 1h45m", "    at: 9h45m", "ENDEX"),
]


def test_every_planted_error_is_reported_on_its_line(tmp_path):
    lines = BORDER.read_text(encoding="utf-8").splitlines()
    planted = {}
    for find, replace, mention in PLANTS:
        index = next(i for i, line in enumerate(lines) if line.startswith(find) or line.strip() == find.strip())
        lines[index] = lines[index].replace(find.strip(), replace.strip(), 1)
        planted[index + 1] = mention
    broken = tmp_path / "broken.yaml"
    broken.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = subprocess.run([sys.executable, "-m", "simex.cli", "validate", str(broken), "--format", "json"],
                         cwd=ROOT, capture_output=True, text=True)
    assert out.returncode == 1
    problems = [p for p in json.loads(out.stdout) if p["severity"] == "error"]
    by_line = {}
    for p in problems:
        by_line.setdefault(p["line"], []).append(p["message"])
    for line, mention in planted.items():
        assert line in by_line, f"nothing reported on line {line} ({mention}); got lines {sorted(by_line)}"
        assert any(mention in m for m in by_line[line]), (line, by_line[line])
