"""What an agency could refer to: the identifiers it has seen.

Doctrine matches a notification to its trigger by facts (`key: vehicle`),
so a message typed by a person must be able to say which vehicle, sample or
case it concerns. This lists the key=value facts an agency has seen, newest
first, for a console to offer as "concerning ...".
"""
from __future__ import annotations

from simex import events as ev

# Facts that describe a reading rather than name a thing are not references.
_NOT_REFERENCES = frozenset({"gamma_sigma", "neutron", "lane", "waited_s", "deadline_s", "remaining_s",
                             "elapsed_s", "condition", "dose_rate_uSv_h", "officer_dose_uSv",
                             "conveyance", "channel", "turnaround_s", "took_s", "from_m", "distance_m",
                             "shielding_hvl", "contour_100uSv_m"})


def is_reference(key: str, value: object) -> bool:
    """Whether a fact names a thing a message can be about (a vehicle, a
    sample), rather than describing a reading."""
    return key not in _NOT_REFERENCES and not isinstance(value, (bool, float, dict, list))


def _facts_seen_by(event: ev.Event, agency: str) -> dict:
    match event:
        case ev.InjectDelivered() if agency in event.to:
            return event.facts
        case ev.WorldEvent() if event.observer == agency:
            return event.facts
        case ev.MessageDelivered() if agency in (event.recipient, event.sender):
            return event.facts
        case ev.ActionTaken() if event.agency == agency:
            return event.params
    return {}


def references(events: list[ev.Event], agency: str, limit: int = 20) -> list[tuple[str, str]]:
    """(key, value) pairs the agency has seen, newest first, without repeats."""
    found: list[tuple[str, str]] = []
    for event in reversed(events):
        for key, value in _facts_seen_by(event, agency).items():
            if not is_reference(key, value):
                continue
            pair = (key, str(value))
            if pair not in found:
                found.append(pair)
                if len(found) >= limit:
                    return found
    return found
