"""The program's own words in the six UN languages, through gettext catalogs.

Scenario text carries its own translations in the scenario file
(simex.scenario.text.tr); this module is for everything simex itself says:
CLI messages, consoles, reports, scoring explanations, narration, figures.

Write a user-facing string as English at the call site, through a translator
for the reader's language, so Babel's extractor finds it:

    t = translator(lang)
    t.gettext("Send")
    t.ngettext("{n} message", "{n} messages", n).format(n=n)
    t.pgettext("inject status", "skipped")   # same English, different meaning

Catalogs live in simex/locale/<lang>/LC_MESSAGES/simex.po (sources, one per
language, for translators) and simex.mo (compiled, shipped in the wheel).
English is the source language and needs no catalog.
"""
from __future__ import annotations

import gettext
from functools import lru_cache
from pathlib import Path

# The extractor's marker, for those who import it from here (the engine's refusals).
from simex.words import N_  # noqa: F401

DOMAIN = "simex"
LOCALE_DIR = Path(__file__).with_name("locale")
UN_LANGUAGES = ("ar", "zh", "en", "fr", "ru", "es")
RIGHT_TO_LEFT = frozenset({"ar"})


class LanguageNotAvailable(ValueError):
    """A language was asked for that simex has no catalog for."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        super().__init__(f"language {lang!r} is not available; available: {', '.join(available())}")


def available() -> tuple[str, ...]:
    """Languages simex can speak: English plus every compiled catalog, in UN order."""
    compiled = {p.parent.parent.name for p in LOCALE_DIR.glob(f"*/LC_MESSAGES/{DOMAIN}.mo")}
    return tuple(lang for lang in UN_LANGUAGES if lang == "en" or lang in compiled)


@lru_cache(maxsize=None)
def translator(lang: str) -> gettext.NullTranslations:
    """The catalog for `lang`; English returns the source strings unchanged.

    A language without a catalog is an error naming the available ones, never
    a silent fallback to English."""
    if lang == "en":
        return gettext.NullTranslations()
    try:
        return gettext.translation(DOMAIN, localedir=LOCALE_DIR, languages=[lang])
    except FileNotFoundError:
        raise LanguageNotAvailable(lang) from None


def is_right_to_left(lang: str) -> bool:
    return lang in RIGHT_TO_LEFT
