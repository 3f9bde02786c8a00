"""The journal: every event and every accepted command, append-only, in SQLite.

One file per exercise, WAL mode, so a reader (a report, a second console)
can read while the exercise writes, and a killed process leaves a readable
file. Rows carry no wall-clock time: the same run gives the same rows.
Each row also carries a digest chained to the previous one, so a
hand-edited journal is detected even where an edit happens to replay.

The scenario text is stored inside, so a journal can be replayed, resumed
and reported on even when the scenario file has since changed.
"""
from __future__ import annotations

import hashlib
import json
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from simex.engine.commands import Command, decode_command, encode_command
from simex.events import Event, decode, encode

SCHEMA_VERSION = 1
_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS entries (
    seq INTEGER PRIMARY KEY,   -- order of the record (events and commands together)
    t REAL NOT NULL,           -- scenario seconds since STARTEX
    type TEXT NOT NULL CHECK (type IN ('event', 'command')),
    kind TEXT NOT NULL,
    payload TEXT NOT NULL,     -- canonical JSON
    digest TEXT NOT NULL       -- sha256(previous digest | type | kind | t | payload)[:32]
);
"""


class JournalError(Exception):
    """A journal that cannot be read or does not belong to this use."""


@dataclass(frozen=True)
class Entry:
    row: int
    t: float
    type: str
    kind: str
    payload: str
    digest: str


def _digest(previous: str, type_: str, kind: str, t: float, payload: str) -> str:
    text = f"{previous}|{type_}|{kind}|{float(t)!r}|{payload}"
    return hashlib.sha256(text.encode()).hexdigest()[:32]


class Journal:
    """Append-side of a journal; also the engine's Sink."""

    def __init__(self, path: str | Path, *, meta: dict[str, str] | None = None, fresh: bool = True):
        self.path = Path(path)
        if fresh and self.path.exists():
            raise JournalError(f"{self.path} already exists; choose another file or resume it")
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(self.path, isolation_level=None)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")  # durable against a killed process
        self.db.executescript(_SCHEMA)
        self._pending: list[tuple] = []
        self._rows = 0
        self._last = ""
        self._index_offset = 0
        if fresh:
            self.db.execute("BEGIN")
            rows = {"schema": str(SCHEMA_VERSION), **(meta or {})}
            self.db.executemany("INSERT INTO meta VALUES (?, ?)", sorted(rows.items()))
            self.db.execute("COMMIT")
        else:
            last = self.db.execute("SELECT seq, digest FROM entries ORDER BY seq DESC LIMIT 1").fetchone()
            if last:
                self._rows, self._last = last[0] + 1, last[1]

    def skip_events(self, count: int) -> None:
        """On resume: the first `count` events the engine re-emits are already here."""
        self._index_offset = count

    def _append(self, type_: str, kind: str, t: float, payload: str) -> None:
        self._last = _digest(self._last, type_, kind, t, payload)
        self._pending.append((self._rows, t, type_, kind, payload, self._last))
        self._rows += 1

    def record_event(self, seq: int, event: Event) -> None:
        if self._index_offset:
            self._index_offset -= 1
            return
        self._append("event", event.kind, event.t, encode(event))

    def record_command(self, seq: int, command: Command) -> None:
        self._append("command", command.kind, command.t, encode_command(command))

    def flush(self) -> None:
        if not self._pending:
            return
        self.db.execute("BEGIN")
        self.db.executemany("INSERT INTO entries VALUES (?, ?, ?, ?, ?, ?)", self._pending)
        self.db.execute("COMMIT")
        self._pending.clear()

    def close(self) -> None:
        self.flush()
        self.db.close()


class JournalReader:
    def __init__(self, path: str | Path):
        self.path = Path(path)
        if not self.path.is_file():
            raise JournalError(f"{self.path}: no such journal file")
        try:
            self.db = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True)
            self.meta = dict(self.db.execute("SELECT key, value FROM meta"))
        except sqlite3.DatabaseError as exc:
            raise JournalError(f"{self.path}: not a simex journal ({exc})") from None
        if int(self.meta.get("schema", "0")) > SCHEMA_VERSION:
            raise JournalError(f"{self.path} was written by a newer simex (journal schema "
                               f"{self.meta['schema']}); upgrade simex to read it")

    def scenario(self):
        """The scenario stored in the journal (not the file, which may have changed
        since). Raises JournalError if it is missing or no longer loads."""
        from simex.scenario.loader import check_text

        if "scenario_text" not in self.meta:
            raise JournalError(f"{self.path}: the journal does not contain its scenario")
        scenario, problems = check_text(self.meta["scenario_text"], self.meta.get("scenario_path", "<journal>"))
        if scenario is None:
            first = next((p for p in problems if p.severity == "error"), None)
            raise JournalError(f"{self.path}: the scenario stored in the journal no longer loads: {first}")
        return scenario

    def entries(self) -> list[Entry]:
        rows = self.db.execute("SELECT seq, t, type, kind, payload, digest FROM entries ORDER BY seq")
        return [Entry(*row) for row in rows]

    def events(self) -> list[Event]:
        return [decode(e.kind, e.t, e.payload) for e in self.entries() if e.type == "event"]

    def commands(self) -> list[Command]:
        return [decode_command(e.kind, e.t, e.payload) for e in self.entries() if e.type == "command"]

    def broken_link(self) -> int | None:
        """The row where the digest chain breaks (a row was edited, inserted or
        removed), or None if the chain is intact."""
        previous = ""
        for entry in self.entries():
            expected = _digest(previous, entry.type, entry.kind, entry.t, entry.payload)
            if entry.digest != expected:
                return entry.row
            previous = entry.digest
        return None

    def close(self) -> None:
        self.db.close()


def run_meta(scenario_text: str, scenario_path: str, seed: int, bots: str,
             bot_agencies: tuple[str, ...], preroll: float | None = None) -> dict[str, str]:
    """What a journal needs to rebuild its exercise."""
    extra = {} if preroll is None else {"preroll": repr(float(preroll))}
    return {
        **extra,
        "scenario_text": scenario_text,
        "scenario_path": scenario_path,
        "scenario_sha256": hashlib.sha256(scenario_text.encode()).hexdigest(),
        "seed": str(seed),
        "bots": bots,
        "bot_agencies": json.dumps(list(bot_agencies)),
    }
