"""Simulated agencies ("bots") that play every agency nobody at a keyboard plays.

A bot follows the scenario's doctrine: when an expectation opens for its
agency it answers after a delay drawn from the expectation's `typical`
distribution (or a share of the deadline), scaled by the profile. The `weak`
profile is slower, sometimes does nothing and sometimes notifies the wrong
agency: the classic failures, so a headless run produces explainable,
different scores. Every random draw happens when the expectation opens, in a
fixed order, from the agency's own stream: runs are deterministic.
"""
from __future__ import annotations

import random
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING

from simex.engine.commands import CommandError
from simex.engine.doctrine import Instance
from simex.events import Event, InjectDelivered
from simex.languages import N_  # marks the profiles' descriptions for the catalog; `simex run` translates them
from simex.scenario.distributions import Exponential, Triangular
from simex.scenario.model import Expectation, Param
from simex.scenario.text import tr

if TYPE_CHECKING:
    import simpy

    from simex.engine.exercise import Exercise


@dataclass(frozen=True)
class BotProfile:
    name: str
    pace: float            # multiplier on the typical delay
    p_skip: float          # chance an expected action is never taken
    p_misroute: float      # chance a notification goes to the wrong agency
    ack_mean_s: float      # mean time to acknowledge an inject
    description: str
    p_custody_break: float = 0.0  # chance an evidence hand-over is unsealed or unsigned
    p_drop_marking: float = 0.0   # chance a required marking (classification) is left off


PROFILES = {
    "doctrine": BotProfile("doctrine", 1.0, 0.0, 0.0, 120.0,
                           N_("follows doctrine with realistic delays")),
    "weak": BotProfile("weak", 2.5, 0.2, 0.25, 900.0,
                       N_("slow; sometimes skips an action or mis-routes a notification"),
                       p_custody_break=0.3, p_drop_marking=0.3),
}


def _default_param(param: Param):
    if param.type == "choice":
        return param.choices[0]
    return {"number": 0, "integer": 0, "boolean": True}.get(param.type, "")


# The only kinds of event a bot reacts to in emit (see observe); an opened
# expectation is answered by the exercise as it opens it (`respond`).
WATCHED = frozenset({InjectDelivered})


class Bots:
    def __init__(self, exercise: "Exercise", profile: BotProfile, agencies: tuple[str, ...]):
        self.x = exercise
        self.profile = profile
        self.agencies = frozenset(agencies)
        self._streams: dict[str, random.Random] = {}   # an agency's stream, asked for at every reply
        # What a reply needs that the scenario fixes is kept on the
        # expectation's Rule (simex.engine.doctrine): its fields and the
        # delay's sampler (`reply`: a default distribution built once, not
        # per reply); the action's declared parameters (`action`). Every
        # alarm's every step passes here.
        # One bound method for every action reply: its timeout carries the
        # instance as its value (no partial and bound method per reply).
        self._reply_due = self._do

    def take_over(self, agencies) -> None:
        """From now on bots also play `agencies` (a counterfactual's `--then
        bots`); what is already expected of them and still open is answered
        as if it had just opened."""
        new = frozenset(agencies) - self.agencies
        self.agencies = self.agencies | new
        for inst in list(self.x.tracker.instances):
            if inst.open and inst.expectation.who in new:
                self.respond(inst)

    def observe(self, event: Event) -> None:
        if type(event) is InjectDelivered:
            for agency in event.to:
                if agency in self.agencies:
                    self._acknowledge_later(event.inject, agency)
            self._reminded(event)

    def _reminded(self, event: InjectDelivered) -> None:
        """A contingency inject exists to redirect play: a bot that missed the
        expectation it points at gets a second chance (and is late)."""
        state = self.x.msel.states.get(event.inject)
        trigger = state.inject.trigger if state and state.inject else None
        if trigger is None or not trigger.missed:
            return
        for inst in self.x.tracker.instances:
            exp = inst.expectation
            if exp.id == trigger.missed and inst.open and exp.who in self.agencies:
                self.respond(inst, second_chance=True)

    def _acknowledge_later(self, inject_id: str, agency: str) -> None:
        rng = self.x.streams(f"bot/{agency}/ack")
        delay = Exponential(dist="exponential", mean=self.profile.ack_mean_s).sample(rng)
        self.x.after(delay, lambda: self._ack(inject_id, agency))

    def _ack(self, inject_id: str, agency: str) -> None:
        if not self.x.ended:
            try:
                self.x.msel.acknowledge(inject_id, agency)
            except CommandError:
                pass  # the facilitator skipped or re-sent it meanwhile

    def respond(self, inst: Instance, second_chance: bool = False) -> None:
        rule = inst.rule
        exp = rule.expectation
        # What a reply reads of the expectation, from the model once per
        # expectation (a model's attribute costs about three times a plain
        # object's): every alarm's every step passes here.
        shape = rule.reply
        if shape is None:
            typical = exp.typical or Triangular(
                dist="triangular", low=0.1 * exp.within, mode=0.3 * exp.within, high=0.6 * exp.within)
            shape = rule.reply = (exp.who, exp.notify, exp.transfer, bool(exp.with_), exp.do, typical.sampler())
        who, notify, transfer, marked, do, sample = shape
        profile = self.profile
        rng = self._streams.get(who)
        if rng is None:     # the exercise's Streams keep the same object (a fork reseeds it in place)
            rng = self._streams[who] = self.x.streams(f"bot/{who}")
        skip = rng.random() < profile.p_skip and not second_chance
        misroute = notify is not None and rng.random() < profile.p_misroute
        delay = sample(rng) * profile.pace
        wrong = self._wrong_recipient(exp, rng) if misroute else None
        if skip or (misroute and wrong is None):
            return
        sloppy = None
        if transfer is not None or (notify is not None and marked):
            # Drawn only for custody and marking expectations, so older scenarios keep their streams.
            p = profile.p_custody_break if transfer is not None else profile.p_drop_marking
            sloppy = rng.random() < p
        if do is not None:
            self.x.env.timeout(max(0.0, delay), inst).callbacks.append(self._reply_due)
        else:
            self.x.call_later(delay, partial(self._act, inst, wrong, bool(sloppy)))

    def _wrong_recipient(self, exp: Expectation, rng) -> str | None:
        reachable = sorted({r for c in self.x.messaging.channels.values() for r in c.between
                            if r not in (exp.who, exp.notify)
                            and self.x.messaging.connects(c, exp.who, r)})
        return rng.choice(reachable) if reachable else None

    def _do(self, timeout: simpy.Timeout) -> None:
        """Take the expected action (the instance is `timeout.value`): the
        parameters it declares, from what the occurrence showed, its key and
        the expectation's `with:` (the declaration read once per action: most
        replies are actions)."""
        inst = timeout.value
        if self.x.ended or inst.met_at is not None:
            return
        rule = inst.rule
        shape = rule.action
        if shape is None:
            action = self.x.action_spec(rule.who, rule.do)
            shape = rule.action = (action, tuple((p.name, p.required, _default_param(p)) for p in action.params))
        action, declared = shape
        # Each declared parameter from the expectation's `with:`, else its key
        # (the instance's vehicle or case), else what the occurrence showed;
        # one left out unless required (then its default). Read in place: no
        # merged copy of the three per reply.
        facts, with_, key = inst.facts, rule.with_, rule.key
        params = {}
        for name, required, default in declared:
            if name in with_:
                params[name] = with_[name]
            elif key and name == key:
                params[name] = inst.key
            elif name in facts:
                params[name] = facts[name]
            elif required:
                params[name] = default
        try:
            self.x.take_bot_action(rule.who, action, params)
        except CommandError:
            pass  # as in _act: a bot never crashes the run

    def _act(self, inst: Instance, wrong: str | None, sloppy: bool = False, _timeout=None) -> None:
        """Hand evidence over or notify (`_do` takes actions)."""
        exp = inst.expectation
        if self.x.ended or not inst.open:
            return
        facts = dict(inst.facts)
        if exp.key:
            facts[exp.key] = inst.key
        try:
            if exp.transfer is not None:
                self._transfer(exp, sloppy)
            else:
                self._notify(exp, wrong or exp.notify, facts, sloppy)
        except CommandError:
            pass  # e.g. evidence already moved by someone else: a bot never crashes the run

    def _transfer(self, exp: Expectation, sloppy: bool) -> None:
        """Hand the item over; a sloppy hand-over (weak profile) breaks the chain
        of custody visibly: no seal at a shift change, or no signature."""
        item = next(e for e in self.x.scenario.evidence if e.id == exp.transfer)
        seal = item.label.seal_number or f"{item.label.case_number}/{item.label.item_number}"
        unsealed = sloppy and self.x.streams(f"bot/{exp.who}/custody").random() < 0.5
        self.x.transfer_evidence(exp.transfer, exp.who, exp.to, sealed=not unsealed,
                                 signed=not (sloppy and not unsealed),
                                 seal_number="" if unsealed else seal, note=tr(exp.title))

    def _notify(self, exp: Expectation, recipient: str, facts: dict, sloppy: bool = False) -> None:
        channels = self.x.messaging.channels_between(exp.who, recipient)
        preferred = [c for c in channels if c.medium in exp.via] or channels
        channel = min(preferred, key=lambda c: (c.delay.mean, c.id))
        marking = str(exp.with_.get("classification", "unclassified"))
        self.x.messaging.send(exp.who, recipient, channel.id, subject=tr(exp.title),
                              body=f"{tr(exp.title)} ({exp.id})",
                              classification="unclassified" if sloppy else marking, facts=facts)

