"""Mutants of the bundled scenarios: rejected with located problems, or run.

tools/mutate.py breaks the bundled scenarios the way hurried authors, bad
merges and damaged disks do (deleted keys, wrong types, 1e308 and NaN,
very long strings, unknown and duplicated ids, lists for mappings,
truncation, flipped bytes), and also pushes numbers to the edges of their
ranges so that many mutants still validate. Each mutant must either be
refused with problems located at a line and column, one readable line each,
or validate and then run headless over two days of scenario time with bots
playing every agency: no traceback, no world process fault, no hang.

CI checks a seeded subset; `python tools/fuzz_scenarios.py -n 2000` runs the
full set and prints the figures. The tests after the first pin each class of
failure the fuzzer found, so that it stays fixed whatever the mutator draws.
"""
from __future__ import annotations

import pytest

from simex.scenario.loader import check_text
from tests.conftest import BORDER
from tools.fuzz_scenarios import RAN, REJECTED, fuzz
from tools.mutate import DATA_MUTATIONS, TEXT_MUTATIONS, flip_bytes, mutant

COUNT = 800   # about 25 s on a busy 2-core machine


def test_seeded_mutants_are_rejected_with_located_problems_or_run_to_the_horizon():
    kinds = set()

    def seen(done, m, outcome):
        kinds.update(m.kinds)

    tally, failures = fuzz(COUNT, seed=1, horizon=2 * 86400.0, time_limit=60.0, progress=seen)
    report = "\n".join(f"{outcome.kind}: {m.describe()}\n  {outcome.detail}" for m, outcome in failures)
    assert not failures, report
    assert tally[REJECTED] + tally[RAN] == COUNT
    # The subset exercises both halves and every kind of mutation.
    assert tally[RAN] > COUNT // 10 and tally[REJECTED] > COUNT // 2, tally
    every = {f.__name__ for f in DATA_MUTATIONS + TEXT_MUTATIONS} | {flip_bytes.__name__}
    assert every <= kinds, every - kinds


def test_a_mutant_is_a_function_of_seed_and_index():
    a, b, c = mutant(7, 42), mutant(7, 42), mutant(7, 43)
    assert (a.text, a.raw, a.steps) == (b.text, b.raw, b.steps)
    assert (a.text, a.raw) != (c.text, c.raw)


LONG = "é" * 5000


def problem_for(old: str, new: str) -> str:
    text = BORDER.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    scenario, problems = check_text(text.replace(old, new), "b.yaml")
    line = text[: text.index(old)].count("\n") + 1
    assert scenario is None
    return next(p.message for p in problems if p.line == line)


@pytest.mark.parametrize("old, new, start", [
    # A value quoted by the checks (an unknown event name).
    ("trigger: {event: rpm.alarm}", f"trigger: {{event: {LONG}}}", f"unknown event '{'é' * 57}...'"),
    # A value quoted by the duration parser.
    ("    at: 1h45m", f"    at: {LONG}", f"expected a duration like '45s', '15m', '1h30m' or '2d', got '{'é' * 57}...'"),
    # A value quoted by the model's messages (a distribution's kind).
    ("delay: {dist: lognormal, median: 2m, sigma: 0.6}", f"delay: {{dist: {LONG}, median: 2m, sigma: 0.6}}",
     f"'{'é' * 57}...' is not one of: fixed, uniform"),
])
def test_a_value_of_thousands_of_characters_is_quoted_by_its_beginning(old, new, start):
    """Found by the fuzzer: problems quoting a 5,000-character value in full."""
    message = problem_for(old, new)
    assert message.startswith(start) and len(message) <= 500, message


def test_no_problem_is_longer_than_a_readable_line():
    """Choices 5,000 characters long, listed unquoted in "not a choice of", are cut."""
    text = BORDER.read_text(encoding="utf-8")
    old = "choices: [innocent, false_alarm, anomalous]"
    assert text.count(old) == 1
    scenario, problems = check_text(text.replace(old, f"choices: [{'a' * 5000}, {'b' * 5000}]"), "b.yaml")
    cited = [p.message for p in problems if "is not a choice of 'outcome'" in p.message]
    assert cited and all(len(m) <= 500 and m.endswith("...") for m in cited)
