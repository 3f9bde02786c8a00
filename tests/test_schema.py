"""The JSON Schema accepts what the loader accepts.

An editor using the schema must not underline a valid scenario, so every
valid file (the test fixture, the bundled scenarios, the docs example, and
each shorthand an author may write) must pass the schema. The `jsonschema`
package is used when it is installed; otherwise a small validator below
covers the keywords the schema uses, and refuses any keyword it does not
know, so the check cannot silently weaken.
"""
from __future__ import annotations

import copy
import datetime as dt
import re
from pathlib import Path

import pytest

from simex.scenario.loader import check_text
from simex.scenario.schema import json_schema
from simex.scenario.yamlread import read_yaml

ROOT = Path(__file__).resolve().parent.parent
VALID_FILES = [ROOT / "tests" / "data" / "minimal.yaml", *sorted((ROOT / "scenarios").glob("*.yaml"))]

try:
    import jsonschema
except ImportError:  # not a dependency: fall back to the small validator
    jsonschema = None


def as_json(value):
    """What an editor sees: YAML dates are strings to a JSON Schema."""
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: as_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [as_json(v) for v in value]
    return value


# --- a small JSON Schema validator: only what simex's schema uses ------------------------

_IGNORED = {"title", "description", "default", "format", "discriminator", "$schema", "$id", "$defs",
            "examples"}
_TYPES = {"object": dict, "array": list, "string": str, "boolean": bool, "null": type(None)}


def schema_errors(value, schema: dict, root: dict, path: str = "$") -> list[str]:
    errors: list[str] = []
    unknown = set(schema) - _IGNORED - {
        "$ref", "type", "properties", "required", "additionalProperties", "items", "minItems", "maxItems",
        "enum", "const", "anyOf", "oneOf", "allOf", "pattern", "propertyNames", "minimum", "maximum",
        "exclusiveMinimum", "exclusiveMaximum", "minLength", "maxLength", "minProperties"}
    assert not unknown, f"the test validator does not know {unknown}: teach it"
    if "$ref" in schema:
        target = root
        for part in schema["$ref"].removeprefix("#/").split("/"):
            target = target[part]
        errors += schema_errors(value, target, root, path)
    if "type" in schema:
        types = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
        if not any(_is_type(value, t) for t in types):
            return errors + [f"{path}: {value!r} is not of type {types}"]
    if "enum" in schema and value not in schema["enum"]:
        errors.append(f"{path}: {value!r} not in {schema['enum']}")
    if "const" in schema and value != schema["const"]:
        errors.append(f"{path}: {value!r} != {schema['const']!r}")
    for keyword, check in (("anyOf", lambda n: n >= 1), ("oneOf", lambda n: n == 1),
                           ("allOf", lambda n: n == len(schema["allOf"]))):
        if keyword in schema:
            passing = sum(not schema_errors(value, alt, root, path) for alt in schema[keyword])
            if not check(passing):
                errors.append(f"{path}: {passing} alternatives of {keyword} match {value!r}")
    if isinstance(value, dict):
        props = schema.get("properties", {})
        errors += [f"{path}: missing {key}" for key in schema.get("required", []) if key not in value]
        if len(value) < schema.get("minProperties", 0):
            errors.append(f"{path}: too few properties")
        for key, item in value.items():
            if "propertyNames" in schema:
                errors += schema_errors(key, schema["propertyNames"], root, f"{path}.{key}(name)")
            if key in props:
                errors += schema_errors(item, props[key], root, f"{path}.{key}")
            elif schema.get("additionalProperties") is False:
                errors.append(f"{path}: unexpected {key}")
            elif isinstance(schema.get("additionalProperties"), dict):
                errors += schema_errors(item, schema["additionalProperties"], root, f"{path}.{key}")
    if isinstance(value, list):
        if not schema.get("minItems", 0) <= len(value) <= schema.get("maxItems", len(value)):
            errors.append(f"{path}: wrong number of items")
        if "items" in schema:
            for i, item in enumerate(value):
                errors += schema_errors(item, schema["items"], root, f"{path}[{i}]")
    if isinstance(value, str):
        if "pattern" in schema and not re.search(schema["pattern"], value):
            errors.append(f"{path}: {value!r} does not match {schema['pattern']}")
        if not schema.get("minLength", 0) <= len(value) <= schema.get("maxLength", len(value)):
            errors.append(f"{path}: wrong length")
    if _is_type(value, "number"):
        for key, ok in (("minimum", lambda b: value >= b), ("maximum", lambda b: value <= b),
                        ("exclusiveMinimum", lambda b: value > b), ("exclusiveMaximum", lambda b: value < b)):
            if key in schema and not ok(schema[key]):
                errors.append(f"{path}: {value} violates {key} {schema[key]}")
    return errors


def _is_type(value, name: str) -> bool:
    if name == "integer":
        return isinstance(value, int) and not isinstance(value, bool)
    if name == "number":
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    return isinstance(value, _TYPES[name])


def validate(data) -> list[str]:
    schema = json_schema()
    data = as_json(data)
    if jsonschema is not None:
        return [e.message for e in jsonschema.Draft202012Validator(schema).iter_errors(data)]
    return schema_errors(data, schema, schema)


# --- the tests ----------------------------------------------------------------------------


def load(path: Path) -> dict:
    text = path.read_text(encoding="utf-8")
    scenario, problems = check_text(text, str(path))
    assert scenario is not None, [str(p) for p in problems if p.is_error]
    return read_yaml(text).data


@pytest.mark.parametrize("path", VALID_FILES, ids=lambda p: p.name)
def test_valid_files_pass_the_schema(path):
    assert validate(load(path)) == []


def test_the_docs_example_passes_the_schema():
    from test_docs_example import example
    data = read_yaml(example()).data
    assert check_text(example(), "example.yaml")[0] is not None
    assert validate(data) == []


BASE = load(VALID_FILES[0])


def changed(edit) -> dict:
    data = copy.deepcopy(BASE)
    edit(data)
    return data


SHORTHANDS = {
    "text as a plain string": lambda d: d["exercise"].update(title="Border exercise"),
    "one recipient without a list": lambda d: d["injects"][0].update(to="customs"),
    "duration in seconds": lambda d: d["exercise"].update(duration=21600),
    "duration with a plus": lambda d: d["injects"][0].update(at="+1h30m"),
    "fixed delay shorthand": lambda d: d["channels"][1].update(delay="5m"),
    "fixed delay as a number": lambda d: d["channels"][1].update(delay=300),
    "full fixed distribution": lambda d: d["channels"][1].update(delay={"dist": "fixed", "value": "5m"}),
    "exponential uses 'mean'": lambda d: d["channels"][1].update(delay={"dist": "exponential", "mean": "5m"}),
    "empirical with weights": lambda d: d["channels"][1].update(
        delay={"dist": "empirical", "values": ["1m", "2m"], "weights": [1, 3]}),
    "typical as a shorthand": lambda d: d["doctrine"][0].update(typical="5m"),
    "office hours by name": lambda d: d["channels"][1].update(availability="office_hours"),
    "always open": lambda d: d["channels"][1].update(availability="24/7"),
    "optional texts given": lambda d: d["objectives"][0].update(capability="Detection", target={"en": "15 min"}),
    "expected actions as plain strings": lambda d: d["injects"][0].update(expected_actions=["Call", {"en": "x"}]),
}


@pytest.mark.parametrize("edit", SHORTHANDS.values(), ids=SHORTHANDS.keys())
def test_shorthands_pass_both_the_loader_and_the_schema(edit):
    import yaml
    data = changed(edit)
    scenario, problems = check_text(yaml.safe_dump(as_json(data), allow_unicode=True), "s.yaml")
    assert scenario is not None, [str(p) for p in problems]
    assert validate(data) == []


REFUSED = {
    "unknown key": lambda d: d["injects"][0].update(tirgger="x"),
    "text without English": lambda d: d["exercise"].update(title={"fr": "Exercice"}),
    "unknown language": lambda d: d["exercise"].update(title={"en": "x", "de": "y"}),
    "bad duration": lambda d: d["exercise"].update(duration="six hours"),
    "unknown distribution": lambda d: d["channels"][1].update(delay={"dist": "normal", "mean": "5m"}),
    "newer format": lambda d: d.update(simex=2),
    "missing section": lambda d: d.pop("agencies"),
}


@pytest.mark.parametrize("edit", REFUSED.values(), ids=REFUSED.keys())
def test_the_schema_still_refuses_what_the_loader_refuses(edit):
    assert validate(changed(edit)) != []


def test_schema_header():
    schema = json_schema()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"].endswith("scenario-v1.json")
    assert schema["title"] == "simex scenario (format 1)" and schema["description"]
    assert schema["additionalProperties"] is False
