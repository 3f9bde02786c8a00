"""simex: a discrete-event engine for multi-agency tabletop exercises.

The engine library. It never imports a UI toolkit (textual, rich) or the
`tui` package: screens, the network server and reports sit on top of it.

    from simex import load_scenario, Exercise, score
    scenario = load_scenario("scenarios/border-detection.yaml")
    exercise = Exercise(scenario, seed=7, bot_agencies=tuple(a.id for a in scenario.agencies))
    exercise.run_to_end()
    print(score(scenario, exercise.events).totals())

The names below are loaded on first use, so importing one submodule (the
network client of `simex join`, say) does not load the whole engine.
"""
from importlib import import_module

_PUBLIC = {
    "Exercise": "simex.engine.exercise",
    "Scenario": "simex.scenario.model",
    "ScenarioError": "simex.scenario.loader",
    "check_file": "simex.scenario.loader",
    "load_scenario": "simex.scenario.loader",
    "score": "simex.scoring.expectations",
}
__all__ = sorted(_PUBLIC)
__version__ = "0.1.0"


def __getattr__(name: str):
    if name in _PUBLIC:
        return getattr(import_module(_PUBLIC[name]), name)
    raise AttributeError(f"module 'simex' has no attribute {name!r}")
