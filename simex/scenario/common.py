"""Building blocks every part of the scenario model uses: ids, the base
model (frozen, unknown keys refused), optional distributions, and triggers."""

# No `from __future__ import annotations` here: pydantic would compile each
# field's annotation string at every class it builds (a fresh `simex validate`
# spent 19M instructions on it; docs/performance.md).
import re
from typing import Annotated, Union

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, model_validator

from simex.words import N_, Say

from simex.scenario.distributions import Distribution, Duration, _shorthand
from simex.scenario.fielddocs import describe

Id = Annotated[str, Field(pattern=r"^[A-Za-z][A-Za-z0-9_.\-]*$", max_length=80)]


def _one_or_many(value: object) -> object:
    return [value] if isinstance(value, str) else value


IdList = Annotated[list[Id], BeforeValidator(_one_or_many)]

# `Distribution | None` loses both the "5m" shorthand and the `dist`
# discriminator (pydantic drops an Annotated union's metadata inside a
# union): refusing "5m" and reporting every branch's error. Rebuilt here with
# the discriminator inside the Optional and the shorthand outside.
OptionalDistribution = Annotated[
    Union[Annotated[Distribution.__origin__, Field(discriminator="dist")], None],
    BeforeValidator(_shorthand),
]


class Model(BaseModel):
    # No NaN or infinity anywhere: YAML's .nan and .inf are numbers, but no
    # distance, activity or fact value means anything with them.
    # Each field's description (the JSON Schema's, editor hover's) is the
    # docstring under it: one text, so the schema and the code never drift.
    # Read when the schema is written (fielddocs.py), not at import.
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True, allow_inf_nan=False,
                              json_schema_extra=describe)


# --- triggers, shared by injects, doctrine and world processes -------------------

_STATE = re.compile(r"^\s*([A-Za-z][\w\-]*)\.(\w+)\s*(>=|<=|==|!=|>|<)\s*(-?\d+(?:\.\d+)?)\s*$")


class Trigger(Model):
    """What starts something. Exactly one of: an engine or world event
    (`event`, optionally filtered by `where`), an agency's catalogue action
    (`action`, optionally `by`), the delivery of another inject (`inject`),
    a world-state condition (`state: "rpm.waiting >= 5"`), or a doctrine
    expectation overdue at its deadline (`missed`). `delay` postpones it."""

    event: str | None = Field(None, examples=["gate.alarm", "inspection.completed", "message_delivered"])
    """An engine event (`exercise_started`, `action_taken`, `message_delivered`...) or a world process's
    event as '<process>.<event>', e.g. 'gate.alarm'."""
    where: dict[str, str | int | float | bool] = Field({}, examples=[{"cause": "threat"}, {"vehicle": "TRK-7"}])
    """Names and values that must all match the event: its fields, facts, action parameters or ground
    truth, e.g. {cause: threat}. Quote text YAML could read otherwise ('false')."""
    action: Id | None = None
    """A catalogue action: fires when an agency takes it."""
    by: Id | None = None
    """With `action`: only when this agency takes it."""
    inject: Id | None = None
    """Fires when this inject is delivered."""
    state: str | None = Field(None, examples=["secondary.waiting >= 3"])
    """A world-state condition, '<process>.<variable> <op> <number>', e.g. 'secondary.waiting >= 3': fires
    when it becomes true."""
    missed: Id | None = None
    """A doctrine expectation: fires when it reaches its deadline unmet; `where` then sees the occurrence
    that opened it."""
    delay: Duration = 0.0
    """Postpones what the trigger starts, e.g. '5m'."""

    @model_validator(mode="after")
    def _exactly_one(self):
        given = [k for k in ("event", "action", "inject", "state", "missed") if getattr(self, k)]
        if len(given) != 1:
            # Translators: event, action, inject, state and missed are the format's keys: keep them as they are
            raise ValueError(Say(N_("a trigger needs exactly one of: event, action, inject, state, missed (got {keys})"),
                                 keys=given) if given else
                             Say(N_("a trigger needs exactly one of: event, action, inject, state, missed")))
        if self.state is not None and not _STATE.match(self.state):
            raise ValueError(Say(N_("state conditions look like 'process.variable >= 5'")))
        return self

    @property
    def state_parts(self) -> tuple[str, str, str, float]:
        m = _STATE.match(self.state or "")
        assert m, "validated at load"
        return m[1], m[2], m[3], float(m[4])


