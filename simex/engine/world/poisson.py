"""Poisson counts, exact for every mean, at a cost that does not grow with it.

The portal counts the quiet conveyances between two alarms with one draw
(portal.py). Multiplying uniforms until their product falls below
exp(-mean) (Knuth) is exact but costs mean + 1 uniforms: one per quiet
conveyance, which is the per-vehicle cost thinning is there to remove; a
normal approximation is cheap but not Poisson (it has no skew, where a
Poisson count's is 1/sqrt(mean)). So:

- mean < 10: inversion by sequential search, one uniform and about
  mean + 1 multiplications;
- mean >= 10: PTRS, Hörmann's transformed rejection with squeeze
  (W. Hörmann, "The transformed rejection method for generating Poisson
  random variables", Insurance: Mathematics and Economics 12 (1993)
  39-45), the method numpy uses from 10 up: two uniforms per try and
  1.1 to 1.35 tries per count whatever the mean, many settled by a squeeze
  without a logarithm. Exact: a rejected try is redrawn and the final
  test is against the Poisson pmf itself.

Only `rng.random()` is drawn, so the count is a function of the stream:
the same stream gives the same counts.
"""
from __future__ import annotations

import math

__all__ = ["poisson"]

_PTRS_FROM = 10.0     # Hörmann's constants hold from here up (and numpy switches here)


def poisson(rng, mean: float) -> int:
    """A Poisson count with the given mean, drawn from `rng` (a
    `random.Random`); 0, with no draw, for a mean of 0 or less."""
    if mean <= 0:
        return 0
    if mean < _PTRS_FROM:
        return _inversion(rng.random(), mean)
    if not mean < math.inf:   # inf, or nan (which no comparison above caught)
        raise ValueError(f"a Poisson mean must be a finite number, not {mean}")
    return _ptrs(rng.random, mean)


def _inversion(u: float, mean: float) -> int:
    """The smallest k with P(K <= k) >= u, summing the pmf from 0."""
    k, p = 0, math.exp(-mean)
    total = p
    while u > total:
        k += 1
        p *= mean / k
        more = total + p
        if more == total:      # the rest of the tail is below a double's resolution
            break
        total = more
    return k


def _ptrs(random, mean: float) -> int:
    """Hörmann's PTRS (1993), step for step as in the paper (and as numpy's
    random_poisson_ptrs)."""
    b = 0.931 + 2.53 * math.sqrt(mean)
    a = -0.059 + 0.02483 * b
    v_r = 0.9277 - 3.6224 / (b - 2)
    while True:
        u = random() - 0.5
        v = random()
        us = 0.5 - abs(u)
        if us < 0.013 and v >= us:
            # Rejected outright. The paper rejects v > us; v == us has
            # probability 0, and rejecting it too means us == 0 (random()
            # returned exactly 0) never reaches the division below. Tested
            # before k is formed, which changes no outcome.
            continue
        k = math.floor((2 * a / us + b) * u + mean + 0.43)
        if us >= 0.07 and v <= v_r:
            return k          # the squeeze: inside the hat's certain region
        if k < 0:
            continue
        # The full test against the pmf, with its logarithms taken here only:
        # the squeeze above settles four tries in five at a mean of 5,000, two
        # in three at 49, two in five at 10. v == 0: log(v) is minus
        # infinity, always accepted.
        inv_alpha = 1.1239 + 1.1328 / (b - 3.4)
        if v == 0.0 or (math.log(v * inv_alpha / (a / (us * us) + b))
                        <= -mean + k * math.log(mean) - math.lgamma(k + 1)):
            return k
