"""The respondent's sex: a fixed field with four values, as programmes that
report sex-disaggregated results (EU, UN Women guidance) ask for: female,
male, another, and prefer not to say (which also stands for a blank).

Consoles offer the four values, labelled in the participant's language.
Older CSVs hold whatever was typed (F, femme, woman, H, Mann...):
`normalise` maps the usual spellings in the six UN languages (and German,
common on Excel sheets from the region) to the fixed value, and returns
None for anything else, which the importer reports with its row.
"""
from __future__ import annotations

import unicodedata

from simex.languages import translator

SEXES = ("female", "male", "another", "undisclosed")

_SPELLINGS = {
    "female": "f w woman women female feminine femme femmes féminin feminin fille mujer femenino femenina "
              "frau weiblich ж жен женщина женский 女 女性 أنثى انثى امرأة",
    "male": "m h man men male masculine homme hommes masculin hombre masculino varón varon mann männlich "
            "м муж мужчина мужской 男 男性 ذكر رجل",
    "another": "another other autre autres x nb non-binary nonbinary non-binaire diverse divers "
               "otro otra другой другое 其他 آخر",
    "undisclosed": "- n/a na none prefer-not-to-say declined nsp 不愿透露",
}
# Spellings of more than one word.
_PHRASES = {
    "another": ("non binary",),
    "undisclosed": ("prefer not to say", "not stated", "not given", "no answer", "ne souhaite pas répondre",
                    "non précisé", "non renseigné", "prefiero no decirlo", "keine angabe", "не указано",
                    "أفضل عدم الإجابة"),
}


def _key(text: str) -> str:
    text = unicodedata.normalize("NFC", str(text)).strip().casefold().rstrip(".")
    return " ".join(text.split())


_LOOKUP: dict[str, str] = {}
for _sex, _words in _SPELLINGS.items():
    for _w in _words.split():
        _LOOKUP.setdefault(_key(_w), _sex)
    for _p in _PHRASES.get(_sex, ()):
        _LOOKUP[_key(_p)] = _sex
for _sex in SEXES:
    _LOOKUP[_sex] = _sex
_LOOKUP[""] = "undisclosed"


def normalise(typed: str) -> str | None:
    """The fixed value for what was typed, or None if it is not one simex knows."""
    return _LOOKUP.get(_key(typed))


def spellings() -> list[str]:
    """Every spelling `normalise` knows, for did-you-mean suggestions."""
    return [k for k in _LOOKUP if k]


def label(sex: str, lang: str = "en") -> str:
    """The value as the reader reads it."""
    t = translator(lang)
    return {
        "female": t.pgettext("sex", "female"),
        "male": t.pgettext("sex", "male"),
        "another": t.pgettext("sex", "another"),
        "undisclosed": t.pgettext("sex", "prefer not to say"),
    }[sex]
