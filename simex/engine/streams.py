"""Named random streams derived from the exercise seed.

Each stochastic process draws from its own stream, so adding a process (or a
bot) does not shift the numbers any other process sees. `random.Random`
seeded with a string hashes it with SHA-512, which is stable across Python
runs and platforms (unlike `hash()`).
"""
from __future__ import annotations

import random


class Streams:
    def __init__(self, seed: int):
        self.seed = seed
        self._streams: dict[str, random.Random] = {}

    def __call__(self, name: str) -> random.Random:
        rng = self._streams.get(name)
        if rng is None:
            rng = self._streams[name] = random.Random(f"simex/{self.seed}/{name}")
        return rng
