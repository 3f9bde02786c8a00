"""What people (facilitators, players, evaluators) tell the engine.

A command is stamped with the scenario time the person saw (`t`): the engine
moves its clock there before applying it, so the journal says exactly when a
decision was made even if the screen lagged. Only accepted commands are
journaled; replaying them in order reproduces the exercise.
"""
from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any, ClassVar

from simex.choices import MAX_SPEED  # noqa: F401  (the fastest clock; defined with the command line's choices)
from simex.events import canonical, rebuild
from simex.reasons import Refusal


@dataclass(frozen=True, slots=True)
class Command:
    kind: ClassVar[str] = "command"
    t: float
    actor: str = "facilitator"

    def payload(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in fields(self) if f.name != "t"}


@dataclass(frozen=True, slots=True)
class DeliverInject(Command):
    """Fire a pending inject now ("fire now must fire now")."""
    kind: ClassVar[str] = "deliver_inject"
    inject: str = ""


@dataclass(frozen=True, slots=True)
class SkipInject(Command):
    kind: ClassVar[str] = "skip_inject"
    inject: str = ""


@dataclass(frozen=True, slots=True)
class RescheduleInject(Command):
    """Move a timed inject to `at`; with `shift_following`, every later pending
    timed inject moves by the same amount, keeping their relative spacing."""
    kind: ClassVar[str] = "reschedule_inject"
    inject: str = ""
    at: float = 0.0
    shift_following: bool = False


@dataclass(frozen=True, slots=True)
class AddInject(Command):
    """An ad-hoc inject written during play."""
    kind: ClassVar[str] = "add_inject"
    to: tuple[str, ...] = ()
    synopsis: str = ""
    text: str = ""
    via: str = "phone"
    sender: str = "control"
    notes: str = ""


@dataclass(frozen=True, slots=True)
class AcknowledgeInject(Command):
    kind: ClassVar[str] = "acknowledge_inject"
    inject: str = ""
    agency: str = ""


@dataclass(frozen=True, slots=True)
class TakeAction(Command):
    kind: ClassVar[str] = "take_action"
    agency: str = ""
    action: str = ""
    params: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class SendMessage(Command):
    kind: ClassVar[str] = "send_message"
    sender: str = ""
    recipient: str = ""
    channel: str = ""
    subject: str = ""
    body: str = ""
    classification: str = "unclassified"
    facts: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class ChangeWorld(Command):
    """The facilitator changes world state, as an inject's `changes:` does:
    `process` and `do` (remove, shield, cordon) with the change's fields in
    `params` (`key`, `shielding_hvl`, `radius_m`)."""
    kind: ClassVar[str] = "change_world"
    process: str = ""
    do: str = ""
    params: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class SetKnob(Command):
    """The facilitator turns a live knob (simex/knobs.py lists them): `knob`
    on `target` (a world process or a channel) to `value`."""
    kind: ClassVar[str] = "set_knob"
    knob: str = ""
    target: str = ""
    value: float = 0.0


@dataclass(frozen=True, slots=True)
class RecordDecision(Command):
    kind: ClassVar[str] = "record_decision"
    agency: str = ""
    decision: str = ""
    rationale: str = ""


@dataclass(frozen=True, slots=True)
class TransferEvidence(Command):
    kind: ClassVar[str] = "transfer_evidence"
    item: str = ""
    sender: str = ""
    recipient: str = ""
    sealed: bool = True
    signed: bool = True
    seal_number: str = ""
    note: str = ""


@dataclass(frozen=True, slots=True)
class RecordObservation(Command):
    kind: ClassVar[str] = "record_observation"
    evaluator: str = ""
    text: str = ""
    objective: str = ""
    inject: str = ""
    task: str = ""


@dataclass(frozen=True, slots=True)
class RecordRating(Command):
    """An evaluator confirms or overrides a P/S/M/U rating."""
    kind: ClassVar[str] = "record_rating"
    evaluator: str = ""
    target: str = ""
    rating: str = ""
    reason: str = ""
    suggested: str = ""


# What a RecordAnnotation may fill in: the exercise overview's free fields (what
# the scenario file does not say: where and when the exercise was held...),
# the conclusion, and root causes.
OVERVIEW_ENTRIES = ("dates", "venue", "scope", "mission_areas", "threat_hazard", "sponsor", "points_of_contact")
ANNOTATION_ENTRIES = (*OVERVIEW_ENTRIES, "conclusion", "root_cause")


@dataclass(frozen=True, slots=True)
class RecordAnnotation(Command):
    """A facilitator's or evaluator's entry in the after-action report: a
    free field of the exercise overview, the conclusion, or the root cause of
    one area for improvement (simex.report.notes lists them). An empty
    text clears what an earlier annotation said."""
    kind: ClassVar[str] = "record_annotation"
    author: str = ""
    entry: str = ""      # e.g. "venue", "conclusion", "root_cause"
    target: str = ""     # for a root cause: the area for improvement, e.g. "OBJ1.2"
    text: str = ""


QUESTIONNAIRE_PHASES = ("pre", "post", "hotwash", "poll")


@dataclass(frozen=True, slots=True)
class OpenQuestionnaire(Command):
    """The facilitator puts a questionnaire on the participants' screens: the
    knowledge test before (`pre`) or after (`post`) the exercise, the hot-wash
    form, or a one-question `poll`. `form` is the feedback form as JSON
    (simex.feedback.form), correct answers included: players' screens get it
    without them (simex.net.roles)."""
    kind: ClassVar[str] = "open_questionnaire"
    questionnaire: str = ""   # its id, e.g. "pre", "post", "hotwash", "poll-2"
    phase: str = ""
    form: str = ""


@dataclass(frozen=True, slots=True)
class CloseQuestionnaire(Command):
    kind: ClassVar[str] = "close_questionnaire"
    questionnaire: str = ""


@dataclass(frozen=True, slots=True)
class AnswerQuestionnaire(Command):
    """One person's answers, at a screen of `agency`: `person` is the anonymous
    code they keep from the pre-test to the post-test (never a name), `sex` one
    of simex.feedback.sex.SEXES or empty. A person's later answers to a test
    or the hot wash replace their earlier ones; a poll takes one vote each."""
    kind: ClassVar[str] = "answer_questionnaire"
    questionnaire: str = ""
    agency: str = ""
    person: str = ""
    sex: str = ""
    answers: dict[str, Any] = field(default_factory=dict)


# Questionnaires may come before play (the pre-test: the exercise then waits,
# paused at STARTEX) and, with the evaluators' records, after ENDEX (the
# post-test, the hot wash).
QUESTIONNAIRE_COMMANDS = ("open_questionnaire", "close_questionnaire", "answer_questionnaire")
OUTSIDE_PLAY = ("record_observation", "record_rating", "record_annotation", *QUESTIONNAIRE_COMMANDS)


@dataclass(frozen=True, slots=True)
class Pause(Command):
    kind: ClassVar[str] = "pause"


@dataclass(frozen=True, slots=True)
class Resume(Command):
    kind: ClassVar[str] = "resume"




@dataclass(frozen=True, slots=True)
class SetSpeed(Command):
    kind: ClassVar[str] = "set_speed"
    speed: float = 1.0          # scenario seconds per wall second: 0 < speed <= MAX_SPEED


@dataclass(frozen=True, slots=True)
class JumpTo(Command):
    """Move the clock forward to `t` at once (everything in between happens)."""
    kind: ClassVar[str] = "jump_to"


@dataclass(frozen=True, slots=True)
class EndExercise(Command):
    kind: ClassVar[str] = "end_exercise"
    reason: str = "ENDEX called by the facilitator"


COMMAND_TYPES: dict[str, type[Command]] = {
    cls.kind: cls
    for cls in (
        DeliverInject, SkipInject, RescheduleInject, AddInject, AcknowledgeInject,
        TakeAction, SendMessage, ChangeWorld, SetKnob, RecordDecision, TransferEvidence, RecordObservation,
        RecordRating, RecordAnnotation, OpenQuestionnaire, CloseQuestionnaire, AnswerQuestionnaire,
        Pause, Resume, SetSpeed, JumpTo, EndExercise,
    )
}
def encode_command(command: Command) -> str:
    return canonical(command.payload())


def decode_command(kind: str, t: float, payload: str) -> Command:
    return rebuild(COMMAND_TYPES[kind], t, payload)


class CommandError(Refusal):
    """A command the engine refuses (unknown agency, no such channel...).
    Refused commands change nothing and are not journaled.

    Raised as an English template and its parameters,
    `CommandError(N_("no agency {agency!r}"), agency=...)`: str() is the
    English, and each console shows it in its own language (simex.reasons).
    `public` is what a player may be told: the same as the reason unless
    the detailed reason names controller material (an MSEL inject the player
    was not sent, evidence not yet found or held by another agency)."""
