"""Language coverage: every player-facing text in every language the
exercise is run in. Missing translations are warnings, not errors: the
screen falls back to English, and a draft is often translated last."""
from __future__ import annotations

from typing import TYPE_CHECKING

from simex.scenario.text import missing_languages
from simex.scenario.texts import player_texts

if TYPE_CHECKING:
    from simex.scenario.checks import Findings


def check_languages(f: "Findings") -> None:
    wanted = tuple(f.s.exercise.languages)
    if set(wanted) <= {"en"}:
        return  # English is always there: the model requires it
    for found in player_texts(f.s):
        missing = missing_languages(found.text, wanted)
        if missing:
            names = " or ".join(f"'{lang}'" for lang in missing)
            f.warn(found.path, f"no {names} text (exercise.languages lists {'it' if len(missing) == 1 else 'them'})")
