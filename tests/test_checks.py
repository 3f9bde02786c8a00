"""Whole-file checks: references between parts of a scenario.

The model accepts `to: custom` (it is a well-formed id); only the whole file
knows there is no agency 'custom'. Each case changes one piece of the valid
tests/data/minimal.yaml and states the line (of a `needle`), path and
message the author must see. Ids that are near misses get "did you mean".
"""
from __future__ import annotations

from pathlib import Path

import pytest

from simex.engine import world
from simex.scenario.checks import check_scenario
from simex.scenario.checks_triggers import EMITS
from simex.scenario.loader import check_text
from simex.scenario.problems import format_text

BASE = (Path(__file__).parent / "data" / "minimal.yaml").read_text(encoding="utf-8")


def mutate(*pairs: str) -> str:
    text = BASE
    for old, new in zip(pairs[::2], pairs[1::2]):
        assert text.count(old) == 1, f"not a unique piece of minimal.yaml: {old!r}"
        text = text.replace(old, new)
    return text


def line_of(text: str, needle: str) -> int:
    assert text.count(needle) == 1, f"needle not unique: {needle!r}"
    return text[: text.index(needle)].count("\n") + 1


def problems_of(text: str, severity: str):
    scenario, problems = check_text(text, "s.yaml")
    assert (scenario is None) == any(p.is_error for p in problems)
    return [p for p in problems if p.severity == severity]


CHOICE = "      - id: detain\n        title:\n          en: Detain the vehicle\n          fr: Retenir le véhicule\n" \
         "        params:\n          - name: vehicle"
PRECEDENCE = """  - id: order
    type: precedence
    title: {{en: Survey first, fr: D'abord la mesure}}
    owner: customs
    first: {first}
    then: {then}
"""
DOSE_FIELD = """  - id: scene
    type: dose_field
    title: {en: Lane 2, fr: Voie 2}
    owner: police
    site: Lane 2
    nuclide: Cs-137
    activity_tbq: 0.5
    survey_on: {action: detain}
    teams:
      - id: T1
        title: {en: Police team, fr: Équipe de police}
        agency: polise
        distance_m: 5
        enters_on: {action: release}
"""

ERROR_CASES = [
    # (id, (old, new, ...), needle on the reported line, path, message)
    ("duplicate inject id", ("  - id: I02", "  - id: I01"),
     "- id: I01\n    trigger", "injects[1].id", "duplicate inject id 'I01' (already used at injects[0])"),
    ("duplicate critical task across objectives", ("      - id: CT2", "      - id: CT1",
                                                   "    critical_task: CT2\n", ""),
     "- id: CT1\n        title:\n          en: Call", "objectives[1].critical_tasks[0].id",
     "duplicate critical task id 'CT1' (already used at objectives[0].critical_tasks[0])"),
    ("duplicate action within an agency", ("      - id: detain", "      - id: secondary_inspection",
                                           "{action: detain, by", "{action: secondary_inspection, by"),
     "- id: secondary_inspection\n        title:\n          en: Detain", "agencies[0].actions[1].id",
     "duplicate action id 'secondary_inspection'"),
    ("unknown jurisdiction", ("    jurisdiction: south", "    jurisdiction: sout"),
     "jurisdiction: sout\n", "agencies[2].jurisdiction", "unknown jurisdiction 'sout'; did you mean 'south'?"),
    ("unknown agency in a channel", ("between: [customs, police]", "between: [customs, polise]"),
     "polise", "channels[1].between[1]", "unknown agency 'polise'; did you mean 'police'?"),
    ("channel to itself", ("between: [customs, police]", "between: [police, police]"),
     "[police, police]", "channels[1].between", "a channel connects two different agencies"),
    ("unknown recipient", ("    to: [customs, regulator]", "    to: [customs, regulater]"),
     "regulater", "injects[0].to[1]", "unknown agency 'regulater'; did you mean 'regulator'?"),
    ("unknown recipient written as one id", ("    to: customs\n    via: radio", "    to: custom\n    via: radio"),
     "to: custom\n", "injects[1].to[0]", "unknown agency 'custom'; did you mean 'customs'?"),
    ("unknown id with no near miss lists the known ones", ("    to: [customs, regulator]", "    to: [customs, zzz]"),
     "zzz", "injects[0].to[1]", "unknown agency 'zzz'; known agency ids: customs, regulator, police"),
    ("unknown sender", ("    from: control", "    from: controll"),
     "controll", "injects[0].from", "unknown sender 'controll': use an agency id or one of: control, simcell, "
                                   "media, public; did you mean 'control'?"),
    ("unknown objective on an inject", ("    objectives: [OBJ1]", "    objectives: [OBJ3]"),
     "[OBJ3]", "injects[0].objectives[0]", "unknown objective 'OBJ3'"),
    ("inject after ENDEX", ("    at: 0m", "    at: 7h"),
     "at: 7h", "injects[0].at", "at 7 h is after ENDEX (exercise lasts 6 h)"),
    ("threat at ENDEX", ("      - at: 1h\n", "      - at: 6h\n"),
     "at: 6h", "world[0].threats[0].at", "the threat at 6 h is at the moment of ENDEX (exercise lasts 6 h)"),
    ("unknown objective on an expectation", ("    objective: OBJ1", "    objective: OBJ"),
     "objective: OBJ\n", "doctrine[0].objective", "unknown objective 'OBJ'; did you mean"),
    ("critical task of another objective", ("critical_task: CT1", "critical_task: CT2"),
     "critical_task: CT2\n    who: customs\n    trigger: {event: rpm.alarm}", "doctrine[0].critical_task",
     "critical task 'CT2' belongs to objective 'OBJ2', not 'OBJ1'"),
    ("unknown who", ("    who: customs\n    trigger: {event: rpm.alarm}", "    who: custms\n    trigger: {event: rpm.alarm}"),
     "custms", "doctrine[0].who", "unknown agency 'custms'; did you mean 'customs'?"),
    ("action nobody can perform", ("    do: secondary_inspection", "    do: detain_driver"),
     "detain_driver", "doctrine[0].do", "agency 'customs' has no action 'detain_driver'; its actions are: "
                                        "secondary_inspection, detain; did you mean 'detain'?"),
    ("key the action does not carry", ("    key: vehicle\n    each: true", "    key: vehicl\n    each: true"),
     "key: vehicl\n", "doctrine[0].key", "action 'secondary_inspection' has no parameter 'vehicl'"),
    ("key the trigger's event does not carry", ("    trigger: {event: rpm.alarm}\n    do: secondary_inspection",
                                                "    trigger: {event: detention.started}\n    do: secondary_inspection"),
     "key: vehicle\n    each: true", "doctrine[0].key", "detention.started carries no 'vehicle'"),
    ("notify itself", ("    notify: regulator", "    notify: customs"),
     "notify: customs", "doctrine[1].notify", "'customs' would have to notify itself"),
    ("no channel of that medium", ("    via: [phone]", "    via: [secure_email]"),
     "[secure_email]", "doctrine[1].via", "no secure_email channel lets 'customs' send to 'regulator'; "
                                          "their channels use: phone"),
    ("one-way channel the wrong way", ("    who: customs\n    trigger: {event: secondary.completed}\n"
                                       "    notify: regulator\n    via: [phone]",
                                       "    who: police\n    trigger: {event: secondary.completed}\n"
                                       "    notify: regulator\n    via: [secure_email]"),
     "notify: regulator", "doctrine[1].notify", "no channel lets 'police' send to 'regulator'"),
    ("unknown world event", ("trigger: {event: rpm.alarm}", "trigger: {event: rpm.alarms}"),
     "rpm.alarms", "doctrine[0].trigger.event", "world process 'rpm' (a portal_monitor) emits no 'alarms' "
                                                "event; it emits: rpm.alarm, rpm.undetected, rpm.left; did you mean 'rpm.alarm'?"),
    ("unknown process in an event", ("trigger: {event: rpm.alarm}", "trigger: {event: rmp.alarm}"),
     "rmp.alarm", "doctrine[0].trigger.event", "unknown world process 'rmp'; did you mean 'rpm'?"),
    ("unknown engine event", ("trigger: {event: rpm.alarm}", "trigger: {event: action_taekn}"),
     "action_taekn", "doctrine[0].trigger.event", "did you mean 'action_taken'?"),
    ("the bare world kind never fires", ("trigger: {event: rpm.alarm}", "trigger: {event: world}"),
     "event: world", "doctrine[0].trigger.event", "unknown event 'world'"),
    ("action of another agency", ("starts_on: {action: detain, by: customs}", "starts_on: {action: release, by: customs}"),
     "release, by", "world[2].starts_on.action", "agency 'customs' has no action 'release'"),
    ("action nobody has", ("stops_on: {action: release}", "stops_on: {action: relase}"),
     "relase", "world[2].stops_on.action", "no agency has an action 'relase'; did you mean 'release'?"),
    ("unknown by", ("starts_on: {action: detain, by: customs}", "starts_on: {action: detain, by: customz}"),
     "customz", "world[2].starts_on.by", "unknown agency 'customz'; did you mean 'customs'?"),
    ("unknown missed expectation", ("trigger: {missed: E02, delay: 5m}", "trigger: {missed: E2}"),
     "missed: E2", "injects[2].trigger.missed", "unknown expectation 'E2'; did you mean 'E02'?"),
    ("unknown inject trigger", ("trigger: {missed: E02, delay: 5m}", "trigger: {inject: I4}"),
     "inject: I4", "injects[2].trigger.inject", "unknown inject 'I4'"),
    ("unknown state variable", ("trigger: {event: rpm.alarm}", "trigger: {state: 'rpm.alarm >= 1'}"),
     "rpm.alarm >=", "doctrine[0].trigger.state", "has no state 'alarm'; its state is: rpm.alarms; "
                                                  "did you mean 'rpm.alarms'?"),
    ("unknown state process", ("trigger: {event: rpm.alarm}", "trigger: {state: 'secondry.waiting >= 3'}"),
     "secondry", "doctrine[0].trigger.state", "unknown world process 'secondry'; did you mean 'secondary'?"),
    ("unknown operator", ("    operator: customs", "    operator: customs_"),
     "customs_", "world[0].operator", "unknown agency 'customs_'"),
    ("unknown custodian", ("custodian: police", "custodian: polise"),
     "polise", "evidence[0].custodian", "unknown agency 'polise'; did you mean 'police'?"),
    ("with names a parameter the action lacks", ("    do: secondary_inspection", "    do: secondary_inspection\n"
                                                 "    with: {vehicel: TRK-0042}"),
     "vehicel", "doctrine[0].with.vehicel", "action 'secondary_inspection' has no parameter 'vehicel'; "
                                            "its parameters are: vehicle; did you mean 'vehicle'?"),
    ("with value outside the choices", (CHOICE, CHOICE + "\n          - {name: outcome, type: choice, "
                                                          "choices: [innocent, anomalous]}",
                                        "    do: secondary_inspection", "    do: detain\n    with: {outcome: anomolous}"),
     "anomolous", "doctrine[0].with.outcome", "'anomolous' is not a choice of 'outcome': innocent, anomalous; "
                                              "did you mean 'anomalous'?"),
    ("with value YAML read as a boolean", (CHOICE, CHOICE + "\n          - {name: urgent, type: choice, "
                                                            "choices: [yes, no]}",
                                           "    do: secondary_inspection", "    do: detain\n    with: {urgent: no}"),
     "urgent: no", "doctrine[0].with.urgent", "YAML reads this unquoted value as false; write the choice in quotes"),
    ("transfer of an unknown item", ("    notify: regulator\n    via: [phone]", "    transfer: EV2\n    to: police"),
     "EV2", "doctrine[1].transfer", "unknown evidence item 'EV2'; did you mean 'EV1'?"),
    ("transfer to itself", ("    notify: regulator\n    via: [phone]", "    transfer: EV1\n    to: customs"),
     "to: customs\n    within", "doctrine[1].to", "'customs' would have to transfer the item to itself"),
    ("precedence trigger action nobody has", ("\ninjects:", PRECEDENCE.format(first="{action: detian}",
                                                                           then="{action: release}") + "\ninjects:"),
     "detian", "world[3].first.action", "no agency has an action 'detian'; did you mean 'detain'?"),
    ("precedence event name", ("\ninjects:", PRECEDENCE.format(first="{action: detain}", then="{action: release}")
                               + "\ninjects:", "trigger: {event: rpm.alarm}", "trigger: {event: order.kep}"),
     "order.kep", "doctrine[0].trigger.event", "world process 'order' (a precedence) emits no 'kep' event; it "
                                               "emits: order.kept, order.broken; did you mean 'order.kept'?"),
    ("agency of a team deep in a dose field", ("\ninjects:", DOSE_FIELD + "\ninjects:"),
     "agency: polise", "world[3].teams[0].agency", "unknown agency 'polise'; did you mean 'police'?"),
    ("trigger cycle between injects", ("trigger: {event: rpm.alarm, where: {cause: threat}}", "trigger: {inject: I03}",
                                       "trigger: {missed: E02, delay: 5m}", "trigger: {inject: I02}"),
     "trigger: {inject: I03}", "injects[1].trigger", "trigger cycle: I02 -> I03 -> I02"),
    ("trigger cycle through an expectation", ("trigger: {event: secondary.completed}", "trigger: {inject: I03}"),
     "trigger: {missed: E02", "injects[2].trigger", "trigger cycle: I03 -> E02 -> I03"),
    ("inject triggering itself", ("trigger: {missed: E02, delay: 5m}", "trigger: {event: inject_delivered, "
                                                                        "where: {inject: I03}}"),
     "where: {inject: I03}", "injects[2].trigger", "trigger cycle: I03 -> I03"),
]


@pytest.mark.parametrize("pairs, needle, path, message", [c[1:] for c in ERROR_CASES],
                         ids=[c[0] for c in ERROR_CASES])
def test_error_is_located(pairs, needle, path, message):
    text = mutate(*pairs)
    errors = problems_of(text, "error")
    assert [(p.line, p.path) for p in errors] == [(line_of(text, needle), path)], format_text(errors)
    assert message in errors[0].message


WARNING_CASES = [
    ("missing translation", ("      fr: Briefing de début d'exercice\n", ""),
     "synopsis:\n      en: STARTEX", "injects[0].synopsis", "no 'fr' text (exercise.languages lists it)"),
    ("plain string counts as English only", ("    text:\n      en: We heard about an alarm at your crossing. Why were"
                                             " we not informed?\n      fr: Nous avons appris qu'il y a eu une alarme."
                                             " Pourquoi ne pas nous avoir informés ?\n", "    text: Why?\n"),
     "text: Why?", "injects[2].text", "no 'fr' text"),
    ("agency without a channel", ("  - id: regulator-police\n    between: [regulator, police]\n    medium: secure_email\n"
                                  "    availability: office_hours\n    one_way: true\n", "",
                                  "  - id: customs-police\n    between: [customs, police]", "  - id: customs-police\n"
                                  "    between: [customs, regulator]"),
     "- id: police", "agencies[2].id", "agency 'police' has no channel: nobody can message it"),
    ("cause that never happens", ("where: {cause: threat}", "where: {cause: false_alarm}"),
     "false_alarm", "injects[1].trigger.where.cause", "an alarm's cause is one of: innocent, false, threat, "
                                                      "licensed, never 'false_alarm', so this trigger never fires"),
    ("unknown truth field", ("reveals: [nuclide]", "reveals: [nuclid]"),
     "nuclid]", "world[1].reveals[0]", "the world's ground truth has no 'nuclid'"),
    ("warning after the deadline", ("    warn_before: 30m", "    warn_before: 4h"),
     "warn_before: 4h", "world[2].warn_before", "no warning will be given"),
    ("typical slower than allowed", ("typical: {dist: triangular, low: 3m, mode: 6m, high: 12m}",
                                     "typical: {dist: triangular, low: 10m, mode: 20m, high: 30m}"),
     "mode: 20m", "doctrine[0].typical", "the typical delay (20 min) is longer than 'within' (15 min)"),
]


@pytest.mark.parametrize("pairs, needle, path, message", [c[1:] for c in WARNING_CASES],
                         ids=[c[0] for c in WARNING_CASES])
def test_warning_is_located(pairs, needle, path, message):
    text = mutate(*pairs)
    assert problems_of(text, "error") == []
    warnings = problems_of(text, "warning")
    assert [(p.line, p.path) for p in warnings] == [(line_of(text, needle), path)], format_text(warnings)
    assert message in warnings[0].message


def test_language_warnings_cover_every_text_field():
    """A file whose languages list Spanish it never provides: one warning per text, none per other field."""
    text = mutate("languages: [en, fr]", "languages: [en, fr, es]")
    warnings = problems_of(text, "warning")
    assert all(p.message == "no 'es' text (exercise.languages lists it)" for p in warnings)
    paths = {p.path for p in warnings}
    assert {"exercise.title", "exercise.summary", "objectives[0].critical_tasks[0].title", "agencies[0].name",
            "agencies[0].actions[0].title", "world[0].threats[0].description", "world[0].innocent_causes[0].cargo",
            "world[2].title", "injects[2].text", "doctrine[1].title", "evidence[0].description"} <= paths
    assert len(warnings) == BASE.count("\n      en: ") + BASE.count("\n    en: ") + BASE.count("\n        en: ") \
        + BASE.count("\n          en: ")


def test_checks_return_paths_for_the_loader_to_locate():
    from simex.scenario.loader import load_scenario
    scenario = load_scenario(Path(__file__).parent / "data" / "minimal.yaml")
    broken = scenario.model_copy(update={"channels": scenario.channels[:1]})
    problems = check_scenario(broken)
    assert [(p.path, p.severity, p.line) for p in problems] == [("agencies[2].id", "warning", 0)]


def test_event_names_cover_what_the_engine_emits():
    """Every event the engine's world processes declare must be accepted in `event:`."""
    for kind, names in world.EMITS.items():
        assert set(names) - {"condition"} <= set(EMITS[kind]), kind
