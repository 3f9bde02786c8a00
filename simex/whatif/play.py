"""Playing a counterfactual: the journal's exercise again, with the changed
commands, as many times as asked, in this process or in the sweep's workers.

Up to the first moment a change touches (`start`), the run is the exercise
as it was: same scenario, seed and commands, so the same events. From there:

- the commands follow the plan (simex.whatif.changes); a recorded command
  the changed world refuses (a vehicle that never alarmed, an inject already
  skipped) is skipped and reported, never dropped silently;
- with `then="bots"`, every agency is played by bots; the recorded decisions
  of agencies after `start` are not applied (the facilitator's own commands,
  such as firing an inject, still are), the changed or added ones are;
- with more than one replication, every random stream forks at `start`
  (simex.engine.streams): each replication's world differs after the
  change, and replication r of the exercise as played and of the changed
  exercise draw the same numbers (common random numbers).
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from simex.batch.plan import Chunk
from simex.batch.replicate import Layout, measure
from simex.engine import commands as c
from simex.engine.exercise import Exercise
from simex.scoring.eeg import eeg
from simex.scoring.expectations import score
from simex.whatif.changes import Numbered, describe_command

RECORDED, BOTS = "recorded", "bots"
# What an agency decides; with --then bots, bots decide these after the change.
DECISIONS = (c.TakeAction, c.SendMessage, c.TransferEvidence, c.AcknowledgeInject, c.RecordDecision)
# What a command the changed world refuses raises (CommandError is a ValueError),
# as replay.py skips a command an older simex could not run.
REFUSED = (ValueError, TypeError, LookupError, AttributeError)


@dataclass(frozen=True)
class Job:
    """Everything a counterfactual's runs depend on: plain and picklable, so
    the sweep's worker processes run it (commands travel as journal rows)."""
    scenario_text: str
    scenario_name: str
    seed: int
    bots: str
    bot_agencies: tuple[str, ...]
    preroll: float | None
    played: tuple[tuple[str, str, float, str], ...]    # (number, kind, t, payload): as played
    changed: tuple[tuple[str, str, float, str], ...]   # the same after the changes
    touched: tuple[str, ...]                             # numbers the changes touch or add
    start: float
    then: str = RECORDED
    replications: int = 1


def rows_of(commands: tuple[Numbered, ...]) -> tuple[tuple[str, str, float, str], ...]:
    return tuple((n.id, n.command.kind, n.command.t, c.encode_command(n.command)) for n in commands)


@lru_cache(maxsize=4)
def scenario_of(text: str, name: str):
    from simex.scenario.loader import check_text

    scenario, _ = check_text(text, name)
    return scenario


def play(job: Job, commands, replication: int | None, changed: bool) -> dict:
    """One run: its measured values (simex.batch.replicate columns), the
    suggested rating of each objective, and the commands it had to skip.
    `replication` None: the world as it was (no fork)."""
    scenario = scenario_of(job.scenario_text, job.scenario_name)
    ex = Exercise(scenario, seed=job.seed, bots=job.bots, bot_agencies=job.bot_agencies, preroll=job.preroll)
    ex.start()
    skipped, replaced, forked = [], 0, False
    everyone = tuple(a.id for a in scenario.agencies)
    for number, kind, t, payload in commands:
        if not forked and t >= job.start:
            _fork(ex, job, replication, everyone)
            forked = True
        if ex.ended:
            break
        command = c.decode_command(kind, t, payload)
        if job.then == BOTS and t >= job.start and isinstance(command, DECISIONS) \
                and not (changed and number in job.touched):
            replaced += 1
            continue
        try:
            ex.apply(command)
        except REFUSED as exc:
            skipped.append({"command": number, "what": describe_command(command), "reason": str(exc)})
    if not forked:
        _fork(ex, job, replication, everyone)
    ex.run_to_end()
    result = score(scenario, ex.events)
    row = measure(scenario, Layout.of(scenario), ex.events, result)
    row.update({f"rating.{o.id}": o.rating.suggested.rating for o in eeg(scenario, ex.events, result)})
    return {"row": row, "skipped": skipped, "by_bots": replaced}


def _fork(ex: Exercise, job: Job, replication: int | None, everyone: tuple[str, ...]) -> None:
    ex.advance_to(job.start)
    if replication is not None:
        ex.streams.fork(f"whatif/{replication}")
    if job.then == BOTS:
        ex.bots.take_over(everyone)


def run_chunk(job: Job, chunk: Chunk) -> list[dict]:
    """The runs of some replications (what a worker returns): the changed
    exercise and, with more than one replication, the exercise as played
    under the same random numbers."""
    out = []
    for rep in chunk.replications:
        fork = rep if job.replications > 1 else None
        entry = {"replication": rep, "whatif": play(job, job.changed, fork, True)}
        if job.replications > 1:
            entry["played"] = play(job, job.played, fork, False)
        out.append(entry)
    return out
