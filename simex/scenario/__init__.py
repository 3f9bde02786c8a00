"""Scenario files: the model, the located-error loader and the JSON Schema."""
from simex.scenario.loader import ScenarioError, check_file, check_text, load_scenario
from simex.scenario.model import FORMAT_VERSION, Scenario

__all__ = ["FORMAT_VERSION", "Scenario", "ScenarioError", "check_file", "check_text", "load_scenario"]
