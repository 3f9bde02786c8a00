"""`--set` and `--grid` paths: list entries by id, values as YAML, errors in
the file's own vocabulary."""
from __future__ import annotations

import pytest

from simex.batch.overrides import OverrideError, apply, parse_grid, parse_set, read_data
from tests.conftest import BORDER

DATA = read_data(BORDER.read_text(encoding="utf-8"))


def change(*sets):
    return apply(DATA, [parse_set(s) for s in sets])[0]


def refused(*sets) -> str:
    with pytest.raises(OverrideError) as info:
        change(*sets)
    return str(info.value)


def test_paths_name_list_entries_by_id():
    s = change("doctrine.EXP-NOTIFY-POLICE.within=10m", "channels.customs-police-radio.delay=5m",
               "world.rpm.vehicles_per_hour=120", "exercise.duration=8h",
               "doctrine.EXP-HOLD.typical={dist: fixed, value: 2m}")
    exp = {e.id: e for e in s.doctrine}
    assert exp["EXP-NOTIFY-POLICE"].within == 600.0
    assert s.channels[1].delay.value == 300.0
    assert s.world[0].vehicles_per_hour == 120
    assert s.exercise.duration == 8 * 3600
    assert exp["EXP-HOLD"].typical.mean == 120.0


def test_ids_with_dots_positions_and_nested_keys():
    s = change("objectives.OBJ1.critical_tasks.CT1.1.title=Start it", "world.rpm.threats.0.at=1h",
               "channels.customs-police-radio.delay.high=10m")
    task = next(t for t in s.objectives[0].critical_tasks if t.id == "CT1.1")
    assert task.title == {"en": "Start it"}
    assert s.world[0].threats[0].at == 3600
    assert s.channels[1].delay.high == 600


def test_the_original_data_is_not_changed():
    change("world.rpm.vehicles_per_hour=500")
    assert apply(DATA, [])[0].world[0].vehicles_per_hour == 60


def test_unknown_id_suggests_the_near_one():
    msg = refused("doctrine.EXP-NOTIFY-POLIC.within=10m")
    assert "doctrine has no entry with id 'EXP-NOTIFY-POLIC'; did you mean 'EXP-NOTIFY-POLICE'?" in msg


def test_bad_values_are_explained_at_the_path_the_user_wrote():
    assert "doctrine.EXP-HOLD.within: expected a duration like" in refused("doctrine.EXP-HOLD.within=soon")
    assert "world.rpm.vehicles_per_hour: must be between 0.001 and 10000 per hour, got -3" in refused("world.rpm.vehicles_per_hour=-3")
    assert "did you mean 'within'" in refused("doctrine.EXP-HOLD.withn=5m")
    assert "did you mean 'mode'" in refused("doctrine.EXP-HOLD.typical.mod=4m")
    assert "is a single value ('10m'), not a section" in refused("doctrine.EXP-HOLD.within.x=3")
    assert "not valid YAML" in refused("world.rpm.vehicles_per_hour=[")


def test_whole_file_checks_run_again():
    msg = refused("injects.I01.at=9h")
    assert "injects.I01.at" in msg and "after ENDEX" in msg
    assert "unknown agency 'custom'" in refused("doctrine.EXP-HOLD.who=custom")


def test_every_problem_is_reported_at_once():
    with pytest.raises(OverrideError) as info:
        change("doctrine.NOPE.within=1m", "world.rpm.nope.x=1")
    assert len(info.value.messages) == 2


def test_grid_values_split_on_top_level_commas_only():
    assert parse_grid("channels.x.delay=1m, 5m,{dist: uniform, low: 1m, high: 2m}") == (
        "channels.x.delay", ("1m", "5m", "{dist: uniform, low: 1m, high: 2m}"))
    for bad in ("channels.x.delay", "channels.x.delay=1m,,2m", "=1m", "a.b=1m,1m"):
        with pytest.raises(OverrideError):
            parse_grid(bad)
    for bad in ("nothing", "a.b=", "=1"):
        with pytest.raises(OverrideError):
            parse_set(bad)
