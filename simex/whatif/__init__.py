"""Counterfactuals from a real exercise: change one decision in a journal and
see what would have followed (`simex whatif`, the console's what-if screen).

A run is a function of its scenario, seed and commands, so the exercise as
played can be played again with a command dropped, moved, replaced or added
(simex.whatif.changes), continued by the recorded commands that still apply
or by bots, once or over many replications (simex.whatif.play), and set
beside the exercise (simex.whatif.outcome, rendered by simex.whatif.render).
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Callable

from simex.whatif.changes import Change, ChangeError, parse_add, parse_move, parse_replace

__all__ = ["Change", "ChangeError", "counterfactual", "read_changes"]


def read_changes(specs: list[tuple[str, tuple[str, ...]]], scenario) -> list[Change]:
    """(option, values) as typed, e.g. ("move", ("C17=00:10",)), into changes."""
    out = []
    for op, values in specs:
        if op == "drop":
            out.append(Change("drop", values[0], values[0].strip()))
        elif op == "move":
            out.append(parse_move(values[0]))
        elif op == "replace":
            out.append(parse_replace(values[0].strip(), values[1]))
        elif op == "add":
            out.append(parse_add(values[0], scenario))
        else:
            raise ChangeError(f"unknown change {op!r}; use drop, move, replace or add")
    return out


def counterfactual(journal: str | Path, specs: list[tuple[str, tuple[str, ...]]], *, then: str = "recorded",
                   replications: int = 1, workers: int = 1,
                   progress: Callable[[int, int], None] | None = None) -> dict:
    """The side-by-side model (simex.whatif.outcome) of the exercise in
    `journal` and the same exercise with the changes. Raises JournalError
    for a journal that does not replay, ChangeError for a change that
    cannot be made. `progress(done, total)` is called as runs finish."""
    from simex.batch.plan import Chunk, chunk_size
    from simex.batch.runners import run_local, run_serial
    from simex.batch.replicate import Layout, measure
    from simex.durations import format_clock
    from simex.journal import JournalError, JournalReader
    from simex.replay import replay
    from simex.scoring.evaluation import evaluate
    from simex.whatif import changes as ch
    from simex.whatif.outcome import change_words, compare
    from simex.whatif.play import Job, rows_of, run_chunk

    from simex.languages import translator

    t = translator("en")
    if replications < 1:
        raise ChangeError(t.gettext("-n must be at least 1, not {n}").format(n=replications))
    checked = replay(journal)
    if not checked.ok:
        raise JournalError(t.gettext("{journal}: the journal does not replay, so no counterfactual can start "
                                     "from it: {problem}").format(journal=journal, problem=checked.message))
    reader = JournalReader(journal)
    try:
        scenario, meta = reader.scenario(), dict(reader.meta)
        commands, events = reader.commands(), reader.events()
    finally:
        reader.close()
    if not any(e.kind == "exercise_ended" for e in events):
        last = format_clock(events[-1].t) if events else format_clock(0)
        raise JournalError(t.gettext("{journal}: the exercise has not ended (the journal stops at {t}); a what-if "
                                     "sets whole exercises side by side: play it to ENDEX first "
                                     "(simex play --resume {journal})").format(journal=journal, t=last))
    changes = read_changes(specs, scenario)
    plan = ch.plan(commands, changes, scenario)
    played = tuple(n for n in ch.numbered(commands) if not isinstance(n.command, ch.JUDGEMENTS))
    job = Job(scenario_text=meta["scenario_text"], scenario_name=meta.get("scenario_path", "<journal>"),
              seed=int(meta["seed"]), bots=meta["bots"], bot_agencies=tuple(json.loads(meta["bot_agencies"])),
              preroll=float(meta["preroll"]) if "preroll" in meta else None, played=rows_of(played),
              changed=rows_of(plan.commands), touched=plan.changed, start=plan.start, then=then,
              replications=replications)
    results: list[dict] = []

    def on_rows(chunk, rows) -> None:
        results.extend(rows)
        if progress:
            progress(len(results), replications)

    size = chunk_size(replications, max(1, workers))
    chunks = [Chunk(0, tuple(range(i, min(i + size, replications)))) for i in range(0, replications, size)]
    if workers > 1 and replications > 1:
        run_local(job, chunks, on_rows, workers, task=run_chunk)
    else:
        run_serial(job, chunks, on_rows, task=run_chunk)
    results.sort(key=lambda r: r["replication"])
    evaluation = evaluate(scenario, events)
    row = measure(scenario, Layout.of(scenario), events, evaluation.score)
    row.update({f"rating.{o.id}": o.rating.suggested.rating for o in evaluation.objectives})
    header = {"journal": Path(journal).name, "scenario": scenario.exercise.id, "title": evaluation.title,
              "seed": job.seed, "changes": [c.describe() for c in changes],
              "change_words": change_words(changes), "from": plan.start, "from_clock": format_clock(plan.start),
              "then": then, "replications": replications,
              "left_out": [n.id for n in plan.left_out]}
    return compare(scenario, row, {o.id: o.rating.final for o in evaluation.objectives},
                   [r["whatif"] for r in results], [r["played"] for r in results] if replications > 1 else None,
                   header)
