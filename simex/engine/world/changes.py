"""The world reacts to the story: an inject's `changes:` (and the
facilitator's `change_world` command) change the state of the world
processes they name, and an evidence item with `found_on` is found when its
trigger fires. Both happen through the event stream (an inject's delivery,
a journaled command), so a replay changes the world at the same moments."""
from __future__ import annotations

from simex.engine.world.base import WorldContext, WorldProcess
from simex.evidence import PROCESS as EVIDENCE
from simex.events import WorldEvent
from simex.scenario.model import Scenario, Trigger, WorldChange


def watch(scenario: Scenario, processes: dict[str, WorldProcess], ctx: WorldContext,
          found: dict[str, float]) -> None:
    """Register the scenario's changes and evidence finds with the trigger index."""
    for inject in scenario.injects:
        if inject.changes:
            ctx.triggers.add(Trigger(inject=inject.id),
                             lambda _ev, changes=inject.changes: apply(processes, changes))
    for item in scenario.evidence:
        if item.found_on is not None:
            ctx.triggers.add(item.found_on, lambda _ev, i=item: _find(i, ctx, found))


def apply(processes: dict[str, WorldProcess], changes: list[WorldChange]) -> None:
    for change in changes:
        processes[change.process].apply_change(change)


def _find(item, ctx: WorldContext, found: dict[str, float]) -> None:
    """Only the first occurrence finds the item; a delay postpones it."""
    if item.id in found:
        return
    due = ctx.env.now + item.found_on.delay
    found[item.id] = due

    def announce(_event=None) -> None:
        ctx.emit(WorldEvent(t=ctx.env.now, process=EVIDENCE, name="found", observer=item.custodian,
                            facts={"item": item.id, "where": item.found_at, "custodian": item.custodian}))
    if item.found_on.delay:
        ctx.env.timeout(item.found_on.delay).callbacks.append(announce)
    else:
        announce()
