"""What each field of the scenario format means: the docstring written under
it in the model's code, so the JSON Schema (editor hover), a translator's
export and the code never drift apart.

    at: Duration
    \"\"\"When it reaches the portal (a closed portal holds it until it opens).\"\"\"

pydantic can read these itself (`use_attribute_docstrings`), but it does so
while each class is built, tokenizing that class's source: about 40 ms of
every `simex validate` and `simex run`, neither of which shows them. Here
they are read when asked for, with one parse per module, and reach the JSON
Schema through each model's `json_schema_extra` (`describe`). The rule is
pydantic's: a string literal right after an annotated name in the class's
own body; an inherited field keeps the documentation of the class that
declared it; an explicit `Field(description=...)` wins.
"""
from __future__ import annotations

import sys
from functools import cache


def field_docs(model: type) -> dict[str, str]:
    """{field name: its documentation} for a pydantic model class; fields
    without documentation are left out."""
    return dict(_field_docs(model))


@cache
def _field_docs(model: type) -> tuple[tuple[str, str], ...]:
    docs = []
    for name, info in model.model_fields.items():
        doc = info.description
        if doc is None:
            declared = next((c for c in model.__mro__ if name in c.__dict__.get("__annotations__", {})), None)
            if declared is not None:
                doc = _module_docs(declared.__module__).get(declared.__qualname__, {}).get(name)
        if doc is not None:
            docs.append((name, doc))
    return tuple(docs)


def describe(schema: dict, model: type) -> None:
    """pydantic's `json_schema_extra` hook: give each property of `model`'s
    schema its field's documentation, as `use_attribute_docstrings` would."""
    properties = schema.get("properties", {})
    for name, doc in field_docs(model).items():
        alias = model.model_fields[name].alias
        prop = properties.get(alias) if alias in properties else properties.get(name)
        if prop is not None and "description" not in prop:
            prop["description"] = doc


@cache
def _module_docs(module: str) -> dict[str, dict[str, str]]:
    """{class qualname: {attribute: docstring}} for every class in `module`'s source."""
    import ast
    import inspect

    try:
        source = inspect.getsource(sys.modules[module])
    except (OSError, TypeError):    # installed without its source: no descriptions, as with pydantic's reading
        return {}
    tree = ast.parse(source)
    found: dict[str, dict[str, str]] = {}

    def visit(body: list, prefix: str) -> None:
        for node in body:
            if isinstance(node, ast.ClassDef):
                found[prefix + node.name] = _attribute_docs(node.body)
                visit(node.body, f"{prefix}{node.name}.")

    visit(tree.body, "")
    return found


def _attribute_docs(body: list) -> dict[str, str]:
    import ast
    import inspect

    docs = {}
    for before, node in zip(body, body[1:]):
        if (isinstance(before, ast.AnnAssign) and isinstance(before.target, ast.Name)
                and isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)
                and isinstance(node.value.value, str)):
            docs[before.target.id] = inspect.cleandoc(node.value.value)
    return docs
