"""A journal row's bytes are its canonical JSON: the cached encoder must give
exactly what json.dumps gives with the canonical options, for any payload,
and an event's own encoder exactly what the canonical JSON of its payload is."""
from __future__ import annotations

import json
import math

from hypothesis import given, settings, strategies as st

from simex.events import (EVENT_TYPES, ExpectationMet, ExpectationOpened, InjectDelivered, Unreadable, WorldEvent,
                          canonical, encode)

scalars = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True, allow_infinity=True) | st.text()
values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner,
                                                                                            max_size=4),
                      max_leaves=20)


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(st.text(), values, max_size=6))
def test_canonical_is_json_dumps_with_sorted_keys_and_no_spaces(payload):
    assert canonical(payload) == json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def test_tuples_encode_as_lists_and_text_stays_unescaped():
    assert canonical({"to": ("police", "customs"), "b": "Zürich\u2028", "a": -0.0}) == \
        '{"a":-0.0,"b":"Zürich\u2028","to":["police","customs"]}'


# --- encode(event): an encoder written per event class (simex.events._EventEncoders) ---------

class _Count(int):
    """An int subclass: JSON writes its number, as for an int."""


class _Measure(float):
    """A float subclass: JSON writes its number, as for a float."""


odd_numbers = st.integers().map(_Count) | st.floats(allow_nan=True, allow_infinity=True).map(_Measure)
field_values = values | odd_numbers | st.tuples(values, values) | st.sampled_from([True, False, None, -0.0, 10 ** 30, math.nan, math.inf, -math.inf])


@st.composite
def events(draw):
    from dataclasses import fields

    cls = draw(st.sampled_from([*EVENT_TYPES.values(), Unreadable]))
    names = [f.name for f in fields(cls) if f.name != "t"]
    return cls(t=draw(st.floats(0, 1e6)), **{name: draw(field_values) for name in names})


@settings(max_examples=500, deadline=None)
@given(events())
def test_an_event_encodes_to_the_canonical_json_of_its_payload(event):
    """Replay compares `encode(event)` with the recorded row, and the journal
    writes `canonical(event.payload())`: for any values, of any event class,
    the two are the same text, or an old journal would no longer verify."""
    assert encode(event) == canonical(event.payload())


def test_a_whole_exercise_encodes_as_its_journal_rows(border):
    from simex.engine.exercise import Exercise

    ex = Exercise(border, seed=7, bots="doctrine", bot_agencies=tuple(a.id for a in border.agencies))
    ex.run_to_end()
    assert {type(e) for e in ex.events} >= {WorldEvent, ExpectationOpened, ExpectationMet, InjectDelivered}
    assert [encode(e) for e in ex.events] == [canonical(e.payload()) for e in ex.events]
