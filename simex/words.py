"""simex's own words in a problem message, said in the reader's language
only when the problem is shown.

The checks run once; their problems may be shown in English (JSON for
editors, tests, goldens) and in the language of whoever reads `simex
validate`. So a message is not a finished string but a `Say`: an English
template (the catalog's msgid) and its parameters. Parameters that are
author values (ids, YAML keys, file paths) stay as written; parameters that
are words ("did you mean ...", "nothing", a noun) are `Say`s themselves and
are translated with the sentence around them, never glued in as English.

    Say(N_("unknown {kind} '{value}'{hint}"), kind=NOUN["agency"], value="custom", hint=...)
    str(say)        # English, as the JSON output and the tests read it
    say(t)          # in the language of the translator t (simex.languages.translator)
"""
from __future__ import annotations

import gettext
from typing import Iterable

_ENGLISH = gettext.NullTranslations()


def N_(text: str) -> str:
    """Marks a msgid for the catalogs (Babel's N_ keyword) without translating it
    here: whoever shows the sentence translates it (a scenario problem, a refusal
    the engine raises and each console shows in its own language)."""
    return text


def NP_(context: str, text: str) -> tuple[str, str]:
    """Marks a msgid with a context (tools/catalogs extracts NP_ like pgettext):
    the same English word with another meaning elsewhere in simex."""
    return context, text


class Plural(tuple):
    """(singular, plural) msgids of a count, from NN_."""


def NN_(singular: str, plural: str) -> Plural:
    """Marks a count's msgids (tools/catalogs extracts NN_ like ngettext); the
    Say made from it chooses the form by its parameter `n`."""
    return Plural((singular, plural))


class Say:
    """A sentence in simex's words: a template, its parameters, and (for a
    count) the plural template; said in English by str(), in any language by
    calling it with a translator."""

    __slots__ = ("template", "params", "plural", "context")

    def __init__(self, template: str | tuple[str, str] | Plural, **params: object) -> None:
        self.context = self.plural = None
        if isinstance(template, Plural):
            template, self.plural = template
        elif isinstance(template, tuple):
            self.context, template = template
        self.template, self.params = template, params

    def __call__(self, t: gettext.NullTranslations | None = None) -> str:
        t = t or _ENGLISH
        if self.plural is not None:
            text = t.ngettext(self.template, self.plural, self.params["n"])
        elif self.context is not None:
            text = t.pgettext(self.context, self.template)
        else:
            text = t.gettext(self.template)
        # Always formatted, so a template's literal braces are written doubled, params or not.
        return text.format(**{k: said(v, t) for k, v in self.params.items()})

    def __str__(self) -> str:
        return self()

    def __repr__(self) -> str:
        return f"Say({self.template!r}, {self.params!r})"

    def templates(self) -> Iterable["Say"]:
        """This sentence and every sentence in its parameters (for the catalog test)."""
        yield self
        for value in self.params.values():
            for item in value if isinstance(value, list) else [value]:
                if isinstance(item, Say):
                    yield from item.templates()


class Listed:
    """Ids for the reader, listed the reader's way ("a, b, c" in English,
    "a、b、c" in Chinese); `limit` keeps a long list to its first few."""

    __slots__ = ("items", "limit")

    def __init__(self, items, limit: int = 12):
        self.items = tuple(str(i) for i in items)
        self.limit = limit

    def render(self, t) -> str:
        shown = list(self.items[:self.limit])
        more = len(self.items) - len(shown)
        # Translators: between the items of a list of ids ("a, b, c"); Chinese "、", Arabic "، "
        text = t.pgettext("list separator", ", ").join(shown)
        if more > 0:
            text += t.ngettext(" ... and {n} more", " ... and {n} more", more).format(n=more)
        return text

    def __bool__(self) -> bool:
        return bool(self.items)


class Number:
    """A count for the reader, written the reader's way when shown ("12,345"
    in English, "12 345" in French): a sentence raised once and shown in
    several languages keeps the number, not one language's digits."""

    __slots__ = ("value",)

    def __init__(self, value: int | float):
        self.value = value

    def render(self, t) -> str:
        from simex.localized import number   # Babel, only when a number is shown
        # A catalog names its language in its header; English has no catalog.
        return number(self.value, (t.info().get("language") if t else None) or "en")

    def __repr__(self) -> str:
        return f"Number({self.value!r})"


def said(value: object, t: gettext.NullTranslations | None = None) -> object:
    """A parameter as shown: a Say in the reader's language, ids listed and
    numbers written the reader's way (Listed, Number), a list of values joined
    by commas, anything else (an author's id, a number) as it is."""
    if isinstance(value, Say):
        return value(t)
    if isinstance(value, (Listed, Number)):
        return value.render(t or _ENGLISH)
    if isinstance(value, list):
        return ", ".join(str(said(v, t)) for v in value)
    return value


def either(values: list) -> object:
    """'a or b', 'a, b or c' in the reader's language; one value alone as it is."""
    values = list(values)
    if len(values) < 2:
        return values[0] if values else ""
    return Say(N_("{some} or {last}"), some=values[:-1], last=values[-1])


def quoted(values: Iterable[str]) -> list[str]:
    """Author values, quoted as messages quote them: 'fr', 'ar'."""
    return [f"'{v}'" for v in values]


# Kinds of things a scenario names by id, as nouns in a message. A context
# separates them from the same English word elsewhere (a column header).
NOUN = {
    "agency": Say(NP_("kind of id in a scenario", "agency")),
    "jurisdiction": Say(NP_("kind of id in a scenario", "jurisdiction")),
    "objective": Say(NP_("kind of id in a scenario", "objective")),
    "inject": Say(NP_("kind of id in a scenario", "inject")),
    "expectation": Say(NP_("kind of id in a scenario", "expectation")),
    "world process": Say(NP_("kind of id in a scenario", "world process")),
    "evidence item": Say(NP_("kind of id in a scenario", "evidence item")),
    "critical task": Say(NP_("kind of id in a scenario", "critical task")),
    "channel": Say(NP_("kind of id in a scenario", "channel")),
    "action": Say(NP_("kind of id in a scenario", "action")),
}
# Translators: what a list in a problem message shows when it is empty ("it emits: nothing")
NOTHING = Say(NP_("empty list in a scenario problem", "nothing"))
# Translators: what a list in a problem message shows when it is empty ("its parameters are: none")
NONE = Say(NP_("empty list in a scenario problem", "none"))
