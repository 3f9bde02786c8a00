"""Language coverage: every player-facing text in every language the
exercise is run in. Missing translations are warnings, not errors: the
screen falls back to English, and a draft is often translated last."""
from __future__ import annotations

from typing import TYPE_CHECKING

from simex.scenario.text import missing_languages
from simex.scenario.texts import player_texts
from simex.words import NN_, Say, either, quoted

if TYPE_CHECKING:
    from simex.scenario.checks import Findings


def check_languages(f: "Findings") -> None:
    wanted = tuple(f.s.exercise.languages)
    if set(wanted) <= {"en"}:
        return  # English is always there: the model requires it
    for found in player_texts(f.s):
        missing = missing_languages(found.text, wanted)
        if missing:
            # Translators: {languages} are language codes as the file writes them: 'fr' or 'fr', 'ar' or 'zh'
            f.warn(found.path, Say(NN_("no {languages} text (exercise.languages lists it)",
                                       "no {languages} text (exercise.languages lists them)"),
                                   n=len(missing), languages=either(quoted(missing))))
