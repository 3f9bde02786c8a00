"""How fast is `simex validate` on a large scenario, against bare YAML parsing?

Generates a valid ~5,000-line scenario in memory (many agencies, channels,
injects and doctrine expectations, bilingual text), then times
`check_text` (read with positions, validate, run every whole-file check)
and, as the baseline in the same process, a bare
`yaml.load(text, Loader=CSafeLoader)` of the same text. Absolute times
drift between machines; the ratio is the number to watch.

    python bench/bench_validate.py [--lines 5000] [--repeats 7]
"""
from __future__ import annotations

import argparse
import statistics
import time

import yaml

from simex.scenario.loader import check_text

Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def scenario_text(target_lines: int = 5000) -> str:
    """A valid scenario of about `target_lines` lines."""
    n = max(4, target_lines // 50)          # agencies; injects and expectations scale with it
    out = ["simex: 1", "exercise:", "  id: bench", "  title: {en: Benchmark, fr: Banc d'essai}",
           "  summary: {en: A large generated scenario., fr: Un grand scénario généré.}",
           "  type: tabletop", "  startex: 2026-03-14T08:00:00+01:00", "  duration: 2d",
           "  languages: [en, fr]", "objectives:"]
    for o in range(5):
        out += [f"  - id: OBJ{o}", f"    title: {{en: Objective {o}, fr: Objectif {o}}}", "    critical_tasks:",
                f"      - id: CT{o}", f"        title: {{en: Task {o}, fr: Tâche {o}}}"]
    out += ["jurisdictions:", "  - id: north", "    name: {en: North, fr: Nord}", "    timezone: Europe/Paris",
            "agencies:"]
    for a in range(n):
        out += [f"  - id: ag{a}", f"    name: {{en: Agency {a}, fr: Agence {a}}}", "    jurisdiction: north",
                "    kind: police", "    actions:",
                "      - id: inspect", "        title: {en: Inspect, fr: Inspecter}",
                "        params:", "          - name: vehicle",
                "      - id: report", "        title: {en: Report, fr: Rendre compte}"]
    out.append("channels:")
    for a in range(n):
        out += [f"  - id: ch{a}", f"    between: [ag{a}, ag{(a + 1) % n}]", "    medium: phone",
                "    delay: {dist: uniform, low: 1m, high: 5m}", "    availability: office_hours"]
    out.append("injects:")
    for i in range(2 * n):
        when = [f"    at: {i * 5 % 2880}m"] if i % 3 else [f"    trigger: {{action: inspect, by: ag{i % n}}}"]
        out += [f"  - id: I{i:04d}", *when, "    from: simcell", f"    to: [ag{i % n}, ag{(i + 1) % n}]",
                "    type: event", "    synopsis:", f"      en: Something happens {i}",
                f"      fr: Il se passe quelque chose {i}", "    text:",
                f"      en: 'A longer text for inject {i}: the driver of the truck asks to leave.'",
                f"      fr: 'Un texte plus long pour l''inject {i} : le conducteur demande à partir.'",
                f"    objectives: [OBJ{i % 5}]", f"    facts: {{vehicle: TRK-{i:04d}, lane: {i % 4 + 1}}}"]
    out.append("doctrine:")
    for e in range(n):
        a = e % n
        out += [f"  - id: E{e:04d}", f"    title: {{en: Expectation {e}, fr: Attente {e}}}",
                f"    objective: OBJ{e % 5}", f"    critical_task: CT{e % 5}", f"    who: ag{a}",
                f"    trigger: {{inject: I{e:04d}}}"]
        out += ["    do: inspect", "    key: vehicle"] if e % 2 else [f"    notify: ag{(a + 1) % n}", "    via: [phone]"]
        out += ["    within: 30m", "    typical: {dist: triangular, low: 5m, mode: 10m, high: 20m}"]
    return "\n".join(out) + "\n"


def median_seconds(fn, repeats: int) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=5000)
    parser.add_argument("--repeats", type=int, default=7)
    args = parser.parse_args()

    text = scenario_text(args.lines)
    lines = text.count("\n")
    scenario, problems = check_text(text, "bench.yaml")
    assert scenario is not None and not problems, [str(p) for p in problems[:5]]

    check_text(text, "bench.yaml")  # warm up: pydantic and the caches
    ours = median_seconds(lambda: check_text(text, "bench.yaml"), args.repeats)
    base = median_seconds(lambda: yaml.load(text, Loader=Loader), args.repeats)
    print(f"scenario:        {lines} lines, {len(text) / 1024:.0f} KB, "
          f"{len(scenario.agencies)} agencies, {len(scenario.injects)} injects, {len(scenario.doctrine)} expectations")
    print(f"check_text:      {ours * 1000:.1f} ms  ({lines / ours:,.0f} lines/s)")
    print(f"yaml.load ({Loader.__name__}): {base * 1000:.1f} ms  ({lines / base:,.0f} lines/s)")
    print(f"ratio:           {ours / base:.2f}x the bare YAML parse (median of {args.repeats})")


if __name__ == "__main__":
    main()
