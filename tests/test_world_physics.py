"""World models driven by the domain physics: portal alarms from the source,
shielding and background; what a handheld survey and RIID report; dose
fields, surveys and responders' dose; precedence rules; chain-of-custody and
marking expectations."""
from __future__ import annotations

import pytest

from simex.domain import alarm_probability_for_dose_rate, dose_rate
from simex.domain.detection import PortalMonitor as RpmModel
from simex.engine import commands as c
from simex.engine.world.portal import threat_truth
from simex.scenario.model import Threat
from tests.conftest import make_scenario, run, transcript

GAUGE = {"at": "1h", "vehicle": "BAD-1", "nuclide": "Cs-137", "description": "gauge",
         "activity_tbq": 0.037, "shielding_hvl": 9.5}
RPM = {"id": "rpm", "type": "portal_monitor", "operator": "customs", "vehicles_per_hour": 0.001,
       "threats": [GAUGE]}
SURVEY = {"id": "sec", "type": "service", "performed_by": "customs", "starts_on": {"action": "inspect"},
          "key": "vehicle", "duration": "20m", "reveals": ["nuclide", "dose_rate_uSv_h"], "riid": True}


def world(ex, name):
    return [e for e in ex.events if e.kind == "world" and e.name == name]


def test_a_threats_reading_comes_from_its_activity_and_shielding():
    """37 GBq of Cs-137 behind 9.5 HVL: 3.5 mSv/h H*(10) at 1 m unshielded becomes about 4.8 µSv/h."""
    truth = threat_truth(Threat.model_validate(GAUGE), background_uSv_h=0.085)
    assert truth["dose_rate_uSv_h"] == pytest.approx(4.8 + 0.085, rel=0.02)
    assert truth["category"] == 4  # A/D = 0.037 / 0.1 = 0.37


def test_portal_alarm_probability_is_the_counting_model():
    """Heavier shielding, lower chance: at 20 HVL the gauge slips through."""
    for hvl, expected in ((9.5, 1.0), (20.0, None)):
        rpm = {**RPM, "threats": [{**GAUGE, "shielding_hvl": hvl}]}
        ex = run(make_scenario(world=[rpm]), bot_agencies=())
        event = (world(ex, "alarm") + world(ex, "undetected"))[0]
        rate = dose_rate(0.037, 1.0, nuclide="Cs-137", hvl=hvl).uSv_h / 2.0 ** 2
        p = alarm_probability_for_dose_rate(rate, RpmModel(background_cps=850.0, count_time_s=2.0))
        assert event.truth["p_alarm"] == pytest.approx(p, abs=1e-4)
        if expected:
            assert event.name == "alarm" and event.facts["gamma_sigma"] > 4
    assert p < 0.05


def test_explicit_p_detect_overrides_the_physics():
    rpm = {**RPM, "threats": [{**GAUGE, "p_detect": 0.0}]}
    ex = run(make_scenario(world=[rpm]), bot_agencies=())
    assert world(ex, "undetected") and not world(ex, "alarm")


def test_a_riid_often_misreads_a_heavily_shielded_source_and_reports_the_officers_dose():
    """Behind 9.5 HVL the Cs-137 line is mostly down-scatter: over seeds the RIID
    is mostly wrong (NORM or unknown), and the truth never leaks into the facts."""
    reported = []
    for seed in range(20):
        ex = run(make_scenario(world=[RPM, SURVEY]), until=3600, seed=seed, bot_agencies=())
        ex.apply(c.TakeAction(t=3700, agency="customs", action="inspect", params={"vehicle": "BAD-1"}))
        ex.advance_to(3 * 3600)
        done = world(ex, "completed")[0]
        reported.append(done.facts["nuclide"])
        assert done.truth["nuclide"] == "Cs-137"
        assert done.facts["dose_rate_uSv_h"] == pytest.approx(4.8, rel=0.5)
        # 20 min at 1 m from ~4.8 µSv/h net: about 1.6 µSv.
        assert done.facts["officer_dose_uSv"] == pytest.approx(1.6, rel=0.05)
    assert reported.count("Cs-137") < 10 and set(reported) <= {"Cs-137", "NORM", "unknown"}


def test_the_same_seed_gives_the_same_identification():
    def one():
        ex = run(make_scenario(world=[RPM, SURVEY]), until=3600, seed=4, bot_agencies=())
        ex.apply(c.TakeAction(t=3700, agency="customs", action="inspect", params={"vehicle": "BAD-1"}))
        ex.advance_to(3 * 3600)
        return world(ex, "completed")[0].facts
    assert one() == one()


ORDER = {"id": "order", "type": "precedence", "title": "hold before lead", "owner": "police",
         "first": {"action": "hold"}, "then": {"action": "lead"}}


@pytest.mark.parametrize("hold_first, verdict", [(True, "kept"), (False, "broken")])
def test_precedence_is_judged_the_first_time_then_happens(hold_first, verdict):
    ex = run(make_scenario(world=[ORDER]), until=0, bot_agencies=())
    if hold_first:
        ex.apply(c.TakeAction(t=60, agency="customs", action="hold", params={"vehicle": "V"}))
    ex.apply(c.TakeAction(t=120, agency="police", action="lead", params={}))
    ex.apply(c.TakeAction(t=180, agency="customs", action="hold", params={"vehicle": "V"}))
    ex.apply(c.TakeAction(t=240, agency="police", action="lead", params={}))
    ex.run_to_end()
    assert transcript(ex, "order.kept", "order.broken") == [(2.0, f"order.{verdict}", "")]


FIELD = {"id": "field", "type": "dose_field", "title": "scene", "owner": "customs", "site": "S1",
         "nuclide": "Ir-192", "activity_tbq": 3.7, "survey_on": {"action": "hold"}, "survey_time": "30m",
         "reading_error": 0.0, "oil_set": "IAEA-GSG-2",
         "points": [{"id": "P1", "title": "10 m", "distance_m": 10},
                    {"id": "P2", "title": "1 km, deposited", "distance_m": 1000, "deposition_uSv_h": 150}],
         "teams": [{"id": "photo", "title": "photographers", "agency": "police", "distance_m": 5,
                    "enters_on": {"action": "inspect"}, "leaves_on": {"action": "lead"},
                    "task": "avert_collective_dose"}],
         "dosimetry_on": {"action": "hold", "where": {"vehicle": "DOSIMETERS"}}}


def test_a_survey_reads_the_point_source_plus_deposition_and_names_the_oils():
    ex = run(make_scenario(world=[FIELD]), until=0, bot_agencies=())
    ex.apply(c.TakeAction(t=60, agency="customs", action="hold", params={"vehicle": "X"}))
    ex.advance_to(3600)
    p1, p2 = world(ex, "measured")
    assert p1.t == 60 + 1800
    assert p1.facts["dose_rate_uSv_h"] == pytest.approx(dose_rate(3.7, 10, nuclide="Ir-192").uSv_h, abs=0.1)
    assert p1.facts["oil"] == "OIL1" and "evacuate" in p1.facts["recommended"]
    # No iodine thyroid blocking for an iridium source.
    assert "iodine" not in p1.facts["recommended"]
    assert p2.facts["oil"] == "OIL2" and p2.facts["above_100uSv_h"] is True
    # The 100 µSv/h contour is the farther of the point-source radius (74 m) and deposition (1 km).
    assert world(ex, "contour")[0].facts["contour_100uSv_m"] == 1000


def test_a_sealed_source_scene_reports_no_oils():
    ex = run(make_scenario(world=[{**FIELD, "oil_set": None}]), until=0, bot_agencies=())
    ex.apply(c.TakeAction(t=60, agency="customs", action="hold", params={"vehicle": "X"}))
    ex.advance_to(3600)
    assert all("oil" not in e.facts for e in world(ex, "measured"))


def test_a_team_with_dosimeters_is_withdrawn_at_its_turn_back_dose():
    """21.9 mSv/h H*(10) at 5 m from 3.7 TBq Ir-192: 50 mSv in about 2.3 h (primer §5.8
    gives 16.8 mGy/h air kerma and 3 h, 30 % too long)."""
    ex = run(make_scenario(world=[FIELD]), until=0, bot_agencies=())
    ex.apply(c.TakeAction(t=0, agency="customs", action="hold", params={"vehicle": "DOSIMETERS"}))
    ex.apply(c.TakeAction(t=60, agency="customs", action="inspect", params={"vehicle": "X"}))
    ex.advance_to(5 * 3600)
    back = world(ex, "turn_back")
    assert len(back) == 1 and back[0].facts["dose_mSv"] == pytest.approx(50.0, abs=0.01)
    assert (back[0].t - 60) / 3600 == pytest.approx(50.0 / 21.88, rel=0.01)
    assert world(ex, "dose")[0].facts["dose_mSv"] == pytest.approx(21.88 * 0.5, rel=0.01)


def test_without_dosimeters_nobody_knows_and_controllers_see_the_exceedance():
    ex = run(make_scenario(world=[FIELD]), until=0, bot_agencies=())
    ex.apply(c.TakeAction(t=60, agency="customs", action="inspect", params={"vehicle": "X"}))
    ex.apply(c.TakeAction(t=3600, agency="police", action="lead", params={}))
    left = world(ex, "withdrawn")[0]
    assert left.facts["dose_mSv"] == "not measured (no dosimeter)"
    assert left.truth["dose_mSv"] == pytest.approx(21.88 * 3540 / 3600, rel=0.01)
    ex2 = run(make_scenario(world=[FIELD]), until=0, bot_agencies=())
    ex2.apply(c.TakeAction(t=60, agency="customs", action="inspect", params={"vehicle": "X"}))
    ex2.advance_to(6 * 3600)
    over = world(ex2, "exceeded")
    assert len(over) == 1 and over[0].observer == "" and not world(ex2, "turn_back")


def steps_until(ex, t: float, limit: int = 10_000) -> int:
    """Run the engine to `t` one SimPy event at a time; fail instead of hanging."""
    for count in range(limit):
        if ex.env.peek() > t:
            return count
        ex.env.step()
    raise AssertionError(f"more than {limit} engine events before T+{t:g} s: the clock is stuck")


def test_a_team_beside_the_strongest_source_turns_back_without_freezing_the_clock():
    """10^6 TBq at 3 m: the turn-back dose comes in a few milliseconds, closer
    than the clock can resolve at T+3h. Found by tools/fuzz_scenarios.py: the
    team's dose loop waited zero seconds forever."""
    strong = {**FIELD, "activity_tbq": 1e6, "teams": [{**FIELD["teams"][0], "distance_m": 3}]}
    ex = run(make_scenario(world=[strong]), until=0, bot_agencies=())
    ex.apply(c.TakeAction(t=0, agency="customs", action="hold", params={"vehicle": "DOSIMETERS"}))
    ex.advance_to(3 * 3600)
    ex.apply(c.TakeAction(t=3 * 3600, agency="customs", action="inspect", params={"vehicle": "X"}))
    assert steps_until(ex, 4 * 3600) < 100
    back = world(ex, "turn_back")
    assert len(back) == 1 and back[0].t - 3 * 3600 < 0.1
    assert back[0].facts["dose_mSv"] == pytest.approx(50.0, abs=0.01)


EVIDENCE = [{"id": "EV1", "description": "source", "found_at": "bay", "custodian": "customs",
             "label": {"case_number": "C-1", "item_number": "001", "seal_number": "S-1"}}]
TRANSFER = [{"id": "E1", "title": "hand over", "objective": "O1", "who": "customs", "trigger": {"action": "hold"},
             "transfer": "EV1", "to": "police", "within": "1h"}]


@pytest.mark.parametrize("sealed, signed, met", [(True, True, True), (False, True, False), (True, False, False)])
def test_a_transfer_expectation_needs_a_sealed_and_signed_hand_over(sealed, signed, met):
    ex = run(make_scenario(evidence=EVIDENCE, doctrine=TRANSFER), until=0, bot_agencies=())
    ex.apply(c.TakeAction(t=60, agency="customs", action="hold", params={"vehicle": "V"}))
    ex.apply(c.TransferEvidence(t=600, item="EV1", sender="customs", recipient="police", sealed=sealed, signed=signed))
    ex.run_to_end()
    assert bool([e for e in ex.events if e.kind == "expectation_met"]) is met


def test_weak_bots_sometimes_break_the_chain_of_custody_visibly():
    flags = set()
    for seed in range(30):
        ex = run(make_scenario(evidence=EVIDENCE, doctrine=TRANSFER), until=0, seed=seed, bots="weak",
                 bot_agencies=("customs",))
        ex.apply(c.TakeAction(t=60, agency="customs", action="hold", params={"vehicle": "V"}))
        ex.run_to_end()
        flags |= {(e.sealed, e.signed) for e in ex.events if e.kind == "evidence_transferred"}
    assert (True, True) in flags and flags - {(True, True)}


def test_a_notification_can_require_a_confidentiality_marking():
    doctrine = [{"id": "E1", "title": "tell", "objective": "O1", "who": "customs", "trigger": {"action": "hold"},
                 "notify": "police", "with": {"classification": "confidential"}, "within": "1h"}]
    s = make_scenario(doctrine=doctrine)
    for marking, met in (("unclassified", False), ("confidential", True)):
        ex = run(s, until=0, bot_agencies=())
        ex.apply(c.TakeAction(t=60, agency="customs", action="hold", params={"vehicle": "V"}))
        ex.apply(c.SendMessage(t=120, sender="customs", recipient="police", channel="c-p", subject="x",
                               classification=marking))
        ex.run_to_end()
        assert bool([e for e in ex.events if e.kind == "expectation_met"]) is met


@pytest.mark.parametrize("edit, path, severity, words", [
    (lambda w: w[0]["threats"][0].update(nuclide="Cs-13"), "world[0].threats[0].nuclide", "error", "unknown nuclide"),
    (lambda w: w[0]["threats"][0].update(nuclide="Sr-90"), "world[0].threats[0].nuclide", "error", "no gamma constant"),
    # RS-G-1.9's practices are the reference: a name outside them is refused, with the nearest.
    (lambda w: w[0]["threats"][0].update(practice="fixed gauges"), "world[0].threats[0].practice", "error",
     "fixed industrial gauge"),
    (lambda w: w.append({**FIELD, "oil_set": "GSG2"}), "world[1].oil_set", "error", "unknown OIL set"),
])
def test_validate_catches_physics_a_run_could_not_compute(edit, path, severity, words):
    from simex.scenario.checks import check_scenario
    worlds = [{**RPM, "threats": [dict(GAUGE)]}]
    edit(worlds)
    problems = [p for p in check_scenario(make_scenario(world=worlds)) if p.path.startswith("world")]
    assert [(p.path, p.severity) for p in problems] == [(path, severity)]
    assert words in problems[0].message


def test_a_real_source_reads_above_the_natural_background_like_norm_does():
    """One background model, from the scenario, applied once: a meter at 1 m
    from a weak real source reads background plus the source, as it does for
    NORM cargo, so a weak source never reads below ceramic tiles."""
    weak = {**GAUGE, "activity_tbq": None, "dose_rate_uSv_h": 0.05, "p_detect": 1.0}
    rpm = {**RPM, "background_uSv_h": 0.3, "threats": [weak]}
    ex = run(make_scenario(world=[rpm]), bot_agencies=())
    assert world(ex, "alarm")[0].truth["dose_rate_uSv_h"] == pytest.approx(0.35)
    tiles = {**RPM, "background_uSv_h": 0.3, "vehicles_per_hour": 60, "p_innocent": 1.0, "threats": [],
             "innocent_causes": [{"cargo": "ceramic tiles", "nuclide": "K-40"}]}
    ex = run(make_scenario(world=[tiles]), until=3600, bot_agencies=())
    assert all(e.truth["dose_rate_uSv_h"] > 0.3 for e in world(ex, "alarm"))


def test_the_survey_subtracts_the_scenarios_background_once():
    """Behind the portal's 2 µSv/h background the gauge reads 4.8 + 2 at 1 m; the
    officer's dose above background is the gauge's own 4.8 µSv/h for 20 min."""
    rpm = {**RPM, "background_uSv_h": 2.0, "threats": [{**GAUGE, "p_detect": 1.0}]}
    ex = run(make_scenario(world=[rpm, {**SURVEY, "reading_error": 0.0}]), until=3600, bot_agencies=())
    ex.apply(c.TakeAction(t=3700, agency="customs", action="inspect", params={"vehicle": "BAD-1"}))
    ex.advance_to(3 * 3600)
    done = world(ex, "completed")[0]
    net = dose_rate(0.037, 1.0, nuclide="Cs-137", hvl=9.5).uSv_h
    assert done.facts["dose_rate_uSv_h"] == pytest.approx(net + 2.0, abs=0.01)
    assert done.facts["officer_dose_uSv"] == pytest.approx(net / 3, abs=0.001)
