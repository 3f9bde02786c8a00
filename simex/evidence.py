"""When each evidence item is found: at its scenario time (`found`), or when
its trigger fires (`found_on`: a search completes), which the engine records
as an `evidence.found` world event. A pure function of the scenario and the
events, so the engine, the server, scoring and reports agree."""
from __future__ import annotations

from simex.events import Event

PROCESS = "evidence"   # the `process` of the world event that records a find


def found_times(scenario, events: list[Event]) -> dict[str, float]:
    """Item id -> the time it is (or will be) found; an item waiting on a
    trigger that has not fired is absent."""
    found = {item.id: item.found for item in scenario.evidence if item.found_on is None}
    for e in events:
        if e.kind == "world" and e.process == PROCESS and e.name == "found":
            found.setdefault(e.facts["item"], e.t)
    return found


def is_found(item_id: str, found: dict[str, float], now: float) -> bool:
    at = found.get(item_id)
    return at is not None and at <= now
