"""`Event.get` is what trigger `where:` filters, doctrine keys and services
read. World events and actions have their own, quicker `get`; it must
answer exactly what the general one answers, for fields, facts, truth,
parameters, names in more than one place, and names nowhere."""
from __future__ import annotations

import pytest

from simex.events import ActionTaken, Event, WorldEvent

NAMES = ("t", "process", "name", "observer", "vehicle", "cause", "lane", "agency", "action", "actor",
         "params", "facts", "truth", "missing", "kind")


@pytest.mark.parametrize("event", [
    WorldEvent(t=1.0, process="rpm", name="alarm", observer="customs",
               facts={"vehicle": "RPM-00001", "lane": 2, "name": "shadowed by the field"},
               truth={"cause": "innocent", "vehicle": "not read: facts come first", "lane": 9}),
    WorldEvent(t=2.0, process="rescan", name="started"),
    WorldEvent(t=3.0, process="p", name="n", facts={}, truth={"cause": None}),
    ActionTaken(t=4.0, agency="customs", action="rescan", params={"vehicle": "RPM-00001", "agency": "x"}),
    ActionTaken(t=5.0, agency="police", action="seize"),
])
def test_the_quick_get_answers_what_the_general_one_answers(event):
    for name in NAMES:
        for default in (None, "fallback"):
            assert type(event).get(event, name, default) == Event.get(event, name, default), name
