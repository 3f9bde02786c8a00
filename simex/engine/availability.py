"""Office hours: when a channel's receiving end is staffed.

Scenario time is seconds since STARTEX; office hours are local wall-clock
times in the receiving agency's jurisdiction. A message sent at 18:30 on a
Friday to an office-hours desk is read on Monday at 08:00: a classic
reason notifications arrive late, and one exercises should surface.
"""
from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from simex.scenario.model import OfficeHours

_DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
# Long after every ENDEX (an exercise lasts at most 366 days) and well before
# the calendar ends (year 9999; STARTEX is at the latest in 2200). A long-tailed
# delay can draw a time beyond it, where no date can be computed.
_BEYOND = 1000 * 365.25 * 86400.0


def next_open(availability: object, startex: datetime, t: float, timezone: str) -> float:
    """The earliest scenario time >= t at which the desk is open."""
    if not isinstance(availability, OfficeHours) or t > _BEYOND:
        return t
    zone = ZoneInfo(timezone)
    start_h, end_h = availability.hours.split("-")
    open_min = int(start_h[:2]) * 60 + int(start_h[3:])
    close_min = int(end_h[:2]) * 60 + int(end_h[3:])
    days = set(availability.days)
    local = (startex + timedelta(seconds=t)).astimezone(zone)
    for offset in range(8):
        day = (local + timedelta(days=offset)).date()
        if _DAYS[day.weekday()] not in days:
            continue
        midnight = datetime(day.year, day.month, day.day, tzinfo=zone)
        opens = midnight + timedelta(minutes=open_min)
        closes = midnight + timedelta(minutes=close_min)
        if offset == 0 and opens <= local < closes:
            return t
        if local < opens:
            return t + (opens - local).total_seconds()
    return t  # no open day listed at all: validation warns; deliver rather than lose it
