"""The Poisson sampler the portal counts its quiet traffic with: exact for
every mean (its draws follow the Poisson pmf, also where a normal
approximation used to stand in), deterministic from the stream it is
given, and cheap whatever the mean (a few uniforms per count, not one per
conveyance counted)."""
from __future__ import annotations

import math
import random

import pytest

from simex.engine.world.poisson import poisson

MEANS = (0.5, 3, 9.9, 10, 30, 49, 60, 200, 5000)
DRAWS = 100_000


def pmf(k: int, mean: float) -> float:
    return math.exp(k * math.log(mean) - mean - math.lgamma(k + 1))


def chi_square(draws: list[int], mean: float) -> tuple[float, int]:
    """Pearson's statistic over bins with at least 20 expected draws (the
    tails pooled into the outermost bins), and its degrees of freedom."""
    n = len(draws)
    counts: dict[int, int] = {}
    for k in draws:
        counts[k] = counts.get(k, 0) + 1
    low = high = math.floor(mean)
    while low > 0 and n * pmf(low - 1, mean) >= 20:
        low -= 1
    while n * pmf(high + 1, mean) >= 20:
        high += 1
    below = sum(pmf(k, mean) for k in range(low))           # P(K < low), pooled into `low`
    inside = sum(pmf(k, mean) for k in range(low, high + 1))
    expected = {k: n * pmf(k, mean) for k in range(low, high + 1)}
    expected[low] += n * below
    expected[high] += n * max(0.0, 1.0 - below - inside)   # P(K > high), pooled into `high`
    observed = {k: 0 for k in expected}
    for k, c in counts.items():
        observed[min(max(k, low), high)] += c
    stat = sum((observed[k] - e) ** 2 / e for k, e in expected.items())
    return stat, len(expected) - 1


def critical(df: int, z: float = 4.5) -> float:
    """The chi-square quantile z standard deviations out (Wilson-Hilferty;
    z = 4.5 is a p-value near 3e-6: a correct sampler does not reach it)."""
    return df * (1 - 2 / (9 * df) + z * math.sqrt(2 / (9 * df))) ** 3


@pytest.mark.parametrize("mean", MEANS)
def test_the_counts_follow_the_poisson_distribution(mean):
    """Pearson's chi-square against the pmf, and the mean and variance, at
    means on both sides of the switch between methods (10) and where the old
    sampler used a rounded normal (above 50), and the third central moment,
    which is the mean for a Poisson count and about 0 for a rounded normal
    (the chi-square alone does not see that skew at these sample sizes).
    Fixed seeds: the verdict cannot change from run to run."""
    rng = random.Random(f"poisson-{mean}")
    draws = [poisson(rng, mean) for _ in range(DRAWS)]
    stat, df = chi_square(draws, mean)
    assert stat < critical(df), (mean, stat, df)
    average = sum(draws) / DRAWS
    variance = sum((k - average) ** 2 for k in draws) / (DRAWS - 1)
    assert abs(average - mean) < 5 * math.sqrt(mean / DRAWS)
    # The sample variance's own spread is about mean x sqrt(2 / n) (plus a
    # kurtosis term of 1 / mean, small here).
    assert abs(variance - mean) < 5 * mean * math.sqrt((2 + 1 / mean) / DRAWS)
    # Poisson: mu3 = mean and Var((K - mean)^3) = mean + 24 mean^2 + 15 mean^3.
    third = sum((k - average) ** 3 for k in draws) / DRAWS
    assert abs(third - mean) < 5 * math.sqrt((mean + 24 * mean ** 2 + 15 * mean ** 3) / DRAWS)


@pytest.mark.parametrize("mean", (0.5, 10, 5000))
def test_the_probability_of_single_counts_matches_the_pmf(mean):
    """The frequency of the mode and of a count two standard deviations out
    match their probabilities (a tail the normal approximation got wrong)."""
    rng = random.Random(7)
    draws = [poisson(rng, mean) for _ in range(DRAWS)]
    for k in (math.floor(mean), math.floor(mean + 2 * math.sqrt(mean))):
        p = pmf(k, mean)
        assert abs(draws.count(k) / DRAWS - p) < 5 * math.sqrt(p * (1 - p) / DRAWS), (mean, k)


def test_the_same_stream_gives_the_same_counts():
    means = [0.2, 4.0, 9.99, 10.0, 49.0, 1e4, 3.7e7]
    first = [poisson(random.Random(42), m) for m in means]
    again = [poisson(random.Random(42), m) for m in means]
    assert first == again
    one_stream, other = random.Random(42), random.Random(42)
    assert [poisson(one_stream, m) for m in means * 50] == [poisson(other, m) for m in means * 50]


def test_no_time_no_traffic():
    """A mean of 0 (no time passed, or no traffic) counts nothing and draws nothing."""
    rng = random.Random(1)
    state = rng.getstate()
    assert poisson(rng, 0.0) == 0 and poisson(rng, -1e-12) == 0
    assert rng.getstate() == state


def test_a_mean_that_is_not_a_number_is_refused():
    with pytest.raises(ValueError, match="mean"):
        poisson(random.Random(1), math.nan)
    with pytest.raises(ValueError, match="mean"):
        poisson(random.Random(1), math.inf)


class Counting(random.Random):
    """A stream that counts the uniforms drawn from it."""
    uniforms = 0

    def random(self) -> float:
        self.uniforms += 1
        return super().random()


@pytest.mark.parametrize("mean", (3, 9.9, 10, 49, 200, 5000, 1e6))
def test_a_count_costs_a_few_uniforms_whatever_the_mean(mean):
    """Multiplying uniforms until their product falls below exp(-mean) costs
    mean + 1 of them per count: one per quiet conveyance, about 50 per alarm
    at a busy crossing. Inversion (small means) costs one; the transformed
    rejection (PTRS) two per try and 1.1 to 1.35 tries, whatever the mean."""
    rng = Counting(3)
    for _ in range(2000):
        poisson(rng, mean)
    per_count = rng.uniforms / 2000
    assert per_count == 1 if mean < 10 else per_count < 3, per_count
