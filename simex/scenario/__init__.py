"""Scenario files: the model, the located-error loader and the JSON Schema.

Loaded on first use: the engine imports the model alone and should not pay
for the loader and its checks."""
from importlib import import_module

_PUBLIC = {
    "FORMAT_VERSION": "simex.scenario.model",
    "Scenario": "simex.scenario.model",
    "ScenarioError": "simex.scenario.loader",
    "check_file": "simex.scenario.loader",
    "check_text": "simex.scenario.loader",
    "load_scenario": "simex.scenario.loader",
}
__all__ = sorted(_PUBLIC)


def __getattr__(name: str):
    if name in _PUBLIC:
        return getattr(import_module(_PUBLIC[name]), name)
    raise AttributeError(f"module 'simex.scenario' has no attribute {name!r}")
