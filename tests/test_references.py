"""What an agency can say a message concerns: identifiers it has seen, newest first."""
from __future__ import annotations

from simex import events as ev
from simex.references import references


def test_references_are_what_the_agency_saw_newest_first():
    events = [
        ev.WorldEvent(t=1, process="rpm", name="alarm", observer="customs",
                      facts={"vehicle": "A-1", "gamma_sigma": 5.0, "lane": 2}, truth={"cause": "threat"}),
        ev.InjectDelivered(t=2, inject="I1", to=("police",), sender="x", via="phone", facts={"case": "K-9"}),
        ev.WorldEvent(t=3, process="rpm", name="alarm", observer="customs", facts={"vehicle": "B-2"}),
        ev.ActionTaken(t=4, agency="customs", action="hold", params={"vehicle": "A-1"}),
    ]
    assert references(events, "customs") == [("vehicle", "A-1"), ("vehicle", "B-2")]
    assert references(events, "police") == [("case", "K-9")]
    assert references(events, "lab") == []


def test_what_kind_of_conveyance_and_which_channel_alarmed_are_not_references():
    """An alarm's `conveyance` and `channel` describe the reading; only the
    conveyance's id is something a message can be about."""
    from simex.events import WorldEvent
    alarm = WorldEvent(t=1.0, process="rpm", name="alarm", observer="customs",
                       facts={"vehicle": "MSCU-1", "conveyance": "container", "lane": 1, "gamma_sigma": 9.1,
                              "neutron": False, "channel": "gamma"})
    assert references([alarm], "customs") == [("vehicle", "MSCU-1")]
