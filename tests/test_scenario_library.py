"""The bundled scenario library: every file loads and validates cleanly, is
written in English and French, runs under several seeds with both bot
profiles, and every objective can be both met and missed.

An objective is *met* in a run when every expectation instance of it that
opened was met on time; it is *missed* when one was late or never met, or
when none of its expectations even opened (HSEEP "unable to be performed").
If an objective were always met, the exercise could not tell a good team
from a weak one; if it were never met, doctrine itself would be unplayable.
"""
from __future__ import annotations

import copy
from collections import defaultdict

import pytest
import yaml

from simex.engine.exercise import Exercise
from simex.scenario.loader import check_text, load_scenario
from simex.scoring import score
from tests.conftest import ROOT

SCENARIOS = sorted((ROOT / "scenarios").glob("*.yaml"))
IDS = [p.stem for p in SCENARIOS]
SEEDS = (1, 2, 3, 4, 5, 6)
PROFILES = ("doctrine", "weak")


def _run(scenario, seed, bots):
    ex = Exercise(scenario, seed=seed, bots=bots, bot_agencies=tuple(a.id for a in scenario.agencies))
    ex.run_to_end()
    return ex


def _objective_outcomes(scenario, events) -> dict[str, bool]:
    """objective id -> met (True) / missed (False) in one run."""
    results = defaultdict(list)
    for r in score(scenario, events).results:
        if r.status != "open":  # too close to ENDEX to judge
            results[r.objective].append(r.status == "on_time")
    return {o.id: bool(results[o.id]) and all(results[o.id]) for o in scenario.objectives}


@pytest.fixture(scope="module", params=SCENARIOS, ids=IDS)
def library_runs(request):
    scenario = load_scenario(request.param)
    runs = {(seed, bots): _run(scenario, seed, bots)
            for seed in (scenario.exercise.seed, *SEEDS) for bots in PROFILES}
    return request.param, scenario, runs


def test_it_is_the_librarys_five_families_and_the_major_public_event():
    assert {"border-detection", "crime-scene-forensics", "rdd-response", "icsant-article7",
            "cross-border-cse", "major-public-event"} <= set(IDS)


@pytest.mark.parametrize("path", SCENARIOS, ids=IDS)
def test_validates_without_problems_in_the_six_un_languages(path):
    """No problem at all: every player-facing text exists in every declared language."""
    scenario, problems = check_text(path.read_text(encoding="utf-8"), str(path))
    assert scenario is not None and [str(p) for p in problems] == []
    assert sorted(scenario.exercise.languages) == sorted(["ar", "zh", "en", "fr", "ru", "es"])


@pytest.mark.parametrize("path", SCENARIOS, ids=IDS)
def test_missing_french_is_a_warning_not_an_error(path):
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    broken = copy.deepcopy(data)
    del broken["injects"][0]["text"]["fr"]
    scenario, problems = check_text(yaml.safe_dump(broken, allow_unicode=True, sort_keys=False), "s.yaml")
    assert scenario is not None
    assert [(p.severity, p.path) for p in problems] == [("warning", "injects[0].text")]


def test_every_objective_is_evaluated_by_doctrine(library_runs):
    _, scenario, _ = library_runs
    evaluated = {e.objective for e in scenario.doctrine}
    assert [o.id for o in scenario.objectives if o.id not in evaluated] == []


def test_doctrine_bots_meet_almost_everything_at_the_default_seed(library_runs):
    _, scenario, runs = library_runs
    result = score(scenario, runs[(scenario.exercise.seed, "doctrine")].events)
    assert result.ended and result.percent_on_time >= 90, result.totals()


def test_weak_bots_do_worse_than_doctrine_bots(library_runs):
    _, scenario, runs = library_runs
    seed = scenario.exercise.seed
    doctrine = score(scenario, runs[(seed, "doctrine")].events).percent_on_time
    weak = score(scenario, runs[(seed, "weak")].events).percent_on_time
    assert weak < doctrine


def test_each_objective_can_be_met_and_can_be_missed(library_runs):
    _, scenario, runs = library_runs
    met, missed = set(), set()
    for ex in runs.values():
        for objective, ok in _objective_outcomes(scenario, ex.events).items():
            (met if ok else missed).add(objective)
    every = {o.id for o in scenario.objectives}
    assert sorted(every - met) == [], "objectives never met under any seed or profile"
    assert sorted(every - missed) == [], "objectives never missed under any seed or profile"


def test_runs_are_deterministic(library_runs):
    _, scenario, runs = library_runs
    seed = scenario.exercise.seed
    again = _run(scenario, seed, "weak")
    assert [(e.kind, e.t) for e in again.events] == [(e.kind, e.t) for e in runs[(seed, "weak")].events]


def test_players_never_see_ground_truth_in_alarms_or_surveys(library_runs):
    """What an agency is shown (`facts`) never names the cause, the true
    nuclide behind a RIID reading, or a team's dose without a dosimeter."""
    _, scenario, runs = library_runs
    for ex in runs.values():
        for e in ex.events:
            if e.kind == "world" and e.name in ("alarm", "measured", "dose", "exceeded", "undetected"):
                assert "cause" not in e.facts and "p_alarm" not in e.facts
            if e.kind == "world" and e.name == "exceeded":
                assert e.observer == ""


@pytest.mark.parametrize("path", SCENARIOS, ids=IDS)
def test_every_expectation_cites_its_doctrine_in_the_file_and_in_the_guide(path):
    """A facilitator reads, for each expectation, the document and paragraph
    it follows: in the scenario (`reference`) and in the scenario's guide
    (docs/scenarios/NAME.md), which must say the same."""
    scenario = load_scenario(path)
    assert [d.id for d in scenario.doctrine if not d.reference] == []
    guide = (ROOT / "docs" / "scenarios" / f"{path.stem}.md").read_text(encoding="utf-8")
    rows = {}
    for line in guide.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if line.startswith("| EXP-") and len(cells) == 3:
            rows[cells[0].split(" — ")[0]] = cells[2]
    assert rows == {d.id: d.reference for d in scenario.doctrine}
