"""The journal: every event and every accepted command, append-only, in SQLite.

One file per exercise, WAL mode, so a reader (a report, a second console)
can read while the exercise writes, and a killed process leaves a readable
file. Rows carry no wall-clock time: the same run gives the same rows.
Each row also carries a digest chained to the previous one, so a
hand-edited journal is detected even where an edit happens to replay.

The journal is sealed: `meta` keeps the number of entries and the last
digest, updated in the same transaction as the rows, so a journal whose
last rows are gone is detected too. `meta` also says whether a writer has
it open: a file left by a crash whose -wal was not copied with it is
detected instead of silently missing its end. Sealing data lives in `meta`,
never in the rows, so the same run still gives byte-identical rows.

The scenario text is stored inside, so a journal can be replayed, resumed
and reported on even when the scenario file has since changed. A long text
(a message body) is stored once however many rows carry it
(simex/journal_texts.py); readers see every row whole.
"""
from __future__ import annotations

import hashlib
import json
import sqlite3
import sys
import threading
import weakref
from collections import deque
from dataclasses import fields as dataclass_fields
from functools import partial
from typing import TYPE_CHECKING, NamedTuple
from pathlib import Path

from simex.engine.commands import Command, decode_command
from simex.events import EVENT_TYPES, Event, Unreadable, canonical, decode, encode
from simex.journal_texts import REF, SHARED_FIELDS, TEXTS_SCHEMA, TextReader, TextStore
from simex.reasons import Reason
from simex.words import N_

if TYPE_CHECKING:   # imported when a journal first commits behind: `simex run` never does
    from concurrent.futures import Future

# 1: every row holds its whole payload. 2: long texts are kept once in
# `texts` (journal_texts.py). Both are read; a resumed journal keeps its own.
SCHEMA_VERSION = 2
_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS entries (
    seq INTEGER PRIMARY KEY,   -- order of the record (events and commands together)
    t REAL NOT NULL,           -- scenario seconds since STARTEX
    type TEXT NOT NULL CHECK (type IN ('event', 'command')),
    kind TEXT NOT NULL,
    payload TEXT NOT NULL,     -- canonical JSON; schema 2: a long text as {"$text": key} into texts
    digest TEXT NOT NULL       -- sha256(previous digest | type | kind | t | full payload)[:32]
);
"""
# Event kinds with no field the text store could keep once (journal_texts.py).
_NEVER_SHARE = frozenset(cls for cls in EVENT_TYPES.values()
                         if not {f.name for f in dataclass_fields(cls)} & set(SHARED_FIELDS))
# The interpreter's GIL switch interval while a journal commits behind (Journal.commit_behind).
SWITCH_INTERVAL = 0.0005
# meta keys the writer keeps up to date
SEALED_ENTRIES, SEALED_HEAD, WRITER, LOSS_ACCEPTED = "sealed_entries", "sealed_head", "writer", "loss_accepted"


class JournalError(Exception):
    """A journal that cannot be read or does not belong to this use. str() is
    the English; given a Reason, `reason` says it in the reader's language
    (simex.reasons.in_language)."""

    def __init__(self, message: "str | Reason") -> None:
        if isinstance(message, Reason):
            self.reason = message
        super().__init__(str(message))


class Entry(NamedTuple):
    """One row of the journal. A named tuple, not a dataclass: replay and
    reports build one per row, and this is several times cheaper to build."""

    row: int
    t: float
    type: str
    kind: str
    payload: str          # in full, with any text kept in `texts` put back
    digest: str
    flaw: Reason | None = None   # why a text the row refers to cannot be put back

    def damage(self) -> Reason | None:
        """What makes this row unreadable, whatever its content (None if nothing).
        SQLite keeps any value in any column, so a hand or a disk can put text in `t`."""
        if type(self.t) not in (int, float):
            return Reason(N_("its time {t} is not a number"), t=repr(self.t))
        # Checked for every row of every replay: plain tests, no generator.
        if not (isinstance(self.type, str) and isinstance(self.kind, str) and isinstance(self.payload, str)
                and isinstance(self.digest, str)):
            return Reason(N_("a column holds something other than text"))
        return self.flaw

    def decoded(self, strings: dict[str, str] | None = None) -> Event | Command:
        """The event or command this row holds. Raises JournalError naming the row.
        `strings`: texts shared by the events decoded with it (simex.events.rebuild)."""
        problem = self.damage()
        if problem is None:
            try:
                if self.type == "event":
                    return decode(self.kind, self.t, self.payload, strings)
                return decode_command(self.kind, self.t, self.payload)
            except KeyError:
                problem = Reason(N_("there is no event kind {kind}") if self.type == "event" else
                                 N_("there is no command kind {kind}"), kind=repr(self.kind))
            except json.JSONDecodeError as exc:
                problem = Reason(N_("its payload is not JSON ({why})"), why=exc.msg)
            except (TypeError, ValueError, AttributeError) as exc:
                problem = Reason(N_("its payload does not fit {kind} ({why})"), kind=self.kind, why=str(exc))
        raise JournalError(Reason(N_("row {row}: event {kind} cannot be read: {problem}") if self.type == "event" else
                                  N_("row {row}: command {kind} cannot be read: {problem}"),
                                  row=self.row, kind=str(self.kind), problem=problem))


# A row as SQLite gives it (with `flaw` as a seventh column) made into an
# Entry without a Python call per row.
_as_entry = partial(tuple.__new__, Entry)


def chain_digest(previous: str, type_: str, kind: str, t: float, payload: str) -> str:
    """A row's digest: it covers the row and, through `previous`, every row before it."""
    text = f"{previous}|{type_}|{kind}|{float(t)!r}|{payload}"
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def chained(entries: list[Entry]) -> int:
    """How many rows, from the first, are plainly whole and chained: numbered
    from 0 without a gap, of the column types simex writes, texts put back,
    each digest following from the one before (chain_digest, inlined: this
    runs for every row of every replay). The row it stops at may still be
    fine (an integer time); journal_checks.chain_break says what is wrong."""
    previous, sha256 = "", hashlib.sha256
    for at, (row, t, type_, kind, payload, digest, flaw) in enumerate(entries):
        if (row != at or flaw is not None or type(t) is not float or type(type_) is not str
                or type(kind) is not str or type(payload) is not str
                or digest != sha256(f"{previous}|{type_}|{kind}|{t!r}|{payload}".encode()).hexdigest()[:32]):
            return at
        previous = digest
    return len(entries)


def whole(text: str | None) -> bool:
    """A count as meta keeps it: ASCII digits only."""
    return text is not None and text.isascii() and text.isdigit()


def wal_file(path: str | Path) -> Path:
    """Where SQLite keeps the journal's committed entries until a checkpoint."""
    return Path(f"{path}-wal")


class Batch(NamedTuple):
    """What one flush hands to the commit: its rows, the texts they refer to,
    the seal after them, and how many events the journal then holds."""

    rows: list[tuple]
    texts: list[tuple[str, str]]
    sealed: tuple[str, str]      # (entries, head) for meta
    command: bool                # holds a command: committed with the durable setting
    events: int
    done: "Future | None"       # set when committing behind; None for a commit made inline


class _Behind:
    """The thread that commits a journal's batches, when it commits behind
    (Journal.commit_behind). It alone uses the connection while it runs."""

    def __init__(self) -> None:
        self.batches = None          # a queue.SimpleQueue once the thread starts
        self.thread: threading.Thread | None = None
        self.failed: BaseException | None = None

    def stop(self) -> None:
        """Commit what is queued, then end the thread."""
        if self.thread is not None:
            self.batches.put(None)
            self.thread.join()
            self.thread = None
            _switching.restore()


class _SwitchInterval:
    """The interpreter's GIL switch interval, lowered while any journal commits
    behind. Each SQLite call the committer makes lets go of the GIL and takes
    it back; with the default 5 ms a busy event loop (fan-out to hundreds of
    clients) keeps it that long each time: a commit took 11 ms (p50) instead
    of 2 with 0.5 ms (tools/commit_behind_gil.py). The interval matters only
    while two threads want the GIL; it is the process's setting, so it is
    put back once no journal commits behind."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.users = 0
        self.saved = sys.getswitchinterval()

    def lower(self) -> None:
        with self.lock:
            if self.users == 0:
                self.saved = sys.getswitchinterval()
                sys.setswitchinterval(min(self.saved, SWITCH_INTERVAL))
            self.users += 1

    def restore(self) -> None:
        with self.lock:
            self.users -= 1
            if self.users == 0:
                sys.setswitchinterval(self.saved)


_switching = _SwitchInterval()


def _future() -> "Future":
    """A promise of a commit (concurrent.futures, imported here so that a
    journal that never commits behind does not load it)."""
    from concurrent.futures import Future

    return Future()


def finished() -> "Future":
    """A future already done (nothing left to commit)."""
    future = _future()
    future.set_result(None)
    return future


def _finish(db: sqlite3.Connection, behind: _Behind) -> None:
    """Mark the journal closed and fold the -wal into the file, so the file alone
    is complete. Also runs when a Journal is dropped without close(): SQLite would
    checkpoint and delete the -wal anyway, and meta must then not say 'open'."""
    behind.stop()   # its last commits first: it owns the connection until then
    try:
        db.execute(f"INSERT OR REPLACE INTO meta VALUES ('{WRITER}', 'closed')")
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # a reader still open may keep part of it
    finally:
        db.close()


class Journal:
    """Append-side of a journal; also the engine's Sink.

    A flush that holds a command commits with `synchronous` (FULL: the -wal is
    forced to disk before the command is acknowledged, so a power cut loses no
    acknowledged command). A flush of events alone commits with NORMAL: such
    events follow from the commands and resume recreates them.

    By default a flush commits before it returns. A server makes it commit
    behind (commit_behind): a thread commits the batches in order, several
    that wait together in one transaction (one fsync), and `committing()`
    tells when the last flush is committed, so that the event loop goes on
    while the disk is slow and a command is acknowledged, and its events
    published, only once committed. The rows are made on the caller's
    thread, in the same order, so they are the same either way."""

    def __init__(self, path: str | Path, *, meta: dict[str, str] | None = None, fresh: bool = True,
                 synchronous: str = "FULL", schema: int = SCHEMA_VERSION):
        """`schema` is the layout of a new journal (1 only to measure or test the
        old one); a resumed journal keeps the layout it was written with."""
        self.path = Path(path)
        if fresh and self.path.exists():
            raise JournalError(Reason(N_("{path} already exists; choose another file or resume it"),
                                      path=str(self.path)))
        self.path.parent.mkdir(parents=True, exist_ok=True)
        # Used by one thread at a time: the caller's, or while committing behind, the committer's.
        self.db = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
        self.db.execute("PRAGMA journal_mode=WAL")
        self._durable, self._sync = synchronous, ""
        self.db.executescript(_SCHEMA)
        if not fresh:
            found = self.db.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
            schema = int(found[0]) if found and whole(found[0]) else 1
        self._texts = TextStore() if schema >= 2 else None
        if self._texts:
            self.db.executescript(TEXTS_SCHEMA)
        self._pending: list[tuple] = []
        self._rows = 0
        self._last = ""
        self._index_offset = 0
        self._events = 0              # events in the journal once what is pending is flushed
        if fresh:
            rows = {"schema": str(schema), **(meta or {})}
        else:
            last = self.db.execute("SELECT seq, digest FROM entries ORDER BY seq DESC LIMIT 1").fetchone()
            if last:
                self._rows, self._last = last[0] + 1, last[1]
            self._events = self.db.execute("SELECT count(*) FROM entries WHERE type = 'event'").fetchone()[0]
            rows = {}
        self.committed_events = self._events   # of those, how many are committed
        self.commits = 0                       # transactions flushes made (fewer: several in one)
        self._behind = _Behind()
        self._last_flush: Future | None = None   # the last flush committed behind, until asked for
        self.on_commit = None
        # The writer's own state (a session's clock: simex.session) at each
        # flush while committing behind, kept until the batch after it is
        # committed, so the writer can tell what is durable (settled()).
        self._stamp = None                       # commit_behind's `stamp`
        self._stamped = None                     # what it said at the last flush
        self._unsettled: deque = deque()          # (batch's future, stamp before its rows), oldest first
        rows.update({WRITER: "open", SEALED_ENTRIES: str(self._rows), SEALED_HEAD: self._last})
        self._set_sync(self._durable)
        self.db.execute("BEGIN")
        self.db.executemany("INSERT OR REPLACE INTO meta VALUES (?, ?)", sorted(rows.items()))
        self.db.execute("COMMIT")
        # The file itself (not only its -wal) now says a writer has it open, so a
        # copy of the file alone, made before a clean close, is recognised.
        self.db.execute("PRAGMA wal_checkpoint(PASSIVE)")
        self._finalizer = weakref.finalize(self, _finish, self.db, self._behind)

    def skip_events(self, count: int) -> None:
        """On resume: the first `count` events the engine re-emits are already here."""
        self._index_offset = count

    def _set_sync(self, mode: str) -> None:
        if mode != self._sync:
            self.db.execute(f"PRAGMA synchronous={mode}")
            self._sync = mode

    def _append(self, type_: str, kind: str, t: float, fields: dict) -> None:
        payload = canonical(fields)   # what encode() gives: the digest covers the full row
        self._row(type_, kind, t, payload, self._texts.stored(fields, payload) if self._texts else payload)

    def _row(self, type_: str, kind: str, t: float, payload: str, stored: str) -> None:
        """Chain the row's digest over its full text; keep `stored` (the text
        with long strings moved to the text store, or the same) for the flush."""
        self._last = last = chain_digest(self._last, type_, kind, t, payload)
        rows = self._rows
        self._pending.append((rows, t, type_, kind, stored, last))
        self._rows = rows + 1

    def record_event(self, seq: int, event: Event) -> None:
        if self._index_offset:
            self._index_offset -= 1
            return
        self._events += 1
        cls = type(event)
        if cls in _NEVER_SHARE:
            # Most events (world events, doctrine's) have no field a long text
            # can be in: encoded by their class's own encoder (the same text
            # as canonical(payload), without building the payload dict), and
            # no look-up in the text store.
            payload = encode(event)
            self._row("event", cls.kind, event.t, payload, payload)
        else:
            self._append("event", cls.kind, event.t, event.payload())

    def record_command(self, seq: int, command: Command) -> None:
        self._append("command", command.kind, command.t, command.payload())

    def flush(self) -> None:
        """Commit what was recorded since the last flush (or, committing
        behind, hand it to the committer: `committing()` says when it is done).
        Raises JournalError if an earlier commit behind failed: nothing may
        follow a hole in the journal."""
        self._raise_if_failed()
        if not self._pending:
            if self._stamp is not None:
                self._stamped = self._stamp()
            return
        texts: list[tuple[str, str]] = []
        if self._texts and self._texts.pending:
            texts, self._texts.pending = self._texts.pending, []
        batch = Batch(self._pending, texts, (str(self._rows), self._last),
                      any(row[2] == "command" for row in self._pending), self._events,
                      _future() if self._behind.thread is not None else None)
        self._pending = []
        if self._behind.thread is not None:
            self._last_flush = batch.done
            if self._stamp is not None:
                self._forget_settled()
                self._unsettled.append((batch.done, self._stamped))
                self._stamped = self._stamp()
            self._behind.batches.put(batch)
            return
        try:
            self._commit([batch])
        except BaseException:
            # Not written: kept for the next flush, as they were before it.
            self._pending = batch.rows + self._pending
            if self._texts:
                self._texts.pending[:0] = batch.texts
            raise
        self._last_flush = None

    def _raise_if_failed(self) -> None:
        if self._behind.failed is not None:
            raise JournalError(Reason(N_("{path}: an earlier commit failed ({why}); nothing more is written"),
                                      path=str(self.path), why=str(self._behind.failed)))

    def _commit(self, batches: list[Batch]) -> None:
        """One transaction for the batches, in order; durable if any holds a command."""
        self._set_sync(self._durable if any(b.command for b in batches) else "NORMAL")
        self.db.execute("BEGIN")
        try:
            for batch in batches:
                if batch.texts:   # before the rows that refer to them, in the same commit
                    self.db.executemany("INSERT OR IGNORE INTO texts VALUES (?, ?)", batch.texts)
                self.db.executemany("INSERT INTO entries VALUES (?, ?, ?, ?, ?, ?)", batch.rows)
            entries, head = batches[-1].sealed
            self.db.executemany("INSERT OR REPLACE INTO meta VALUES (?, ?)",
                                [(SEALED_ENTRIES, entries), (SEALED_HEAD, head)])
            self.db.execute("COMMIT")
        except BaseException:
            if self.db.in_transaction:
                self.db.execute("ROLLBACK")
            raise
        self.committed_events = batches[-1].events
        self.commits += 1

    def committing(self) -> "Future":
        """Done (its result None) once everything flushed so far is committed;
        raises, as its result, what made the commit fail."""
        return self._last_flush or finished()

    def wait(self) -> None:
        """Return once everything flushed so far is committed (at once unless
        committing behind). Raises what made the commit fail."""
        if self._last_flush is not None:
            self._last_flush.result()

    @property
    def behind(self) -> bool:
        """Whether flushes are committed on the journal's own thread."""
        return self._behind.thread is not None

    def settled(self):
        """What `stamp()` (commit_behind) said at the last flush before the
        first batch not yet committed: the writer's state once everything
        recorded before it was committed. None if every batch is committed
        (the writer's present state is then durable), or without a `stamp`.
        A batch whose commit failed is never settled: nothing after it is
        written. Called on the thread that flushes."""
        self._forget_settled()
        return self._unsettled[0][1] if self._unsettled else None

    def _forget_settled(self) -> None:
        """Drop the batches committed, in order, from the front of the unsettled."""
        unsettled = self._unsettled
        while unsettled:
            done, _ = unsettled[0]
            if not done.done() or done.exception() is not None:
                return
            unsettled.popleft()

    def commit_behind(self, committed=None, stamp=None) -> None:
        """From now on, commit on a thread of the journal's own (see the class).
        `committed()`, if given, is called on that thread after each commit.
        `stamp()`, if given, is called at each flush: the writer's state then
        (what `settled()` tells back)."""
        self.flush()
        self.on_commit = committed
        if stamp is not None:
            self._stamp, self._stamped = stamp, stamp()
        behind = self._behind
        if behind.thread is None:
            import queue

            behind.batches = queue.SimpleQueue()
            _switching.lower()
            behind.thread = threading.Thread(target=self._commit_behind, name=f"journal {self.path.name}",
                                             daemon=True)
            behind.thread.start()

    def _commit_behind(self) -> None:
        """The committer: takes every batch waiting, commits them together, then
        says so to each, in order. After a failure every later batch fails too."""
        batches = self._behind.batches
        stopping = False
        while not stopping:
            group = [batches.get()]
            while not batches.empty():
                group.append(batches.get())
            if None in group:     # stop() was called: commit what came before it, then end
                stopping = True
                group = group[:group.index(None)]
            if not group:
                continue
            failed = self._behind.failed
            if failed is None:
                try:
                    self._commit(group)
                except BaseException as exc:   # noqa: BLE001 - told to whoever waits on these batches
                    failed = self._behind.failed = exc
            for batch in group:
                if failed is None:
                    batch.done.set_result(None)
                else:
                    batch.done.set_exception(failed)
            if failed is None and self.on_commit is not None:
                self.on_commit()

    def close(self) -> None:
        if self._finalizer.alive:
            try:
                self.flush()
            finally:
                self._behind.stop()
                # What was committed is sealed and closed as usual; a commit
                # that failed while the committer finished is still said.
                self._set_sync(self._durable)
                self._finalizer()
            self._raise_if_failed()


class JournalReader:
    """Read side of a journal: one consistent snapshot, even while a writer appends."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        if not self.path.is_file():
            raise JournalError(Reason(N_("{path}: no such journal file"), path=str(self.path)))
        # Opening a WAL file, even read-only, leaves an empty -wal behind:
        # only one with content holds entries.
        wal = wal_file(self.path)
        self.wal_present = wal.is_file() and wal.stat().st_size > 0
        self._entries: list[Entry] | None = None
        self.db = None
        try:
            self.db = sqlite3.connect(f"{self.path.resolve().as_uri()}?mode=ro", uri=True, isolation_level=None)
            self.db.execute("BEGIN")   # meta and entries from the same snapshot
            self.meta = {str(k): v if isinstance(v, str) else str(v)
                         for k, v in self.db.execute("SELECT key, value FROM meta")}
        except sqlite3.DatabaseError as exc:
            self.close()
            raise JournalError(Reason(N_("{path}: not a simex journal ({why})"), path=str(self.path),
                                      why=str(exc))) from None
        schema = self.meta.get("schema")
        if not whole(schema):
            self.close()
            raise JournalError(Reason(N_("{path}: not a simex journal (meta 'schema' is missing)"), path=str(self.path))
                               if schema is None else
                               Reason(N_("{path}: not a simex journal (meta 'schema' is {value}, not a schema number)"),
                                      path=str(self.path), value=repr(schema)))
        if int(schema) > SCHEMA_VERSION:
            self.close()
            raise JournalError(Reason(N_("{path} was written by a newer simex (journal schema {schema}); upgrade "
                                         "simex to read it"), path=str(self.path), schema=schema))
        self.schema = int(schema)

    def scenario(self):
        """The scenario stored in the journal (not the file, which may have changed
        since). Raises JournalError if it is missing or no longer loads."""
        from simex.scenario.loader import check_text

        if "scenario_text" not in self.meta:
            raise JournalError(Reason(N_("{path}: the journal does not contain its scenario (no 'scenario_text' in "
                                         "meta)"), path=str(self.path)))
        scenario, problems = check_text(self.meta["scenario_text"], self.meta.get("scenario_path", "<journal>"))
        if scenario is None:
            first = next((p for p in problems if p.severity == "error"), None)
            first = " ".join(str(first).split())   # one line, whatever the problem's layout
            raise JournalError(Reason(N_("{path}: the scenario stored in the journal ('scenario_text') no longer "
                                         "loads: {problem}"), path=str(self.path), problem=first))
        if "attachments" in self.meta:
            from simex.scenario.attachments import restore

            restore(scenario, json.loads(self.meta["attachments"]),
                    Path(self.meta.get("scenario_path", ".")).parent)
        return scenario

    def entries(self) -> list[Entry]:
        """Every row, kept for the checks that read them more than once."""
        if self._entries is None:
            self._entries = self._all_rows()
        return self._entries

    def _all_rows(self) -> list[Entry]:
        """Every row at once. Replay reads a whole journal before it starts: the
        rows are made into entries inside C (a seventh, NULL column is `flaw`),
        and only the few rows that refer to a kept text go through Python."""
        try:
            entries = list(map(_as_entry, self.db.execute(
                "SELECT seq, t, type, kind, payload, digest, NULL FROM entries ORDER BY seq")))
            if self.schema >= 2:
                texts, ref = TextReader(self.db), f'"{REF}"'   # the test TextReader.expand starts with
                kept = [at for at, (*_, payload, _, _) in enumerate(entries) if type(payload) is str and ref in payload]
                for at in kept:
                    entries[at] = self._whole(entries[at], texts)
        except sqlite3.DatabaseError as exc:
            raise JournalError(Reason(N_("{path}: cannot read the entries table ({why})"), path=str(self.path),
                                      why=str(exc))) from None
        return entries

    def rows(self):
        """Every row in order, one at a time: from `entries()` if they are
        kept, else straight from the file, so decoding a long journal never
        holds its rows and its events together."""
        if self._entries is not None:
            yield from self._entries
            return
        try:
            texts = TextReader(self.db) if self.schema >= 2 else None
            for row in self.db.execute("SELECT seq, t, type, kind, payload, digest FROM entries ORDER BY seq"):
                yield self._whole(Entry(*row), texts) if texts else Entry(*row)
        except sqlite3.DatabaseError as exc:
            raise JournalError(Reason(N_("{path}: cannot read the entries table ({why})"), path=str(self.path),
                                      why=str(exc))) from None

    def forget_rows(self) -> None:
        """Let the rows `entries()` kept go (they are read again if asked for)."""
        self._entries = None

    @staticmethod
    def _whole(entry: Entry, texts: TextReader) -> Entry:
        if not isinstance(entry.payload, str):
            return entry
        payload, flaw = texts.expand(entry.payload)
        return entry if payload is entry.payload and flaw is None else \
            Entry(entry.row, entry.t, entry.type, entry.kind, payload, entry.digest, flaw)

    def events(self, skipped: list | None = None) -> list[Event]:
        """The recorded events. An unreadable row raises JournalError, or with
        `skipped` is described there and stands as an Unreadable event."""
        return self._decoded("event", skipped)

    def commands(self, skipped: list | None = None) -> list[Command]:
        return self._decoded("command", skipped)

    def _decoded(self, type_: str, skipped: list | None) -> list:
        out, last_t = [], 0.0
        strings: dict[str, str] = {}    # one copy of each text the events repeat
        for entry in self.rows():
            if entry.type != type_:
                continue
            try:
                out.append(entry.decoded(strings))
            except JournalError as exc:
                if skipped is None:
                    raise JournalError(Reason(N_("{path}: {problem}"), path=str(self.path), problem=exc.reason)) from None
                skipped.append(Reason(N_("{problem}; left out"), problem=exc.reason))
                if type_ == "event":   # keep every later event at its position
                    t = last_t if entry.damage() else entry.t
                    # The reason as a Say, so a report's timeline tells it in its language.
                    why = Reason(N_("event {kind} cannot be read: {problem}"), kind=str(entry.kind),
                                 problem=exc.reason.params["problem"])
                    out.append(Unreadable(t=t, row=entry.row, reason=why))
            last_t = out[-1].t if out else last_t
        return out

    def close(self) -> None:
        if self.db is not None:
            self.db.close()
            self.db = None


def run_meta(scenario_text: str, scenario_path: str, seed: int, bots: str,
             bot_agencies: tuple[str, ...], preroll: float | None = None,
             attachments: dict[str, dict] | None = None) -> dict[str, str]:
    """What a journal needs to rebuild its exercise (`attachments`: the
    fingerprints of the files injects hand out, simex.scenario.attachments)."""
    extra = {} if preroll is None else {"preroll": repr(float(preroll))}
    if attachments:
        extra["attachments"] = json.dumps(attachments, sort_keys=True)
    return {
        **extra,
        "scenario_text": scenario_text,
        "scenario_path": scenario_path,
        "scenario_sha256": hashlib.sha256(scenario_text.encode()).hexdigest(),
        "seed": str(seed),
        "bots": bots,
        "bot_agencies": json.dumps(list(bot_agencies)),
    }
