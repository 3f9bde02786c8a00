"""The `set_knob` command: check the knob, its target and its value before
anything happens (a refused knob is never journaled), then say so on the
timeline (a `knob_set` event) and turn it. What each knob does lives with
what it turns: the portal's traffic (world/portal.py), a service's staff,
backlog and job duration (world/service.py), a channel's outage and delay
(messaging.py). The vocabulary and the text form are simex/knobs.py."""
from __future__ import annotations

from typing import TYPE_CHECKING, Callable

from simex.engine.commands import CommandError, SetKnob
from simex.events import KnobSet
from simex.knobs import KNOBS, problem_said
from simex.languages import N_
from simex.reasons import Listed

if TYPE_CHECKING:
    from simex.engine.exercise import Exercise


def plan(x: "Exercise", cmd: SetKnob) -> Callable[[], None]:
    wrong = problem_said(cmd.knob, cmd.value)   # a sentence, so the refusal translates whole
    if wrong:
        raise CommandError(N_("set_knob: {problem}"), problem=wrong)
    spec = KNOBS[cmd.knob]
    if spec.target == "channel":
        if cmd.target not in x.messaging.channels:
            raise CommandError(N_("set_knob {knob}: no channel {target!r}; the channels: {known}"),
                               knob=cmd.knob, target=cmd.target, known=Listed(x.messaging.channels) or "-")
        turn = lambda: x.messaging.set_knob(cmd.knob, cmd.target, cmd.value)   # noqa: E731
    else:
        process = x.world.get(cmd.target)
        if process is None or process.spec.type != spec.target:
            known = [pid for pid, p in x.world.items() if p.spec.type == spec.target]
            raise CommandError(N_("set_knob {knob}: no {kind} {target!r}; the world's: {known}"),
                               knob=cmd.knob, kind=spec.target, target=cmd.target, known=Listed(known) or "-")
        if process.stopped:
            raise CommandError(N_("set_knob {knob}: {target} has stopped (it faulted)"), knob=cmd.knob,
                               target=cmd.target)
        turn = lambda: process.set_knob(cmd.knob, float(cmd.value))   # noqa: E731

    def run() -> None:
        x.emit(KnobSet(t=x.env.now, knob=cmd.knob, target=cmd.target, value=float(cmd.value), actor=cmd.actor))
        turn()
    return run
