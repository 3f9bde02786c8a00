"""Player-facing text in several languages.

An author writes either a plain string (English) or a mapping of language code
to string. English is required because it is the fallback every screen and
report can rely on; the UN languages used in regional workshops are allowed.
"""
from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BeforeValidator, Field

from simex.choices import LANGUAGES  # noqa: F401  (re-exported: the list is written once)
from simex.words import N_, Say

Lang = Literal["en", "fr", "es", "ru", "ar", "zh"]


def _normalise(value: object) -> object:
    if isinstance(value, str):
        return {"en": value}
    if isinstance(value, dict):
        if not value:
            raise ValueError(Say(N_("text is empty: give at least an 'en' entry")))
        if "en" not in value:
            raise ValueError(Say(N_("English ('en') text is required; other languages are optional")))
    return value


# Stored as {lang: text}; JSON Schema shows both accepted spellings.
Text = Annotated[
    dict[Lang, str],
    BeforeValidator(_normalise),
    Field(json_schema_extra={"anyOf": [{"type": "string"}, {"type": "object"}]}),
]


def tr(text: dict[str, str] | None, lang: str = "en") -> str:
    """The text in `lang`, falling back to English; '' for no text."""
    if not text:
        return ""
    return text.get(lang) or text.get("en") or next(iter(text.values()))


def missing_languages(text: dict[str, str], wanted: tuple[str, ...]) -> list[str]:
    return [lang for lang in wanted if lang not in text]
