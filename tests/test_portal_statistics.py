"""Portal statistics: alarm levels come from one counting model for every
cause, so NORM cargo, nuclear-medicine patients and masked threats overlap
as they do at real crossings (the level alone does not give the answer
away); statistical false alarms stay within what RPM specifications allow;
and only the conveyances that alarm cost an event."""
from __future__ import annotations

import pytest

from simex.domain.detection import false_alarm_probability
from simex.engine.world.portal_signal import monitor
from simex.scenario.loader import load_scenario
from tests.conftest import BORDER, make_scenario, run

CAUSES = [{"cargo": "ceramic tiles", "nuclide": "K-40", "weight": 3},
          {"cargo": "granite", "nuclide": "Th-232", "weight": 2},
          {"cargo": "patient after a thyroid treatment", "nuclide": "I-131", "weight": 1}]
PORTAL = {"id": "rpm", "type": "portal_monitor", "operator": "customs", "lanes": 2,
          "vehicles_per_hour": 600, "p_innocent": 0.05, "innocent_causes": CAUSES}


def alarms(ex, cause=None):
    return [e for e in ex.events if e.kind == "world" and e.name == "alarm"
            and (cause is None or e.truth["cause"] == cause)]


def border_threat_sigma() -> float:
    """The bundled scenario's shielded gauge, alarmed (p_detect 1 to be sure it does)."""
    scenario = load_scenario(BORDER)
    portal = scenario.world[0]
    threat = portal.threats[0].model_copy(update={"p_detect": 1.0})
    scenario = scenario.model_copy(update={"world": [portal.model_copy(update={"threats": [threat]})]})
    ex = run(scenario, until=3 * 3600, bot_agencies=())
    return next(e.facts["gamma_sigma"] for e in alarms(ex, "threat"))


def test_harmless_alarms_span_the_range_of_a_shielded_threat():
    """Innocent alarms were drawn between 4.2 and 9 sigma while the border
    scenario's shielded gauge reads hundreds: the level gave the answer
    away. Now NORM loads reach tens of sigma and a patient can read far
    higher than the gauge, and the weakest innocent alarms sit at the
    threshold like a masked threat would."""
    threat = border_threat_sigma()
    innocent = sorted(e.facts["gamma_sigma"] for e in alarms(run(make_scenario(world=[PORTAL]), bot_agencies=())))
    assert len(innocent) > 100
    above_threat = sum(s > threat for s in innocent) / len(innocent)
    assert innocent[0] < 6 and max(innocent) > threat
    assert 0.01 < above_threat < 0.9        # some harmless alarms read higher than the threat, not all
    norm = [e.facts["gamma_sigma"] for e in alarms(run(make_scenario(world=[PORTAL]), bot_agencies=()))
            if e.truth["nuclide"] in ("K-40", "Th-232")]
    assert max(norm) > 20                    # a heavy NORM load is far beyond the old 9 sigma cap


def test_statistical_false_alarms_default_to_the_counting_model_and_stay_within_specifications():
    """Left out, `p_false` is the Gaussian tail at the threshold (3.2e-5 at 4
    sigma), well under the 1 in 1,000 occupancies IEC 62244 allows; a false
    alarm's level sits just over the threshold, as statistics would."""
    quiet = {**PORTAL, "p_innocent": 0.0, "vehicles_per_hour": 10000, "threshold_sigma": 3.5}
    ex = run(make_scenario(world=[quiet]), bot_agencies=())
    portal = ex.world["rpm"]
    assert portal.p_false == false_alarm_probability(monitor(portal.spec)) < 0.001
    false = alarms(ex, "false")
    expected = portal.passed * portal.p_false          # 60,000 occupancies x 2.3e-4 = 14
    assert abs(len(false) - expected) < 4 * expected ** 0.5
    assert all(3.5 <= e.facts["gamma_sigma"] < 8.0 for e in false)


def test_a_false_alarm_rate_above_specifications_is_flagged(tmp_path):
    from simex.scenario.checks import check_scenario
    problems = check_scenario(make_scenario(world=[{**PORTAL, "p_false": 0.003}]))
    assert [(p.path, p.severity) for p in problems] == [("world[0].p_false", "warning")]
    assert "IEC 62244" in problems[0].message


def test_quiet_traffic_is_counted_not_simulated():
    """Only alarming conveyances are events; the quiet ones between are
    counted, so ids still number the traffic and the count matches the rate."""
    ex = run(make_scenario(world=[PORTAL]), bot_agencies=())
    portal = ex.world["rpm"]
    assert abs(portal.passed - 600 * 6) < 4 * (600 * 6) ** 0.5
    numbers = [int(e.facts["vehicle"].split("-")[1]) for e in alarms(ex)]
    assert numbers == sorted(numbers) and len(set(numbers)) == len(numbers) and numbers[-1] <= portal.passed
    assert next(ex.env._eid) < 3 * len(numbers) + 100   # SimPy events scheduled: per alarm, not per vehicle


@pytest.mark.parametrize("p_innocent", [0.3, 0.02, 0.0005])
def test_the_quiet_traffic_between_alarms_keeps_the_rate_whatever_its_count(p_innocent):
    """10,000 conveyances an hour for a day, with 2 quiet conveyances between
    two alarms on average, about 49 (a busy crossing at 2 % alarming) and
    about 2,000 (the count a normal approximation used to stand in for): the
    numbers still increase, one per conveyance, and the quiet traffic counted
    up to the last alarm is the Poisson count vehicles_per_hour x (1 - p) over
    that time, within 5 standard deviations, so the long-run vehicles an hour
    are vehicles_per_hour."""
    portal = {**PORTAL, "vehicles_per_hour": 10_000, "p_innocent": p_innocent, "p_false": 0.0}
    ex = run(make_scenario(world=[portal], exercise={"duration": "24h"}), bot_agencies=())
    rpm = ex.world["rpm"]
    seen = alarms(ex)
    numbers = [int(e.facts["vehicle"].split("-")[1]) for e in seen]
    assert len(numbers) > 50
    assert all(a < b for a, b in zip(numbers, numbers[1:])) and numbers[-1] == rpm.passed
    hours = (seen[-1].t - rpm.t0) / 3600
    quiet = 10_000 * (1 - p_innocent) * hours
    assert abs(rpm.passed - len(numbers) - quiet) < 5 * quiet ** 0.5
    assert abs(rpm.passed / hours - 10_000) < 5 * 10_000 ** 0.5 / hours ** 0.5
