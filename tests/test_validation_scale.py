"""Validation stays linear in the size of the file.

A check that compares every item with every other one (an unknown id
against all known ids for "did you mean", a channel search per
notification, a trigger chain walked with a list) is invisible on a
bundled scenario and takes seconds on a generated one with thousands of
items. Rather than time it (a busy machine makes wall-clock thresholds
flaky), the test counts the Python lines the loader and the checks execute
for a file of N items of every kind and for one of 4N: linear work grows 4x,
quadratic work 16x.
"""
from __future__ import annotations

import sys
from pathlib import Path

from simex.scenario import checks
from simex.scenario.loader import check_text

_WATCHED = (str(Path(__file__).resolve().parent.parent / "simex" / "scenario"), "difflib")


def scenario_text(n: int) -> str:
    """N of everything, and N of every kind of mistake: ids duplicated,
    unknown ids among many known ones, critical tasks of the wrong objective,
    notifications that need a channel search, a long trigger chain, items the
    model rejects."""
    out = ["simex: 1", "exercise:", "  id: scale", "  title: Scale", "  summary: Scale",
           "  type: tabletop", "  startex: 2026-03-14T08:00:00+01:00", "  duration: 2d", "objectives:"]
    for i in range(n):
        out += [f"  - id: OBJ{i}", "    title: Objective", "    critical_tasks:",
                f"      - id: CT{i}", "        title: Task"]
        out += ["  - id: OBJ0", "    title: Duplicated objective"]
    out.append("jurisdictions:")
    out += [f"  - {{id: J{i}, name: J}}" for i in range(n)]
    out.append("agencies:")
    for i in range(n):
        # Every other agency names a jurisdiction that does not exist.
        zone = f"J{i}" if i % 2 else f"JJ{i}"
        out += [f"  - id: ag{i}", "    name: Agency", f"    jurisdiction: {zone}", "    kind: police",
                "    actions:", f"      - {{id: act{i}, title: Act, params: [{{name: vehicle}}]}}"]
    out.append("channels:")
    out += [f"  - {{id: ch{i}, between: [ag{i}, ag{(i + 1) % n}], medium: phone}}" for i in range(n)]
    # A channel without its medium fails the model: the checks then run on a
    # repaired copy without it, and the loader filters what the repair caused.
    out += [f"  - {{id: broken{i}, between: [ag{i}, nobody{i}]}}" for i in range(n)]
    out.append("injects:")
    for i in range(n):
        when = "at: 1h" if i == 0 else f"trigger: {{inject: I{i - 1}}}"
        out += [f"  - {{id: I{i}, {when}, to: ag{i}, synopsis: S, text: T, objectives: [NOOBJ{i}]}}"]
    out.append("doctrine:")
    for i in range(n):
        out += [f"  - id: E{i}", "    title: Expectation", f"    objective: OBJ{i}",
                f"    critical_task: CT{(i + 1) % n}", f"    who: ag{i}", f"    notify: ag{(i + 1) % n}",
                f"    trigger: {{action: act{i}, by: ag{i}}}", "    within: 30m"]
    return "\n".join(out) + "\n"


def lines_executed(text: str) -> int:
    count = 0

    def local(frame, event, arg):
        nonlocal count
        if event == "line":
            count += 1
        return local

    def watch(frame, event, arg):
        return local if frame.f_code.co_filename.startswith(_WATCHED) or "difflib" in frame.f_code.co_filename \
            else None

    sys.settrace(watch)
    try:
        scenario, problems = check_text(text)
    finally:
        sys.settrace(None)
    assert scenario is None and len(problems) > 3 * N  # every mistake is still reported
    return count


N = 150


def test_validation_work_grows_linearly_with_the_file(monkeypatch):
    # "Did you mean" has its own bounded budget (next test); without it, what
    # remains is the checks' own work, which must grow like the file.
    monkeypatch.setattr(checks, "HINT_BUDGET", 0)
    small, large = lines_executed(scenario_text(N)), lines_executed(scenario_text(4 * N))
    assert large / small < 5, f"{small} lines for {N} items, {large} for {4 * N}: ratio {large / small:.1f}"


def test_did_you_mean_spends_a_bounded_number_of_comparisons(monkeypatch):
    """Each unknown id is compared with every known one: 1,000 unknown ids
    among 1,000 known ones would be a million comparisons. The checks stop
    suggesting once the file's budget is spent; every problem is still there."""
    compared = []
    real = checks.suggest   # did you mean, in simex's words (translated when shown)
    monkeypatch.setattr(checks, "suggest", lambda word, options: compared.append(len(options))
                        or real(word, options))
    scenario, problems = check_text(scenario_text(1000))
    assert sum(compared) <= checks.HINT_BUDGET
    unknown = [p.message for p in problems if p.message.startswith("unknown jurisdiction 'JJ")]
    assert len(unknown) == 500
    assert unknown[0] == "unknown jurisdiction 'JJ0'; did you mean 'J0'?"
    assert unknown[-1].startswith("unknown jurisdiction 'JJ998'; known jurisdiction ids: J0, J1, J2,")
