"""Delay and duration distributions an author can write.

Every distribution is written with a `dist:` key so errors can name the
exact field; a plain duration ("5m") is shorthand for `{dist: fixed}`.
Parameters are durations (strings like "5m") except shape parameters
(lognormal `sigma`, empirical `weights`).
"""

# No `from __future__ import annotations` here: pydantic would compile each
# field's annotation string at every class it builds (a fresh `simex validate`
# spent 19M instructions on it; docs/performance.md).
import math
import random
from typing import Annotated, Callable, Literal, Union

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, model_validator

from simex.words import N_, Say

from simex.durations import format_duration, parse_duration
from simex.scenario.fielddocs import describe
from simex.scenario.quantities import between, metadata_of

# No time in an exercise is longer than a year: a timer of 1e308 s is a typo,
# and the engine adds times to STARTEX as dates.
MAX_DURATION = 366 * 86400.0


def _show(seconds: float) -> str:
    return format_duration(seconds) if seconds < 1e9 else f"{seconds:g} s"


def _within_a_year(seconds: float) -> float:
    if seconds > MAX_DURATION:
        raise ValueError(Say(N_("a duration is at most {limit}, got {got}"), limit=format_duration(MAX_DURATION),
                             got=_show(seconds)))
    return seconds


Duration = Annotated[
    float,
    BeforeValidator(parse_duration),
    AfterValidator(_within_a_year),
    Field(json_schema_extra={"anyOf": [{"type": "string"}, {"type": "number"}]}),
]


def duration_between(low: float, high: float):
    """A Duration from `low` to `high` seconds, the range said in the author's units."""
    def check(seconds: float) -> float:
        if not low <= seconds <= high:
            raise ValueError(Say(N_("must be between {low} and {high}, got {got}"), low=format_duration(low),
                                 high=format_duration(high), got=_show(seconds)))
        return seconds
    return Annotated[Duration, AfterValidator(check)]


def is_duration(info) -> bool:
    """Whether a model field is a Duration (bounded by MAX_DURATION)."""
    return any(getattr(m, "func", None) is _within_a_year for m in metadata_of(info.annotation, info.metadata))


class _Dist(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False, json_schema_extra=describe)

    def sampler(self) -> Callable[[random.Random], float]:
        """`sample`, for a caller that draws from this distribution again and
        again (a bot's every reply): the same draws; a subclass may read its
        fields once instead of at every draw (a model's attribute costs
        about three times a plain object's)."""
        return self.sample


class Fixed(_Dist):
    dist: Literal["fixed"]
    """`fixed`: always the same delay."""
    value: Duration
    """The delay, e.g. '5m'."""

    def sample(self, rng: random.Random) -> float:
        return self.value

    @property
    def mean(self) -> float:
        return self.value


class Uniform(_Dist):
    dist: Literal["uniform"]
    """`uniform`: any delay between `low` and `high`, all equally likely."""
    low: Duration
    """The shortest delay, e.g. '1m'."""
    high: Duration
    """The longest delay, e.g. '5m'."""

    @model_validator(mode="after")
    def _ordered(self):
        if self.low > self.high:
            raise ValueError(Say(N_("low must not exceed high")))
        return self

    def sample(self, rng: random.Random) -> float:
        return rng.uniform(self.low, self.high)

    @property
    def mean(self) -> float:
        return (self.low + self.high) / 2


class Triangular(_Dist):
    dist: Literal["triangular"]
    """`triangular`: between `low` and `high`, most often near `mode` ("usually 6 minutes, 3 to 12")."""
    low: Duration
    """The shortest delay."""
    mode: Duration
    """The most usual delay."""
    high: Duration
    """The longest delay."""

    @model_validator(mode="after")
    def _ordered(self):
        if not self.low <= self.mode <= self.high:
            raise ValueError(Say(N_("need low <= mode <= high")))
        return self

    def sample(self, rng: random.Random) -> float:
        return rng.triangular(self.low, self.high, self.mode)

    def sampler(self) -> Callable[[random.Random], float]:
        low, high, mode = self.low, self.high, self.mode
        return lambda rng: rng.triangular(low, high, mode)

    @property
    def mean(self) -> float:
        return (self.low + self.mode + self.high) / 3


class Exponential(_Dist):
    dist: Literal["exponential"]
    """`exponential`: memoryless waits, many short and a few long."""
    mean_: Duration = Field(alias="mean")
    """The average delay, e.g. '10m'."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True, allow_inf_nan=False,
                              json_schema_extra=describe)

    @model_validator(mode="after")
    def _positive(self):
        if self.mean_ <= 0:
            raise ValueError(Say(N_("mean must be greater than zero")))
        return self

    def sample(self, rng: random.Random) -> float:
        return rng.expovariate(1.0 / self.mean_)

    @property
    def mean(self) -> float:
        return self.mean_


class Lognormal(_Dist):
    """Right-skewed delays (reachback replies, lab queues). `median` and `sigma`
    (of the underlying normal) are what practitioners can estimate."""

    dist: Literal["lognormal"]
    """`lognormal`: right-skewed delays (reachback replies, laboratory queues)."""
    median: Duration
    """Half the delays are shorter than this, e.g. '20m'."""
    sigma: between(0, 5, above=True)
    """How long the tail is (a number, not a duration): 0.3 is tight, 1 is wide."""

    def sample(self, rng: random.Random) -> float:
        return rng.lognormvariate(math.log(max(self.median, 1e-9)), self.sigma)

    @property
    def mean(self) -> float:
        return self.median * math.exp(self.sigma**2 / 2)


class Empirical(_Dist):
    """Observed values from a past exercise or a log, drawn with replacement."""

    dist: Literal["empirical"]
    """`empirical`: one of the listed delays, e.g. times observed in a past exercise."""
    values: list[Duration] = Field(min_length=1)
    """The delays to draw from, e.g. [4m, 6m, 15m]."""
    weights: list[between(0, 1e6)] | None = None
    """One number per value: how much more likely each is (default: all alike)."""

    @model_validator(mode="after")
    def _weights(self):
        if self.weights is not None:
            if len(self.weights) != len(self.values):
                raise ValueError(Say(N_("weights must have one entry per value")))
            if any(w < 0 for w in self.weights) or sum(self.weights) <= 0:
                raise ValueError(Say(N_("weights must be non-negative and not all zero")))
        return self

    def sample(self, rng: random.Random) -> float:
        if self.weights is None:
            return rng.choice(self.values)
        return rng.choices(self.values, weights=self.weights)[0]

    @property
    def mean(self) -> float:
        if self.weights is None:
            return sum(self.values) / len(self.values)
        return sum(v * w for v, w in zip(self.values, self.weights)) / sum(self.weights)


def _shorthand(value: object) -> object:
    if isinstance(value, (str, int, float)) and not isinstance(value, bool):
        return {"dist": "fixed", "value": value}
    return value


Distribution = Annotated[
    Union[Fixed, Uniform, Triangular, Exponential, Lognormal, Empirical],
    BeforeValidator(_shorthand),
    Field(discriminator="dist"),
]
