"""The scoring casebook's frame: one small exercise every case shares, the
commands a case plays, and what a case may state about the evaluation.

A case is a scenario fragment (its doctrine, and any section it changes), a
few commands stamped in minutes after STARTEX, and the values an evaluator
would work out with a pencil: statuses, delays, metrics, P/S/M/U with the
reason. The engine plays the commands (people play every agency, no bots),
so the journal is the one `simex play` would write; `simex.scoring.evaluate`
is then judged against the case.

The shared exercise: STARTEX Tuesday 17 March 2026, 07:00 UTC, six hours.
State A: customs, police, regulator, lab. State B: its liaison point b-lp.
Every channel is a phone line with a fixed 2 min delay, open 24/7. Evidence
EV1 (seal S-1) is found at T+5m, held by customs. Objectives: O1 (CT1, CT2)
and O2 (CT3). Most cases start with customs holding truck V1 at T+10m.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from simex.engine import commands as c
from simex.engine.exercise import Exercise
from tests.conftest import make_scenario

AGENCIES = [
    {"id": "customs", "name": "Customs", "jurisdiction": "A", "kind": "customs", "actions": [
        {"id": "hold", "title": "Hold", "params": [{"name": "vehicle"}]},
        {"id": "inspect", "title": "Inspect", "params": [{"name": "vehicle"}]},
        {"id": "adjudicate", "title": "Adjudicate", "params": [
            {"name": "vehicle"}, {"name": "outcome", "type": "choice", "choices": ["anomalous", "innocent"]}]},
        {"id": "report_dose", "title": "Report a dose", "params": [
            {"name": "responder"}, {"name": "dose_mSv", "type": "number"},
            {"name": "turn_back_mSv", "type": "number", "required": False}]}]},
    {"id": "police", "name": "Police", "jurisdiction": "A", "kind": "police", "actions": [
        {"id": "lead", "title": "Take the lead", "params": [{"name": "vehicle"}]}]},
    {"id": "regulator", "name": "Regulator", "jurisdiction": "A", "kind": "regulator"},
    {"id": "lab", "name": "Lab", "jurisdiction": "A", "kind": "forensics_lab"},
    {"id": "b-lp", "name": "B liaison point", "jurisdiction": "B", "kind": "liaison_point"},
]
PAIRS = [("customs", "police"), ("customs", "regulator"), ("regulator", "police"), ("customs", "lab"),
         ("customs", "b-lp"), ("regulator", "b-lp"), ("police", "lab")]
CHANNELS = [{"id": f"{a}--{b}", "between": [a, b], "medium": "phone", "delay": "2m"} for a, b in PAIRS]
OBJECTIVES = [{"id": "O1", "title": "Detect and notify", "critical_tasks": [{"id": "CT1", "title": "First task"},
                                                                            {"id": "CT2", "title": "Second task"}]},
              {"id": "O2", "title": "Hand over", "critical_tasks": [{"id": "CT3", "title": "Third task"}]}]
EVIDENCE = [{"id": "EV1", "description": "Source container", "found_at": "bay", "found": "5m",
             "custodian": "customs", "label": {"case_number": "C-1", "item_number": "001", "seal_number": "S-1"}}]
HOLD = {"action": "hold", "by": "customs"}


def channel(a: str, b: str) -> str:
    return f"{a}--{b}" if (a, b) in PAIRS else f"{b}--{a}"


# --- doctrine fragments -----------------------------------------------------------------


def tell(id, who, notify, within="15m", objective="O1", task="CT1", trigger=HOLD, **more) -> dict:
    exp = {"id": id, "title": id, "objective": objective, "who": who, "trigger": trigger, "notify": notify,
           "within": within, **more}
    return {**exp, "critical_task": task} if task else exp


def must(id, who, action, within="15m", objective="O1", task="CT1", trigger=HOLD, **more) -> dict:
    return {"id": id, "title": id, "objective": objective, "critical_task": task, "who": who, "trigger": trigger,
            "do": action, "within": within, **more}


def hand(id, who, item, to, within="30m", objective="O2", task="CT3", trigger=HOLD) -> dict:
    return {"id": id, "title": id, "objective": objective, "critical_task": task, "who": who, "trigger": trigger,
            "transfer": item, "to": to, "within": within}


# --- commands, stamped in minutes after STARTEX ---------------------------------------------


def hold(m, vehicle="V1"):
    return c.TakeAction(t=m * 60.0, agency="customs", action="hold", params={"vehicle": vehicle})


def act(m, agency, action, **params):
    return c.TakeAction(t=m * 60.0, agency=agency, action=action, params=params)


def msg(m, sender, recipient, via=None, **facts):
    return c.SendMessage(t=m * 60.0, sender=sender, recipient=recipient, channel=via or channel(sender, recipient),
                         subject="update", facts=facts or {"vehicle": "V1"})


def give(m, sender, recipient, item="EV1", sealed=True, signed=True, seal="S-1", note=""):
    return c.TransferEvidence(t=m * 60.0, item=item, sender=sender, recipient=recipient, sealed=sealed,
                              signed=signed, seal_number=seal, note=note)


def rate(m, evaluator, target, rating, suggested="", reason=""):
    return c.RecordRating(t=m * 60.0, evaluator=evaluator, target=target, rating=rating, suggested=suggested,
                          reason=reason)


# --- a case -----------------------------------------------------------------------------------


@dataclass
class Case:
    name: str
    why: str                       # the story and the hand judgement
    doctrine: list
    commands: list
    expect: dict
    sections: dict = field(default_factory=dict)   # scenario sections the case changes
    until: float | None = None     # minutes: judge a live record (not ended) at this time

    def scenario(self):
        sections = {"objectives": OBJECTIVES, "agencies": AGENCIES, "channels": CHANNELS, "evidence": EVIDENCE,
                    "jurisdictions": [{"id": "A", "name": "A", "timezone": "UTC"},
                                      {"id": "B", "name": "B", "timezone": "UTC"}],
                    "doctrine": self.doctrine, **self.sections}
        return make_scenario(**sections)

    def play(self):
        scenario = self.scenario()
        ex = Exercise(scenario, bot_agencies=())     # people play every agency
        ex.start()
        for command in self.commands:
            ex.apply(command)
        ex.advance_to(scenario.exercise.duration if self.until is None else self.until * 60.0)
        return scenario, list(ex.events)


def minutes(seconds: float | None) -> float | None:
    return None if seconds is None else round(seconds / 60.0, 2)


def _evaluators(ev) -> dict:
    out = {}
    for o in ev.objectives:
        for rating in [o.rating, *(t.rating for t in o.tasks)]:
            if rating.evaluators:
                out[rating.target] = (rating.final, rating.source, rating.disagreement,
                                      tuple((e.evaluator, e.rating, e.suggested) for e in rating.overrides))
    return out


def _reasons(ev) -> dict:
    return {r.target: r.suggested.reason for o in ev.objectives for r in [o.rating, *(t.rating for t in o.tasks)]}


# What a case may state, each read off the evaluation. `reasons`, `breaks` and
# `improvements_have` are substrings (a reason names events; its exact words are
# the docs' business); everything else is compared whole.
OBSERVE = {
    "statuses": lambda ev: {r.instance: r.status for r in ev.score.results},
    "delays": lambda ev: {r.instance: minutes(r.delay) for r in ev.score.results if r.delay is not None},
    "delivered": lambda ev: {r.instance: minutes(r.delivered) for r in ev.score.results if r.delivered is not None},
    "late_by": lambda ev: {r.instance: minutes(r.late_by) for r in ev.score.results if r.late_by is not None},
    "totals": lambda ev: {k: v for k, v in ev.score.totals().items() if v},
    "notifications": lambda ev: [(n.instance, f"{n.who}->{n.notify}", minutes(n.delay), n.status)
                                 for n in ev.coordination.notifications],
    "recall": lambda ev: ev.coordination.routing.recall,
    "precision": lambda ev: ev.coordination.routing.precision,
    "misrouted": lambda ev: [(m.message, m.recipient, m.instance) for m in ev.coordination.routing.misrouted],
    "states": lambda ev: (ev.coordination.routing.states_required, ev.coordination.routing.states_notified,
                          ev.coordination.routing.state_recall),
    "ratings": lambda ev: ev.ratings(),
    "reasons": _reasons,
    "evaluators": _evaluators,
    "not_triggered": lambda ev: [(n.expectation, n.because) for n in ev.score.not_triggered],
    "plan": lambda ev: [(p.capability_element, p.responsible, p.sources) for p in ev.plan],
    "improvements": lambda ev: sum(len(o.improvements) for o in ev.objectives),
    "improvements_have": lambda ev: " | ".join(i for o in ev.objectives for i in o.improvements),
    "custody": lambda ev: {ch.item: (ch.custodians, len(ch.transfers), len(ch.breaks), minutes(ch.unaccounted_s))
                           for ch in ev.custody},
    "breaks": lambda ev: {ch.item: " | ".join(ch.breaks) for ch in ev.custody},
    "inconsistencies": lambda ev: [(i.key, i.fact, tuple(r[0] for r in i.reports))
                                   for i in ev.coordination.inconsistencies],
    "knowledge": lambda ev: [(k.agency, k.fact, k.value, minutes(k.t)) for k in ev.coordination.knowledge],
    "doses": lambda ev: (ev.coordination.dose_modelled, [(d.responder, d.dose_mSv, d.turn_back_mSv, d.exceeded)
                                                         for d in ev.coordination.doses]),
    "links": lambda ev: ([(x.sender, x.recipient) for x in ev.network.missing],
                         [(x.sender, x.recipient) for x in ev.network.unexpected]),
    "reach": lambda ev: {r.agency: minutes(r.after) for r in ev.network.reach},
    "betweenness": lambda ev: ev.network.betweenness[0],
    "bottlenecks": lambda ev: list(ev.network.bottlenecks),
}
SUBSTRINGS = {"reasons", "breaks"}


def check(case: Case, ev) -> None:
    for key, expected in case.expect.items():
        got = OBSERVE[key](ev)
        if key in SUBSTRINGS:
            for target, words in expected.items():
                assert words in got[target], f"{case.name}: {key} of {target}: {words!r} not in {got[target]!r}"
        elif key == "improvements_have":
            for words in expected:
                assert words in got, f"{case.name}: no area for improvement says {words!r}: {got!r}"
        else:
            assert got == expected, f"{case.name}: {key}: expected {expected!r}, got {got!r}"
