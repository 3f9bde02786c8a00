"""What each command may do, checked in full before anything happens.

`check_types(command)` refuses a field that does not hold its declared
type; `plan(exercise, command)` then raises CommandError for a command the
exercise must refuse (so nothing is emitted and nothing journaled), and
otherwise returns the function that carries it out. Exercise.apply journals
the command between the two, so the journal never holds a command the
engine cannot apply, whoever sent it.
"""
from __future__ import annotations

import math
import re
from dataclasses import fields
from functools import cache
from typing import TYPE_CHECKING, Any, Callable

from pydantic import ValidationError

from simex.engine import commands as c, knobs, world
from simex.engine.commands import Command, CommandError
from simex.engine import questionnaires
from simex.engine.msel import not_pending
from simex.events import (
    AnnotationRecorded, DecisionRecorded, ObservationRecorded, QuestionnaireAnswered, QuestionnaireClosed,
    QuestionnaireOpened, RatingRecorded,
)
from simex.languages import N_
from simex.reasons import Listed, Reason
from simex.scenario.model import CHANGES, WorldChange

if TYPE_CHECKING:
    from simex.engine.exercise import Exercise


def plan(x: "Exercise", cmd: Command) -> Callable[[], object]:
    now = x.env.now
    match cmd:
        case c.DeliverInject():
            _pending(x, cmd.inject)
            return lambda: x.msel.deliver(cmd.inject, manual=True)
        case c.SkipInject():
            _pending(x, cmd.inject)
            return lambda: x.msel.skip(cmd.inject)
        case c.RescheduleInject():
            state = _pending(x, cmd.inject)
            if state.at is None or cmd.at < now:
                raise CommandError(N_("only a scheduled inject can be moved, and not into the past"))
            return lambda: x.msel.reschedule(cmd.inject, cmd.at, cmd.shift_following)
        case c.AddInject():
            if not cmd.to or not cmd.synopsis:
                raise CommandError(N_("an ad-hoc inject needs recipients and a synopsis"))
            for agency in cmd.to:
                x._agency(agency)
            return lambda: x.msel.add_adhoc(cmd.to, cmd.synopsis, cmd.text, cmd.via, cmd.sender)
        case c.AcknowledgeInject():
            # A player is told the same whether the inject does not exist, is
            # not delivered yet or went to others: no enumerating the MSEL.
            public = Reason(N_("{agency} has received no inject {inject!r}"), agency=cmd.agency, inject=cmd.inject)
            state = x.msel.states.get(cmd.inject)
            if state is None:
                raise CommandError(N_("no inject {inject!r}"), public, inject=cmd.inject)
            if state.status not in ("delivered", "acknowledged"):
                raise CommandError(N_("inject {inject} has not been delivered"), public, inject=cmd.inject)
            if cmd.agency not in state.to:
                raise CommandError(N_("inject {inject} was not sent to {agency}"), public, inject=cmd.inject,
                                   agency=cmd.agency)
            return lambda: x.msel.acknowledge(cmd.inject, cmd.agency)
        case c.TakeAction():
            x.check_action(cmd.agency, cmd.action, cmd.params)
            return lambda: x.take_action(cmd.agency, cmd.action, cmd.params, actor=cmd.actor)
        case c.SendMessage():
            x._agency(cmd.sender), x._agency(cmd.recipient)
            channel = x.messaging.channels.get(cmd.channel)
            if channel is None or not x.messaging.connects(channel, cmd.sender, cmd.recipient):
                raise CommandError(N_("no channel {channel!r} from {sender} to {recipient}"), channel=cmd.channel,
                                   sender=cmd.sender, recipient=cmd.recipient)
            return lambda: x.messaging.send(cmd.sender, cmd.recipient, cmd.channel, cmd.subject,
                                               cmd.body, cmd.classification, cmd.facts)
        case c.ChangeWorld():
            change = _world_change(x, cmd)
            return lambda: world.apply_changes(x.world, [change])
        case c.SetKnob():
            return knobs.plan(x, cmd)
        case c.RecordDecision():
            x._agency(cmd.agency)
            if not cmd.decision.strip():
                raise CommandError(N_("a decision needs some text"))
            return lambda: x.emit(DecisionRecorded(t=now, agency=cmd.agency, decision=cmd.decision,
                                                      rationale=cmd.rationale, actor=cmd.actor))
        case c.TransferEvidence():
            x.check_transfer(cmd.item, cmd.sender, cmd.recipient)
            return lambda: x._transfer(cmd)
        case c.RecordObservation():
            if not cmd.text.strip():
                raise CommandError(N_("an observation needs some text"))
            if cmd.objective and cmd.objective not in {o.id for o in x.scenario.objectives}:
                raise CommandError(N_("no objective {objective!r}"), objective=cmd.objective)
            if cmd.inject and cmd.inject not in x.msel.states:
                raise CommandError(N_("no inject {inject!r}"), inject=cmd.inject)
            tasks = {t.id: o.id for o in x.scenario.objectives for t in o.critical_tasks}
            if cmd.task and cmd.task not in tasks:
                raise CommandError(N_("no critical task {task!r}"), task=cmd.task)
            if cmd.task and cmd.objective and tasks[cmd.task] != cmd.objective:
                raise CommandError(N_("critical task {task} belongs to {owner}, not {objective}"), task=cmd.task,
                                   owner=tasks[cmd.task], objective=cmd.objective)
            objective = cmd.objective or tasks.get(cmd.task, "")
            return lambda: x.emit(ObservationRecorded(t=now, evaluator=cmd.evaluator, text=cmd.text,
                                                         objective=objective, inject=cmd.inject, task=cmd.task))
        case c.RecordRating():
            targets = {o.id for o in x.scenario.objectives}
            targets |= {t.id for o in x.scenario.objectives for t in o.critical_tasks}
            if cmd.target not in targets:
                raise CommandError(N_("no objective or critical task {target!r}"), target=cmd.target)
            if cmd.rating not in ("P", "S", "M", "U"):
                raise CommandError(N_("a rating is one of P, S, M, U"))
            if not cmd.evaluator.strip():
                raise CommandError(N_("a rating needs the evaluator's name"))
            if cmd.suggested and cmd.suggested != cmd.rating and not cmd.reason.strip():
                raise CommandError(N_("overriding the suggested rating needs a reason"))
            return lambda: x.emit(RatingRecorded(t=now, evaluator=cmd.evaluator, target=cmd.target,
                                                    rating=cmd.rating, reason=cmd.reason,
                                                    suggested=cmd.suggested))
        case c.RecordAnnotation():
            if cmd.entry not in c.ANNOTATION_ENTRIES:
                raise CommandError(N_("no report entry {entry!r}; one of: {entries}"), entry=cmd.entry,
                                   entries=Listed(c.ANNOTATION_ENTRIES))
            if not cmd.author.strip():
                raise CommandError(N_("an annotation needs the name of whoever wrote it"))
            if (cmd.entry == "root_cause") != bool(cmd.target):
                raise CommandError(N_("a root cause names its area for improvement (e.g. OBJ1.2); nothing else does"))
            objective, _, number = cmd.target.rpartition(".")
            if cmd.target and (objective not in {o.id for o in x.scenario.objectives} or not number.isdigit()):
                raise CommandError(N_("no area for improvement {target!r}: write the objective id, a dot and "
                                      "its number, e.g. OBJ1.2"), target=cmd.target)
            return lambda: x.emit(AnnotationRecorded(t=now, author=cmd.author, entry=cmd.entry, target=cmd.target,
                                                        text=cmd.text))
        case c.OpenQuestionnaire() | c.CloseQuestionnaire() | c.AnswerQuestionnaire():
            return questionnaire_order(x, cmd, now)
        case c.Pause() | c.Resume():
            return lambda: setattr(x, "paused", isinstance(cmd, c.Pause))
        case c.SetSpeed():
            if not 0 < cmd.speed <= c.MAX_SPEED:
                raise CommandError(N_("speed must be between 0 and {fastest:g}"), fastest=c.MAX_SPEED)
            return lambda: setattr(x, "speed", cmd.speed)
        case c.JumpTo():
            # Part of the command, not of the caller: replay then steps the
            # events at t at the same point relative to later commands.
            return lambda: x.advance_to(cmd.t, inclusive=True)
        case c.EndExercise():
            return lambda: x._end(cmd.reason)
    raise CommandError(N_("unknown command {kind}"), kind=type(cmd).__name__)


def _world_change(x: "Exercise", cmd: c.ChangeWorld) -> WorldChange:
    """The change, checked against the model, the process's type and the
    entities the world holds (no conveyance the portal never saw)."""
    process = x.world.get(cmd.process)
    if process is None:
        raise CommandError(N_("no world process {process!r}; the world has: {known}"), process=cmd.process,
                           known=Listed(x.world) or Reason(N_("none")))
    allowed = CHANGES.get(process.spec.type, ())
    if cmd.do not in allowed:
        raise CommandError(N_("{process} ({kind}) cannot '{do}'; it can: {known}"), process=cmd.process,
                           kind=process.spec.type, do=cmd.do, known=Listed(allowed) or Reason(N_("nothing")))
    try:
        change = WorldChange(process=cmd.process, do=cmd.do, **cmd.params)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise CommandError(N_("change_world {where}: {problem}"), where=where, problem=first["msg"]) from None
    problem = process.check_change(change)
    if problem:
        raise CommandError(problem)   # the world model's Reason, told in each reader's language
    return change


def _pending(x: "Exercise", inject_id: str):
    state = x.msel.state(inject_id)
    if state.status != "pending":
        raise not_pending(inject_id, state.status)
    return state


# --- field types ---------------------------------------------------------------------
# A command's fields are checked against their declared types before anything
# else, so a command with a list where a map belongs is refused with the
# field's name instead of failing half-way through (after being journaled).
# params and facts hold plain values only: what a console's form can type
# and what the journal's canonical JSON stores and reads back unchanged.

_INT_LIMIT = 2 ** 63     # a 64-bit integer: what SQLite and JSON libraries keep exactly


def json_type(value: Any) -> str:
    """A value's kind in the protocol's (JSON's) words."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, (list, tuple)):
        return "a list"
    if isinstance(value, dict):
        return "a map"
    return type(value).__name__


# A value's kind in a refusal ("must be a number, not text"): json_type's words, translated by each reader.
_KINDS = {
    # Translators: a value's kind, as in "take_action.params must be a map of names to values, not text"
    "null": N_("null"), "true/false": N_("true/false"), "a number": N_("a number"), "text": N_("text"),
    "a list": N_("a list"), "a map": N_("a map"),
}


def kind_of(value: Any) -> "Reason | str":
    kind = json_type(value)
    return Reason(_KINDS[kind]) if kind in _KINDS else kind


def _text(where: str, value: Any) -> None:
    if not isinstance(value, str):
        raise CommandError(N_("{where} must be text, not {kind}"), where=where, kind=kind_of(value))
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise CommandError(N_("{where} must be valid Unicode text (it holds a lone surrogate)"), where=where) from None


def _number(where: str, value: Any) -> None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise CommandError(N_("{where} must be a number, not {kind}"), where=where, kind=kind_of(value))
    if isinstance(value, float) and not math.isfinite(value):
        raise CommandError(N_("{where} must be a finite number, not {value}"), where=where, value=str(value))
    if isinstance(value, int) and abs(value) >= _INT_LIMIT:
        raise CommandError(N_("{where} is too large a number"), where=where)


def _flag(where: str, value: Any) -> None:
    if not isinstance(value, bool):
        raise CommandError(N_("{where} must be true or false, not {kind}"), where=where, kind=kind_of(value))


def _ids(where: str, value: Any) -> None:
    if not isinstance(value, (list, tuple)):
        raise CommandError(N_("{where} must be a list of ids, not {kind}"), where=where, kind=kind_of(value))
    for index, item in enumerate(value):
        _text(f"{where}[{index}]", item)


def _plain(where: str, value: Any) -> None:
    if value is None or isinstance(value, bool):
        return
    if isinstance(value, (int, float)):
        _number(where, value)
    elif isinstance(value, str):
        _text(where, value)
    else:
        raise CommandError(N_("{where} must be text, a number, true/false or null, not {kind}"), where=where,
                           kind=kind_of(value))


def _values(where: str, value: Any) -> None:
    if not isinstance(value, dict):
        raise CommandError(N_("{where} must be a map of names to values, not {kind}"), where=where,
                           kind=kind_of(value))
    for key, item in value.items():
        if not isinstance(key, str):
            raise CommandError(N_("{where} names must be text, not {kind}"), where=where, kind=kind_of(key))
        _text(f"{where} name {key!r}", key)
        _plain(f"{where}.{key}", item)


_SHAPES: dict[str, Callable[[str, Any], None]] = {
    "str": _text, "float": _number, "bool": _flag, "tuple[str, ...]": _ids, "dict[str, Any]": _values,
}


@cache
def _shape(cls: type[Command]) -> tuple[tuple[str, Callable[[str, Any], None]], ...]:
    # KeyError here means a command field of a type nobody taught the check.
    return tuple((f.name, _SHAPES[str(f.type)]) for f in fields(cls))


def questionnaire_order(x: "Exercise", cmd: Command, now: float) -> Callable[[], object]:
    held = x.questionnaires
    if isinstance(cmd, c.OpenQuestionnaire):
        if not _ID.match(cmd.questionnaire):
            raise CommandError(N_("a questionnaire's id is letters, digits, '-' or '_' (e.g. pre, post, poll-2)"))
        if cmd.questionnaire in held and held[cmd.questionnaire].open:
            raise CommandError(N_("the questionnaire {questionnaire!r} is already open"), questionnaire=cmd.questionnaire)
        form = questionnaires.read_form(cmd.form, cmd.phase)

        def open_it() -> None:
            held[cmd.questionnaire] = questionnaires.Questionnaire(cmd.questionnaire, cmd.phase, form)
            x.emit(QuestionnaireOpened(t=now, questionnaire=cmd.questionnaire, phase=cmd.phase, form=cmd.form))
        return open_it
    questionnaire = held.get(cmd.questionnaire)
    if questionnaire is None:
        raise CommandError(N_("no questionnaire {questionnaire!r} has been opened"), questionnaire=cmd.questionnaire)
    if isinstance(cmd, c.CloseQuestionnaire):
        if not questionnaire.open:
            raise CommandError(N_("the questionnaire {questionnaire!r} is already closed"),
                               questionnaire=cmd.questionnaire)

        def close_it() -> None:
            questionnaire.open = False
            x.emit(QuestionnaireClosed(t=now, questionnaire=cmd.questionnaire))
        return close_it
    if cmd.agency not in {a.id for a in x.scenario.agencies}:
        raise CommandError(N_("no agency {agency!r}"), agency=cmd.agency)
    questionnaires.check_answers(questionnaire, cmd.agency, cmd.person, cmd.sex, cmd.answers)

    def answer_it() -> None:
        questionnaire.answered.add((cmd.agency, cmd.person.strip()))
        x.emit(QuestionnaireAnswered(t=now, questionnaire=cmd.questionnaire, phase=questionnaire.phase,
                                     agency=cmd.agency, person=cmd.person.strip(), sex=cmd.sex,
                                     answers=dict(cmd.answers)))
    return answer_it


_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_\-]{0,39}$")


def check_types(command: Command) -> None:
    """Raise CommandError, naming the field (`take_action.params`), if any
    field does not hold a value of its declared type."""
    for name, check in _shape(type(command)):
        check(f"{command.kind}.{name}", getattr(command, name))
