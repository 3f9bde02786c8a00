"""The HTML report opens in a headless browser without errors, with its
figures, and prints to PDF. Skipped only when no chromium binary is found
(CI installs one: see .ci/run)."""
from __future__ import annotations

import re
import shutil
import subprocess

import pytest

from simex.engine.exercise import Exercise
from simex.report import build_report
from simex.scenario.loader import load_scenario
from tests.conftest import BORDER

BROWSER = next((shutil.which(b) for b in ("chromium", "chromium-browser", "google-chrome") if shutil.which(b)), None)
pytestmark = pytest.mark.skipif(BROWSER is None, reason="no chromium binary found")


def _chromium(tmp_path, *args) -> subprocess.CompletedProcess:
    profile = tmp_path / "profile"
    return subprocess.run([BROWSER, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                           "--disable-component-update", "--disable-sync", "--no-first-run",
                           f"--user-data-dir={profile}", "--enable-logging=stderr", "--v=0", *args],
                          capture_output=True, text=True, timeout=120)


@pytest.fixture(scope="module")
def report_file(tmp_path_factory):
    scenario = load_scenario(BORDER)
    ex = Exercise(scenario, bots="weak", bot_agencies=tuple(a.id for a in scenario.agencies))
    ex.run_to_end()
    path = tmp_path_factory.mktemp("aar") / "aar.html"
    path.write_text(build_report(scenario, ex.events, fmt="html"), encoding="utf-8")
    return path


def test_html_report_loads_without_errors(report_file, tmp_path):
    out = _chromium(tmp_path, "--dump-dom", report_file.as_uri())
    assert out.returncode == 0, out.stderr[-2000:]
    dom = out.stdout
    assert 'data-simex-report="rendered"' in dom          # the page's script ran to the end
    assert dom.count("<svg") == 3 and "Table 1." in dom
    console = [line for line in out.stderr.splitlines() if re.search(r"CONSOLE|Uncaught|net::ERR_", line)]
    assert console == [], console


def test_html_report_prints_to_pdf(report_file, tmp_path):
    pdf = tmp_path / "aar.pdf"
    out = _chromium(tmp_path, "--no-pdf-header-footer", f"--print-to-pdf={pdf}", report_file.as_uri())
    assert out.returncode == 0, out.stderr[-2000:]
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF") and len(data) > 20_000


# Measures the laid-out page and writes what it found into the DOM, which --dump-dom returns.
_LAYOUT_PROBE = """<script>
const cells = document.querySelector("table.kv tbody tr").querySelectorAll("td");
const draft = getComputedStyle(document.querySelector(".draft"));
document.body.setAttribute("data-layout", JSON.stringify({
  key: cells[0].getBoundingClientRect().left, value: cells[1].getBoundingClientRect().left,
  borderRight: draft.borderRightWidth, borderLeft: draft.borderLeftWidth}));
</script>"""


def test_arabic_report_is_laid_out_from_the_right(tmp_path):
    """In the browser: the key/value table's key column is on the right and
    the draft notice's bar on its right edge (a mirrored layout)."""
    import html
    import json

    scenario = load_scenario(BORDER)
    ex = Exercise(scenario, bots="weak", bot_agencies=tuple(a.id for a in scenario.agencies))
    ex.run_to_end()
    page = tmp_path / "ar.html"
    text = build_report(scenario, ex.events, fmt="html", lang="ar")
    page.write_text(text.replace("</body>", _LAYOUT_PROBE + "</body>"), encoding="utf-8")
    out = _chromium(tmp_path, "--dump-dom", page.as_uri())
    assert out.returncode == 0, out.stderr[-2000:]
    found = re.search(r'data-layout="([^"]*)"', out.stdout)
    assert found, out.stdout[:500]
    layout = json.loads(html.unescape(found.group(1)))
    assert layout["key"] > layout["value"]
    assert (layout["borderRight"], layout["borderLeft"]) == ("4px", "0px")
