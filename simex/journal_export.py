"""One self-contained copy of a journal, to carry to another laptop.

While an exercise runs, and after a crash, the newest entries sit in the
`-wal` file beside the journal: a copy of the journal file alone misses
them. `export` writes a single file holding everything (SQLite's backup API
reads the -wal too), in rollback mode so nothing is kept beside it, and
marked closed. A journal whose -wal is already lost is only exported when
the loss is accepted: the copy is then resealed at what it holds and says so.
"""
from __future__ import annotations

import sqlite3
from pathlib import Path

from simex.journal import LOSS_ACCEPTED, SEALED_ENTRIES, SEALED_HEAD, WRITER, JournalError, JournalReader
from simex.journal_checks import missing_wal, seal_break
from simex.languages import translator


def export(source: str | Path, target: str | Path, *, accept_loss: bool = False, lang: str = "en") -> str:
    """Copy `source` to `target`; return one line, in `lang`, saying what was
    written. Raises JournalError (the target is then not created)."""
    t = translator(lang)
    source, target = Path(source), Path(target)
    if target.exists():
        raise JournalError(t.gettext("{file} already exists; choose another file").format(file=target))
    reader = JournalReader(source)
    partial = target.with_name(f".{target.name}.part")
    try:
        lost = missing_wal(reader)
        if lost and not accept_loss:
            raise JournalError(f"{source}: {lost(t)}")
        entries = reader.entries()
        seal = seal_break(reader)
        meta = {WRITER: "closed"}
        if accept_loss and (lost or seal):
            why = "its -wal file was missing" if lost else str(seal.message)   # meta stays English
            meta.update({SEALED_ENTRIES: str(len(entries)), SEALED_HEAD: entries[-1].digest if entries else "",
                         LOSS_ACCEPTED: f"{source.name} exported with the {len(entries)} entries it held; {why}"})
        partial.unlink(missing_ok=True)
        copy = sqlite3.connect(partial, isolation_level=None)
        try:
            reader.db.backup(copy)
            copy.execute("PRAGMA journal_mode=DELETE")   # one file, also while it is read
            copy.execute("BEGIN")
            copy.executemany("INSERT OR REPLACE INTO meta VALUES (?, ?)", sorted(meta.items()))
            copy.execute("COMMIT")
        finally:
            copy.close()
        partial.replace(target)
    except (OSError, sqlite3.Error) as exc:
        partial.unlink(missing_ok=True)
        raise JournalError(t.gettext("cannot write {path}: {reason}").format(path=target, reason=exc)) from None
    finally:
        reader.close()
    events = sum(1 for e in entries if e.type == "event")
    line = t.ngettext("{file}: {n} entry ({events}) in one file", "{file}: {n} entries ({events}) in one file",
                      len(entries)).format(
        file=target, n=len(entries),
        events=t.ngettext("{n} event", "{n} events", events).format(n=events) + ", " +
        t.ngettext("{n} command", "{n} commands", len(entries) - events).format(n=len(entries) - events))
    if LOSS_ACCEPTED in meta:
        # Translators: what the journal records about the loss follows, in the words it was recorded in
        return line + "; " + t.gettext("loss accepted: {why}").format(why=meta[LOSS_ACCEPTED])
    if seal:
        return line + "; " + t.gettext("the journal is damaged ({problem}): `simex replay {file}` says more").format(
            problem=seal.message, file=target)
    return line
