"""The kinds of event the engine emits and the fields each carries, as plain
names: what a scenario check needs to know about events without building
them.

simex/events.py defines the events themselves (24 frozen dataclasses that
cost about a tenth of `simex validate`'s start-up to create); validating a
file only asks which kinds exist and which names an event of a kind carries,
so it reads this table instead. tests/test_event_kinds.py holds the two in
step: a field added to an event class without its name here fails there.
"""
from __future__ import annotations

# kind -> every field, in the event class's order (`t` first).
FIELDS: dict[str, tuple[str, ...]] = {
    "exercise_started": ("t", "scenario", "seed", "bots", "bot_agencies"),
    "exercise_ended": ("t", "reason"),
    "inject_delivered": ("t", "inject", "to", "sender", "via", "manual", "synopsis", "text", "facts", "translations",
                         "attachments"),
    "inject_skipped": ("t", "inject"),
    "inject_rescheduled": ("t", "inject", "at"),
    "inject_acknowledged": ("t", "inject", "agency"),
    "message_sent": ("t", "message", "sender", "recipient", "channel", "subject", "body", "classification", "facts"),
    "message_delivered": ("t", "message", "sender", "recipient", "channel", "subject", "classification", "facts",
                          "body"),
    "action_taken": ("t", "agency", "action", "params", "actor"),
    "decision_recorded": ("t", "agency", "decision", "rationale", "actor"),
    "evidence_transferred": ("t", "item", "sender", "recipient", "sealed", "signed", "seal_number", "note"),
    "observation_recorded": ("t", "evaluator", "text", "objective", "inject", "task"),
    "rating_recorded": ("t", "evaluator", "target", "rating", "reason", "suggested"),
    "annotation_recorded": ("t", "author", "entry", "target", "text"),
    "questionnaire_opened": ("t", "questionnaire", "phase", "form"),
    "questionnaire_closed": ("t", "questionnaire"),
    "questionnaire_answered": ("t", "questionnaire", "phase", "agency", "person", "sex", "answers"),
    "world": ("t", "process", "name", "observer", "facts", "truth"),
    "knob_set": ("t", "knob", "target", "value", "actor"),
    "expectation_opened": ("t", "expectation", "instance", "who", "due", "key", "trigger_event"),
    "expectation_met": ("t", "expectation", "instance", "delay", "late", "by_event"),
    "expectation_overdue": ("t", "expectation", "instance", "who", "key", "facts"),
}
