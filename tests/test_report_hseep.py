"""The Markdown, HTML and Word reports carry every part of the HSEEP AAR/IP,
in order, and say the same thing in each part: the cover page (name, dates,
marking, sponsor), the exercise overview with every HSEEP field ("not
recorded" where nobody filled it in), the analysis of capabilities with each
area for improvement's reference and root cause, the conclusion, and the
appendices (improvement plan, participants, feedback, acronyms, timeline).
The three come from one list of blocks; these tests read each file back
(python-docx for Word) and compare them section by section."""
from __future__ import annotations

import re
from html.parser import HTMLParser

import docx
import pytest

from tests.conftest import ROOT, journal_run, simex_cli
from tests.test_report_word import _without_blank_rows, markdown_units, word_units

MARKING = "For official use only"
FEEDBACK = ROOT / "tests" / "data" / "feedback"
SECTIONS = ["Exercise overview", "Executive summary", "Analysis of capabilities", "Coordination metrics",
            "Conclusion", "Appendix A: Improvement plan", "Appendix B: Participants",
            "Appendix C: Participant feedback summary", "Appendix D: Acronyms and short names",
            "Appendix E: Incident timeline"]
NOTES = """\
entered_by: "A. Lead Evaluator"
overview:
  dates: "17 March 2026"
  venue: "Kessin training centre"
conclusion: "Detection worked; reporting abroad did not."
root_causes:
  OBJ4.1: "The police had no liaison-point directory"
"""


def _simex(*args):
    out = simex_cli(*args)
    assert out.returncode == 0, out.stderr
    return out


@pytest.fixture(scope="module")
def reports(tmp_path_factory):
    """(Markdown, HTML, the .docx read back) of one annotated, marked report with feedback."""
    folder = tmp_path_factory.mktemp("hseep")
    journal = journal_run(folder / "weak.simex")
    (folder / "notes.yaml").write_text(NOTES, encoding="utf-8")
    _simex("report", journal, "--annotations", folder / "notes.yaml")
    extra = ("--marking", MARKING, "--feedback", FEEDBACK / "border-feedback.yaml",
             "--responses", FEEDBACK / "border-responses.csv")
    _simex("report", journal, "-o", folder / "aar.docx", *extra)
    _simex("report", journal, "-o", folder / "aar.html", *extra)
    md = _simex("report", journal, *extra).stdout
    return md, (folder / "aar.html").read_text(encoding="utf-8"), docx.Document(str(folder / "aar.docx"))


def _sections(units: list[tuple]) -> dict[str, list[tuple]]:
    """Units grouped under their level-2 heading; the cover is what comes before the first."""
    out: dict[str, list[tuple]] = {"cover": []}
    current = "cover"
    for u in units:
        if u[0] == "h" and u[1] == 2:
            current = u[2]
            out[current] = []
        else:
            out[current].append(u)
    return out


class _HtmlText(HTMLParser):
    """The words of the HTML body per level-2 section, without the table of
    contents, the figures (their drawing and caption) and the script."""

    def __init__(self):
        super().__init__()
        self.sections: dict[str, list[str]] = {"cover": []}
        self.current, self.skip, self.heading = "cover", 0, None

    def handle_starttag(self, tag, attrs):
        if tag in ("nav", "figure", "script", "style", "title"):
            self.skip += 1
        elif tag == "h2" and not self.skip:
            self.heading = []

    def handle_endtag(self, tag):
        if tag in ("nav", "figure", "script", "style", "title"):
            self.skip -= 1
        elif tag == "h2" and self.heading is not None:
            self.current = " ".join("".join(self.heading).split())
            self.sections[self.current] = []
            self.heading = None

    def handle_data(self, data):
        if self.skip:
            return
        if self.heading is not None:
            self.heading.append(data)
        else:
            self.sections[self.current].append(data)


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text)


def _unit_words(units: list[tuple]) -> list[str]:
    """A unit's words: a heading's text (not its level), a row's cells, a paragraph."""
    texts = [u[2] if u[0] == "h" else " ".join(u[1]) if u[0] == "row" else u[1] for u in units]
    return [w for text in texts for w in _words(text)]


def test_every_hseep_section_in_every_format_in_order(reports):
    md, html, document = reports
    md_sections = list(_sections(markdown_units(md)))
    word_sections = list(_sections(word_units(document)[0]))
    parser = _HtmlText()
    parser.feed(html)
    html_sections = list(parser.sections)
    for found in (md_sections, word_sections, html_sections):
        assert [s for s in found if s in SECTIONS] == SECTIONS


def test_word_matches_markdown_section_by_section(reports):
    md, _, document = reports
    note = ("caption", "Figures are in the HTML and Word versions (simex report --format html or docx).")
    units, figures = word_units(document)
    # Markdown names each figure where it stands; Word puts the same caption under the picture
    captions = [caption for _, caption in figures]
    md_units = [u for u in _without_blank_rows(markdown_units(md))[1:-1] if u != note]
    assert [u[1] for u in md_units if u[0] == "caption" and u[1] in captions] == captions
    expected = _sections([u for u in md_units if not (u[0] == "caption" and u[1] in captions)])
    got = _sections(units)
    assert list(got) == list(expected)
    for name in expected:
        assert got[name] == expected[name], name


def test_html_matches_markdown_section_by_section(reports):
    md, html, _ = reports
    note = ("caption", "Figures are in the HTML and Word versions (simex report --format html or docx).")
    md_units = [u for u in markdown_units(md)[1:-1] if u != note]
    # figures (with their captions) are skipped below; their captions are compared here
    html_captions = [_words(re.sub(r"<[^>]+>", "", c)) for c in re.findall(r"<figcaption>(.*?)</figcaption>", html)]
    md_captions = [u for u in md_units if u[0] == "caption" and re.match(r"Figure \d+\. ", u[1])]
    assert html_captions == [_words(u[1]) for u in md_captions]
    expected = _sections([u for u in md_units if u not in md_captions])
    parser = _HtmlText()
    parser.feed(html)
    got = {name: _words(" ".join(parts)) for name, parts in parser.sections.items()}
    banner = len(_words(MARKING))     # the marking banners at both ends of the page
    assert got["cover"][:banner] == got[SECTIONS[-1]][-banner:] == _words(MARKING)
    got["cover"], got[SECTIONS[-1]] = got["cover"][banner:], got[SECTIONS[-1]][:-banner]
    assert list(got) == list(expected)
    for name, units in expected.items():
        assert got[name] == _unit_words(units), name


def test_cover_page_names_exercise_dates_marking_and_sponsor(reports):
    md, _, document = reports
    cover = _sections(markdown_units(md))["cover"]
    rows = {u[1][0]: u[1][1] for u in cover if u[0] == "row" and u[1][0]}
    assert rows == {"Exercise name": "Kessin Crossing: an alarm that is not cat litter",
                    "Date(s) of conduct": "17 March 2026 †", "Handling marking": MARKING,
                    "Sponsor": "Regional nuclear security detection programme (fictional)",
                    "Document": "After-Action Report / Improvement Plan"}
    # the cover is a page of its own in Word
    breaks = document.element.body.xpath(".//w:br[@w:type='page']")
    assert len(breaks) == 1
    sections = document.sections
    assert all(MARKING in part.paragraphs[0].text for s in sections for part in (s.header, s.footer))


def test_overview_has_every_hseep_field_and_says_what_is_missing(reports):
    md, _, _ = reports
    overview = _sections(markdown_units(md))["Exercise overview"]
    rows = {u[1][0]: u[1][1] for u in overview if u[0] == "row" and u[1][0]}
    assert list(rows) == ["Exercise name", "Date(s) of conduct", "Venue", "Type", "Scenario time", "Scope",
                          "Mission area(s)", "Core capabilities", "Objectives", "Threat / hazard",
                          "Scenario summary", "Sponsor", "Participating organisations", "Points of contact", "Run"]
    assert rows["Venue"] == "Kessin training centre †"
    assert rows["Scope"] == rows["Mission area(s)"] == rows["Threat / hazard"] == rows["Points of contact"] \
        == "not recorded"
    assert rows["Participating organisations"].count(";") == 4     # five agencies, their names hold commas


def test_each_area_for_improvement_has_its_reference_and_root_cause(reports):
    md, _, _ = reports
    analysis = md.split("## Analysis of capabilities")[1].split("## Coordination metrics")[0]
    areas = re.findall(r"\*\*Area for improvement (OBJ\d\.\d+)\.\*\* .*\n\n- Reference: (.*)\n- Root cause: (.*)",
                       analysis)
    assert len(areas) == analysis.count("**Area for improvement ") > 10
    by_id = {key: (ref, cause) for key, ref, cause in areas}
    assert by_id["OBJ4.1"][1] == "The police had no liaison-point directory"
    assert by_id["OBJ1.1"] == ("Nuclear-medicine patients are a main innocent cause (primer §1, §2 family 1 step 2 [V]); "
                               "occupants are screened apart so a patient is told from the cargo (IAEA PAAT "
                               "traveller assessment, primer family 1 step 3 [V])",
                               "not recorded (evaluators enter it: simex report JOURNAL --annotations-template "
                               "notes.yaml)")
    # the reference is beside the area, not repeated inside its sentence
    assert "reference:" not in analysis


def test_conclusion_feedback_and_acronyms(reports):
    md, _, _ = reports
    sections = _sections(markdown_units(md))
    assert sections["Conclusion"] == [("p", "Detection worked; reporting abroad did not.")]
    assert any("participants answered" in str(u[1]) for u in sections["Appendix C: Participant feedback summary"])
    acronyms = {u[1][0]: u[1][1] for u in sections["Appendix D: Acronyms and short names"] if u[0] == "row"}
    # every agency's short name, every jurisdiction, and the terms the report uses
    assert acronyms["norvalia-lp"] == "Norvalia national liaison point (ICSANT Art. 7(4)): agency (Kingdom of Norvalia)"
    assert acronyms["NORVALIA"] == "Kingdom of Norvalia: jurisdiction (State or organisation)"
    assert acronyms["ICSANT"] == "International Convention for the Suppression of Acts of Nuclear Terrorism"
    assert acronyms["STARTEX"] == "start of the exercise"
    assert "TTX" not in acronyms     # a term the report does not use is not listed


def test_without_notes_or_feedback_each_section_says_so(tmp_path):
    journal = journal_run(tmp_path / "weak.simex")
    md = _simex("report", journal).stdout
    sections = _sections(markdown_units(md))
    assert [s for s in sections if s in SECTIONS] == SECTIONS
    assert sections["Conclusion"][0][1].startswith("Not recorded. The lead evaluator writes the conclusion")
    assert sections["Appendix C: Participant feedback summary"][0][1].startswith("No participant feedback")
    cover = {u[1][0]: u[1][1] for u in sections["cover"] if u[0] == "row" and u[1][0]}
    assert cover["Date(s) of conduct"] == "not recorded" and cover["Handling marking"] == "none chosen"


def test_french_report_has_every_section_in_french(tmp_path):
    journal = journal_run(tmp_path / "weak.simex")
    md = _simex("report", journal, "--lang", "fr").stdout
    headings = [line[3:] for line in md.splitlines() if line.startswith("## ")]
    assert [h for h in headings if h.startswith(("Annexe", "Conclusion", "Présentation"))] == [
        "Présentation de l'exercice", "Conclusion", "Annexe A : Plan d'amélioration", "Annexe B : Participants",
        "Annexe C : Synthèse des retours des participants", "Annexe D : Sigles et noms courts",
        "Annexe E : Chronologie de l'incident"]
    assert "| Lieu | non renseigné |" in md and "- Cause profonde : non renseignée" in md
    assert "| Date de début | Date d'achèvement |" in md
