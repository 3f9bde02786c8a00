"""A command is checked against its declared field types before it is
journaled: whoever sends it (the facilitator's console, a remote player, a
script), the journal never holds a command the engine cannot apply, so
replay and resume keep working after anyone typed anything."""
from __future__ import annotations

import math
from dataclasses import fields

import pytest
from hypothesis import HealthCheck, Phase, given, settings, strategies as st

from simex.engine import commands as c
from simex.engine.commands import CommandError
from simex.journal import JournalReader
from simex.replay import replay
from simex.scenario.loader import load_scenario
from simex.session import LocalSession
from tests.conftest import BORDER


@pytest.fixture
def session(tmp_path):
    s = LocalSession.new(BORDER, journal_path=tmp_path / "live.simex")
    s.jump_to(2 * 3600 + 45 * 60)     # after EV1 is found, so hand-overs can be valid
    yield s
    s.close()


ILL_TYPED = [
    (c.TakeAction, {"agency": "customs", "action": "secondary_inspection", "params": ["vehicle"]},
     "take_action.params"),
    (c.TakeAction, {"agency": "customs", "action": "secondary_inspection", "params": {"vehicle": ["X"]}},
     "take_action.params.vehicle"),
    (c.TakeAction, {"agency": ["customs"], "action": "secondary_inspection", "params": {}}, "take_action.agency"),
    (c.SendMessage, {"sender": "customs", "recipient": "police", "channel": "customs-police-radio",
                     "subject": "x", "facts": ["abc"]}, "send_message.facts"),
    (c.SendMessage, {"sender": "customs", "recipient": "police", "channel": "customs-police-radio",
                     "subject": "x", "facts": {"vehicle": math.nan}}, "send_message.facts.vehicle"),
    (c.SendMessage, {"sender": "customs", "recipient": "police", "channel": "customs-police-radio",
                     "subject": "\ud800"}, "send_message.subject"),
    (c.RecordDecision, {"agency": "customs", "decision": 12345}, "record_decision.decision"),
    (c.RecordDecision, {"agency": "customs", "decision": None}, "record_decision.decision"),
    (c.TransferEvidence, {"item": "EV1", "sender": "customs", "recipient": "police", "sealed": "yes"},
     "transfer_evidence.sealed"),
    (c.AddInject, {"to": "police", "synopsis": "Call"}, "add_inject.to"),
    (c.AddInject, {"to": ("police", 7), "synopsis": "Call"}, "add_inject.to"),
    (c.SetSpeed, {"speed": "fast"}, "set_speed.speed"),
    (c.SetSpeed, {"speed": True}, "set_speed.speed"),
    (c.RescheduleInject, {"inject": "C04", "at": math.inf}, "reschedule_inject.at"),
    (c.RecordObservation, {"evaluator": "eva", "text": "ok", "objective": {"id": "OBJ1"}},
     "record_observation.objective"),
]


@pytest.mark.parametrize("cls, fields, where", ILL_TYPED, ids=[w for _, _, w in ILL_TYPED])
def test_an_ill_typed_command_is_refused_before_the_journal(session, tmp_path, cls, fields, where):
    events = len(session.events)
    now = session.now
    with pytest.raises(CommandError, match=f"^{where}"):
        session.do(cls, **fields)
    assert len(session.events) == events and session.now == now     # nothing happened
    session.do(c.RecordDecision, agency="customs", decision="carry on")   # and play goes on
    session.close()
    reader = JournalReader(tmp_path / "live.simex")
    kinds = [cmd.kind for cmd in reader.commands()]
    reader.close()
    assert kinds == ["jump_to", "record_decision"]
    report = replay(tmp_path / "live.simex")
    assert report.ok, report.message
    again = LocalSession.reopen(tmp_path / "live.simex")            # and it resumes
    assert len(again.events) == events + 1
    again.close()


def test_well_typed_values_of_every_kind_are_accepted(session):
    """ints where a number is declared, lists where a tuple is, and plain JSON
    values in params and facts, as a JSON client or a Python caller sends them."""
    session.do(c.SetSpeed, speed=60)
    session.do(c.AddInject, to=["police", "customs"], synopsis="Mayor calls", text="Status?")
    session.do(c.SendMessage, sender="customs", recipient="police", channel="customs-police-radio",
               subject="Truck", facts={"vehicle": "NV-4471-KB", "lane": 2, "dose": 0.4, "held": True, "x": None})
    session.do(c.TakeAction, agency="customs", action="secondary_inspection", params={"vehicle": "NV-4471-KB"})
    assert [e.kind for e in session.events[-4:]].count("message_sent") == 1


# --- a fuzzer over every command kind, as the facilitator's console reaches the engine ---

_border = load_scenario(BORDER)
_agencies = st.sampled_from([a.id for a in _border.agencies])
_targets = st.sampled_from([o.id for o in _border.objectives] + [t.id for o in _border.objectives
                                                                  for t in o.critical_tasks])
_VOCABULARY = {   # field name -> what the scenario calls things, so many commands are applied
    "inject": st.sampled_from([i.id for i in _border.injects] + ["ADHOC-1"]),
    "agency": _agencies, "sender": _agencies, "recipient": _agencies, "to": st.lists(_agencies, max_size=2),
    "channel": st.sampled_from([ch.id for ch in _border.channels]),
    "action": st.sampled_from(sorted({x.id for a in _border.agencies for x in a.actions})),
    "params": st.fixed_dictionaries({"vehicle": st.sampled_from(["NV-4471-KB", "RPM-1"])}),
    "item": st.sampled_from([e.id for e in _border.evidence]), "target": _targets, "task": _targets,
    "objective": _targets, "rating": st.sampled_from("PSMU"), "suggested": st.sampled_from("PSMU"),
    "evaluator": st.just("eva"), "speed": st.sampled_from([60, 0.5, 0, 1e6]), "at": st.integers(0, 30000),
    "facts": st.dictionaries(st.just("vehicle"), st.text(max_size=8)),
}
_TYPED = {"str": st.text(min_size=1, max_size=8), "float": st.floats(-10, 30000), "bool": st.booleans(),
          "tuple[str, ...]": st.lists(st.text(max_size=4), max_size=2),
          "dict[str, Any]": st.dictionaries(st.text(max_size=4), st.integers() | st.text(max_size=4), max_size=2)}
_json = st.recursive(st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=8),
                     lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner,
                                                                                   max_size=3),
                     max_leaves=5)


@st.composite
def _command(draw):
    """A command of any kind: each field mostly from the scenario's
    vocabulary, else of its declared type, sometimes any JSON value at all."""
    cls = draw(st.sampled_from(list(c.COMMAND_TYPES.values())))
    values = {}
    for f in fields(cls):
        if f.name in ("t", "actor"):
            continue
        how = draw(st.sampled_from(["scenario", "scenario", "typed", "any", "left out"]))
        if how == "scenario" and f.name in _VOCABULARY:
            values[f.name] = draw(_VOCABULARY[f.name])
        elif how in ("scenario", "typed"):
            values[f.name] = draw(_TYPED[str(f.type)])
        elif how == "any":
            values[f.name] = draw(_json)
    return cls, draw(st.integers(0, 1800)), values


# Bounded and repeatable; no shrinking, which takes minutes on these sequences.
@settings(max_examples=60, deadline=None, database=None, derandomize=True, phases=[Phase.generate],
          suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_command(), min_size=5, max_size=40))
def test_any_command_is_applied_or_refused_and_the_journal_replays(tmp_path_factory, commands):
    """The engine answers every command, of every kind and any field values,
    with its effect or a CommandError: never another exception, and the
    journal of what it accepted replays."""
    path = tmp_path_factory.mktemp("fuzz") / "live.simex"
    session = LocalSession.new(BORDER, journal_path=path)
    for cls, later, values in commands:
        try:
            session.exercise.apply(cls(t=session.now + later, **values))
        except CommandError:
            pass                                  # refused, and nothing written
    session.close()
    report = replay(path)
    assert report.ok, report.message
