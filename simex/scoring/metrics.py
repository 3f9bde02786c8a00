"""Coordination metrics, each explained by the events behind it.

- notification times: trigger -> delivery of each required notification;
- routing: recall and precision of notifications against the agencies (and
  States) doctrine says must be told, and the mis-routed messages;
- who knew what when: the first time each agency learned each fact that
  travelled between agencies, and from which event;
- consistency: the same fact reported with different values in different
  messages (e.g. two activities for the same vehicle);
- responder dose against turn-back guidance, where the scenario models dose.

Pure functions of the scenario and the event list.
"""
from __future__ import annotations

from dataclasses import dataclass

from simex.durations import format_clock
from simex.narrate import Narrator, capital
from simex.events import ActionTaken, Event, InjectDelivered, MessageDelivered, MessageSent, WorldEvent
from simex.languages import translator
from simex.scenario.model import Scenario
from simex.scoring.expectations import Score
from simex.scoring.routing import Misroute, Routing, routing  # noqa: F401  (routing lived here)

# Turn-back dose when the event does not say which applies: IAEA EPR-First
# Responders 2006, "avert a large collective dose" (simex.domain.cordons).
DEFAULT_TURN_BACK_MSV = 50.0


@dataclass(frozen=True)
class NotificationTime:
    instance: str
    who: str
    notify: str
    key: str
    trigger: str
    trigger_t: float
    delivered_t: float | None
    delay: float | None      # trigger -> delivery, seconds
    status: str              # on_time / late / missed / open
    evidence: str            # the message that satisfied it, in words


@dataclass(frozen=True)
class Knowledge:
    agency: str
    fact: str
    value: str
    t: float
    source: str


@dataclass(frozen=True)
class Inconsistency:
    """The same fact about the same incident, left with different values at
    different recipients: each recipient's latest report is listed. A value
    that was updated and then sent to everyone is not an inconsistency."""
    key: str                         # e.g. "vehicle=NV-4471-KB"; "" when the scenario has no keys
    fact: str
    reports: tuple[tuple[str, str, str, str], ...]   # (value, message id, channel, recipient), latest per recipient

    def describe(self, lang: str = "en") -> str:
        _ = translator(lang).gettext
        # Translators: {value} a fact's value, {message} and {channel} the message that carried it
        parts = "; ".join(_("{recipient} has {value} ({message}, {channel})").format(
            recipient=r, value=v, message=m, channel=c) for v, m, c, r in self.reports)
        if self.key:
            return _("{fact} for {key}: recipients were left with different values: {parts}").format(
                fact=self.fact, key=self.key, parts=parts)
        return _("{fact}: recipients were left with different values: {parts}").format(fact=self.fact, parts=parts)


@dataclass(frozen=True)
class DoseRecord:
    responder: str
    dose_mSv: float
    turn_back_mSv: float
    t: float
    exceeded: bool           # reached or passed the turn-back dose
    source: str


@dataclass(frozen=True)
class Coordination:
    notifications: tuple[NotificationTime, ...]
    routing: Routing
    knowledge: tuple[Knowledge, ...]
    inconsistencies: tuple[Inconsistency, ...]
    dose_modelled: bool
    doses: tuple[DoseRecord, ...]


def notification_times(scenario: Scenario, score: Score) -> tuple[NotificationTime, ...]:
    notify = {e.id: e.notify for e in scenario.doctrine if e.notify}
    out = []
    for r in score.results:
        if r.expectation not in notify:
            continue
        delivered = r.opened + r.delay if r.delay is not None else None
        out.append(NotificationTime(r.instance, r.who, notify[r.expectation], r.key, r.trigger, r.opened,
                                    delivered, r.delay, r.status, r.met_by))
    return tuple(out)


def _facts_in(events: list[Event]) -> set[tuple[str, str]]:
    """Facts that travelled between agencies (messages and injects)."""
    out = set()
    for e in events:
        if isinstance(e, (MessageSent, InjectDelivered)):
            out |= {(k, str(v)) for k, v in e.facts.items() if v not in ("", None)}
    return out


def knowledge(events: list[Event], scenario: Scenario | None = None) -> tuple[Knowledge, ...]:
    """Who knew what when: first time each agency learned each travelling fact."""
    n = Narrator(scenario, mark_simulated=False)
    wanted = _facts_in(events)
    first: dict[tuple[str, str, str], Knowledge] = {}

    def learn(agency: str, facts: dict, t: float, source: str) -> None:
        for k, v in facts.items():
            item = (k, str(v))
            if item in wanted and (agency, *item) not in first:
                first[(agency, *item)] = Knowledge(agency, k, str(v), t, source)

    for e in events:
        at = format_clock(e.t)
        if isinstance(e, InjectDelivered):
            for agency in e.to:
                learn(agency, e.facts, e.t, f"inject {e.inject} at {at}")
        elif isinstance(e, MessageDelivered):
            learn(e.recipient, e.facts, e.t, f"message {e.message} from {n.a(e.sender)} at {at}")
        elif isinstance(e, WorldEvent) and e.observer:
            learn(e.observer, e.facts, e.t, f"{capital(n.world(e, details=False))} at {at}")
        elif isinstance(e, ActionTaken):
            learn(e.agency, e.params, e.t, f"{n.describe(e)} at {at}")
    return tuple(sorted(first.values(), key=lambda k: (k.agency, k.t, k.fact)))


def consistency(scenario: Scenario, events: list[Event]) -> tuple[Inconsistency, ...]:
    """Channel coherence: for each fact reported about the same key value (or
    about the exercise, when the scenario has no keys), the latest value each
    recipient got; different latest values are an inconsistency."""
    keys = sorted({e.key for e in scenario.doctrine if e.key})
    latest: dict[str, dict[str, dict[str, tuple[str, str, str, str]]]] = {}
    for m in (e for e in events if isinstance(e, MessageSent)):
        for key in keys or [""]:
            if key and key not in m.facts:
                continue
            label = f"{key}={m.facts[key]}" if key else ""
            for fact, value in m.facts.items():
                if fact in keys:
                    continue
                latest.setdefault(label, {}).setdefault(fact, {})[m.recipient] = (
                    str(value), m.message, m.channel, m.recipient)
    out = []
    for label, facts in sorted(latest.items()):
        for fact, by_recipient in sorted(facts.items()):
            reports = sorted(by_recipient.values(), key=lambda r: r[1])
            if len({v for v, *_ in reports}) > 1:
                out.append(Inconsistency(label, fact, tuple(reports)))
    return tuple(out)


def _number(value) -> float | None:
    if isinstance(value, bool):
        return None
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def doses(events: list[Event]) -> tuple[bool, tuple[DoseRecord, ...]]:
    """Responder doses from events that carry `dose_mSv` (or `dose_uSv`) and a
    responder, team or agency. The dose is the ground truth when the event has
    it (a team without dosimeters still receives its dose), else what was
    measured; the turn-back dose is `turn_back_mSv`, else the default."""
    worst: dict[str, DoseRecord] = {}
    limits: dict[str, float] = {}
    modelled = False
    for e in events:
        bags = [getattr(e, b, None) or {} for b in ("facts", "truth", "params")]
        merged = {k: v for bag in bags for k, v in bag.items()}
        who = str(merged.get("responder") or merged.get("team") or getattr(e, "observer", "")
                  or getattr(e, "agency", "") or "?")
        limit = _number(merged.get("turn_back_mSv"))
        if limit is not None:
            limits[who] = limit
        if not any("dose_mSv" in b or "dose_uSv" in b for b in bags):
            continue
        modelled = True
        truth = getattr(e, "truth", None) or {}
        dose = _number(truth.get("dose_mSv"))
        if dose is None:
            dose = next((d for d in (_number(b.get("dose_mSv")) for b in bags) if d is not None), None)
        if dose is None:
            micro = next((d for d in (_number(b.get("dose_uSv")) for b in bags) if d is not None), None)
            dose = micro / 1000.0 if micro is not None else None
        if dose is None:
            continue
        turn_back = limits.get(who, DEFAULT_TURN_BACK_MSV)
        what = e.selector if isinstance(e, WorldEvent) else e.kind
        reached = dose >= turn_back - 1e-9 or (isinstance(e, WorldEvent) and e.name == "exceeded")
        rec = DoseRecord(who, dose, turn_back, e.t, reached, f"{what} at {format_clock(e.t)}")
        if who not in worst or dose > worst[who].dose_mSv:
            worst[who] = rec
    return modelled, tuple(sorted(worst.values(), key=lambda d: d.responder))


def coordination(scenario: Scenario, events: list[Event], score: Score) -> Coordination:
    modelled, dose_records = doses(events)
    return Coordination(notification_times(scenario, score), routing(scenario, events),
                        knowledge(events, scenario), consistency(scenario, events), modelled, dose_records)
