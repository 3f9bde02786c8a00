"""Inner cordons and turn-back doses (EPR-First Responders 2006, primer §3.8)."""
import pytest

from simex.domain import initial_inner_cordon_m, inner_cordon_m, turn_back_dose_mSv
from simex.domain.cordons import TURN_BACK_GUIDANCE


@pytest.mark.parametrize("situation, radius", [
    ("unshielded_source_outdoors", 30), ("major_spill", 100),
    ("fire_explosion", 300), ("suspected_rdd", 400),
])
def test_initial_inner_cordon_table(situation, radius):
    """30 m unshielded source, 100 m major spill, 300 m fire/explosion, >=400 m suspected
    RDD [primer §3.8, V ti1]."""
    assert initial_inner_cordon_m(situation) == radius


def test_building_damage_has_no_radius():
    """Inside a building: affected and adjacent areas, floors above and below [V]."""
    with pytest.raises(ValueError, match="floors above and below"):
        initial_inner_cordon_m("building_damage")


def test_cordon_expands_to_the_100_uSv_h_contour():
    """Expand to where 100 µSv/h of H*(10) is measured [V]. 10 TBq Cs-137 unshielded:
    the modelled contour sqrt(94.0 x 10,000 / 100) = 97 m lies beyond the 30 m table
    value (air kerma, 78.2, would have drawn it at 88 m: 9 m short)."""
    assert inner_cordon_m("unshielded_source_outdoors", activity_tbq=10,
                          nuclide="Cs-137") == pytest.approx(97.0, abs=0.5)


def test_cordon_never_shrinks_below_the_table():
    """0.5 TBq Cs-137: the H*(10) contour is 22 m, inside the 30 m default: keep 30 m."""
    assert inner_cordon_m("unshielded_source_outdoors", activity_tbq=0.5, nuclide="Cs-137") == 30
    assert inner_cordon_m("suspected_rdd", measured_contour_m=250) == 400
    assert inner_cordon_m("suspected_rdd", measured_contour_m=650) == 650


def test_turn_back_iaea_2006():
    """50 / 500 / 1000 mSv by task [primer §3.8, V remm.hhs.gov reproducing IAEA 2006]."""
    assert [turn_back_dose_mSv(t) for t in
            ("avert_collective_dose", "prevent_severe_effects", "life_saving")] == [50, 500, 1000]


def test_turn_back_gsr_part_7_is_a_separate_labelled_set():
    """GSR Part 7: life-saving <500 (may be exceeded), severe effects <500, collective <100 [R]."""
    assert turn_back_dose_mSv("avert_collective_dose", "GSR-Part-7") == 100
    assert turn_back_dose_mSv("life_saving", "GSR-Part-7") == 500
    assert TURN_BACK_GUIDANCE["GSR-Part-7"]["life_saving"].may_be_exceeded


def test_unknown_task_lists_known_tasks():
    with pytest.raises(KeyError, match="life_saving"):
        turn_back_dose_mSv("rescue")
