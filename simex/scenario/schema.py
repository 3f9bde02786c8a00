"""The JSON Schema of scenario format v1, for editor completion and checks.

Pydantic writes the schema of what the model *stores*; authors write
shorthands the loader accepts before validation ("5m" for a fixed
distribution, a plain string for English-only text, `to: customs` for a
one-item list, `availability: office_hours`). The schema must accept
everything the loader accepts, or an editor would underline valid files,
so those fields are rewritten here. Cross-references (is 'customs' an
agency?) are beyond JSON Schema: `simex validate` checks them.
"""
from __future__ import annotations

import copy
from functools import cache

from pydantic import BaseModel

from simex.scenario.distributions import MAX_DURATION, Distribution, _shorthand
from simex.scenario.messages import shorthand_validators
from simex.scenario.model import FORMAT_VERSION, IdList, Scenario, _availability
from simex.scenario.text import LANGUAGES, _normalise

SCHEMA_ID = f"https://simex.invalid/schema/scenario-v{FORMAT_VERSION}.json"

# parse_duration accepts "45s", "1h30m", "2d", "+1h" and bare seconds ("90").
DURATION = {
    "anyOf": [
        {"type": "string", "pattern": r"^\s*\+?\s*((\d+(\.\d+)?\s*[dhms]\s*)+|\d+(\.\d+)?)\s*$"},
        {"type": "number", "minimum": 0, "maximum": MAX_DURATION},
    ],
    "description": "a duration: '45s', '15m', '1h30m', '2d', or a number of seconds (at most 366d)",
}
TEXT = {
    "anyOf": [
        {"type": "string"},
        {"type": "object", "required": ["en"], "minProperties": 1,
         "propertyNames": {"enum": list(LANGUAGES)}, "additionalProperties": {"type": "string"}},
    ],
    "description": "text: a plain string (English), or a mapping of language code to text with at least 'en'",
}


_DISTS = {cls.model_fields["dist"].annotation.__args__[0]: cls.__name__
          for cls in Distribution.__origin__.__args__}
# Built here rather than taken from pydantic, whose rendering of an optional
# discriminated union (`typical:`) nests the union inside its own mapping.
DISTRIBUTION = {
    "anyOf": [
        DURATION,
        {"oneOf": [{"$ref": f"#/$defs/{name}"} for name in _DISTS.values()],
         "discriminator": {"propertyName": "dist",
                           "mapping": {tag: f"#/$defs/{name}" for tag, name in _DISTS.items()}}},
    ],
    "description": "a duration ('5m', fixed) or a distribution: {dist: fixed|uniform|triangular|"
                   "exponential|lognormal|empirical, ...}",
}


# What a rewritten property keeps of pydantic's rendering: its documentation.
_KEEP = ("title", "default", "description", "examples")


def json_schema() -> dict:
    """The JSON Schema (draft 2020-12) of a scenario file."""
    return copy.deepcopy(_schema())


@cache
def _schema() -> dict:
    schema = Scenario.model_json_schema(by_alias=True)
    for name, definition in schema.get("$defs", {}).items():
        model = _models().get(name)
        if model is not None:
            _shorthands(model, definition)
    _shorthands(Scenario, schema)
    schema = _durations(schema)
    _one_line(schema)
    schema["properties"]["simex"].update({"const": FORMAT_VERSION})
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": f"simex scenario (format {FORMAT_VERSION})",
        "description": ("A tabletop exercise for simex: exercise, objectives, jurisdictions, agencies, "
                        "channels, world processes, injects (the MSEL), doctrine and evidence. "
                        "Run `simex validate FILE` for the checks a schema cannot express."),
        **{k: v for k, v in schema.items() if k not in ("title", "description")},
    }


def _models() -> dict[str, type[BaseModel]]:
    """Every model class the scenario uses, by its schema name."""
    found: dict[str, type[BaseModel]] = {}

    def visit(t: object) -> None:
        if isinstance(t, type) and issubclass(t, BaseModel):
            if t.__name__ in found:
                return
            found[t.__name__] = t
            for info in t.model_fields.values():
                visit(info.annotation)
        for arg in getattr(t, "__args__", ()) or ():
            visit(arg)
        origin = getattr(t, "__origin__", None)
        if origin is not None and hasattr(t, "__metadata__"):
            visit(origin)

    visit(Scenario)
    return found


def _shorthands(model: type[BaseModel], definition: dict) -> None:
    """Rewrite the properties of `model` whose field takes a shorthand."""
    props = definition.get("properties", {})
    for name, info in model.model_fields.items():
        key = info.alias or name
        if key not in props:
            continue
        prop = props[key]
        keep = {k: prop[k] for k in _KEEP if k in prop}
        nullable = any(alt == {"type": "null"} for alt in prop.get("anyOf", []))
        core = (next(a for a in prop["anyOf"] if a != {"type": "null"}) if nullable
                else {k: v for k, v in prop.items() if k not in keep})
        funcs = shorthand_validators(info.annotation, info.metadata)
        if _normalise in funcs:
            new = TEXT
        elif _shorthand in funcs:
            new = DISTRIBUTION
        elif _availability in funcs:
            new = {"anyOf": [{"enum": ["24/7", "office_hours"]}, {"$ref": "#/$defs/OfficeHours"}]}
        elif IdList.__metadata__[0].func in funcs:
            new = {"anyOf": [core["items"], core]}
        elif core.get("type") == "array" and "propertyNames" in core.get("items", {}):
            new = {**core, "items": TEXT}  # a list of texts
        else:
            continue
        new = {"anyOf": [new, {"type": "null"}]} if nullable else new
        props[key] = {**copy.deepcopy(new), **keep}


def _durations(node: object) -> object:
    """Every Duration, wherever it sits (a field, list items, a default of a
    distribution): pydantic renders it as `type: number` plus an anyOf of
    string and number, which no string could pass."""
    if isinstance(node, list):
        return [_durations(item) for item in node]
    if not isinstance(node, dict):
        return node
    if node.get("anyOf") == [{"type": "string"}, {"type": "number"}] and node.get("type") == "number":
        keep = {k: node[k] for k in _KEEP if k in node}
        return {**copy.deepcopy(DURATION), **keep}
    return {key: _durations(value) for key, value in node.items()}


def _one_line(node: object) -> None:
    """Descriptions as one paragraph: the docstrings they come from wrap at the
    code's margin, and editors show hover text with its line breaks."""
    if isinstance(node, list):
        for item in node:
            _one_line(item)
    elif isinstance(node, dict):
        if isinstance(node.get("description"), str):
            node["description"] = " ".join(node["description"].split())
        for key, value in node.items():
            if key != "examples":
                _one_line(value)
