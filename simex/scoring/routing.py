"""Notification routing: which messages were attempts to notify, which went
to the right agency, and which were mis-routed.

One reading, shared by the expectations (their `misrouted`), the ratings, the
improvement plan and the coordination metrics, so a report cannot say
"0 mis-routed messages" in one place and "first sent to police" in another.

An *attempt* is a message an agency sent while it still owed a notification:
a notification expectation of that agency, triggered and not yet delivered
(with the same key, e.g. the same vehicle, when the expectation has one). It
is *right* when it goes to an agency it owed a notification to: it answers
that debt and is judged against nothing else (a regulator telling the police
the licence result while it also owes the IAEA a report has mis-routed
nothing). It is *mis-routed* when it goes to an agency it owed nothing; it is
charged to the oldest debt outstanding. A message sent when nothing was owed
is not an attempt.
"""
from __future__ import annotations

from dataclasses import dataclass

from simex.durations import format_clock
from simex.events import Event, ExpectationMet, ExpectationOpened, MessageSent
from simex.languages import translator
from simex.scenario.model import Scenario


@dataclass(frozen=True)
class Attempt:
    message: str
    t: float
    sender: str
    recipient: str
    answers: str        # the instance it answers (a right attempt), else ""
    charged: str        # the instance a mis-routed attempt is charged to, else ""
    expected: str       # for a mis-route: who that instance required notifying


@dataclass(frozen=True)
class Misroute:
    message: str
    t: float
    sender: str
    recipient: str
    expected: str            # who should have been told
    instance: str            # the expectation that was owed when it was sent

    def describe(self, lang: str = "en") -> str:
        return translator(lang).gettext(
            "{sender} sent {message} to {recipient} at {at} while {instance} required notifying {expected}").format(
            sender=self.sender, message=self.message, recipient=self.recipient, at=format_clock(self.t),
            instance=self.instance, expected=self.expected)


@dataclass(frozen=True)
class Routing:
    required: tuple[str, ...]        # "who -> notify [key]" per opened notification expectation
    delivered: tuple[str, ...]       # the required ones that were delivered
    correct_messages: tuple[str, ...]
    misrouted: tuple[Misroute, ...]
    recall: float | None             # delivered / required
    precision: float | None          # correct / (correct + mis-routed) messages
    states_required: tuple[str, ...]
    states_notified: tuple[str, ...]  # States whose required notification was delivered
    state_recall: float | None


def _debts(scenario: Scenario, events: list[Event]) -> list[tuple[ExpectationOpened, object, float | None]]:
    """Every opened notification expectation with the time it was met (None: never)."""
    exps = {e.id: e for e in scenario.doctrine if e.notify}
    met_at = {e.instance: e.t for e in events if isinstance(e, ExpectationMet)}
    return [(e, exps[e.expectation], met_at.get(e.instance)) for e in events
            if isinstance(e, ExpectationOpened) and e.expectation in exps]


def attempts(scenario: Scenario, events: list[Event]) -> tuple[Attempt, ...]:
    debts = _debts(scenario, events)
    out = []
    for m in (e for e in events if isinstance(e, MessageSent)):
        owed = [(o, x) for o, x, done in debts
                if m.sender == x.who and m.t >= o.t and (done is None or done >= m.t)
                and (not x.key or str(m.facts.get(x.key)) == o.key)]
        if not owed:
            continue
        answered = next((o.instance for o, x in owed if x.notify == m.recipient), "")
        oldest, exp = owed[0]
        out.append(Attempt(m.message, m.t, m.sender, m.recipient, answered,
                           "" if answered else oldest.instance, "" if answered else exp.notify))
    return tuple(out)


def misrouted_by_instance(found: tuple[Attempt, ...]) -> dict[str, tuple[str, ...]]:
    """The agencies each instance's mis-routed attempts went to, in order."""
    out: dict[str, list[str]] = {}
    for a in found:
        if a.charged and a.recipient not in out.setdefault(a.charged, []):
            out[a.charged].append(a.recipient)
    return {k: tuple(v) for k, v in out.items()}


def _ratio(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def routing(scenario: Scenario, events: list[Event], score=None) -> Routing:
    """Recall and precision of notifications, and the States reached.

    A State (or organisation) counts as reached when a notification doctrine
    required to one of its agencies was delivered: a message that went to the
    wrong agency reaches nobody it had to reach, even in the right State.
    (`score` is accepted for older callers and not needed.)"""
    debts = _debts(scenario, events)
    found = attempts(scenario, events)
    correct = tuple(a.message for a in found if a.answers)
    wrong = tuple(Misroute(a.message, a.t, a.sender, a.recipient, a.expected, a.charged)
                  for a in found if a.charged)

    def label(o, x) -> str:
        return f"{x.who} -> {x.notify}" + (f" [{o.key}]" if o.key else "")

    required = [label(o, x) for o, x, _ in debts]
    delivered = [label(o, x) for o, x, done in debts if done is not None]
    where = {a.id: a.jurisdiction for a in scenario.agencies}
    states_req = sorted({where.get(x.notify, "") for _, x, _ in debts} - {""})
    states_told = sorted({where.get(x.notify, "") for _, x, done in debts if done is not None} - {""})
    return Routing(tuple(required), tuple(delivered), correct, wrong,
                   _ratio(len(delivered), len(required)), _ratio(len(correct), len(correct) + len(wrong)),
                   tuple(states_req), tuple(states_told), _ratio(len(states_told), len(states_req)))
