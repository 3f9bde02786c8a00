"""Who may see and do what. The server applies these rules to every message;
the client is never trusted.

Roles: a participant plays one agency; an evaluator sees everything and
records observations and ratings; an observer sees play but no ground truth,
no controller material and no evaluator material. Facilitator commands
(injects, clock) are never accepted over the network: the facilitator's
console runs inside the server process.
"""
from __future__ import annotations

from dataclasses import dataclass, replace

from simex import events as ev
from simex.engine import commands as c
from simex.engine.questionnaires import for_players
from simex.languages import N_
from simex.reasons import Reason

PARTICIPANT, EVALUATOR, OBSERVER = "participant", "evaluator", "observer"

# Evaluator and controller material: never shown to participants or observers.
# A skipped or rescheduled inject tells what the MSEL holds and when it comes.
_EVALUATOR_ONLY = (ev.ObservationRecorded, ev.RatingRecorded, ev.AnnotationRecorded, ev.ExpectationOpened,
                   ev.ExpectationMet, ev.ExpectationOverdue, ev.InjectSkipped, ev.InjectRescheduled)


@dataclass(frozen=True)
class Role:
    kind: str            # participant | evaluator | observer
    agency: str = ""     # for a participant
    name: str = ""       # how the person appears in the journal (evaluator name)

    @property
    def label(self) -> str:
        return f"{self.kind}:{self.agency}" if self.kind == PARTICIPANT else f"{self.kind}:{self.name}"


def visible(role: Role, event: ev.Event) -> ev.Event | None:
    """The event as this role may see it, or None. Ground truth and the
    seed are removed for everyone but evaluators."""
    if role.kind == EVALUATOR:
        return event
    if isinstance(event, _EVALUATOR_ONLY):
        return None
    if isinstance(event, ev.WorldEvent) and event.truth:
        event = replace(event, truth={})
    if isinstance(event, ev.ExerciseStarted):
        event = replace(event, seed=None)   # with the seed, every alarm and delay could be foreseen
    if isinstance(event, ev.QuestionnaireOpened):
        return replace(event, form=for_players(event.form))   # the test, not its answers
    if isinstance(event, ev.QuestionnaireAnswered):
        return _answers_seen_by(role, event)
    if role.kind == OBSERVER:
        return event
    me = role.agency
    match event:
        case ev.ExerciseStarted() | ev.ExerciseEnded():
            return event
        case ev.InjectDelivered():
            return event if me in event.to else None
        case ev.InjectAcknowledged():
            return event if event.agency == me else None
        case ev.MessageSent():
            return event if event.sender == me else None      # the recipient sees it on delivery
        case ev.MessageDelivered():
            return event if me in (event.sender, event.recipient) else None
        case ev.ActionTaken() | ev.DecisionRecorded():
            return event if event.agency == me else None
        case ev.EvidenceTransferred():
            return event if me in (event.sender, event.recipient) else None
        case ev.WorldEvent():
            return event if event.observer == me else None
    return None


def _answers_seen_by(role: Role, event: ev.QuestionnaireAnswered) -> ev.QuestionnaireAnswered | None:
    """A person's answers go to their own agency's screens (to show what was
    sent); the room (observers, the projector) sees poll answers only, without
    who gave them, to count them."""
    if role.kind == PARTICIPANT:
        return event if event.agency == role.agency else None
    if event.phase == "poll":
        return replace(event, agency="", person="", sex="")
    return None


def allowed(role: Role, command: c.Command) -> Reason | None:
    """None if the role may issue this command, else the reason it may not."""
    me = role.agency
    if role.kind == PARTICIPANT:
        owner = {c.AcknowledgeInject: "agency", c.TakeAction: "agency", c.RecordDecision: "agency",
                 c.SendMessage: "sender", c.TransferEvidence: "sender",
                 c.AnswerQuestionnaire: "agency"}.get(type(command))
        if owner is None:
            return Reason(N_("a participant cannot send {kind}"), kind=command.kind)
        if getattr(command, owner) != me:
            return Reason(N_("you play {agency}; you cannot act as {other}"), agency=me,
                          other=getattr(command, owner) or Reason(N_("another agency")))
        return None
    if role.kind == EVALUATOR:
        if isinstance(command, (c.RecordObservation, c.RecordRating)):
            return None if command.evaluator == role.name else Reason(N_("record observations under your own name"))
        if isinstance(command, c.RecordAnnotation):     # what the evaluator writes in the report
            return None if command.author == role.name else Reason(N_("write in the report under your own name"))
        return Reason(N_("an evaluator cannot send {kind}"), kind=command.kind)
    return Reason(N_("observers cannot change the exercise"))


def refusal(role: Role, error: c.CommandError) -> Reason:
    """What the role is told when the engine refuses its command: an
    evaluator, who has the whole scenario, the reason; a player only what its
    role may know (not that an inject it never received exists, nor when
    evidence will be found)."""
    return error.reason if role.kind == EVALUATOR else error.public_reason
