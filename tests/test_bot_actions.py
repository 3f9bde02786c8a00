"""A bot's action skips only the checks its own construction makes
pointless (an action its agency has, every required parameter and no
other): its values meet the same checks as a person's, with the same
refusal, and a refused action changes nothing."""
from __future__ import annotations

import pytest

from simex.engine.commands import CommandError
from simex.engine.exercise import Exercise


def test_a_bot_action_naming_an_unknown_vehicle_is_refused_as_a_persons_is(border):
    ex = Exercise(border, seed=1, bots="doctrine", bot_agencies=())
    ex.advance_to(60)
    before = len(ex.events)
    params = {"vehicle": "TRK-NOBODY-SAW"}
    with pytest.raises(CommandError) as person:
        ex.take_action("customs", "secondary_inspection", dict(params))
    with pytest.raises(CommandError) as bot:
        ex.take_bot_action("customs", ex.action_spec("customs", "secondary_inspection"), dict(params))
    assert str(bot.value) == str(person.value)
    assert "TRK-NOBODY-SAW" in str(bot.value)
    assert len(ex.events) == before


def test_a_bot_action_with_a_known_vehicle_is_the_same_event_a_persons_is(border):
    runs = []
    for take in ("person", "bot"):
        ex = Exercise(border, seed=1, bots="doctrine", bot_agencies=())
        ex.advance_to(4 * 3600)
        vehicle = next(k for k in ex.truth)   # a conveyance the world has produced
        spec = ex.action_spec("customs", "secondary_inspection")
        params = {"vehicle": vehicle}
        if take == "person":
            ex.take_action("customs", "secondary_inspection", params, actor="bot")
        else:
            ex.take_bot_action("customs", spec, params)
        runs.append(next(e for e in reversed(ex.events) if e.kind == "action_taken"))
    assert runs[0] == runs[1]
    assert runs[0].actor == "bot" and set(runs[0].params) == {"vehicle"}
