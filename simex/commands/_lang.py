"""The language of a command's messages."""
from __future__ import annotations

# Where a user's language is set, in gettext's own order (the first one set wins).
_LOCALE_VARIABLES = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")


def message_language(explicit: str | None = None) -> str:
    """The language of a command's messages: --lang if the command has it,
    else SIMEX_LANG, else the user's locale (LANGUAGE, LC_ALL, LC_MESSAGES,
    LANG: "fr_FR.UTF-8" -> fr) when simex speaks it, else English. A language
    asked for by name (--lang, SIMEX_LANG) that has no catalog is an error
    (LanguageNotAvailable); a locale simex lacks (de_DE, C) is English, as
    for every gettext program."""
    import os

    from simex.languages import available

    if explicit or os.environ.get("SIMEX_LANG"):
        return explicit or os.environ["SIMEX_LANG"]
    value = next((os.environ[v] for v in _LOCALE_VARIABLES if os.environ.get(v)), "")
    for part in value.split(":"):
        code = part.split(".")[0].split("@")[0].split("_")[0].lower()
        if code in available():
            return code
    return "en"


def messages(explicit: str | None = None):
    """The translator for a command's messages (see message_language)."""
    from simex.languages import translator

    return translator(message_language(explicit))


def told(error: BaseException, explicit: str | None = None) -> str:
    """An error as the command tells it: a refusal or journal error carrying a
    Reason in the message language, any other error as it is."""
    from simex.reasons import in_language

    return in_language(error, message_language(explicit))
