"""One readable line per event, in English or French, for timelines in the
terminal, the consoles and reports. Controller-only ground truth is shown
only when asked. Ids, agency names and values stay as recorded; only the
connecting words are translated (and inject synopses, which carry their own
translations)."""
from __future__ import annotations

from simex import events as ev
from simex.durations import format_clock

# Bookkeeping events a timeline reader does not need line by line.
QUIET = frozenset({"expectation_opened", "expectation_met", "inject_acknowledged"})

_WORDS = {
    "fr": {
        "seed": "graine", "bots": "simulés", "inject": "injection", "delivered": "délivrée",
        "delivered by hand": "délivrée à la main", "to": "à", "by": "par", "skipped": "annulée",
        "moved to": "déplacée à", "acknowledged inject": "a accusé réception de l'injection",
        "received": "a reçu", "from": "de", "via": "par", "simulated": "simulé", "decided": "a décidé",
        "because": "parce que", "evidence": "scellé", "sealed": "scellé", "signed": "signé",
        "UNSEALED, UNSIGNED": "NON SCELLÉ, NON SIGNÉ", "observation by": "observation de",
        "rated": "a évalué", "suggested": "suggéré", "truth": "réalité", "expectation": "attente",
        "opened for": "ouverte pour", "due": "échéance", "met": "satisfaite", "LATE": "EN RETARD",
        "OVERDUE": "DÉPASSÉE", "journal row": "ligne du journal", "could not be read": "illisible",
        "in": "dans", "stopped; the exercise goes on": "arrêté ; l'exercice continue",
        "wrote in the report": "a écrit dans le rapport", "(cleared)": "(effacé)",
    },
}


def describe(event: ev.Event, *, controller: bool = True, lang: str = "en") -> str:
    words = _WORDS.get(lang, {})
    w = lambda text: words.get(text, text)  # noqa: E731 - a one-word lookup
    match event:
        case ev.ExerciseStarted():
            seed = "" if event.seed is None else f", {w('seed')} {event.seed}"     # None: not told (a player)
            return f"STARTEX ({event.scenario}{seed}, {w('bots')}: {event.bots})"
        case ev.ExerciseEnded():
            return f"ENDEX: {event.reason}"
        case ev.InjectDelivered():
            how = w("delivered by hand") if event.manual else w("delivered")
            synopsis = event.translations.get(lang, {}).get("synopsis") or event.synopsis
            return f"{w('inject')} {event.inject} {how} {w('to')} {', '.join(event.to)} {w('by')} {event.via}: {synopsis}"
        case ev.InjectSkipped():
            return f"{w('inject')} {event.inject} {w('skipped')}"
        case ev.InjectRescheduled():
            return f"{w('inject')} {event.inject} {w('moved to')} {format_clock(event.at)}"
        case ev.InjectAcknowledged():
            return f"{event.agency} {w('acknowledged inject')} {event.inject}"
        case ev.MessageSent():
            return f"{event.sender} -> {event.recipient} {w('via')} {event.channel}: {event.subject}"
        case ev.MessageDelivered():
            return f"{event.recipient} {w('received')} {event.message} {w('from')} {event.sender}: {event.subject}"
        case ev.ActionTaken():
            params = ", ".join(f"{k}={v}" for k, v in event.params.items())
            who = f" ({w('simulated')})" if event.actor == "bot" else ""
            return f"{event.agency}{who}: {event.action}" + (f" ({params})" if params else "")
        case ev.DecisionRecorded():
            why = f" {w('because')} {event.rationale}" if event.rationale else ""
            return f"{event.agency} {w('decided')}: {event.decision}{why}"
        case ev.EvidenceTransferred():
            flags = ", ".join(w(f) for f, ok in (("sealed", event.sealed), ("signed", event.signed)) if ok)
            return f"{w('evidence')} {event.item}: {event.sender} -> {event.recipient} ({flags or w('UNSEALED, UNSIGNED')})"
        case ev.ObservationRecorded():
            about = f" [{event.objective}]" if event.objective else ""
            return f"{w('observation by')} {event.evaluator}{about}: {event.text}"
        case ev.RatingRecorded():
            override = f" ({w('suggested')} {event.suggested})" if event.suggested and event.suggested != event.rating else ""
            why = f": {event.reason}" if event.reason else ""
            return f"{event.evaluator} {w('rated')} {event.target} {event.rating}{override}{why}"
        case ev.AnnotationRecorded():
            about = f" {event.target}" if event.target else ""
            return f"{event.author} {w('wrote in the report')}, {event.entry}{about}: {event.text or w('(cleared)')}"
        case ev.WorldEvent() if event.name == "fault":  # simex/engine/world/base.py: the process stopped
            during = f" {w('in')} {event.facts['during']}" if event.facts.get("during") else ""
            return (f"{event.process} FAULT{during}: {event.facts.get('error', '')} "
                    f"({event.process} {w('stopped; the exercise goes on')})")
        case ev.WorldEvent():
            facts = ", ".join(f"{k}={v}" for k, v in event.facts.items())
            text = f"{event.process} {event.name}" + (f" ({facts})" if facts else "")
            if controller and event.truth.get("cause"):
                text += f"  [{w('truth')}: {event.truth['cause']}"
                text += f", {event.truth['nuclide']}]" if event.truth.get("nuclide") else "]"
            return text
        case ev.ExpectationOpened():
            return f"{w('expectation')} {event.instance} {w('opened for')} {event.who}, {w('due')} {format_clock(event.due)}"
        case ev.ExpectationMet():
            return f"{w('expectation')} {event.instance} {w('met')}" + (f" {w('LATE')}" if event.late else "")
        case ev.ExpectationOverdue():
            return f"{w('expectation')} {event.instance} {w('OVERDUE')} ({event.who})"
        case ev.Unreadable():
            return f"{w('journal row')} {event.row} {w('could not be read')}: {event.reason}"
    return event.kind


def timeline_line(event: ev.Event, *, controller: bool = True, lang: str = "en") -> str:
    return f"{format_clock(event.t)}  {describe(event, controller=controller, lang=lang)}"
