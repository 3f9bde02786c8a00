"""A world that reacts: injects and the facilitator change world state (a
truck drives off, a source is shielded, a cordon expands), evidence is found
when a search completes, and a portal is any crossing (conveyance, opening
hours, neutron alarms, declared shipments). Every change goes through the
event stream or a journaled command, so replay gives the same world."""
from __future__ import annotations

import pytest

from simex.engine import commands as c
from simex.engine.commands import CommandError
from simex.evidence import Ledger
from tests.conftest import make_scenario, run, transcript

GAUGE = {"at": "1h", "vehicle": "BAD-1", "nuclide": "Cs-137", "description": "gauge", "dose_rate_uSv_h": 5,
         "p_detect": 1.0}
RPM = {"id": "rpm", "type": "portal_monitor", "operator": "customs", "vehicles_per_hour": 0.001,
       "threats": [GAUGE]}
INSPECT = {"id": "sec", "type": "service", "performed_by": "customs", "starts_on": {"action": "inspect"},
           "key": "vehicle", "duration": "20m", "reveals": ["cause", "nuclide"]}
DROVE_OFF = {"id": "I-GONE", "at": "1h10m", "to": "customs", "synopsis": "The truck drove off",
             "text": "BAD-1 left the inspection bay.", "changes": [{"process": "rpm", "do": "remove", "key": "BAD-1"}]}


def world(ex, name=None):
    return [e for e in ex.events if e.kind == "world" and (name is None or e.name == name)]


def test_an_inject_removes_a_conveyance_from_the_lanes():
    """"The truck drove off": the operator sees it leave, and an inspection
    asked for afterwards finds nobody there (`absent`) and reveals nothing."""
    ex = run(make_scenario(world=[RPM, INSPECT], injects=[DROVE_OFF]), until=4500, bot_agencies=())
    ex.apply(c.TakeAction(t=4500, agency="customs", action="inspect", params={"vehicle": "BAD-1"}))
    ex.run_to_end()
    assert transcript(ex, "rpm.alarm", "rpm.left", "sec.completed", "sec.absent") == [
        (60, "rpm.alarm", "BAD-1"), (70, "rpm.left", "BAD-1"), (95, "sec.absent", "BAD-1")]
    assert world(ex, "absent")[0].facts == {"vehicle": "BAD-1"}


def test_a_french_facilitator_reads_the_world_models_refusal_in_french():
    from simex.reasons import in_language

    ex = run(make_scenario(world=[RPM]), until=3700, bot_agencies=())
    with pytest.raises(CommandError) as error:
        ex.apply(c.ChangeWorld(t=3700, process="rpm", do="remove", params={"key": "RPM-99999"}))
    assert in_language(error.value, "fr") == ("aucun moyen de transport 'RPM-99999' n'attend à rpm ; "
                                              "en attente : BAD-1")


def test_the_facilitator_changes_the_world_by_a_journaled_command_checked_against_what_exists():
    ex = run(make_scenario(world=[RPM]), until=3700, bot_agencies=())
    with pytest.raises(CommandError, match="no conveyance 'RPM-99999' waits at rpm; waiting there: BAD-1"):
        ex.apply(c.ChangeWorld(t=3700, process="rpm", do="remove", params={"key": "RPM-99999"}))
    with pytest.raises(CommandError, match="cannot 'shield'"):
        ex.apply(c.ChangeWorld(t=3700, process="rpm", do="shield", params={"shielding_hvl": 3}))
    with pytest.raises(CommandError, match="no world process 'rmp'"):
        ex.apply(c.ChangeWorld(t=3700, process="rmp", do="remove", params={"key": "BAD-1"}))
    ex.apply(c.ChangeWorld(t=3700, process="rpm", do="remove", params={"key": "BAD-1"}))
    assert [(e.t, e.name, e.facts["vehicle"]) for e in world(ex, "left")] == [(3700, "left", "BAD-1")]


FIELD = {"id": "field", "type": "dose_field", "title": "Scene", "owner": "police", "site": "S1",
         "nuclide": "Cs-137", "activity_tbq": 1.0, "survey_on": {"action": "lead"}, "survey_time": "10m",
         "reading_error": 0.0, "report_every": "10m", "guidance": "GSR-Part-7",
         "points": [{"id": "P1", "title": "Near", "distance_m": 10}],
         "teams": [{"id": "T1", "title": "Team", "agency": "police", "distance_m": 5,
                    "enters_on": {"action": "lead"}}]}


def test_a_source_recovered_into_a_shielded_container_changes_the_dose_field():
    """After `shield` (3 HVL) the 100 µSv/h contour shrinks by sqrt(8), and
    the team inside accrues dose at an eighth of the rate."""
    shielded = {"id": "I-SHIELD", "at": "2h", "to": "police", "synopsis": "Source in its container", "text": "x",
                "changes": [{"process": "field", "do": "shield", "shielding_hvl": 3}]}
    before = run(make_scenario(world=[FIELD]), until=0, bot_agencies=())
    before.apply(c.TakeAction(t=3600, agency="police", action="lead", params={}))
    before.run_to_end()
    after = run(make_scenario(world=[FIELD], injects=[shielded]), until=0, bot_agencies=())
    after.apply(c.TakeAction(t=3600, agency="police", action="lead", params={}))
    after.advance_to(2 * 3600 + 60)
    after.apply(c.TakeAction(t=2 * 3600 + 60, agency="police", action="lead", params={}))
    after.run_to_end()
    changed = world(after, "changed")[0]
    assert changed.t == 7200 and changed.facts["shielding_hvl"] == 3
    unshielded = world(before, "measured")[0].facts["dose_rate_uSv_h"]     # at 10 m
    contour = world(before, "contour")[0].truth["point_source_m"]
    assert changed.facts["contour_100uSv_m"] == pytest.approx(contour / 8 ** 0.5, rel=0.01)
    doses = [e for e in world(after, "dose") if e.t > 7200]
    hours = (doses[-1].t - doses[0].t) / 3600
    rate_after = (doses[-1].truth["dose_mSv"] - doses[0].truth["dose_mSv"]) * 1000 / hours
    assert rate_after == pytest.approx(unshielded * 4 / 8, rel=0.01)   # the team at 5 m is 2x closer


def test_an_expanding_cordon_moves_the_teams_inside_it():
    cordon = {"id": "I-CORDON", "at": "2h", "to": "police", "synopsis": "Cordon to 40 m", "text": "x",
              "changes": [{"process": "field", "do": "cordon", "radius_m": 40}]}
    ex = run(make_scenario(world=[FIELD], injects=[cordon]), until=0, bot_agencies=())
    ex.apply(c.TakeAction(t=3600, agency="police", action="lead", params={}))
    ex.run_to_end()
    moved = world(ex, "moved")
    assert [(e.t, e.observer, e.facts) for e in moved] == [
        (7200, "police", {"team": "T1", "from_m": 5.0, "distance_m": 40.0})]
    doses = [e for e in world(ex, "dose")]
    before = [e for e in doses if e.t <= 7200]
    after = [e for e in doses if e.t > 7200]

    def rate(a, b):
        return (b.truth["dose_mSv"] - a.truth["dose_mSv"]) / (b.t - a.t)
    # Reported doses are rounded to 0.01 mSv: over 4 h at 40 m that is a few per cent.
    assert rate(after[0], after[-1]) == pytest.approx(rate(before[0], before[-1]) * (5 / 40) ** 2, rel=0.05)


EVIDENCE = [{"id": "EV1", "description": "Swab", "found_at": "cab", "custodian": "customs",
             "found_on": {"event": "sec.completed", "where": {"vehicle": "BAD-1"}},
             "label": {"case_number": "C1", "item_number": "1"}}]


def test_evidence_is_found_when_the_search_completes():
    """An item with `found_on` cannot be handed over before its search
    completes; then its holder is told, and the hand-over is accepted."""
    ex = run(make_scenario(world=[RPM, INSPECT], evidence=EVIDENCE), until=3700, bot_agencies=())
    with pytest.raises(CommandError, match="EV1 has not been found yet"):
        ex.apply(c.TransferEvidence(t=3700, item="EV1", sender="customs", recipient="lab"))
    ex.apply(c.TakeAction(t=3700, agency="customs", action="inspect", params={"vehicle": "BAD-1"}))
    ex.advance_to(3700 + 20 * 60 + 1)
    found = [e for e in world(ex, "found") if e.process == "evidence"]
    assert [(e.t, e.observer, e.facts["item"]) for e in found] == [(3700 + 1200, "customs", "EV1")]
    ex.apply(c.TransferEvidence(t=ex.now, item="EV1", sender="customs", recipient="lab"))
    assert ex.custody["EV1"] == "lab"


def test_a_railway_portal_opens_on_its_hours_and_shows_its_conveyance():
    """A rail border open 08:00-17:00 (STARTEX 07:00): nothing alarms before
    08:00, a wagon due at 07:30 is screened when the portal opens, and the
    alarm names the conveyance."""
    rail = {**RPM, "conveyance": "rail_wagon", "opening_hours": {"hours": "08:00-17:00"},
            "vehicles_per_hour": 60, "p_innocent": 0.2,
            "threats": [{**GAUGE, "at": "30m", "vehicle": "WAGON-31"}]}
    ex = run(make_scenario(world=[rail]), bot_agencies=())
    alarms = world(ex, "alarm")
    assert min(e.t for e in alarms) >= 3600 and len(alarms) > 20
    wagon = next(e for e in alarms if e.facts["vehicle"] == "WAGON-31")
    assert wagon.t == 3600 and wagon.facts["conveyance"] == "rail_wagon"


def test_neutron_alarms_and_declared_shipments_are_told_apart_in_the_truth():
    """A neutron source too weak for the gamma channel alarms the neutron
    channel; a licensed shipment alarms with its manifest shown and
    `cause: licensed` in the truth; a steel load's ship effect is a harmless
    neutron alarm."""
    portal = {**RPM, "vehicles_per_hour": 100, "p_innocent": 0.05,
              "innocent_causes": [{"cargo": "steel coils", "nuclide": "K-40", "gamma": False, "neutron": True}],
              "threats": [{"at": "1h", "vehicle": "N-1", "nuclide": "Cs-137", "description": "neutron source",
                           "neutron": True, "dose_rate_uSv_h": 0.0001}],
              "shipments": [{"at": "2h", "vehicle": "LIC-7", "nuclide": "Tc-99m", "description": "generators",
                             "manifest": "UN2915 radiopharmaceuticals", "licence": "L-1234",
                             "dose_rate_uSv_h": 20}]}
    ex = run(make_scenario(world=[portal]), bot_agencies=())
    by_id = {e.facts["vehicle"]: e for e in world(ex, "alarm")}
    assert by_id["N-1"].facts["channel"] == "neutron" and by_id["N-1"].truth["cause"] == "threat"
    assert by_id["LIC-7"].truth["cause"] == "licensed" and by_id["LIC-7"].truth["licence"] == "L-1234"
    assert by_id["LIC-7"].facts["manifest"] == "UN2915 radiopharmaceuticals"
    steel = [e for e in by_id.values() if e.truth["cause"] == "innocent"]
    assert steel and all(e.facts["channel"] == "neutron" for e in steel)


def test_a_world_change_by_the_facilitator_replays(tmp_path):
    """Journaled and replayable: the facilitator's `change_world` and an
    inject's `changes:` give the same world on replay."""
    from simex.replay import replay
    from simex.session import LocalSession
    path = tmp_path / "field.yaml"
    import yaml
    from tests.conftest import BASE
    cordon = {"id": "I-CORDON", "at": "2h", "to": "police", "synopsis": "Cordon to 40 m", "text": "x",
              "changes": [{"process": "field", "do": "cordon", "radius_m": 40}]}
    path.write_text(yaml.safe_dump({**BASE, "world": [FIELD], "injects": [cordon]}, allow_unicode=True))
    session = LocalSession.new(path, journal_path=tmp_path / "live.simex")
    session.do(c.TakeAction, agency="police", action="lead", params={})
    session.jump_to(3 * 3600)
    session.do(c.ChangeWorld, process="field", do="shield", params={"shielding_hvl": 2})
    session.jump_to(4 * 3600)
    session.close()
    report = replay(tmp_path / "live.simex")
    assert report.ok, report.message
    assert report.commands >= 2


def test_a_service_is_wrong_with_its_configured_probability():
    """Reachback is not omniscient: with `p_wrong` 0.3 about 30 % of its
    answers name a plausible wrong nuclide, and the truth says which."""
    rpm = {**RPM, "threats": [{**GAUGE, "at": f"{m}m", "vehicle": f"V{m}"} for m in range(1, 301)]}
    reach = {**INSPECT, "id": "reach", "capacity": 1000, "duration": "1m", "reveals": ["nuclide"],
             "p_wrong": 0.3, "wrong_values": {"nuclide": ["Cs-137", "Co-60", "Ba-133"]},
             "starts_on": {"event": "rpm.alarm"}}
    ex = run(make_scenario(world=[rpm, reach], exercise={"duration": "8h"}), bot_agencies=())
    done = world(ex, "completed")
    wrong = [e for e in done if e.truth.get("wrong")]
    assert len(done) == 300 and abs(len(wrong) / 300 - 0.3) < 0.08
    assert all(e.facts["nuclide"] in ("Co-60", "Ba-133") for e in wrong)
    assert all(e.facts["nuclide"] == "Cs-137" for e in done if e not in wrong)


def test_a_laboratory_queue_behind_routine_work_misses_its_turnaround():
    """A lab with one analyst, 2 h per sample and routine samples arriving
    twice an hour: the exercise's sample waits in the queue and its result
    comes later than the promised 3 h turnaround (`late`). Without routine
    work it is on time."""
    lab = {"id": "lab-analysis", "type": "service", "performed_by": "lab", "starts_on": {"action": "inspect"},
           "key": "vehicle", "duration": "2h", "turnaround": "3h", "reveals": ["nuclide"]}
    busy = run(make_scenario(world=[RPM, {**lab, "routine_per_hour": 2}], exercise={"duration": "24h"}),
               until=3700, bot_agencies=())
    quiet = run(make_scenario(world=[RPM, lab], exercise={"duration": "24h"}), until=3700, bot_agencies=())
    for ex in (busy, quiet):
        ex.apply(c.TakeAction(t=3700, agency="customs", action="inspect", params={"vehicle": "BAD-1"}))
        ex.run_to_end()
    late = world(busy, "late")
    assert len(late) == 1 and late[0].facts["took_s"] > 3 * 3600 and late[0].observer == "customs"
    assert world(quiet, "late") == [] and world(quiet, "completed")[0].t == 3700 + 7200


def test_agency_kinds_are_an_open_vocabulary():
    """An author can add a port authority or a rail operator; a kind that
    looks like a misspelt known one gets a hint, not an error."""
    from simex.scenario.checks import check_scenario
    from tests.conftest import BASE
    agencies = [*BASE["agencies"], {"id": "port", "name": "Port authority", "jurisdiction": "A",
                                    "kind": "port_authority"},
                {"id": "rail", "name": "Rail operator", "jurisdiction": "A", "kind": "polise"}]
    problems = [p for p in check_scenario(make_scenario(agencies=agencies)) if p.path.endswith(".kind")]
    assert [(p.path, p.severity) for p in problems] == [("agencies[4].kind", "warning")]
    assert "did you mean 'police'" in problems[0].message


def test_evidence_whose_search_never_completes_is_reported_not_found():
    from simex.report import build_report
    from simex.scoring import evaluate
    s = make_scenario(world=[RPM, INSPECT], evidence=EVIDENCE)
    ex = run(s, bot_agencies=())
    chain = evaluate(s, ex.events).custody[0]
    assert chain.found is None
    row = next(line for line in build_report(s, ex.events, fmt="md").splitlines() if line.startswith("| EV1 |"))
    assert "not found: the search that finds it never completed" in row


def test_a_change_the_process_cannot_make_is_refused_where_it_is_written():
    from simex.scenario.checks import check_scenario
    from simex.scenario.loader import check_text
    bad = {**DROVE_OFF, "changes": [{"process": "rpm", "do": "shield", "shielding_hvl": 3},
                                    {"process": "rmp", "do": "remove", "key": "BAD-1"},
                                    {"process": "rpm", "do": "remove", "key": "TRUCK-9"}]}
    problems = check_scenario(make_scenario(world=[RPM], injects=[bad]))
    assert [(p.path, p.severity) for p in problems] == [
        ("injects[0].changes[0].do", "error"), ("injects[0].changes[1].process", "error"),
        ("injects[0].changes[2].key", "warning")]
    assert "a portal_monitor cannot 'shield'; it can: remove" in problems[0].message
    text = "\n".join(["simex: 1", "exercise: {id: x, title: x, summary: x, type: tabletop,",
                      "  startex: '2026-03-17T07:00:00+00:00', duration: 1h}",
                      "objectives: [{id: O1, title: O}]", "jurisdictions: [{id: A, name: A}]",
                      "agencies: [{id: c, name: C, jurisdiction: A, kind: customs}]",
                      "injects:", "  - {id: I1, at: 0m, to: c, synopsis: s, text: t,",
                      "     changes: [{process: p, do: remove}]}", ""])
    _, problems = check_text(text, "x.yaml")
    assert [(p.line, p.path) for p in problems if p.is_error] == [(9, "injects[0].changes[0]")]
    assert "'remove' needs 'key'" in problems[0].message


def test_a_trigger_can_wait_for_evidence_to_be_found():
    """`{event: evidence.found, where: {item: EV1}}` validates when an item is
    found on a trigger, and opens doctrine when it is found."""
    from simex.scenario.checks import check_scenario
    doctrine = [{"id": "EXP-LAB", "title": "Send the swab to the lab", "objective": "O1", "who": "customs",
                 "trigger": {"event": "evidence.found", "where": {"item": "EV1"}}, "within": "1h",
                 "transfer": "EV1", "to": "lab"}]
    s = make_scenario(world=[RPM, INSPECT], evidence=EVIDENCE, doctrine=doctrine)
    assert [p for p in check_scenario(s) if p.is_error] == []
    typo = make_scenario(world=[RPM, INSPECT], evidence=EVIDENCE,
                         doctrine=[{**doctrine[0], "trigger": {"event": "evidence.found", "where": {"item": "EV2"}}}])
    assert [p.path for p in check_scenario(typo) if p.is_error] == ["doctrine[0].trigger.where.item"]
    ex = run(s, until=3700, bot_agencies=())
    ex.apply(c.TakeAction(t=3700, agency="customs", action="inspect", params={"vehicle": "BAD-1"}))
    ex.advance_to(3 * 3600)
    assert [(e.t, e.expectation) for e in ex.events if e.kind == "expectation_opened"] == [(4900, "EXP-LAB")]


def test_a_service_reveals_ground_truth_the_scenario_configures():
    """An author adds truth a service can reveal (`truth:`), and a `reveals`
    naming it is no longer warned about; the engine's own fields win."""
    from simex.scenario.checks import check_scenario
    rpm = {**RPM, "threats": [{**GAUGE, "truth": {"driver": "known smuggler", "cause": "innocent"}}]}
    sec = {**INSPECT, "reveals": ["cause", "driver"]}
    s = make_scenario(world=[rpm, sec])
    assert [p for p in check_scenario(s) if "reveals" in p.path] == []
    ex = run(s, until=3700, bot_agencies=())
    ex.apply(c.TakeAction(t=3700, agency="customs", action="inspect", params={"vehicle": "BAD-1"}))
    ex.run_to_end()
    assert world(ex, "completed")[0].facts == {"vehicle": "BAD-1", "cause": "threat", "driver": "known smuggler"}


def test_settings_that_could_never_act_are_named():
    """A harmless cause that trips neither channel never alarms (error); a
    wrong answer for a field the service does not reveal never shows (warning)."""
    from simex.scenario.checks import check_scenario
    rpm = {**RPM, "p_innocent": 0.1, "innocent_causes": [{"cargo": "x", "nuclide": "K-40", "gamma": False}]}
    sec = {**INSPECT, "p_wrong": 0.1, "wrong_values": {"category": ["1", "2"]}}
    problems = check_scenario(make_scenario(world=[rpm, sec]))
    assert [(p.path, p.severity) for p in problems] == [
        ("world[0].innocent_causes[0]", "error"), ("world[1].wrong_values.category", "warning")]


def test_the_ledger_follows_the_events_as_far_as_they_go():
    """evidence.Ledger (the server's views use it on the committed events
    only): custody and finds after exactly the events given, no further."""
    ex = run(make_scenario(world=[RPM, INSPECT], evidence=EVIDENCE), until=3700, bot_agencies=())
    ex.apply(c.TakeAction(t=3700, agency="customs", action="inspect", params={"vehicle": "BAD-1"}))
    ex.advance_to(3700 + 20 * 60 + 1)
    ex.apply(c.TransferEvidence(t=ex.now, item="EV1", sender="customs", recipient="lab"))
    events = list(ex.events)
    found_at = next(i for i, e in enumerate(events) if e.kind == "world" and e.process == "evidence")
    handed = next(i for i, e in enumerate(events) if e.kind == "evidence_transferred")
    before_find, before_hand_over, after = (Ledger(ex.scenario, events[:n]) for n in (found_at, handed, len(events)))
    assert "EV1" not in before_find.found and before_find.custody == {"EV1": "customs"}
    assert before_hand_over.found == {"EV1": 3700 + 1200} and before_hand_over.custody == {"EV1": "customs"}
    assert after.custody == {"EV1": "lab"} == ex.custody and after.found == ex.found_at
    kept_up = Ledger(ex.scenario)
    for event in events:
        kept_up.learn(event)
    assert (kept_up.custody, kept_up.found) == (after.custody, after.found)
