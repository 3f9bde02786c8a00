"""The JSON Schema explains every key it lists, from the models' own field
documentation, so editor hover says what a key means and the schema and the
code cannot drift apart."""
from __future__ import annotations

from pydantic import BaseModel

from simex.scenario.fielddocs import describe, field_docs
from simex.scenario.model import Channel, Scenario
from simex.scenario.processes import Threat
from simex.scenario.schema import _models, json_schema


def _properties(node, path: str = "$"):
    """(path, property schema) for every property anywhere in the schema."""
    if isinstance(node, dict):
        for name, prop in (node.get("properties") or {}).items():
            yield f"{path}.{name}", prop
        for key, value in node.items():
            yield from _properties(value, f"{path}/{key}" if key != "properties" else path)
    elif isinstance(node, list):
        for item in node:
            yield from _properties(item, path)


def test_every_property_in_the_schema_has_a_description():
    missing = sorted({path for path, prop in _properties(json_schema()) if not prop.get("description")})
    assert missing == []


def test_every_model_field_is_documented_in_the_code():
    """The description comes from an attribute docstring under the field,
    not from a table kept elsewhere."""
    undocumented = sorted(f"{name}.{field}" for name, model in _models().items()
                          for field in model.model_fields if not field_docs(model).get(field))
    assert undocumented == []


def test_field_docs_are_what_pydantic_would_read():
    """fielddocs reads the docstrings lazily (pydantic's own reading cost every
    validate 40 ms at import) but by pydantic's rule: same texts, same fields,
    inherited fields included."""
    from pydantic._internal._docs_extraction import extract_docstrings_from_cls

    for model in _models().values():
        pydantics = {}
        for cls in reversed(model.__mro__):     # a subclass's own docstrings win, as pydantic copies fields down
            if issubclass(cls, BaseModel) and cls.__module__.startswith("simex."):
                own = cls.__dict__.get("__annotations__", {})
                docs = extract_docstrings_from_cls(cls, use_inspect=True)
                pydantics.update({k: docs.get(k) for k in own})
        expected = {k: v for k, v in pydantics.items() if k in model.model_fields and v is not None}
        assert field_docs(model) == expected, model.__name__


def _said(model, field: str) -> str:
    return " ".join(field_docs(model)[field].split())   # one paragraph, as hover shows it


def test_the_schema_says_what_the_code_says():
    defs = json_schema()["$defs"]
    assert defs["Channel"]["properties"]["delay"]["description"] == _said(Channel, "delay")
    assert defs["Threat"]["properties"]["practice"]["description"] == _said(Threat, "practice")
    assert json_schema()["properties"]["world"]["description"] == _said(Scenario, "world")


def test_keys_whose_form_is_not_obvious_carry_an_example():
    schema = json_schema()
    defs = schema["$defs"]
    for model, key in [("Exercise", "startex"), ("Exercise", "duration"), ("Channel", "delay"),
                       ("Channel", "availability"), ("Inject", "trigger"), ("Expectation", "key"),
                       ("Trigger", "state"), ("Trigger", "where"), ("Jurisdiction", "timezone"),
                       ("Threat", "practice"), ("Service", "duration")]:
        assert defs[model]["properties"][key].get("examples"), f"{model}.{key} has no example"


def test_models_are_pydantic_models_that_describe_their_fields():
    for model in _models().values():
        assert issubclass(model, BaseModel)
        assert model.model_config.get("json_schema_extra") is describe, model.__name__


def test_every_example_is_valid_for_its_own_property():
    from tests.test_schema import schema_errors

    schema = json_schema()
    checked = 0
    for path, prop in _properties(schema):
        for example in prop.get("examples", []):
            assert schema_errors(example, prop, schema, path) == [], (path, example)
            checked += 1
    assert checked >= 15
