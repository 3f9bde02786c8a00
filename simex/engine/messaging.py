"""Messages between agencies travel only over the scenario's channels, take
the channel's delay, and wait for the receiving desk to be open."""
from __future__ import annotations

from typing import TYPE_CHECKING

from simex.engine.availability import next_open
from simex.engine.commands import CommandError
from simex.events import MessageDelivered, MessageSent
from simex.languages import N_
from simex.scenario.model import Channel

if TYPE_CHECKING:
    from simex.engine.exercise import Exercise


class Messaging:
    def __init__(self, exercise: "Exercise"):
        self.x = exercise
        self.channels = {c.id: c for c in exercise.scenario.channels}
        self._zone = {a.id: exercise.zones[a.jurisdiction] for a in exercise.scenario.agencies}
        self._count = 0
        # Live knobs (simex/engine/knobs.py), per channel: added delay, and down until when.
        self.added_delay: dict[str, float] = {}
        self.down_until: dict[str, float] = {}

    def set_knob(self, knob: str, channel: str, value: float) -> None:
        """`delay`: every message sent from now takes `value` longer; `outage`:
        messages sent in the next `value` seconds leave when it ends (messages
        already under way still arrive)."""
        if knob == "delay":
            self.added_delay[channel] = value
        else:
            self.down_until[channel] = self.x.env.now + value

    def connects(self, channel: Channel, sender: str, recipient: str) -> bool:
        a, b = channel.between
        return (sender, recipient) == (a, b) or (not channel.one_way and (sender, recipient) == (b, a))

    def channels_between(self, sender: str, recipient: str) -> list[Channel]:
        return [c for c in self.channels.values() if self.connects(c, sender, recipient)]

    def send(self, sender: str, recipient: str, channel_id: str, subject: str, body: str = "",
             classification: str = "unclassified", facts: dict | None = None) -> str:
        channel = self.channels.get(channel_id)
        if channel is None:
            raise CommandError(N_("no channel {channel!r}"), channel=channel_id)
        if not self.connects(channel, sender, recipient):
            raise CommandError(N_("channel {channel} does not connect {sender} to {recipient}"), channel=channel_id,
                               sender=sender, recipient=recipient)
        self._count += 1
        message_id = f"M{self._count:04d}"
        facts = dict(facts or {})
        now = self.x.env.now
        self.x.emit(MessageSent(t=now, message=message_id, sender=sender, recipient=recipient,
                                channel=channel_id, subject=subject, body=body,
                                classification=classification, facts=facts))
        delay = channel.delay.sample(self.x.streams(f"channel/{channel_id}")) + self.added_delay.get(channel_id, 0.0)
        leaves = max(now, self.down_until.get(channel_id, now))
        arrives = next_open(channel.availability, self.x.scenario.exercise.startex, leaves + delay,
                            self._zone[recipient])
        self.x.after(arrives - now, lambda: self._deliver(channel, message_id, sender, recipient, subject, body,
                                                          classification, facts))
        return message_id

    def _deliver(self, channel, message_id, sender, recipient, subject, body, classification, facts) -> None:
        env = self.x.env
        self.x.emit(MessageDelivered(t=env.now, message=message_id, sender=sender, recipient=recipient,
                                     channel=channel.id, subject=subject, classification=classification,
                                     facts=facts, body=body))
