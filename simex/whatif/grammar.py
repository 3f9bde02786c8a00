"""The command line's words for one command: what `simex whatif --add` reads.

    [ACTOR] KIND [ARGUMENT ...] [FIELD=VALUE ...] at TIME

- `police send_message norvalia-lp 'Stolen gauge held at Kessin' vehicle=NV-4471-KB at 03:30`:
  a message (recipient and subject in that order; `channel=`, `body=`,
  `classification=` are the message's, any other FIELD=VALUE is a fact it
  carries, such as the vehicle a notification is about). Without `channel=`
  it goes over the fastest channel between the two, as a bot would send it.
- `customs detain_vehicle vehicle=NV-4471-KB at 02:40`: an action from the
  agency's catalogue in the scenario; FIELD=VALUE are its parameters.
- `deliver_inject inject=M01 at 01:00`, `facilitator skip_inject inject=M01 at 00:30`,
  `customs transfer_evidence item=EV1 recipient=police at 4h`: any command
  the journal records, by its kind, with its fields. A leading agency fills
  the command's `agency` or `sender` field. A command kind added to simex
  later (a live knob) is written the same way, with no change here.

TIME is `HH:MM`, `HH:MM:SS`, `T+HH:MM:SS` or a duration (`2h40m`), after
STARTEX. Quote a value with spaces ('...' or "..."). Values are text, except
`true`/`false` and numbers where the field or parameter is of that type (a
message's facts are text).
Mistakes are reported with the text and a caret under the word at fault.
"""
from __future__ import annotations

import dataclasses
import re
import typing

from simex.durations import parse_duration
from simex.engine import commands as c
from simex.languages import translator
from simex.scenario.problems import did_you_mean, one_of

# NAME='two words' is one word: a field whose value is quoted.
_WORD = re.compile(r"""([A-Za-z_][\w.-]*=)?(?:'([^']*)'|"([^"]*)")|(\S+)""")
_CLOCK = re.compile(r"^(?:T\+)?(\d{1,3}):([0-5]\d)(?::([0-5]\d))?$")
MESSAGE_FIELDS = ("channel", "body", "classification")


class GrammarError(ValueError):
    """A command line that cannot be read; `column` is where (from 0)."""

    def __init__(self, text: str, column: int, message: str):
        self.text, self.column, self.reason = text, column, message
        super().__init__(f"{text}\n{' ' * column}^ {message}")


@dataclasses.dataclass(frozen=True)
class Word:
    text: str
    column: int
    quoted: bool


def words(text: str) -> list[Word]:
    out = []
    for m in _WORD.finditer(text):
        key, single, double, bare = m.groups()
        if bare is not None:
            out.append(Word(bare, m.start(), False))
        else:
            inner = single if single is not None else double
            out.append(Word(key + inner, m.start(), False) if key else Word(inner, m.start(), True))
    return out


def clock(text: str) -> float:
    """Scenario seconds from `03:30`, `T+03:30:00` or `3h30m`. ValueError if neither."""
    m = _CLOCK.match(text.strip())
    if m:
        return int(m.group(1)) * 3600.0 + int(m.group(2)) * 60.0 + int(m.group(3) or 0)
    return parse_duration(text)


def fields_of(kind: type[c.Command]) -> dict[str, object]:
    hints = typing.get_type_hints(kind)
    return {f.name: hints[f.name] for f in dataclasses.fields(kind) if f.name != "t"}


def convert(hint: object, value: str) -> object:
    """A field's value from its text, by the field's declared type."""
    if hint is bool or hint == "bool":
        if value not in ("true", "false"):
            raise ValueError(translator("en").gettext("expected true or false, got {value!r}").format(value=value))
        return value == "true"
    if hint is float:
        return clock(value) if ":" in value else float(value)
    origin = typing.get_origin(hint)
    if origin is tuple:
        return tuple(v for v in value.split(",") if v)
    if origin is dict:
        raise ValueError(translator("en").gettext("write its entries one by one, as NAME=VALUE"))
    return value


def param_value(scenario, agency: str, action: str, name: str, value: str) -> object:
    """An action's parameter from its text, by the type the scenario declares
    for it. Raises ValueError naming the parameters the action has."""
    t = translator("en")
    declared = {p.name: p for a in scenario.agencies if a.id == agency for x in a.actions if x.id == action
                for p in x.params}
    param = declared.get(name)
    if param is None:
        raise ValueError(t.gettext("{action} has no parameter {name!r}{hint}; its parameters: {names}").format(
            action=action, name=name, hint=did_you_mean(name, declared), names=one_of(declared) or "none"))
    if param.type == "boolean":
        return convert(bool, value)
    if param.type in ("integer", "number"):
        try:
            return int(value) if param.type == "integer" else float(value)
        except ValueError:
            raise ValueError(t.gettext("{name} must be a number, not {value!r}").format(name=name, value=value)) from None
    return value


def parse_command(text: str, scenario) -> c.Command:
    """The command `text` describes, as a console would send it. Raises GrammarError."""
    t = translator("en")
    ws = words(text)
    if not ws:
        raise GrammarError(text, 0, t.gettext("empty: write [ACTOR] KIND ... at TIME"))
    at = [i for i, w in enumerate(ws) if w.text == "at" and not w.quoted]
    if not at or at[-1] != len(ws) - 2:
        where = ws[-1].column + len(ws[-1].text) if not at else ws[at[-1]].column
        raise GrammarError(text, where, t.gettext("end with 'at TIME', e.g. 'at 00:10'"))
    when = ws[-1]
    try:
        moment = clock(when.text)
    except ValueError as exc:
        raise GrammarError(text, when.column, str(exc)) from None
    if moment > scenario.exercise.duration:
        raise GrammarError(text, when.column, t.gettext("{time} is after ENDEX").format(time=when.text))
    body = ws[:-2]
    agencies = {a.id: a for a in scenario.agencies}
    actor = None
    if body and body[0].text in agencies or body and body[0].text in ("facilitator", "control"):
        actor, body = body[0], body[1:]
    if not body:
        raise GrammarError(text, ws[-2].column, t.gettext("a command kind or an action comes before 'at'"))
    verb, rest = body[0], body[1:]
    named = [w for w in rest if "=" in w.text and not w.quoted]
    loose = [w for w in rest if w not in named]
    pairs = []
    for w in named:
        key, value = w.text.split("=", 1)
        pairs.append((w, key, value))
    if actor is not None and actor.text in agencies:
        catalogue = {a.id for a in agencies[actor.text].actions}
        if verb.text == "send_message":
            return _message(text, scenario, actor.text, loose, pairs, moment, t)
        if verb.text in catalogue:
            if loose:
                raise GrammarError(text, loose[0].column, t.gettext("write an action's parameters as NAME=VALUE"))
            params = {}
            for w, key, value in pairs:
                try:
                    params[key] = param_value(scenario, actor.text, verb.text, key, value)
                except ValueError as exc:
                    raise GrammarError(text, w.column, str(exc)) from None
            return c.TakeAction(t=moment, actor="person", agency=actor.text, action=verb.text, params=params)
    kind = c.COMMAND_TYPES.get(verb.text)
    if kind is None:
        options = list(c.COMMAND_TYPES)
        if actor is not None and actor.text in agencies:
            options += [a.id for a in agencies[actor.text].actions]
        hint = did_you_mean(verb.text, options)
        raise GrammarError(text, verb.column, (
            t.gettext("no command or action {word!r}{hint}") if hint else
            t.gettext("no command or action {word!r}; one of: {options}")).format(
            word=verb.text, hint=hint, options=one_of(sorted(options))))
    if loose:
        raise GrammarError(text, loose[0].column, t.gettext("write the fields of {kind} as NAME=VALUE").format(
            kind=verb.text))
    fields = fields_of(kind)
    values: dict[str, object] = {}
    if actor is not None:
        slot = next((f for f in ("agency", "sender") if f in fields), "actor")
        values[slot] = actor.text
    for w, key, value in pairs:
        if key not in fields:
            raise GrammarError(text, w.column, t.gettext("{kind} has no field {field!r}{hint}; its fields: {fields}").format(
                kind=verb.text, field=key, hint=did_you_mean(key, fields), fields=one_of(sorted(fields))))
        try:
            values[key] = convert(fields[key], value)
        except ValueError as exc:
            raise GrammarError(text, w.column + len(key) + 1, str(exc)) from None
    return kind(t=moment, **values)


def _message(text, scenario, sender, loose, pairs, moment, t) -> c.SendMessage:
    if len(loose) != 2:
        where = loose[2].column if len(loose) > 2 else len(text)
        raise GrammarError(text, where, t.gettext("send_message takes a recipient and a subject ('...')"))
    recipient, subject = loose
    agencies = [a.id for a in scenario.agencies]
    if recipient.text not in agencies:
        raise GrammarError(text, recipient.column, t.gettext("no agency {word!r}{hint}").format(
            word=recipient.text, hint=did_you_mean(recipient.text, agencies)))
    values: dict[str, object] = {"subject": subject.text, "body": subject.text}
    facts = {}
    for _, key, value in pairs:
        if key in MESSAGE_FIELDS:
            values[key] = value
        else:
            facts[key] = value
    if "channel" not in values:
        channel = fastest_channel(scenario, sender, recipient.text)
        if channel is None:
            raise GrammarError(text, recipient.column, t.gettext("no channel from {sender} to {recipient}").format(
                sender=sender, recipient=recipient.text))
        values["channel"] = channel
    return c.SendMessage(t=moment, actor="person", sender=sender, recipient=recipient.text, facts=facts, **values)


def fastest_channel(scenario, sender: str, recipient: str) -> str | None:
    """The channel a bot would use: the shortest mean delay, then the id."""
    from simex.engine.exercise import Exercise

    channels = Exercise(scenario).messaging.channels_between(sender, recipient)
    return min(channels, key=lambda ch: (ch.delay.mean, ch.id)).id if channels else None
