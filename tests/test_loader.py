"""Loading a scenario file: every problem at once, each on its line.

Each case starts from tests/data/minimal.yaml (a valid scenario), changes one
piece of text, and states where the problem must be reported (the line of a
`needle` in the changed file), under which path, and what the message says.
A scenario author reads these messages, so they are asserted word for word
where the wording matters ("did you mean").
"""
from __future__ import annotations

from pathlib import Path

import pytest

from simex.scenario import loader
from simex.scenario.loader import ScenarioError, check_file, check_text, load_scenario
from simex.scenario.problems import Problem, format_json, format_path, format_text, parse_path

MINIMAL = Path(__file__).parent / "data" / "minimal.yaml"
BASE = MINIMAL.read_text(encoding="utf-8")


def mutate(old: str, new: str) -> str:
    assert BASE.count(old) == 1, f"not a unique piece of minimal.yaml: {old!r}"
    return BASE.replace(old, new)


def line_of(text: str, needle: str) -> int:
    assert text.count(needle) == 1, f"needle not unique: {needle!r}"
    return text[: text.index(needle)].count("\n") + 1


def errors_of(text: str) -> list[Problem]:
    scenario, problems = check_text(text, "s.yaml")
    errors = [p for p in problems if p.is_error]
    assert (scenario is None) == bool(errors)
    return errors


def test_minimal_is_valid():
    """The fixture every case mutates is itself clean: no errors, no warnings."""
    scenario, problems = check_file(MINIMAL)
    assert problems == []
    assert scenario is not None
    assert [i.id for i in scenario.injects] == ["I01", "I02", "I03"]
    assert scenario.exercise.duration == 6 * 3600


MODEL_CASES = [
    # (id, old, new, needle on the reported line, path, message)
    ("unknown key", "  - id: I01\n    at: 0m", "  - id: I01\n    tirgger: x\n    at: 0m",
     "tirgger", "injects[0].tirgger", "unknown key 'tirgger'; did you mean 'trigger'?"),
    ("unknown section", "injects:\n", "injets:\n",
     "injets:", "injets", "unknown section 'injets'; did you mean 'injects'?"),
    ("unknown key without near miss", "    lanes: 2", "    lanes: 2\n    colour: red",
     "colour", "world[0].colour", "unknown key 'colour'; the keys here are: id, type, title, operator"),
    ("missing key", "    synopsis:\n      en: STARTEX briefing\n      fr: Briefing de début d'exercice\n", "",
     "- id: I01", "injects[0]", "missing required key 'synopsis'"),
    ("missing key in a section", "  type: tabletop\n", "",
     "exercise:", "exercise", "missing required key 'type'"),
    ("not one of", "type: tabletop", "type: tabeltop",
     "tabeltop", "exercise.type",
     "'tabeltop' is not one of: seminar, workshop, tabletop, game, drill, functional, full-scale; "
     "did you mean 'tabletop'?"),
    ("bad duration shorthand", "duration: {dist: lognormal, median: 20m, sigma: 0.4}", "duration: 5x",
     "duration: 5x", "world[1].duration", "expected a duration like '45s', '15m', '1h30m' or '2d', got '5x'"),
    ("distribution parameter bound", "sigma: 0.4}", "sigma: 9}",
     "sigma: 9", "world[1].duration.sigma", "must be more than 0 and at most 5, got 9"),
    ("unknown distribution", "dist: lognormal", "dist: lognorm",
     "lognorm,", "world[1].duration.dist", "did you mean 'lognormal'?"),
    ("distribution without dist", "{dist: lognormal, median: 20m, sigma: 0.4}", "{median: 20m, sigma: 0.4}",
     "median: 20m", "world[1].duration", "missing required key 'dist' (one of: fixed, uniform, triangular"),
    ("distribution of the wrong shape", "duration: {dist: lognormal, median: 20m, sigma: 0.4}", "duration: [5m]",
     "[5m]", "world[1].duration", "expected a duration like '5m', or a distribution like"),
    ("optional distribution", "typical: {dist: triangular, low: 3m, mode: 6m, high: 12m}",
     "typical: {dist: triangular, low: 3m, mode: 1m, high: 12m}",
     "typical:", "doctrine[0].typical", "need low <= mode <= high"),
    ("empty value", "    delay: 2m", "    delay:",
     "    delay:\n", "channels[0].delay", "got nothing (the value is empty)"),
    ("unknown process type", "    type: service", "    type: servise",
     "servise", "world[1].type", "'servise' is not one of: portal_monitor, service, legal_clock"),
    ("process without type", "    type: service\n", "",
     "- id: secondary\n", "world[1]", "missing required key 'type' (one of: portal_monitor, service, legal_clock"),
    ("availability word", "availability: office_hours", "availability: sometimes",
     "sometimes", "channels[2].availability", "expected '24/7', 'office_hours', or a mapping like"),
    ("availability hours", "availability: office_hours", "availability: {hours: '18:00-08:00'}",
     "18:00-08:00", "channels[2].availability.hours", "hours look like '08:00-17:00' (opening before closing)"),
    ("availability key", "availability: office_hours", "availability: {hourz: '08:00-17:00'}",
     "hourz", "channels[2].availability.hourz", "unknown key 'hourz'; did you mean 'hours'?"),
    ("too few items", "between: [customs, regulator]", "between: [customs]",
     "between: [customs]", "channels[0].between", "needs at least 2 items, found 1"),
    ("STARTEX without offset", "startex: 2026-03-14T08:00:00+01:00", "startex: 2026-03-14T08:00:00",
     "startex:", "exercise.startex", "STARTEX needs a UTC offset"),
    ("YAML boolean where text is expected", "timezone: Europe/Vienna", "timezone: no",
     "timezone: no", "jurisdictions[0].timezone", "expected text, got false (YAML reads an unquoted no"),
    ("not a whole number", "lanes: 2", "lanes: two",
     "lanes: two", "world[0].lanes", "expected a whole number, got 'two'"),
    ("below minimum", "lanes: 2", "lanes: 0",
     "lanes: 0", "world[0].lanes", "must be between 1 and 50, got 0"),
    ("union of scalar types", "where: {cause: threat}", "where: {cause: [threat]}",
     "where:", "injects[1].trigger.where.cause", "expected text, a number or true/false, got a list"),
    ("unknown language key", "      en: STARTEX briefing\n      fr: Briefing",
     "      en: STARTEX briefing\n      de: Briefing",
     "de: Briefing", "injects[0].synopsis.de", "'de' is not one of: en, fr, es, ru, ar, zh"),
    ("text of the wrong shape", "    en: A radioactive source is found at a road crossing.\n"
     "    fr: Une source radioactive est découverte à un poste frontière.\n", "    - a list\n",
     "summary:", "exercise.summary", "expected text, or a mapping of language to text"),
    ("English missing", "    en: Mini border exercise\n", "",
     "title:\n    fr: Mini", "exercise.title", "English ('en') text is required"),
    ("bad id", "  - id: I01", "  - id: 1 bad",
     "1 bad", "injects[0].id", "'1 bad' is not a valid id: start with a letter"),
    ("two trigger forms", "trigger: {missed: E02, delay: 5m}", "trigger: {missed: E02, inject: I01}",
     "trigger: {missed", "injects[2].trigger", "a trigger needs exactly one of: event, action, inject, "
                                               "state, missed (got inject, missed)"),
    ("at and trigger", "  - id: I01\n    at: 0m", "  - id: I01\n    at: 0m\n    trigger: {inject: I02}",
     "- id: I01", "injects[0]", "an inject needs either 'at' (a scenario time) or 'trigger', not both"),
    ("not a list", "    via: [phone]", "    via: phone",
     "via: phone", "doctrine[1].via", "expected a list, got 'phone'"),
    ("fractional seed", "seed: 7", "seed: 1.5",
     "seed: 1.5", "exercise.seed", "expected a whole number, got the number 1.5"),
    ("duplicate key", "  seed: 7\n", "  seed: 7\n  seed: 8\n",
     "seed: 8", "exercise.seed", "duplicate key 'seed' (first at line 17)"),
    ("bad date", "startex: 2026-03-14T08:00:00+01:00", "startex: 2026-02-30",
     "startex:", "exercise.startex", "'2026-02-30' is not a valid date"),
]


@pytest.mark.parametrize("old, new, needle, path, message",
                         [c[1:] for c in MODEL_CASES], ids=[c[0] for c in MODEL_CASES])
def test_model_problem_is_located(old, new, needle, path, message):
    text = mutate(old, new)
    errors = errors_of(text)
    assert [(p.line, p.path) for p in errors] == [(line_of(text, needle), path)], format_text(errors)
    assert message in errors[0].message
    assert errors[0].source == text.splitlines()[errors[0].line - 1]


def test_column_points_at_the_value():
    """Columns are 1-based and point at the offending value, or the key when the key is the problem."""
    text = mutate("type: tabletop", "type: tabeltop")
    (error,) = errors_of(text)
    assert (error.line, error.col) == (14, 9)  # "  type: tabeltop": the value starts in column 9
    text = mutate("  - id: I01\n    at: 0m", "  - id: I01\n    tirgger: x\n    at: 0m")
    (error,) = errors_of(text)
    assert (error.line, error.col) == (152, 5)


def test_all_problems_at_once():
    """Five planted mistakes in different sections: five located errors, in file order."""
    text = BASE
    for old, new in [("type: tabletop", "type: tabeltop"),
                     ("    kind: police", "    kind: Police Force"),   # kinds are open, but words
                     ("    medium: phone", "    medium: telephone"),
                     ("    lanes: 2", "    lanes: -2"),
                     ("    within: 30m", "    within: soon")]:
        assert text.count(old) == 1
        text = text.replace(old, new)
    errors = errors_of(text)
    assert [(p.line, p.path) for p in errors] == [
        (line_of(text, "tabeltop"), "exercise.type"),
        (line_of(text, "Police Force"), "agencies[2].kind"),
        (line_of(text, "telephone"), "channels[0].medium"),
        (line_of(text, "lanes: -2"), "world[0].lanes"),
        (line_of(text, "within: soon"), "doctrine[1].within"),
    ]


def test_cross_reference_problems_come_with_model_problems():
    """Whole-file checks run on a repaired copy when the model has errors, so
    an author sees a bad value and an unknown id in the same run."""
    text = mutate("type: tabletop", "type: tabeltop").replace("    to: customs\n    via: radio",
                                                              "    to: custom\n    via: radio")
    assert [p.path for p in errors_of(text)] == ["exercise.type", "injects[1].to[0]"]
    text = mutate("    to: customs\n    via: radio", "    to: custom\n    via: radio")
    assert [p.path for p in errors_of(text)] == ["injects[1].to[0]"]


# --- the format version -----------------------------------------------------------------


def test_newer_format_is_refused_with_one_clear_error():
    text = mutate("simex: 1", "simex: 2").replace("type: tabletop", "type: nonsense")
    scenario, problems = check_text(text, "s.yaml")
    assert scenario is None
    assert [(p.line, p.path, p.message) for p in problems] == [
        (4, "simex", "this file is simex format 2; this version of simex reads format 1: upgrade simex")]


def test_missing_version_is_reported_with_the_rest():
    text = mutate("simex: 1\n", "").replace("type: tabletop", "type: nonsense")
    errors = errors_of(text)
    assert [(p.line, p.col, p.path) for p in errors][0] == (1, 1, "simex")
    assert errors[0].message == "missing format version: add 'simex: 1' at the top"
    assert [p.path for p in errors[1:]] == ["exercise.type"]


@pytest.mark.parametrize("value, message", [
    ("one", "the format version is a whole number: write 'simex: 1'"),
    ("0", "there is no format version 0"),
    ("true", "the format version is a whole number"),
])
def test_bad_version_values(value, message):
    (error,) = errors_of(mutate("simex: 1", f"simex: {value}"))
    assert (error.line, error.path) == (4, "simex")
    assert message in error.message


# --- malformed input: a located problem, never a traceback --------------------------------


def write(tmp_path: Path, data: bytes | str, name: str = "s.yaml") -> Path:
    path = tmp_path / name
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def only_problem(path: Path) -> Problem:
    scenario, problems = check_file(path)
    assert scenario is None
    assert len(problems) == 1, format_text(problems)
    assert problems[0].file == str(path)
    return problems[0]


def test_file_over_the_size_limit_is_refused_before_parsing(tmp_path):
    path = write(tmp_path, b"a: '" + b"x" * (10 * 1024 * 1024) + b"'\n")
    p = only_problem(path)
    assert (p.line, p.col) == (1, 1)
    assert "the file is 10.0 MB; scenario files are limited to 5 MB" in p.message


def test_text_over_the_size_limit_is_refused(tmp_path):
    scenario, problems = check_text("a: " + "x" * (6 * 1024 * 1024), "big.yaml")
    assert scenario is None and "limited to 5 MB" in problems[0].message


@pytest.mark.parametrize("data, line, col, message", [
    (b"simex: 1\nexercise:\n  id: \x00\x01\x02\n", 3, 7, "binary file, not a text file (it contains a NUL byte)"),
    ("simex: 1\nexercise:\n  title: café\n".encode("latin-1"), 3, 13, "not UTF-8 text (byte 0xE9 here)"),
    ("simex: 1\n".encode("utf-16"), 1, 1, "saved as UTF-16; save it as UTF-8"),
    (b"simex: 1\nx: \x07\n", 2, 4, "character U+0007 that YAML does not allow"),
], ids=["NUL bytes", "Latin-1", "UTF-16", "control character"])
def test_undecodable_files(tmp_path, data, line, col, message):
    p = only_problem(write(tmp_path, data))
    assert (p.line, p.col) == (line, col)
    assert message in p.message


def test_a_byte_order_mark_is_fine(tmp_path):
    scenario, problems = check_file(write(tmp_path, b"\xef\xbb\xbf" + BASE.encode("utf-8")))
    assert scenario is not None and problems == []


@pytest.mark.parametrize("depth", [100, 100_000])
def test_deep_flow_nesting_is_refused_at_a_located_place(tmp_path, depth):
    """Deep '[' nesting crashes libyaml's composer; the reader refuses it.

    Our limit is 64 levels. Newer libyaml (PyYAML >= 6.0.4) also stops at
    1,000 levels while scanning ahead, before our count is reached: the user
    gets the same one located message either way, never a traceback.
    """
    p = only_problem(write(tmp_path, "a: " + "[" * depth + "]" * depth))
    assert p.line == 1 and 3 + 64 <= p.col <= 3 + depth  # at an opening '[' past the 64th level
    assert p.message == "the file nests deeper than 64 levels here; a scenario never needs that many"


def test_flow_nesting_within_the_limit_is_read(tmp_path):
    scenario, problems = check_text("a: " + "[" * 60 + "]" * 60, "nest.yaml")
    assert not any("nests deeper" in p.message for p in problems)


def test_deep_block_nesting_stops_at_the_limit(tmp_path):
    text = "".join(" " * i + f"k{i}:\n" for i in range(100))
    p = only_problem(write(tmp_path, text))
    assert (p.line, p.col) == (65, 65)
    assert p.path.startswith("k0.k1.k2")


def test_alias_bomb_is_stopped(tmp_path):
    """Nine levels of nine aliases would expand to 387 million values."""
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 10):
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]")
    p = only_problem(write(tmp_path, "\n".join(lines) + "\n"))
    assert "aliases here expand to more than 200,000 values" in p.message
    assert p.line == 6  # 9 + 81 + 729 + 6561 + 59049 + 531441 crosses the limit on the 6th line


def test_recursive_alias_is_refused():
    _, problems = check_text("a: &x [*x]\n", "s.yaml")
    assert (problems[0].line, problems[0].col) == (1, 8)
    assert "'*x' refers to no anchor" in problems[0].message


@pytest.mark.parametrize("text, line, col, message", [
    ("", 1, 1, "the file is empty"),
    ("# only a comment\n", 1, 1, "the file is empty"),
    ("- simex: 1\n- exercise: x\n", 1, 1, "must be a mapping of sections (simex:, exercise:, agencies:, ...), "
                                        "not a list"),
    ("just words\n", 1, 1, "not a value"),
    ("simex: 1\nexercise:\n  title: [a, b\n  id: x\n", 4, 5, "YAML syntax error: did not find expected ',' or ']'"
                                                         " (while parsing a flow sequence that starts at line 3)"),
    ("simex: 1\nexercise:\n  title: Note: this\n", 3, 14, "mapping values are not allowed in this context; is "
                                                          "there an unquoted ':' inside a text?"),
    ("simex: 1\nexercise:\n\tid: x\n", 3, 1, "indent with spaces, not tabs"),
    ("simex: 1\n---\nsimex: 1\n", 2, 1, "a second YAML document starts here"),
    ("simex: 1\nx: !!python/object:os.system 1\n", 2, 4, "the YAML tag 'tag:yaml.org,2002:python/object:os.system'"
                                                         " is not supported"),
], ids=["empty", "comments only", "list", "scalar", "unclosed list", "colon in text", "tab", "two documents",
        "python tag"])
def test_malformed_yaml(text, line, col, message):
    _, problems = check_text(text, "s.yaml")
    assert (problems[0].line, problems[0].col) == (line, col), format_text(problems)
    assert message in problems[0].message


@pytest.mark.parametrize("make, message", [
    (lambda d: d / "missing.yaml", "no such file"),
    (lambda d: d, "this is a directory, not a scenario file"),
])
def test_unreadable_paths(tmp_path, make, message):
    p = only_problem(make(tmp_path))
    assert (p.line, p.col, p.message) == (1, 1, message)


def test_an_internal_error_is_reported_not_raised(monkeypatch):
    def broken(data):
        raise RuntimeError("boom")
    monkeypatch.setattr(loader.Scenario, "model_validate", broken)
    scenario, problems = check_text(BASE, "s.yaml")
    assert scenario is None
    assert [(p.line, p.col, p.message) for p in problems] == [
        (1, 1, "internal error while reading s.yaml: RuntimeError: boom (please report this)")]
    scenario, problems = check_file(MINIMAL)
    assert scenario is None and problems[0].message.startswith(f"internal error while reading {MINIMAL}")


# --- YAML features a scenario may use -------------------------------------------------------


def test_anchors_and_merge_keys():
    """`<<: *defaults` fills in keys; the mapping's own keys win; positions follow the anchor."""
    text = mutate("  - id: customs-police\n    between: [customs, police]\n    medium: liaison\n",
                  "  - &liaison\n    id: customs-police\n    between: [customs, police]\n    medium: liaison\n")
    text = text.replace("  - id: regulator-police\n    between: [regulator, police]\n    medium: secure_email\n",
                        "  - <<: *liaison\n    id: regulator-police\n    between: [regulator, police]\n"
                        "    medium: secure_email\n")
    scenario, problems = check_text(text, "s.yaml")
    assert problems == []
    channel = scenario.channels[2]
    assert (channel.id, channel.medium, channel.one_way) == ("regulator-police", "secure_email", True)
    assert channel.availability.hours == "08:00-17:00" and scenario.channels[1].availability.hours == "08:00-18:00"
    bad = text.replace("delay: {dist: uniform, low: 5m, high: 15m}", "delay: {dist: uniform, low: 5m, high: x}")
    assert [(p.path, p.line) for p in errors_of(bad)] == [
        ("channels[1].delay.high", line_of(bad, "high: x")),
        ("channels[2].delay.high", line_of(bad, "high: x")),  # merged in: shown where it is written
    ]


def test_keys_keep_their_spelling():
    """YAML 1.1 reads an unquoted `no:` as false; keys in a scenario are words, so they stay text."""
    from simex.scenario.yamlread import read_yaml
    assert read_yaml("no: 1\non: yes\n1: x\n").data == {"no": 1, "on": True, "1": "x"}


# --- presenting problems -----------------------------------------------------------------------


def test_load_scenario_raises_with_every_error_formatted(tmp_path):
    path = write(tmp_path, mutate("type: tabletop", "type: tabeltop").replace("lanes: 2", "lanes: 0"))
    with pytest.raises(ScenarioError) as raised:
        load_scenario(path)
    assert len(raised.value.problems) == 2
    assert str(raised.value).splitlines() == [
        f"{path}:14:9: exercise.type: 'tabeltop' is not one of: seminar, workshop, tabletop, game, drill, "
        "functional, full-scale; did you mean 'tabletop'?",
        "      type: tabeltop",
        "            ^",
        f"{path}:116:12: world[0].lanes: must be between 1 and 50, got 0",
        "        lanes: 0",
        "               ^",
    ]


def test_load_scenario_returns_the_model():
    assert load_scenario(MINIMAL).exercise.id == "mini-border"


def test_text_report_puts_errors_first_and_warnings_without_source():
    problems = [Problem("b.yaml", 9, 3, "x", "late warning", "warning", "  x: 1"),
                Problem("b.yaml", 7, 1, "y", "an error", "error", "y: 2"),
                Problem("b.yaml", 2, 1, "", "early warning", "warning")]
    assert format_text(problems).splitlines() == [
        "b.yaml:7:1: y: an error", "    y: 2", "    ^",
        "b.yaml:2:1: warning: early warning",
        "b.yaml:9:3: x: warning: late warning",
    ]


def test_json_report():
    import json
    problems = [Problem("a.yaml", 3, 5, "injects[0].to[1]", "unknown agency 'x'", "error", "ignored")]
    assert json.loads(format_json(problems)) == [
        {"file": "a.yaml", "line": 3, "col": 5, "path": "injects[0].to[1]", "severity": "error",
         "message": "unknown agency 'x'"}]


@pytest.mark.parametrize("path, text", [
    (("injects", 3, "to"), "injects[3].to"),
    (("exercise", "title", "fr"), "exercise.title.fr"),
    (("injects", 1, "trigger", "where", "a.b c"), 'injects[1].trigger.where["a.b c"]'),
    ((), ""),
])
def test_paths_round_trip(path, text):
    assert format_path(path) == text
    assert parse_path(text) == path


def test_without_libyaml_the_pure_python_parser_gives_the_same_answers(monkeypatch):
    """Where PyYAML was built without libyaml, SafeLoader reads the same events."""
    import yaml
    from simex.scenario import yamlread
    monkeypatch.setattr(yamlread, "Loader", yaml.SafeLoader)
    assert check_text(BASE, "s.yaml")[1] == []
    text = mutate("  seed: 7\n", "  seed: 7\n  seed: 8\n")
    assert [(p.line, p.path) for p in errors_of(text)] == [(line_of(text, "seed: 8"), "exercise.seed")]
    _, (problem,) = check_text("a: " + "[" * 1000 + "]" * 1000, "s.yaml")
    assert (problem.line, problem.col) == (1, 3 + 64) and "deeper than 64" in problem.message
    _, (problem,) = check_text("simex: 1\nexercise:\n  title: [a, b\n  id: x\n", "s.yaml")
    assert problem.line == 4 and problem.message.startswith("YAML syntax error")
