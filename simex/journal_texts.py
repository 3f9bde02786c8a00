"""Long texts stored once in a journal (journal schema 2).

A message body travels in three rows: the send_message command, then the
message_sent and message_delivered events. Each row stored it whole, so a
page of text cost three pages of journal (issue 11, defect 3). From schema
2 on, a long `body` or `text` field is kept once in the `texts` table under
its content hash, and the row's stored payload holds `{"$text": key}` in
its place. This is storage only: the reader puts the text back before
anyone sees the row, and the row's digest is computed over the full payload,
so the digest chain and the seal protect the text exactly as before. A
text that no longer matches its key, or is gone, is named with the first
row that uses it.
"""
from __future__ import annotations

import hashlib
import json
import sqlite3
from typing import Any

from simex.events import canonical
from simex.reasons import Reason
from simex.words import N_

# Fields that can hold a page of text. Only top-level string fields are
# shared: a `{"$text": ...}` inside facts is a player's data, never a reference.
SHARED_FIELDS = ("body", "text")
# Shorter texts stay in the row: a reference costs about 45 characters and a
# texts row with its index about 60 bytes more.
SHARED_MIN = 256
REF = "$text"
TEXTS_SCHEMA = "CREATE TABLE IF NOT EXISTS texts (key TEXT PRIMARY KEY, text TEXT NOT NULL);"


def text_key(text: str) -> str:
    """The key a text is stored under: its SHA-256, as long as a row digest."""
    return hashlib.sha256(text.encode()).hexdigest()[:32]


class TextStore:
    """Writer side: turns a payload into the form stored in the row, and
    collects the texts the next commit must insert."""

    def __init__(self) -> None:
        self.pending: list[tuple[str, str]] = []
        self._known: set[str] = set()

    def stored(self, fields: dict[str, Any], payload: str) -> str:
        """The payload as the row stores it (`payload` itself if nothing is shared)."""
        refs = {}
        for name in SHARED_FIELDS:
            value = fields.get(name)
            if isinstance(value, str) and len(value) >= SHARED_MIN:
                key = text_key(value)
                if key not in self._known:
                    self._known.add(key)
                    self.pending.append((key, value))
                refs[name] = {REF: key}
        return canonical({**fields, **refs}) if refs else payload


class TextReader:
    """Reader side: the full payload of a stored row, or why it cannot be had."""

    def __init__(self, db: sqlite3.Connection):
        self.db = db
        self._texts: dict[str, str] = {}        # key -> text whose key it matches
        self._problems: dict[str, tuple[str, str]] = {}     # key -> why it cannot be had (template, detail)

    def expand(self, stored: str) -> tuple[str, Reason | None]:
        """(full payload, None) or (the stored payload, what is wrong)."""
        if f'"{REF}"' not in stored:    # quotes inside a JSON string are escaped: no false hit
            return stored, None
        try:
            fields = json.loads(stored)
        except json.JSONDecodeError:
            return stored, None         # the row's own damage; decoding names it
        if not isinstance(fields, dict):
            return stored, None
        changed = False
        for name in SHARED_FIELDS:
            ref = fields.get(name)
            if not (isinstance(ref, dict) and list(ref) == [REF]):
                continue
            key = ref[REF]
            text, problem = self._text(key)
            if problem:
                template, why = problem
                return stored, Reason(template, field=name, key=str(key)[:12], why=why)
            fields[name], changed = text, True
        return (canonical(fields), None) if changed else (stored, None)

    def _text(self, key) -> tuple[str | None, tuple[str, str] | None]:
        if not isinstance(key, str):
            return None, (N_("its {field} (text {key}…) is not a text key"), "")
        if key not in self._texts and key not in self._problems:
            try:
                row = self.db.execute("SELECT text FROM texts WHERE key = ?", (key,)).fetchone()
            except sqlite3.DatabaseError as exc:
                self._problems[key] = (N_("its {field} (text {key}…) cannot be read from the texts table ({why})"),
                                       str(exc))
            else:
                if row is None:
                    self._problems[key] = (N_("its {field} (text {key}…) is missing from the texts table"), "")
                elif not isinstance(row[0], str) or text_key(row[0]) != key:
                    self._problems[key] = (N_("its {field} (text {key}…) was changed in the texts table after it "
                                              "was written"), "")
                else:
                    self._texts[key] = row[0]
        return self._texts.get(key), self._problems.get(key)
