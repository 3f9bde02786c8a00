"""Bring an edited MSEL spreadsheet back into its scenario file.

Rows are matched to injects by number. A cell equal to what the scenario
holds changes nothing, so a sheet exported and imported untouched leaves
the file byte for byte as it was; a changed cell becomes one edit of that
inject's value in the YAML text (simex.msel.yamledit), so comments and
layout stay. A row with a new number adds an inject at the end of the
MSEL. An inject missing from the sheet is kept: removing one is done in
the scenario, where doctrine and triggers that name it are in view.

Every cell is checked before anything is written (agencies, channels,
types and objectives with a did-you-mean, times with their unit), then the
edited scenario is checked as `simex validate` would; any problem stops the
import with the sheet, row and column, and the file is not touched.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import get_args

import yaml

from simex.durations import parse_duration
from simex.languages import translator
from simex.msel import columns as C
from simex.msel.sheet import Sheet, SheetError, SheetProblem
from simex.msel.yamledit import Editor, Node, flow, quoted, scalar
from simex.scenario.model import SENDERS, DeliveryMethod, InjectType, Scenario
from simex.scenario.problems import did_you_mean
from simex.scenario.text import LANGUAGES

CHANNELS = get_args(DeliveryMethod)
TYPES = get_args(InjectType)
_UNIT = re.compile(r"^\s*\+?\s*(?:\d+(?:\.\d+)?\s*(?:min|[dhms])\s*)+$")
_LIST = re.compile(r"[,;\n]")


@dataclass
class Outcome:
    text: str                                    # the scenario file's new text
    changed: dict[str, list[str]] = field(default_factory=dict)   # inject -> columns changed
    added: list[str] = field(default_factory=list)
    # Languages whose columns were not read: the sheet's encoding cannot hold
    # their script (a CSV saved by Excel as Windows-1252 turns Arabic into '?').
    kept: list[str] = field(default_factory=list)


def _render_text(text: dict) -> str:
    """A {lang: text} value: a quoted string when English only, else a flow mapping."""
    if set(text) == {"en"}:
        return quoted(text["en"])
    return "{" + ", ".join(f"{lang}: {quoted(v)}" for lang, v in text.items()) + "}"


def _render_actions(actions: list[dict]) -> str:
    return "[" + ", ".join(_render_text(a) for a in actions) + "]"


def _ids(cell: str) -> list[str]:
    return [part.strip() for part in _LIST.split(cell) if part.strip()]


def _lines(cell: str) -> list[str]:
    lines = [line.strip() for line in cell.split("\n")]
    while lines and not lines[-1]:
        lines.pop()
    return lines


class _Import:
    def __init__(self, scenario: Scenario, text: str, sheet: Sheet):
        self.t = translator("en")
        self.scenario, self.sheet = scenario, sheet
        self.editor = Editor(text)
        self.raw = yaml.safe_load(text)
        self.problems: list[SheetProblem] = []
        self.agencies = [a.id for a in scenario.agencies]
        self.objectives = [o.id for o in scenario.objectives]
        self.langs = list(LANGUAGES)
        self.outcome = Outcome(text)

    def problem(self, row: int, column: str, message: str) -> None:
        self.problems.append(self.sheet.problem(row, column, message))

    # --- the header --------------------------------------------------------------------
    def check_header(self) -> None:
        known = C.header(self.langs)
        for name in self.sheet.header:
            if name and name not in known:
                hint = did_you_mean(name, known)
                within = [k for k in C.header(["en"]) if name in k]
                if not hint and len(within) == 1:   # "notes" for "controller notes"
                    hint = did_you_mean(within[0], within)
                self.problem(1, name, self.t.gettext("not an MSEL column{hint}; the columns are {columns}").format(
                    hint=hint, columns=", ".join(C.header(["en"]))))
        if C.NUMBER not in self.sheet.header:
            self.problem(1, "", self.t.gettext("no column 'number': each row is matched to its inject by number"))

    # --- cells -------------------------------------------------------------------------
    def _check_ids(self, row: int, column: str, ids: list[str], options: list[str], what: str) -> bool:
        ok = True
        for i in ids:
            if i not in options:
                ok = False
                self.problem(row, column, self.t.gettext("{value!r} is not {what}{hint}").format(
                    value=i, what=what, hint=did_you_mean(i, options)))
        return ok

    def wanted(self, row, present: set[str]) -> dict:
        """The values of the row's present columns, checked; problems recorded."""
        t, n, out = self.t, row.row, {}
        if C.TIME in present:
            cell = row[C.TIME]
            if cell.startswith(C.TRIGGER_PREFIX):
                out["time"] = ("trigger", cell)
            elif not _UNIT.match(cell):
                self.problem(n, C.TIME, t.gettext("{value!r} is not a time: write it with its unit, e.g. 45m, "
                                                  "1h30m or 2d").format(value=cell))
            else:
                out["time"] = ("at", cell, parse_duration(cell))
        if C.FROM in present:
            cell = row[C.FROM]
            if self._check_ids(n, C.FROM, [cell], self.agencies + list(SENDERS),
                               t.gettext("an agency or one of control, simcell, media, public")):
                out["from"] = cell
        if C.TO in present:
            ids = _ids(row[C.TO])
            if not ids:
                self.problem(n, C.TO, t.gettext("an inject goes to at least one agency"))
            elif self._check_ids(n, C.TO, ids, self.agencies, t.gettext("an agency")):
                out["to"] = ids
        for column, key, options in ((C.CHANNEL, "via", CHANNELS), (C.TYPE, "type", TYPES)):
            if column in present:
                cell = row[column]
                if cell not in options:
                    self.problem(n, column, t.gettext("{value!r} is not one of {options}{hint}").format(
                        value=cell, options=", ".join(options), hint=did_you_mean(cell, options)))
                else:
                    out[key] = cell
        if C.OBJECTIVE in present:
            ids = _ids(row[C.OBJECTIVE])
            if self._check_ids(n, C.OBJECTIVE, ids, self.objectives, t.gettext("an objective")):
                out["objectives"] = ids
        if C.NOTES in present:
            out["notes"] = row[C.NOTES]
        for name, key in ((C.SYNOPSIS, "synopsis"), (C.TEXT, "text")):
            given = {lang: row[C.column(name, lang)] for lang in self.langs if C.column(name, lang) in present}
            if given:
                out[key] = given
                if "en" in given and not given["en"]:
                    self.problem(n, C.column(name, "en"), t.gettext("English text is required"))
        given = {lang: _lines(row[C.column(C.EXPECTED, lang)]) for lang in self.langs
                 if C.column(C.EXPECTED, lang) in present}
        if given:
            out["expected"] = given
        return out

    # --- edits -------------------------------------------------------------------------
    def _text(self, item: Node, key: str, old: dict, given: dict) -> bool:
        new = {**old, **{lang: v for lang, v in given.items() if v}}
        for lang, v in given.items():
            if not v and lang != "en":
                new.pop(lang, None)
        if new == old:
            return False
        node = item.keys[key][2]
        if node.kind == "map":
            self._languages(node, old, new)
        else:
            self.editor.replace(item, key, _render_text(new))
        return True

    def _languages(self, node: Node, old: dict, new: dict) -> None:
        """Edit a {lang: text} mapping one language at a time (the others keep their quoting)."""
        for lang in [lg for lg in LANGUAGES if lg in old or lg in new]:
            if old.get(lang) != new.get(lang):
                self.editor.set(node, lang, quoted(new[lang]) if lang in new else None)

    @staticmethod
    def _expected(old: list[dict], given: dict[str, list[str]]) -> list[dict]:
        """Expected actions: line i of each language's column is action i in that language."""
        count = max([len(old)] + [len(lines) for lines in given.values()])
        new = []
        for i in range(count):
            action = dict(old[i]) if i < len(old) else {}
            for lang, lines in given.items():
                value = lines[i] if i < len(lines) else ""
                if value:
                    action[lang] = value
                else:
                    action.pop(lang, None)
            if action:
                new.append(action)
        return new

    def edit(self, row, index: int, want: dict) -> list[str]:
        inject, raw = self.scenario.injects[index], self.raw["injects"][index]
        item = self.editor.root.keys["injects"][2].items[index]
        changed: list[str] = []
        if "time" in want:
            if want["time"][0] == "at" and inject.at is not None:
                if abs(want["time"][2] - inject.at) > 1e-9:
                    self.editor.set(item, "at", want["time"][1].strip())
                    changed.append(C.TIME)
            elif C.time_cell(raw) != want["time"][1]:
                self.problem(row.row, C.TIME, self.t.gettext(
                    "{inject} is delivered by a trigger: change its trigger or time in the scenario file, "
                    "not in the sheet").format(inject=inject.id))
        for key, old, column in (("from", inject.from_, C.FROM), ("via", inject.via, C.CHANNEL),
                                 ("type", inject.type, C.TYPE)):
            if key in want and want[key] != old:
                self.editor.set(item, key, scalar(want[key]))
                changed.append(column)
        for key, old, column in (("to", list(inject.to), C.TO), ("objectives", list(inject.objectives), C.OBJECTIVE)):
            if key in want and want[key] != old:
                ids = want[key]
                shape = item.keys.get(key, (0, 0, Node("seq", 0, 0)))[2]
                self.editor.set(item, key, None if not ids else
                                scalar(ids[0]) if len(ids) == 1 and shape.kind == "scalar" else flow(ids))
                changed.append(column)
        if "notes" in want and want["notes"] != (inject.notes or ""):
            self.editor.set(item, "notes", quoted(want["notes"]) if want["notes"] else None)
            changed.append(C.NOTES)
        for key, name in (("synopsis", C.SYNOPSIS), ("text", C.TEXT)):
            if key in want and self._text(item, key, dict(getattr(inject, key)), want[key]):
                changed.append(name)
        if "expected" in want:
            old = [dict(a) for a in inject.expected_actions]
            new = self._expected(old, want["expected"])
            if new != old:
                changed.append(C.EXPECTED)
                seq = item.keys.get("expected_actions", (0, 0, None))[2]
                if seq is not None and seq.kind == "seq" and len(seq.items) == len(new) == len(old):
                    for node, before, after in zip(seq.items, old, new):   # action by action
                        if before == after:
                            continue
                        if node.kind == "map":
                            self._languages(node, before, after)
                        else:
                            self.editor.replace_node(node, _render_text(after))
                else:
                    self.editor.set(item, "expected_actions", _render_actions(new) if new else None)
        return changed

    def add(self, row, number: str, want: dict) -> None:
        t = self.t
        missing = [c for c, k in ((C.TIME, "time"), (C.TO, "to"), (C.column(C.SYNOPSIS, "en"), "synopsis"),
                                  (C.column(C.TEXT, "en"), "text")) if k not in want or
                   (k in ("synopsis", "text") and not want[k].get("en"))]
        for column in missing:
            self.problem(row.row, column, t.gettext("a new inject ({inject}) needs this column").format(inject=number))
        if "time" in want and want["time"][0] != "at":
            self.problem(row.row, C.TIME, t.gettext("a new inject from the sheet is timed (e.g. 2h15m); give it a "
                                                    "trigger in the scenario file"))
        if missing or self.problems:
            return
        lines = [f"id: {scalar(number)}", f"at: {want['time'][1].strip()}"]
        lines += [f"{k}: {scalar(want[k])}" for k in ("from", "via", "type") if k in want]
        lines.append(f"to: {flow(want['to'])}")
        for key in ("synopsis", "text"):
            text = {lang: v for lang, v in want[key].items() if v}
            lines.append(f"{key}: {_render_text(text)}")
        expected = self._expected([], want.get("expected", {"en": []}))
        if expected:
            lines.append(f"expected_actions: {_render_actions(expected)}")
        if want.get("objectives"):
            lines.append(f"objectives: {flow(want['objectives'])}")
        if want.get("notes"):
            lines.append(f"notes: {quoted(want['notes'])}")
        self.editor.append_item(self.editor.root.keys["injects"][2], lines)
        self.outcome.added.append(number)

    def lost_languages(self) -> list[str]:
        """The languages a legacy-encoded CSV cannot hold: those with scenario
        text its encoding cannot write. Their columns came back as '?' and are
        left out, so a French Excel's Windows-1252 CSV never wipes the Arabic."""
        encoding = self.sheet.encoding
        if not encoding or encoding.lower().replace("-", "").replace("_", "").startswith("utf"):
            return []
        lost = []
        for lang in self.langs:
            texts = [text.get(lang, "") for inject in self.scenario.injects
                     for text in (inject.synopsis, inject.text, *inject.expected_actions)]
            try:
                "".join(texts).encode(encoding)
            except UnicodeEncodeError:
                lost.append(lang)
            except LookupError:
                return []
        return lost

    def run(self) -> Outcome:
        self.check_header()
        if self.problems:
            raise SheetError(self.problems)
        present = set(self.sheet.header)
        self.outcome.kept = self.lost_languages()
        present -= {C.column(name, lang) for name in C.PER_LANGUAGE for lang in self.outcome.kept}
        index = {inject.id: i for i, inject in enumerate(self.scenario.injects)}
        seen: dict[str, int] = {}
        for row in self.sheet.rows:
            number = row[C.NUMBER]
            if not number:
                self.problem(row.row, C.NUMBER, self.t.gettext("every row needs its inject's number"))
                continue
            if number in seen:
                self.problem(row.row, C.NUMBER, self.t.gettext("{inject} is also in row {row}").format(
                    inject=number, row=seen[number]))
                continue
            seen[number] = row.row
            want = self.wanted(row, present)
            if number in index:
                changed = self.edit(row, index[number], want)
                if changed:
                    self.outcome.changed[number] = changed
            else:
                self.add(row, number, want)
        if self.problems:
            raise SheetError(self.problems)
        self.outcome.text = self.editor.result()
        return self.outcome


def apply(scenario: Scenario, text: str, sheet: Sheet) -> Outcome:
    """The scenario's new text with the sheet's changes; raises SheetError
    listing every problem (nothing is applied then)."""
    if "injects" not in yaml.safe_load(text) and sheet.rows:
        raise SheetError([sheet.problem(0, "", translator("en").gettext(
            "the scenario has no 'injects:' section to import into; add 'injects: []' to it"))])
    outcome = _Import(scenario, text, sheet).run()
    if outcome.text == text:
        return outcome
    from simex.scenario.loader import check_text

    _, problems = check_text(outcome.text, "scenario")
    errors = [p for p in problems if p.is_error]
    if errors:
        rows = {number: row.row for row in sheet.rows for number in [row[C.NUMBER]]}
        located = []
        for p in errors:
            m = re.match(r"injects\[(\d+)\]", p.path)
            inject = outcome_inject(scenario, outcome, int(m[1])) if m else None
            located.append(sheet.problem(rows.get(inject, 0), "", translator("en").gettext(
                "after the import the scenario would be invalid: {path}: {message}").format(
                    path=p.path, message=p.message)))
        raise SheetError(located)
    return outcome


def outcome_inject(scenario: Scenario, outcome: Outcome, index: int) -> str | None:
    ids = [i.id for i in scenario.injects] + outcome.added
    return ids[index] if index < len(ids) else None
