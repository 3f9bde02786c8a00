"""bench_engine's ratio is only honest if its hand-written SimPy model does
the observable work simex does: the same kinds of events, in about the same
numbers. When the bundled scenario's doctrine grows a step, this fails until
the baseline does it too."""
from __future__ import annotations

from collections import Counter

from bench.bench_engine import busy_border, hand_written
from simex.engine.exercise import Exercise
from simex.events import selector


def _kinds_simex(scenario, seed) -> Counter:
    ex = Exercise(scenario, seed=seed, bots="doctrine", bot_agencies=tuple(a.id for a in scenario.agencies))
    ex.run_to_end()
    out = Counter()
    for e in ex.events:
        name = getattr(e, "action", None) or getattr(e, "expectation", None) or ""
        out[(selector(e), name)] += 1
    return out


def test_the_hand_written_model_emits_what_simex_emits_in_the_same_numbers():
    scenario = busy_border()
    simex, raw = Counter(), Counter()
    for seed in (1, 2, 3):
        simex += _kinds_simex(scenario, seed)
        raw += Counter((kind, name if kind in ("action_taken", "expectation_opened", "expectation_met") else "")
                       for _, kind, *rest in hand_written(seed, scenario.exercise.duration)
                       for name in [rest[0]])
    frequent = {k for k, n in simex.items() if n >= 100}    # the busy crossing's steady work
    assert frequent and frequent <= set(raw), f"the baseline lacks {sorted(frequent - set(raw))}"
    assert set(raw) <= set(simex), f"the baseline does work simex does not: {sorted(set(raw) - set(simex))}"
    for kind in frequent:
        assert abs(raw[kind] - simex[kind]) <= 0.15 * simex[kind], (kind, raw[kind], simex[kind])
    assert abs(sum(raw.values()) - sum(simex.values())) <= 0.05 * sum(simex.values())
