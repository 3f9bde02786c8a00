"""Per doctrine expectation: met on time, late (by how much), missed, open
(too close to the end to judge) or, while the exercise runs, overdue; and
why, in words that name the events behind it.

A pure function of the scenario and the event list, so it gives the same
answer live, after the fact from a journal, or inside a sweep.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass

from simex.durations import format_clock
from simex.localized import duration
from simex.events import (
    ActionTaken, Event, EvidenceTransferred, ExerciseEnded, ExpectationMet, ExpectationOpened, ExpectationOverdue,
    InjectDelivered, MessageDelivered, MessageSent, WorldEvent,
)
from simex.narrate import Narrator, lower_first, capital
from simex.scenario.model import Scenario
from simex.scenario.text import tr
from simex.scoring.blocked import not_triggered
from simex.scoring.routing import attempts, misrouted_by_instance

ON_TIME, LATE, MISSED, OPEN = "on_time", "late", "missed", "open"
# Only while the exercise runs: past its deadline, not met yet. It can still be
# met late, so it is not missed; but it already counts against its task.
OVERDUE = "overdue"


@dataclass(frozen=True)
class ExpectationResult:
    expectation: str
    instance: str
    title: str
    objective: str
    critical_task: str
    who: str
    key: str
    opened: float
    due: float
    status: str
    delay: float | None      # seconds from trigger to fulfilment, if fulfilled
    late_by: float | None    # seconds past the deadline, if late (if overdue: so far)
    why: str
    # Added for the after-action report; defaults keep older callers working.
    trigger: str = ""          # the event that opened it, in words
    trigger_event: int = -1    # its index in the event list (-1: not found)
    met_by: str = ""           # the event that satisfied it, in words, naming the message id
    met_event: int = -1
    within: float = 0.0        # the deadline, seconds after the trigger
    misrouted: tuple[str, ...] = ()  # agencies that got the notification instead
    # A notification to an office-hours desk counts when sent; when it reached
    # the desk is reported here (None: not such a notification, or not
    # delivered before ENDEX, which `why` says).
    delivered: float | None = None


@dataclass(frozen=True)
class Score:
    results: tuple[ExpectationResult, ...]
    ended: bool
    # Expectations never triggered because one they waited on failed (simex.scoring.blocked).
    not_triggered: tuple = ()

    def totals(self) -> dict[str, int]:
        counts = {ON_TIME: 0, LATE: 0, MISSED: 0, OPEN: 0, OVERDUE: 0}
        for r in self.results:
            counts[r.status] += 1
        return counts

    @property
    def percent_on_time(self) -> float:
        return 100.0 * self.totals()[ON_TIME] / len(self.results) if self.results else 100.0

    def to_dict(self) -> dict:
        return {"totals": self.totals(), "percent_on_time": round(self.percent_on_time, 1),
                "expectations": [asdict(r) for r in self.results],
                "not_triggered": [n.to_dict() for n in self.not_triggered]}


def _what(exp, n: Narrator) -> str:
    _ = n.t.gettext
    if exp.do:
        action = n.actions.get((exp.who, exp.do))
        if action is not None and action.title:
            return _("“{action}”").format(action=tr(action.title, n.lang))
        return _("action {action}").format(action=exp.do)
    if getattr(exp, "transfer", None):
        return _("sealed and signed hand-over of {item} to {to}").format(item=exp.transfer, to=exp.to)
    return _("notification of {agency}").format(agency=exp.notify)


def _describe(event: Event, n: Narrator) -> str:
    """What met an expectation, in words: "Customs released vehicle RPM-00039 at T+02:41:00"."""
    _ = n.t.gettext
    at = format_clock(event.t)
    if isinstance(event, ActionTaken):
        return _("{event} at {at}").format(event=n.describe(event), at=at)
    if isinstance(event, EvidenceTransferred):
        return _("{sender} handed {item} to {recipient} at {at}").format(
            sender=n.a(event.sender), item=event.item, recipient=n.a(event.recipient), at=at)
    if isinstance(event, MessageSent):      # over an office-hours channel: the sending counts
        return _("{sender} sent its message to {recipient}'s desk at {at}").format(
            sender=n.a(event.sender), recipient=n.a(event.recipient), at=at)
    if isinstance(event, MessageDelivered):
        return _("The message from {sender} reached {recipient} at {at}").format(
            sender=n.a(event.sender), recipient=n.a(event.recipient), at=at)
    return describe_trigger(event, n)   # only a damaged journal points elsewhere


def describe_evidence(event: Event, n: Narrator | None = None) -> str:
    """Like the `why` wording, but naming the message (M0003) and how it travelled."""
    n = n or Narrator()
    _ = n.t.gettext
    at = format_clock(event.t)
    if isinstance(event, ActionTaken):
        return _("{event} at {at}").format(event=n.describe(event), at=at)
    if isinstance(event, MessageDelivered):
        return _("message {message} from {sender} reached {recipient} {how} at {at}").format(
            message=event.message, sender=n.a(event.sender), recipient=n.a(event.recipient),
            how=n.medium(n.channels.get(event.channel, ""), event.channel), at=at)
    if isinstance(event, MessageSent):
        return _("message {message} from {sender} was sent to {recipient}'s desk {how} (office hours) at {at}").format(
            message=event.message, sender=n.a(event.sender), recipient=n.a(event.recipient),
            how=n.medium(n.channels.get(event.channel, ""), event.channel), at=at)
    if isinstance(event, EvidenceTransferred):
        return _("{sender} handed {item} to {recipient} ({custody}) at {at}").format(
            sender=n.a(event.sender), item=event.item, recipient=n.a(event.recipient), custody=n.custody(event),
            at=at)
    return describe_trigger(event, n)


def trigger_phrase(event: Event, n: Narrator | None = None) -> str:
    """The event that opened an expectation, to follow "after": "the portal alarm on lane 3 (RPM-00018)"."""
    n = n or Narrator()
    _ = n.t.gettext
    if isinstance(event, WorldEvent):
        # a process title starts the default sentence: "Re-scan ... finished" reads "the re-scan ... finished"
        text = n.world(event, details=False)
        if n.lang != "en":    # the article is English grammar
            return text
        text = lower_first(text)
        return f"the {text}" if text[:1].islower() and not text.startswith(("the ", "a ")) else text
    if isinstance(event, ActionTaken):
        return capital(n.action(event, details=False), n.agencies)
    if isinstance(event, MessageDelivered):
        return _("message {message} from {sender} reached {recipient}").format(
            message=event.message, sender=n.a(event.sender), recipient=n.a(event.recipient))
    if isinstance(event, EvidenceTransferred):
        return _("{sender} handed {item} to {recipient}").format(
            sender=n.a(event.sender), item=event.item, recipient=n.a(event.recipient))
    if isinstance(event, InjectDelivered):
        return _("inject {inject} reached {to}").format(inject=event.inject, to=n.names(n.a(x) for x in event.to))
    if isinstance(event, ExpectationOverdue):
        return _("{instance} went overdue").format(instance=event.instance)
    return event.kind.replace("_", " ")


def describe_trigger(event: Event, n: Narrator | None = None) -> str:
    """The event that opened an expectation, in words, with its time."""
    n = n or Narrator()
    return n.t.gettext("{event} at {at}").format(event=trigger_phrase(event, n), at=format_clock(event.t))


def _trigger_index(events: list[Event], index: int, opened: ExpectationOpened, exp) -> int:
    """The event that opened an expectation: the nearest earlier event at the
    same time that matches its trigger (the engine opens it while dispatching)."""
    from simex.engine.triggers import matches  # a pure predicate; no engine state

    if 0 <= opened.trigger_event < index:      # recorded by the engine since journal rows carry it
        return opened.trigger_event
    for i in range(index - 1, -1, -1):  # older journals: search back
        e = events[i]
        if e.t < opened.t:
            break
        if matches(exp.trigger, e):
            return i
    return -1


def judge(opened: ExpectationOpened, hit: ExpectationMet | None, end: float | None, now: float,
          overdue: set[str]) -> tuple[str, float | None, float | None]:
    """(status, delay, late_by) of one instance: the one reading of the numbers,
    which `score` puts into words and `tally` returns bare. `hit`: the event
    that met it; `end`: ENDEX's time if the exercise ended; `overdue`: the
    instances the engine reported overdue."""
    if hit is not None:
        return (LATE, hit.delay, hit.t - opened.due) if hit.late else (ON_TIME, hit.delay, None)
    if end is not None:
        # Triggered too close to ENDEX to be judged: open, not a failure.
        return (MISSED if opened.due <= end else OPEN), None, None
    if opened.due < now or opened.instance in overdue:
        return OVERDUE, None, max(0.0, now - opened.due)
    return OPEN, None, None


@dataclass(frozen=True, slots=True)
class Outcome:
    """An instance's numbers without the words (what a sweep's row needs)."""

    expectation: str
    instance: str
    status: str
    delay: float | None
    late_by: float | None


def tally(scenario: Scenario, events: list[Event], now: float | None = None) -> Score:
    """`score` without the explanations: the same statuses, delays and totals,
    with Outcome results and no `not_triggered`. A sweep runs thousands of
    replications and reads only numbers; writing every `why` was about a
    third of a replication's time."""
    known = {e.id for e in scenario.doctrine}
    met, end, overdue = {}, None, set()
    for e in events:
        kind = type(e)
        if kind is ExpectationMet:
            met[e.instance] = e
        elif kind is ExerciseEnded and end is None:
            end = e.t
        elif kind is ExpectationOverdue:
            overdue.add(e.instance)
    if now is None:
        now = events[-1].t if events else 0.0
    results = []
    for opened in events:
        if type(opened) is ExpectationOpened and opened.expectation in known:
            status, delay, late_by = judge(opened, met.get(opened.instance), end, now, overdue)
            results.append(Outcome(opened.expectation, opened.instance, status, delay, late_by))
    return Score(tuple(results), end is not None)


def score(scenario: Scenario, events: list[Event], lang: str = "en", now: float | None = None) -> Score:
    """`now`: how far the record is known to reach while the exercise runs (the
    console's clock); by default the last event. Ignored once it has ended."""
    expectations = {e.id: e for e in scenario.doctrine}
    n = Narrator(scenario, lang, mark_simulated=False)
    met = {e.instance: e for e in events if isinstance(e, ExpectationMet)}
    end = next((e.t for e in events if isinstance(e, ExerciseEnded)), None)
    if now is None:
        now = events[-1].t if events else 0.0
    # The engine's own word that a deadline passed counts even at `now == due`.
    overdue = {e.instance for e in events if isinstance(e, ExpectationOverdue)}
    # Mis-routes come from the one reading of routing (simex.scoring.routing):
    # a message is judged only against the notification it answers.
    wrong_by_instance = misrouted_by_instance(attempts(scenario, events))
    arrived = {e.message: e.t for e in events if isinstance(e, MessageDelivered)}
    results = []
    for index, opened in enumerate(events):
        if not isinstance(opened, ExpectationOpened):
            continue
        exp = expectations.get(opened.expectation)
        if exp is None:
            continue  # the scenario changed since the run; nothing to judge against
        results.append(judged(events, index, exp, n, met.get(opened.instance), end, now, overdue,
                              wrong_by_instance.get(opened.instance, ()), arrived))
    return Score(tuple(results), end is not None, not_triggered(scenario, results, end is not None, lang))


def judged(events: list[Event], index: int, exp, n: Narrator, hit: ExpectationMet | None, end: float | None,
           now: float, overdue: set[str], wrong: tuple[str, ...], arrived: dict[str, float]) -> ExpectationResult:
    """One instance (opened by events[index]) judged and put into words: what
    `score` does for each, and the live score (simex.scoring.live) for those
    whose inputs changed. `arrived`: each message's delivery time."""
    opened, lang, ended = events[index], n.lang, end is not None
    _, d = n.t.gettext, (lambda seconds: duration(seconds, lang))
    what = _what(exp, n)
    status, delay, late_by = judge(opened, hit, end, now, overdue)
    start = opened.due - exp.within
    trig = _trigger_index(events, index, opened, exp)
    trigger = (describe_trigger(events[trig], n) if trig >= 0
               else _("its trigger at {at}").format(at=format_clock(start)))
    after = trigger_phrase(events[trig], n) if trig >= 0 else _("the trigger")
    met_by, met_event, delivered = "", -1, None
    if hit is not None:
        by = events[hit.by_event] if 0 <= hit.by_event < len(events) else None
        source = _describe(by, n) if by is not None else _("a recorded event")
        if by is not None:
            met_by, met_event = describe_evidence(by, n), hit.by_event
        if status == LATE:
            why = _("{source}, {late} after the {within} deadline").format(
                source=source, late=d(late_by), within=d(exp.within))
        else:
            why = _("{source}, {delay} after {after}").format(source=source, delay=d(hit.delay), after=after)
        if isinstance(by, MessageSent):      # told an office-hours desk: when did it get there?
            delivered = arrived.get(by.message)
            why += "; " + (_("delivered at {at}").format(at=format_clock(delivered)) if delivered is not None
                           else _("not delivered before ENDEX (the desk was closed)"))
    else:
        if status == MISSED:
            why = _("no {what} by {who} before ENDEX").format(what=what, who=n.a(exp.who))
        elif ended:
            # Triggered too close to ENDEX to be judged: not a failure.
            why = _("still within its deadline at ENDEX; no {what} by {who} yet").format(
                what=what, who=n.a(exp.who))
        elif status == OVERDUE:
            why = _("no {what} by {who} yet, {late} past the {within} deadline").format(
                what=what, who=n.a(exp.who), late=d(round(late_by)), within=d(exp.within))
        else:
            why = _("no {what} by {who} yet").format(what=what, who=n.a(exp.who))
        if wrong:
            why += "; " + _("{who} sent it to {wrong} instead (mis-routed)").format(
                who=n.a(exp.who), wrong=", ".join(wrong))
    return ExpectationResult(
        expectation=exp.id, instance=opened.instance, title=tr(exp.title, lang),
        objective=exp.objective, critical_task=exp.critical_task or "", who=exp.who,
        key=opened.key, opened=start, due=opened.due, status=status, delay=delay,
        late_by=late_by, why=why, trigger=trigger, trigger_event=trig, met_by=met_by,
        met_event=met_event, within=exp.within, misrouted=wrong, delivered=delivered)
