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

from simex.durations import format_duration
from simex.scenario.model import Scenario
from simex.scenario.text import tr
from simex.scoring.custody import CustodyChain
from simex.scoring.expectations import LATE, MISSED, Score

DUE_AFTER_DAYS = 90
ELEMENTS = ("planning", "organization", "equipment", "training", "exercise")

_TEXT = {
    "en": {
        "missed_notify": "{who} did not notify {notify} ({n} of {total} missed)",
        "late_notify": "{who} notified {notify} late ({n} of {total}; worst {late} past {within})",
        "missed_do": "{who} did not perform '{action}' ({n} of {total} missed)",
        "late_do": "{who} performed '{action}' late ({n} of {total}; worst {late} past {within})",
        "missed_transfer": "{who} did not hand {item} to {to} sealed and signed ({n} of {total} missed)",
        "late_transfer": "{who} handed {item} to {to} late ({n} of {total}; worst {late} past {within})",
        "fix_missed_transfer": "Agree the evidence hand-over protocol between {who} and {to} (who, when, seals, forms) and train both",
        "fix_late_transfer": "Rehearse the hand-over of evidence from {who} to {to} so it is done within {within}",
        "misrouted": "{who} sent notifications meant for {notify} to {wrong}",
        "custody": "Chain of custody of {item} broke: {breaks}",
        "fix_missed_notify": "Write the notification of {notify} into {who}'s procedure, with its {within} deadline and the channel to use; brief duty staff",
        "fix_late_notify": "Train {who}'s duty staff to notify {notify} within {within}; rehearse in the next drill",
        "fix_missed_do": "Assign '{action}' to a named post at {who}, with its {within} deadline and a checklist; train that post",
        "fix_late_do": "Drill '{action}' at {who} until it is done within {within}; review staffing at peak load",
        "fix_misrouted": "Correct {who}'s contact directory so {notify} is reached first; test it monthly",
        "fix_custody": "Provide seals and transfer forms at every post handling evidence; train on sealing and signing each transfer",
        "benchmark": "within {within} of the trigger in the next exercise",
        "benchmark_custody": "every transfer sealed and signed in the next exercise",
        "inconsistent": "Recipients were left with different values of '{fact}'; not updated: {who}",
        "fix_inconsistent": "Keep one distribution list per incident and send every correction to all who got the first report",
        "benchmark_inconsistent": "all recipients hold the same facts at ENDEX in the next exercise",
    },
    "fr": {
        "missed_notify": "{who} n'a pas avisé {notify} ({n} sur {total} non satisfaite(s))",
        "late_notify": "{who} a avisé {notify} en retard ({n} sur {total} ; pire retard {late} au-delà de {within})",
        "missed_do": "{who} n'a pas réalisé « {action} » ({n} sur {total} non satisfaite(s))",
        "late_do": "{who} a réalisé « {action} » en retard ({n} sur {total} ; pire retard {late} au-delà de {within})",
        "missed_transfer": "{who} n'a pas remis {item} à {to} scellé et signé ({n} sur {total} non satisfaite(s))",
        "late_transfer": "{who} a remis {item} à {to} en retard ({n} sur {total} ; pire retard {late} au-delà de {within})",
        "fix_missed_transfer": "Convenir du protocole de remise des preuves entre {who} et {to} (qui, quand, scellés, formulaires) et y former les deux",
        "fix_late_transfer": "Répéter la remise des preuves de {who} à {to} pour qu'elle se fasse dans les {within}",
        "misrouted": "{who} a envoyé à {wrong} des notifications destinées à {notify}",
        "custody": "Rupture de la chaîne de possession de {item} : {breaks}",
        "fix_missed_notify": "Inscrire l'avis à {notify} dans la procédure de {who}, avec son délai de {within} et le canal à utiliser ; informer les agents de permanence",
        "fix_late_notify": "Former les agents de permanence de {who} à aviser {notify} dans les {within} ; répéter lors du prochain exercice",
        "fix_missed_do": "Confier « {action} » à un poste nommé de {who}, avec son délai de {within} et une liste de contrôle ; former ce poste",
        "fix_late_do": "Entraîner {who} à « {action} » jusqu'à le faire dans les {within} ; revoir les effectifs en période de pointe",
        "fix_misrouted": "Corriger l'annuaire de {who} pour que {notify} soit joint en premier ; le tester chaque mois",
        "fix_custody": "Fournir scellés et formulaires de transfert à chaque poste manipulant des preuves ; former au scellement et à la signature de chaque transfert",
        "benchmark": "dans les {within} suivant le déclencheur lors du prochain exercice",
        "benchmark_custody": "chaque transfert scellé et signé lors du prochain exercice",
        "inconsistent": "Les destinataires ont gardé des valeurs différentes de « {fact} » ; non mis à jour : {who}",
        "fix_inconsistent": "Tenir une liste de diffusion par incident et envoyer chaque correction à tous les destinataires du premier message",
        "benchmark_inconsistent": "tous les destinataires disposent des mêmes faits à la fin du prochain exercice",
    },
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
    t = _TEXT.get(lang, _TEXT["en"])
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
        within = format_duration(exp.within)
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
            rows.append(dict(objective=exp.objective, issue=t[f"{what}_{kind}"].format(n=n, late=format_duration(round(worst)), **fill),
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
