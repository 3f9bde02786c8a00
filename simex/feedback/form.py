"""Knowledge tests (asked before and after the exercise) and the hot-wash
feedback form, in a YAML file of their own (a scenario does not need one):

    simex_feedback: 1
    id: border-detection-feedback
    title: {en: "Kessin workshop", fr: "Atelier de Kessin"}
    min_group: 5                # groups smaller than this are not reported
    knowledge:                  # asked twice: phase pre and phase post
      - id: K1
        text: {en: "Who must be told first of an anomalous alarm?", fr: "..."}
        choices: [police, regulator, IAEA]
        answer: police
    hotwash:                    # asked once, phase hotwash (or post)
      - id: H1
        text: "The exercise was realistic"
        type: scale             # scale (min..max), choice or text
        min: 1
        max: 5
"""
from __future__ import annotations

from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from simex.scenario.model import Id
from simex.scenario.text import Text, tr


class FeedbackError(ValueError):
    """A feedback form or responses file that cannot be used; the message says why."""


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class KnowledgeQuestion(_Model):
    id: Id
    text: Text
    choices: list[str] = []
    answer: str | list[str]

    def correct(self, given: str) -> bool:
        wanted = self.answer if isinstance(self.answer, list) else [self.answer]
        return given.strip().casefold() in {str(w).strip().casefold() for w in wanted}


class FormQuestion(_Model):
    id: Id
    text: Text
    type: Literal["scale", "choice", "text"] = "scale"
    min: int = 1
    max: int = 5
    choices: list[str] = []

    @model_validator(mode="after")
    def _check(self):
        if self.type == "scale" and self.min >= self.max:
            raise ValueError("a scale needs min < max")
        if self.type == "choice" and not self.choices:
            raise ValueError("a choice question needs choices")
        return self


class FeedbackForm(_Model):
    simex_feedback: int = 1
    id: Id
    title: Text
    min_group: int = Field(5, ge=2)
    knowledge: list[KnowledgeQuestion] = []
    hotwash: list[FormQuestion] = []

    @model_validator(mode="after")
    def _unique(self):
        ids = [q.id for q in self.knowledge] + [q.id for q in self.hotwash]
        twice = sorted({i for i in ids if ids.count(i) > 1})
        if twice:
            raise ValueError(f"question ids must be unique: {', '.join(twice)}")
        return self

    def title_in(self, lang: str) -> str:
        return tr(self.title, lang)


def load_form(path: str | Path) -> FeedbackForm:
    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise FeedbackError(f"{path}: not valid YAML: {exc}") from None
    if not isinstance(data, dict):
        raise FeedbackError(f"{path}: a feedback form is a mapping with id, title, knowledge and hotwash")
    try:
        return FeedbackForm.model_validate(data)
    except ValidationError as exc:
        problems = "; ".join(f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in exc.errors())
        raise FeedbackError(f"{path}: {problems}") from None
