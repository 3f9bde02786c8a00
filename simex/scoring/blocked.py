"""Doctrine expectations that were never triggered because an earlier one failed.

The police cannot take the lead of a case nobody told them about: when an
expectation's trigger is another expectation's fulfilment (a notification
delivered, an action taken, evidence handed over) and that one was missed,
the later step was not performed either. Rated as "no expectation
triggered" it would show "—", as if nothing had been asked; it is a failure,
with the failure that caused it as its reason.

Only direct links are followed (what the fulfilling event would match), and
through them the whole chain: a step waiting on a step that never happened
never happened either. Steps that follow through the world model (a
reachback result after a reachback request) are not inferred. Only an ended
record is judged: while the exercise runs, a late fulfilment may still come.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass

from simex.durations import format_clock
from simex.events import ActionTaken, Event, EvidenceTransferred, MessageDelivered
from simex.languages import translator
from simex.scenario.model import Expectation, Scenario
from simex.scenario.text import tr


@dataclass(frozen=True)
class NotTriggered:
    expectation: str
    title: str
    objective: str
    critical_task: str
    who: str
    because: tuple[str, ...]   # the missed instances (or never-triggered expectations) it waited on
    why: str
    roots: tuple[str, ...] = ()  # the missed instances at the start of the chain

    def to_dict(self) -> dict:
        return asdict(self)


def _fulfilment(exp: Expectation) -> Event:
    """The event that would have met `exp` (its details as doctrine names them)."""
    if exp.do:
        return ActionTaken(t=0.0, agency=exp.who, action=exp.do, params=dict(exp.with_))
    if exp.transfer:
        return EvidenceTransferred(t=0.0, item=exp.transfer, sender=exp.who, recipient=exp.to or "",
                                   sealed=True, signed=True)
    fields = {k: v for k, v in exp.with_.items() if k == "classification"}
    return MessageDelivered(t=0.0, message="", sender=exp.who, recipient=exp.notify or "", channel="",
                            subject="", facts={k: v for k, v in exp.with_.items() if k != "classification"},
                            **fields)


def not_triggered(scenario: Scenario, results, ended: bool, lang: str = "en") -> tuple[NotTriggered, ...]:
    """`results`: the ExpectationResults of a record. Empty unless it has ended."""
    if not ended:
        return ()
    from simex.engine.triggers import matches  # a pure predicate; no engine state

    opened = {r.expectation for r in results}
    due = {r.instance: format_clock(r.due) for r in results}

    _ = translator(lang).gettext

    def named(names) -> str:     # a missed instance with its deadline, so the reason gives a time
        return "; ".join(_("{name}, missed at its {due} deadline").format(name=n, due=due[n]) if n in due
                         else _("{name}, never triggered either").format(name=n) for n in names)

    failed: dict[str, list[str]] = {}
    for r in results:
        if r.status == "missed":
            failed.setdefault(r.expectation, []).append(r.instance)
    doctrine = {e.id: e for e in scenario.doctrine}
    out: dict[str, NotTriggered] = {}
    grew = True
    while grew:          # follow the chain: blocked steps block the steps that wait on them
        grew = False
        for exp in scenario.doctrine:
            if exp.id in opened or exp.id in out:
                continue
            causes = tuple(name for up, names in failed.items()
                           if matches(exp.trigger, _fulfilment(doctrine[up])) for name in names)
            if not causes:
                continue
            roots = tuple(dict.fromkeys(r for c in causes for r in (out[c].roots if c in out else (c,))))
            why = _("{expectation} never triggered: it needed {causes}").format(expectation=exp.id,
                                                                                  causes=named(causes))
            if roots != causes:
                why += "; " + _("the chain starts at {roots}").format(roots=named(roots))
            out[exp.id] = NotTriggered(exp.id, tr(exp.title, lang), exp.objective, exp.critical_task or "",
                                       exp.who, causes, why, roots)
            failed[exp.id] = [exp.id]
            grew = True
    return tuple(out[e.id] for e in scenario.doctrine if e.id in out)
