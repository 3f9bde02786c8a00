"""Dry-run checks for scenario authors: what only running the scenario shows.

`simex validate` proves a file is well formed; it cannot say whether the
exercise gives every objective a fair chance. This runs it N times with bots
following doctrine and N times with the `weak` bots (slow, sometimes
skipping or mis-routing) and warns about:

- objectives never met even when every agency follows doctrine (a deadline
  no one can keep), or met every time even by the weak bots (no challenge);
- objectives and expectations never exercised (their triggers never happen);
- injects that never fire, in any run;
- agencies that never act, send or receive anything (idle players).

Warnings are Problems located at the entry's line in the file, so they
print like `simex validate` output.
"""
from __future__ import annotations

from simex.batch.plan import Chunk, Sweep
from simex.batch.replicate import layout_of, run_chunk
from simex.scenario.problems import Problem
from simex.scenario.yamlread import read_yaml
from simex.words import NN_, Say


def dry_run(text: str, runs: int = 50, seed: int = 0, filename: str = "<scenario>") -> list[Problem]:
    """Warnings from `runs` doctrine runs and `runs` weak runs of the scenario in `text`."""
    doctrine = Sweep(text, runs, seed, "doctrine", scenario_name=filename)
    weak = Sweep(text, runs, seed + 1, "weak", scenario_name=filename)
    layout = layout_of(doctrine)
    at = {c: i for i, c in enumerate(layout.columns)}
    good = run_chunk(doctrine, Chunk(0, tuple(range(runs))))
    poor = run_chunk(weak, Chunk(0, tuple(range(runs))))
    both = good + poor
    total = len(both)
    found: list[tuple[tuple, Say]] = []

    def values(rows, column):
        return [r[at[column]] for r in rows]

    for i, obj in enumerate(layout.objectives):
        met_good = [v for v in values(good, f"{obj}.met") if v]
        met_poor = [v for v in values(poor, f"{obj}.met") if v]
        if not met_good and not met_poor:
            found.append((("objectives", i), Say(NN_(
                "objective {objective} was never exercised in {n} run: none of its doctrine expectations was "
                "triggered and judged",
                "objective {objective} was never exercised in {n} runs: none of its doctrine expectations was "
                "triggered and judged"), objective=obj, n=total)))
        elif met_good and "1" not in met_good:
            found.append((("objectives", i), Say(NN_(
                "objective {objective} was never met in {n} run even with every agency following doctrine: "
                "are its deadlines (within) achievable after the delays ahead of them?",
                "objective {objective} was never met in {n} runs even with every agency following doctrine: "
                "are its deadlines (within) achievable after the delays ahead of them?"), objective=obj, n=runs)))
        elif met_poor and all(v == "1" for v in met_poor):
            found.append((("objectives", i), Say(NN_(
                "objective {objective} was met in the {n} run where it was judged, even with the 'weak' bots "
                "(slow, skipping, mis-routing): it may not challenge the players",
                "objective {objective} was met in all {n} runs where it was judged, even with the 'weak' bots "
                "(slow, skipping, mis-routing): it may not challenge the players"), objective=obj, n=len(met_poor))))
    for i, exp in enumerate(layout.expectations):
        if not any(v != "0" for v in values(both, f"{exp}.opened")):
            found.append((("doctrine", i), Say(NN_("expectation {expectation} was never triggered in {n} run",
                                                   "expectation {expectation} was never triggered in {n} runs"),
                                               expectation=exp, n=total)))
    for i, inject in enumerate(layout.injects):
        if all(v == "0" for v in values(both, f"inject.{inject}.fired")):
            found.append((("injects", i), Say(NN_("inject {inject} never fired in {n} run (doctrine and weak bots): "
                                                  "its trigger never happened",
                                                  "inject {inject} never fired in {n} runs (doctrine and weak bots): "
                                                  "its trigger never happened"), inject=inject, n=total)))
    for i, agency in enumerate(layout.agencies):
        activity = [values(both, f"agency.{agency}.{k}") for k in ("acts", "sends", "receives")]
        if all(v == "0" for column in activity for v in column):
            found.append((("agencies", i), Say(NN_("agency {agency} never acted, sent or received anything in {n} "
                                                   "run: it is left idle",
                                                   "agency {agency} never acted, sent or received anything in {n} "
                                                   "runs: it is left idle"), agency=agency, n=total)))
    return _locate(text, filename, found)


def _locate(text: str, filename: str, found: list[tuple[tuple, Say]]) -> list[Problem]:
    """Problems at the line of the list entry each warning is about."""
    parsed = read_yaml(text)
    lines = text.splitlines()
    out = []
    for (section, index), message in found:
        line = col = 1
        pos = parsed.pos
        try:
            _, _, entry = pos[2][section]
            line, col = entry[2][index][0] + 1, entry[2][index][1] + 1
        except (TypeError, KeyError, IndexError):
            pass
        source = lines[line - 1] if 0 < line <= len(lines) else ""
        out.append(Problem(filename, line, col, f"{section}[{index}]", message, "warning", source))
    return out

