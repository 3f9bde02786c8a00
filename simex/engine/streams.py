"""Named random streams derived from the exercise seed.

Each stochastic process draws from its own stream, so adding a process (or a
bot) does not shift the numbers any other process sees. `random.Random`
seeded with a string hashes it with SHA-512, which is stable across Python
runs and platforms (unlike `hash()`).

A counterfactual (simex.whatif) replays an exercise up to a change and then
`fork`s: from that moment every stream, those already drawing and those
created later, draws from a seed of its own name and the fork's label. Two
runs forked with the same label (the exercise as played and the changed one)
therefore give each process the same numbers after the change, as long as
the process asks for them in the same order (common random numbers).
"""
from __future__ import annotations

import random


class Streams:
    def __init__(self, seed: int):
        self.seed = seed
        self.label = ""
        self._streams: dict[str, random.Random] = {}

    def __call__(self, name: str) -> random.Random:
        rng = self._streams.get(name)
        if rng is None:
            rng = self._streams[name] = random.Random(self._seed_of(name))
        return rng

    def _seed_of(self, name: str) -> str:
        return f"simex/{self.seed}/{name}" + (f"/{self.label}" if self.label else "")

    def fork(self, label: str) -> None:
        """Reseed every stream in place (processes keep the objects they hold)
        and every stream made from now on, from its name and `label`."""
        self.label = label
        for name in sorted(self._streams):
            self._streams[name].seed(self._seed_of(name))
