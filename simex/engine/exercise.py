"""One exercise: a scenario running on one simpy.Environment.

The Exercise accepts commands, drives world processes, bots and the MSEL,
and emits immutable events (simex.events). It never blocks and never looks
at a wall clock: whoever drives it (a headless run, a UI timer, the network
server) calls `advance_to(t)`. Same scenario + seed + bots + commands ->
the same events, in the same order.
"""
from __future__ import annotations

from functools import partial
from typing import Callable, Protocol

import simpy

from simex.durations import format_clock

from simex.engine import commands as c
from simex.engine.availability import next_open
from simex.engine.bots import PROFILES, WATCHED, Bots
from simex.engine.collector import collector_paused
from simex.engine.commands import Command, CommandError
from simex.engine.doctrine import ANSWERING, DoctrineTracker, Instance, Rule
from simex.engine.messaging import Messaging
from simex.engine.msel import Msel
from simex.engine.params import check_params, entities
from simex.engine.streams import Streams
from simex.engine.triggers import TriggerIndex, normalise_condition
from simex.engine import orders, world
from simex.evidence import found_times
from simex.events import (
    ActionTaken, Event, EvidenceTransferred, ExerciseEnded, ExerciseStarted,
    ExpectationMet, ExpectationOpened, ExpectationOverdue, WorldEvent,
)
from simex.languages import N_
from simex.reasons import Listed, Reason
from simex.scenario.model import Scenario

_OPS = {">=": float.__ge__, "<=": float.__le__, ">": float.__gt__, "<": float.__lt__,
        "==": float.__eq__, "!=": float.__ne__}


class Sink(Protocol):
    """Where events and commands go as they happen (the journal)."""

    def record_event(self, seq: int, event: Event) -> None: ...
    def record_command(self, seq: int, command: Command) -> None: ...
    def flush(self) -> None: ...


# The engine's commonest events, built without the class call (Event.make:
# simex.events); each is one of most alarms' every step.
_met, _opened, _action = ExpectationMet.make, ExpectationOpened.make, ActionTaken.make


class Exercise:
    def __init__(self, scenario: Scenario, *, seed: int | None = None, bots: str = "doctrine",
                 bot_agencies: tuple[str, ...] | None = None, sink: Sink | None = None,
                 preroll: float | None = None):
        if bots not in PROFILES:
            raise ValueError(f"unknown bot profile {bots!r}; choose one of: {', '.join(PROFILES)}")
        self.scenario = scenario
        self.seed = scenario.exercise.seed if seed is None else int(seed)
        self.duration = scenario.exercise.duration
        self.bots_profile = bots
        if bot_agencies is None:
            bot_agencies = tuple(a.id for a in scenario.agencies if a.played_by == "simulated")
        # Looked up on every action a bot or a person takes: built once.
        self._agencies = {a.id: a for a in scenario.agencies}
        self._catalogues = {a.id: {action.id: action for action in a.actions} for a in scenario.agencies}
        self._declared = {(a.id, action.id): {p.name: p for p in action.params}
                          for a in scenario.agencies for action in a.actions}
        known = self._agencies
        unknown = [a for a in bot_agencies if a not in known]
        if unknown:
            raise ValueError(f"unknown agencies for bots: {', '.join(unknown)}")
        self.bot_agencies = tuple(a.id for a in scenario.agencies if a.id in set(bot_agencies))
        self.sink = sink
        # With a pre-roll the world starts before STARTEX (t < 0); see start().
        # The facilitator may choose a pre-roll at start (`simex play --preroll`);
        # otherwise the scenario's applies.
        self.preroll = float(scenario.exercise.preroll if preroll is None else preroll)
        if self.preroll < 0:
            raise ValueError("a pre-roll cannot be negative")
        self.env = simpy.Environment(initial_time=0.0 - self.preroll)  # never -0.0
        self.streams = Streams(self.seed)
        self.triggers = TriggerIndex()
        self.tracker = DoctrineTracker(scenario)
        self.zones = {j.id: j.timezone for j in scenario.jurisdictions}
        self.events: list[Event] = []
        self.listeners: list[Callable[[int, Event], None]] = []
        self.custody = {item.id: item.custodian for item in scenario.evidence}
        self.questionnaires: dict = {}   # id -> simex.engine.questionnaires.Questionnaire
        self.found_at = found_times(scenario, [])     # item -> when found; grows as triggers find items
        self.world: dict[str, world.WorldProcess] = {}
        self.truth: dict[str, dict] = {}
        self.entity_rules: dict[tuple[str, str, str], tuple | None] = {}   # simex.engine.params, per parameter
        self.declared_params: dict[tuple[str, str], tuple] = {}            # simex.engine.params, per action
        self._conditions: dict[tuple[str, str], list[tuple[str, str, float, list[bool]]]] = {}
        self.msel = Msel(self)
        self.messaging = Messaging(self)
        self.bots = Bots(self, PROFILES[bots], self.bot_agencies)
        self.started = False
        self.ended = False
        self.paused = True
        self.speed = 1.0
        self._seq = 0
        self._dispatching = -1
        # One bound method for every deadline: each timeout carries its
        # instance as its value, so a deadline armed costs no partial and no
        # bound method of its own (a busy crossing has hundreds pending).
        self._deadline_passed = self._deadline_of

    # --- running ------------------------------------------------------------------

    @property
    def now(self) -> float:
        return self.env.now

    @property
    def status(self) -> str:
        if self.ended:
            return "ended"
        if not self.started:
            return "not started"
        return "paused" if self.paused else "running"

    def start(self) -> None:
        """Start the world (at the pre-roll, if any) and schedule STARTEX."""
        if self.started:
            return
        self.started = True
        self.env.process(self._endex())  # first timer at `duration`, so ENDEX wins ties
        ctx = world.WorldContext(self.env, self.emit, self.streams, self.triggers, self.truth, self.set_state,
                                 self._open_from)
        # The world is launched before STARTEX is announced, with or without a
        # pre-roll, so a world trigger on `exercise_started` (and a world state
        # condition) is registered when _startex looks for them.
        self.world = {spec.id: world.build(spec, ctx) for spec in self.scenario.world}
        for process in self.world.values():
            process.launch()
        world.watch(self.scenario, self.world, ctx, self.found_at)
        if self.env.now < 0:
            # Pre-roll: only the world runs; injects, doctrine and bots wait for STARTEX.
            self.env.process(self._startex_later())
            return
        self._startex()

    def _open_from(self, hours: object, agency: str, t: float) -> float:
        zone = self.zones[self._agency(agency).jurisdiction]
        return next_open(hours, self.scenario.exercise.startex, t, zone)

    def _startex_later(self):
        yield self.env.timeout(-self.env.now)
        self._startex()

    def _startex(self) -> None:
        for exp in self.scenario.doctrine:
            self.triggers.add(exp.trigger, partial(self._open, self.tracker.rule(exp)))   # from C, no lambda frame
        self.msel.start()
        for trig in self.triggers.conditions():
            process, var, op, value = trig.state_parts
            entry = (normalise_condition(trig), op, value, [False])
            if all(e[0] != entry[0] for e in self._conditions.get((process, var), [])):
                self._conditions.setdefault((process, var), []).append(entry)
        self.emit(ExerciseStarted(t=self.env.now, scenario=self.scenario.exercise.id, seed=self.seed,
                                  bots=self.bots_profile, bot_agencies=self.bot_agencies))

    def _endex(self):
        yield self.env.timeout(self.duration - self.env.now)
        if not self.ended:
            self._end("ENDEX")

    def _end(self, reason: str) -> None:
        self.ended = True
        self.emit(ExerciseEnded(t=self.env.now, reason=reason))

    def advance_to(self, t: float, inclusive: bool = False) -> None:
        """Run the world up to scenario time t (capped at ENDEX). Never blocks on a wall clock.

        Events due exactly at t are left for later (so a command stamped t
        comes before them) unless `inclusive`, used to show an inject the
        moment the facilitator jumps to it."""
        if not self.started:
            self.start()
        if self.ended:
            return
        t = float(min(t, self.duration))  # an int here would leak into event payloads as 0 vs 0.0
        with collector_paused():
            if t > self.env.now:
                self.env.run(until=t)
            if t >= self.duration or inclusive:
                while not self.ended and self.env.peek() <= t:
                    self.env.step()
        if self.sink:
            self.sink.flush()

    def run_to_end(self) -> None:
        self.advance_to(self.duration)

    # --- events -------------------------------------------------------------------

    def emit(self, event: Event) -> None:
        seq = self._seq
        self._seq = seq + 1
        self.events.append(event)
        if self.sink:
            self.sink.record_event(seq, event)
        if self.listeners:          # a headless run (sweeps, replay) has none
            for listener in self.listeners:
                listener(seq, event)
        kind = type(event)
        # A world event (most events) is dispatched by its selector; another
        # only if some trigger waits for its kind (TriggerIndex.heard).
        if kind is WorldEvent or kind in self.triggers.heard:
            outer, self._dispatching = self._dispatching, seq   # which event a trigger fired on
            self.triggers.dispatch(event)
            self._dispatching = outer
        # Most events are world events and doctrine's own: they meet nothing,
        # and no bot reacts to them, so they skip both calls.
        if kind in ANSWERING:
            t = event.t
            for inst in self.tracker.satisfied(event, seq):
                # By position (t, expectation, instance, delay, late, by_event): keywords
                # cost a name match per field, and these four kinds are most events.
                self.emit(_met(t, inst.rule.id, inst.name, round(t - inst.opened, 6), t > inst.due, seq))
        elif kind in WATCHED:       # an inject delivered: no answer to anything (disjoint kinds)
            self.bots.observe(event)

    def _open(self, rule: Rule, event: Event) -> None:
        inst = self.tracker.open_rule(rule, event)
        if inst is None:
            return
        # call_later inlined (one per expectation opened); due is never before now.
        self.env.timeout(max(0.0, inst.due - self.env.now), inst).callbacks.append(self._deadline_passed)
        # t, expectation, instance, who, due, key, trigger_event (by position: see emit)
        who = rule.who
        self.emit(_opened(event.t, rule.id, inst.name, who, inst.due, inst.key, self._dispatching))
        # The bot playing `who` answers once the opening is told (emit ends with
        # the bots' turn for the kinds they watch; this is the commonest one,
        # and here its instance is at hand).
        if who in self.bots.agencies:
            self.bots.respond(inst)

    def after(self, delay: float, action: Callable[[], object]) -> None:
        """Run `action` (no arguments) `delay` seconds from now (see call_later)."""
        self.call_later(delay, lambda _event: action())

    def call_later(self, delay: float, callback: Callable[[simpy.Event], object]) -> None:
        """Call `callback(timeout)` `delay` seconds from now. A timeout with a
        callback is one SimPy event; a process would be three (initialise,
        timeout, resume). Deadlines and bot replies, two per expectation
        opened and most of what the engine schedules, pass a bound method or a
        partial of one that takes the timeout last: no lambda between them."""
        self.env.timeout(max(0.0, delay)).callbacks.append(callback)

    def _deadline_of(self, timeout: simpy.Timeout) -> None:
        inst = timeout.value
        # mark_overdue's test first, inline: most deadlines find their instance met.
        if inst.met_at is None and not inst.overdue and not self.ended and self.tracker.mark_overdue(inst):
            self.emit(ExpectationOverdue(t=self.env.now, expectation=inst.rule.id,
                                         instance=inst.name, who=inst.rule.who, key=inst.key,
                                         facts=inst.context))

    def set_state(self, process: str, var: str, value: float) -> None:
        """World state changed: fire `<process>.condition` when a watched condition becomes true."""
        watched = self._conditions.get((process, var))
        if not watched:      # most changes (every alarm, every job queued) no condition watches
            return
        for text, op, threshold, was in watched:
            now_true = _OPS[op](float(value), threshold)
            if now_true and not was[0]:
                self.emit(WorldEvent(t=self.env.now, process=process, name="condition",
                                     facts={"condition": text, var: value}))
            was[0] = now_true

    # --- what agencies do (commands and bots share these) ---------------------------

    def take_action(self, agency: str, action: str, params: dict, actor: str = "person") -> None:
        self.check_action(agency, action, params)
        self.emit(ActionTaken(t=self.env.now, agency=agency, action=action, params=dict(params), actor=actor))

    def take_bot_action(self, agency: str, action, params: dict) -> None:
        """A bot's action (`action`: the scenario's declaration, which the bot
        read). The bot built `params` from that declaration, every required
        parameter and no other (bots.Bots._do), for an action its
        agency has: of check_action, only the values can be wrong, and they
        are checked as a person's are. `params` is the bot's own new dict,
        so the event keeps it without a copy."""
        check_params(self, agency, action, params)
        # t, agency, action, params, actor (by position: see emit)
        self.emit(_action(self.env.now, agency, action.id, params, "bot"))

    def check_action(self, agency: str, action: str, params: dict) -> None:
        self._agency(agency)
        catalogue = self._catalogues[agency]
        if action not in catalogue:
            raise CommandError(N_("{agency} has no action {action!r}; its actions: {known}"), agency=agency, action=action,
                               known=Listed(catalogue) or Reason(N_("none")))
        declared = self._declared[(agency, action)]
        if not params.keys() <= declared.keys():
            extra = sorted(params.keys() - declared.keys())
            raise CommandError(N_("action {action} has no parameter {param!r}"), action=action, param=extra[0])
        for p in declared.values():
            if p.required and p.name not in params:
                raise CommandError(N_("action {action} needs parameter {param!r}"), action=action, param=p.name)
        check_params(self, agency, catalogue[action], params)

    def entities(self, agency: str, action: str, param: str) -> list[str] | None:
        """What `param` of the action may name (vehicles the world has seen), for
        consoles to offer; None if it is free (simex.engine.params)."""
        return entities(self, agency, action, param)

    def action_spec(self, agency: str, action: str):
        """The scenario's declaration of an agency's action (KeyError if none)."""
        return self._catalogues[agency][action]

    def _agency(self, agency: str):
        try:
            return self._agencies[agency]
        except (KeyError, TypeError):   # TypeError: a command naming an agency with a list
            raise CommandError(N_("no agency {agency!r}"), agency=agency) from None

    # --- commands -------------------------------------------------------------------

    def apply(self, command: Command) -> Command:
        """Apply a person's command at the time they saw; returns it as journaled.

        A command stamped earlier than the engine's clock (the screen lagged)
        is applied now and journaled with the time it really took effect.
        Raises CommandError, changing nothing, if the command is invalid.
        """
        orders.check_types(command)    # before the clock moves to command.t: a refusal changes nothing
        if not self.started:
            self.start()
            # The pre-test comes before play: the exercise is set up at STARTEX
            # and waits, paused, for the facilitator to start the clock.
            if command.kind in c.QUESTIONNAIRE_COMMANDS:
                self.paused = True
        if self.ended and command.kind not in c.OUTSIDE_PLAY:
            raise CommandError(N_("the exercise has ended"))
        self.advance_to(command.t)
        if command.t != self.env.now or type(command.t) is not float:
            command = type(command)(**{**command.payload(), "t": self.env.now})
        execute = self._validate(command)
        if self.sink:
            self.sink.record_command(self._seq, command)
        execute()
        if self.sink:
            self.sink.flush()
        return command

    def _validate(self, cmd: Command) -> Callable[[], object]:
        """Check a command fully before anything is emitted; return what runs it."""
        return orders.plan(self, cmd)

    def _transfer(self, cmd: c.TransferEvidence) -> None:
        self.transfer_evidence(cmd.item, cmd.sender, cmd.recipient, sealed=cmd.sealed, signed=cmd.signed,
                               seal_number=cmd.seal_number, note=cmd.note)

    def check_transfer(self, item: str, sender: str, recipient: str) -> None:
        # A player is told the same for an item that does not exist, is not
        # found yet or is held by another agency: its view shows neither.
        public = Reason(N_("{agency} holds no evidence item {item!r}"), agency=sender, item=item)
        holder = self.custody.get(item)
        if holder is None:
            raise CommandError(N_("no evidence item {item!r}"), public, item=item)
        found = self.found_at.get(item)
        if found is None:
            raise CommandError(N_("{item} has not been found yet; it cannot be handed over before"), public, item=item)
        if self.env.now < found:
            raise CommandError(N_("{item} is only found at {clock}; it cannot be handed over before"), public,
                               item=item, clock=format_clock(found))
        if holder != sender:
            raise CommandError(N_("{item} is held by {holder}, not {sender}"), public, item=item, holder=holder,
                               sender=sender)
        if recipient == sender:
            raise CommandError(N_("{agency} already holds {item}"), agency=sender, item=item)
        self._agency(recipient)

    def transfer_evidence(self, item: str, sender: str, recipient: str, *, sealed: bool = True,
                          signed: bool = True, seal_number: str = "", note: str = "") -> None:
        """Hand an evidence item over (commands and bots share this)."""
        self.check_transfer(item, sender, recipient)
        self.custody[item] = recipient
        self.emit(EvidenceTransferred(t=self.env.now, item=item, sender=sender, recipient=recipient,
                                      sealed=sealed, signed=signed, seal_number=seal_number, note=note))
