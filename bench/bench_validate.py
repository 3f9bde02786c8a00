"""How fast is `simex validate` on a large scenario, against bare YAML parsing?

Generates a valid ~5,000-line scenario in memory (many agencies, channels,
injects and doctrine expectations, bilingual text), then times
`check_text` (read with positions, validate, run every whole-file check)
and, as the baseline in the same process, a bare
`yaml.load(text, Loader=CSafeLoader)` of the same text, alternated, medians
of CPU and wall time. The whole command (`simex validate FILE` in a fresh
process: start-up plus the work) is timed too, against a fresh Python that
only parses the same file with PyYAML, also alternated.

Goals (issue 15): a 5,000-line file validated < 0.2 s (the command's work,
CPU); `simex validate` starts in <= 0.25 s CPU, so the whole command <= 0.45 s.

    python bench/bench_validate.py [--lines 5000] [--repeats 7] [--quick]
"""
from __future__ import annotations

import argparse
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.harness import alternate, ratio, row, table  # noqa: E402
from simex.scenario.loader import check_text  # noqa: E402

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


def child_cpu(argv: list[str]) -> None:
    """Run a command to completion (its CPU shows in RUSAGE_CHILDREN)."""
    subprocess.run(argv, check=True, capture_output=True, cwd=ROOT)


def _children() -> tuple[float, float]:
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime, time.perf_counter()


def command_times(path: Path, repeats: int) -> dict[str, list[tuple[float, float]]]:
    """(CPU, wall) of `simex validate FILE` and of a bare PyYAML parse, each in
    a fresh process, alternated."""
    parse = (f"import yaml; yaml.load(open({str(path)!r}, encoding='utf-8').read(), "
             f"Loader=getattr(yaml, 'CSafeLoader', yaml.SafeLoader))")
    argv = {"simex validate": [sys.executable, "-m", "simex.cli", "validate", str(path)],
            "python + yaml.load": [sys.executable, "-c", parse]}
    out: dict[str, list[tuple[float, float]]] = {name: [] for name in argv}
    names = list(argv)
    for k in range(repeats):
        for name in names[k % 2:] + names[:k % 2]:
            cpu, wall = _children()
            child_cpu(argv[name])
            cpu2, wall2 = _children()
            out[name].append((cpu2 - cpu, wall2 - wall))
    return out


def results(quick: bool = False, lines: int = 5000, repeats: int | None = None) -> list[dict]:
    from bench.harness import load

    repeats = repeats or (3 if quick else 7)
    text = scenario_text(lines)
    scenario, problems = check_text(text, "bench.yaml")
    assert scenario is not None and not problems, [str(p) for p in problems[:5]]
    times = alternate({"check_text": lambda _: check_text(text, "bench.yaml"),
                       "yaml.load": lambda _: yaml.load(text, Loader=Loader)}, repeats)
    ours, base = times["check_text"], times["yaml.load"]
    cpu_ratio, _ = ratio(ours, base)
    rows = [row("validate", f"{lines:,}-line scenario validated in-process (the command's work), CPU",
                f"{ours.cpu_s * 1000:.0f} ms CPU, {ours.wall_s * 1000:.0f} ms wall "
                f"({cpu_ratio:.1f}x a bare CSafeLoader parse)", "< 200 ms", ours.cpu_s < 0.2,
                max(ours.load, base.load))]
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.yaml"
        path.write_text(text, encoding="utf-8")
        before = load()
        cmd = command_times(path, repeats)
    cpu = statistics.median(c for c, _ in cmd["simex validate"])
    wall = statistics.median(w for _, w in cmd["simex validate"])
    base_cpu = statistics.median(c for c, _ in cmd["python + yaml.load"])
    rows.append(row("validate", f"`simex validate FILE` on {lines:,} lines, whole command in a fresh process",
                    f"{cpu:.2f} s CPU, {wall:.2f} s wall ({cpu / base_cpu:.1f}x python + yaml.load's "
                    f"{base_cpu:.2f} s CPU)", "<= 0.45 s CPU (0.25 start-up + 0.2)", cpu <= 0.45,
                    max(before, load())))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=5000)
    parser.add_argument("--repeats", type=int, default=7)
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    text = scenario_text(args.lines)
    scenario, _ = check_text(text, "bench.yaml")
    print(f"scenario: {text.count(chr(10))} lines, {len(text) / 1024:.0f} KB, {len(scenario.agencies)} agencies, "
          f"{len(scenario.injects)} injects, {len(scenario.doctrine)} expectations")
    print(table(results(args.quick, args.lines, None if args.quick else args.repeats)))


if __name__ == "__main__":
    main()
