"""Events are immutable values, however they are built (simex.events
builds them through a twin class with plain slot stores, then makes them
the frozen class): every field reads back what was given, none can be set
or deleted afterwards, and copying, pickling (a sweep's worker sends
results between processes) and `dataclasses.replace` (a role's view,
simex.net.roles) give equal events of the same class."""
from __future__ import annotations

import copy
import dataclasses
import pickle

import pytest
from hypothesis import given, settings

from simex.events import EVENT_TYPES, ActionTaken, InjectDelivered, Unreadable, WorldEvent
from tests.test_canonical import events


@settings(max_examples=300, deadline=None)
@given(events())
def test_an_event_is_frozen_and_copies_as_an_equal_value(event):
    cls = type(event)
    assert cls in (*EVENT_TYPES.values(), Unreadable)
    names = [f.name for f in dataclasses.fields(cls)]
    for name in names:
        with pytest.raises(dataclasses.FrozenInstanceError):
            setattr(event, name, 1)
        with pytest.raises(dataclasses.FrozenInstanceError):
            delattr(event, name)
    for twin in (copy.copy(event), copy.deepcopy(event), pickle.loads(pickle.dumps(event)),
                 dataclasses.replace(event)):
        assert type(twin) is cls
        assert [repr(getattr(twin, n)) for n in names] == [repr(getattr(event, n)) for n in names]


def test_fields_read_back_as_given_by_position_or_by_name():
    facts, truth = {"vehicle": "RPM-00042"}, {"cause": "innocent"}
    by_position = WorldEvent(60.0, "rpm", "alarm", "customs", facts, truth)
    by_name = WorldEvent(t=60.0, process="rpm", name="alarm", observer="customs", facts=facts, truth=truth)
    assert by_position == by_name and by_position.facts is facts and by_position.truth is truth


def test_defaults_and_factories_give_each_event_its_own():
    a, b = ActionTaken(t=1.0, agency="customs", action="hold"), ActionTaken(t=2.0, agency="customs", action="hold")
    assert a.params == {} and a.params is not b.params and a.actor == "person"
    assert InjectDelivered(t=0.0, inject="I1", to=("police",), sender="control", via="phone").attachments == ()


def test_a_missing_field_is_refused_as_a_call_is():
    with pytest.raises(TypeError, match="process"):
        WorldEvent(1.0)
    with pytest.raises(TypeError):
        WorldEvent(1.0, "rpm", "alarm", colour="red")


@settings(max_examples=200, deadline=None)
@given(events())
def test_make_builds_the_same_frozen_event_as_the_class(event):
    """`Event.make` (the engine's commonest events are built with it) is the
    class call without type.__call__ around it: the same event, as frozen."""
    cls = type(event)
    values = [getattr(event, f.name) for f in dataclasses.fields(cls)]
    made = cls.make(*values)
    assert type(made) is cls and made == cls(*values) == event
    with pytest.raises(dataclasses.FrozenInstanceError):
        made.t = 1.0
    by_name = cls.make(**{f.name: getattr(event, f.name) for f in dataclasses.fields(cls)})
    assert by_name == event
