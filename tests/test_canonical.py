"""A journal row's bytes are its canonical JSON: the cached encoder must give
exactly what json.dumps gives with the canonical options, for any payload."""
from __future__ import annotations

import json

from hypothesis import given, settings, strategies as st

from simex.events import canonical

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
