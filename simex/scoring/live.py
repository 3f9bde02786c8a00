"""The score of a running exercise, kept up to date as its events arrive.

`score` reads the whole record each time: on a long exercise (10,000 events,
2,500 expectation instances) that is about 0.1 s of CPU, paid again at every
refresh of the console's Scoring tab. `LiveScore` reads only the events that
arrived since its last update and judges again only the instances whose
inputs changed: those just opened or met, reported overdue, mis-routed, whose
office-hours message was just delivered, every one still unmet (its status
and wording follow the clock), and all of them at ENDEX. Each instance is
judged and worded by the function `score` uses (`expectations.judged`), so
the answer is `score`'s, which tests check at every step of every bundled
scenario.

Routing (which messages were mis-routed) is read again from the whole record,
by `score`'s own function, whenever a message or a notification moved.
"""
from __future__ import annotations

from simex.events import (
    Event, ExerciseEnded, ExpectationMet, ExpectationOpened, ExpectationOverdue, MessageDelivered, MessageSent,
)
from simex.narrate import Narrator
from simex.scenario.model import Scenario
from simex.scoring.blocked import not_triggered
from simex.scoring.expectations import ExpectationResult, Score, judged
from simex.scoring.routing import attempts, misrouted_by_instance


class LiveScore:
    def __init__(self, scenario: Scenario, lang: str = "en") -> None:
        self.scenario, self.lang = scenario, lang
        self.expectations = {e.id: e for e in scenario.doctrine}
        self.narrator = Narrator(scenario, lang, mark_simulated=False)
        self._notifications = {e.id for e in scenario.doctrine if e.notify}
        self._reset()

    def _reset(self) -> None:
        self.seen = 0                  # events read
        self._last: Event | None = None
        self.order: list[int] = []     # where each instance was opened, in order
        self.openings: dict[str, list[int]] = {}   # instance -> those places (one, unless a record repeats it)
        self.met: dict[str, ExpectationMet] = {}
        self.unmet: set[str] = set()             # opened and not met: judged against the clock
        self.end: float | None = None
        self.overdue: set[str] = set()
        self.arrived: dict[str, float] = {}
        self.wrong: dict[str, tuple[str, ...]] = {}
        self.results: dict[int, ExpectationResult] = {}
        self._met_by_message: dict[str, list[str]] = {}   # office-hours message -> instances it met

    def update(self, events: list[Event], now: float | None = None) -> tuple[Score, set[str]]:
        """`score(scenario, events, lang, now)`, and the instances whose result
        changed since the last update. `events` is the record so far: the list
        given last time, perhaps longer (another list starts the reading again)."""
        if len(events) < self.seen or (self.seen and events[self.seen - 1] is not self._last):
            self._reset()
        dirty = self._read(events)
        if now is None:
            now = events[-1].t if events else 0.0
        if self.end is None:
            dirty |= self.unmet
        changed = set()
        n = self.narrator
        for instance in dirty:
            for index in self.openings.get(instance, ()):
                result = judged(events, index, self.expectations[events[index].expectation], n,
                                self.met.get(instance), self.end, now, self.overdue,
                                self.wrong.get(instance, ()), self.arrived)
                if self.results.get(index) != result:
                    self.results[index] = result
                    changed.add(instance)
        results = tuple(self.results[i] for i in self.order)
        ended = self.end is not None
        return Score(results, ended, not_triggered(self.scenario, results, ended, self.lang)), changed

    def _read(self, events: list[Event]) -> set[str]:
        """Take in events[seen:]; the instances whose inputs changed."""
        dirty: set[str] = set()
        routed = False           # a message or a notification moved: routing is read again
        notifications = self._notifications
        for index in range(self.seen, len(events)):
            e = events[index]
            kind = type(e)
            if kind is ExpectationOpened:
                if e.expectation in self.expectations:
                    self.order.append(index)
                    self.openings.setdefault(e.instance, []).append(index)
                    if e.instance not in self.met:
                        self.unmet.add(e.instance)
                    dirty.add(e.instance)
                    routed |= e.expectation in notifications
            elif kind is ExpectationMet:
                self.met[e.instance] = e          # the last one counts, as in `score`
                self.unmet.discard(e.instance)
                dirty.add(e.instance)
                routed |= any(events[i].expectation in notifications for i in self.openings.get(e.instance, ()))
                if 0 <= e.by_event < len(events) and isinstance(events[e.by_event], MessageSent):
                    self._met_by_message.setdefault(events[e.by_event].message, []).append(e.instance)
            elif kind is ExpectationOverdue:
                self.overdue.add(e.instance)
                dirty.add(e.instance)
            elif kind is ExerciseEnded:
                if self.end is None:
                    self.end = e.t
                    dirty |= self.unmet
            elif kind is MessageDelivered:
                self.arrived[e.message] = e.t
                dirty.update(self._met_by_message.get(e.message, ()))
            elif kind is MessageSent:
                routed = True
        if len(events) > self.seen:
            self.seen, self._last = len(events), events[-1]
        if routed:
            wrong = misrouted_by_instance(attempts(self.scenario, events))
            dirty.update(i for i in set(wrong) | set(self.wrong) if wrong.get(i) != self.wrong.get(i))
            self.wrong = wrong
        return dirty
