"""Why something was refused, in whichever language the reader reads.

A server serves participants in several languages at once, so the engine
cannot translate a refusal when it raises it. It raises a *reason*: an
English template (a catalog msgid, marked with `N_` for the extractor) and
its parameters. The English text goes to the journal, logs and tests; the
template and parameters travel with it (`to_wire`) and each console renders
them in its own language (`shown`).

A parameter is plain text or a number (ids, values: never translated), a
nested Reason (a word or phrase that translates: "none so far", "; did you
mean 'x'?"), a `Listed` (ids joined the way the reader's language lists
them) or a `Number` (a count grouped the reader's way: "12 345"). What
arrives over the network is hostile input: `shown` renders only templates
the reader's catalog translates, and falls back to the English text for
anything malformed, never raising.
"""
from __future__ import annotations

import string
from typing import Any, Union

from simex.languages import translator
from simex.words import Listed, Number, Say

# Bounds on a reason from the network: a frame is capped anyway, these keep
# rendering cheap and the recursion shallow.
MAX_DEPTH = 3
MAX_PARAMS = 16
MAX_ITEMS = 50
MAX_TEXT = 2000


Param = Union[str, int, float, "Reason", Listed, Number]


class Reason(Say):
    """A `Say` (an English template and its parameters, simex/words.py) that
    travels: `english()` is the text for the journal and logs, `render(t)`
    the reader's, `to_wire`/`from_wire` its form in a frame."""

    __slots__ = ()

    def english(self) -> str:
        return self()

    def render(self, t) -> str:
        return self(t)

    def to_wire(self) -> dict[str, Any]:
        return {"template": self.template, "params": {k: _wire(v) for k, v in self.params.items()}}

    @classmethod
    def from_wire(cls, data: Any, depth: int = 0) -> "Reason":
        """A reason from a frame; ValueError for anything but the shape to_wire writes."""
        if depth > MAX_DEPTH or not isinstance(data, dict) or set(data) - {"template", "params"}:
            raise ValueError("not a reason")
        template, params = data.get("template"), data.get("params", {})
        if not isinstance(template, str) or len(template) > MAX_TEXT or not isinstance(params, dict) \
                or len(params) > MAX_PARAMS:
            raise ValueError("not a reason")
        return cls(template, **{_name(k): _unwire(v, depth) for k, v in params.items()})

    def __repr__(self) -> str:
        return f"Reason({self.template!r}, **{self.params!r})"


def did_you_mean(word: object, options) -> Say | str:
    """A translatable "; did you mean 'x'?" for a near miss, else '' (the
    scenario problems' own words: one msgid for both)."""
    from simex.scenario.problems import suggest
    return suggest(word, options)


def shown(english: str, wire: Any, lang: str) -> str:
    """The refusal for a reader of `lang`: the reason rendered from its wire
    form when the reader's catalog translates every template in it, else the
    English text. Never raises: a malformed reason from a server is shown as
    its English."""
    if lang == "en" or wire is None:
        return english
    try:
        t = translator(lang)
        reason = Reason.from_wire(wire)
        if not _translated(reason, t):
            return english
        return reason.render(t)
    except (ValueError, TypeError, KeyError, IndexError, AttributeError, LookupError):
        return english


def in_language(error: BaseException, lang: str) -> str:
    """A refusal raised here (CommandError, ProtocolError) or received
    (Refused) as a reader of `lang` reads it; other errors as they are."""
    reason = getattr(error, "reason", None)
    wire = reason.to_wire() if isinstance(reason, Reason) else reason
    return shown(str(error), wire, lang)


def _translated(reason: Reason, t) -> bool:
    catalog = getattr(t, "_catalog", None)
    if catalog is None or reason.template not in catalog:
        return False
    for field in _fields(catalog[reason.template]) | _fields(reason.template):
        if field not in reason.params:
            return False
    return all(_translated(v, t) for v in reason.params.values() if isinstance(v, Say))


def _fields(template: str) -> set[str]:
    if not isinstance(template, str):
        return set()
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def _wire(value: Param) -> Any:
    if isinstance(value, Say) and value.plural is None and value.context is None:
        return Reason.to_wire(value)
    if isinstance(value, Say):
        return str(value)     # a count's or a context's words travel as their English
    if isinstance(value, Listed):
        return {"list": list(value.items), "limit": value.limit}
    if isinstance(value, Number):
        return {"number": value.value}
    if value is None or isinstance(value, (str, int, float)):
        return value
    return str(value)     # anything else (a list a client sent) as its text


def _unwire(value: Any, depth: int) -> Param:
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, str):
        if len(value) > MAX_TEXT:
            raise ValueError("parameter too long")
        return value
    if isinstance(value, (int, float)):
        return value
    if isinstance(value, dict) and "list" in value:
        items, limit = value.get("list"), value.get("limit", 12)
        if set(value) - {"list", "limit"} or not isinstance(items, list) or len(items) > MAX_ITEMS \
                or not all(isinstance(i, str) and len(i) <= MAX_TEXT for i in items) \
                or not isinstance(limit, int) or isinstance(limit, bool) or not 0 < limit <= MAX_ITEMS:
            raise ValueError("not a list parameter")
        return Listed(items, limit)
    if isinstance(value, dict) and "number" in value:
        number = value["number"]
        if set(value) != {"number"} or isinstance(number, bool) or not isinstance(number, (int, float)) \
                or number != number or abs(number) == float("inf"):
            raise ValueError("not a number parameter")
        return Number(number)
    return Reason.from_wire(value, depth + 1)


def _name(key: Any) -> str:
    if not isinstance(key, str) or not key.isidentifier():
        raise ValueError("not a parameter name")
    return key


class Refusal(ValueError):
    """Something refused for a reason a person reads: str() is the English
    (journal, logs, tests), `reason` the template and parameters each reader
    renders in its language. `public` (and `public_reason`) is what a player
    may be told, when the full reason names controller material."""

    def __init__(self, template: "str | Reason", /, public: "Reason | None" = None, **params: Param):
        self.reason = template if isinstance(template, Reason) else Reason(template, **params)
        super().__init__(self.reason.english())
        self.public_reason = self.reason if public is None else public
        self.public = self.public_reason.english()
