"""A protocol fuzzer: nothing a participant sends can stop the exercise.

Hypothesis writes sequences of frames over the protocol's message schema:
well-typed commands of every kind (the scenario's own ids, so many are
applied), the same with one field of the wrong type, an unknown field or a
wrong kind, facilitator-only commands, other envelopes, text that is not
JSON and binary frames, sent by a participant, an evaluator and an observer
to a real server on loopback while the facilitator moves the clock. Each
frame must be answered with an ack, an error or a pong on a connection that
stays open; nothing may be logged as an error (a handler traceback, a close
1011); and afterwards the journal must replay exactly and resume.

Examples are derandomized (the same frames on every run) and bounded; set
SIMEX_FUZZ_EXAMPLES to search longer. Run with -s to see the figures.
"""
from __future__ import annotations

import asyncio
import json
import logging
import os
import tempfile
import time
from collections import Counter
from pathlib import Path

from hypothesis import HealthCheck, Phase, given, settings, strategies as st
from websockets.asyncio.client import connect
from websockets.exceptions import ConnectionClosed

from simex.engine.commands import COMMAND_TYPES
from simex.journal import JournalReader
from simex.net.codes import CodeBook
from simex.net.protocol import REMOTE_COMMANDS
from simex.net.server import ExerciseServer
from simex.replay import replay
from simex.scenario.loader import load_scenario
from simex.session import LocalSession
from tests.conftest import BORDER

EXAMPLES = int(os.environ.get("SIMEX_FUZZ_EXAMPLES", "50"))
ROLES = ("participant:customs", "participant:police", "evaluator:evaluator-1", "observer:observer-1")


class _Next:
    """Stands for the next command id on the connection, filled in when sending."""

    def __repr__(self) -> str:
        return "NEXT"


NEXT = _Next()

_scenario = load_scenario(BORDER)
AGENCIES = [a.id for a in _scenario.agencies]
ACTIONS = sorted({x.id for a in _scenario.agencies for x in a.actions})
PARAMS = sorted({p.name for a in _scenario.agencies for x in a.actions for p in x.params})
CHOICES = sorted({c for a in _scenario.agencies for x in a.actions for p in x.params for c in p.choices or ()})
CHANNELS = [c.id for c in _scenario.channels]
INJECTS = [i.id for i in _scenario.injects] + ["ADHOC-1", "NOPE"]
EVIDENCE = [e.id for e in _scenario.evidence] + ["EV9"]
TARGETS = [o.id for o in _scenario.objectives] + [t.id for o in _scenario.objectives for t in o.critical_tasks]

# --- the message schema, well typed ----------------------------------------------------

text = st.text(max_size=12)
words = st.one_of(st.text(min_size=1, max_size=12), st.text(min_size=1, max_size=12), text)
scalars = st.none() | st.booleans() | st.integers(-10**6, 10**6) | st.floats() | text
json_values = st.recursive(st.none() | st.booleans() | st.integers() | st.floats() | text,
                           lambda inner: st.lists(inner, max_size=3) | st.dictionaries(text, inner, max_size=3),
                           max_leaves=6)


def one_of(names: list[str]):
    """Mostly a name the scenario knows (so commands get applied), sometimes any text."""
    known = st.sampled_from(names)
    return st.one_of(known, known, known, text)


agency, flag = one_of(AGENCIES), st.booleans()
params = st.dictionaries(one_of(PARAMS), one_of(CHOICES) | scalars, max_size=2)
FIELDS = {
    "acknowledge_inject": {"inject": one_of(INJECTS), "agency": agency},
    "take_action": {"agency": agency, "action": one_of(ACTIONS), "params": params},
    "send_message": {"sender": agency, "recipient": agency, "channel": one_of(CHANNELS), "subject": words,
                     "body": text, "classification": one_of(["unclassified", "confidential"]),
                     "facts": st.dictionaries(one_of(["vehicle", "case"]), scalars, max_size=3)},
    "record_decision": {"agency": agency, "decision": words, "rationale": text},
    "transfer_evidence": {"item": one_of(EVIDENCE), "sender": agency, "recipient": agency, "sealed": flag,
                          "signed": flag, "seal_number": text, "note": text},
    "record_observation": {"evaluator": one_of(["evaluator-1", "evaluator-2"]), "text": words,
                           "objective": one_of(TARGETS), "inject": one_of(INJECTS), "task": one_of(TARGETS)},
    "record_rating": {"evaluator": one_of(["evaluator-1"]), "target": one_of(TARGETS),
                      "rating": one_of(["P", "S", "M", "U"]), "reason": text, "suggested": one_of(["P", "U"])},
    "record_annotation": {"author": one_of(["evaluator-1", "evaluator-2"]),
                          "entry": one_of(["conclusion", "root_cause", "venue", "footnote"]),
                          "target": one_of(["", "OBJ1.1", "OBJ9.1", "OBJ1"]), "text": text},
    "answer_questionnaire": {"questionnaire": one_of(["pre", "poll-1"]), "agency": agency, "person": words,
                             "sex": one_of(["female", "male", "another", "undisclosed", ""]),
                             "answers": st.dictionaries(one_of(["K1", "K2", "Q1"]), one_of(["police", "15", "yes"])
                                                        | scalars, max_size=3)},
}
assert set(FIELDS) == set(REMOTE_COMMANDS)      # a new remote command must be fuzzed too


# Fields a console always fills in; the others it may leave out.
NAMED = {"agency", "sender", "evaluator", "inject", "action", "recipient", "channel", "subject", "decision",
         "item", "text", "target", "rating", "author", "entry"}
KINDS = {"participant": ["acknowledge_inject", "take_action", "send_message", "record_decision",
                         "transfer_evidence"],
         "evaluator": ["record_observation", "record_rating", "record_annotation"], "observer": sorted(FIELDS)}


@st.composite
def well_typed(draw, role: str = "observer", me: str = ""):
    """A command of a remote kind, each field of its type; mostly one the role
    may send and owned by `me` (the sender's agency or name), as a console
    would send it."""
    kind = draw(st.sampled_from(KINDS[role]) | st.sampled_from(KINDS[role]) | st.sampled_from(sorted(FIELDS)))
    spec = FIELDS[kind]
    if me:
        spec = {k: st.one_of(st.just(me), st.just(me), v) if k in ("agency", "sender", "evaluator", "author") else v
                for k, v in spec.items()}
    fields = draw(st.fixed_dictionaries({k: v for k, v in spec.items() if k in NAMED},
                                        optional={k: v for k, v in spec.items() if k not in NAMED}))
    return {"kind": kind, **fields}


PLATES = ["NV-4471-KB", "RPM-1"]


@st.composite
def plausible(draw, role: str, me: str):
    """What this role's console would send: its own catalogue, channels and
    the scenario's ids, so that many commands are applied and change the state
    later frames meet."""
    if role == "evaluator":
        choice = draw(st.integers(0, 2))
        if choice == 2:
            return {"kind": "record_annotation", "author": me, "entry": draw(st.sampled_from(["conclusion", "venue"])),
                    "text": draw(words)}
        if choice:
            return {"kind": "record_observation", "evaluator": me, "text": draw(words),
                    "objective": draw(st.sampled_from([""] + [o.id for o in _scenario.objectives]))}
        return {"kind": "record_rating", "evaluator": me, "target": draw(st.sampled_from(TARGETS)),
                "rating": draw(st.sampled_from("PSMU")), "reason": draw(words)}
    if role == "observer":
        return draw(well_typed(role, me))
    kind = draw(st.sampled_from(KINDS["participant"]))
    agency = _scenario.agency(me)
    if kind == "take_action" and agency.actions:
        action = draw(st.sampled_from(agency.actions))
        values = {p.name: draw(st.sampled_from(p.choices) if p.choices else st.integers(0, 500)
                               if p.type in ("number", "integer") else st.sampled_from(PLATES))
                  for p in action.params}
        return {"kind": kind, "agency": me, "action": action.id, "params": values}
    if kind == "send_message":
        channel = draw(st.sampled_from([c for c in _scenario.channels if me in c.between]))
        other = next((a for a in channel.between if a != me), me)
        return {"kind": kind, "sender": me, "recipient": other, "channel": channel.id, "subject": draw(words),
                "facts": {"vehicle": draw(st.sampled_from(PLATES))}}
    if kind == "acknowledge_inject":
        return {"kind": kind, "inject": draw(st.sampled_from(INJECTS)), "agency": me}
    if kind == "transfer_evidence":
        return {"kind": kind, "item": draw(st.sampled_from(EVIDENCE)), "sender": me,
                "recipient": draw(st.sampled_from(AGENCIES)), "sealed": draw(flag), "signed": draw(flag)}
    return {"kind": "record_decision", "agency": me, "decision": draw(words)}


@st.composite
def ill_typed(draw, role: str = "observer", me: str = ""):
    fields = draw(well_typed(role, me))
    how = draw(st.sampled_from(["retype", "retype", "extra", "kind", "no kind", "facilitator", "client time"]))
    if how == "retype":
        fields[draw(st.sampled_from(sorted(fields)))] = draw(json_values)
    elif how == "extra":
        fields[draw(text)] = draw(json_values)
    elif how == "kind":
        fields["kind"] = draw(json_values | st.sampled_from(sorted(COMMAND_TYPES)))
    elif how == "no kind":
        del fields["kind"]
    elif how == "facilitator":
        fields = {"kind": draw(st.sampled_from(sorted(set(COMMAND_TYPES) - set(FIELDS)))),
                  **draw(st.dictionaries(st.sampled_from(["inject", "at", "speed", "reason", "to"]), json_values))}
    else:
        fields.update(t=draw(json_values), actor=draw(json_values))
    return fields


ids = st.one_of(st.just(NEXT), st.just(NEXT), st.just(NEXT), st.integers(-3, 3), json_values)


def command_frame(commands):
    return st.builds(lambda c, i: {"type": "command", "id": i, "command": c}, commands, ids)


@st.composite
def step(draw):
    """(role, frame) sent by a client, or seconds the facilitator moves the clock by."""
    label = draw(st.sampled_from(ROLES))
    role, me = label.split(":")
    console = command_frame(plausible(role, me))
    good, bad = command_frame(well_typed(role, me)), command_frame(ill_typed(role, me))
    frame = draw(st.one_of(
        console, console, console, good, good, bad, bad,
        command_frame(json_values),
        st.just({"type": "ping"}),
        st.builds(lambda code, since: {"type": "hello", "protocol": 1, "code": code, "since": since},
                  text, json_values),
        st.dictionaries(st.sampled_from(["type", "id", "command", "code", "protocol"]) | text, json_values,
                        max_size=4),
        text.map(lambda s: ("raw", s)),
        st.binary(max_size=16),
    ))
    return draw(st.one_of(st.just((label, frame)), st.just((label, frame)), st.just((label, frame)),
                          st.integers(60, 2 * 3600)))


# Where the facilitator has the clock when the frames start: first (the value
# Hypothesis prefers) just after the evidence is found and two injects are out.
starts = st.sampled_from([2 * 3600 + 45 * 60, 0, 3600, 5 * 3600])
steps = st.tuples(starts, st.lists(step(), min_size=10, max_size=50))


# --- running them against a server ------------------------------------------------------


async def answer(ws, frame) -> dict:
    await ws.send(frame)
    while (reply := json.loads(await asyncio.wait_for(ws.recv(), 30)))["type"] in ("clock", "events", "view"):
        pass
    return reply


def render(frame, next_id: int):
    """The frame as sent, and the command id it carries (None if it has none)."""
    if isinstance(frame, bytes):
        return frame, None
    if isinstance(frame, tuple):
        return frame[1], None
    ident = frame.get("id") if isinstance(frame, dict) else None
    if ident is NEXT:
        frame, ident = {**frame, "id": next_id}, next_id
    return json.dumps(frame), ident


async def play(start: int, steps, folder: Path, figures: Counter, errors: "Errors") -> Path:
    journal = folder / "j.simex"
    session = LocalSession.new(BORDER, journal_path=journal)
    session.jump_to(start)
    server = ExerciseServer(session, CodeBook.for_scenario(session.scenario, folder / "j.codes"), port=0)
    await server.start()
    sockets, last_id = {}, Counter()
    try:
        for label in ROLES:
            sockets[label] = await connect(server.address, max_size=None, compression=None)
            await sockets[label].send(json.dumps({"type": "hello", "protocol": 1,
                                                  "code": dict(server.codes.pretty())[label]}))
            assert json.loads(await asyncio.wait_for(sockets[label].recv(), 30))["type"] == "welcome"
        for step in steps:
            if isinstance(step, int):              # the facilitator moves the clock
                if session.status != "ended":
                    session.jump_to(session.now + step)
                    server.publish()
                    figures["clock moves"] += 1
                continue
            label, frame = step
            sent, ident = render(frame, last_id[label] + 1)
            logged = len(errors.records)
            try:
                reply = await answer(sockets[label], sent)
            except ConnectionClosed as closed:
                code = closed.rcvd.code if closed.rcvd else "?"
                figures[f"closes {code}"] += 1
                raise AssertionError(f"{label} sent {sent!r}: the server closed the connection ({code})") from None
            assert len(errors.records) == logged, f"{label} sent {sent!r}: the server logged an error"
            figures["frames sent"] += 1
            figures[f"{reply['type']} replies"] += 1
            assert reply["type"] in ("ack", "error", "pong"), reply
            assert reply["type"] != "error" or reply["message"], reply
            if reply["type"] == "ack":
                assert reply["id"] == ident
                last_id[label] = ident
            elif isinstance(ident, int):
                last_id[label] = max(last_id[label], ident)
        for ws in sockets.values():                  # every connection is still usable
            assert (await answer(ws, json.dumps({"type": "ping"})))["type"] == "pong"
    finally:
        for ws in sockets.values():
            await ws.close()
        await server.stop()
        session.close()
    return journal


class Errors(logging.Handler):
    def __init__(self):
        super().__init__(logging.ERROR)
        self.records: list[logging.LogRecord] = []

    def emit(self, record):
        self.records.append(record)


def test_no_frame_stops_the_exercise_from_being_resumed():
    figures: Counter = Counter()
    errors = Errors()
    logging.getLogger().addHandler(errors)
    start = time.monotonic()

    # No shrinking: a failure names the frame that caused it, and shrinking
    # sequences of frames against a server takes minutes.
    @settings(max_examples=EXAMPLES, deadline=None, database=None, derandomize=True,
              phases=[Phase.explicit, Phase.generate], print_blob=False,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
    @given(steps)
    def fuzz(run):
        logged = len(errors.records)
        with tempfile.TemporaryDirectory() as folder:
            journal = asyncio.run(play(*run, Path(folder), figures, errors))
            assert len(errors.records) == logged, [r.getMessage() for r in errors.records[logged:]]
            report = replay(journal)
            assert report.ok, report.message
            reader = JournalReader(journal)
            figures["commands journaled"] += len(reader.commands())
            reader.close()
            LocalSession.reopen(journal).close()          # and the exercise resumes
            figures["journals replayed"] += 1

    try:
        fuzz()
    finally:
        logging.getLogger().removeHandler(errors)
    figures["tracebacks"] = sum(1 for r in errors.records if r.exc_info)
    print(f"\nprotocol fuzz, {time.monotonic() - start:.1f} s: "
          + ", ".join(f"{name} {count}" for name, count in sorted(figures.items())))
    assert figures["tracebacks"] == 0
    assert figures["journals replayed"] == EXAMPLES
    # the fuzzer reached both sides: commands the engine applied and ones it refused
    assert figures["ack replies"] > 0 and figures["error replies"] > figures["ack replies"]
