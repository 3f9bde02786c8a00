"""The scoring casebook: small exercises judged by hand, each with the
values an evaluator would work out with a pencil (tests/scoring_casebook/).
Every metric the evaluation reports and every rating rule of
docs/evaluation.md is exercised by at least one case."""
from __future__ import annotations

import pytest

from simex.scoring import evaluate
from tests.scoring_casebook import cases_custody, cases_metrics, cases_ratings, cases_routing, cases_timing
from tests.scoring_casebook.framework import OBSERVE, check

CASES = [*cases_timing.CASES, *cases_routing.CASES, *cases_custody.CASES, *cases_ratings.CASES,
         *cases_metrics.CASES]


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_case(case):
    scenario, events = case.play()
    now = None if case.until is None else case.until * 60.0
    check(case, evaluate(scenario, events, now=now))


def test_the_casebook_covers_every_metric_and_rating():
    """Each thing a case can state is stated by some case, and every rating
    (and 'no suggestion') is the expected answer somewhere."""
    assert len(CASES) >= 25 and len({c.name for c in CASES}) == len(CASES)
    assert {key for c in CASES for key in c.expect} == set(OBSERVE)
    given = {v for c in CASES for v in c.expect.get("ratings", {}).values()}
    assert given == {"P", "S", "M", "U", None}
