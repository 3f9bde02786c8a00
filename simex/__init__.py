"""simex: a discrete-event engine for multi-agency tabletop exercises.

The engine library. It never imports a UI toolkit (textual, rich) or the
`tui` package: screens, the network server and reports sit on top of it.

    from simex import load_scenario, Exercise, score
    scenario = load_scenario("scenarios/border-detection.yaml")
    exercise = Exercise(scenario, seed=7, bot_agencies=tuple(a.id for a in scenario.agencies))
    exercise.run_to_end()
    print(score(scenario, exercise.events).totals())
"""
from simex.engine.exercise import Exercise
from simex.scenario import Scenario, ScenarioError, check_file, load_scenario
from simex.scoring.expectations import score

__all__ = ["Exercise", "Scenario", "ScenarioError", "check_file", "load_scenario", "score"]
__version__ = "0.1.0"
