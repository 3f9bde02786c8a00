"""Scenario files: the model, the located-error loader and the JSON Schema."""
from simex.scenario.model import FORMAT_VERSION, Scenario

__all__ = ["FORMAT_VERSION", "Scenario"]
