"""When each evidence item is found: at its scenario time (`found`), or when
its trigger fires (`found_on`: a search completes), which the engine records
as an `evidence.found` world event. A pure function of the scenario and the
events, so the engine, the server, scoring and reports agree."""
from __future__ import annotations

from simex.events import Event, EvidenceTransferred

PROCESS = "evidence"   # the `process` of the world event that records a find


class Ledger:
    """Who holds each item and when each is found, as a run of events shows
    them, kept up event by event: the server shows players only what the
    journal holds, so its views follow the committed events, not the
    exercise's live state."""

    def __init__(self, scenario, events: list[Event] = ()):
        self.custody: dict[str, str] = {item.id: item.custodian for item in scenario.evidence}
        self.found: dict[str, float] = {item.id: item.found for item in scenario.evidence if item.found_on is None}
        for event in events:
            self.learn(event)

    def learn(self, event: Event) -> None:
        if isinstance(event, EvidenceTransferred):
            self.custody[event.item] = event.recipient
        elif event.kind == "world" and event.process == PROCESS and event.name == "found":
            self.found.setdefault(event.facts["item"], event.t)


def found_times(scenario, events: list[Event]) -> dict[str, float]:
    """Item id -> the time it is (or will be) found; an item waiting on a
    trigger that has not fired is absent."""
    return Ledger(scenario, events).found


def is_found(item_id: str, found: dict[str, float], now: float) -> bool:
    at = found.get(item_id)
    return at is not None and at <= now
