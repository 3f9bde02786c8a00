"""The MSEL at run time: every inject's status and schedule.

Timed injects wait on their own SimPy timer; rescheduling bumps a generation
number so a stale timer wakes, sees it is stale, and does nothing. That keeps
"fire now", "skip" and "postpone keeping the spacing" exact and cheap, and
deterministic on replay.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from simex.engine.commands import CommandError
from simex.languages import N_
from simex.events import Event, InjectAcknowledged, InjectDelivered, InjectRescheduled, InjectSkipped
from simex.scenario.model import Inject
from simex.scenario.text import tr

if TYPE_CHECKING:
    from simex.engine.exercise import Exercise

PENDING, DELIVERED, ACKNOWLEDGED, SKIPPED = "pending", "delivered", "acknowledged", "skipped"
# One sentence per status, not a status word in a sentence: a translation
# makes the participle agree with "inject".
_ALREADY = {DELIVERED: N_("inject {inject} is already delivered"),
            ACKNOWLEDGED: N_("inject {inject} is already acknowledged"),
            SKIPPED: N_("inject {inject} is already skipped")}
_ALREADY_NO_SKIP = {
    DELIVERED: N_("inject {inject} is already delivered; only pending injects can be skipped"),
    ACKNOWLEDGED: N_("inject {inject} is already acknowledged; only pending injects can be skipped"),
    SKIPPED: N_("inject {inject} is already skipped; only pending injects can be skipped")}


@dataclass
class InjectState:
    inject: Inject | None           # None for an ad-hoc inject written during play
    status: str = PENDING
    at: float | None = None         # scheduled scenario time (timed or triggered)
    generation: int = 0
    delivered_at: float | None = None
    acknowledged_by: tuple[str, ...] = ()
    adhoc_to: tuple[str, ...] = ()  # an ad-hoc inject's recipients (a scenario inject has its own)

    @property
    def to(self) -> tuple[str, ...]:
        return tuple(self.inject.to) if self.inject is not None else self.adhoc_to


class Msel:
    def __init__(self, exercise: "Exercise"):
        self.x = exercise
        self.states: dict[str, InjectState] = {}
        self._adhoc = 0
        for inject in exercise.scenario.injects:
            self.states[inject.id] = InjectState(inject, at=inject.at)

    def start(self) -> None:
        for inject_id, state in self.states.items():
            inject = state.inject
            if inject.at is not None:
                self._schedule(inject_id, inject.at)
            else:
                self.x.triggers.add(inject.trigger, lambda ev, i=inject_id: self._triggered(i, ev))

    def _triggered(self, inject_id: str, event: Event) -> None:
        state = self.states[inject_id]
        if state.status != PENDING or state.at is not None:
            return  # an inject fires once
        self._schedule(inject_id, event.t + state.inject.trigger.delay)

    def _schedule(self, inject_id: str, at: float) -> None:
        state = self.states[inject_id]
        state.at = at
        state.generation += 1
        generation = state.generation
        self.x.after(at - self.x.env.now, lambda: self._timer(inject_id, generation))

    def _timer(self, inject_id: str, generation: int) -> None:
        state = self.states[inject_id]
        if state.generation == generation and state.status == PENDING:
            self.deliver(inject_id, manual=False)

    def state(self, inject_id: str) -> InjectState:
        if inject_id not in self.states:
            raise CommandError(N_("no inject {inject!r}"), inject=inject_id)
        return self.states[inject_id]

    def deliver(self, inject_id: str, manual: bool) -> None:
        state = self.state(inject_id)
        if state.status != PENDING:
            raise not_pending(inject_id, state.status)
        inject = state.inject
        state.status, state.delivered_at = DELIVERED, self.x.env.now
        translations = {lang: {"synopsis": tr(inject.synopsis, lang), "text": tr(inject.text, lang)}
                        for lang in sorted((set(inject.synopsis) | set(inject.text)) - {"en"})}
        attachments = tuple(self._attachment(a) for a in inject.attachments)
        self.x.emit(InjectDelivered(
            t=self.x.env.now, inject=inject_id, to=tuple(inject.to), sender=inject.from_,
            via=inject.via, manual=manual, synopsis=tr(inject.synopsis), text=tr(inject.text),
            facts=dict(inject.facts), translations=translations, attachments=attachments))

    def _attachment(self, attachment) -> dict:
        """An attachment as the journal records it: with the fingerprint of
        the file handed out, when there is one, so the record says which
        bytes the players saw and a remote console can fetch and check them."""
        entry = {"name": attachment.name, "description": dict(attachment.description or {}),
                 "path": attachment.path or ""}
        file = self.x.scenario.attachment_file(attachment.path) if attachment.path else None
        if file is not None:
            entry.update(sha256=file.sha256, size=file.size, type=file.media_type)
        return entry

    def skip(self, inject_id: str) -> None:
        state = self.state(inject_id)
        if state.status != PENDING:
            raise not_pending(inject_id, state.status, skipping=True)
        state.status = SKIPPED
        state.generation += 1
        self.x.emit(InjectSkipped(t=self.x.env.now, inject=inject_id))

    def reschedule(self, inject_id: str, at: float, shift_following: bool) -> None:
        state = self.state(inject_id)
        now = self.x.env.now
        if state.status != PENDING or state.at is None:
            raise CommandError(N_("inject {inject} is not a pending scheduled inject"), inject=inject_id)
        if at < now:
            raise CommandError(N_("an inject cannot be moved into the past"))
        shift = at - state.at
        moves = [(inject_id, at)]
        if shift_following:
            moves += [(other, s.at + shift) for other, s in self.states.items()
                      if other != inject_id and s.status == PENDING and s.at is not None
                      and s.at > state.at and s.at + shift >= now]
        for other, new_at in sorted(moves, key=lambda m: (m[1], m[0])):
            self._schedule(other, new_at)
            self.x.emit(InjectRescheduled(t=now, inject=other, at=new_at))

    def add_adhoc(self, to: tuple[str, ...], synopsis: str, text: str, via: str, sender: str) -> str:
        self._adhoc += 1
        inject_id = f"ADHOC-{self._adhoc}"
        self.states[inject_id] = InjectState(None, status=DELIVERED, at=self.x.env.now,
                                             delivered_at=self.x.env.now, adhoc_to=tuple(to))
        self.x.emit(InjectDelivered(t=self.x.env.now, inject=inject_id, to=to, sender=sender, via=via,
                                    manual=True, synopsis=synopsis, text=text))
        return inject_id

    def acknowledge(self, inject_id: str, agency: str) -> None:
        state = self.state(inject_id)
        if state.status not in (DELIVERED, ACKNOWLEDGED):
            raise CommandError(N_("inject {inject} has not been delivered"), inject=inject_id)
        if agency not in state.to:
            raise CommandError(N_("inject {inject} was not sent to {agency}"), inject=inject_id, agency=agency)
        if agency in state.acknowledged_by:
            return
        state.acknowledged_by += (agency,)
        state.status = ACKNOWLEDGED
        self.x.emit(InjectAcknowledged(t=self.x.env.now, inject=inject_id, agency=agency))


def not_pending(inject_id: str, status: str, *, skipping: bool = False) -> CommandError:
    """The refusal for an inject no longer pending (delivered, acknowledged, skipped)."""
    return CommandError((_ALREADY_NO_SKIP if skipping else _ALREADY)[status], inject=inject_id)
