"""What facilitators and evaluators write into the after-action report:
the overview's free fields (dates and venue of conduct, scope, mission
areas, threat or hazard, sponsor, points of contact), the conclusion, and
the root cause of each area for improvement.

They travel the way the improvement plan does: `simex report J
--annotations-template notes.yaml` writes a file pre-filled with what the
journal already holds, the facilitator edits it, and `simex report J
--annotations notes.yaml` reads it back. Reading it back also journals each
changed field as a `record_annotation` command (who wrote what), so the
journal stays the one record: a report made later from the journal alone
shows them, and replay reproduces them like any other command.
"""
from __future__ import annotations

import difflib
import json
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from simex.engine.commands import OVERVIEW_ENTRIES, RecordAnnotation
from simex.events import AnnotationRecorded, Event
from simex.reasons import Reason
from simex.words import N_

ROOT_CAUSE, CONCLUSION = "root_cause", "conclusion"
_TOP = ("entered_by", "overview", CONCLUSION, "root_causes")

_HINTS = {   # the template's comment beside each overview field
    "dates": "date(s) of conduct, e.g. 2026-03-17 or 2026-03-17 to 2026-03-18",
    "venue": "where the exercise was held",
    "scope": "what the exercise covered and left out (play, duration, level)",
    "mission_areas": "e.g. Prevention, Protection, Response",
    "threat_hazard": "e.g. radioactive material out of regulatory control",
    "sponsor": "the organisation that funded or commissioned the exercise",
    "points_of_contact": "name, organisation, e-mail or phone of whoever answers questions on the report",
}


class AnnotationError(ValueError):
    """A notes file that cannot be read; the message names the file, line and column."""


@dataclass
class Annotations:
    """The latest text per field; absent fields were never written."""
    overview: dict[str, str] = field(default_factory=dict)
    conclusion: str = ""
    root_causes: dict[str, str] = field(default_factory=dict)    # "OBJ1.2" -> text
    authors: tuple[str, ...] = ()

    def value(self, entry: str, target: str = "") -> str:
        if entry == ROOT_CAUSE:
            return self.root_causes.get(target, "")
        return self.conclusion if entry == CONCLUSION else self.overview.get(entry, "")


def from_events(events: list[Event]) -> Annotations:
    """What the journal holds: for each field, the last annotation wins."""
    notes, authors = Annotations(), []
    for e in events:
        if not isinstance(e, AnnotationRecorded):
            continue
        if e.author not in authors:
            authors.append(e.author)
        if e.entry == ROOT_CAUSE:
            notes.root_causes[e.target] = e.text
        elif e.entry == CONCLUSION:
            notes.conclusion = e.text
        else:
            notes.overview[e.entry] = e.text
    notes.authors = tuple(authors)
    return notes


def _quoted(text: str, indent: str = "  ") -> str:
    """A YAML scalar that reads back as exactly `text`: a literal block for
    text over several lines (as a person writes it), else a JSON string
    (JSON strings are YAML)."""
    if "\n" in text and text == text.strip() and all(line == line.rstrip() for line in text.split("\n")):
        return "|-\n" + "\n".join(f"{indent}{line}" if line else "" for line in text.split("\n"))
    return json.dumps(text, ensure_ascii=False)


def template(notes: Annotations, areas: list[tuple[str, str]], defaults: dict[str, str], *,
             journal: str, title: str, name: str = "notes.yaml") -> str:
    """The file to edit: every field, pre-filled with what the journal holds
    (else with what the scenario says, `defaults`); `areas` are the areas for
    improvement (id, text), each shown as a comment beside its root cause."""
    lines = [f"# Report annotations for {journal} ({title}).",
             "# Fill in what you know; leave \"\" what you do not: the report then says \"not recorded\".",
             f"# Then: simex report {journal} --annotations {name} [-o aar.docx]",
             "# Each changed field is recorded in the journal under your name.",
             f"entered_by: {_quoted('')}   # your name, as the journal records it", "overview:"]
    for key in OVERVIEW_ENTRIES:
        value = notes.overview.get(key, defaults.get(key, ""))
        lines.append(f"  # {_HINTS[key]}")
        lines.append(f"  {key}: {_quoted(value, '    ')}")
    lines.append(f"{CONCLUSION}: {_quoted(notes.conclusion)}")
    lines.append("root_causes:   # why each area for improvement happened (HSEEP root-cause analysis)")
    if not areas:
        lines[-1] = "root_causes: {}   # this exercise has no area for improvement"
    for key, text in areas:
        lines.append(f"  # {key}: {' '.join(text.split())}")
        lines.append(f"  {key}: {_quoted(notes.root_causes.get(key, ''), '    ')}")
    return "\n".join(lines) + "\n"


def _text(value, where: str) -> str:
    """A field's text: YAML reads `2026-03-17` as a date and `12` as a number;
    the person meant the text. A list (several mission areas) is joined."""
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        raise AnnotationError(f"{where}: write text here, not {str(value).lower()} (quote it if you mean the word)")
    if isinstance(value, (str, int, float)):
        return str(value).strip()
    if isinstance(value, list) and all(isinstance(v, (str, int, float)) for v in value):
        return ", ".join(str(v).strip() for v in value)
    raise AnnotationError(f"{where}: write text here, not a {type(value).__name__}")


def _where(path: str, pos, key: str | None = None) -> str:
    """`file:line:col` of a mapping's key (1-based, as editors count)."""
    if pos is None:
        return path
    line, col, children = pos
    if key is not None and isinstance(children, dict) and key in children:
        line, col, _ = children[key]
    return f"{path}:{line + 1}:{col + 1}"


def _unknown(key, known, where: str, what: str, these: str) -> AnnotationError:
    near = difflib.get_close_matches(str(key), list(known), n=1)
    hint = f"; did you mean {near[0]!r}?" if near else f"; {these}: {', '.join(known) or 'none'}"
    return AnnotationError(f"{where}: no {what} {key!r}{hint}")


def load(path: str | Path, areas: list[str]) -> tuple[str, Annotations]:
    """(entered_by, the annotations) from a notes file. Raises AnnotationError
    naming the file, line and column of the first problem; `areas` are the
    area-for-improvement ids a root cause may name."""
    from simex.scenario.yamlread import read_yaml

    name = str(path)
    parsed = read_yaml(Path(path).read_text(encoding="utf-8-sig"))
    if parsed.problems:
        first = parsed.problems[0]
        message = " ".join(first.message.split())    # one line, whatever the parser's layout
        raise AnnotationError(f"{name}:{first.line}:{first.col}: {message}" if first.line else f"{name}: {message}")
    data, pos = ({}, None) if parsed.empty else (parsed.data, parsed.pos)
    if not isinstance(data, dict):
        raise AnnotationError(f"{_where(name, pos)}: expected the fields {', '.join(_TOP)}, as the template has")
    for key in data:
        if key not in _TOP:
            raise _unknown(key, _TOP, _where(name, pos, key), "field", "the fields are")
    children = pos[2] if pos and isinstance(pos[2], dict) else {}
    notes = Annotations(conclusion=_text(data.get(CONCLUSION), _where(name, pos, CONCLUSION)))
    for section, known in (("overview", OVERVIEW_ENTRIES), ("root_causes", tuple(areas))):
        values = data.get(section) or {}
        inner = children[section][2] if section in children else None
        if not isinstance(values, dict):
            raise AnnotationError(f"{_where(name, pos, section)}: {section} holds one field per line "
                                  "(name: text), as the template has")
        for key, value in values.items():
            where = _where(name, inner, key)
            if key not in known:
                raise (_unknown(key, known, where, "field", "the fields are") if section == "overview" else
                       _unknown(key, known, where, "area for improvement", "this report's are"))
            target = notes.overview if section == "overview" else notes.root_causes
            target[key] = _text(value, where)
    return _text(data.get("entered_by"), _where(name, pos, "entered_by")), notes


def changes(before: Annotations, after: Annotations, defaults: dict[str, str]) -> list[tuple[str, str, str]]:
    """(entry, target, text) for each field the file changes. A field left as
    the journal (or, never written, the scenario) has it is not recorded again,
    so importing the same file twice records nothing the second time."""
    out = []
    for key, text in after.overview.items():
        if text != before.overview.get(key, defaults.get(key, "")):
            out.append((key, "", text))
    if after.conclusion != before.conclusion:
        out.append((CONCLUSION, "", after.conclusion))
    for key, text in after.root_causes.items():
        if text != before.root_causes.get(key, ""):
            out.append((ROOT_CAUSE, key, text))
    return out


def record(journal: str | Path, author: str, entries: list[tuple[str, str, str]]) -> None:
    """Journal `entries` as record_annotation commands by `author`, appended to
    the journal (which must replay: the same check as resuming it). Raises
    JournalError, or CommandError for an entry the engine refuses (`load` lets
    none through; those before it stay recorded)."""
    from simex.journal import WRITER, JournalError, JournalReader
    from simex.replay import resume

    reader = JournalReader(journal)
    in_use = reader.meta.get(WRITER) == "open"
    reader.close()
    if in_use:   # two writers would fork the digest chain
        raise JournalError(Reason(N_("{journal} is open in a console (or was not closed cleanly): enter the "
                                     "annotations after that console has closed it (simex play --resume reopens a "
                                     "crashed one)"), journal=str(journal)))
    exercise, sink = resume(journal)
    try:
        for entry, target, text in entries:
            exercise.apply(RecordAnnotation(t=exercise.now, actor="facilitator", author=author,
                                            entry=entry, target=target, text=text))
    finally:
        sink.close()
