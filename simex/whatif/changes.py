"""One decision changed: the journal's commands, numbered, and what
`simex whatif` does to them.

Commands are numbered C1, C2, ... in the order the journal holds them (the
order they were accepted), so a number never changes for a given journal;
`simex journal commands` and the console's what-if screen show them. A
change refers to those numbers:

    --drop C23                  the command never happened
    --move C17=00:10            it happened at another time
    --replace C17 'recipient=police'   other fields (parameters: params.vehicle=...)
    --add "customs send_message police 'truck held' vehicle=NV-4471-KB at 00:10"

Commands added get the numbers A1, A2, ... Every kind of journaled command
can be dropped, moved, replaced or added the same way.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from simex.durations import format_clock
from simex.engine import commands as c
from simex.languages import translator
from simex.scenario.problems import did_you_mean
from simex.whatif.grammar import GrammarError, clock, convert, fields_of, param_value, parse_command, words

# What an evaluator or the facilitator writes about the exercise as played: a
# judgement of what happened, not a decision that shaped it. A counterfactual
# leaves them out (an evaluator's rating of the real run would otherwise
# override the rating the changed run earns).
JUDGEMENTS = (c.RecordObservation, c.RecordRating, c.RecordAnnotation)


class ChangeError(ValueError):
    """A change that cannot be made; the message names the option and where."""


@dataclass(frozen=True)
class Numbered:
    id: str
    command: c.Command


@dataclass(frozen=True)
class Change:
    """One `--drop`, `--move`, `--replace` or `--add`, as typed and as understood."""
    op: str                       # drop, move, replace, add
    text: str                     # as typed, for the report
    target: str = ""              # the command's number (not for add)
    at: float | None = None       # move: the new time
    fields: tuple = ()            # replace: (name, value) pairs; add: unused
    added: c.Command | None = None

    def describe(self) -> str:
        return f"--{self.op} {self.text}"


def numbered(commands: list[c.Command]) -> list[Numbered]:
    return [Numbered(f"C{i}", cmd) for i, cmd in enumerate(commands, start=1)]


def describe_command(cmd: c.Command) -> str:
    """One line: `T+03:10:00 police take_over_case vehicle=NV-4471-KB`."""
    payload = cmd.payload()
    actor = payload.pop("actor", "")
    who = payload.pop("agency", "") or payload.get("sender", "") or actor
    if isinstance(cmd, c.TakeAction):
        verb = payload.pop("action")
        payload = payload.pop("params")
    elif isinstance(cmd, c.SendMessage):
        payload.pop("sender")
        verb = f"send_message {payload.pop('recipient')} '{payload.pop('subject')}'"
        payload.pop("body", None)
        payload = {**payload.pop("facts"), "channel": payload["channel"]}
    else:
        verb = cmd.kind
    shown = " ".join(f"{k}={_value(v)}" for k, v in payload.items() if v not in ("", (), {}, None))
    return " ".join(p for p in (format_clock(cmd.t), who, verb, shown) if p)


def _value(v) -> str:
    if isinstance(v, tuple):
        return ",".join(map(str, v))
    text = str(v).lower() if isinstance(v, bool) else str(v)
    return f"'{text}'" if " " in text else text


def parse_move(text: str) -> Change:
    t = translator("en")
    target, sep, when = text.partition("=")
    if not sep or not target or not when:
        raise ChangeError(t.gettext("--move {text}: write COMMAND=TIME, e.g. C17=00:10").format(text=text))
    try:
        at = clock(when)
    except ValueError as exc:
        raise ChangeError(t.gettext("--move {text}: {problem}").format(text=text, problem=exc)) from None
    return Change("move", text, target.strip(), at=at)


def parse_replace(target: str, text: str) -> Change:
    t = translator("en")
    pairs = []
    for w in words(text):
        key, sep, value = w.text.partition("=")
        if w.quoted or not sep or not key:
            raise ChangeError(t.gettext("--replace {target}: {text}\n{pad}^ write FIELD=VALUE").format(
                target=target, text=text, pad=" " * (w.column + len(f"--replace {target}: "))))
        pairs.append((key, value))
    if not pairs:
        raise ChangeError(t.gettext("--replace {target}: nothing to replace; write FIELD=VALUE ...").format(
            target=target))
    return Change("replace", f"{target} {text}", target, fields=tuple(pairs))


def parse_add(text: str, scenario) -> Change:
    try:
        return Change("add", text, added=parse_command(text, scenario))
    except GrammarError as exc:
        pad = " " * len("--add ")
        raise ChangeError(f"--add {exc.text}\n{pad}{' ' * exc.column}^ {exc.reason}") from None


def _replaced(cmd: c.Command, change: Change, scenario) -> c.Command:
    t = translator("en")
    fields = fields_of(type(cmd))
    values = cmd.payload()
    for key, value in change.fields:
        head, _, sub = key.partition(".")
        if head in ("at", "t"):
            values["t"] = clock(value)
            continue
        if head not in fields:
            raise ChangeError(t.gettext("--replace {target}: {kind} has no field {field!r}{hint}").format(
                target=change.target, kind=cmd.kind, field=head, hint=did_you_mean(head, fields)))
        if sub:   # params.vehicle=..., facts.vehicle=...
            if not isinstance(values[head], dict):
                raise ChangeError(t.gettext("--replace {target}: {field} has no entries").format(
                    target=change.target, field=head))
            try:
                entry = param_value(scenario, cmd.agency, cmd.action, sub, value) \
                    if isinstance(cmd, c.TakeAction) and head == "params" else value
            except ValueError as exc:
                raise ChangeError(f"--replace {change.target}: {key}: {exc}") from None
            values[head] = {**values[head], sub: entry}
            continue
        try:
            values[head] = convert(fields[head], value)
        except ValueError as exc:
            raise ChangeError(f"--replace {change.target}: {key}: {exc}") from None
    t_new = values.pop("t", cmd.t)
    return type(cmd)(t=t_new, **values)


@dataclass(frozen=True)
class Plan:
    """The commands of the counterfactual, in the order they will be applied."""
    commands: tuple[Numbered, ...]
    start: float                  # the earliest moment a change touches
    left_out: tuple[Numbered, ...]   # judgements of the exercise as played
    changed: tuple[str, ...]      # numbers of the commands the changes touch or add


def plan(commands: list[c.Command], changes: list[Change], scenario) -> Plan:
    """Apply the changes to the journal's commands. Raises ChangeError naming
    the change at fault (an unknown number gets the nearest one suggested)."""
    t = translator("en")
    duration = scenario.exercise.duration
    if not changes:
        raise ChangeError(t.gettext("no change given: use --drop, --move, --replace or --add"))
    listed = numbered(commands)
    by_id = {n.id: n for n in listed}
    current = {n.id: n.command for n in listed}
    touched: list[float] = []
    changed: list[str] = []
    for change in changes:
        if change.op == "add":
            continue
        if change.target not in by_id:
            raise ChangeError(t.gettext("--{op} {text}: the journal has no command {target}{hint} "
                                        "(it has C1 to C{n}; simex journal commands lists them)").format(
                op=change.op, text=change.text, target=change.target, n=len(listed),
                hint=did_you_mean(change.target, list(by_id))) if listed else
                t.gettext("--{op} {text}: the journal has no commands").format(op=change.op, text=change.text))
        old = current.get(change.target)
        if old is None:
            raise ChangeError(t.gettext("--{op} {text}: {target} is already dropped").format(
                op=change.op, text=change.text, target=change.target))
        touched.append(old.t)
        changed.append(change.target)
        if change.op == "drop":
            current[change.target] = None
        elif change.op == "move":
            if change.at > duration:
                raise ChangeError(t.gettext("--move {text}: {time} is after ENDEX ({end})").format(
                    text=change.text, time=format_clock(change.at), end=format_clock(duration)))
            current[change.target] = dataclasses.replace(old, t=change.at)
            touched.append(change.at)
        else:
            current[change.target] = new = _replaced(old, change, scenario)
            touched.append(new.t)
    kept = [Numbered(i, cmd) for i, cmd in current.items() if cmd is not None]
    added = [Numbered(f"A{k}", ch.added) for k, ch in enumerate((ch for ch in changes if ch.op == "add"), start=1)]
    touched += [n.command.t for n in added]
    changed += [n.id for n in added]
    left_out = tuple(n for n in kept if isinstance(n.command, JUDGEMENTS))
    playing = [n for n in kept + added if not isinstance(n.command, JUDGEMENTS)]
    order = {n.id: i for i, n in enumerate(playing)}
    playing.sort(key=lambda n: (n.command.t, order[n.id]))   # stable: ties keep the journal's order
    return Plan(tuple(playing), min(touched), left_out, tuple(changed))
