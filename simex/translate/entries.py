"""A scenario's player-facing texts as translation entries, and back.

An entry is what a translation file holds for one text: its stable context
(`injects[I03].text`), the English source, the translation (empty when there
is none yet), a note for the translator (what the text is and where players
see it) and the line it is on. The file formats (po.py, xliff.py) only
read and write entries; this module knows the scenario.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from simex.scenario.loader import ScenarioError, check_text
from simex.scenario.model import Scenario
from simex.scenario.problems import Problem
from simex.scenario.texts import PlayerText, player_texts
from simex.translate import yamledit

_PLACEHOLDER = re.compile(r"\{[A-Za-z_][A-Za-z0-9_]*\}")


@dataclass
class Entry:
    context: str
    source: str
    target: str = ""
    note: str = ""
    line: int = 0          # exported: the text's line in the scenario; read back: the entry's line in its file
    fuzzy: bool = False
    flags: set = field(default_factory=set)


@dataclass
class Source:
    """A scenario file read for translation: its text, model and texts by context."""

    file: Path
    text: str
    scenario: Scenario
    texts: dict[str, PlayerText]
    bom: bool = False

    @classmethod
    def read(cls, file: Path) -> "Source":
        raw = file.read_bytes()
        text = raw.decode("utf-8-sig")
        scenario, problems = check_text(text, str(file))
        if scenario is None:
            raise ScenarioError([p for p in problems if p.is_error])
        return cls(file, text, scenario, {t.context: t for t in player_texts(scenario)},
                   raw.startswith(b"\xef\xbb\xbf"))

    def write(self, text: str) -> None:
        self.file.write_bytes(("\ufeff" if self.bom else "").encode() + text.encode("utf-8"))


def entries(source: Source, lang: str) -> list[Entry]:
    """One entry per player-facing text, in file order, with the existing `lang` text if any."""
    root = yamledit.compose(source.text)
    out = []
    for t in source.texts.values():
        node, _, _ = yamledit.find(root, t.path)
        out.append(Entry(t.context, t.text["en"], t.text.get(lang, "") if lang != "en" else t.text["en"],
                         note(t), node.start_mark.line + 1))
    return out


def note(t: PlayerText) -> str:
    """What a translator needs to know: what the text is and where players see it."""
    parts = [t.what or "Player-facing text."]
    kept = sorted(set(_PLACEHOLDER.findall(t.text["en"])))
    if kept:
        parts.append(f"Keep {', '.join(kept)} as written: simex fills them in.")
    return " ".join(parts)


@dataclass
class Outcome:
    """What an import did and what it could not do."""

    text: str                                   # the new file text (== the old one when nothing changed)
    changed: int = 0                            # texts written
    unchanged: int = 0                          # translations already in the file
    stale: list[Entry] = field(default_factory=list)      # context no longer in the scenario
    changed_source: list[Entry] = field(default_factory=list)  # the English changed since export
    fuzzy: list[Entry] = field(default_factory=list)      # marked for review: not imported
    untranslated: int = 0
    problems: list[Problem] = field(default_factory=list)  # the result's validation


def merge(source: Source, lang: str, found: list[Entry]) -> Outcome:
    """The scenario text with the translations in `found` written in, and a report.

    A translation lands only when its context still exists and its English
    is still the English of that text; fuzzy entries are reported, not used."""
    root = yamledit.compose(source.text)
    out = Outcome(source.text)
    edits = []
    for e in found:
        t = source.texts.get(e.context)
        if t is None:
            out.stale.append(e)
        elif not e.target:
            out.untranslated += 1
        elif e.fuzzy:
            out.fuzzy.append(e)
        elif e.source != t.text["en"]:
            out.changed_source.append(e)
        else:
            edit = yamledit.set_text(source.text, root, t.path, lang, e.target)
            if edit is None:
                out.unchanged += 1
            else:
                edits.append(edit)
    if not edits:
        return out
    text = yamledit.apply(source.text, edits)
    add = yamledit.add_language(text, lang)
    if add is not None:
        text = yamledit.apply(text, [add])
    out.text, out.changed = text, len(edits)
    _, problems = check_text(text, str(source.file))
    out.problems = problems
    return out
