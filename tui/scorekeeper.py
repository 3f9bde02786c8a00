"""The live score of a console, kept up to date in worker threads.

The facilitator's Scoring tab (tui/panes.py) and the evaluator's
(tui/evaluator.py) both show the score of an exercise that may run to
10,000 events. Neither a tick nor a key waits for it: each refresh asks a
worker thread to bring a `LiveScore` (simex.scoring.live) up to date with
the events that arrived since its last turn. One computation runs at a
time (the live score is not shared between threads), and one asked while
another ran is skipped if a newer one was asked after it: refreshes that
pile up (a busy machine, a fast clock, a burst of events) are made as one.
"""
from __future__ import annotations

import threading
from typing import Callable

from simex.scenario.model import Scenario
from simex.scoring.expectations import Score
from simex.scoring.live import LiveScore

# (events, now, score, instances whose result changed): in the worker thread, in its turn.
Then = Callable[[list, float, Score, set], None]


class ScoreKeeper:
    def __init__(self, scenario: Scenario, lang: str, then: Then) -> None:
        self.live = LiveScore(scenario, lang)   # read and written in a turn only
        self.then = then
        self._asked = 0                         # computations asked; only the latest is made
        self._turn = threading.Lock()

    def ask(self, node, events: list, now: float) -> None:
        """Score `events` (the record so far, a snapshot the caller no longer
        changes) at `now`, in a worker of `node` (a widget or an app)."""
        self._asked += 1
        asked = self._asked
        node.run_worker(lambda: self._turn_of(asked, events, now), thread=True, group="scores")

    def _turn_of(self, asked: int, events: list, now: float) -> None:
        with self._turn:
            if asked == self._asked:
                result, changed = self.live.update(events, now)
                self.then(events, now, result, changed)
