"""Appendix A, the Improvement Plan, pre-filled as suggestions.

One row per doctrine expectation that was late or missed (all its instances
together), per notification that went to the wrong agency, and per evidence
item whose chain of custody broke. Each row names what (the corrective
action), who (the responsible organisation: the agency that had to act), when
(a due date: STARTEX + 90 days by default) and a benchmark (the doctrine
deadline), as IAEA guidance asks. The facilitator edits them (see
docs/evaluation.md); simex never presents them as decided.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from functools import lru_cache

from simex.languages import translator
from simex.localized import duration
from simex.scenario.model import Scenario
from simex.scenario.text import tr
from simex.scoring.custody import CustodyChain
from simex.scoring.expectations import LATE, MISSED, Score

DUE_AFTER_DAYS = 90
ELEMENTS = ("planning", "organization", "equipment", "training", "exercise")

@lru_cache(maxsize=None)
def _text(lang: str) -> dict[str, str]:
    """The fixed wording in `lang`, from the catalogs (simex.languages)."""
    _ = translator(lang).gettext
    return {
        "missed_notify": _("{who} did not notify {notify} ({n} of {total} missed)"),
        "late_notify": _("{who} notified {notify} late ({n} of {total}; worst {late} past {within})"),
        "missed_do": _("{who} did not perform '{action}' ({n} of {total} missed)"),
        "late_do": _("{who} performed '{action}' late ({n} of {total}; worst {late} past {within})"),
        "missed_transfer": _("{who} did not hand {item} to {to} sealed and signed ({n} of {total} missed)"),
        "late_transfer": _("{who} handed {item} to {to} late ({n} of {total}; worst {late} past {within})"),
        "fix_missed_transfer": _("Agree the evidence hand-over protocol between {who} and {to} (who, when, seals, forms) and train both"),
        "fix_late_transfer": _("Rehearse the hand-over of evidence from {who} to {to} so it is done within {within}"),
        "misrouted": _("{who} sent notifications meant for {notify} to {wrong}"),
        "custody": _("Chain of custody of {item} broke: {breaks}"),
        "fix_missed_notify": _("Write the notification of {notify} into {who}'s procedure, with its {within} deadline and the channel to use; brief duty staff"),
        "fix_late_notify": _("Train {who}'s duty staff to notify {notify} within {within}; rehearse in the next drill"),
        "fix_missed_do": _("Assign '{action}' to a named post at {who}, with its {within} deadline and a checklist; train that post"),
        "fix_late_do": _("Drill '{action}' at {who} until it is done within {within}; review staffing at peak load"),
        "fix_misrouted": _("Correct {who}'s contact directory so {notify} is reached first; test it monthly"),
        "fix_custody": _("Provide seals and transfer forms at every post handling evidence; train on sealing and signing each transfer"),
        "benchmark": _("within {within} of the trigger in the next exercise"),
        "benchmark_custody": _("every transfer sealed and signed in the next exercise"),
        "inconsistent": _("Recipients were left with different values of '{fact}'; not updated: {who}"),
        "fix_inconsistent": _("Keep one distribution list per incident and send every correction to all who got the first report"),
        "benchmark_inconsistent": _("all recipients hold the same facts at ENDEX in the next exercise"),
    }


@dataclass(frozen=True)
class PlanItem:
    id: str
    objective: str
    capability: str
    issue: str
    corrective_action: str
    capability_element: str
    responsible: str
    point_of_contact: str
    start: str
    due: str
    benchmark: str
    sources: tuple[str, ...]     # expectation instances or evidence items behind it


def improvement_plan(scenario: Scenario, score: Score, custody: tuple[CustodyChain, ...],
                     lang: str = "en", inconsistencies: tuple = (), message_senders: dict | None = None) -> tuple[PlanItem, ...]:
    """`inconsistencies` (simex.scoring.metrics) add a row each; `message_senders` maps
    a message id to its sender (who left a recipient with a stale value)."""
    t = _text(lang)
    names = {a.id: tr(a.name, lang) for a in scenario.agencies}
    capability = {o.id: tr(o.capability, lang) or tr(o.title, lang) for o in scenario.objectives}
    actions = {(a.id, x.id): tr(x.title, lang) for a in scenario.agencies for x in a.actions}
    start = scenario.exercise.startex.date()
    due = (start + timedelta(days=DUE_AFTER_DAYS)).isoformat()
    rows: list[dict] = []
    for exp in scenario.doctrine:
        rs = [r for r in score.results if r.expectation == exp.id]
        missed = [r for r in rs if r.status == MISSED]
        late = [r for r in rs if r.status == LATE]
        within = duration(exp.within, lang)
        transfer = getattr(exp, "transfer", None)
        fill = dict(who=exp.who, notify=exp.notify or "", within=within, total=len(rs),
                    item=transfer or "", to=getattr(exp, "to", None) or "",
                    action=actions.get((exp.who, exp.do or ""), exp.do or ""))
        bench = t["benchmark"].format(within=within)
        if missed or late:
            worst = max((r.late_by or 0 for r in late), default=0)
            kind = "notify" if exp.notify else ("transfer" if transfer else "do")
            what = "missed" if missed else "late"
            n = len(missed) if missed else len(late)
            element = ("organization" if kind == "do" else "planning") if missed else "training"
            rows.append(dict(objective=exp.objective, issue=t[f"{what}_{kind}"].format(n=n, late=duration(round(worst), lang), **fill),
                             fix=t[f"fix_{what}_{kind}"].format(**fill), element=element, who=exp.who,
                             bench=bench, sources=tuple(r.instance for r in (missed or late))))
        wrong = sorted({w for r in rs for w in r.misrouted})
        if wrong:
            rows.append(dict(objective=exp.objective, issue=t["misrouted"].format(wrong=", ".join(wrong), **fill),
                             fix=t["fix_misrouted"].format(**fill), element="planning", who=exp.who,
                             bench=bench, sources=tuple(r.instance for r in rs if r.misrouted)))
    for chain in custody:
        if chain.breaks:
            senders = sorted({tr_.sender for tr_ in chain.transfers if tr_.problems})
            rows.append(dict(objective="", issue=t["custody"].format(item=chain.item, breaks="; ".join(chain.breaks)),
                             fix=t["fix_custody"], element="equipment", who=senders[0] if senders else chain.holder,
                             bench=t["benchmark_custody"], sources=(chain.item,)))
    for inc in inconsistencies:
        newest = max(inc.reports, key=lambda r: r[1])[0]
        stale = sorted({(message_senders or {}).get(m, "") for v, m, _, _ in inc.reports if v != newest} - {""})
        rows.append(dict(objective="", issue=t["inconsistent"].format(fact=inc.fact, who=", ".join(
            r for v, _, _, r in inc.reports if v != newest)), fix=t["fix_inconsistent"], element="planning",
            who="; ".join(names.get(a, a) for a in stale), bench=t["benchmark_inconsistent"],
            sources=tuple(m for _, m, _, _ in inc.reports)))
    return tuple(
        PlanItem(f"IP-{i:02d}", row["objective"], capability.get(row["objective"], ""), row["issue"], row["fix"],
                 row["element"], names.get(row["who"], row["who"]), "", start.isoformat(), due, row["bench"],
                 row["sources"])
        for i, row in enumerate(rows, start=1))
