"""IAEA RS-G-1.9 practices: the full list of Table 1 with its categories, the
sub-practices of its Appendix I under them, and the scenario's `practice`
field validated against it.

TABLE_1 below is a transcription of RS-G-1.9 (2005) Table 1, "Recommended
categories for sources used in common practices" (the same list as Annex I,
Table 1 of the Code of Conduct on the Safety and Security of Radioactive
Sources): the test holds simex's reference data to it row by row.
"""
from __future__ import annotations

import pytest

from simex.domain.categories import practice_category
from simex.domain.practices import PRACTICES, RSG19_TABLE1, practice
from simex.scenario.checks import check_scenario
from tests.conftest import make_scenario

TABLE_1 = {
    1: ["Radioisotope thermoelectric generators (RTGs)", "Irradiators", "Teletherapy",
        "Fixed, multi-beam teletherapy (gamma knife)"],
    2: ["Industrial gamma radiography", "High/medium dose rate brachytherapy"],
    3: ["Fixed industrial gauges that incorporate high activity sources", "Well logging gauges"],
    4: ["Low dose rate brachytherapy (except eye plaques and permanent implants)",
        "Industrial gauges that do not incorporate high activity sources", "Bone densitometers",
        "Static eliminators"],
    5: ["Low dose rate brachytherapy eye plaques and permanent implant sources",
        "X ray fluorescence (XRF) devices", "Electron capture devices", "Mossbauer spectrometry",
        "Positron emission tomography (PET) checking"],
}
ROWS = [(category, row) for category, rows in TABLE_1.items() for row in rows]


@pytest.mark.parametrize("category, row", ROWS)
def test_every_row_of_table_1_is_a_practice_of_its_category(category, row):
    assert RSG19_TABLE1[row] == category
    matching = [p for p in PRACTICES.values() if p.row == row]
    assert matching, f"no practice under '{row}'"
    assert {p.category for p in matching} == {category}


def test_simex_has_no_table_1_row_the_guide_does_not():
    assert dict(RSG19_TABLE1) == {row: category for category, row in ROWS}


@pytest.mark.parametrize("name, category, row", [
    ("blood irradiator", 1, "Irradiators"),
    ("research irradiator", 1, "Irradiators"),
    ("panoramic irradiator", 1, "Irradiators"),
    ("gamma knife", 1, "Fixed, multi-beam teletherapy (gamma knife)"),
    ("teletherapy", 1, "Teletherapy"),
    ("rtg", 1, "Radioisotope thermoelectric generators (RTGs)"),
    ("industrial radiography", 2, "Industrial gamma radiography"),
    ("hdr brachytherapy", 2, "High/medium dose rate brachytherapy"),
    ("level gauge", 3, "Fixed industrial gauges that incorporate high activity sources"),
    ("dredger gauge", 3, "Fixed industrial gauges that incorporate high activity sources"),
    ("conveyor gauge", 3, "Fixed industrial gauges that incorporate high activity sources"),
    ("spinning pipe gauge", 3, "Fixed industrial gauges that incorporate high activity sources"),
    ("well logging", 3, "Well logging gauges"),
    ("portable moisture/density gauge", 4, "Industrial gauges that do not incorporate high activity sources"),
    ("thickness gauge", 4, "Industrial gauges that do not incorporate high activity sources"),
    ("bone densitometer", 4, "Bone densitometers"),
    ("static eliminator", 4, "Static eliminators"),
    ("ldr brachytherapy", 4, "Low dose rate brachytherapy (except eye plaques and permanent implants)"),
    ("eye plaque", 5, "Low dose rate brachytherapy eye plaques and permanent implant sources"),
    ("xrf", 5, "X ray fluorescence (XRF) devices"),
    ("electron capture detector", 5, "Electron capture devices"),
    ("mossbauer spectrometry", 5, "Mossbauer spectrometry"),
    ("pet check source", 5, "Positron emission tomography (PET) checking"),
])
def test_sub_practices_sit_under_their_table_1_row(name, category, row):
    p = practice(name)
    assert (p.category, p.row) == (category, row)
    assert "RS-G-1.9" in p.source
    assert practice_category(name) == category


@pytest.mark.parametrize("written", ["Gamma-Knife", "  Blood_Irradiator ", "Irradiators", "Well logging gauges"])
def test_authors_may_write_a_practice_naturally(written):
    assert practice(written) is not None


def test_an_unknown_practice_is_a_located_error_with_a_suggestion():
    rpm = {"id": "rpm", "type": "portal_monitor", "operator": "customs", "vehicles_per_hour": 1,
           "threats": [{"at": "1h", "vehicle": "V", "nuclide": "Cs-137", "description": "gauge",
                        "activity_tbq": 0.1, "practice": "blod irradiator"}]}
    problems = [p for p in check_scenario(make_scenario(world=[rpm])) if p.path.startswith("world")]
    assert [(p.path, p.severity) for p in problems] == [("world[0].threats[0].practice", "error")]
    assert "did you mean 'blood irradiator'?" in problems[0].message
    assert "RS-G-1.9" in problems[0].message
