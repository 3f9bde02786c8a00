"""OIL threshold logic (primer §3.7, §5 item 10)."""
import pytest

from simex.domain import OIL_SETS, dose_mSv, protective_actions
from simex.domain.oil import GENERIC_CRITERIA


def actions(rate, day, oil_set="IAEA-GSG-2"):
    return {(a.oil, a.action) for a in protective_actions(rate, day, oil_set)}


def test_1_2_mSv_h_triggers_evacuation():
    """1.2 mSv/h at 1 m > OIL1 (1,000 µSv/h): evacuate [primer §5.10; OIL1 V Poland, R GSG-2]."""
    got = protective_actions(1200, 0)
    assert got[0].oil == "OIL1"
    assert got[0].action.startswith("evacuate")
    assert "exceeds OIL1 = 1000 µSv/h" in got[0].reason


def test_150_uSv_h_on_day_3_triggers_relocation_not_evacuation():
    """150 µSv/h on day 3 > OIL2 (100 µSv/h): relocate [primer §5.10]."""
    got = actions(150, 3)
    assert ("OIL2", "temporary relocation") in got
    assert not any(oil == "OIL1" for oil, _ in got)


def test_day_12_uses_the_25_uSv_h_late_oil2():
    """On day 12 the EPR-NPP-OILs split applies: OIL2 = 25 µSv/h [primer §5.10, V Poland]."""
    assert ("OIL2", "temporary relocation") in actions(30, 12)
    assert ("OIL2", "temporary relocation") not in actions(20, 12)
    # The same 30 µSv/h on day 3 is below the early OIL2 of 100.
    assert ("OIL2", "temporary relocation") not in actions(30, 3)
    reason = next(a.reason for a in protective_actions(30, 12) if a.oil == "OIL2")
    assert "25 µSv/h" in reason and "from day 10" in reason


def test_oil3_restricts_food_above_1_uSv_h():
    """OIL3 = 1 µSv/h: restrict local produce, rainwater, milk [primer §3.7, V ARPANSA]."""
    assert {oil for oil, _ in actions(2, 20)} == {"OIL3"}
    assert actions(0.5, 20) == set()


def test_a_week_at_oil1_exceeds_the_generic_criterion():
    """1,000 µSv/h x 7 d = 168 mSv > 100 mSv in 7 d: why OIL1 sits near that GC
    [primer §5.10, D; GC R]."""
    gc = next(g for g in GENERIC_CRITERIA if g.period_days == 7 and g.quantity == "effective dose")
    assert dose_mSv(1000, 7 * 24) == pytest.approx(168)
    assert dose_mSv(1000, 7 * 24) > gc.dose_mSv


def test_national_variants():
    """ARPANSA: OIL1 500, OIL2 50/10 µSv/h [V]; Poland non-reactor: OIL2 25 µSv/h [V]."""
    assert ("OIL1", "decontaminate") in actions(600, 0, "ARPANSA")
    assert ("OIL1", "decontaminate") not in actions(600, 0, "IAEA-GSG-2")
    assert ("OIL2", "temporary relocation") in actions(30, 1, "Poland-non-reactor")
    assert ("OIL2", "temporary relocation") not in actions(30, 1, "Poland")


def test_skin_oil_is_not_applied_to_ambient_readings():
    """OIL4 is measured at 10 cm from skin; an ambient reading cannot trigger it."""
    assert not any(a.oil == "OIL4" for a in protective_actions(5000, 0))


def test_every_oil_cites_a_tagged_source():
    for oils in OIL_SETS.values():
        for oil in oils:
            assert any(t in oil.source for t in ("[V]", "[R]", "[D]", "[S]")), oil


def test_unknown_set_lists_the_known_ones():
    with pytest.raises(KeyError, match="ARPANSA"):
        protective_actions(100, 0, "IAEA")


def test_iodine_thyroid_blocking_only_for_a_release_with_radioiodine():
    """OIL1 calls for iodine thyroid blocking only where radioiodine is released
    (a reactor release, I-131); for a Cs-137 RDD it would be wrong advice."""
    without = {a.action for a in protective_actions(1200, 0)}
    with_iodine = {a.action for a in protective_actions(1200, 0, radioiodine=True)}
    assert "iodine thyroid blocking" not in without
    assert "iodine thyroid blocking" in with_iodine
    assert without < with_iodine
