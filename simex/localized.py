"""Numbers, shares and durations as a reader of `lang` writes them (Babel,
from CLDR). English keeps simex's own shapes ("51 min 29 s", "87%"), which
the golden transcripts and every English report already use; other languages
get their locale's digits grouping, percent sign and unit abbreviations
("51 мин 29 с", "87 %", "2小时 09分钟")."""
from __future__ import annotations

from datetime import datetime
from functools import lru_cache

from babel.dates import format_datetime
from babel.numbers import format_decimal, format_percent
from babel.units import format_unit

from simex.durations import duration_parts, format_duration
from simex.languages import translator

_UNITS = {"d": "duration-day", "h": "duration-hour", "min": "duration-minute", "s": "duration-second"}


def percent(share: float, lang: str = "en") -> str:
    """0.873 -> "87%" (en), "87 %" (fr)."""
    if lang == "en":
        return f"{100 * share:.0f}%"
    return format_percent(share, locale=lang)


def share(value: float | None, lang: str = "en") -> str:
    """A ratio as a percentage, or "n/a" when there was nothing to divide by."""
    # Translators: a share that cannot be computed (nothing to divide by)
    return translator(lang).gettext("n/a") if value is None else percent(value, lang)


def number(value: float, lang: str = "en", digits: int = 0) -> str:
    """A measured value with `digits` decimals, grouped for the locale."""
    if lang == "en":
        return f"{value:,.{digits}f}"
    pattern = "#,##0" + ("." + "0" * digits if digits else "")
    return format_decimal(value, format=pattern, locale=lang)


def duration(seconds: float, lang: str = "en") -> str:
    """simex.durations.format_duration's precision, in the locale's units."""
    if lang == "en":
        return format_duration(seconds)
    sign, parts = duration_parts(seconds)
    if not parts:   # under a second
        return "< " + _unit(1, "s", lang)
    return sign + " ".join(_unit(n, unit, lang) for n, unit in parts)


@lru_cache(maxsize=4096)
def _unit(n: int, unit: str, lang: str) -> str:
    """One number with its unit ("38 ث"). Remembered: a console words every
    open expectation's countdown at every tick, and Babel takes about 15 µs
    for each; the numbers a countdown shows are few (0-59, the hours of a day)."""
    return format_unit(n, _UNITS[unit], length="short", locale=lang)


def moment(value: datetime, lang: str = "en") -> str:
    """A date and time: ISO 8601 in English (as scenario files write it), the
    locale's medium form elsewhere ("17 mars 2026, 09:00:00")."""
    if lang == "en":
        return value.isoformat()
    when = format_datetime(value, format="medium", tzinfo=value.tzinfo, locale=lang)
    return f"{when} {format_datetime(value, 'ZZZZ', tzinfo=value.tzinfo, locale=lang)}" if value.tzinfo else when
