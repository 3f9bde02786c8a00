"""Messages between agencies travel only over the scenario's channels, take
the channel's delay, and wait for the receiving desk to be open."""
from __future__ import annotations

from typing import TYPE_CHECKING

from simex.engine.availability import next_open
from simex.engine.commands import CommandError
from simex.events import MessageDelivered, MessageSent
from simex.scenario.model import Channel

if TYPE_CHECKING:
    from simex.engine.exercise import Exercise


class Messaging:
    def __init__(self, exercise: "Exercise"):
        self.x = exercise
        self.channels = {c.id: c for c in exercise.scenario.channels}
        self._zone = {a.id: exercise.zones[a.jurisdiction] for a in exercise.scenario.agencies}
        self._count = 0

    def connects(self, channel: Channel, sender: str, recipient: str) -> bool:
        a, b = channel.between
        return (sender, recipient) == (a, b) or (not channel.one_way and (sender, recipient) == (b, a))

    def channels_between(self, sender: str, recipient: str) -> list[Channel]:
        return [c for c in self.channels.values() if self.connects(c, sender, recipient)]

    def send(self, sender: str, recipient: str, channel_id: str, subject: str, body: str = "",
             classification: str = "unclassified", facts: dict | None = None) -> str:
        channel = self.channels.get(channel_id)
        if channel is None:
            raise CommandError(f"no channel {channel_id!r}")
        if not self.connects(channel, sender, recipient):
            raise CommandError(f"channel {channel_id} does not connect {sender} to {recipient}")
        self._count += 1
        message_id = f"M{self._count:04d}"
        facts = dict(facts or {})
        now = self.x.env.now
        self.x.emit(MessageSent(t=now, message=message_id, sender=sender, recipient=recipient,
                                channel=channel_id, subject=subject, body=body,
                                classification=classification, facts=facts))
        delay = channel.delay.sample(self.x.streams(f"channel/{channel_id}"))
        arrives = next_open(channel.availability, self.x.scenario.exercise.startex, now + delay,
                            self._zone[recipient])
        self.x.after(arrives - now, lambda: self._deliver(channel, message_id, sender, recipient, subject, body,
                                                          classification, facts))
        return message_id

    def _deliver(self, channel, message_id, sender, recipient, subject, body, classification, facts) -> None:
        env = self.x.env
        self.x.emit(MessageDelivered(t=env.now, message=message_id, sender=sender, recipient=recipient,
                                     channel=channel.id, subject=subject, classification=classification,
                                     facts=facts, body=body))
