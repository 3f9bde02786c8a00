"""Messages travel only over channels, take the channel's delay, and wait for
an office-hours desk to open."""
from __future__ import annotations

from datetime import datetime, timezone

import pytest

from simex.engine import commands as c
from simex.engine.availability import next_open
from simex.engine.commands import CommandError
from simex.scenario.model import OfficeHours
from tests.conftest import make_scenario, run, transcript

STARTEX = datetime(2026, 3, 20, 16, 0, tzinfo=timezone.utc)  # a Friday, 16:00 UTC


def test_message_arrives_after_the_channel_delay():
    ex = run(make_scenario(), until=0)
    ex.apply(c.SendMessage(t=60, sender="customs", recipient="police", channel="c-p", subject="Alarm",
                           facts={"vehicle": "V1"}))
    ex.advance_to(3600)
    assert transcript(ex, "message_sent", "message_delivered") == [
        (1, "message_sent", "M0001"), (3, "message_delivered", "M0001")]
    delivered = ex.events[-1]
    assert delivered.recipient == "police" and delivered.facts == {"vehicle": "V1"}


def test_classification_travels_with_the_message():
    ex = run(make_scenario(), until=0)
    ex.apply(c.SendMessage(t=0, sender="police", recipient="customs", channel="c-p", subject="x",
                           classification="confidential"))
    ex.advance_to(600)
    assert [e.classification for e in ex.events if e.kind.startswith("message")] == ["confidential"] * 2


def test_no_channel_no_message():
    ex = run(make_scenario(), until=0)
    with pytest.raises(CommandError, match="no channel"):
        ex.apply(c.SendMessage(t=0, sender="police", recipient="lab", channel="c-l", subject="x"))


def test_one_way_channel_refuses_the_reverse_direction():
    s = make_scenario(channels=[{"id": "up", "between": ["customs", "police"], "medium": "radio", "one_way": True}])
    ex = run(s, until=0)
    ex.apply(c.SendMessage(t=0, sender="customs", recipient="police", channel="up", subject="ok"))
    with pytest.raises(CommandError):
        ex.apply(c.SendMessage(t=0, sender="police", recipient="customs", channel="up", subject="no"))


@pytest.mark.parametrize("sent_hours, expected_hours", [
    (0.5, 0.5),    # Friday 16:30, open
    (1.5, 64.0),   # Friday 17:30 -> Monday 08:00 (STARTEX Friday 16:00 + 64 h)
    (-8.5, -8.0),  # Friday 07:30 -> 08:00
])
def test_office_hours_hold_messages_until_the_desk_opens(sent_hours, expected_hours):
    hours = OfficeHours()
    got = next_open(hours, STARTEX, sent_hours * 3600, "UTC")
    assert got == pytest.approx(expected_hours * 3600)


def test_office_hours_use_the_receiving_jurisdiction_time_zone():
    """16:30 UTC is 18:30 in Bucharest (summer time not yet): closed there."""
    got = next_open(OfficeHours(), STARTEX, 1800, "Europe/Bucharest")
    assert got > 1800


def test_a_delay_far_beyond_endex_over_an_office_hours_channel_never_fails():
    """A lognormal delay (median 366d, sigma 5) now and then draws 10^12 s or
    more: past any calendar, so office hours cannot be looked up. Found by
    tools/fuzz_scenarios.py: the send raised OverflowError mid-exercise."""
    slow = {"id": "slow", "between": ["customs", "police"], "medium": "email",
            "delay": {"dist": "lognormal", "median": "366d", "sigma": 5}, "availability": "office_hours"}
    ex = run(make_scenario(channels=[slow]), until=0)
    for t in range(200):
        ex.apply(c.SendMessage(t=t, sender="customs", recipient="police", channel="slow", subject="x"))
    ex.run_to_end()
    kinds = [e.kind for e in ex.events]
    assert kinds.count("message_sent") == 200 and kinds[-1] == "exercise_ended"
    assert kinds.count("message_delivered") < 100   # most draws arrive long after ENDEX
    assert next_open(OfficeHours(), STARTEX, 1e18, "Europe/Paris") == 1e18
