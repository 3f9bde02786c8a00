"""The values a user picks from on the command line: bot profiles, text
languages, the fastest clock.

Defined here, in a module that imports nothing, so `simex --help` can build
every subcommand's parser without loading the engine or the scenario model
(pydantic); the engine and the model take their values from here, so each
list is written once.
"""
from __future__ import annotations

# Names of the bot profiles in simex.engine.bots.PROFILES, in that order.
BOT_PROFILES = ("doctrine", "weak")

# Languages a scenario's text may be written in: English (required, the
# fallback) and the other UN languages used in regional workshops.
LANGUAGES = ("en", "fr", "es", "ru", "ar", "zh")

# The fastest clock a session accepts (scenario seconds per wall second);
# the command line checks --speed against it too.
MAX_SPEED = 10000.0
