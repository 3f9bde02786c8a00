"""What happened, in sentences a person would write.

A facilitator reads "Customs released vehicle RPM-00090", not
`customs took action release_vehicle (vehicle=RPM-00090)`; a trigger reads
"after the portal alarm on lane 2 (RPM-00090)", not `rpm alarm (gamma_sigma=5.8,
lane=2, ...)`. Scenario authors may give each action and world event a
sentence template; without one an action reads from its title. A template
naming something the action or event does not have is a located error.
"""
from __future__ import annotations

import re
import subprocess
import sys

import pytest

from simex import events as ev
from simex.narrate import Narrator, clip
from simex.scenario.loader import check_text, load_scenario
from tests.conftest import BORDER, ROOT
from tests.test_loader import errors_of, line_of, mutate


@pytest.fixture(scope="module")
def run_output() -> str:
    done = subprocess.run([sys.executable, "-m", "simex.cli", "run", BORDER, "--seed", "7", "--no-journal"],
                          cwd=ROOT, capture_output=True, text=True, check=True)
    return done.stdout


def test_simex_run_tells_what_happened_in_sentences(run_output):
    assert "  Customs released vehicle RPM-00051\n" in run_output
    assert "Customs sent NV-4471-KB to secondary inspection" in run_output
    assert "Police received message M0001 from Customs: Notify the police" in run_output
    assert "Customs handed evidence EV1 to Police, sealed and signed" in run_output
    assert "Portal alarm on lane 2 (RPM-00051): gamma 10.4 σ  [ground truth: innocent, Th-232]" in run_output
    assert "the 4 h administrative hold began" in run_output.lower()


def test_simex_run_says_what_met_each_expectation_and_after_what(run_output):
    assert ("Customs: re-scan through the portal and localise with a handheld meter — vehicle RPM-00051 at "
            "T+00:51:16, 4 min 24 s after the portal alarm on lane 2 (RPM-00051)") in run_output
    assert ("Customs sent RPM-00051 to secondary inspection at T+01:00:11, 2 min 13 s after the re-scan and "
            "localisation (second portal pass, handheld search) finished for RPM-00051") in run_output
    assert "took action" not in run_output


def test_simex_run_prints_no_debugger_notation(run_output):
    timeline = run_output.split("Timeline", 1)[1]
    assert not re.findall(r"\b\w+=\S", timeline), "key=value notation"
    assert not re.findall(r"\d+\.\d{3,}s\b|\b\d+m\d+s\b|\b\d+h\d+m\b", timeline), "machine durations"
    assert "_s " not in timeline and "uSv_h" not in timeline and "secondary_inspection" not in timeline


def test_an_action_without_a_sentence_reads_from_its_title():
    scenario = load_scenario(ROOT / "tests" / "data" / "minimal.yaml")
    line = Narrator(scenario).describe(ev.ActionTaken(t=60, agency="customs", action="detain",
                                                      params={"vehicle": "TRK-0042"}))
    assert line == "Customs: detain the vehicle — vehicle TRK-0042"


def test_a_sentence_is_used_in_the_exercise_language(border):
    release = ev.ActionTaken(t=60, agency="customs", action="release_vehicle", params={"vehicle": "RPM-00039"})
    assert Narrator(border).describe(release) == "Customs released vehicle RPM-00039"
    assert Narrator(border, "fr").describe(release) == "Customs a libéré le véhicule RPM-00039"


def test_world_event_values_carry_their_units(border):
    done = ev.WorldEvent(t=10, process="secondary", name="completed", observer="customs",
                         facts={"vehicle": "RPM-1", "nuclide": "K-40", "dose_rate_uSv_h": 0.13,
                                "officer_dose_uSv": 0.053, "riid_class": "NORM"})
    assert Narrator(border).describe(done) == (
        "Secondary inspection (handheld survey and RIID) finished for RPM-1: nuclide K-40, "
        "dose rate 0.13 µSv/h, officer's dose 0.053 µSv, RIID class NORM")
    stopped = ev.WorldEvent(t=10, process="hold-limit", name="stopped", observer="customs",
                            facts={"elapsed_s": 1212.639})
    assert Narrator(border).describe(stopped) == "The administrative hold ended after 20 min 13 s"


def test_an_unknown_placeholder_is_a_located_error():
    text = mutate("          fr: Retenir le véhicule\n",
                  "          fr: Retenir le véhicule\n        sentence: \"{agency} held {vehical}\"\n")
    (error,) = errors_of(text)
    assert error.line == line_of(text, "sentence:")
    assert error.path == "agencies[0].actions[1].sentence"
    assert "unknown placeholder {vehical}" in error.message and "did you mean 'vehicle'" in error.message


def test_a_world_sentence_names_an_event_the_process_emits_and_its_facts():
    text = mutate("    reveals: [nuclide]\n",
                  "    reveals: [nuclide]\n    sentences:\n      done: \"{process} done\"\n"
                  "      completed: \"{process} found {nuclde}\"\n")
    errors = errors_of(text)
    assert [(e.line, e.path) for e in errors] == [(line_of(text, "done:"), "world[1].sentences.done"),
                                                  (line_of(text, "completed:"), "world[1].sentences.completed")]
    assert "emits no 'done' event" in errors[0].message and "completed" in errors[0].message
    assert "unknown placeholder {nuclde}" in errors[1].message and "'nuclide'" in errors[1].message


def test_a_brace_left_open_is_a_located_error():
    text = mutate("          fr: Retenir le véhicule\n",
                  "          fr: Retenir le véhicule\n        sentence: \"{agency held\"\n")
    (error,) = errors_of(text)
    assert error.line == line_of(text, "sentence:") and "cannot be read" in error.message


def test_a_sentence_missing_an_exercise_language_is_a_warning():
    text = mutate("          fr: Retenir le véhicule\n",
                  "          fr: Retenir le véhicule\n        sentence: \"{agency} held {vehicle}\"\n")
    scenario, problems = check_text(text, "s.yaml")
    assert scenario is not None
    assert any(p.path == "agencies[0].actions[1].sentence" and "'fr'" in p.message for p in problems)


def test_text_cut_for_a_column_ends_with_an_ellipsis():
    assert clip("Hold the vehicle and driver", 12) == "Hold the ve…"
    assert clip("short", 12) == "short"
    assert len(clip("x" * 100, 20)) == 20
