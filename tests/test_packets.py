"""Printable packets for the day, written as print-ready HTML and read back:
the MSEL for controllers (with controller notes), a blank evaluation guide
per objective for evaluators, and the participant handout, which carries
each agency's join code and nothing of the controllers' or evaluators'
material."""
from __future__ import annotations

import html
import json
import re

import pytest

from simex.report.packets import build
from simex.scenario.loader import load_scenario
from simex.scenario.text import tr
from tests.conftest import BORDER, ROOT, simex_cli

SCENARIOS = sorted((ROOT / "scenarios").glob("*.yaml"))


def _text(page: str) -> str:
    """What a reader sees: the HTML without its style and tags."""
    page = re.sub(r"<(style|script)>.*?</\1>", " ", page, flags=re.S)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split())


def _words(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def border():
    return load_scenario(BORDER)


def test_the_msel_packet_has_every_inject_with_its_controller_notes(border):
    page = build("msel", border)
    text = _text(page)
    assert "@page{size:A4 landscape" in page and "do not show to players" in text
    for inject in border.injects:
        assert _words(tr(inject.synopsis)) in text and _words(tr(inject.text)) in text
        if inject.notes:
            assert _words(inject.notes) in text
    # Every recipient: I01 goes to three agencies.
    assert "control → customs, regulator, police" in text
    assert text.index("I01") < text.index("I02")


def test_the_evaluation_guide_is_blank_one_per_objective(border):
    page = build("eeg", border)
    text = _text(page)
    assert page.count("Exercise Evaluation Guide:") == len(border.objectives)
    for objective in border.objectives:
        assert f"{objective.id} {_words(tr(objective.title))}" in text
        for task in objective.critical_tasks:
            assert _words(tr(task.title)) in text
    assert page.count('<table class="boxes">') == len(border.objectives)
    assert re.search(r"<th>P</th><th>S</th><th>M</th><th>U</th>", page)
    assert page.count('<table class="lines">') == len(border.objectives)
    assert "Unable to be performed" in text and "Evaluators only" in text


def test_the_handout_has_join_codes_and_no_controller_material(tmp_path, border):
    codes = {a.id: f"AAAA-BBBB-{i:04d}" for i, a in enumerate(border.agencies) if a.played_by == "person"}
    text = _text(build("handout", border, codes=codes, address="192.168.1.10"))
    for agency, code in codes.items():
        assert f"simex join 192.168.1.10 --code {code}" in text
        assert tr(border.agency(agency).name) in text
    for simulated in (a for a in border.agencies if a.played_by != "person"):
        assert f"Your role: {tr(simulated.name)}" not in text
    secret = [i.notes for i in border.injects if i.notes] + [tr(i.synopsis) for i in border.injects]
    secret += [tr(i.text) for i in border.injects] + [tr(a) for i in border.injects for a in i.expected_actions]
    secret += [tr(e.title) for e in border.doctrine] + [tr(border.exercise.summary)]
    leaked = [s for s in secret if _words(s) in text]
    assert not leaked
    assert not re.search(r"truth|Cs-137|threat|controller|evaluat", text, re.I)


@pytest.mark.parametrize("path", SCENARIOS, ids=lambda p: p.stem)
@pytest.mark.parametrize("kind", ["msel", "eeg", "handout"])
def test_every_bundled_scenario_makes_every_packet(path, kind):
    page = build(kind, load_scenario(path))
    assert page.startswith("<!DOCTYPE html>") and "@page" in page and page.rstrip().endswith("</html>")


def test_cli_handout_with_the_servers_codes_file(tmp_path):
    from simex.net.codes import CodeBook

    book = CodeBook.for_scenario(load_scenario(BORDER), tmp_path / "day1.simex.codes")
    customs = dict(book.pretty())["participant:customs"]
    out = simex_cli("packet", "border-detection", "--kind", "handout", "--codes", tmp_path / "day1.simex.codes",
                    "--server", "10.0.0.5", "-o", tmp_path / "handout.html")
    assert out.returncode == 0, out.stderr
    text = _text((tmp_path / "handout.html").read_text(encoding="utf-8"))
    assert (tmp_path / "handout.html").stat().st_mode & 0o077 == 0   # as private as the codes
    assert f"simex join 10.0.0.5 --code {customs}" in text
    evaluator = dict(book.pretty())["evaluator:evaluator-1"]
    assert evaluator not in text          # evaluator codes never go on a participant handout
    (tmp_path / "bad.codes").write_text(json.dumps({"not": "codes"}))
    out = simex_cli("packet", "border-detection", "--kind", "handout", "--codes", tmp_path / "bad.codes",
                    "-o", tmp_path / "h.html")
    assert out.returncode == 1 and "not a simex codes file" in out.stderr and "Traceback" not in out.stderr
    out = simex_cli("packet", "border-detection", "--kind", "msel", "-o", tmp_path / "msel.html")
    assert out.returncode == 0 and "Controller notes" in (tmp_path / "msel.html").read_text(encoding="utf-8")
