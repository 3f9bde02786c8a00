"""One readable line per event, for timelines in the terminal, the consoles
and reports. Controller-only ground truth is shown only when asked."""
from __future__ import annotations

from simex import events as ev
from simex.durations import format_clock

# Bookkeeping events a timeline reader does not need line by line.
QUIET = frozenset({"expectation_opened", "expectation_met", "inject_acknowledged"})


def describe(event: ev.Event, *, controller: bool = True) -> str:
    match event:
        case ev.ExerciseStarted():
            return f"STARTEX ({event.scenario}, seed {event.seed}, bots: {event.bots})"
        case ev.ExerciseEnded():
            return f"ENDEX: {event.reason}"
        case ev.InjectDelivered():
            how = "delivered by hand" if event.manual else "delivered"
            return f"inject {event.inject} {how} to {', '.join(event.to)} by {event.via}: {event.synopsis}"
        case ev.InjectSkipped():
            return f"inject {event.inject} skipped"
        case ev.InjectRescheduled():
            return f"inject {event.inject} moved to {format_clock(event.at)}"
        case ev.InjectAcknowledged():
            return f"{event.agency} acknowledged inject {event.inject}"
        case ev.MessageSent():
            return f"{event.sender} -> {event.recipient} via {event.channel}: {event.subject}"
        case ev.MessageDelivered():
            return f"{event.recipient} received {event.message} from {event.sender}: {event.subject}"
        case ev.ActionTaken():
            params = ", ".join(f"{k}={v}" for k, v in event.params.items())
            who = " (simulated)" if event.actor == "bot" else ""
            return f"{event.agency}{who}: {event.action}" + (f" ({params})" if params else "")
        case ev.DecisionRecorded():
            why = f" because {event.rationale}" if event.rationale else ""
            return f"{event.agency} decided: {event.decision}{why}"
        case ev.EvidenceTransferred():
            flags = ", ".join(f for f, ok in (("sealed", event.sealed), ("signed", event.signed)) if ok) or "UNSEALED, UNSIGNED"
            return f"evidence {event.item}: {event.sender} -> {event.recipient} ({flags})"
        case ev.ObservationRecorded():
            about = f" [{event.objective}]" if event.objective else ""
            return f"observation by {event.evaluator}{about}: {event.text}"
        case ev.RatingRecorded():
            override = f" (suggested {event.suggested})" if event.suggested and event.suggested != event.rating else ""
            why = f": {event.reason}" if event.reason else ""
            return f"{event.evaluator} rated {event.target} {event.rating}{override}{why}"
        case ev.WorldEvent():
            facts = ", ".join(f"{k}={v}" for k, v in event.facts.items())
            text = f"{event.process} {event.name}" + (f" ({facts})" if facts else "")
            if controller and event.truth.get("cause"):
                text += f"  [truth: {event.truth['cause']}"
                text += f", {event.truth['nuclide']}]" if event.truth.get("nuclide") else "]"
            return text
        case ev.ExpectationOpened():
            return f"expectation {event.instance} opened for {event.who}, due {format_clock(event.due)}"
        case ev.ExpectationMet():
            return f"expectation {event.instance} met" + (" LATE" if event.late else "")
        case ev.ExpectationOverdue():
            return f"expectation {event.instance} OVERDUE ({event.who})"
    return event.kind


def timeline_line(event: ev.Event, *, controller: bool = True) -> str:
    return f"{format_clock(event.t)}  {describe(event, controller=controller)}"
