"""Garbage-collection pauses kept out of the console's key presses.

A console with 10,000 events on its timeline holds about 190,000 objects
that Python's cyclic collector tracks (the record, its timeline rows, the
score, Textual's widgets). A full collection walks all of them: 85-110 ms on
a 2-core machine, and Textual allocates enough per key that one came every
15 or so filter presses (bench/bench_tui.py: the filters' median was 35 ms
and their p95 220 ms, from exactly those presses). Nearly all those objects
live as long as the exercise, so walking them again finds nothing.

While a console runs, what survives a full collection is moved out of the
collector's sight (`gc.freeze`): the next full collection walks only what was
made since, and young cycles are collected as before. Right after a full
collection everything left is alive, so nothing dead is frozen. An object
frozen then dropped in a cycle later is freed when the last console closes
(everything is thawed and collected then) or at the next pause of the
exercise (`thaw`), where a one-off 100 ms pass is not in anyone's way.
"""
from __future__ import annotations

import gc

_consoles = 0     # consoles running in this process (tests open many, one after another)


def _freeze_survivors(phase: str, info: dict) -> None:
    if phase == "stop" and info["generation"] == 2:
        gc.freeze()


def console_started() -> None:
    """Collect once now (the record a console opens with is loaded) and
    freeze what survives every full collection until the console closes."""
    global _consoles
    _consoles += 1
    if _freeze_survivors not in gc.callbacks:
        gc.callbacks.append(_freeze_survivors)
    gc.collect()


def thaw() -> None:
    """Let the next full collection walk everything again (and free what
    died in cycles since it was frozen); it freezes the survivors anew."""
    gc.unfreeze()


def console_stopped() -> None:
    global _consoles
    _consoles = max(0, _consoles - 1)
    if _consoles == 0:
        if _freeze_survivors in gc.callbacks:
            gc.callbacks.remove(_freeze_survivors)
        gc.unfreeze()
