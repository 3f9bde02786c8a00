"""The light table of event kinds that `simex validate` reads says what the
event classes say: the same kinds, in the same order, with the same fields.
A field added to an event without its name in the table would let a scenario
check refuse a `key:` the engine's event does carry (or accept one it does not)."""
from __future__ import annotations

from dataclasses import fields

from simex.event_kinds import FIELDS
from simex.events import EVENT_TYPES


def test_the_table_names_every_event_kind_in_order():
    assert list(FIELDS) == list(EVENT_TYPES)


def test_each_kind_carries_its_event_class_fields():
    assert {kind: tuple(f.name for f in fields(cls)) for kind, cls in EVENT_TYPES.items()} == FIELDS
